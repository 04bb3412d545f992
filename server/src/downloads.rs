//! Downloads of the map's current selection (`/api/v1/projecten.csv` and `.geojson`, linked
//! from the map page with its own filter): a CSV as Dutch spreadsheets open it (`;` between
//! fields, a byte order mark so Excel reads UTF-8, decimal commas, one column per price class,
//! the point as `lon` and `lat`), and the flat GeoJSON GIS programs read. Both name the project
//! data's licence (a `Link: rel="license"` header; the GeoJSON also in its body).

use crate::api::read_filter;
use crate::bodies;
use crate::error::{Error, Result};
use crate::features::{self, Shape};
use crate::responses::{Precompressed, GEOJSON};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::{Catalog, Filter, PriceClass};
use serde_json::{json, Value};

pub const CSV: &str = "text/csv; charset=utf-8";

/// The CSV's columns before the price classes' and after them; each is a property of
/// [`features::flat`] (a test holds them to it), with the point as `lon` and `lat`.
const BEFORE: [&str; 11] = ["naam", "gemeente", "gemeentenaam", "regio", "kern", "adres", "lon", "lat", "locatie", "woningen", "woningen_totaal"];
const AFTER: [&str; 15] = [
    "hoofdklasse",
    "eengezins",
    "meergezins",
    "plantype",
    "ligging",
    "doelgroepen",
    "ontwikkelaar",
    "soort_ontwikkelaar",
    "status",
    "start",
    "oplevering",
    "bijgewerkt",
    "link",
    "omschrijving",
    "voorbeeld",
];

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/projecten.csv", get(csv)).route("/api/v1/projecten.geojson", get(geojson))
}

/// `GET /api/v1/projecten.csv?<filter>`.
async fn csv(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    download(&state, query, &headers, ("download-csv", |catalog, filter| Ok(Precompressed::new(table(catalog, filter)?, CSV))), "csv").await
}

/// `GET /api/v1/projecten.geojson?<filter>`.
async fn geojson(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    download(
        &state,
        query,
        &headers,
        ("download-geojson", |catalog, filter| Ok(Precompressed::new(bodies::json(&flat_collection(catalog, filter))?, GEOJSON))),
        "geojson",
    )
    .await
}

async fn download(state: &AppState, query: Option<String>, headers: &HeaderMap, build: (&str, bodies::Build), extension: &str) -> Result<Response> {
    let snapshot = state.snapshot();
    let province = snapshot.catalog.province();
    let filter = read_filter(query.as_deref().unwrap_or(""), province)?;
    let body = bodies::cached(&snapshot.responses, &snapshot.catalog, build.0, filter, build.1).await?;
    let mut response = body.respond(headers);
    let name: String = province.name.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let disposition = format!("attachment; filename=\"woningbouwprojecten-{name}.{extension}\"");
    let h = response.headers_mut();
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(|e| Error::Internal(e.to_string()))?);
    if let Ok(link) = HeaderValue::from_str(&format!("<{}>; rel=\"license\"; title=\"{}\"", province.licence.url, province.licence.name.replace('"', "'"))) {
        if !province.licence.url.is_empty() {
            h.insert(header::LINK, link);
        }
    }
    Ok(response)
}

/// The CSV's header: `id`, then [`BEFORE`], a column per price class, [`AFTER`].
pub fn columns() -> Vec<String> {
    std::iter::once("id".to_owned())
        .chain(BEFORE.iter().map(|c| (*c).to_owned()))
        .chain(PriceClass::ALL.iter().map(|c| features::class_column(*c)))
        .chain(AFTER.iter().map(|c| (*c).to_owned()))
        .collect()
}

/// The selected public projects as a Dutch CSV.
pub fn table(catalog: &Catalog, filter: &Filter) -> Result<Vec<u8>> {
    let columns = columns();
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let wrong = |e: csv::Error| Error::Internal(e.to_string());
        writer.write_record(&columns).map_err(wrong)?;
        let classes = filter.classes();
        for selected in catalog.select(filter) {
            let feature = features::flat(catalog, selected.project, classes, Shape::Point);
            let props = feature.properties.unwrap_or_default();
            let row = columns.iter().map(|column| match column.as_str() {
                "id" => selected.project.id.to_string(),
                "lon" => cell(props.get("centrum_lon")),
                "lat" => cell(props.get("centrum_lat")),
                other => cell(props.get(other)),
            });
            writer.write_record(row).map_err(wrong)?;
        }
        writer.flush().map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(out)
}

/// One value as a Dutch spreadsheet reads it: decimal comma, `ja`/`nee`, empty for none, and
/// text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) made plain text
/// with a leading apostrophe (OWASP's advice against CSV injection).
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::Bool(b)) => if *b { "ja" } else { "nee" }.to_owned(),
        Some(Value::Number(n)) if n.is_f64() => n.to_string().replace('.', ","),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The selected public projects as flat features (points and areas as known), with the
/// licence and the count.
pub fn flat_collection(catalog: &Catalog, filter: &Filter) -> geojson::FeatureCollection {
    let classes = filter.classes();
    let features: Vec<geojson::Feature> = catalog.select(filter).into_iter().map(|s| features::flat(catalog, s.project, classes, Shape::AsKnown)).collect();
    let licence = &catalog.province().licence;
    let mut members = serde_json::Map::new();
    members.insert("licentie".into(), json!({ "naam": licence.name, "adres": licence.url, "naamsvermelding": licence.credit }));
    members.insert("aantal".into(), json!(features.len()));
    geojson::FeatureCollection { bbox: None, features, foreign_members: Some(members) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_dutch_spreadsheet_reads_them_and_never_as_a_formula() {
        assert_eq!(cell(Some(&json!(6.5622))), "6,5622");
        assert_eq!(cell(Some(&json!(120))), "120");
        assert_eq!(cell(Some(&json!(true))), "ja");
        assert_eq!(cell(Some(&Value::Null)), "");
        assert_eq!(cell(None), "");
        for formula in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"] {
            assert_eq!(cell(Some(&json!(formula))), format!("'{formula}"));
        }
        assert_eq!(cell(Some(&json!("Beilen; Havengebied"))), "Beilen; Havengebied");
    }

    #[test]
    fn every_column_is_a_property_of_the_flat_feature_and_every_property_a_column() {
        use domain::test_support::{project, two_region_province};
        let catalog = Catalog::new(two_region_province(), vec![project("a", "GM0001", &[(PriceClass::SocialeHuur, 10)])], false);
        let project = &catalog.projects()[0];
        let props = features::flat(&catalog, project, domain::segment::ClassSet::ALL, Shape::Point).properties.unwrap();
        let mut expected: Vec<String> = props.keys().map(|k| k.replace("centrum_", "")).collect();
        expected.push("id".into());
        expected.sort();
        let mut got = columns();
        got.sort();
        assert_eq!(got, expected);
    }
}
