//! OGC API Features (Part 1: Core, with GeoJSON) over the public projects, at `/api/v1`: the
//! landing page, the conformance declaration, the one collection (`projecten`) with its extent,
//! and its items ([`items`]). What GIS programs (GDAL's `OAPIF` driver, QGIS, OWSLib) read, as
//! PDOK's services are read. Only public projects, from the same snapshot as everything else.
//! The types are georust's `ogcapi-types`; the items are our flat GeoJSON features.

mod html;
mod items;
mod request;

use crate::error::{Error, Result};
use crate::responses::{Precompressed, JSON};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::extent::Bbox;
use ogcapi_types::common::{link_rel, media_type, Collection, Collections, Crs, Extent, LandingPage, Link, SpatialExtent};
use request::{api_root, html_link, known_collection, licence_link, negotiated, only_format, Format, HTML};

pub use request::{origin, BASE, COLLECTION};

/// The conformance classes this API meets (and the tests in `server/tests/ogc.rs` check).
const CONFORMS_TO: [&str; 4] = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(landing))
        .route(&format!("{BASE}/openapi"), get(openapi))
        .route(&format!("{BASE}/conformance"), get(conformance))
        .route(&format!("{BASE}/collections"), get(collections))
        .route(&format!("{BASE}/collections/{{collection}}"), get(collection))
        .route(&format!("{BASE}/collections/{{collection}}/items"), get(items::items))
        .route(&format!("{BASE}/collections/{{collection}}/items/{{id}}"), get(items::item))
}

/// `GET /api/v1`: what the API offers, as links.
async fn landing(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    let format = only_format(query.as_deref(), &headers)?;
    let base = api_root(&headers);
    let province = state.live.province().name.clone();
    let page = || LandingPage {
        title: Some(format!("Publieke Woningbouwkaart {province}")),
        description: Some(format!("De openbare woningbouwprojecten in {province}, volgens OGC API Features.")),
        links: vec![
            json_link(&base, "", link_rel::SELF, "Deze pagina"),
            html_link(&base),
            Link::new(format!("{base}/openapi"), link_rel::SERVICE_DESC).mediatype(media_type::OPEN_API_JSON).title("De API beschreven in OpenAPI 3.0"),
            json_link(&base, "/conformance", link_rel::CONFORMANCE, "Welke delen van OGC API Features deze API volgt"),
            json_link(&base, "/collections", link_rel::DATA, "De collecties"),
        ]
        .into_iter()
        .chain(licence_link(state.live.province()))
        .collect(),
        attribution: state.live.province().licence.credit.clone(),
        ..LandingPage::default()
    };
    answer(&state, &format!("ogc-landing@{base}"), page, format, &[], &base, &headers).await
}

/// `GET /api/v1/openapi`: the public API in OpenAPI 3.0 ([`crate::openapi`]).
async fn openapi(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let origin = request::origin(&headers);
    let snapshot = state.snapshot();
    let key = format!("openapi@{origin}");
    let province = state.live.province().clone();
    let built = snapshot
        .responses
        .get_or_build(key, move || {
            Ok::<_, Error>(Precompressed::new(crate::bodies::json(&crate::openapi::document(&province, &origin))?, media_type::OPEN_API_JSON))
        })
        .await?;
    Ok(built.respond(&headers))
}

/// `GET /api/v1/conformance`.
async fn conformance(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    let format = only_format(query.as_deref(), &headers)?;
    let base = api_root(&headers);
    let doc = || serde_json::json!({ "title": "Conformiteit", "conformsTo": CONFORMS_TO });
    answer(&state, &format!("ogc-conformance@{base}"), doc, format, &[(&base, "Open data")], &format!("{base}/conformance"), &headers).await
}

