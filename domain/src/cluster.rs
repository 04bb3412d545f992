//! Grouping projects into map clusters for a zoom level.
//!
//! Distances are measured in Web Mercator pixels (the projection of web maps) at the zoom
//! level, so clusters look the same size at every zoom. A cluster carries the number of *homes* in it, which is what residents look for,
//! as well as the number of projects.

use crate::project::LonLat;
use crate::segment::{PriceClass, CLASS_COUNT};

/// A point to cluster: `index` refers back to the caller's list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterPoint {
    pub index: usize,
    pub at: LonLat,
    /// `at` projected: [`world_px`]. A map that clusters the same points at every redraw keeps
    /// these, as projecting costs more than clustering in the browser (no native `cos` in WASM).
    pub world: (f64, f64),
    pub homes: u32,
    /// The class its marker shows (its homes count under it in a cluster's [`Cluster::mix`]).
    pub class: PriceClass,
}

impl ClusterPoint {
    pub fn new(index: usize, at: LonLat, homes: u32) -> Self {
        ClusterPoint { index, at, world: world_px(at), homes, class: PriceClass::Onbekend }
    }

    /// The point with the class its marker shows.
    pub fn of_class(self, class: PriceClass) -> Self {
        ClusterPoint { class, ..self }
    }
}

/// What clustering reads of its points, by position. A list of [`ClusterPoint`]s is one; a map
/// with 100,000 projects reads its own lists instead ([`cluster_by`]), so that clustering
/// allocates no copy of every point (4 MB of WASM memory at that size, which never shrinks).
pub trait ClusterInput {
    fn count(&self) -> usize;
    /// The point's index in the caller's list ([`Cluster::first`]).
    fn index(&self, i: usize) -> usize;
    fn at(&self, i: usize) -> LonLat;
    /// `at` projected: [`world_px`].
    fn world(&self, i: usize) -> (f64, f64);
    fn homes(&self, i: usize) -> u32;
    /// The class the point's marker shows.
    fn class(&self, i: usize) -> PriceClass;
}

impl ClusterInput for [ClusterPoint] {
    fn count(&self) -> usize {
        self.len()
    }
    fn index(&self, i: usize) -> usize {
        self[i].index
    }
    fn at(&self, i: usize) -> LonLat {
        self[i].at
    }
    fn world(&self, i: usize) -> (f64, f64) {
        self[i].world
    }
    fn homes(&self, i: usize) -> u32 {
        self[i].homes
    }
    fn class(&self, i: usize) -> PriceClass {
        self[i].class
    }
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
    /// The members' homes by the class each member's marker shows, in [`PriceClass::ALL`]'s
    /// order: what the cluster's ring shows.
    pub mix: [u64; CLASS_COUNT],
}

impl Cluster {
    /// One point as a cluster of its own.
    pub fn single(first: usize, at: LonLat, homes: u32, class: PriceClass) -> Cluster {
        let mut mix = [0; CLASS_COUNT];
        mix[class.index()] = u64::from(homes);
        Cluster { at, homes: u64::from(homes), count: 1, first, bounds: [at.lon, at.lat, at.lon, at.lat], mix }
    }
}

/// Web Mercator pixel coordinates at `zoom` for 256-pixel tiles.
pub fn mercator_px(at: LonLat, zoom: f64) -> (f64, f64) {
    let (x, y) = world_px(at);
    let scale = 2f64.powf(zoom);
    (x * scale, y * scale)
}

/// Web Mercator pixel coordinates at zoom 0 (the world as one 256-pixel tile); at zoom `z`
/// they are these times 2^z.
pub fn world_px(at: LonLat) -> (f64, f64) {
    let x = (at.lon + 180.0) / 360.0 * 256.0;
    let lat = at.lat.clamp(-85.051_128, 85.051_128).to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * 256.0;
    (x, y)
}

/// Clusters `points` that lie within `radius_px` pixels of a cluster's seed at `zoom`.
///
/// Seeds are taken largest first (most homes, then lowest index), so the same input always gives
/// the same clusters, and a big project is not swallowed into a neighbour's cluster. A grid of
/// `radius_px` cells finds the neighbours, so this is linear in the number of points.
pub fn cluster(points: &[ClusterPoint], zoom: f64, radius_px: f64) -> Vec<Cluster> {
    cluster_by(points, zoom, radius_px)
}

/// [`cluster`] for any [`ClusterInput`].
pub fn cluster_by<P: ClusterInput + ?Sized>(points: &P, zoom: f64, radius_px: f64) -> Vec<Cluster> {
    // Positions in cells of `radius_px`: a member is at most 1 from its seed. Computed where
    // needed rather than kept per point: at 100,000 points in the browser every per-point list
    // is megabytes of WASM memory, which never shrinks.
    let scale = 2f64.powf(zoom) / radius_px;
    let at = |i: usize| {
        let (x, y) = points.world(i);
        (x * scale, y * scale)
    };
    let grid = Grid::new(points.count(), |i| {
        let (x, y) = at(i);
        (x.floor() as i64, y.floor() as i64)
    });
    let mut taken = vec![false; points.count()];
    let mut left = points.count();
    let mut clusters = Vec::new();
    for seed in seeds(points) {
        if left == 0 {
            break;
        }
        if taken[seed] {
            continue;
        }
        let (sx, sy) = at(seed);
        let (cx, cy) = (sx.floor() as i64, sy.floor() as i64);
        let mut acc = Acc::new(points.index(seed));
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &i in grid.cell(cx + dx, cy + dy) {
                    let i = i as usize;
                    let (x, y) = at(i);
                    if !taken[i] && (x - sx) * (x - sx) + (y - sy) * (y - sy) <= 1.0 {
                        taken[i] = true;
                        left -= 1;
                        acc.add(points.at(i), points.homes(i), points.class(i));
                    }
                }
            }
        }
        clusters.push(acc.finish());
    }
    clusters
}

