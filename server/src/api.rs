//! The public JSON API, and the map's own points. Handlers are thin: read the query into a filter, ask the cache, answer.

use crate::bodies;
use crate::error::{Error, Result};
use crate::features;
use crate::responses::{Precompressed, GEOJSON};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::Filter;

pub fn routes() -> Router<AppState> {
    let router = Router::new().route("/api/kaart", get(map_points)).route("/api/kaart/namen", get(map_names));
    versioned(router, "/projects", get(list_projects))
        .pipe(|r| versioned(r, "/projects/{id}", get(one_project)))
        .pipe(|r| versioned(r, "/grenzen/{laag}", get(boundaries)))
        .pipe(|r| versioned(r, "/grenzen/{laag}/{id}", get(area_boundary)))
        .pipe(|r| versioned(r, "/plaatsen", get(places)))
}

/// The day the unversioned paths were deprecated (RFC 9745's `Deprecation`, a Unix time).
const DEPRECATED_SINCE: &str = "@1796688000";
/// The day after which they may be gone (RFC 8594's `Sunset`); the README names it too.
pub const SUNSET: &str = "Fri, 31 Dec 2027 23:59:59 GMT";

/// `route` at `/api/v1{path}`, and at its old address `/api{path}`, which answers the same with
/// `Deprecation`, `Sunset` and a link to its successor (the Dutch API Design Rules: the
/// version in the path; the old paths kept until the sunset).
pub fn versioned(router: Router<AppState>, path: &str, route: axum::routing::MethodRouter<AppState>) -> Router<AppState> {
    router.route(&format!("/api/v1{path}"), route.clone()).route(&format!("/api{path}"), route.layer(axum::middleware::from_fn(deprecated)))
}

async fn deprecated(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let successor = format!("/api/v1{}", request.uri().path().strip_prefix("/api").unwrap_or(""));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert("deprecation", axum::http::HeaderValue::from_static(DEPRECATED_SINCE));
    headers.insert("sunset", axum::http::HeaderValue::from_static(SUNSET));
    if let Ok(link) = axum::http::HeaderValue::from_str(&format!("<{successor}>; rel=\"successor-version\"")) {
        headers.append(axum::http::header::LINK, link);
    }
    response
}

/// `f(self)`, so a chain of `versioned` calls reads top to bottom.
trait Pipe: Sized {
    fn pipe(self, f: impl FnOnce(Self) -> Self) -> Self {
        f(self)
    }
}

impl Pipe for Router<AppState> {}

/// `GET /api/projects?<filter>`: the public projects that match, as a FeatureCollection.
async fn list_projects(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    per_filter(&state, query, &headers, bodies::PROJECTS).await
}

/// `GET /api/kaart?<filter>`: the matching public projects in the map's compact format
/// ([`domain::map_points`]) as postcard, for our own map, which filters them in the browser. It
/// asks with no filter, or an embed's area.
async fn map_points(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    per_filter(&state, query, &headers, bodies::MAP_POINTS).await
}

/// `GET /api/kaart/namen?<filter>`: the names of `/api/kaart`'s projects, in its order, as
/// postcard. The map asks for them after its first view.
async fn map_names(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    per_filter(&state, query, &headers, bodies::MAP_NAMES).await
}

/// Any other path under `/api` (and `/api/beheer`): a 404 in JSON, which a program reads,
/// rather than the site's page.
pub async fn unknown(uri: axum::http::Uri) -> Error {
    Error::NotFound(format!("'{}' bestaat niet in de API; zie de README of /api/projects", uri.path().chars().take(200).collect::<String>()))
}

/// A response built once per filter and dataset, and then served from the cache.
async fn per_filter(state: &AppState, query: Option<String>, headers: &HeaderMap, (name, build): (&str, bodies::Build)) -> Result<Response> {
    let snapshot = state.snapshot();
    let filter = read_filter(query.as_deref().unwrap_or(""), snapshot.catalog.province())?;
    let body = bodies::cached(&snapshot.responses, &snapshot.catalog, name, filter, build).await?;
    Ok(body.respond(headers))
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
            Ok::<_, Error>(Precompressed::new(bodies::json(&feature)?, GEOJSON))
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

/// `GET /api/plaatsen`: the province's places, as GeoJSON points (see [`crate::gazetteer`]).
async fn places(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    Ok(state.boundaries.places.respond(&headers))
}
