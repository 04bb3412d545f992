//! Drives Leaflet in the browser: boundaries as the base layer, projects as clustered markers.
//!
//! The projects come once per page as the map's compact points ([`super::points`]); every
//! filter change is applied here, by the domain's filter, with no
//! request. Clustering is the domain's ([`domain::cluster`]), recomputed on every zoom; Leaflet
//! only draws. Selecting a marker navigates to `?project=<id>`; the URL is the single source of
//! the selection, so the list, the detail and the map follow the same state.

use super::layout::{lay_out, Click, Pin};
use super::markers::MarkerPool;
use super::pin_title;
use super::points::{fetch_json, fetch_names, fetch_points};
use super::{place_names, search_box, view};
use super::{MapSetup, CLUSTER_RADIUS_PX, DETAIL_ZOOM, TILES_NOTE_ID};
use crate::navigation::{self, MapDrawer};
use crate::suggestions::{self, ProjectEntry, Suggestion};
use crate::url;
use domain::cluster::{cluster_by, world_px, ClusterInput};
use domain::map_points::MapPoints;
use domain::places::Gazetteer;
use domain::{Area, PriceClass, Province};
use js_sys::{Object, Reflect};
use leaflet::{LatLng, LatLngBounds, LayerGroup, Map, MapOptions};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use std::cell::RefCell;
use std::rc::Rc;

#[leptos::wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `L.geoJSON` (the `leaflet` crate has the type but does not export the factory).
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    fn geo_json(data: &JsValue, options: &JsValue) -> leaflet::GeoJson;

    /// `L.control.zoom`, for buttons that say what they do in Dutch.
    #[wasm_bindgen(js_namespace = ["L", "control"], js_name = zoom)]
    fn zoom_control(options: &JsValue) -> leaflet::Control;
}

/// The zoom steps of the map once it is open: half levels.
const ZOOM_SNAP: f64 = 0.5;

/// Has Leaflet place things with `translate` rather than `translate3d`, by setting the flag its
/// own code reads for that (`L.Browser.ie3d`, its path for browsers without 3D transforms). With
/// `translate3d` every marker is a compositor layer of its own, and a filter change that changes
/// fifty markers re-layers and commits fifty layers: traced at 10,000 projects
/// (`bench/trace-filter.mjs`), the frame after the click took 7.8–9.1 ms instead of 9.7–10.8. The
/// map's pane stays a layer through the style sheet (`will-change`), so a pan still only moves a
/// layer (and rasterizes 5–9 ms over three drags instead of 290–410).
fn flat_transforms() {
    if let Ok(browser) = Reflect::get(&window(), &"L".into()).and_then(|l| Reflect::get(&l, &"Browser".into())) {
        let _ = Reflect::set(&browser, &"ie3d".into(), &JsValue::TRUE);
    }
}

/// A project the filter selects: its row in the points and the homes the filter counts.
#[derive(Debug, Clone, Copy)]
struct Shown {
    index: usize,
    homes: u32,
    class: PriceClass,
}

struct MapState {
    map: Map,
    markers: MarkerPool,
    areas: LayerGroup,
    /// Every project of the page's area, once loaded.
    points: Option<MapPoints>,
    /// Their positions projected, by row: done once, not at every redraw. Four-byte floats
    /// (within a metre up to the zoom where every project has its own marker): at 100,000
    /// projects 0.8 MB of WASM memory less than eight-byte ones.
    world: Vec<(f32, f32)>,
    shown: Vec<Shown>,
    /// The single-project markers drawn (their places in `markers`), with what their titles
    /// say: they are named when the names come, without drawing again.
    pins: Vec<(usize, Shown)>,
    /// The filter `shown` is for (the query's filter parameters).
    filter: String,
    selected: Option<String>,
    painted: bool,
    /// The region and municipality parameters the view was last fitted to.
    places: String,
    /// The zoom the markers were last drawn for.
    drawn_zoom: f64,
    /// The province's places, once loaded, and the layer that names them.
    gazetteer: Option<Rc<Gazetteer>>,
    labels: LayerGroup,
    /// The zoom the names were drawn for.
    labelled_zoom: f64,
    /// The place the URL asks for (`?plaats=`), and the one the view was last moved to.
    place: Option<String>,
    moved_to_place: Option<String>,
}

