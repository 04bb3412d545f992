//! The map, in one place. The server draws a fixed map ([`drawing`], server only) that a reader
//! without JavaScript keeps and everyone else sees until Leaflet has drawn; in the browser the
//! [`island`] starts the Leaflet client (`client`), which lays out its markers by a pure
//! function ([`layout`]), keeps them across redraws (`markers`) and reads the projects once as
//! compact points (`points`), names the province's places (`place_names`) and makes the search
//! box suggest places and projects (`search_box`).
//!
//! What both sides share is here: what the map needs to start ([`MapSetup`]), the clustering
//! radius, the markers' sizes and a pin's classes, so the server's drawing and Leaflet's agree.

#[cfg(feature = "hydrate")]
mod client;
#[cfg(feature = "ssr")]
pub mod drawing;
pub mod island;
#[cfg(any(feature = "hydrate", test))]
pub mod layout;
#[cfg(feature = "hydrate")]
mod markers;
#[cfg(feature = "hydrate")]
mod place_names;
#[cfg(feature = "hydrate")]
mod points;
#[cfg(feature = "hydrate")]
mod search_box;
pub mod view;

use domain::{Area, PriceClass, Province};
use serde::{Deserialize, Serialize};

/// What the map needs to start: the province (its bounds, and its regions and municipalities to
/// read a filter), the background tiles, and the area it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapSetup {
    pub province: Province,
    pub tiles: Option<Tiles>,
    pub area: Area,
    /// What the server's drawing shows ([west, south, east, north], [`view`]), for Leaflet to
    /// start on; `None` without a drawing.
    pub view: Option<[f64; 4]>,
}

/// Background map tiles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tiles {
    pub url: String,
    pub attribution: String,
}

/// The note under the map that says when background tiles fail to load.
pub const TILES_NOTE_ID: &str = "kaart-melding";

/// Where the page holds the [`MapSetup`].
pub const SETUP_ID: &str = "kaart-instellingen";

/// The radius within which projects are drawn as one cluster, in screen pixels.
pub const CLUSTER_RADIUS_PX: f64 = 44.0;

/// From this zoom on every project has its own marker and plan areas are drawn.
pub const DETAIL_ZOOM: f64 = 14.0;

/// A cluster marker's diameter in whole pixels (a crisp edge): larger for more homes.
pub fn cluster_size(homes: u64) -> f64 {
    (30.0 + (homes.max(1) as f64).log10() * 8.0).round()
}

/// The least width and height of a marker's box, which is what a pointer must hit (WCAG 2.2,
/// 2.5.8 Target Size (Minimum)).
pub const TARGET_SIZE: f64 = 24.0;

/// A single project's marker: the width and height of its box in pixels, the target a pointer
/// must hit. The dot drawn inside it is smaller (`style/main.css`: 16 px, the selected project's
/// 22 with its ring, which fills its box), so the larger targets leave the map no busier.
pub fn pin_size(selected: bool) -> f64 {
    if selected {
        28.0
    } else {
        TARGET_SIZE
    }
}

/// A single project's dot's classes (styled in `style/main.css`): its price class's colour,
/// hollow when its location is indicative, larger when it is the selected project.
pub fn pin_class(class: PriceClass, indicative: bool, selected: bool) -> String {
    format!("pin c-{}{}{}", class.slug(), if indicative { " indicative" } else { "" }, if selected { " selected" } else { "" })
}

/// What a single project's marker is called: the project's name (until the names have come,
/// what it is) and its homes.
pub fn pin_title(name: Option<&str>, homes: u32) -> String {
    format!("{}: {}", name.unwrap_or("Woningbouwproject"), crate::format::homes(u64::from(homes)))
}

/// What a cluster's marker is called.
pub fn cluster_title(count: u32, homes: u64) -> String {
    format!("{} met {} — klik om in te zoomen", crate::format::projects(u64::from(count)), crate::format::homes(homes))
}

/// A cluster's ring (a CSS `conic-gradient`): its homes by the class of each member's marker,
/// clockwise from the top in [`PriceClass::ALL`]'s order, in the classes' colours.
pub fn ring(mix: &[u64; domain::segment::CLASS_COUNT]) -> String {
    let total: u64 = mix.iter().sum();
    if total == 0 {
        return format!("conic-gradient({} 0 100%)", crate::charts::palette::class(PriceClass::Onbekend).hex());
    }
    let mut stops = Vec::new();
    let mut from = 0u64;
    for class in PriceClass::ALL {
        let homes = mix[class.index()];
        if homes == 0 {
            continue;
        }
        let to = from + homes;
        // Tenths of a percent in whole numbers: formatting a float would add kilobytes to the WASM.
        let pct = |n: u64| {
            let tenths = (n * 1000 + total / 2) / total;
            if tenths.is_multiple_of(10) {
                format!("{}", tenths / 10)
            } else {
                format!("{}.{}", tenths / 10, tenths % 10)
            }
        };
        stops.push(format!("{} {}% {}%", crate::charts::palette::class(*class).hex(), pct(from), pct(to)));
        from = to;
    }
    format!("conic-gradient({})", stops.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_shows_each_class_by_its_share_of_the_homes() {
        let mut mix = [0; domain::segment::CLASS_COUNT];
        mix[PriceClass::SocialeHuur.index()] = 30;
        mix[PriceClass::DureKoop.index()] = 10;
        let s = crate::charts::palette::class(PriceClass::SocialeHuur).hex();
        let d = crate::charts::palette::class(PriceClass::DureKoop).hex();
        assert_eq!(ring(&mix), format!("conic-gradient({s} 0% 75%,{d} 75% 100%)"));
        assert!(ring(&[0; domain::segment::CLASS_COUNT]).contains("0 100%"), "no homes: one colour");
    }

    #[test]
    fn a_pin_says_its_class_and_state() {
        assert_eq!(pin_class(PriceClass::SocialeHuur, false, false), "pin c-sociale-huur");
        assert_eq!(pin_class(PriceClass::Onbekend, true, true), "pin c-onbekend indicative selected");
    }

    #[test]
    fn clusters_grow_with_their_homes() {
        assert_eq!(cluster_size(0), cluster_size(1));
        assert!(cluster_size(1000) > cluster_size(10));
        assert!(pin_size(true) > pin_size(false));
        // Every marker can be hit: the smallest cluster and a pin are targets of 24 px or more.
        assert!(cluster_size(0) >= TARGET_SIZE && pin_size(false) >= TARGET_SIZE);
    }
}
