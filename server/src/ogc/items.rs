//! The collection's items: `GET /api/v1/collections/projecten/items` with OGC's `bbox`,
//! `datetime` (the day a project was last changed), `limit` and paging links, our filter's own
//! parameters (`huurkoop`, `gemeente`, … as on the map), `geometrie=punt`, and Part 2's `crs`
//! and `bbox-crs` ([`super::crs`]); and one item, `…/items/{id}`. Each page is built once per data version and URL, like every public answer.

use super::crs::{Area, Crs};
use super::html;
use super::request::{api_root, html_link, known_collection, licence_link, negotiated, short, Format, COLLECTION, HTML};
use crate::error::{Error, Result};
use crate::features::{self, Shape};
use crate::responses::{Precompressed, GEOJSON};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::Response;
use domain::extent::Days;
use domain::{Catalog, Filter};
use ogcapi_types::common::{link_rel, media_type, Link};
use serde_json::json;

/// Items per page when the client does not say.
const DEFAULT_LIMIT: usize = 100;
/// The most a client may ask for in one page (about 5 MB of GeoJSON).
const MAX_LIMIT: usize = 10_000;
/// The parameters besides the filter's.
pub const OWN_KEYS: [&str; 9] = ["bbox", "bbox-crs", "crs", "datetime", "limit", "offset", "geometrie", "skipGeometry", "f"];
/// Part 2's header naming the CRS of an answer's coordinates.
const CONTENT_CRS: HeaderName = HeaderName::from_static("content-crs");

/// What a request for items asks.
#[derive(Debug, Clone)]
struct ItemsQuery {
    filter: Filter,
    area: Option<Area>,
    crs: Crs,
    days: Option<Days>,
    limit: usize,
    offset: usize,
    shape: Shape,
    /// `skipGeometry=true`: features without geometry (a common extension that GIS portals'
    /// clients, camptocamp's ogc-client among them, send).
    skip_geometry: bool,
    format: Format,
    /// The request's parameters as written, for the links (without `offset` and `limit`).
    kept: Vec<(String, String)>,
}

