//! Where a page finds the site's own files (the build's JS, WASM and CSS, Leaflet, the
//! favicon): under `/v/<version>/`, where `<version>` is a hash of the files themselves, so a
//! browser may keep them for a year and a new build is new addresses. The server computes the
//! version once when it starts ([`set_version`]); without one (unit tests) paths stay as they are.

use std::sync::OnceLock;

static PREFIX: OnceLock<String> = OnceLock::new();

/// The path prefix of the files' versioned addresses.
pub const VERSIONED: &str = "/v/";

/// Sets the version of the site's files, once per process (every app of a process serves the
/// same files); a later call with another version is ignored.
pub fn set_version(version: &str) {
    let _ = PREFIX.set(format!("{VERSIONED}{version}"));
}

/// `/v/<version>`, or nothing before the version is set: the `root` of Leptos's loader.
pub fn prefix() -> &'static str {
    PREFIX.get().map_or("", String::as_str)
}

/// The versioned address of the site's file at `path` (`/pkg/woningbouwkaart.css`).
pub fn path(path: &str) -> String {
    format!("{}{path}", prefix())
}
