//! The boundaries the server draws under its map of each area ([`Backdrop`]): projected into
//! the area's frame once, when the configuration is loaded, and simplified to what a screen
//! can show (geo's Ramer–Douglas–Peucker, in pixels), so a page carries a few kilobytes of
//! outline instead of the boundary files' hundreds.

use crate::config::LoadedProvince;
use app::map::drawing::{Backdrop, Backdrops, FRAME_WIDTH};
use domain::map_frame::MapFrame;
use domain::{Area, LonLat};
use geo::{BoundingRect, LineString, MultiPolygon, Simplify};
use std::sync::Arc;

/// Points closer than this (in frame units, about pixels) to the simplified line are dropped.
const TOLERANCE: f64 = 0.6;

/// The drawing of the province (municipalities thin, regions thick) and of each region and
/// municipality on its own (its outline), for the embeds.
pub fn backdrops(loaded: &LoadedProvince) -> Backdrops {
    let province = &loaded.province;
    let mut all = std::collections::HashMap::new();
    // In the order of their codes, not the maps' (which differs per process): every instance
    // and every restart sends the same page.
    let mut municipalities: Vec<_> = loaded.shapes.iter().collect();
    municipalities.sort_by_key(|(code, _)| *code);
    let mut regions: Vec<_> = loaded.region_shapes.iter().collect();
    regions.sort_by_key(|(id, _)| *id);
    if let Some(frame) = MapFrame::fit(province.bounds, FRAME_WIDTH) {
        let thin: Vec<_> = municipalities.iter().flat_map(|(_, shape)| rings(shape, &frame)).collect();
        let thick: Vec<_> = regions.iter().flat_map(|(_, shape)| rings(shape, &frame)).collect();
        let names = names(loaded, &frame, |_| true);
        all.insert(Area::Province, Arc::new(Backdrop::new(frame, &thin, &thick).with_names(&names)));
    }
    let areas = regions
        .into_iter()
        .map(|(id, shape)| (Area::Region(id.clone()), shape))
        .chain(municipalities.into_iter().map(|(code, shape)| (Area::Municipality(code.clone()), shape)));
    for (area, shape) in areas {
        let Some(rect) = shape.bounding_rect() else { continue };
        let Some(frame) = MapFrame::fit([rect.min().x, rect.min().y, rect.max().x, rect.max().y], FRAME_WIDTH) else { continue };
        let names = names(loaded, &frame, |code| match &area {
            Area::Province => true,
            Area::Region(id) => province.region_of(code).is_some_and(|r| &r.id == id),
            Area::Municipality(own) => own == code,
        });
        all.insert(area, Arc::new(Backdrop::new(frame, &[], &rings(shape, &frame)).with_names(&names)));
    }
    Backdrops(all)
}

/// The places in the frame's municipalities (`within`) that the map names at its zoom, at their
/// points in the frame.
fn names<'a>(loaded: &'a LoadedProvince, frame: &MapFrame, within: impl Fn(&domain::MunicipalityCode) -> bool) -> Vec<(f64, f64, &'a str)> {
    loaded
        .gazetteer
        .iter()
        .filter(|(_, p)| p.labelled_at(frame.zoom) && within(&p.municipality))
        .map(|(_, p)| {
            let (x, y) = frame.place(p.at);
            (x, y, p.name.as_str())
        })
        .collect()
}

/// Every ring of `shape` (outer and holes) in frame units, simplified.
fn rings(shape: &MultiPolygon<f64>, frame: &MapFrame) -> Vec<Vec<(f64, f64)>> {
    shape
        .iter()
        .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
        .map(|ring| {
            let projected: LineString<f64> = ring.points().map(|p| frame.place(LonLat::lon_lat(p.x(), p.y()))).collect();
            projected.simplify(&TOLERANCE).points().map(|p| (p.x(), p.y())).collect::<Vec<_>>()
        })
        .filter(|ring| ring.len() > 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drenthe() -> LoadedProvince {
        crate::config::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../config/drenthe/provincie.toml"))).unwrap()
    }

    #[test]
    fn every_area_has_a_drawing_and_the_province_shows_all_outlines() {
        let loaded = drenthe();
        let all = backdrops(&loaded);
        assert_eq!(all.0.len(), 1 + loaded.province.regions.len() + loaded.province.municipalities.len());
        let province = all.get(&Area::Province).unwrap();
        // One path per line weight, with a ring for each municipality and each region at least.
        let svg = province.svg_len();
        // Part of every map page: about 13 KB (4 KB brotli) for Drenthe's 12 municipalities.
        assert!(svg > 1_000 && svg < 16_000, "{svg}");
        let region = all.get(&Area::Region(loaded.province.regions[0].id.clone())).unwrap();
        assert!(region.svg_len() > 200 && region.svg_len() < svg);
        // The towns are named on the province's drawing; a hamlet is not.
        let html = province.svg();
        for town in ["Assen", "Emmen", "Hoogeveen", "Meppel"] {
            assert!(html.contains(&format!(">{town}</text>")), "{town}");
        }
        assert!(!html.contains(">Amen</text>"));
    }

    #[test]
    fn the_drawing_is_the_same_however_the_boundaries_were_read() {
        // Each load keeps its boundaries in a map of its own, in an order of its own.
        let (a, b) = (backdrops(&drenthe()), backdrops(&drenthe()));
        assert_eq!(a.get(&Area::Province), b.get(&Area::Province));
    }

    #[test]
    fn simplifying_keeps_the_drawing_small() {
        let loaded = drenthe();
        let raw: usize = loaded.shapes.values().chain(loaded.region_shapes.values()).map(|s| s.iter().map(|p| p.exterior().0.len()).sum::<usize>()).sum();
        let frame = MapFrame::fit(loaded.province.bounds, FRAME_WIDTH).unwrap();
        let kept: usize = loaded.shapes.values().chain(loaded.region_shapes.values()).flat_map(|s| rings(s, &frame)).map(|r| r.len()).sum();
        // The boundary files are simplified already; a screen needs still fewer points.
        assert!(kept * 4 < raw * 3, "kept {kept} of {raw} points");
        // Still a drawing: every shape keeps more than a triangle.
        assert!(kept > 12 * (loaded.shapes.len() + loaded.region_shapes.len()));
    }
}