impl ItemsQuery {
    fn read(query: &str, province: &domain::Province, headers: &HeaderMap) -> Result<ItemsQuery> {
        let bad = |param: &str, message: String| Error::BadRequest { param: param.to_owned(), message };
        let mut filter_query = form_urlencoded::Serializer::new(String::new());
        let mut ask = ItemsQuery {
            filter: Filter::default(),
            area: None,
            crs: Crs::Crs84,
            days: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
            shape: Shape::AsKnown,
            skip_geometry: false,
            format: Format::Json,
            kept: Vec::new(),
        };
        let (mut f, mut bbox, mut bbox_crs) = (None, None, Crs::Crs84);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "bbox" => bbox = Some(value.to_owned()),
                "bbox-crs" => bbox_crs = Crs::parse(value).map_err(|e| bad("bbox-crs", e))?,
                "crs" => ask.crs = Crs::parse(value).map_err(|e| bad("crs", e))?,
                "datetime" => ask.days = Some(Days::parse(value).map_err(|e| bad("datetime", e))?),
                "limit" => {
                    ask.limit = count(value)
                        .filter(|n| (1..=MAX_LIMIT).contains(n))
                        .ok_or_else(|| bad("limit", format!("'{}' is geen aantal van 1 tot {MAX_LIMIT}", short(value))))?
                }
                "offset" => ask.offset = count(value).ok_or_else(|| bad("offset", format!("'{}' is geen aantal", short(value))))?,
                "geometrie" => {
                    ask.shape = match value {
                        "punt" => Shape::Point,
                        "" | "gebied" => Shape::AsKnown,
                        other => return Err(bad("geometrie", format!("'{}' onbekend (bekend: punt, gebied)", short(other)))),
                    }
                }
                "skipGeometry" => ask.skip_geometry = skip_geometry(value)?,
                "f" => f = Some(value.to_owned()),
                other if domain::query::FILTER_KEYS.contains(&other) => {
                    filter_query.append_pair(other, value);
                }
                other => {
                    let known: Vec<&str> = OWN_KEYS.iter().chain(domain::query::FILTER_KEYS).copied().collect();
                    return Err(bad(&short(other), format!("onbekende parameter (bekend: {})", known.join(", "))));
                }
            }
            if !matches!(key.as_ref(), "limit" | "offset" | "f") && !value.is_empty() {
                ask.kept.push((key.into_owned(), value.to_owned()));
            }
        }
        // A box is read in its CRS, whichever of the two parameters came first.
        ask.area = bbox.map(|b| bbox_crs.bbox(&b).map_err(|e| bad("bbox", e))).transpose()?;
        ask.filter = crate::api::read_filter(&filter_query.finish(), province)?;
        ask.format = Format::read(f.as_deref(), headers)?;
        Ok(ask)
    }

    /// The parameters as a query, with `offset` at `offset` (left out at 0) and the limit.
    fn href(&self, base: &str, offset: usize) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.kept {
            q.append_pair(k, v);
        }
        q.append_pair("limit", &self.limit.to_string());
        if offset > 0 {
            q.append_pair("offset", &offset.to_string());
        }
        format!("{base}/collections/{COLLECTION}/items?{}", q.finish())
    }

    /// The page: the projects that match, in the catalog's order, `limit` of them from
    /// `offset`, as a FeatureCollection with OGC's counts and links.
    fn page(&self, catalog: &Catalog, base: &str, published: &str) -> Result<geojson::FeatureCollection> {
        let classes = self.filter.classes();
        let matched: Vec<&domain::Project> = catalog
            .select(&self.filter)
            .into_iter()
            .map(|s| s.project)
            .filter(|p| self.area.is_none_or(|a| a.touches(&p.location)))
            .filter(|p| self.days.as_ref().is_none_or(|d| d.contains(&p.last_updated)))
            .collect();
        let features: Vec<geojson::Feature> = matched
            .iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|p| in_crs(features::flat(catalog, p, classes, self.shape), self.crs).map(|f| without_geometry(f, self.skip_geometry)))
            .collect::<Result<_>>()?;
        let mut links = vec![
            Link::new(self.href(base, self.offset), link_rel::SELF).mediatype(media_type::GEO_JSON).title("Deze pagina"),
            html_link(&self.href(base, self.offset)),
            Link::new(format!("{base}/collections/{COLLECTION}"), link_rel::COLLECTION).mediatype(media_type::JSON).title("De collectie"),
        ];
        links.extend(licence_link(catalog.province()));
        if self.offset + features.len() < matched.len() {
            links.push(Link::new(self.href(base, self.offset + self.limit), link_rel::NEXT).mediatype(media_type::GEO_JSON).title("Volgende pagina"));
        }
        if self.offset > 0 {
            links.push(
                Link::new(self.href(base, self.offset.saturating_sub(self.limit)), link_rel::PREV).mediatype(media_type::GEO_JSON).title("Vorige pagina"),
            );
        }
        let mut members = serde_json::Map::new();
        members.insert("numberMatched".into(), json!(matched.len()));
        members.insert("numberReturned".into(), json!(features.len()));
        members.insert("timeStamp".into(), json!(published));
        members.insert("links".into(), json!(links));
        Ok(geojson::FeatureCollection { bbox: None, features, foreign_members: Some(members) })
    }
}

/// `skipGeometry`'s value: `true` or `false` (empty: `false`).
fn skip_geometry(value: &str) -> Result<bool> {
    match value {
        "true" => Ok(true),
        "false" | "" => Ok(false),
        other => Err(Error::BadRequest { param: "skipGeometry".into(), message: format!("'{}' is geen true of false", short(other)) }),
    }
}

/// `feature` without its geometry when `skip` says so.
fn without_geometry(mut feature: geojson::Feature, skip: bool) -> geojson::Feature {
    if skip {
        feature.geometry = None;
    }
    feature
}

/// `feature` with its coordinates in `crs`.
fn in_crs(mut feature: geojson::Feature, crs: Crs) -> Result<geojson::Feature> {
    if let Some(geometry) = feature.geometry.as_mut() {
        crs.reproject(geometry).map_err(Error::Internal)?;
    }
    Ok(feature)
}

/// An answer with the CRS of its coordinates named (`Content-Crs`, OGC API Features Part 2).
fn with_crs(mut response: Response, crs: Crs) -> Response {
    response.headers_mut().insert(CONTENT_CRS, HeaderValue::from_str(&crs.header()).expect("a URI is a valid header value"));
    response
}

fn count(value: &str) -> Option<usize> {
    value.parse::<usize>().ok()
}

