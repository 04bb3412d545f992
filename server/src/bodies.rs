//! The API's response bodies that are built once per filter and data version and then served
//! from the snapshot's cache: the GeoJSON, and the map's points and names. A new data version
//! builds the ones every visitor asks for first ahead of them ([`prepare`]).

use crate::error::{Error, Result};
use crate::features;
use crate::responses::{Precompressed, ResponseCache, GEOJSON, POSTCARD};
use domain::{Catalog, Filter};
use std::sync::Arc;

/// A response body for a filter, with the name it is cached under.
pub type Build = fn(&Catalog, &Filter) -> Result<Precompressed>;

/// `/api/projects`: the public projects that match, as a FeatureCollection.
pub const PROJECTS: (&str, Build) = ("projects", |catalog, filter| Ok(Precompressed::new(json(&features::collection(catalog, filter))?, GEOJSON)));

/// `/api/kaart`: the map's compact points ([`domain::map_points`]) as postcard.
pub const MAP_POINTS: (&str, Build) =
    ("kaart", |catalog, filter| Ok(Precompressed::compact(postcard(&domain::map_points::Encoded::of(catalog, filter))?, POSTCARD)));

/// `/api/kaart/namen`: the names of the map's points, in their order, as postcard.
pub const MAP_NAMES: (&str, Build) =
    ("kaart-namen", |catalog, filter| Ok(Precompressed::compact(postcard(&domain::map_points::Names::of(catalog, filter))?, POSTCARD)));

/// The body `build` makes for `filter`, from `responses` or built (once, however many ask).
pub async fn cached(responses: &ResponseCache, catalog: &Arc<Catalog>, name: &str, filter: Filter, build: Build) -> Result<Arc<Precompressed>> {
    let catalog = catalog.clone();
    responses.get_or_build(cache_key(name, &filter), move || build(&catalog, &filter)).await
}

fn cache_key(name: &str, filter: &Filter) -> String {
    format!("{name}?{}", filter.to_query())
}

/// What every visitor of the map asks for first, unfiltered: the map's points and names, and the
/// GeoJSON others read. Building them takes seconds at 100,000 projects (most of it brotli at
/// its best), so a new data version builds them at once, in the background, rather than making
/// its first visitor wait; a request that comes meanwhile waits for the same build.
const FIRST_ASKED: [(&str, Build); 3] = [MAP_POINTS, MAP_NAMES, PROJECTS];

/// The keys of [`FIRST_ASKED`]'s unfiltered bodies, which the response cache keeps whatever
/// else is asked.
pub fn pinned_keys() -> Vec<String> {
    FIRST_ASKED.iter().map(|(name, _)| cache_key(name, &Filter::default())).collect()
}

/// Builds [`FIRST_ASKED`] into `responses` in the background, one after the other in the order
/// a map page asks for them (side by side, each would take as long as all three).
pub fn prepare(responses: &ResponseCache, catalog: &Arc<Catalog>) {
    let (responses, catalog) = (responses.clone(), catalog.clone());
    tokio::spawn(async move {
        for (name, build) in FIRST_ASKED {
            if let Err(e) = cached(&responses, &catalog, name, Filter::default(), build).await {
                tracing::warn!("{name} niet voorbereid: {e}");
            }
        }
    });
}

/// Whether `responses` holds the unfiltered body named `name` in [`FIRST_ASKED`] (`kaart`,
/// `kaart-namen`, `projects`): for tests of [`prepare`].
pub fn is_prepared(responses: &ResponseCache, name: &str) -> bool {
    responses.contains(&cache_key(name, &Filter::default()))
}

pub fn json(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| Error::Internal(e.to_string()))
}

fn postcard(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    postcard::to_allocvec(value).map_err(|e| Error::Internal(e.to_string()))
}
