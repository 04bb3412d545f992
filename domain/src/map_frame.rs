//! A map of fixed bounds, as the server draws it into the page before (or instead of) the
//! interactive map: Web Mercator, the projection Leaflet draws in, scaled so that the bounds
//! are a given number of units wide. Clustering at [`MapFrame::zoom`] with a radius in units
//! then groups the projects as the interactive map groups them at that size.

use crate::cluster::world_px;
use crate::project::LonLat;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapFrame {
    /// The Web Mercator zoom at which one unit is one pixel (fractional).
    pub zoom: f64,
    pub width: f64,
    pub height: f64,
    /// The frame's top-left corner in world pixels at `zoom`.
    left: f64,
    top: f64,
}

impl MapFrame {
    /// The frame in which `bounds` ([west, south, east, north] in degrees) are `width` units
    /// across; `None` for bounds that enclose no area or a width that is not positive.
    pub fn fit(bounds: [f64; 4], width: f64) -> Option<MapFrame> {
        let [w, s, e, n] = bounds;
        if !(w < e && s < n && width > 0.0 && bounds.iter().all(|v| v.is_finite())) {
            return None;
        }
        let (x0, y0) = world_px(LonLat { lon: w, lat: n });
        let (x1, y1) = world_px(LonLat { lon: e, lat: s });
        let scale = width / (x1 - x0);
        Some(MapFrame { zoom: scale.log2(), width, height: (y1 - y0) * scale, left: x0 * scale, top: y0 * scale })
    }

    /// The frame `width` by `height` units centred on `bounds` ([west, south, east, north]), at
    /// the largest zoom up to `max_zoom` at which they fit with `padding` units on every side,
    /// as Leaflet's `fitBounds` with `padding` and `maxZoom` shows them (bounds without area, a
    /// single point, at `max_zoom`). `None` for bounds that are not finite or a frame that leaves
    /// no room inside the padding.
    pub fn around(bounds: [f64; 4], width: f64, height: f64, padding: f64, max_zoom: f64) -> Option<MapFrame> {
        let [w, s, e, n] = bounds;
        if !(bounds.iter().all(|v| v.is_finite()) && w <= e && s <= n && width > 2.0 * padding && height > 2.0 * padding && padding >= 0.0) {
            return None;
        }
        let (x0, y0) = world_px(LonLat { lon: w, lat: n });
        let (x1, y1) = world_px(LonLat { lon: e, lat: s });
        let fit = |room: f64, extent: f64| if extent > 0.0 { (room / extent).log2() } else { f64::INFINITY };
        let zoom = fit(width - 2.0 * padding, x1 - x0).min(fit(height - 2.0 * padding, y1 - y0)).min(max_zoom);
        Some(MapFrame::centred(((x0 + x1) / 2.0, (y0 + y1) / 2.0), zoom, width, height))
    }

    /// The frame `width` by `height` units at `zoom` with its centre at `centre` (world pixels,
    /// [`world_px`]).
    pub fn centred(centre: (f64, f64), zoom: f64, width: f64, height: f64) -> MapFrame {
        let scale = 2f64.powf(zoom);
        MapFrame { zoom, width, height, left: centre.0 * scale - width / 2.0, top: centre.1 * scale - height / 2.0 }
    }

    /// The frame's centre in world pixels ([`world_px`]).
    pub fn centre(&self) -> (f64, f64) {
        let scale = 2f64.powf(self.zoom);
        ((self.left + self.width / 2.0) / scale, (self.top + self.height / 2.0) / scale)
    }

    /// What the frame shows: [west, south, east, north] in degrees.
    pub fn bounds(&self) -> [f64; 4] {
        let scale = 2f64.powf(self.zoom);
        let nw = lon_lat_of_world((self.left / scale, self.top / scale));
        let se = lon_lat_of_world(((self.left + self.width) / scale, (self.top + self.height) / scale));
        [nw.lon, se.lat, se.lon, nw.lat]
    }

    /// Whether `at` lies within the frame.
    pub fn shows(&self, at: LonLat) -> bool {
        let (x, y) = self.place(at);
        (0.0..=self.width).contains(&x) && (0.0..=self.height).contains(&y)
    }

    /// Where `at` lies in the frame, in units from its top-left corner (outside the frame for a
    /// point outside the bounds).
    pub fn place(&self, at: LonLat) -> (f64, f64) {
        self.place_world(world_px(at))
    }

    /// [`MapFrame::place`] for a point already projected ([`world_px`]).
    pub fn place_world(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let scale = 2f64.powf(self.zoom);
        (x * scale - self.left, y * scale - self.top)
    }
}

