//! Drives Leaflet in the browser: boundaries as the base layer, projects as clustered markers.
//!
//! Clustering is the domain's ([`domain::cluster`]), recomputed on every zoom; Leaflet only
//! draws. Selecting a marker navigates to `?project=<id>`; the URL is the single source of the
//! selection, so the list, the detail and the map follow the same state.

use crate::api::{Results, SiteInfo};
use crate::components::format;
use crate::url;
use domain::cluster::{cluster, ClusterPoint};
use domain::{Area, LonLat};
use js_sys::{Object, Reflect, JSON};
use leaflet::{DivIconOptions, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, Marker, MarkerOptions, Point};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::cell::RefCell;
use std::rc::Rc;

#[leptos::wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `L.geoJSON` (the `leaflet` crate has the type but does not export the factory).
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    fn geo_json(data: &JsValue, options: &JsValue) -> leaflet::GeoJson;

    /// `L.divIcon` (the `leaflet` crate's `DivIcon` constructs an `L.Icon`, which needs an image).
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &DivIconOptions) -> leaflet::Icon;
}

/// Cluster radius in screen pixels.
const CLUSTER_RADIUS_PX: f64 = 44.0;
/// From this zoom on every project has its own marker and plan areas are drawn.
const DETAIL_ZOOM: f64 = 14.0;

#[derive(Debug, Clone)]
struct MapPoint {
    id: String,
    name: String,
    at: LonLat,
    homes: u32,
    class: String,
    indicative: bool,
}

struct MapState {
    map: Map,
    markers: LayerGroup,
    areas: LayerGroup,
    points: Vec<MapPoint>,
    area_features: JsValue,
    selected: Option<String>,
    painted: bool,
    /// The region and municipality parameters the view was last fitted to.
    places: String,
}

type Shared = Rc<RefCell<Option<MapState>>>;

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

async fn fetch_json(path: &str) -> Option<JsValue> {
    let response = gloo_net::http::Request::get(path).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    JSON::parse(&response.text().await.ok()?).ok()
}

/// The boundary layers to draw under the projects: every municipality and region for the
/// province, or only the area's own outline (an embed of one municipality or region).
fn boundary_layers(area: &Area) -> Vec<(String, JsValue)> {
    let thin = || obj(&[("color", "#6b7280".into()), ("weight", 1.0.into()), ("fill", false.into())]);
    let thick = || obj(&[("color", "#1f2937".into()), ("weight", 2.5.into()), ("fill", false.into())]);
    match area {
        Area::Province => vec![("/api/grenzen/gemeenten".to_owned(), thin()), ("/api/grenzen/regios".to_owned(), thick())],
        Area::Region(id) => vec![(format!("/api/grenzen/regios/{id}"), thick())],
        Area::Municipality(code) => vec![(format!("/api/grenzen/gemeenten/{code}"), thick())],
    }
}

