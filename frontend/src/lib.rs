#![recursion_limit = "512"]
//! The WASM entry point: hydrates the islands of the page the server rendered (the map, the
//! charts' canvases, the builder's copy button; see `app::pages`).

// Linked for its islands: each is a WASM export that nothing here calls by name.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