/// `GET /api/v1/collections`: the one collection, described.
async fn collections(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    let format = only_format(query.as_deref(), &headers)?;
    let base = api_root(&headers);
    let all = || {
        let mut all = Collections::new(vec![describe(&state, &base)]);
        // The time of the data version, so the answer is the same until the data changes.
        all.time_stamp = Some(state.snapshot().published.clone());
        all.links = vec![json_link(&base, "/collections", link_rel::SELF, "De collecties"), html_link(&format!("{base}/collections"))];
        all
    };
    let path = format!("{base}/collections");
    answer(&state, &format!("ogc-collections@{base}"), all, format, &[(&base, "Open data")], &path, &headers).await
}

/// `GET /api/v1/collections/projecten`.
async fn collection(State(state): State<AppState>, Path(id): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    known_collection(&id)?;
    let format = only_format(query.as_deref(), &headers)?;
    let base = api_root(&headers);
    let collections = format!("{base}/collections");
    let path = format!("{collections}/{COLLECTION}");
    answer(
        &state,
        &format!("ogc-collection@{base}"),
        || describe(&state, &base),
        format,
        &[(&base, "Open data"), (&collections, "Collecties")],
        &path,
        &headers,
    )
    .await
}

/// The `projecten` collection: its extent (around every public project), its CRS, its links.
fn describe(state: &AppState, base: &str) -> Collection {
    let snapshot = state.snapshot();
    let catalog = &snapshot.catalog;
    let province = catalog.province();
    let bbox = catalog.projects().iter().map(|p| Bbox::of(&p.location)).reduce(Bbox::union);
    let path = format!("/collections/{COLLECTION}");
    Collection {
        id: COLLECTION.to_owned(),
        title: Some(format!("Woningbouwprojecten in {}", province.name)),
        description: Some(
            "Openbare woningbouwplannen: naam, gemeente, kern, aantallen woningen per prijsklasse, woonvorm, plantype, ontwikkelaar, status en verwachte oplevering. \
             Geometrie: het plangebied waar bekend, anders een punt (geometrie=punt geeft altijd het punt)."
                .to_owned(),
        ),
        item_type: Some("feature".to_owned()),
        extent: Some(Extent {
            spatial: Some(SpatialExtent { bbox: bbox.map(|b| vec![[b.west, b.south, b.east, b.north].into()]).unwrap_or_default(), crs: Crs::default() }),
            temporal: None,
        }),
        crs: vec![Crs::default()],
        links: vec![
            json_link(base, &path, link_rel::SELF, "Deze collectie"),
            html_link(&format!("{base}{path}")),
            Link::new(format!("{base}{path}/items"), link_rel::ITEMS).mediatype(media_type::GEO_JSON).title("De projecten"),
        ]
        .into_iter()
        .chain(licence_link(province))
        .collect(),
        attribution: province.licence.credit.clone(),
        ..Collection::default()
    }
}

fn json_link(base: &str, path: &str, rel: &str, title: &str) -> Link {
    Link::new(format!("{base}{path}"), rel).mediatype(media_type::JSON).title(title)
}

/// A description as JSON, or as HTML for people, built (by `build`) once per data version and
/// key, compressed and with an ETag. `trail` leads to it; `href` is its own address.
async fn answer<T: serde::Serialize>(
    state: &AppState,
    key: &str,
    build: impl FnOnce() -> T,
    format: Format,
    trail: &[(&str, &str)],
    href: &str,
    headers: &HeaderMap,
) -> Result<Response> {
    let snapshot = state.snapshot();
    let key = format!("{key}#{format:?}");
    if let Some(built) = snapshot.responses.get(&key) {
        return Ok(negotiated(built.respond(headers)));
    }
    let value = build();
    let body = match format {
        Format::Json => Precompressed::new(crate::bodies::json(&value)?, JSON),
        Format::Html => {
            let doc = serde_json::to_value(&value).map_err(|e| Error::Internal(e.to_string()))?;
            let title = doc["title"].as_str().unwrap_or("Open data").to_owned();
            let page = html::document(&snapshot.catalog, &title, trail, &html::describe(&doc), &format!("{href}?f=json"));
            Precompressed::new(page.into_bytes(), HTML)
        }
    };
    let built = snapshot.responses.get_or_build(key, move || Ok::<_, Error>(body)).await?;
    Ok(negotiated(built.respond(headers)))
}
