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
    crate::map_client::attach(node, site, query, area.clone());
    #[cfg(not(feature = "hydrate"))]
    let _ = (site, query);
    // The browser fetches the projects while the WASM loads, and the map finds them waiting.
    let points = points_path(&area);
    view! {
        <leptos_meta::Link rel="preload" href=points as_="fetch" crossorigin="anonymous" />
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

/// Where the map's projects come from (`/api/kaart`): the whole province, or an embed's area.
pub fn points_path(area: &domain::Area) -> String {
    let query = crate::url::area_param(area).map(|(k, v)| format!("{k}={v}")).unwrap_or_default();
    crate::url::href("/api/kaart", &query)
}
