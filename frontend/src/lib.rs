#![recursion_limit = "512"]
//! The WASM entry point: hydrates the page the server rendered.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // `hydrate_lazy`: the figures pages and the embed builder are lazily loaded routes.
    leptos::mount::hydrate_lazy(app::App);
}
