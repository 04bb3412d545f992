//! One file per route.
pub mod area_page;
pub mod embed_builder;
pub mod embed_page;
pub mod map_page;
pub mod not_found;
