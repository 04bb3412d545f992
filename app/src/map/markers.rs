//! The map's markers, kept across redraws (browser only).
//!
//! A redraw changes the markers already on the map in place and adds or removes only the
//! difference. A filter change redraws every cluster: making the markers again (or letting
//! Leaflet's `setIcon` rewrite each one's HTML) took most of its time, so a marker's element is
//! told only what changed (a count, a pin's classes, a size), and a marker that did not change is
//! not touched. What is not seen (a title, Leaflet's own record of the icon) is written after the
//! paint: [`MarkerPool::settle`].

use super::layout::{Click, Look, MarkerSpec};
use js_sys::Reflect;
use leaflet::{DivIconOptions, LatLng, LayerGroup, Marker, MarkerOptions, Point};
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlElement;

#[leptos::wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `L.divIcon` (the `leaflet` crate's `DivIcon` constructs an `L.Icon`, which needs an image).
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub(super) fn div_icon(options: &DivIconOptions) -> leaflet::Icon;

    /// `L.Marker`, for what the `leaflet` crate does not bind.
    #[wasm_bindgen(js_namespace = L, js_name = Marker)]
    type LeafletMarker;

    /// The marker's element, once it is on the map.
    #[wasm_bindgen(method, js_name = getElement)]
    fn get_element(this: &LeafletMarker) -> Option<HtmlElement>;
}

/// Leaflet's icon for a marker (for a marker Leaflet makes, or makes again).
fn icon(spec: &MarkerSpec) -> leaflet::Icon {
    let options = DivIconOptions::new();
    options.set_class_name(spec.look.class().into());
    options.set_html(spec.look.html());
    let size = f64::from(spec.size);
    options.set_icon_size(Point::new(size, size));
    options.set_icon_anchor(Point::new(f64::from(spec.anchor.0), f64::from(spec.anchor.1)));
    div_icon(&options)
}

fn lat_lng(spec: &MarkerSpec) -> LatLng {
    LatLng::new(spec.at.lat, spec.at.lon)
}

/// Changes `element`, which shows `from`, to show `to`.
fn change(from: &Look, element: &HtmlElement, to: &Look) {
    match (from, to) {
        (Look::Pin(_), Look::Pin(classes)) => {
            if let Some(dot) = element.first_element_child() {
                return dot.set_class_name(classes);
            }
        }
        (Look::Cluster { ring: was, .. }, Look::Cluster { label, ring }) => {
            if let Some(span) = element.first_element_child() {
                if let Some(number) = span.first_element_child() {
                    if was != ring {
                        let _ = span.set_attribute("style", &format!("--ring:{ring}"));
                    }
                    return number.set_text_content(Some(label));
                }
            }
        }
        _ => {}
    }
    let classes = element.class_list();
    let _ = classes.remove_1(from.class());
    let _ = classes.add_1(to.class());
    element.set_inner_html(&to.html());
}

pub struct MarkerPool {
    layer: LayerGroup,
    /// The markers on the map, each with what it was last drawn as.
    markers: Vec<(Marker, MarkerSpec)>,
    /// Markers redrawn whose title and icon options are still the old ones.
    unsettled: Vec<usize>,
    /// What each marker's click does, by position: a reused marker keeps its listener.
    clicks: Rc<RefCell<Vec<Click>>>,
    on_click: Rc<dyn Fn(Click)>,
}

impl MarkerPool {
    /// Markers in `layer` (on the map already); `on_click` is told what a click asks for.
    pub fn new(layer: LayerGroup, on_click: Rc<dyn Fn(Click)>) -> Self {
        MarkerPool { layer, markers: Vec::new(), unsettled: Vec::new(), clicks: Rc::default(), on_click }
    }

