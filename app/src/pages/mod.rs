//! One file per route.
pub mod map_page;
pub mod not_found;
