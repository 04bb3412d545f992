//! The only parts of a page hydrated in the browser; everything else is the server's HTML.
//!
//! An island takes no props (Leptos would send them as JSON, and put a JSON parser into the
//! WASM): what it needs the server writes beside it as postcard ([`crate::codec::Embedded`]).
//! An island is never inside a part of the page that a navigation replaces
//! ([`crate::navigation`]); one that draws what such a part holds listens for
//! [`crate::navigation::SWAPPED`].
//!
//! - [`page_script`]: on every page; follows links and forms within the page.
//! - [`crate::map::island`]: the map (Leaflet), with the rest of the map.
//! - [`charts`]: the charts' canvases; lazily loaded, so only pages with charts load plotters.
//! - [`copy_code`]: the embed builder's copy button.

pub mod charts;
pub mod copy_code;
pub mod page_script;