type Shared = Rc<RefCell<Option<MapState>>>;

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// The shown projects as clustering reads them, from the map's own lists: no copy per point.
struct ShownPoints<'a> {
    shown: &'a [Shown],
    points: &'a MapPoints,
    world: &'a [(f32, f32)],
}

impl ClusterInput for ShownPoints<'_> {
    fn count(&self) -> usize {
        self.shown.len()
    }
    fn index(&self, i: usize) -> usize {
        i
    }
    fn at(&self, i: usize) -> domain::LonLat {
        self.points.row(self.shown[i].index).at()
    }
    fn world(&self, i: usize) -> (f64, f64) {
        let (x, y) = self.world[self.shown[i].index];
        (f64::from(x), f64::from(y))
    }
    fn homes(&self, i: usize) -> u32 {
        self.shown[i].homes
    }
    fn class(&self, i: usize) -> PriceClass {
        self.shown[i].class
    }
}

/// Fills `shown` with the projects of `points` that the page's filter selects.
fn select_shown(shown: &mut Vec<Shown>, points: &MapPoints, query: &str, province: &Province) {
    // A filter the page cannot read is explained by the server; the map then shows everything.
    let filter = domain::query::parse(query, province).map(|p| p.filter).unwrap_or_default();
    let classes = filter.classes();
    // The same list every time, made once for every point: a new one per filter change would
    // be a megabyte at 100,000 projects, allocated while the old one still lives, and a WASM
    // memory keeps the most it ever held.
    shown.clear();
    shown.reserve(points.len());
    shown.extend(points.select(&filter, province).map(|(row, homes)| Shown {
        index: row.index,
        homes,
        class: row.homes().main_class(classes).unwrap_or(PriceClass::Onbekend),
    }));
}

/// The boundary layers to draw under the projects: every municipality and region for the
/// province, or only the area's own outline (an embed of one municipality or region).
fn boundary_layers(area: &Area) -> Vec<(String, JsValue)> {
    let thin = || obj(&[("color", "#6b7280".into()), ("weight", 1.0.into()), ("fill", false.into())]);
    let thick = || obj(&[("color", "#1f2937".into()), ("weight", 2.5.into()), ("fill", false.into())]);
    match area {
        Area::Province => vec![("/api/v1/grenzen/gemeenten".to_owned(), thin()), ("/api/v1/grenzen/regios".to_owned(), thick())],
        Area::Region(id) => vec![(format!("/api/v1/grenzen/regios/{id}"), thick())],
        Area::Municipality(code) => vec![(format!("/api/v1/grenzen/gemeenten/{code}"), thick())],
    }
}

