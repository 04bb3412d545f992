//! The map itself, hydrated in the browser. The server draws a fixed map beside it
//! ([`super::drawing`]), which is what a reader without JavaScript sees and what everyone sees
//! until Leaflet has drawn.

use leptos::prelude::*;

/// Leaflet draws the page's projects, follows the URL and draws a filter change before the
/// server has answered (see [`crate::navigation`]).
#[island]
pub fn MapIsland() -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    match crate::codec::read_embedded::<super::MapSetup>(super::SETUP_ID) {
        Some(setup) => super::client::attach(node, setup, crate::navigation::query()),
        None => leptos::logging::error!("de kaart mist haar instellingen ({})", super::SETUP_ID),
    }
    view! {
        <div class="map" node_ref=node data-testid="map"></div>
    }
}
