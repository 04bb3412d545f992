//! One file per route, rendered on the server only. In the browser only the islands
//! ([`crate::islands`]) are hydrated; each page has a
//! [`PageScript`](crate::islands::page_script::PageScript), which follows links and forms within
//! it.

pub mod accessibility;
pub mod area_page;
pub mod delivery_page;
pub mod embed_builder;
pub mod embed_page;
pub mod map_page;
pub mod not_found;
pub mod price_classes;
pub mod search_page;
