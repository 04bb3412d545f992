//! What every request can reach.

use crate::config::LoadedProvince;
use crate::frames::FramePolicy;
use crate::live::{Live, Snapshot};
use crate::responses::Precompressed;
use axum::extract::FromRef;
use domain::Area;
use leptos::config::LeptosOptions;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// The public data of the latest version, and the store behind it.
    pub live: Arc<Live>,
    pub boundaries: Arc<Boundaries>,
    /// The boundaries as the server draws them under its map of each area.
    pub backdrops: Arc<app::map::drawing::Backdrops>,
    /// The province's configuration and shapes, for checking deliveries.
    pub province: Arc<LoadedProvince>,
    /// Who may frame which page.
    pub frames: FramePolicy,
    /// The largest request body accepted (an import), in bytes.
    pub upload_limit: usize,
    /// The site's own files (JS, WASM, CSS, Leaflet), served with long-lived caching.
    pub site: Arc<crate::static_files::Site>,
    /// Failed logins per client.
    pub logins: Arc<crate::logins::FailedLogins>,
    /// Pages rendered at once ([`crate::page_cache::renderers`]).
    pub renderers: Arc<tokio::sync::Semaphore>,
    /// The site's configured public address (`WONINGBOUW_ADRES`), if any.
    pub public_origin: Option<String>,
}

impl AppState {
    /// The public data as it is now; keep it for the whole request.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.live.current()
    }
}

/// The boundary files, ready to send.
pub struct Boundaries {
    pub municipalities: Precompressed,
    pub regions: Precompressed,
    pub province: Precompressed,
    /// The province's places (`/api/plaatsen`).
    pub places: Precompressed,
    /// One municipality's or region's outline.
    pub areas: HashMap<Area, Precompressed>,
}

impl Boundaries {
    /// The configured boundary files and places, each FeatureCollection carrying the
    /// configuration's attribution (`attributie`), as their CC BY licence asks of anyone who
    /// passes them on.
    pub fn new(province: &LoadedProvince) -> Boundaries {
        let attribution = &province.province.attribution;
        let served = |bytes: &[u8]| Precompressed::new(attributed(bytes, attribution), crate::responses::GEOJSON);
        Boundaries {
            municipalities: served(&province.municipality_boundaries),
            regions: served(&province.region_boundaries),
            province: served(&province.province_boundary),
            places: served(crate::gazetteer::geojson(&province.gazetteer, &province.province).to_string().as_bytes()),
            areas: province.area_boundaries.iter().map(|(area, bytes)| (area.clone(), served(bytes))).collect(),
        }
    }
}

/// A GeoJSON object with `attributie` set; bytes that are not a JSON object stay as they are
/// (the configuration was checked when it loaded).
fn attributed(bytes: &[u8], attribution: &str) -> Vec<u8> {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(serde_json::Value::Object(mut object)) => {
            object.insert("attributie".to_owned(), serde_json::Value::String(attribution.to_owned()));
            serde_json::to_vec(&object).unwrap_or_else(|_| bytes.to_vec())
        }
        _ => bytes.to_vec(),
    }
}
