//! OGC API Features (Part 1: Core, with GeoJSON) over the public projects, at `/api/v1`: the
//! landing page, the conformance declaration, the one collection (`projecten`) with its extent,
//! and its items ([`items`]). What GIS programs (GDAL's `OAPIF` driver, QGIS, OWSLib) read, as
//! PDOK's services are read. Only public projects, from the same snapshot as everything else.
//! The types are georust's `ogcapi-types`; the items are our flat GeoJSON features.

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
use ogcapi_types::common::{link_rel, media_type, Collection, Collections, Conformance, Crs, Extent, LandingPage, Link, SpatialExtent};
use request::{api_root, known_collection, licence_link, only_format};

pub use request::{origin, BASE, COLLECTION};

/// The conformance classes this API meets (and the tests in `server/tests/ogc.rs` check).
const CONFORMS_TO: [&str; 2] =
    ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(landing))
        .route(&format!("{BASE}/conformance"), get(conformance))
        .route(&format!("{BASE}/collections"), get(collections))
        .route(&format!("{BASE}/collections/{{collection}}"), get(collection))
        .route(&format!("{BASE}/collections/{{collection}}/items"), get(items::items))
        .route(&format!("{BASE}/collections/{{collection}}/items/{{id}}"), get(items::item))
}

/// `GET /api/v1`: what the API offers, as links.
async fn landing(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    only_format(query.as_deref())?;
    let base = api_root(&headers);
    let province = state.live.province().name.clone();
    let page = LandingPage {
        title: Some(format!("Publieke Woningbouwkaart {province}")),
        description: Some(format!("De openbare woningbouwprojecten in {province}, volgens OGC API Features.")),
        links: vec![
            json_link(&base, "", link_rel::SELF, "Deze pagina"),
            json_link(&base, "/conformance", link_rel::CONFORMANCE, "Welke delen van OGC API Features deze API volgt"),
            json_link(&base, "/collections", link_rel::DATA, "De collecties"),
        ]
        .into_iter()
        .chain(licence_link(state.live.province()))
        .collect(),
        attribution: state.live.province().licence.credit.clone(),
        ..LandingPage::default()
    };
    small_json(&state, &format!("ogc-landing@{base}"), &page, &headers).await
}

/// `GET /api/v1/conformance`.
async fn conformance(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    only_format(query.as_deref())?;
    small_json(&state, "ogc-conformance", &Conformance::new(&CONFORMS_TO), &headers).await
}

/// `GET /api/v1/collections`: the one collection, described.
async fn collections(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    only_format(query.as_deref())?;
    let base = api_root(&headers);
    let mut all = Collections::new(vec![describe(&state, &base)]);
    // The time of the data version, so the answer is the same until the data changes.
    all.time_stamp = Some(state.snapshot().published.clone());
    all.links = vec![json_link(&base, "/collections", link_rel::SELF, "De collecties")];
    small_json(&state, &format!("ogc-collections@{base}"), &all, &headers).await
}

/// `GET /api/v1/collections/projecten`.
async fn collection(State(state): State<AppState>, Path(id): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    known_collection(&id)?;
    only_format(query.as_deref())?;
    let base = api_root(&headers);
    small_json(&state, &format!("ogc-collection@{base}"), &describe(&state, &base), &headers).await
}

/// The `projecten` collection: its extent (around every public project), its CRS, its links.
fn describe(state: &AppState, base: &str) -> Collection {
    let snapshot = state.snapshot();
    let catalog = &snapshot.catalog;
    let province = catalog.province();
    let bbox = catalog.projects().iter().map(|p| Bbox::of(&p.location)).reduce(|a, b| Bbox {
        west: a.west.min(b.west),
        south: a.south.min(b.south),
        east: a.east.max(b.east),
        north: a.north.max(b.north),
    });
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

/// A small JSON document, built once per data version and key, compressed and with an ETag.
async fn small_json(state: &AppState, key: &str, value: &impl serde::Serialize, headers: &HeaderMap) -> Result<Response> {
    let body = crate::bodies::json(value)?;
    let snapshot = state.snapshot();
    let built = snapshot.responses.get_or_build(key.to_owned(), move || Ok::<_, Error>(Precompressed::new(body, JSON))).await?;
    Ok(built.respond(headers))
}
