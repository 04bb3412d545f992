//! One file per route. Every page is rendered on the server; in the browser only its islands
//! are hydrated, and [`PageScript`] follows links and forms within it (see
//! [`crate::navigation`]).

use leptos::prelude::*;

pub mod area_page;
pub mod embed_builder;
pub mod embed_page;
pub mod map_page;
pub mod not_found;

/// Once per page: in the browser, links and forms within the page are followed by swapping in
/// the server's new parts ([`crate::navigation::install`]).
#[island]
pub fn PageScript() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    crate::navigation::install();
}
