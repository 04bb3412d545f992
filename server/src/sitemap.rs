//! For search engines: `robots.txt` (the embed and the management pages are not for an index)
//! and a sitemap of every public page a resident would search for: the map, the figures pages
//! of the province, each region and municipality, the explanations, and each public project
//! (`/?project=…`, with the day it last changed). The sitemap is an index of files of at most
//! [`PER_FILE`] addresses (the protocol allows 50,000), so 100,000 projects fit.

use crate::error::{Error, Result};
use crate::responses::Precompressed;
use crate::state::AppState;
use app::escape::attribute as escape;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::{Area, Catalog};
use std::fmt::Write;

/// Addresses per sitemap file.
pub const PER_FILE: usize = 40_000;
const XML: &str = "application/xml; charset=utf-8";

pub fn routes() -> Router<AppState> {
    Router::new().route("/robots.txt", get(robots)).route("/sitemap.xml", get(index)).route("/sitemaps/{file}", get(file))
}

async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let origin = crate::ogc::origin(&headers);
    let text = format!(
        "# Publieke Woningbouwkaart {}\nUser-agent: *\nDisallow: /embed\nAllow: /embed/maken\nDisallow: /beheer\nDisallow: /api/beheer\n\nSitemap: {origin}/sitemap.xml\n",
        state.live.province().name
    );
    cached(&state, format!("robots@{origin}"), text, "text/plain; charset=utf-8", &headers).await
}

/// `GET /sitemap.xml`: the index of the sitemap files.
async fn index(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let origin = crate::ogc::origin(&headers);
    let files = state.snapshot().catalog.projects().len().div_ceil(PER_FILE);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for name in std::iter::once("gebieden.xml".to_owned()).chain((1..=files).map(|n| format!("projecten-{n}.xml"))) {
        let _ = writeln!(xml, "<sitemap><loc>{}</loc></sitemap>", escape(&format!("{origin}/sitemaps/{name}")));
    }
    xml.push_str("</sitemapindex>\n");
    cached(&state, format!("sitemap@{origin}"), xml, XML, &headers).await
}

/// `GET /sitemaps/gebieden.xml` (the site's pages per area) or `/sitemaps/projecten-N.xml`.
async fn file(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Result<Response> {
    let origin = crate::ogc::origin(&headers);
    let snapshot = state.snapshot();
    let catalog = &snapshot.catalog;
    let missing = || Error::NotFound(format!("sitemap '{}' bestaat niet; zie /sitemap.xml", file.chars().take(60).collect::<String>()));
    let urls: Vec<(String, Option<String>)> = if file == "gebieden.xml" {
        pages(catalog).into_iter().map(|path| (path, None)).collect()
    } else {
        let n: usize =
            file.strip_prefix("projecten-").and_then(|f| f.strip_suffix(".xml")).and_then(|n| n.parse().ok()).filter(|n| *n >= 1).ok_or_else(missing)?;
        let chunk = catalog.projects().chunks(PER_FILE).nth(n - 1).ok_or_else(missing)?;
        chunk.iter().map(|p| (app::url::href("/", &app::url::with("", app::url::PROJECT, Some(p.id.as_str()))), Some(p.last_updated.clone()))).collect()
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, day) in urls {
        let lastmod = day.filter(|d| d.len() == 10).map(|d| format!("<lastmod>{}</lastmod>", escape(&d))).unwrap_or_default();
        let _ = writeln!(xml, "<url><loc>{}</loc>{lastmod}</url>", escape(&format!("{origin}{path}")));
    }
    xml.push_str("</urlset>\n");
    cached(&state, format!("sitemap/{file}@{origin}"), xml, XML, &headers).await
}

/// The site's pages that are the same for everyone: the map, the figures of the province and
/// of each region and municipality, the explanations.
fn pages(catalog: &Catalog) -> Vec<String> {
    let province = catalog.province();
    let areas = province.regions.iter().map(|r| Area::Region(r.id.clone())).chain(province.municipalities.iter().map(|m| Area::Municipality(m.code.clone())));
    ["/", "/regio", "/prijsklassen", "/toegankelijkheid", "/embed/maken"]
        .into_iter()
        .map(str::to_owned)
        .chain(areas.map(|a| format!("/{}", app::url::area_path(&a))))
        .collect()
}

async fn cached(state: &AppState, key: String, text: String, content_type: &'static str, headers: &HeaderMap) -> Result<Response> {
    let snapshot = state.snapshot();
    let body = snapshot.responses.get_or_build(key, move || Ok::<_, Error>(Precompressed::new(text.into_bytes(), content_type))).await?;
    Ok(body.respond(headers))
}