pub fn attach(node: NodeRef<leptos::html::Div>, setup: MapSetup, query: Signal<String, LocalStorage>) {
    let MapSetup { province, tiles, area, view: drawn_view } = setup;
    // The server drew the map (`drawing`): Leaflet starts on exactly what it drew, and keeps it.
    let drawn = drawn_view.filter(|_| document().query_selector(".map-preview-box").ok().flatten().is_some());
    let state: Shared = Rc::new(RefCell::new(None));
    let site_bounds = province.bounds;
    let fixed_places = url::area_param(&area).map(|(k, v)| format!("{k}={v}")).unwrap_or_default();
    let select: Rc<dyn Fn(String)> = Rc::new(move |id: String| {
        let q = url::with(&query.get_untracked(), url::PROJECT, Some(&id));
        navigation::go(&url::href(&window().location().pathname().unwrap_or_default(), &q));
    });

    // Create the map once the container is in the page.
    {
        let state = state.clone();
        let province = province.clone();
        let select = select.clone();
        Effect::new(move |_| {
            let Some(div) = node.get() else { return };
            if state.borrow().is_some() {
                return;
            }
            div.set_inner_html("");
            flat_transforms();
            let options = MapOptions::new();
            options.set_attribution_control(false);
            options.set_zoom_control(false);
            // Half steps; the first view fits the drawing's to the pixel (`fit_exactly`).
            options.set_zoom_snap(ZOOM_SNAP);
            options.set_min_zoom(7.0);
            let Ok(map) = Map::new_with_element(div.unchecked_ref(), &options) else { return };
            zoom_control(&obj(&[("zoomInTitle", "Inzoomen".into()), ("zoomOutTitle", "Uitzoomen".into())])).add_to(&map);
            // The drawing fills the map's box as far as its proportions allow, as `fitBounds`
            // without padding fills it: the same scale and centre, so nothing moves.
            fit_exactly(&map, drawn.unwrap_or(site_bounds));
            if let Some(tiles) = &tiles {
                let layer = leaflet::TileLayer::new(&tiles.url);
                layer.add_to(&map);
                note_failing_tiles(&layer);
            }
            place_names::make_pane(&map);
            let labels = LayerGroup::new();
            labels.add_to(&map);
            // Printing lays the map out smaller (style/main.css): Leaflet measures it again, and
            // again when the page is back on screen.
            if let Ok(Some(print)) = window().match_media("print") {
                let map = map.clone();
                let remeasure = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                    map.invalidate_size(false);
                });
                let _ = print.add_listener_with_opt_callback(Some(remeasure.as_ref().unchecked_ref()));
                remeasure.forget();
            }
            let areas = LayerGroup::new();
            areas.add_to(&map);
            let layer = LayerGroup::new();
            layer.add_to(&map);
            let on_click: Rc<dyn Fn(Click)> = {
                let (select, map) = (select.clone(), map.clone());
                Rc::new(move |click| match click {
                    Click::Select(id) => select(id),
                    Click::Zoom([w, so, e, n]) => {
                        if (e - w).abs() < 1e-9 && (n - so).abs() < 1e-9 {
                            map.set_view(&LatLng::new(so, w), DETAIL_ZOOM);
                        } else {
                            let bounds = LatLngBounds::new(&LatLng::new(so, w), &LatLng::new(n, e));
                            let padding = js_sys::Array::of2(&view::CLUSTER_PADDING.into(), &view::CLUSTER_PADDING.into());
                            map.fit_bounds_with_options(&bounds, &obj(&[("padding", padding.into()), ("maxZoom", DETAIL_ZOOM.into())]));
                        }
                    }
                })
            };
            let markers = MarkerPool::new(layer, on_click);
            {
                let (state, map) = (state.clone(), map.clone());
                // Clusters change with the zoom; single markers are drawn only where the map
                // looks, so at detail zoom a move draws again too.
                map.clone().on_move_end(Box::new(move |_| {
                    // Skipped when it fires inside a change that draws anyway.
                    let redraw = state.try_borrow().is_ok_and(|s| s.as_ref().is_some_and(|s| s.map.get_zoom() != s.drawn_zoom || s.drawn_zoom >= DETAIL_ZOOM));
                    if redraw {
                        render(&state);
                    }
                    // The URL says where the map now is: a copied link or a reload opens here.
                    let bounds = map.get_bounds();
                    let (sw, ne) = (bounds.get_south_west(), bounds.get_north_east());
                    navigation::show_view(Some(view::format_bounds([sw.lng(), sw.lat(), ne.lng(), ne.lat()])));
                }));
            }
            *state.borrow_mut() = Some(MapState {
                map: map.clone(),
                markers,
                areas,
                points: None,
                world: Vec::new(),
                shown: Vec::new(),
                pins: Vec::new(),
                filter: String::new(),
                selected: None,
                painted: false,
                // A fixed area is fitted to its outline; the projects in it do not move the view.
                // What the server drew is where the view already is.
                places: if drawn.is_some() { place_filter(&url::filter_only(&query.get_untracked())) } else { fixed_places.clone() },
                drawn_zoom: f64::NAN,
                gazetteer: None,
                labels,
                labelled_zoom: f64::NAN,
                place: url::get(&query.get_untracked(), url::PLACE),
                moved_to_place: if drawn.is_some() { url::get(&query.get_untracked(), url::PLACE) } else { None },
            });
            // The places, for their names on the map, the search box and `?plaats=`.
            {
                let (state, province) = (state.clone(), province.clone());
                spawn_local(async move {
                    let Some(places) = place_names::fetch(&province).await else { return };
                    if let Some(s) = state.borrow_mut().as_mut() {
                        s.gazetteer = Some(Rc::new(places));
                    }
                    follow_place(&state);
                    render(&state);
                });
            }
            // The projects, once: every filter is applied here.
            {
                let (state, province) = (state.clone(), province.clone());
                let area = area.clone();
                spawn_local(async move {
                    let Some(points) = fetch_points(&area).await else { return };
                    if let Some(s) = state.borrow_mut().as_mut() {
                        s.world = points.rows().map(|row| world_px(row.at())).map(|(x, y)| (x as f32, y as f32)).collect();
                        s.points = Some(points);
                        apply_filter(s, &url::filter_only(&query.get_untracked()), &province, site_bounds);
                    }
                    render(&state);
                    // The names follow the first view; pins then get their titles.
                    let Some(names) = fetch_names(&area).await else { return };
                    let attached = state.borrow_mut().as_mut().and_then(|s| s.points.as_mut()).map(|p| p.attach_names(names));
                    match attached {
                        Some(Ok(())) => name_pins(&state),
                        Some(Err(e)) => leptos::logging::error!("{e}"),
                        None => {}
                    }
                });
            }
            // Municipality and region boundaries: the base layer that makes tiles optional.
            let fit = area != Area::Province && drawn.is_none();
            let layers = boundary_layers(&area);
            spawn_local(async move {
                for (path, style) in layers {
                    if let Some(data) = fetch_json(&path).await {
                        let options = obj(&[("style", style), ("interactive", false.into())]);
                        let layer = geo_json(&data, &options);
                        layer.add_to(&map);
                        layer.unchecked_ref::<leaflet::Path>().bring_to_back();
                        if fit {
                            map.fit_bounds(&layer.unchecked_ref::<leaflet::FeatureGroup>().get_bounds());
                        }
                    }
                }
            });
        });
    }

    // Apply the filter to the loaded projects whenever the URL changes: no request. The filters
    // draw a change here before they change the URL (`navigation::install_map_drawer`); the URL then finds it drawn.
    let show: MapDrawer = {
        let state = state.clone();
        let province = province.clone();
        Rc::new(move |query: &str| {
            let filter = url::filter_only(query);
            let place = url::get(query, url::PLACE);
            let changed = state.try_borrow_mut().is_ok_and(|mut s| {
                s.as_mut().is_some_and(|s| {
                    s.place = place;
                    s.filter != filter && apply_filter(s, &filter, &province, site_bounds)
                })
            });
            if changed {
                render(&state);
            }
            changed
        })
    };
    {
        let (show, state) = (show.clone(), state.clone());
        Effect::new(move |_| {
            let query = query.get();
            restore_part(&state, &query);
            show(&query);
        });
    }
    navigation::install_map_drawer(Some(show));
    on_cleanup(|| {
        navigation::install_map_drawer(None);
        navigation::show_view(None);
    });

    // Follow the place the URL asks for.
    {
        let state = state.clone();
        Effect::new(move |_| {
            let place = url::get(&query.get(), url::PLACE);
            // Only a new place draws again: a filter change has drawn itself already.
            let changed = state.try_borrow().is_ok_and(|s| s.as_ref().is_some_and(|s| s.moved_to_place != place));
            if let Ok(mut guard) = state.try_borrow_mut() {
                if let Some(s) = guard.as_mut() {
                    s.place = place;
                }
            }
            if changed {
                follow_place(&state);
                render(&state);
            }
        });
    }
    attach_search(&state, province.clone(), query);

    // Follow the selection from the URL.
    {
        let state = state.clone();
        Effect::new(move |_| {
            // From the URL at once, not from the server's answer.
            let id = url::get(&query.get(), url::PROJECT);
            let focus = |s: &MapState| {
                let points = s.points.as_ref()?;
                points.rows().find(|r| Some(r.id()) == id.as_deref()).map(|r| r.at())
            };
            let changed = {
                let mut guard = state.borrow_mut();
                let Some(s) = guard.as_mut() else { return };
                let changed = s.selected != id;
                s.selected = id.clone();
                if let (true, Some(at)) = (changed, focus(s)) {
                    let ll = LatLng::new(at.lat, at.lon);
                    if !s.map.get_bounds().contains(&ll) {
                        s.map.pan_to(&ll);
                    }
                }
                changed
            };
            if changed {
                render(&state);
            }
        });
    }
}

