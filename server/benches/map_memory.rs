//! `cargo bench -p server --bench map_memory`: the memory the map's points take in the browser,
//! measured natively by counting allocations: the most that is live at once while the bytes
//! from `/api/kaart` are decoded (a WASM memory grows to that and never shrinks). The browser's
//! figures are smaller by the pointer size (4 bytes instead of 8) in every `Vec` and `String`;
//! `bench/run` measures those.

use domain::map_points::{Encoded, MapPoints};
use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use std::path::Path;

#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/drenthe");
    let province = server::config::load(&dir.join("provincie.toml")).unwrap();
    let demo_path = dir.join("demo.toml");
    let demo = server::demo::load(&demo_path).unwrap();
    let base = server::demo::generate(&province, &demo, &demo_path, 1.0).unwrap().len();
    for target in [10_000usize, 100_000] {
        let projects = server::demo::generate(&province, &demo, &demo_path, target as f64 / base as f64).unwrap();
        let catalog = domain::Catalog::new(province.province.clone(), projects, true);
        let wire = postcard::to_allocvec(&Encoded::of(&catalog, &domain::Filter::default())).unwrap();
        ALLOCATOR.reset_peak_memory();
        // As the browser does: the response's bytes, decoded, then dropped.
        let bytes = wire.clone();
        let encoded: Encoded = postcard::from_bytes(&bytes).unwrap();
        let points: MapPoints = encoded.decode().unwrap();
        drop(bytes);
        println!("{} projects: {} on the wire (before brotli); decoding peaks at {}", points.len(), mb(wire.len()), mb(ALLOCATOR.get_peak_memory()));
    }
}
