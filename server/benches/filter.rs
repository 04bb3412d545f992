//! `cargo bench -p server`: filtering, figures and facets over 10k and 100k generated projects,
//! and the map's own filter and clustering.
//! The datasets come from the demo generator with a fixed seed; setup is outside the timing.

use domain::facets::facets;
use domain::query::parse;
use domain::{Catalog, Summary};
use std::path::Path;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn catalog(target: usize) -> &'static Catalog {
    static SETS: OnceLock<std::sync::Mutex<Vec<(usize, &'static Catalog)>>> = OnceLock::new();
    let sets = SETS.get_or_init(Default::default);
    let mut sets = sets.lock().unwrap();
    if let Some((_, c)) = sets.iter().find(|(n, _)| *n == target) {
        return c;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/drenthe");
    let province = server::config::load(&dir.join("provincie.toml")).unwrap();
    let demo_path = dir.join("demo.toml");
    let demo = server::demo::load(&demo_path).unwrap();
    let base = server::demo::generate(&province, &demo, &demo_path, 1.0).unwrap().len();
    let scale = target as f64 / base as f64;
    let projects = server::demo::generate(&province, &demo, &demo_path, scale).unwrap();
    let c: &'static Catalog = Box::leak(Box::new(Catalog::new(province.province, projects, true)));
    eprintln!("dataset for {target}: {} public projects", c.projects().len());
    sets.push((target, c));
    c
}

const QUERIES: &[&str] = &["", "prijsklasse=sociale-huur&regio=zuidwest", "huurkoop=koop&van=2027&tot=2029&status=vergund"];

#[divan::bench(args = [10_000, 100_000])]
fn filter_and_summarise(bencher: divan::Bencher, n: usize) {
    let c = catalog(n);
    let filters: Vec<_> = QUERIES.iter().map(|q| parse(q, c.province()).unwrap().filter).collect();
    bencher.bench(|| {
        for f in &filters {
            let selected = c.select(f);
            divan::black_box(Summary::of(&selected, f.classes(), c.province()));
        }
    });
}

#[divan::bench(args = [10_000, 100_000])]
fn facet_counts(bencher: divan::Bencher, n: usize) {
    let c = catalog(n);
    let f = parse("prijsklasse=sociale-huur&regio=zuidwest", c.province()).unwrap().filter;
    bencher.bench(|| divan::black_box(facets(c, &f)));
}

/// What the map does in the browser on a filter change, part one: select from its points (the
/// WASM runs the same code, slower).
#[divan::bench(args = [10_000, 100_000])]
fn map_select(bencher: divan::Bencher, n: usize) {
    let (c, points, f) = map_case(n);
    bencher.bench(|| divan::black_box(points.select(&f, c.province()).count()));
}

/// Part two: cluster what is left for the province's zoom (projected once, as the map keeps it).
#[divan::bench(args = [10_000, 100_000])]
fn map_cluster(bencher: divan::Bencher, n: usize) {
    use domain::cluster::{cluster, ClusterPoint};
    let (c, points, f) = map_case(n);
    let input: Vec<ClusterPoint> = points.select(&f, c.province()).enumerate().map(|(index, (row, homes))| ClusterPoint::new(index, row.at(), homes)).collect();
    bencher.bench(|| divan::black_box(cluster(&input, 8.5, 44.0)));
}

/// The map's points for `n` projects (as the browser decodes them) and the bench's filter,
/// which keeps about half.
fn map_case(n: usize) -> (&'static Catalog, domain::map_points::MapPoints, domain::Filter) {
    let c = catalog(n);
    let points = domain::map_points::Encoded::of(c, &domain::Filter::default()).decode().unwrap();
    let filter = parse("ligging=inbreiding", c.province()).unwrap().filter;
    (c, points, filter)
}

/// What search does on each key typed in the map's search box: every project's name folded and
/// matched, the best eight kept; the names as the browser holds them (one buffer), and the
/// browser runs the same code, slower.
#[divan::bench(args = [10_000, 100_000])]
fn search_keystroke(bencher: divan::Bencher, n: usize) {
    let (c, mut points, _) = map_case(n);
    points.attach_names(domain::map_points::Names::of(c, &domain::Filter::default())).unwrap();
    let candidates = || points.rows().filter_map(|r| Some(domain::search::Candidate { index: r.index, name: r.name()?, weight: r.homes().total() }));
    bencher.bench(|| divan::black_box(domain::search::search("beil", std::iter::empty(), candidates(), 8)));
}
