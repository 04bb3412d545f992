//! The map: Leaflet in the browser. The server draws a fixed map beside it
//! ([`crate::components::map_preview`]), which is what a reader without JavaScript sees and what
//! everyone sees until Leaflet has drawn.

use crate::api::Tiles;
use domain::{Area, Province};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the map needs to start: the province (its bounds, and its regions and municipalities to
/// read a filter), the background tiles, and the area it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapSetup {
    pub province: Province,
    pub tiles: Option<Tiles>,
    pub area: Area,
}

/// The radius within which projects are drawn as one cluster, in screen pixels.
pub const CLUSTER_RADIUS_PX: f64 = 44.0;

/// A cluster marker's diameter in whole pixels (a crisp edge): larger for more homes.
pub fn cluster_size(homes: u64) -> f64 {
    (30.0 + (homes.max(1) as f64).log10() * 8.0).round()
}

/// A single project's marker diameter in pixels.
pub fn pin_size(selected: bool) -> f64 {
    if selected {
        22.0
    } else {
        16.0
    }
}

/// Where the page holds the [`MapSetup`].
pub const SETUP_ID: &str = "kaart-instellingen";

/// The map itself, hydrated in the browser: Leaflet draws the page's projects, follows the URL
/// and draws a filter change before the server has answered (see [`crate::navigation`]).
#[island]
pub fn MapIsland() -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    match crate::codec::read_embedded::<MapSetup>(SETUP_ID) {
        Some(setup) => crate::map_client::attach(node, setup, crate::navigation::query()),
        None => leptos::logging::error!("de kaart mist haar instellingen ({SETUP_ID})"),
    }
    view! {
        <div class="map" node_ref=node data-testid="map"></div>
    }
}