/// The point at world pixels `(x, y)` ([`world_px`]'s inverse).
pub fn lon_lat_of_world((x, y): (f64, f64)) -> LonLat {
    let lon = x / 256.0 * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y / 256.0)).sinh().atan().to_degrees();
    LonLat { lon, lat }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DRENTHE: [f64; 4] = [6.1, 52.6, 7.1, 53.2];

    #[test]
    fn the_bounds_fill_the_frame() {
        let f = MapFrame::fit(DRENTHE, 640.0).unwrap();
        let (x, y) = f.place(LonLat { lon: 6.1, lat: 53.2 });
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9, "{x} {y}");
        let (x, y) = f.place(LonLat { lon: 7.1, lat: 52.6 });
        assert!((x - 640.0).abs() < 1e-9 && (y - f.height).abs() < 1e-9, "{x} {y}");
        // A degree of latitude is longer than a degree of longitude there: 0.6° of latitude
        // against 1° of longitude at ~53°N is about 0.6 / cos(53°) ≈ 1.0 as tall as wide.
        assert!((f.height / f.width - 0.996).abs() < 0.01, "{}", f.height / f.width);
    }

    #[test]
    fn one_unit_is_one_pixel_at_the_zoom() {
        let f = MapFrame::fit(DRENTHE, 640.0).unwrap();
        let a = crate::cluster::mercator_px(LonLat { lon: 6.5, lat: 52.9 }, f.zoom);
        let b = crate::cluster::mercator_px(LonLat { lon: 6.6, lat: 52.9 }, f.zoom);
        let (pa, pb) = (f.place(LonLat { lon: 6.5, lat: 52.9 }), f.place(LonLat { lon: 6.6, lat: 52.9 }));
        assert!(((b.0 - a.0) - (pb.0 - pa.0)).abs() < 1e-6);
        // 640 pixels for one degree of longitude: 256 · 2^z / 360 = 640, z ≈ 9.8.
        assert!((9.7..9.9).contains(&f.zoom), "{}", f.zoom);
    }

    #[test]
    fn empty_bounds_have_no_frame() {
        assert_eq!(MapFrame::fit([6.0, 52.0, 6.0, 53.0], 640.0), None);
        assert_eq!(MapFrame::fit([7.0, 52.0, 6.0, 53.0], 640.0), None);
        assert_eq!(MapFrame::fit(DRENTHE, 0.0), None);
        assert_eq!(MapFrame::fit([f64::NAN, 52.0, 6.0, 53.0], 640.0), None);
    }

    #[test]
    fn a_frame_around_bounds_fits_them_with_their_padding() {
        let bounds = [6.5, 52.8, 6.6, 52.85];
        let f = MapFrame::around(bounds, 520.0, 400.0, 40.0, 14.0).unwrap();
        let (x0, y0) = f.place(LonLat { lon: 6.5, lat: 52.85 });
        let (x1, y1) = f.place(LonLat { lon: 6.6, lat: 52.8 });
        // Centred, and the wider side fills the room inside the padding.
        assert!(((x0 + x1) / 2.0 - 260.0).abs() < 1e-6 && ((y0 + y1) / 2.0 - 200.0).abs() < 1e-6, "{x0} {y0} {x1} {y1}");
        assert!((x1 - x0 - 440.0).abs() < 1e-6 || (y1 - y0 - 320.0).abs() < 1e-6, "{x0} {y0} {x1} {y1}");
        assert!(x0 >= 40.0 - 1e-6 && y0 >= 40.0 - 1e-6 && x1 <= 480.0 + 1e-6 && y1 <= 360.0 + 1e-6);
        // A point is shown at the largest zoom allowed, in the middle.
        let p = MapFrame::around([6.5, 52.8, 6.5, 52.8], 520.0, 400.0, 40.0, 14.0).unwrap();
        assert_eq!(p.zoom, 14.0);
        let (x, y) = p.place(LonLat { lon: 6.5, lat: 52.8 });
        assert!((x - 260.0).abs() < 1e-6 && (y - 200.0).abs() < 1e-6);
        assert_eq!(MapFrame::around([6.5, 52.8, 6.4, 52.9], 520.0, 400.0, 40.0, 14.0), None);
        assert_eq!(MapFrame::around(bounds, 60.0, 400.0, 40.0, 14.0), None);
    }

    #[test]
    fn a_frame_knows_what_it_shows() {
        let f = MapFrame::fit(DRENTHE, 640.0).unwrap();
        let [w, s, e, n] = f.bounds();
        for (a, b) in [(w, 6.1), (s, 52.6), (e, 7.1), (n, 53.2)] {
            assert!((a - b).abs() < 1e-9, "{:?}", f.bounds());
        }
        assert!(f.shows(LonLat { lon: 6.5, lat: 52.9 }));
        assert!(!f.shows(LonLat { lon: 7.2, lat: 52.9 }));
    }

    proptest! {
        #[test]
        fn world_pixels_go_back_to_the_point(lon in -179.0f64..179.0, lat in -85.0f64..85.0) {
            let back = lon_lat_of_world(world_px(LonLat { lon, lat }));
            prop_assert!((back.lon - lon).abs() < 1e-9 && (back.lat - lat).abs() < 1e-9);
        }

        #[test]
        fn bounds_fit_inside_the_frame_around_them(w in 6.0f64..7.0, s in 52.5f64..53.2, dw in 0.0f64..0.5, ds in 0.0f64..0.3) {
            let f = MapFrame::around([w, s, w + dw, s + ds], 520.0, 480.0, 40.0, 14.0).unwrap();
            let [fw, fs, fe, fnorth] = f.bounds();
            prop_assert!(fw <= w && fs <= s && fe >= w + dw && fnorth >= s + ds);
            prop_assert!(f.zoom <= 14.0);
        }

        #[test]
        fn points_inside_the_bounds_are_inside_the_frame(lon in 6.1f64..7.1, lat in 52.6f64..53.2, width in 50f64..2000.0) {
            let f = MapFrame::fit(DRENTHE, width).unwrap();
            let (x, y) = f.place(LonLat { lon, lat });
            prop_assert!((-1e-9..=f.width + 1e-9).contains(&x));
            prop_assert!((-1e-9..=f.height + 1e-9).contains(&y));
        }

        #[test]
        fn east_is_right_and_north_is_up(lon in 6.1f64..7.0, lat in 52.6f64..53.1) {
            let f = MapFrame::fit(DRENTHE, 640.0).unwrap();
            let (x, y) = f.place(LonLat { lon, lat });
            let (xe, yn) = (f.place(LonLat { lon: lon + 0.05, lat }).0, f.place(LonLat { lon, lat: lat + 0.05 }).1);
            prop_assert!(xe > x);
            prop_assert!(yn < y);
        }
    }
}
