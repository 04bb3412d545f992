//! The map's markers, kept across redraws (browser only).
//!
//! A redraw moves and restyles the markers already on the map and adds or removes only the
//! difference: Leaflet reuses a div icon's element when its icon changes. Taking every marker
//! off the map and making new ones cost most of a filter change's time (removing listeners and
//! elements, then creating them again).

use js_sys::Reflect;
use leaflet::{DivIconOptions, LatLng, LayerGroup, Marker, MarkerOptions};
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use std::cell::RefCell;
use std::rc::Rc;

#[leptos::wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `L.divIcon` (the `leaflet` crate's `DivIcon` constructs an `L.Icon`, which needs an image).
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &DivIconOptions) -> leaflet::Icon;

    /// `L.Marker`, for what the `leaflet` crate does not bind.
    #[wasm_bindgen(js_namespace = L, js_name = Marker)]
    type LeafletMarker;

    /// The marker's element, once it is on the map.
    #[wasm_bindgen(method, js_name = getElement)]
    fn get_element(this: &LeafletMarker) -> Option<web_sys::Element>;
}

/// What clicking a marker does.
#[derive(Debug, Clone)]
pub enum Click {
    /// Select this project.
    Select(String),
    /// Zoom to these bounds: [west, south, east, north].
    Zoom([f64; 4]),
}

/// One marker to draw.
pub struct MarkerSpec {
    pub at: LatLng,
    pub icon: DivIconOptions,
    pub title: String,
    pub z_index_offset: f64,
    pub click: Click,
}

pub struct MarkerPool {
    layer: LayerGroup,
    markers: Vec<Marker>,
    /// What each marker's click does, by position: a reused marker keeps its listener.
    clicks: Rc<RefCell<Vec<Click>>>,
    on_click: Rc<dyn Fn(Click)>,
}

impl MarkerPool {
    /// Markers in `layer` (on the map already); `on_click` is told what a click asks for.
    pub fn new(layer: LayerGroup, on_click: Rc<dyn Fn(Click)>) -> Self {
        MarkerPool { layer, markers: Vec::new(), clicks: Rc::default(), on_click }
    }

    /// Draws `specs`: the `i`th is then [`MarkerPool::get`]`(i)`.
    pub fn draw(&mut self, specs: Vec<MarkerSpec>) {
        let count = specs.len();
        let mut clicks = Vec::with_capacity(count);
        for (i, spec) in specs.into_iter().enumerate() {
            let icon = div_icon(&spec.icon);
            if let Some(marker) = self.markers.get(i) {
                marker.set_lat_lng(&spec.at);
                marker.set_icon(&icon);
                marker.set_z_index_offset(spec.z_index_offset);
                set_title(marker, &spec.title);
            } else {
                let options = MarkerOptions::new();
                options.set_icon(icon);
                options.set_title(spec.title);
                options.set_keyboard(true);
                options.set_z_index_offset(spec.z_index_offset);
                let marker = Marker::new_with_options(&spec.at, &options);
                let (all, on_click) = (self.clicks.clone(), self.on_click.clone());
                let click = Closure::<dyn Fn()>::new(move || {
                    // Out of the list first: the click may redraw (a zoom), which rewrites it.
                    let click = all.borrow().get(i).cloned();
                    if let Some(click) = click {
                        on_click(click);
                    }
                });
                marker.unchecked_ref::<leaflet::Evented>().on("click", &click.into_js_value());
                self.layer.add_layer(&marker);
                self.markers.push(marker);
            }
            clicks.push(spec.click);
        }
        for marker in self.markers.drain(count.min(self.markers.len())..) {
            self.layer.remove_layer(&marker);
        }
        *self.clicks.borrow_mut() = clicks;
    }

    /// The marker drawn for the `i`th spec of the last [`MarkerPool::draw`].
    pub fn get(&self, i: usize) -> Option<&Marker> {
        self.markers.get(i)
    }
}

/// Changes what a marker says when pointed at. Leaflet writes the title only into an element it
/// makes, so a reused element gets it here (and the options, for when it is made again).
pub fn set_title(marker: &Marker, title: &str) {
    if let Ok(options) = Reflect::get(marker, &"options".into()) {
        let _ = Reflect::set(&options, &"title".into(), &title.into());
    }
    if let Some(element) = marker.unchecked_ref::<LeafletMarker>().get_element() {
        let _ = element.set_attribute("title", title);
    }
}
