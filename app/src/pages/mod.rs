//! One file per route.

/// A route whose page is its own WASM file, loaded when the page is first opened
/// (`cargo leptos build --split`): `lazy_page!(AreaRoute => AreaPage)`.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:ident) => {
        $(#[$doc])*
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    };
}
pub mod area_page;
pub mod embed_builder;
pub mod embed_page;
pub mod map_page;
pub mod not_found;