pub fn attach(node: NodeRef<leptos::html::Div>, site: SiteInfo, query: Memo<String>, results: Memo<Option<Results>>, area: Area) {
    let state: Shared = Rc::new(RefCell::new(None));
    let site_bounds = site.province.bounds;
    let fixed_places = url::area_param(&area).map(|(k, v)| format!("{k}={v}")).unwrap_or_default();
    let navigate = use_navigate();
    let location = use_location();
    let select: Rc<dyn Fn(String)> = Rc::new(move |id: String| {
        let q = url::with(&query.get_untracked(), url::PROJECT, Some(&id));
        navigate(&url::href(&location.pathname.get_untracked(), &q), NavigateOptions { scroll: false, ..Default::default() });
    });

    // Create the map once the container is in the page.
    {
        let state = state.clone();
        let select = select.clone();
        Effect::new(move |_| {
            let Some(div) = node.get() else { return };
            if state.borrow().is_some() {
                return;
            }
            div.set_inner_html("");
            let options = MapOptions::new();
            options.set_attribution_control(false);
            options.set_zoom_snap(0.5);
            options.set_min_zoom(7.0);
            let Ok(map) = Map::new_with_element(div.unchecked_ref(), &options) else { return };
            let [w, s, e, n] = site.province.bounds;
            map.fit_bounds(&LatLngBounds::new(&LatLng::new(s, w), &LatLng::new(n, e)));
            if let Some(tiles) = &site.tiles {
                leaflet::TileLayer::new(&tiles.url).add_to(&map);
            }
            let areas = LayerGroup::new();
            areas.add_to(&map);
            let markers = LayerGroup::new();
            markers.add_to(&map);
            {
                let state = state.clone();
                let select = select.clone();
                map.on_zoom_end(Box::new(move |_| render(&state, &select)));
            }
            *state.borrow_mut() = Some(MapState {
                map: map.clone(),
                markers,
                areas,
                points: Vec::new(),
                area_features: JsValue::NULL,
                selected: None,
                painted: false,
                // A fixed area is fitted to its outline; the projects in it do not move the view.
                places: fixed_places.clone(),
            });
            // Municipality and region boundaries: the base layer that makes tiles optional.
            let fit = area != Area::Province;
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

    // Load the projects for the filter; only the latest answer counts.
    {
        let state = state.clone();
        let select = select.clone();
        let latest = Rc::new(RefCell::new(String::new()));
        Effect::new(move |_| {
            let filter = url::filter_only(&query.get());
            let _ = node.get();
            *latest.borrow_mut() = filter.clone();
            let (state, select, latest) = (state.clone(), select.clone(), latest.clone());
            spawn_local(async move {
                let path = url::href("/api/projects", &filter);
                let Some(data) = fetch_json(&path).await else { return };
                if *latest.borrow() != filter {
                    return;
                }
                let (points, areas) = read_features(&data);
                let places = place_filter(&filter);
                if let Some(s) = state.borrow_mut().as_mut() {
                    // A new region or municipality: show it. Other filters keep the view.
                    if places != s.places && !points.is_empty() {
                        let mut bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
                        for p in &points {
                            bounds = [bounds[0].min(p.at.lon), bounds[1].min(p.at.lat), bounds[2].max(p.at.lon), bounds[3].max(p.at.lat)];
                        }
                        if places.is_empty() {
                            bounds = site_bounds;
                        }
                        let [w, so, e, n] = bounds;
                        let padding = js_sys::Array::of2(&24.into(), &24.into());
                        s.map.fit_bounds_with_options(
                            &LatLngBounds::new(&LatLng::new(so, w), &LatLng::new(n, e)),
                            &obj(&[("padding", padding.into()), ("maxZoom", 12.into())]),
                        );
                    }
                    s.places = places;
                    s.points = points;
                    s.area_features = areas;
                }
                render(&state, &select);
            });
        });
    }

    // Follow the selection from the URL.
    {
        let state = state.clone();
        Effect::new(move |_| {
            let id = results.with(|r| r.as_ref().and_then(|r| r.selected.as_ref().map(|d| d.project.id.to_string())));
            let focus = results.with(|r| r.as_ref().and_then(|r| r.selected.as_ref().map(|d| d.project.location.point)));
            let changed = {
                let mut guard = state.borrow_mut();
                let Some(s) = guard.as_mut() else { return };
                let changed = s.selected != id;
                s.selected = id;
                if let (true, Some(at)) = (changed, focus) {
                    let ll = LatLng::new(at.lat, at.lon);
                    if !s.map.get_bounds().contains(&ll) {
                        s.map.pan_to(&ll);
                    }
                }
                changed
            };
            if changed {
                render(&state, &select);
            }
        });
    }
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

fn read_features(data: &JsValue) -> (Vec<MapPoint>, JsValue) {
    let features: js_sys::Array = get(data, "features").unchecked_into();
    let mut points = Vec::with_capacity(features.length() as usize);
    let areas = js_sys::Array::new();
    for f in features.iter() {
        let props = get(&f, "properties");
        let centre: js_sys::Array = get(&props, "centrum").unchecked_into();
        let (Some(lon), Some(lat)) = (centre.get(0).as_f64(), centre.get(1).as_f64()) else { continue };
        points.push(MapPoint {
            id: get(&f, "id").as_string().unwrap_or_default(),
            name: get(&props, "naam").as_string().unwrap_or_default(),
            at: LonLat::lon_lat(lon, lat),
            homes: get(&props, "woningen").as_f64().unwrap_or(0.0) as u32,
            class: get(&props, "hoofdklasse").as_string().unwrap_or_default(),
            indicative: get(&props, "locatie").as_string().as_deref() == Some("indicatief"),
        });
        if get(&get(&f, "geometry"), "type").as_string().as_deref() == Some("Polygon") {
            areas.push(&f);
        }
    }
    let collection = obj(&[("type", "FeatureCollection".into()), ("features", areas.into())]);
    (points, collection)
}

fn render(state: &Shared, select: &Rc<dyn Fn(String)>) {
    let guard = state.borrow();
    let Some(s) = guard.as_ref() else { return };
    let zoom = s.map.get_zoom();
    s.markers.clear_layers();
    s.areas.clear_layers();
    if zoom >= DETAIL_ZOOM && !s.area_features.is_null() {
        let style = obj(&[("color", "#111827".into()), ("weight", 1.5.into()), ("fillOpacity", 0.12.into())]);
        let layer = geo_json(&s.area_features, &obj(&[("style", style), ("interactive", false.into())]));
        s.areas.add_layer(&layer);
    }
    let input: Vec<ClusterPoint> = s
        .points
        .iter()
        .enumerate()
        .map(|(index, p)| ClusterPoint { index, at: p.at, homes: p.homes })
        .collect();
    let clusters = if zoom >= DETAIL_ZOOM {
        input
            .iter()
            .map(|p| domain::cluster::Cluster {
                at: p.at,
                homes: u64::from(p.homes),
                count: 1,
                first: p.index,
                bounds: [p.at.lon, p.at.lat, p.at.lon, p.at.lat],
            })
            .collect()
    } else {
        cluster(&input, zoom, CLUSTER_RADIUS_PX)
    };
    // Projects at the very same spot (placed at their village) fan out around it.
    let mut same_spot: std::collections::HashMap<(i64, i64), u32> = Default::default();
    for c in clusters {
        let ll = LatLng::new(c.at.lat, c.at.lon);
        if c.count == 1 {
            let p = &s.points[c.first];
            let key = ((p.at.lon * 1e5) as i64, (p.at.lat * 1e5) as i64);
            let nth = same_spot.entry(key).or_insert(0);
            let angle = f64::from(*nth) * 2.4;
            let offset = if *nth == 0 { 0.0 } else { 8.0 + 2.0 * f64::from(*nth).sqrt() };
            *nth += 1;
            let selected = s.selected.as_deref() == Some(p.id.as_str());
            let size = if selected { 22.0 } else { 16.0 };
            let icon = DivIconOptions::new();
            icon.set_class_name("pin-icon".into());
            icon.set_html(format!(
                "<span class=\"pin c-{}{}{}\"></span>",
                escape(&p.class),
                if p.indicative { " indicative" } else { "" },
                if selected { " selected" } else { "" }
            ));
            icon.set_icon_size(Point::new(size, size));
            icon.set_icon_anchor(Point::new(size / 2.0 - offset * angle.cos(), size / 2.0 - offset * angle.sin()));
            let options = MarkerOptions::new();
            options.set_icon(div_icon(&icon));
            options.set_title(format!("{}: {}", p.name, format::homes(u64::from(p.homes))));
            options.set_alt(p.name.clone());
            options.set_keyboard(true);
            options.set_z_index_offset(if selected { 1000.0 } else { 0.0 });
            let marker = Marker::new_with_options(&ll, &options);
            let select = select.clone();
            let id = p.id.clone();
            let click = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || select(id.clone()));
            marker.unchecked_ref::<leaflet::Evented>().on("click", &click.into_js_value());
            s.markers.add_layer(&marker);
        } else {
            let size = 30.0 + (c.homes as f64).log10() * 8.0;
            let icon = DivIconOptions::new();
            icon.set_class_name("cluster-icon".into());
            icon.set_html(format!("<span class=\"cluster\"><b>{}</b></span>", format::number(c.homes)));
            icon.set_icon_size(Point::new(size, size));
            let options = MarkerOptions::new();
            options.set_icon(div_icon(&icon));
            let label = format!("{} met {} — klik om in te zoomen", format::projects(u64::from(c.count)), format::homes(c.homes));
            options.set_title(label.clone());
            options.set_alt(label);
            options.set_keyboard(true);
            let marker = Marker::new_with_options(&ll, &options);
            let map = s.map.clone();
            let [w, so, e, n] = c.bounds;
            let click = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let bounds = LatLngBounds::new(&LatLng::new(so, w), &LatLng::new(n, e));
                if (e - w).abs() < 1e-9 && (n - so).abs() < 1e-9 {
                    map.set_view(&LatLng::new(so, w), DETAIL_ZOOM);
                } else {
                    map.fit_bounds_with_options(&bounds, &obj(&[("padding", js_sys::Array::of2(&40.into(), &40.into()).into()), ("maxZoom", DETAIL_ZOOM.into())]));
                }
            });
            marker.unchecked_ref::<leaflet::Evented>().on("click", &click.into_js_value());
            s.markers.add_layer(&marker);
        }
    }
    let first_paint = !s.painted && !s.points.is_empty();
    drop(guard);
    if first_paint {
        if let Some(s) = state.borrow_mut().as_mut() {
            s.painted = true;
        }
        if let Some(perf) = window().performance() {
            let _ = perf.mark("kaart-getekend");
        }
        if let Some(div) = document().query_selector(".map").ok().flatten() {
            let _ = div.set_attribute("data-painted", "true");
        }
    }
}
