//! The public API described in OpenAPI 3.0 (`GET /api/v1/openapi`, linked from the OGC landing
//! page as `service-desc`). Generated here from what the code reads: the filter's parameter names
//! and the slugs of each enumeration (`domain::query`, the domain's `ALL` lists), the province's
//! own regions and municipalities, the OGC parameters of `ogc::items`. The handlers read a raw
//! query string, so derive macros over typed handlers (utoipa) would describe types we do not
//! have; generating the document from the parsers' own constants keeps it from drifting all the
//! same. `scripts/open-data-clients` checks it with openapi-spec-validator.

use crate::error::{Error, Result};
use crate::responses::Precompressed;
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::query as q;
use domain::Province;
use serde_json::{json, Map, Value};

/// Where the document is served (and, as the Dutch API Design Rules ask, at `openapi.json`).
const PATH: &str = "/api/v1/openapi";

/// The API's version, semantic (the Dutch API Design Rules): in the document's `info` and in
/// every `/api` answer's `API-Version` header. The major version is the path's `v1`.
pub const API_VERSION: &str = "1.0.0";

pub fn routes() -> Router<AppState> {
    Router::new().route(PATH, get(serve)).route("/api/v1/openapi.json", get(serve))
}

/// `GET /api/v1/openapi`, built once per data version and origin (its server is the origin the
/// client reached).
async fn serve(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let origin = crate::ogc::origin(&headers);
    let snapshot = state.snapshot();
    let province = state.live.province().clone();
    let contact = state.province.contact.clone();
    let built = snapshot
        .responses
        .get_or_build(format!("openapi@{origin}"), move || {
            Ok::<_, Error>(Precompressed::new(
                crate::bodies::json(&document(&province, contact.as_ref(), &origin))?,
                ogcapi_types::common::media_type::OPEN_API_JSON,
            ))
        })
        .await?;
    Ok(built.respond(&headers))
}

