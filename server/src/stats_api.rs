//! `GET /api/stats[/regio/{id}|/gemeente/{code}]?<filter>`: the figures of an area as JSON, and
//! `…/{chart}.csv`: one chart's table as CSV. The same aggregation and the same tables as the
//! figures pages, so a number in a download is the number on the screen.

use crate::api::read_filter;
use crate::error::{Error, Result};
use crate::responses::{Precompressed, JSON};
use crate::state::AppState;
use crate::stats_json::AreaFigures;
use app::charts::build;
use app::url;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::AreaStats;

const CSV: &str = "text/csv; charset=utf-8";

pub fn routes() -> Router<AppState> {
    crate::api::versioned(crate::api::versioned(Router::new(), "/stats", get(province)), "/stats/{*rest}", get(area))
}

async fn province(state: State<AppState>, query: RawQuery, headers: HeaderMap) -> Result<Response> {
    respond(state, String::new(), query, headers).await
}

async fn area(state: State<AppState>, Path(rest): Path<String>, query: RawQuery, headers: HeaderMap) -> Result<Response> {
    respond(state, rest, query, headers).await
}

async fn respond(State(state): State<AppState>, rest: String, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    let snapshot = state.snapshot();
    let province = snapshot.catalog.province();
    // `regio/noord`, `regio/noord/normen.csv`, `normen.csv`.
    let (area_path, chart) = match rest.rsplit_once('/') {
        Some((area, last)) if last.ends_with(".csv") => (area.to_owned(), Some(last.trim_end_matches(".csv").to_owned())),
        None if rest.ends_with(".csv") => (String::new(), Some(rest.trim_end_matches(".csv").to_owned())),
        _ => (rest.clone(), None),
    };
    let area = url::parse_area(&area_path).filter(|a| province.has_area(a)).ok_or_else(|| {
        Error::NotFound(format!("onbekend gebied '{area_path}' (gebruik /api/v1/stats, /api/v1/stats/regio/{{id}} of /api/v1/stats/gemeente/{{code}})"))
    })?;
    let filter = read_filter(query.as_deref().unwrap_or(""), province)?;
    let key = format!("stats/{area_path}/{}?{}", chart.as_deref().unwrap_or(""), filter.to_query());
    let catalog = snapshot.catalog.clone();
    let name = chart.clone();
    let body = snapshot
        .responses
        .get_or_build(key, move || {
            let stats = AreaStats::of(&catalog, &filter, &area);
            match name {
                None => serde_json::to_vec(&AreaFigures::of(&stats)).map(|b| Precompressed::new(b, JSON)).map_err(|e| Error::Internal(e.to_string())),
                Some(id) => {
                    let chart = build::find(&stats, catalog.province(), &id).ok_or_else(|| {
                        let known: Vec<String> = build::all(&stats, catalog.province()).into_iter().map(|c| c.id).collect();
                        Error::NotFound(format!("onbekende grafiek '{id}' (bekend: {})", known.join(", ")))
                    })?;
                    Ok(Precompressed::new(chart.table.to_csv().into_bytes(), CSV))
                }
            }
        })
        .await?;
    let mut response = body.respond(&headers);
    if let Some(chart) = chart {
        let area_name = if area_path.is_empty() { province.name.to_lowercase() } else { area_path.replace('/', "-") };
        let disposition = format!("attachment; filename=\"woningbouw-{area_name}-{chart}.csv\"");
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
        }
    }
    Ok(response)
}
