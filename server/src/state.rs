//! What every request can reach.

use crate::responses::{Precompressed, ResponseCache};
use app::api::SiteInfo;
use axum::extract::FromRef;
use domain::Catalog;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// Public projects only.
    pub catalog: Arc<Catalog>,
    pub responses: ResponseCache,
    pub boundaries: Arc<Boundaries>,
    /// What every page needs whatever its URL, computed once from the catalog.
    pub site: Arc<SiteInfo>,
}

/// The boundary files, ready to send.
pub struct Boundaries {
    pub municipalities: Precompressed,
    pub regions: Precompressed,
    pub province: Precompressed,
}
