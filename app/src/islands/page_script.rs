//! The island every page has: it follows links and forms within the page.

use leptos::prelude::*;

/// Once per page: in the browser, links and forms within the page are followed by swapping in
/// the server's new parts ([`crate::navigation::install`]).
#[island]
pub fn PageScript() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    crate::navigation::install();
}
