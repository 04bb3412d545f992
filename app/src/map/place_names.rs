//! The province's places on the interactive map (browser only): read once from `/api/plaatsen`
//! ([`fetch`]), and named in their own pane between the boundaries and the markers, the towns
//! on the province's view and the villages as one zooms in ([`domain::places`]). The labels
//! are not interactive and not in the tab order; the list and the search box are the way to a
//! place by keyboard or screen reader.

use domain::places::{Gazetteer, Place};
use domain::{LonLat, MunicipalityCode, Province};
use js_sys::{Array, Reflect};
use leaflet::{DivIconOptions, LatLng, LayerGroup, Map, Marker, MarkerOptions};
use leptos::wasm_bindgen::{JsCast, JsValue};

/// The map pane the names are drawn in (`.leaflet-plaatsnamen-pane` in `style/main.css`).
pub const PANE: &str = "plaatsnamen";

/// The places, from the server's GeoJSON (`server::gazetteer`).
pub async fn fetch(province: &Province) -> Option<Gazetteer> {
    let data = super::points::fetch_json("/api/v1/plaatsen").await?;
    let features: Array = Reflect::get(&data, &"features".into()).ok()?.dyn_into().ok()?;
    let get = |v: &JsValue, path: &[&str]| path.iter().try_fold(v.clone(), |v, key| Reflect::get(&v, &(*key).into()).ok());
    let places = features
        .iter()
        .filter_map(|f| {
            let coordinates: Array = get(&f, &["geometry", "coordinates"])?.dyn_into().ok()?;
            Some(Place {
                name: get(&f, &["properties", "naam"])?.as_string()?,
                municipality: MunicipalityCode::new(get(&f, &["properties", "gemeente"])?.as_string()?),
                at: LonLat::lon_lat(coordinates.get(0).as_f64()?, coordinates.get(1).as_f64()?),
                population: get(&f, &["properties", "inwoners"]).and_then(|v| v.as_f64()).map(|n| n as u32),
            })
        })
        .collect();
    Some(Gazetteer::new(places, province))
}

/// Names the places of `places` that the map shows at `zoom` (and `chosen` always) in `layer`.
pub fn draw(layer: &LayerGroup, places: &Gazetteer, zoom: f64, chosen: Option<usize>) {
    layer.clear_layers();
    for (i, place) in places.iter() {
        let is_chosen = chosen == Some(i);
        if !is_chosen && !place.labelled_at(zoom) {
            continue;
        }
        let icon = DivIconOptions::new();
        icon.set_class_name(if is_chosen { "place-label chosen".into() } else { "place-label".into() });
        icon.set_html(format!(r#"<span aria-hidden="true">{}</span>"#, crate::escape::text(&place.name)));
        let options = MarkerOptions::new();
        options.set_icon(super::markers::div_icon(&icon));
        options.set_keyboard(false);
        // The place searched for stands above the markers (Leaflet's tooltip pane, which
        // takes no pointer events), so a cluster on it does not hide its name.
        options.set_pane(if is_chosen { "tooltipPane".into() } else { PANE.into() });
        let _ = Reflect::set(&options, &"interactive".into(), &JsValue::FALSE);
        layer.add_layer(&Marker::new_with_options(&LatLng::new(place.at.lat, place.at.lon), &options));
    }
}

/// Makes the names' pane once, above the boundaries and under the markers.
pub fn make_pane(map: &Map) {
    map.create_pane_by_name(PANE);
}
