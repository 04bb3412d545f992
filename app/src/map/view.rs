//! What part of the map the server draws: the page's area, or the part the URL asks for
//! (`?uitsnede=`, which a drawn cluster's link writes; `?plaats=`; a chosen region or
//! municipality). Leaflet then starts on exactly what was drawn (`MapSetup::view`), so the
//! drawing's clusters and pins are real links from the first paint, and the interactive map
//! takes over without a jump.

use crate::url;
use domain::map_frame::MapFrame;
#[cfg(feature = "ssr")]
use domain::{catalog::Selected, cluster::world_px, places::Gazetteer, Area};

/// A link zooms in no further than this (a street's houses).
pub const MAX_ZOOM: f64 = 18.0;
/// The room around a cluster's projects when one zooms into it, in pixels, and how far in:
/// as a click on a cluster in Leaflet (`client`).
pub const CLUSTER_PADDING: f64 = 40.0;
/// The room around the projects of a chosen region or municipality, and how far in the map
/// goes for them: as the interactive map fits them (`client`).
pub const AREA_PADDING: f64 = 24.0;
pub const AREA_MAX_ZOOM: f64 = 12.0;

/// `?uitsnede=` for what `frame` shows: west, south, east and north in degrees, five decimals
/// (about a metre).
pub fn format(frame: &MapFrame) -> String {
    format_bounds(frame.bounds())
}

/// `?uitsnede=` for west, south, east and north: what the interactive map writes back into the
/// URL when the resident has moved it. Kept on Earth, so that [`parse`] reads it back.
pub fn format_bounds([w, s, e, n]: [f64; 4]) -> String {
    let (lon, lat) = (|x: f64| fixed5(x.clamp(-180.0, 180.0)), |y: f64| fixed5(y.clamp(-85.0, 85.0)));
    format!("{},{},{},{}", lon(w), lat(s), lon(e), lat(n))
}

/// Reads back what [`format_bounds`] wrote (numbers with at most five decimals), through
/// integers as well, for the browser: [`parse`] reads any number, with the float parsing code
/// (15 KB brotli of WASM with its messages). Anything else is `None`.
pub fn read_written(value: &str) -> Option<[f64; 4]> {
    let number = |text: &str| -> Option<f64> {
        let (negative, digits) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
        let all_digits = |t: &str| !t.is_empty() && t.len() <= 5 && t.bytes().all(|b| b.is_ascii_digit());
        let (whole, fraction) = match digits.split_once('.') {
            Some((whole, fraction)) => (whole, all_digits(fraction).then_some(fraction)?),
            None => (digits, ""),
        };
        if !all_digits(whole) {
            return None;
        }
        let scaled = whole.parse::<i64>().ok()? * 100_000 + format!("{fraction:0<5}").parse::<i64>().ok()?;
        Some(if negative { -scaled } else { scaled } as f64 / 1e5)
    };
    let mut numbers = value.split(',').map(number);
    let bounds = [numbers.next()??, numbers.next()??, numbers.next()??, numbers.next()??];
    let [w, s, e, n] = bounds;
    (numbers.next().is_none() && w < e && s < n && (-180.0..=180.0).contains(&w) && e <= 180.0 && s >= -85.0 && n <= 85.0).then_some(bounds)
}

/// A number with five decimals, through integers: `{:.5}` would bring the float formatting
/// code into the WASM (9 KB brotli, measured), which uses no other.
fn fixed5(x: f64) -> String {
    let n = (x * 1e5).round() as i64;
    let a = n.unsigned_abs();
    format!("{}{}.{:05}", if n < 0 { "-" } else { "" }, a / 100_000, a % 100_000)
}

/// Reads `?uitsnede=`: four numbers, west < east and south < north, on Earth. The error says
/// what is wrong, in Dutch.
pub fn parse(value: &str) -> Result<[f64; 4], String> {
    let numbers: Vec<f64> = value
        .split(',')
        .map(|n| n.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("{}: '{}' is geen uitsnede (west,zuid,oost,noord in graden)", url::MAP_PART, shorten(value)))?;
    let [w, s, e, n] =
        <[f64; 4]>::try_from(numbers).map_err(|_| format!("{}: '{}' heeft niet vier getallen (west,zuid,oost,noord)", url::MAP_PART, shorten(value)))?;
    let on_earth = [w, e].iter().all(|x| (-180.0..=180.0).contains(x)) && [s, n].iter().all(|y| (-85.0..=85.0).contains(y));
    if !(on_earth && w < e && s < n) {
        return Err(format!("{}: '{}' is geen gebied op aarde (west < oost, zuid < noord)", url::MAP_PART, shorten(value)));
    }
    Ok([w, s, e, n])
}

fn shorten(value: &str) -> String {
    value.chars().take(40).collect()
}

