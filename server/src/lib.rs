//! The server of the Publieke Woningbouwkaart.
//!
//! - [`config`]: reads a province's configuration and geodata.
//! - [`demo`]: the seeded demo dataset generator.
//! - [`error`]: the one error type.
pub mod config;
pub mod demo;
pub mod error;