/// The document for a province, with `origin` as its server.
pub fn document(province: &Province, contact: Option<&app::page_data::Contact>, origin: &str) -> Value {
    let mut parameters = Map::new();
    for (name, p) in filter_parameters(province).into_iter().chain(ogc_parameters()) {
        parameters.insert(name, p);
    }
    let filter_refs: Vec<Value> = q::FILTER_KEYS.iter().map(|k| json!({ "$ref": format!("#/components/parameters/{k}") })).collect();
    let items_refs: Vec<Value> =
        crate::ogc::ITEMS_KEYS.iter().map(|k| json!({ "$ref": format!("#/components/parameters/{k}") })).chain(filter_refs.iter().cloned()).collect();
    let f_only = vec![json!({ "$ref": "#/components/parameters/f" })];
    let collection_id = json!({ "name": "collectionId", "in": "path", "required": true, "schema": { "type": "string", "enum": [crate::ogc::COLLECTION] } });
    let feature_id = json!({ "name": "featureId", "in": "path", "required": true, "schema": { "type": "string" }, "description": "Het id van een openbaar project (zoals `GM0114-17`)." });
    let region_id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "enum": province.regions.iter().map(|r| r.id.as_str()).collect::<Vec<_>>() } });
    let municipality_code = json!({ "name": "code", "in": "path", "required": true, "schema": { "type": "string", "enum": province.municipalities.iter().map(|m| m.code.as_str()).collect::<Vec<_>>() } });
    let layer = json!({ "name": "laag", "in": "path", "required": true, "schema": { "type": "string", "enum": ["gemeenten", "regios", "provincie"] } });
    let project_id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } });
    let mut paths = Map::new();
    let mut get = |path: &str, summary: &str, params: Vec<Value>, responses: Value| {
        paths.insert(path.to_owned(), json!({ "get": { "summary": summary, "parameters": params, "responses": responses } }));
    };
    let json_ok = |what: &str| ok(what, &["application/json", "text/html"]);
    let geojson_ok = |what: &str| ok(what, &["application/geo+json", "text/html"]);
    get("/api/v1", "Landingspagina (OGC API Features)", f_only.clone(), with_400(json_ok("Wat de API biedt, als links.")));
    get("/api/v1/conformance", "Welke delen van OGC API Features deze API volgt", f_only.clone(), with_400(json_ok("De conformiteitsklassen.")));
    get("/api/v1/collections", "De collecties", f_only.clone(), with_400(json_ok("De collectie `projecten`.")));
    get(
        "/api/v1/collections/{collectionId}",
        "De collectie, met haar omvang",
        vec![collection_id.clone(), f_only[0].clone()],
        with_404(json_ok("De collectie.")),
    );
    get(
        "/api/v1/collections/{collectionId}/queryables",
        "Waarop de projecten te filteren zijn (JSON Schema; elk als parameter van de items)",
        vec![collection_id.clone(), f_only[0].clone()],
        with_404(ok("De queryables.", &["application/schema+json", "text/html"])),
    );
    get(
        "/api/v1/collections/{collectionId}/items",
        "Openbare projecten, per pagina",
        [vec![collection_id.clone()], items_refs].concat(),
        with_404(geojson_ok("Een FeatureCollection met `numberMatched`, `numberReturned`, `timeStamp` en links (`next`, `prev`).")),
    );
    get(
        "/api/v1/collections/{collectionId}/items/{featureId}",
        "Eén openbaar project",
        vec![
            collection_id,
            feature_id,
            f_only[0].clone(),
            json!({ "$ref": "#/components/parameters/geometrie" }),
            json!({ "$ref": "#/components/parameters/crs" }),
            json!({ "$ref": "#/components/parameters/skipGeometry" }),
        ],
        with_404(geojson_ok("Een Feature.")),
    );
    get("/api/v1/projecten.csv", "De selectie als CSV (`;`, BOM, decimale komma)", filter_refs.clone(), with_400(ok("Een bijlage.", &["text/csv"])));
    get("/api/v1/projecten.geojson", "De selectie als platte GeoJSON", filter_refs.clone(), with_400(ok("Een bijlage.", &["application/geo+json"])));
    let atom = ok("Een Atom-feed (RFC 4287).", &["application/atom+xml"]);
    get("/api/v1/feeds/provincie", "Nieuwe, gewijzigde en vervallen openbare projecten in de provincie", vec![], atom.clone());
    get("/api/v1/feeds/regio/{id}", "Idem, in een regio", vec![region_id.clone()], with_404(atom.clone()));
    get("/api/v1/feeds/gemeente/{code}", "Idem, in een gemeente", vec![municipality_code.clone()], with_404(atom));
    get(
        "/api/v1/projects",
        "Openbare projecten als RFC 7946 FeatureCollection (de kaart zelf)",
        filter_refs.clone(),
        with_400(ok("Een FeatureCollection.", &["application/geo+json"])),
    );
    get("/api/v1/projects/{id}", "Eén openbaar project (de kaart zelf)", vec![project_id], with_404(ok("Een Feature.", &["application/geo+json"])));
    get("/api/v1/stats", "Cijfers van de provincie", filter_refs.clone(), with_400(ok("De cijfers, met Nederlandse sleutels.", &["application/json"])));
    get(
        "/api/v1/stats/regio/{id}",
        "Cijfers van een regio",
        [vec![region_id], filter_refs.clone()].concat(),
        with_404(ok("De cijfers.", &["application/json"])),
    );
    get(
        "/api/v1/stats/gemeente/{code}",
        "Cijfers van een gemeente",
        [vec![municipality_code], filter_refs].concat(),
        with_404(ok("De cijfers.", &["application/json"])),
    );
    get("/api/v1/grenzen/{laag}", "Grenzen (CBS, CC BY 4.0; met `attributie`)", vec![layer], with_404(ok("Een FeatureCollection.", &["application/geo+json"])));
    get("/api/v1/plaatsen", "De plaatsen van de provincie (met `attributie`)", vec![], ok("Een FeatureCollection van punten.", &["application/geo+json"]));
    let licence = &province.licence;
    let mut info = json!({
        "title": format!("Publieke Woningbouwkaart {}", province.name),
        "version": API_VERSION,
        "description": "Openbare woningbouwplannen: OGC API Features (Core, GeoJSON, HTML), downloads, Atom-feeds en de API van de kaart. Alleen openbare projecten. Elke GET mag van elke andere site gelezen worden (CORS).",
    });
    if !licence.url.is_empty() {
        info["license"] = json!({ "name": licence.name, "url": licence.url });
    }
    if let Some(contact) = contact {
        let (key, value) = match contact.href.strip_prefix("mailto:") {
            Some(address) => ("email", address),
            None => ("url", contact.href.as_str()),
        };
        info["contact"] = json!({ "name": contact.label, key: value });
    }
    json!({
        "openapi": "3.0.3",
        "info": info,
        "servers": [{ "url": origin }],
        "paths": paths,
        "components": {
            "parameters": parameters,
            "schemas": { "Fout": {
                "type": "object",
                "description": "Een fout als RFC 9457 (application/problem+json), met `fout` (de melding) en, bij een onjuiste parameter, `parameter`.",
                "required": ["type", "title", "status", "detail", "fout"],
                "properties": {
                    "type": { "type": "string" },
                    "title": { "type": "string" },
                    "status": { "type": "integer" },
                    "detail": { "type": "string" },
                    "fout": { "type": "string" },
                    "parameter": { "type": "string" },
                },
            } },
        },
    })
}