/// The seed order: most homes first, then the lowest index. A counting sort on the homes (small
/// numbers), a comparison sort when they are not.
fn seeds<P: ClusterInput + ?Sized>(points: &P) -> Vec<usize> {
    let n = points.count();
    let most = (0..n).map(|i| points.homes(i) as usize).max().unwrap_or(0);
    if most > 4 * n + 1024 {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_unstable_by_key(|i| (std::cmp::Reverse(points.homes(*i)), *i));
        return order;
    }
    let rank = |i: usize| most - points.homes(i) as usize;
    let mut starts = vec![0usize; most + 2];
    for i in 0..n {
        starts[rank(i) + 1] += 1;
    }
    for r in 1..starts.len() {
        starts[r] += starts[r - 1];
    }
    let mut order = vec![0; n];
    for i in 0..n {
        let slot = &mut starts[rank(i)];
        order[*slot] = i;
        *slot += 1;
    }
    order
}

/// The points by grid cell (cells of width 1 in the positions given), each cell's points a
/// slice in index order.
enum Grid {
    /// A counting sort over the cells, when the points span few of them (a province's map):
    /// the first cell, the grid's height, and where each cell's points start in `items` (one
    /// more than the cells).
    Dense { x0: i64, y0: i64, width: i64, height: i64, starts: Vec<u32>, items: Vec<u32> },
    /// Cell keys sorted, found by binary search, when the points span many cells.
    Sorted { keys: Vec<u64>, items: Vec<u32> },
}

impl Grid {
    /// The grid of `n` points, point `i` in cell `cell(i)`.
    fn new(n: usize, cell: impl Fn(usize) -> (i64, i64)) -> Grid {
        let (mut x0, mut y0, mut x1, mut y1) = (i64::MAX, i64::MAX, i64::MIN, i64::MIN);
        for (x, y) in (0..n).map(&cell) {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let (width, height) = if n == 0 { (0, 0) } else { ((x1 - x0).saturating_add(1), (y1 - y0).saturating_add(1)) };
        if width.saturating_mul(height) > 4 * n as i64 + 1024 {
            let mut sorted: Vec<(u64, u32)> = (0..n).map(|i| (cell_key(cell(i)), i as u32)).collect();
            sorted.sort_unstable();
            let (keys, items) = sorted.into_iter().unzip();
            return Grid::Sorted { keys, items };
        }
        let id = |(x, y): (i64, i64)| ((x - x0) * height + (y - y0)) as usize;
        let mut starts = vec![0u32; (width * height) as usize + 1];
        for i in 0..n {
            starts[id(cell(i)) + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; n];
        for i in 0..n {
            let slot = &mut next[id(cell(i))];
            items[*slot as usize] = i as u32;
            *slot += 1;
        }
        Grid::Dense { x0, y0, width, height, starts, items }
    }

    fn cell(&self, x: i64, y: i64) -> &[u32] {
        match self {
            Grid::Dense { x0, y0, width, height, starts, items } => {
                if x < *x0 || y < *y0 || x >= x0 + width || y >= y0 + height {
                    return &[];
                }
                let id = ((x - x0) * height + (y - y0)) as usize;
                &items[starts[id] as usize..starts[id + 1] as usize]
            }
            Grid::Sorted { keys, items } => {
                let key = cell_key((x, y));
                let start = keys.partition_point(|k| *k < key);
                let end = start + keys[start..].partition_point(|k| *k == key);
                &items[start..end]
            }
        }
    }
}

/// A grid cell as one sortable integer (a map's cells at any zoom fit in 32 bits each way).
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
    mix: [u64; CLASS_COUNT],
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
            mix: [0; CLASS_COUNT],
        }
    }

    fn add(&mut self, at: LonLat, homes: u32, class: PriceClass) {
        self.lon += at.lon;
        self.lat += at.lat;
        self.homes += u64::from(homes);
        self.mix[class.index()] += u64::from(homes);
        self.count += 1;
        let b = &mut self.bounds;
        b[0] = b[0].min(at.lon);
        b[1] = b[1].min(at.lat);
        b[2] = b[2].max(at.lon);
        b[3] = b[3].max(at.lat);
    }

    fn finish(self) -> Cluster {
        let n = f64::from(self.count);
        Cluster { at: LonLat::lon_lat(self.lon / n, self.lat / n), homes: self.homes, count: self.count, first: self.first, bounds: self.bounds, mix: self.mix }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(index: usize, lon: f64, lat: f64, homes: u32) -> ClusterPoint {
        ClusterPoint::new(index, LonLat::lon_lat(lon, lat), homes)
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
