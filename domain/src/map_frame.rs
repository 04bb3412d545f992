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

    proptest! {
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