fn ok(description: &str, types: &[&str]) -> Value {
    let content: Map<String, Value> = types.iter().map(|t| ((*t).to_owned(), json!({}))).collect();
    json!({ "200": { "description": description, "content": content } })
}

fn error(description: &str) -> Value {
    json!({ "description": description, "content": { crate::error::PROBLEM_JSON: { "schema": { "$ref": "#/components/schemas/Fout" } } } })
}

fn with_400(mut responses: Value) -> Value {
    responses["400"] = error("Een parameter is onjuist; `parameter` noemt hem.");
    responses
}

fn with_404(mut responses: Value) -> Value {
    responses["404"] = error("Bestaat niet, of is niet openbaar.");
    with_400(responses)
}

/// The map's filter as OpenAPI parameters.
fn filter_parameters(province: &Province) -> Vec<(String, Value)> {
    crate::filter_schema::filter_schemas(province)
        .into_iter()
        .map(|(name, description, schema)| {
            let explode = schema["type"] == "array";
            (
                name.to_owned(),
                json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema, "style": "form", "explode": explode }),
            )
        })
        .collect()
}

/// OGC's own parameters of the items (`ogc::items`).
fn ogc_parameters() -> Vec<(String, Value)> {
    let crs = json!({ "type": "string", "format": "uri", "enum": crate::ogc::Crs::ALL.iter().map(|c| c.uri()).collect::<Vec<_>>() });
    let p = |name: &str, description: &str, schema: Value| {
        (name.to_owned(), json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema }))
    };
    vec![
        (
            "bbox".to_owned(),
            json!({ "name": "bbox", "in": "query", "required": false, "style": "form", "explode": false,
                    "description": "west,zuid,oost,noord in WGS 84 (CRS84), of in het CRS van `bbox-crs`; zes getallen met hoogtes mag ook.",
                    "schema": { "type": "array", "minItems": 4, "maxItems": 6, "items": { "type": "number" } } }),
        ),
        p("crs", "Het CRS van de coördinaten (OGC API Features deel 2); standaard CRS84. RD New: EPSG 28992.", crs.clone()),
        p("bbox-crs", "Het CRS van `bbox`; standaard CRS84.", crs),
        p("datetime", "De dag (of periode, `van/tot`, `..` voor open) waarop een project voor het laatst is gewijzigd.", json!({ "type": "string" })),
        p("limit", "Projecten per pagina.", json!({ "type": "integer", "minimum": 1, "maximum": 10000, "default": 100 })),
        p("offset", "Vanaf het hoeveelste project (de `next`-link zet het).", json!({ "type": "integer", "minimum": 0, "default": 0 })),
        p("geometrie", "`punt`: altijd het punt (één geometrietype, voor een Shapefile).", json!({ "type": "string", "enum": ["punt", "gebied"] })),
        p(
            "skipGeometry",
            "`true`: de projecten zonder geometrie (hun middelpunt staat in `centrum_lon`/`centrum_lat`).",
            json!({ "type": "boolean", "default": false }),
        ),
        p("f", "Formaat: `json` voor programma's, `html` voor mensen.", json!({ "type": "string", "enum": ["json", "html"] })),
    ]
}