/// Back or Forward to a history entry whose part of the map (`uitsnede`, written at every move)
/// is not where the map is: the map goes back there, exactly, and the entry's filter does not
/// fit the view to its region. A link within the page carries the map's own part, so only
/// Back and Forward differ; before the resident has moved the map, nothing is restored.
fn restore_part(state: &Shared, query: &str) {
    let Some(asked) = url::get(query, url::MAP_PART) else { return };
    if navigation::view().is_none_or(|now| now == asked) {
        return;
    }
    let Some(part) = view::read_written(&asked) else { return };
    let map = {
        let Ok(mut guard) = state.try_borrow_mut() else { return };
        let Some(s) = guard.as_mut() else { return };
        s.places = place_filter(&url::filter_only(query));
        s.map.clone()
    };
    // The part was written from a view at any zoom.
    fit_exactly(&map, part);
}

/// Fits the map to `[west, south, east, north]` at once and at any zoom (the first view, a
/// part restored); every later zoom goes in half steps.
fn fit_exactly(map: &Map, [w, so, e, n]: [f64; 4]) {
    let options = Reflect::get(map, &"options".into()).ok();
    let snap = |step: f64| {
        if let Some(options) = &options {
            let _ = Reflect::set(options, &"zoomSnap".into(), &step.into());
        }
    };
    snap(0.0);
    map.fit_bounds_with_options(&LatLngBounds::new(&LatLng::new(so, w), &LatLng::new(n, e)), &obj(&[("animate", false.into())]));
    snap(ZOOM_SNAP);
}