/// `GET /api/v1/collections/projecten/items`.
pub async fn items(State(state): State<AppState>, Path(collection): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Result<Response> {
    known_collection(&collection)?;
    let snapshot = state.snapshot();
    let ask = ItemsQuery::read(query.as_deref().unwrap_or(""), snapshot.catalog.province(), &headers)?;
    let base = api_root(&headers);
    let key = format!("ogc-items@{base}?{}&offset={}#{:?}", ask.href(&base, 0), ask.offset, ask.format);
    let catalog = snapshot.catalog.clone();
    let published = snapshot.published.clone();
    let crs = ask.crs;
    let body = snapshot
        .responses
        .get_or_build(key, move || {
            let page = ask.page(&catalog, &base, &published)?;
            match ask.format {
                Format::Json => Ok::<_, Error>(Precompressed::new(crate::bodies::json(&page)?, GEOJSON)),
                Format::Html => {
                    let doc = serde_json::to_value(&page).map_err(|e| Error::Internal(e.to_string()))?;
                    let (collections, collection) = (format!("{base}/collections"), format!("{base}/collections/{COLLECTION}"));
                    let trail = [(base.as_str(), "Open data"), (collections.as_str(), "Collecties"), (collection.as_str(), "Projecten")];
                    let title = format!("Woningbouwprojecten in {}", catalog.province().name);
                    let page = html::document(&catalog, &title, &trail, &html::items(&doc), &ask.href(&base, ask.offset));
                    Ok(Precompressed::new(page.into_bytes(), HTML))
                }
            }
        })
        .await?;
    Ok(with_crs(negotiated(body.respond(&headers)), crs))
}

/// `GET /api/v1/collections/projecten/items/{id}`: one public project; 404 for any other id.
pub async fn item(
    State(state): State<AppState>,
    Path((collection, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response> {
    known_collection(&collection)?;
    let (mut shape, mut f, mut crs, mut skip) = (Shape::AsKnown, None, Crs::Crs84, false);
    for (key, value) in form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes()) {
        match (key.as_ref(), value.as_ref()) {
            ("f", _) => f = Some(value.into_owned()),
            ("geometrie", "gebied") => {}
            ("geometrie", "punt") => shape = Shape::Point,
            ("crs", _) => crs = Crs::parse(&value).map_err(|message| Error::BadRequest { param: "crs".into(), message })?,
            ("skipGeometry", _) => skip = skip_geometry(&value)?,
            (other, _) => {
                return Err(Error::BadRequest {
                    param: short(other),
                    message: format!("'{}' onbekend (bekend: f=json|html, geometrie=punt, crs, skipGeometry)", short(&value)),
                })
            }
        }
    }
    let format = Format::read(f.as_deref(), &headers)?;
    let snapshot = state.snapshot();
    let missing = |id: &str| Error::NotFound(format!("project '{}' bestaat niet of is niet openbaar", short(id)));
    snapshot.catalog.get(&id.as_str().into()).ok_or_else(|| missing(&id))?;
    let base = api_root(&headers);
    let catalog = snapshot.catalog.clone();
    let key = format!("ogc-item@{base}/{id}?{shape:?}&{crs:?}&{skip}#{format:?}");
    let body = snapshot
        .responses
        .get_or_build(key, move || {
            let project = catalog.get(&id.as_str().into()).ok_or_else(|| missing(&id))?;
            let mut feature = without_geometry(in_crs(features::flat(&catalog, project, domain::segment::ClassSet::ALL, shape), crs)?, skip);
            let path = format!("{base}/collections/{COLLECTION}");
            let own = format!("{path}/items/{}", project.id);
            let links = vec![
                Link::new(&own, link_rel::SELF).mediatype(media_type::GEO_JSON),
                html_link(&own),
                Link::new(&path, link_rel::COLLECTION).mediatype(media_type::JSON).title("De collectie"),
            ];
            feature.foreign_members = Some(serde_json::Map::from_iter([("links".to_owned(), json!(links))]));
            match format {
                Format::Json => Ok::<_, Error>(Precompressed::new(crate::bodies::json(&feature)?, GEOJSON)),
                Format::Html => {
                    let doc = serde_json::to_value(&feature).map_err(|e| Error::Internal(e.to_string()))?;
                    let items = format!("{path}/items");
                    let trail = [(base.as_str(), "Open data"), (path.as_str(), "Projecten"), (items.as_str(), "Alle projecten")];
                    let page = html::document(&catalog, &project.name, &trail, &html::item(&doc), &own);
                    Ok(Precompressed::new(page.into_bytes(), HTML))
                }
            }
        })
        .await?;
    Ok(with_crs(negotiated(body.respond(&headers)), crs))
}
