//! The map pane: a container the browser fills with Leaflet, the legend and the attribution.
//! On the server (and with JavaScript off) it says that the list works without the map.
//! [`PointsPreload`] starts the map's data download in the page's `<head>`; [`MapPreview`]
//! lets the filters draw on the map before the URL changes.

use crate::api::SiteInfo;
use crate::components::legend::Legend;
use leptos::prelude::*;
use std::rc::Rc;

/// Draws a query's filter on the map; `true` when the map changed.
pub type ShowFilter = Rc<dyn Fn(&str) -> bool>;

/// The map on the page, for the filters: a changed filter is drawn on the map at once, in the
/// resident's click, and the URL (with the list, the totals and the server's answer that follow
/// it) changes after that paint. Provided by the app for every page; a map sets it while it is
/// on the page.
#[derive(Clone, Copy)]
pub struct MapPreview(StoredValue<Option<ShowFilter>, LocalStorage>);

impl MapPreview {
    /// In the browser only: the server has no map to draw on, and its pages are rendered on
    /// many threads, where a browser-side value cannot go.
    pub fn provide() {
        #[cfg(feature = "hydrate")]
        provide_context(Self(StoredValue::new_local(None)));
    }

    /// The page's map preview, to be used later (in an event handler).
    pub fn get() -> Option<Self> {
        use_context::<Self>()
    }

    /// Draws the filter of `query` on the map now; `true` when the map changed (there is a map,
    /// its projects are in, and the filter is not the one already drawn).
    pub fn show(self, query: &str) -> bool {
        self.0.get_value().is_some_and(|show| show(query))
    }

    /// The map's drawing function while it is on the page, `None` when it goes.
    pub fn set(self, show: Option<ShowFilter>) {
        self.0.set_value(show);
    }
}

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


/// `<link rel="preload">` for the map's points, in the server-rendered `<head>`: the browser
/// downloads them while the WASM loads, instead of after hydration. Only on pages whose first
/// view is a map (the map page, an embed that opens on its map); the URL is the one the map
/// asks for ([`crate::url::points`]), or the browser would fetch twice.
#[component]
pub fn PointsPreload() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let href = {
        let parts = use_context::<http::request::Parts>();
        let catalog = use_context::<std::sync::Arc<domain::Catalog>>();
        parts.zip(catalog).and_then(|(parts, catalog)| {
            let query = parts.uri.query().unwrap_or("");
            match parts.uri.path() {
                "/" => Some(crate::url::points(&domain::Area::Province)),
                "/embed" => {
                    let options = crate::embed::EmbedOptions::read(query, catalog.province());
                    (options.view == crate::embed::EmbedView::Map).then(|| crate::url::points(&options.area))
                }
                _ => None,
            }
        })
    };
    #[cfg(not(feature = "ssr"))]
    let href: Option<String> = None;
    href.map(|href| view! { <link rel="preload" href=href r#as="fetch" crossorigin="anonymous" /> })
}