/// Moves the view to the place the URL asks for, once the places are loaded (and only when it
/// changed: panning away from it is the resident's own business).
fn follow_place(state: &Shared) {
    let map = {
        let Ok(mut guard) = state.try_borrow_mut() else { return };
        let Some(s) = guard.as_mut() else { return };
        let Some(places) = s.gazetteer.clone() else { return };
        if s.place == s.moved_to_place {
            return;
        }
        s.moved_to_place = s.place.clone();
        // The chosen place is named whatever the zoom.
        s.labelled_zoom = f64::NAN;
        let Some((_, place)) = s.place.as_deref().and_then(|key| places.find(key)) else { return };
        Some((s.map.clone(), place.at, place.zoom()))
    };
    if let Some((map, at, zoom)) = map {
        map.set_view(&LatLng::new(at.lat, at.lon), zoom);
    }
}

/// The search box's suggestions from the loaded places and projects, and what choosing one
/// does: the map goes there at once, and the URL follows.
fn attach_search(state: &Shared, province: Province, query: Signal<String, LocalStorage>) {
    let suggest: search_box::Suggest = {
        let state = state.clone();
        Rc::new(move |typed: &str| {
            let Ok(guard) = state.try_borrow() else { return Vec::new() };
            let Some(s) = guard.as_ref() else { return Vec::new() };
            let none = Gazetteer::default();
            let places = s.gazetteer.as_deref().unwrap_or(&none);
            let no_points = MapPoints::default();
            let points = PointEntries(s.points.as_ref().unwrap_or(&no_points));
            suggestions::suggest(typed, places, &points, &province, &query.get_untracked(), suggestions::SHOWN)
        })
    };
    let choose: search_box::Choose = {
        let state = state.clone();
        Rc::new(move |chosen: &Suggestion| {
            let map = state.try_borrow().ok().and_then(|s| s.as_ref().map(|s| s.map.clone()));
            if let Some(map) = map {
                map.set_view(&LatLng::new(chosen.at.lat, chosen.at.lon), chosen.zoom);
            }
            navigation::go(&url::href(&window().location().pathname().unwrap_or_default(), &chosen.query));
        })
    };
    search_box::attach(suggest, choose);
}

