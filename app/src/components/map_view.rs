//! The map pane: the map (the [`MapIsland`], which the browser fills with Leaflet, under the
//! server's drawing of it, [`MapPreviewView`], until it has drawn), the legend and the
//! attribution. [`PointsPreload`] starts the map's data download in the page's `<head>`.

use crate::codec::Embedded;
use crate::components::legend::Legend;
use crate::map::drawing::{MapPreview, MapPreviewView};
use crate::map::island::MapIsland;
use crate::map::{MapSetup, SETUP_ID, TILES_NOTE_ID};
use crate::page_data::SiteInfo;
use domain::Area;
use leptos::prelude::*;

#[component]
pub fn MapView(
    site: SiteInfo,
    /// The area the map shows: only its outline is loaded and the view fits it (an embed).
    #[prop(optional)]
    area: Option<Area>,
    /// The server's drawing of the map, shown until Leaflet has drawn (and without JavaScript).
    preview: Option<MapPreview>,
    /// The search box above the map (the map page's; an embed has none).
    #[prop(optional)]
    search: Option<AnyView>,
) -> impl IntoView {
    // Only an embed names its area: it is in someone else's page.
    let in_frame = area.is_some();
    let area = area.unwrap_or(Area::Province);
    let mut attribution = site.province.attribution.clone();
    if let Some(tiles) = &site.tiles {
        attribution = format!("{attribution} {}", tiles.attribution);
    }
    let has_tiles = site.tiles.is_some();
    let view = preview.as_ref().map(|p| p.frame.bounds());
    let setup = MapSetup { province: site.province, tiles: site.tiles, area, view };
    view! {
        <section class="map-pane" aria-label="Kaart met de projecten">
            <Embedded id=SETUP_ID value=setup />
            {search}
            <div class="map-frame">
                {preview.map(|preview| view! { <MapPreviewView preview /> })}
                <MapIsland />
            </div>
            {has_tiles.then(|| view! { <p class="tiles-note" id=TILES_NOTE_ID role="status" data-testid="tiles-note"></p> })}
            <Legend in_frame />
            <p class="attribution" data-testid="attribution">{attribution}</p>
        </section>
    }
}

/// `<link rel="preload">` for the map's points, in the server-rendered `<head>`: the browser
/// downloads them while the WASM loads, instead of after hydration. Only on pages whose first
/// view is a map (the map page, an embed that opens on its map); the URL is the one the map
/// asks for ([`crate::url::points`]), or the browser would fetch twice.
#[component]
pub fn PointsPreload() -> impl IntoView {
    let query = crate::page_data::build::current_query();
    let href = match query.path.as_str() {
        "/" => Some(crate::url::points(&domain::Area::Province)),
        "/embed" => {
            let options = crate::embed::EmbedOptions::new(query.filter(), &query.raw);
            (options.view == crate::embed::EmbedView::Map).then(|| crate::url::points(&options.area))
        }
        _ => None,
    };
    href.map(|href| view! { <link rel="preload" href=href r#as="fetch" crossorigin="anonymous" /> })
}
