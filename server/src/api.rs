//! The public JSON API, and the map's own points. Handlers are thin: read the query into a filter, ask the cache, answer.

use crate::error::{Error, Result};
use crate::features;
use crate::live::Snapshot;
use crate::responses::{Precompressed, GEOJSON, POSTCARD};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::{Catalog, Filter};
use std::sync::Arc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/projects", get(list_projects))
        .route("/api/projects/{id}", get(one_project))
        .route("/api/kaart", get(map_points))
        .route("/api/kaart/namen", get(map_names))
        .route("/api/grenzen/{laag}", get(boundaries))
        .route("/api/grenzen/{laag}/{id}", get(area_boundary))
}

/// A response body for a filter, built once per filter and data version ([`per_filter`]).
type Build = fn(&Catalog, &Filter) -> Result<Precompressed>;

/// `GET /api/projects?<filter>`: the public projects that match, as a FeatureCollection.
async fn list_projects(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    per_filter(&state, query, &headers, PROJECTS).await
}

const PROJECTS: (&str, Build) = ("projects", |catalog, filter| Ok(Precompressed::new(json(&features::collection(catalog, filter))?, GEOJSON)));

/// `GET /api/kaart?<filter>`: the matching public projects in the map's compact format
/// ([`domain::map_points`]) as postcard, for our own map, which filters them in the browser. It
/// asks with no filter, or an embed's area.
async fn map_points(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    per_filter(&state, query, &headers, MAP_POINTS).await
}

const MAP_POINTS: (&str, Build) =
    ("kaart", |catalog, filter| Ok(Precompressed::compact(postcard(&domain::map_points::Encoded::of(catalog, filter))?, POSTCARD)));

/// `GET /api/kaart/namen?<filter>`: the names of `/api/kaart`'s projects, in its order, as
/// postcard. The map asks for them after its first view.
async fn map_names(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    per_filter(&state, query, &headers, MAP_NAMES).await
}

const MAP_NAMES: (&str, Build) =
    ("kaart-namen", |catalog, filter| Ok(Precompressed::compact(postcard(&domain::map_points::Names::of(catalog, filter))?, POSTCARD)));

/// A response built once per filter and dataset, and then served from the cache.
async fn per_filter(state: &AppState, query: Option<String>, headers: &HeaderMap, (name, build): (&str, Build)) -> Result<Response> {
    let snapshot = state.snapshot();
    let filter = read_filter(query.as_deref().unwrap_or(""), snapshot.catalog.province())?;
    let body = cached(&snapshot, name, filter, build).await?;
    Ok(body.respond(headers))
}

async fn cached(snapshot: &Snapshot, name: &str, filter: Filter, build: Build) -> Result<Arc<Precompressed>> {
    let catalog = snapshot.catalog.clone();
    snapshot.responses.get_or_build(cache_key(name, &filter), move || build(&catalog, &filter)).await
}

fn cache_key(name: &str, filter: &Filter) -> String {
    format!("{name}?{}", filter.to_query())
}

/// What every visitor of the map asks for first, unfiltered: the map's points and names, and the
/// GeoJSON others read. Building them takes seconds at 100,000 projects (most of it brotli at
/// its best), so a new data version builds them at once, in the background, rather than making
/// its first visitor wait; a request that comes meanwhile waits for the same build.
const FIRST_ASKED: [(&str, Build); 3] = [MAP_POINTS, MAP_NAMES, PROJECTS];

/// Builds [`FIRST_ASKED`] for `snapshot` in the background, one after the other in the order
/// a map page asks for them (side by side, each would take as long as all three).
pub fn prepare(snapshot: &Arc<Snapshot>) {
    let snapshot = snapshot.clone();
    tokio::spawn(async move {
        for (name, build) in FIRST_ASKED {
            if let Err(e) = cached(&snapshot, name, Filter::default(), build).await {
                tracing::warn!("{name} niet voorbereid: {e}");
            }
        }
    });
}

/// Whether `snapshot` holds the unfiltered body named `name` in [`FIRST_ASKED`] (`kaart`,
/// `kaart-namen`, `projects`): for tests of [`prepare`].
pub fn is_prepared(snapshot: &Snapshot, name: &str) -> bool {
    snapshot.responses.contains(&cache_key(name, &Filter::default()))
}

fn json(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| Error::Internal(e.to_string()))
}

fn postcard(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    postcard::to_allocvec(value).map_err(|e| Error::Internal(e.to_string()))
}

/// The map's filter parameters; anything else is a 400 that names it.
pub(crate) fn read_filter(query: &str, province: &domain::Province) -> Result<Filter> {
    let parsed = domain::query::parse(query, province)?;
    if let Some((param, _)) = parsed.other.first() {
        return Err(Error::BadRequest { param: param.clone(), message: format!("onbekende parameter (bekend: {})", domain::query::FILTER_KEYS.join(", ")) });
    }
    Ok(parsed.filter)
}

/// `GET /api/projects/{id}`: one public project; 404 for any other id, public or not.
async fn one_project(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response> {
    let snapshot = state.snapshot();
    if snapshot.catalog.get(&id.as_str().into()).is_none() {
        return Err(Error::NotFound(format!("project '{id}' bestaat niet of is niet openbaar")));
    }
    let catalog = snapshot.catalog.clone();
    let key = format!("project/{id}");
    let body = snapshot
        .responses
        .get_or_build(key, move || {
            let project = catalog.get(&id.as_str().into()).ok_or_else(|| Error::NotFound(format!("project '{id}' bestaat niet of is niet openbaar")))?;
            let feature = features::feature(&catalog, project, domain::segment::ClassSet::ALL);
            Ok::<_, Error>(Precompressed::new(json(&feature)?, GEOJSON))
        })
        .await?;
    Ok(body.respond(&headers))
}

/// `GET /api/grenzen/{gemeenten|regios|provincie}`: the boundary files of the configuration.
async fn boundaries(State(state): State<AppState>, Path(layer): Path<String>, headers: HeaderMap) -> Result<Response> {
    let b = &state.boundaries;
    let body = match layer.as_str() {
        "gemeenten" => &b.municipalities,
        "regios" => &b.regions,
        "provincie" => &b.province,
        other => return Err(Error::NotFound(format!("onbekende laag '{other}' (bekend: gemeenten, regios, provincie)"))),
    };
    Ok(body.respond(&headers))
}

/// `GET /api/grenzen/gemeenten/{code}` or `/api/grenzen/regios/{id}`: one area's outline, for
/// an embed that shows only that area.
async fn area_boundary(State(state): State<AppState>, Path((layer, id)): Path<(String, String)>, headers: HeaderMap) -> Result<Response> {
    let province = state.live.province();
    let area = match layer.as_str() {
        "gemeenten" => province.find_municipality(&id).map(|m| domain::Area::Municipality(m.code.clone())),
        "regios" => Some(domain::Area::Region(id.as_str().into())),
        other => return Err(Error::NotFound(format!("onbekende laag '{other}' (bekend: gemeenten, regios)"))),
    };
    let body = area.and_then(|a| state.boundaries.areas.get(&a)).ok_or_else(|| Error::NotFound(format!("'{id}' staat niet in de laag {layer}")))?;
    Ok(body.respond(&headers))
}

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Self {
        Error::Internal(e.to_string())
    }
}
