//! OGC API Features (Part 1: Core, with GeoJSON and HTML; Part 2: CRS by reference; Part 3's
//! queryables as query parameters) over the public projects, at `/api/v1`: the landing page, the
//! conformance declaration, the one collection (`projecten`) with its extent, CRSs and
//! queryables, and its items ([`items`], in RD New on request: [`crs`]). What GIS programs (GDAL's `OAPIF` driver, QGIS, OWSLib) read, as
//! PDOK's services are read. Only public projects, from the same snapshot as everything else.
//! The types are georust's `ogcapi-types`; the items are our flat GeoJSON features.

mod crs;
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
use ogcapi_types::common::{link_rel, media_type, Collection, Collections, Extent, LandingPage, Link, SpatialExtent};
use request::{api_root, html_link, known_collection, licence_link, negotiated, only_format, Format, HTML};

pub use crs::Crs;
pub use items::OWN_KEYS as ITEMS_KEYS;
pub use request::{origin, BASE, COLLECTION};

/// The conformance classes this API meets (and the tests in `server/tests/ogc.rs` check).
const CONFORMS_TO: [&str; 7] = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
];

/// The relation of a collection's queryables (OGC API Features Part 3).
const QUERYABLES_REL: &str = "http://www.opengis.net/def/rel/ogc/1.0/queryables";
/// A JSON Schema.
const SCHEMA_JSON: &str = "application/schema+json";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BASE, get(landing))
        .route(&format!("{BASE}/conformance"), get(conformance))
        .route(&format!("{BASE}/collections"), get(collections))
        .route(&format!("{BASE}/collections/{{collection}}"), get(collection))
        .route(&format!("{BASE}/collections/{{collection}}/queryables"), get(queryables))
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
    let place = Place { key: format!("ogc-landing@{base}"), trail: &[], href: base.clone() };
    answer(&state, place, page, format, JSON, &headers).await
}

/// `GET /api/v1/conformance`.
async fn conformance(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    let format = only_format(query.as_deref(), &headers)?;
    let base = api_root(&headers);
    let doc = || serde_json::json!({ "title": "Conformiteit", "conformsTo": CONFORMS_TO });
    let place = Place { key: format!("ogc-conformance@{base}"), trail: &[(&base, "Open data")], href: format!("{base}/conformance") };
    answer(&state, place, doc, format, JSON, &headers).await
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
    let place = Place { key: format!("ogc-collections@{base}"), trail: &[(&base, "Open data")], href: format!("{base}/collections") };
    answer(&state, place, all, format, JSON, &headers).await
}

/// `GET /api/v1/collections/projecten`.
async fn collection(State(state): State<AppState>, Path(id): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    known_collection(&id)?;
    let format = only_format(query.as_deref(), &headers)?;
    let base = api_root(&headers);
    let collections = format!("{base}/collections");
    let place = Place {
        key: format!("ogc-collection@{base}"),
        trail: &[(&base, "Open data"), (&collections, "Collecties")],
        href: format!("{collections}/{COLLECTION}"),
    };
    answer(&state, place, || describe(&state, &base), format, JSON, &headers).await
}

/// `GET /api/v1/collections/projecten/queryables`: what the items can be filtered on, as a
/// JSON Schema (Part 3); each is a query parameter of the items, as on the map. The schemas
/// are the OpenAPI document's ([`crate::filter_schema::filter_schemas`]), so the two cannot differ.
async fn queryables(State(state): State<AppState>, Path(id): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    known_collection(&id)?;
    let format = only_format(query.as_deref(), &headers)?;
    let base = api_root(&headers);
    let collection = format!("{base}/collections/{COLLECTION}");
    let href = format!("{collection}/queryables");
    let schema = || {
        let properties: serde_json::Map<String, serde_json::Value> = crate::filter_schema::filter_schemas(state.live.province())
            .into_iter()
            .map(|(name, description, mut schema)| {
                // A list of values is the same parameter given more than once (or comma-separated):
                // each queryable is one value.
                if schema["type"] == "array" {
                    schema = schema["items"].clone();
                }
                schema["description"] = description.into();
                (name.to_owned(), schema)
            })
            .collect();
        serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": href,
            "type": "object",
            "title": "Filters op de projecten",
            "description": "Elk is een parameter van de items (zoals op de kaart). Meerdere waarden: de parameter herhalen.",
            "properties": properties,
            "additionalProperties": false,
        })
    };
    let place = Place {
        key: format!("ogc-queryables@{base}"),
        trail: &[(&base, "Open data"), (&format!("{base}/collections"), "Collecties"), (&collection, "Projecten")],
        href: href.clone(),
    };
    answer(&state, place, schema, format, SCHEMA_JSON, &headers).await
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
            spatial: Some(SpatialExtent {
                bbox: bbox.map(|b| vec![[b.west, b.south, b.east, b.north].into()]).unwrap_or_default(),
                crs: ogcapi_types::common::Crs::default(),
            }),
            temporal: None,
        }),
        crs: crs::Crs::ALL.iter().map(|c| c.uri().parse().expect("an OGC CRS URI")).collect(),
        storage_crs: Some(ogcapi_types::common::Crs::default()),
        links: vec![
            json_link(base, &path, link_rel::SELF, "Deze collectie"),
            html_link(&format!("{base}{path}")),
            Link::new(format!("{base}{path}/items"), link_rel::ITEMS).mediatype(media_type::GEO_JSON).title("De projecten"),
            Link::new(format!("{base}{path}/queryables"), QUERYABLES_REL).mediatype(SCHEMA_JSON).title("Waarop te filteren is"),
            // The whole collection in one file each (the downloads of the map's selection, unfiltered).
            Link::new(format!("{base}/projecten.csv"), "enclosure").mediatype("text/csv").title("Alle projecten als CSV"),
            Link::new(format!("{base}/projecten.geojson"), "enclosure").mediatype(media_type::GEO_JSON).title("Alle projecten als GeoJSON"),
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

/// Where a description is: the key it is cached under, the trail of pages that leads to it (for
/// its HTML) and its own address.
struct Place<'a> {
    key: String,
    trail: &'a [(&'a str, &'a str)],
    href: String,
}

/// A description as JSON (of type `media`), or as HTML for people, built (by `build`) once per
/// data version and key, compressed and with an ETag.
async fn answer<T: serde::Serialize>(
    state: &AppState,
    place: Place<'_>,
    build: impl FnOnce() -> T,
    format: Format,
    media: &'static str,
    headers: &HeaderMap,
) -> Result<Response> {
    let snapshot = state.snapshot();
    let Place { key, trail, href } = place;
    let key = format!("{key}#{format:?}");
    if let Some(built) = snapshot.responses.get(&key) {
        return Ok(negotiated(built.respond(headers)));
    }
    let value = build();
    let body = match format {
        Format::Json => Precompressed::new(crate::bodies::json(&value)?, media),
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
