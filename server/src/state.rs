//! What every request can reach.

use crate::responses::{Precompressed, ResponseCache};
use crate::frames::FramePolicy;
use app::api::ssr::Sites;
use axum::extract::FromRef;
use domain::Catalog;
use leptos::config::LeptosOptions;
use std::collections::HashMap;
use std::sync::Arc;
use domain::Area;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// Public projects only.
    pub catalog: Arc<Catalog>,
    pub responses: ResponseCache,
    pub boundaries: Arc<Boundaries>,
    /// What every page needs whatever its URL, computed once from the catalog (per area for
    /// embeds).
    pub sites: Arc<Sites>,
    /// Who may frame which page.
    pub frames: FramePolicy,
}

/// The boundary files, ready to send.
pub struct Boundaries {
    pub municipalities: Precompressed,
    pub regions: Precompressed,
    pub province: Precompressed,
    /// One municipality's or region's outline.
    pub areas: HashMap<Area, Precompressed>,
}