/// The map's points as search reads them, each made when asked for.
struct PointEntries<'a>(&'a MapPoints);

impl suggestions::Projects for PointEntries<'_> {
    fn count(&self) -> usize {
        self.0.len()
    }
    fn entry(&self, index: usize) -> Option<ProjectEntry<'_>> {
        let r = self.0.row(index);
        Some(ProjectEntry { id: r.id(), name: r.name()?, municipality: r.municipality(), homes: r.homes().total(), at: r.at() })
    }
}

/// Says under the map when background tiles do not load (a firewall, an outage): the map
/// still has its boundaries, place names and projects, but a resident should know why it
/// looks bare.
fn note_failing_tiles(layer: &leaflet::TileLayer) {
    let note = Closure::<dyn Fn()>::new(|| {
        if let Some(note) = document().get_element_by_id(TILES_NOTE_ID) {
            if note.text_content().unwrap_or_default().is_empty() {
                note.set_text_content(Some("De achtergrondkaart kon niet worden geladen. De kaart toont de grenzen, plaatsnamen en projecten."));
            }
        }
    });
    layer.unchecked_ref::<leaflet::Evented>().on("tileerror", note.as_ref().unchecked_ref());
    note.forget();
}

/// The region and municipality parameters of a filter query.
fn place_filter(filter: &str) -> String {
    url::pairs(filter)
        .into_iter()
        .filter(|(k, _)| k == domain::query::REGION || k == domain::query::MUNICIPALITY)
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Applies the page's filter to the loaded points; a new region or municipality moves the view
/// to it (unless the URL asks for a place: the view is there), other filters keep the view.
/// `false` when there is nothing loaded yet.
fn apply_filter(s: &mut MapState, filter: &str, province: &Province, site_bounds: [f64; 4]) -> bool {
    let Some(points) = s.points.as_ref() else { return false };
    select_shown(&mut s.shown, points, filter, province);
    filter.clone_into(&mut s.filter);
    let places = place_filter(filter);
    if places != s.places && !s.shown.is_empty() && s.place.is_none() {
        let mut bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for p in &s.shown {
            let at = points.row(p.index).at();
            bounds = [bounds[0].min(at.lon), bounds[1].min(at.lat), bounds[2].max(at.lon), bounds[3].max(at.lat)];
        }
        if places.is_empty() {
            bounds = site_bounds;
        }
        let [w, so, e, n] = bounds;
        let padding = js_sys::Array::of2(&view::AREA_PADDING.into(), &view::AREA_PADDING.into());
        s.map.fit_bounds_with_options(
            &LatLngBounds::new(&LatLng::new(so, w), &LatLng::new(n, e)),
            &obj(&[("padding", padding.into()), ("maxZoom", view::AREA_MAX_ZOOM.into())]),
        );
    }
    s.places = places;
    true
}

/// Names the drawn pins, once the names have come.
fn name_pins(state: &Shared) {
    let Ok(mut guard) = state.try_borrow_mut() else { return };
    let Some(MapState { pins, markers, points: Some(points), .. }) = guard.as_mut() else { return };
    for (i, shown) in pins.iter() {
        markers.set_title(*i, pin_title(points.row(shown.index).name(), shown.homes));
    }
}

fn render(state: &Shared) {
    let Ok(mut guard) = state.try_borrow_mut() else { return };
    let Some(s) = guard.as_mut() else { return };
    let Some(points) = s.points.as_ref() else { return };
    let zoom = s.map.get_zoom();
    s.drawn_zoom = zoom;
    s.areas.clear_layers();
    let clusters = if zoom >= DETAIL_ZOOM {
        // Every project its own marker, with its plan area: only where the map looks (and a
        // margin), so a province of 100k projects never puts 100k markers in the page.
        let view = s.map.get_bounds();
        let (sw, ne) = (view.get_south_west(), view.get_north_east());
        let (dx, dy) = ((ne.lng() - sw.lng()) * 0.25, (ne.lat() - sw.lat()) * 0.25);
        let (w, so, e, n) = (sw.lng() - dx, sw.lat() - dy, ne.lng() + dx, ne.lat() + dy);
        let style = obj(&[("color", "#111827".into()), ("weight", 1.5.into()), ("fillOpacity", 0.12.into()), ("interactive", false.into())]);
        let mut near = Vec::new();
        for (i, p) in s.shown.iter().enumerate() {
            let row = points.row(p.index);
            let at = row.at();
            if at.lon < w || at.lon > e || at.lat < so || at.lat > n {
                continue;
            }
            if let Some(rings) = row.area() {
                let latlngs: js_sys::Array = rings.map(|ring| ring.map(|c| JsValue::from(LatLng::new(c.lat, c.lon))).collect::<js_sys::Array>()).collect();
                s.areas.add_layer(&leaflet::Polygon::new_with_options(&latlngs, style.unchecked_ref()));
            }
            near.push(domain::cluster::Cluster::single(i, at, p.homes, p.class));
        }
        near
    } else {
        cluster_by(&ShownPoints { shown: &s.shown, points, world: &s.world }, zoom, CLUSTER_RADIUS_PX)
    };
    let (shown, selected) = (&s.shown, s.selected.as_deref());
    let pin = |first: usize| {
        let p = shown[first];
        let row = points.row(p.index);
        Pin { id: row.id(), name: row.name(), class: p.class, indicative: row.indicative(), homes: p.homes }
    };
    let layout = lay_out(&clusters, pin, selected);
    let pins = layout.pins.into_iter().map(|(marker, first)| (marker, s.shown[first])).collect();
    s.markers.draw(layout.markers);
    s.pins = pins;
    if zoom != s.labelled_zoom {
        if let Some(places) = &s.gazetteer {
            let chosen = s.place.as_deref().and_then(|key| places.find(key)).map(|(i, _)| i);
            place_names::draw(&s.labels, places, zoom, chosen);
            s.labelled_zoom = zoom;
        }
    }
    let first_paint = !s.painted;
    s.painted = true;
    drop(guard);
    // Every redraw is marked, so benchmarks can time a filter change as well as the first
    // paint (bench/run.mjs); a mark costs a microsecond. Marked before the work that follows the
    // paint is queued, so a benchmark's own after-paint moment comes before that work too.
    if let Some(perf) = window().performance() {
        let _ = perf.mark("kaart-getekend");
    }
    // The markers' titles after the paint: nobody sees them before.
    let later = state.clone();
    navigation::after_paint(move || {
        if let Some(s) = later.try_borrow_mut().ok().as_mut().and_then(|g| g.as_mut()) {
            s.markers.settle();
        }
    });
    if first_paint {
        if let Some(div) = document().query_selector(".map").ok().flatten() {
            let _ = div.set_attribute("data-painted", "true");
        }
        // The server's drawing of the map has stood in for this one until now.
        if let Some(preview) = document().query_selector(".map-preview").ok().flatten() {
            preview.remove();
        }
        if let Some(perf) = window().performance() {
            let _ = perf.mark("kaart-interactief");
        }
    }
}
