//! The map pane: a container the browser fills with Leaflet, the legend and the attribution.
//! On the server (and with JavaScript off) it says that the list works without the map.

use crate::api::SiteInfo;
use crate::components::legend::Legend;
use leptos::prelude::*;

#[component]
pub fn MapView(
    site: SiteInfo,
    query: Memo<String>,
    /// The area the map shows: only its outline is loaded and the view fits it (an embed).
    #[prop(optional)]
    area: Option<domain::Area>,
) -> impl IntoView {
    let area = area.unwrap_or(domain::Area::Province);
    let node = NodeRef::<leptos::html::Div>::new();
    let mut attribution = site.province.attribution.clone();
    if let Some(tiles) = &site.tiles {
        attribution = format!("{attribution} {}", tiles.attribution);
    }
    #[cfg(feature = "hydrate")]
    crate::map_client::attach(node, site, query, area);
    #[cfg(not(feature = "hydrate"))]
    let _ = (site, query, area);
    view! {
        <section class="map-pane" aria-label="Kaart met de projecten">
            <div class="map" node_ref=node data-testid="map">
                <p class="map-placeholder">"De kaart heeft JavaScript nodig. De lijst met projecten werkt ook zonder."</p>
            </div>
            <Legend />
            <p class="attribution" data-testid="attribution">{attribution}</p>
        </section>
    }
    .into_any()
}

