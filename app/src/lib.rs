#![recursion_limit = "512"]
//! The Publieke Woningbouwkaart's user interface. Every page is rendered on the server; in the
//! browser only the islands are hydrated. The server build (`ssr`) has all of it; the WASM
//! (`hydrate`) only what the islands use.
//!
//! - `page_data` (server): the data a page is made from, from one request's query, and how
//!   the server computes it.
//! - [`codec`]: postcard, the binary format the islands' data and the map's points travel in.
//! - [`url`]: reading and changing the page's query string; the URL holds all state.
//! - `pages` (server): one file per route.
//! - `components` (server): the parts of a page, one file each.
//! - [`islands`]: what is hydrated: the page script, the charts' canvases, the copy button (the
//!   map's island is in [`map`]).
//! - [`charts`]: the figures pages' charts as data, drawn by plotters (SVG or canvas).
//! - [`assets`]: the versioned addresses of the site's own files.
//! - [`embed`]: the embeddable view's presets and the snippet its builder writes.
//! - [`escape`]: text written into HTML or XML by hand (the title, the feeds).
//! - [`format`]: numbers, homes and dates in Dutch.
//! - [`map`]: the map: the server's drawing, the island, the Leaflet client and its markers.
//! - [`suggestions`]: what search suggests (a place or a project) and where choosing it goes.
//! - `navigation` (browser): follows links and forms within a page by swapping in the server's
//!   new parts.

#[cfg(feature = "ssr")]
pub mod assets;
pub mod charts;
pub mod codec;
#[cfg(feature = "ssr")]
pub mod components;
pub mod embed;
pub mod escape;
pub mod format;
pub mod islands;
pub mod map;
#[cfg(feature = "hydrate")]
pub mod navigation;
#[cfg(feature = "ssr")]
pub mod page_data;
#[cfg(feature = "ssr")]
pub mod pages;
pub mod suggestions;
pub mod url;

#[cfg(feature = "ssr")]
pub use document::{shell, App};

/// The inline scripts our pages carry besides Leptos's own: the server allows exactly these by
/// their hash in its Content-Security-Policy.
#[cfg(feature = "ssr")]
pub const INLINE_SCRIPTS: [&str; 3] = [document::IDLE_DEADLINE, map::drawing::MARK_AND_UNNOTE, components::filter_panel::FOLD_ON_PHONE];

#[cfg(feature = "ssr")]
mod document;
