//! One file per route.
pub mod area_page;
pub mod map_page;
pub mod not_found;