    /// Draws `specs`, each with what a click on it does (the `i`th spec is the `i`th marker,
    /// for [`MarkerPool::set_title`]).
    pub fn draw(&mut self, specs: Vec<(MarkerSpec, Click)>) {
        let count = specs.len();
        let mut clicks = Vec::with_capacity(count);
        for (i, (spec, click)) in specs.into_iter().enumerate() {
            if let Some((marker, drawn)) = self.markers.get_mut(i) {
                if redraw(marker, drawn, spec) {
                    self.unsettled.push(i);
                }
            } else {
                let options = MarkerOptions::new();
                options.set_icon(icon(&spec));
                options.set_title(spec.title.clone());
                options.set_keyboard(true);
                options.set_z_index_offset(spec.z_index_offset);
                let marker = Marker::new_with_options(&lat_lng(&spec), &options);
                let (all, on_click) = (self.clicks.clone(), self.on_click.clone());
                // Out of the list first: the click may redraw (a zoom), which rewrites it.
                let act = Rc::new(move || all.borrow().get(i).cloned().inspect(|click| on_click(click.clone())));
                let on_mouse = act.clone();
                let listener = Closure::<dyn Fn()>::new(move || {
                    on_mouse();
                });
                let events = marker.unchecked_ref::<leaflet::Evented>();
                events.on("click", &listener.into_js_value());
                // Leaflet makes a marker a button for the keyboard (`keyboard: true`) but sends
                // its keys on as `keypress` and does nothing with them: Enter and Space act as a
                // click here.
                let keys = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| on_key(&event, &*act));
                events.on("keypress", &keys.into_js_value());
                self.layer.add_layer(&marker);
                self.markers.push((marker, spec));
            }
            clicks.push(click);
        }
        for (marker, _) in self.markers.drain(count.min(self.markers.len())..) {
            self.layer.remove_layer(&marker);
        }
        *self.clicks.borrow_mut() = clicks;
    }

    /// Writes what the last [`MarkerPool::draw`] left for after the paint: the titles, and the
    /// icon Leaflet would make a marker's element from again.
    pub fn settle(&mut self) {
        for i in self.unsettled.drain(..) {
            let Some((marker, drawn)) = self.markers.get(i) else { continue };
            set_title(marker, &drawn.title);
            if let Ok(options) = Reflect::get(marker, &"options".into()) {
                let _ = Reflect::set(&options, &"icon".into(), &icon(drawn));
            }
        }
    }

    /// Changes what the `i`th marker of the last [`MarkerPool::draw`] says when pointed at.
    pub fn set_title(&mut self, i: usize, title: String) {
        if let Some((marker, drawn)) = self.markers.get_mut(i) {
            if drawn.title != title {
                set_title(marker, &title);
                drawn.title = title;
            }
        }
    }
}

/// Changes `marker`, drawn as `drawn`, to `spec`: only what is seen, and only what differs.
/// `true` when its title or icon options are left to [`MarkerPool::settle`].
fn redraw(marker: &Marker, drawn: &mut MarkerSpec, spec: MarkerSpec) -> bool {
    if *drawn == spec {
        return false;
    }
    let Some(element) = marker.unchecked_ref::<LeafletMarker>().get_element() else {
        // Not on the map (cannot happen while the pool's layer is): Leaflet draws it when it is.
        marker.set_icon(&icon(&spec));
        set_title(marker, &spec.title);
        *drawn = spec;
        return false;
    };
    if drawn.look != spec.look {
        change(&drawn.look, &element, &spec.look);
    }
    if drawn.size != spec.size || drawn.anchor != spec.anchor {
        // What Leaflet's `_setIconStyles` writes (whole pixels: formatting a float would add
        // 10 KB to the WASM).
        let style = element.style();
        let _ = style.set_property("width", &format!("{}px", spec.size));
        let _ = style.set_property("height", &format!("{}px", spec.size));
        let _ = style.set_property("margin-left", &format!("{}px", -spec.anchor.0));
        let _ = style.set_property("margin-top", &format!("{}px", -spec.anchor.1));
    }
    if drawn.at != spec.at || drawn.z_index_offset != spec.z_index_offset {
        // One update of the position and stacking for both.
        if let Ok(options) = Reflect::get(marker, &"options".into()) {
            let _ = Reflect::set(&options, &"zIndexOffset".into(), &spec.z_index_offset.into());
        }
        marker.set_lat_lng(&lat_lng(&spec));
    }
    *drawn = spec;
    true
}

/// Enter or Space on a marker: what a click does. After a zoom the keyboard is on the map, from
/// where Tab reaches the markers drawn for the new zoom (the one it was on may now be another).
fn on_key(event: &JsValue, act: &dyn Fn() -> Option<Click>) {
    let Some(key) = Reflect::get(event, &"originalEvent".into()).ok().and_then(|e| e.dyn_into::<web_sys::KeyboardEvent>().ok()) else { return };
    if key.key() != "Enter" && key.key() != " " {
        return;
    }
    key.prevent_default();
    let map = key.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest(".leaflet-container").ok().flatten());
    if let (Some(Click::Zoom(_)), Some(map)) = (act(), map) {
        if let Some(map) = map.dyn_ref::<HtmlElement>() {
            let _ = map.focus();
        }
    }
}

/// Changes what a marker says when pointed at. Leaflet writes the title only into an element it
/// makes, so a reused element gets it here (and the options, for when it is made again).
fn set_title(marker: &Marker, title: &str) {
    if let Ok(options) = Reflect::get(marker, &"options".into()) {
        let _ = Reflect::set(&options, &"title".into(), &title.into());
    }
    if let Some(element) = marker.unchecked_ref::<LeafletMarker>().get_element() {
        let _ = element.set_attribute("title", title);
    }
}
