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
