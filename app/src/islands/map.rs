//! The map: Leaflet in the browser, a placeholder on the server (and with JavaScript off).

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
        <div class="map" node_ref=node data-testid="map">
            <p class="map-placeholder">"De kaart heeft JavaScript nodig. De lijst met projecten werkt ook zonder."</p>
        </div>
    }
}