/// What a page's URL asks of the map (read by `PageQuery::map_asks`).
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// The `uitsnede` as written, not yet read.
    pub part: Option<String>,
    /// The `plaats`: a key in the gazetteer.
    pub place: Option<String>,
    /// Whether a region or municipality filter is chosen.
    pub area_chosen: bool,
}

/// The part of `area`'s drawing (its `whole` frame) that the page shows, in a frame of the same
/// size: the `uitsnede` when it holds any selected project (a chosen filter that leaves none
/// there shows where they are instead), else the chosen place, else, on the province's map,
/// the chosen region or municipality's projects; else the whole area.
#[cfg(feature = "ssr")]
pub fn choose(whole: MapFrame, area: &Area, asked: &Asked, places: &Gazetteer, selected: &[Selected<'_>]) -> MapFrame {
    let (width, height) = (whole.width, whole.height);
    let zoomed_in = |f: &MapFrame| f.zoom > whole.zoom;
    let part = asked.part.as_deref().and_then(|v| parse(v).ok());
    // The zoom to a hundredth: the bounds were written to five decimals, and a cluster's part at
    // the detail zoom should be read back at it, not just below.
    let read_back = |f: MapFrame| MapFrame::centred(f.centre(), (f.zoom * 100.0).round() / 100.0, width, height);
    if let Some(frame) = part.and_then(|b| MapFrame::around(b, width, height, 0.0, MAX_ZOOM)).map(read_back) {
        if zoomed_in(&frame) && selected.iter().any(|s| frame.shows(s.project.location.point)) {
            return frame;
        }
    }
    let place = asked.place.as_deref().and_then(|key| places.find(key).map(|(_, p)| p.clone()));
    if let Some(place) = place {
        let frame = MapFrame::centred(world_px(place.at), place.zoom(), width, height);
        if zoomed_in(&frame) {
            return frame;
        }
    }
    if *area == Area::Province && asked.area_chosen && !selected.is_empty() {
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for s in selected {
            let at = s.project.location.point;
            b = [b[0].min(at.lon), b[1].min(at.lat), b[2].max(at.lon), b[3].max(at.lat)];
        }
        if let Some(frame) = MapFrame::around(b, width, height, AREA_PADDING, AREA_MAX_ZOOM).filter(zoomed_in) {
            return frame;
        }
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_written_and_read_back() {
        let frame = MapFrame::fit([6.1, 52.6, 7.1, 53.2], 520.0).unwrap();
        let written = format(&frame);
        assert_eq!(written, "6.10000,52.60000,7.10000,53.20000");
        assert_eq!(parse(&written).unwrap(), [6.1, 52.6, 7.1, 53.2]);
    }

    #[test]
    fn a_view_beyond_the_edges_of_the_world_is_written_as_one_on_it() {
        let written = format_bounds([-190.0, -88.0, 6.123456, 89.0]);
        assert_eq!(written, "-180.00000,-85.00000,6.12346,85.00000");
        assert!(parse(&written).is_ok());
        assert_eq!(format_bounds([-0.000004, -0.5, 0.000005, 52.999996]), "0.00000,-0.50000,0.00001,53.00000");
    }

    #[test]
    fn what_the_map_writes_it_reads_back_and_nothing_else() {
        for bounds in [[6.1, 52.6, 7.1, 53.2], [-0.5, -0.25, 0.00001, 0.5], [-180.0, -85.0, 180.0, 85.0]] {
            assert_eq!(read_written(&format_bounds(bounds)), Some(bounds));
        }
        assert_eq!(read_written("6.1,52.6,7,53.25"), Some([6.1, 52.6, 7.0, 53.25]));
        for wrong in [
            "",
            "6.1,52.6,7.1",
            "6.1,52.6,7.1,53.2,1",
            "a,b,c,d",
            "7.1,52.6,6.1,53.2",
            "6.1,52.6,7.1,95",
            "6.123456,1,7,2",
            "6.,1,7,2",
            "+6,1,7,2",
            "1e3,1,7,2",
            "NaN,1,7,2",
        ] {
            assert_eq!(read_written(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_part_that_is_not_one_is_named() {
        for (value, says) in [
            ("6.1,52.6,7.1", "niet vier getallen"),
            ("a,b,c,d", "geen uitsnede"),
            ("7.1,52.6,6.1,53.2", "geen gebied op aarde"),
            ("6.1,52.6,7.1,95", "geen gebied op aarde"),
            ("NaN,52.6,7.1,53.2", "geen gebied op aarde"),
            ("inf,52.6,7.1,53.2", "geen gebied op aarde"),
        ] {
            let e = parse(value).unwrap_err();
            assert!(e.starts_with("uitsnede: ") && e.contains(says), "{value}: {e}");
        }
        assert!(parse(&"1".repeat(500)).unwrap_err().len() < 120);
    }
}
