//! Cross-origin reading of the public data (CORS): any page, on any site, may fetch it, as
//! from any open data service; the management API (`/api/beheer`) never answers another
//! origin, so a browser keeps a municipality's token and confidential plans to our own pages.

use axum::http::{header, Method};
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};

/// For the public GET endpoints: every origin, GET and HEAD, any request header (no
/// credentials are ever involved), a preflight answered and kept for a day, and the headers a
/// client needs to revalidate and page readable from script.
pub fn public() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers(Any)
        .expose_headers([header::ETAG, header::LAST_MODIFIED, header::LINK, header::RETRY_AFTER, header::HeaderName::from_static("api-version")])
        .max_age(Duration::from_secs(24 * 3600))
}
