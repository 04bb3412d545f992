//! Grouping projects into map clusters for a zoom level.
//!
//! Distances are measured in Web Mercator pixels (the projection of web maps) at the zoom
//! level, so clusters look the same size at every zoom. A cluster carries the number of *homes* in it, which is what residents look for,
//! as well as the number of projects.

use crate::project::LonLat;

/// A point to cluster: `index` refers back to the caller's list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterPoint {
    pub index: usize,
    pub at: LonLat,
    pub homes: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The mean position of the members.
    pub at: LonLat,
    pub homes: u64,
    pub count: u32,
    /// The index of the seed, the member with the most homes (the only one when `count == 1`).
    pub first: usize,
    /// [west, south, east, north] of the members, to zoom to on a click.
    pub bounds: [f64; 4],
}

/// Web Mercator pixel coordinates at `zoom` for 256-pixel tiles.
pub fn mercator_px(at: LonLat, zoom: f64) -> (f64, f64) {
    let scale = 256.0 * 2f64.powf(zoom);
    let x = (at.lon + 180.0) / 360.0 * scale;
    let lat = at.lat.clamp(-85.051_128, 85.051_128).to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * scale;
    (x, y)
}

/// Clusters `points` that lie within `radius_px` pixels of a cluster's seed at `zoom`.
///
/// Seeds are taken largest first (most homes, then lowest index), so the same input always gives
/// the same clusters, and a big project is not swallowed into a neighbour's cluster. A grid of
/// `radius_px` cells finds the neighbours, so this is linear in the number of points (after two
/// sorts).
pub fn cluster(points: &[ClusterPoint], zoom: f64, radius_px: f64) -> Vec<Cluster> {
    let px: Vec<(f64, f64)> = points.iter().map(|p| mercator_px(p.at, zoom)).collect();
    let cell = |(x, y): (f64, f64)| ((x / radius_px).floor() as i64, (y / radius_px).floor() as i64);
    // The grid: the points sorted by cell (then index), a cell's points found by binary search;
    // no hashing or allocation per point.
    let mut grid: Vec<(u64, u32)> = px.iter().enumerate().map(|(i, xy)| (cell_key(cell(*xy)), i as u32)).collect();
    grid.sort_unstable();
    let in_cell = |c: (i64, i64)| {
        let key = cell_key(c);
        let start = grid.partition_point(|(k, _)| *k < key);
        grid[start..].iter().take_while(move |(k, _)| *k == key).map(|(_, i)| *i as usize)
    };
    // Seeds: most homes first, then the lowest index, as one integer each.
    let mut order: Vec<u64> = points.iter().enumerate().map(|(i, p)| (u64::from(u32::MAX - p.homes) << 32) | i as u64).collect();
    order.sort_unstable();
    let mut taken = vec![false; points.len()];
    let mut clusters = Vec::new();
    for seed in order.into_iter().map(|key| (key & u64::from(u32::MAX)) as usize) {
        if taken[seed] {
            continue;
        }
        let (sx, sy) = px[seed];
        let (cx, cy) = cell(px[seed]);
        let mut acc = Acc::new(points[seed].index);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for i in in_cell((cx + dx, cy + dy)) {
                    let (x, y) = px[i];
                    if !taken[i] && (x - sx).hypot(y - sy) <= radius_px {
                        taken[i] = true;
                        acc.add(&points[i]);
                    }
                }
            }
        }
        clusters.push(acc.finish());
    }
    clusters
}

/// A grid cell as one sortable integer (cells of a map at any zoom fit in 32 bits each way).
fn cell_key((x, y): (i64, i64)) -> u64 {
    (u64::from(x as u32) << 32) | u64::from(y as u32)
}

struct Acc {
    lon: f64,
    lat: f64,
    homes: u64,
    count: u32,
    first: usize,
    bounds: [f64; 4],
}

impl Acc {
    fn new(first: usize) -> Self {
        Acc {
            lon: 0.0,
            lat: 0.0,
            homes: 0,
            count: 0,
            first,
            bounds: [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY],
        }
    }

    fn add(&mut self, p: &ClusterPoint) {
        self.lon += p.at.lon;
        self.lat += p.at.lat;
        self.homes += u64::from(p.homes);
        self.count += 1;
        let b = &mut self.bounds;
        b[0] = b[0].min(p.at.lon);
        b[1] = b[1].min(p.at.lat);
        b[2] = b[2].max(p.at.lon);
        b[3] = b[3].max(p.at.lat);
    }

    fn finish(self) -> Cluster {
        let n = f64::from(self.count);
        Cluster {
            at: LonLat::lon_lat(self.lon / n, self.lat / n),
            homes: self.homes,
            count: self.count,
            first: self.first,
            bounds: self.bounds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(index: usize, lon: f64, lat: f64, homes: u32) -> ClusterPoint {
        ClusterPoint { index, at: LonLat::lon_lat(lon, lat), homes }
    }

    #[test]
    fn mercator_origin_and_corners() {
        // Null Island is the centre of the single zoom-0 tile.
        let (x, y) = mercator_px(LonLat::lon_lat(0.0, 0.0), 0.0);
        assert!((x - 128.0).abs() < 1e-9 && (y - 128.0).abs() < 1e-9);
        // Further north is a smaller y.
        let (_, assen) = mercator_px(LonLat::lat_lon(52.99, 6.56), 10.0);
        let (_, emmen) = mercator_px(LonLat::lat_lon(52.78, 6.90), 10.0);
        assert!(assen < emmen);
    }

    #[test]
    fn nearby_points_merge_and_far_points_do_not() {
        // Beilen and Westerbork are ~6.5 km apart: about 16 px at zoom 8, 1000 px at zoom 14.
        let pts = [point(0, 6.513, 52.858, 55), point(1, 6.606, 52.850, 12)];
        let low = cluster(&pts, 8.0, 60.0);
        assert_eq!(low.len(), 1);
        assert_eq!(low[0].homes, 67);
        assert_eq!(low[0].count, 2);
        let high = cluster(&pts, 14.0, 60.0);
        assert_eq!(high.len(), 2);
    }
}
