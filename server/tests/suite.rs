//! The server's tests against the real router and the real binary, in one test binary (each
//! test binary links the whole server, so one binary links it once): one module per subject.
//! `outage.rs` is its own binary: it stops the suite's PostgreSQL, which tests running beside
//! it would see.

mod common;

mod api;
mod caches;
mod crash;
mod delivery_page;
mod disk_full;
mod drawn_map;
mod embed;
mod hardening;
mod hostile_texts;
mod manage;
mod map_points;
mod ogc;
mod open_data;
mod other_province;
mod page_errors;
mod search;
mod site_pages;
mod stats;
