//! The map's data, fetched in the browser: the projects once per page as compact points
//! (`/api/kaart`, postcard, see [`domain::map_points`]), their names just after, and the
//! boundaries as GeoJSON.

use crate::url;
use domain::map_points::{Encoded, MapPoints, Names};
use domain::Area;
use js_sys::JSON;
use leptos::wasm_bindgen::JsValue;

pub async fn fetch_json(path: &str) -> Option<JsValue> {
    let response = gloo_net::http::Request::get(path).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    JSON::parse(&response.text().await.ok()?).ok()
}

/// One of the map's postcard resources ([`url::points`], [`url::point_names`]), when it came.
async fn fetch_postcard(url: &str) -> Option<gloo_net::http::Response> {
    // The points' URL is the one the page's `<head>` preloads (`PointsPreload`), so the browser
    // takes that response. The parameters go through `query`: gloo-net adds a stray `&` to a URL
    // that already has one.
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs = url::pairs(query);
    let request = gloo_net::http::Request::get(path).query(pairs.iter().map(|(k, v)| (k.as_str(), v)));
    request.send().await.ok().filter(gloo_net::http::Response::ok)
}

/// The names of the page's projects, in the points' order, read in place.
pub async fn fetch_names(area: &Area) -> Option<Names> {
    let url = url::point_names(area);
    let bytes = fetch_postcard(&url).await?.binary().await.ok()?;
    crate::codec::texts(bytes).map(Names).map_err(|e| leptos::logging::error!("{url}: {e}")).ok()
}

/// The page's projects as the map's compact points.
///
/// The response stays in JavaScript's memory and postcard reads it a piece at a time
/// ([`JsBytes`]): the WASM memory never holds the whole response beside what is decoded from
/// it. A WASM memory never shrinks, and at 100,000 projects the response is 3.5 MB.
pub async fn fetch_points(area: &Area) -> Option<MapPoints> {
    let url = url::points(area);
    let raw: web_sys::Response = fetch_postcard(&url).await?.into();
    let buffer = wasm_bindgen_futures::JsFuture::from(raw.array_buffer().ok()?).await.ok()?;
    let reader = std::io::BufReader::with_capacity(1 << 16, JsBytes { array: js_sys::Uint8Array::new(&buffer), at: 0 });
    // Room for the longest single string postcard hands over (a name or an id).
    let mut scratch = vec![0; 1 << 12];
    let (wire, _) = postcard::from_io::<Encoded, _>((reader, &mut scratch)).map_err(|e| leptos::logging::error!("{url}: {e}")).ok()?;
    wire.decode().map_err(|e| leptos::logging::error!("{e}")).ok()
}

/// A JavaScript byte array read as `std::io::Read`: each read copies the next piece into WASM.
struct JsBytes {
    array: js_sys::Uint8Array,
    at: u32,
}

impl std::io::Read for JsBytes {
    fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        let n = (self.array.length() - self.at).min(u32::try_from(into.len()).unwrap_or(u32::MAX));
        self.array.subarray(self.at, self.at + n).copy_to(&mut into[..n as usize]);
        self.at += n;
        Ok(n as usize)
    }
}
