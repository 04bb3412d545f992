//! The Dutch national grid, RD New (EPSG:28992), and WGS 84: deliveries from the plan monitor
//! come in RD New ([`to_wgs84`]); Dutch GIS users ask the API for it ([`from_wgs84`], the OGC
//! API's `crs`). proj4rs with its EPSG definitions (the 7-parameter datum shift of EPSG:28992,
//! within a metre or two of RDNAPTRANS; the official grid files are not open to a crate).

use domain::LonLat;
use std::sync::OnceLock;

/// RD New's valid area, in metres (the Netherlands and a margin).
const X_RANGE: std::ops::RangeInclusive<f64> = -7_000.0..=300_000.0;
const Y_RANGE: std::ops::RangeInclusive<f64> = 289_000.0..=629_000.0;

fn projections() -> Result<&'static (proj4rs::Proj, proj4rs::Proj), String> {
    static PROJECTIONS: OnceLock<Option<(proj4rs::Proj, proj4rs::Proj)>> = OnceLock::new();
    PROJECTIONS
        .get_or_init(|| Some((proj4rs::Proj::from_epsg_code(28992).ok()?, proj4rs::Proj::from_epsg_code(4326).ok()?)))
        .as_ref()
        .ok_or_else(|| "de projectie RD New ↔ WGS84 is niet beschikbaar".to_owned())
}

/// One RD New position (metres) in WGS 84; an error names a position outside RD New.
pub fn to_wgs84(x: f64, y: f64) -> Result<LonLat, String> {
    if x.abs() <= 180.0 && y.abs() <= 90.0 {
        return Err(format!("({x}, {y}) lijkt WGS84; verwacht RD New (EPSG:28992) in meters"));
    }
    if !X_RANGE.contains(&x) || !Y_RANGE.contains(&y) {
        return Err(format!("({x}, {y}) ligt buiten het bereik van RD New (EPSG:28992)"));
    }
    let (rd, wgs84) = projections()?;
    let mut point = (x, y, 0.0);
    proj4rs::transform::transform(rd, wgs84, &mut point).map_err(|e| format!("({x}, {y}) is niet om te rekenen: {e}"))?;
    Ok(LonLat::lon_lat(point.0.to_degrees(), point.1.to_degrees()))
}

/// One WGS 84 position in RD New: `[x, y]` in metres, to the millimetre.
pub fn from_wgs84(p: LonLat) -> Result<[f64; 2], String> {
    let (rd, wgs84) = projections()?;
    let mut point = (p.lon.to_radians(), p.lat.to_radians(), 0.0);
    proj4rs::transform::transform(wgs84, rd, &mut point).map_err(|e| format!("({}, {}) is niet om te rekenen: {e}", p.lon, p.lat))?;
    let mm = |v: f64| (v * 1000.0).round() / 1000.0;
    Ok([mm(point.0), mm(point.1)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amersfoort_is_the_origin_of_rd_new() {
        // The reference point of RD New (the tower of the Onze Lieve Vrouwe in Amersfoort):
        // x 155000, y 463000 is 52°09'22.178" N, 5°23'15.500" E on the Bessel ellipsoid and
        // 52.155174 N, 5.387206 E in WGS84 (RDNAPTRANS). The 7-parameter shift of EPSG:28992
        // gets within a metre or two of that.
        let p = to_wgs84(155_000.0, 463_000.0).unwrap();
        assert!((p.lat - 52.155_174).abs() < 2e-5 && (p.lon - 5.387_206).abs() < 2e-5, "{p:?}");
        let [x, y] = from_wgs84(LonLat::lon_lat(5.387_206, 52.155_174)).unwrap();
        assert!((x - 155_000.0).abs() < 2.0 && (y - 463_000.0).abs() < 2.0, "{x} {y}");
    }

    #[test]
    fn there_and_back_again_within_a_millimetre() {
        // Across Drenthe, from Meppel to Emmen.
        for (lon, lat) in [(6.19, 52.69), (6.56, 52.99), (6.91, 52.78), (7.09, 52.85)] {
            let [x, y] = from_wgs84(LonLat::lon_lat(lon, lat)).unwrap();
            let back = to_wgs84(x, y).unwrap();
            assert!((back.lon - lon).abs() < 1e-8 && (back.lat - lat).abs() < 1e-8, "{lon} {lat} → {x} {y} → {back:?}");
        }
    }

    #[test]
    fn wgs84_where_rd_new_is_expected_is_named() {
        assert!(to_wgs84(6.9, 52.78).unwrap_err().contains("lijkt WGS84"));
        assert!(to_wgs84(900_000.0, 463_000.0).unwrap_err().contains("buiten het bereik"));
    }
}
