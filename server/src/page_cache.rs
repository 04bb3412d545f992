//! The public pages as bytes, rendered once per data version and URL.
//!
//! Rendering the map page costs milliseconds of CPU; a thousand visitors at once queued behind
//! it (132 pages a second on two cores, p99 two seconds, over a thousand time-outs). The pages
//! depend on nothing but the data version, the path and the query (and whether only the
//! page's parts are asked for), so the first request for a URL renders it and every later one,
//! until the data changes, gets the same bytes: compressed once (gzip and brotli), with an ETag
//! and 304 for a browser that has them. Concurrent first requests wait for that one rendering
//! instead of each rendering their own.
//!
//! Bounded: [`CACHED_PAGE_BYTES`] per data version, and only queries of ordinary length; the
//! rest is rendered per request as before. Not cached: the builder (it writes the request's
//! host into its snippet), the delivery page, anything that is not a 200 HTML page.
//!
//! The page nearly every visitor opens first, the province's map, is rendered ahead for each
//! new data version ([`render_ahead`]), as its data is ([`crate::bodies::prepare`]): at 100,000
//! projects its first rendering took 0.7 s, which the first visitor after a start or a delivery
//! waited for (issue 24's benchmark: that visitor's first paint was 0.7-0.8× the lean peer's,
//! every later one 0.25×).

use crate::responses::Precompressed;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::sync::Arc;
use tower::ServiceExt;

/// The pages rendered for each data version before anyone asks (see the module's notes).
pub const AHEAD: [&str; 1] = ["/"];

/// Pages kept per data version: about this many, and at most [`CACHED_PAGE_BYTES`].
pub const CACHED_PAGES: usize = 128;
/// The bytes of pages kept per data version (all three encodings of each).
pub const CACHED_PAGE_BYTES: u64 = 32 * 1024 * 1024;
/// Longer queries are rendered per request, not kept (a shared link is far shorter).
const MAX_QUERY: usize = 4096;
/// The largest page kept (a figures page is ~300 KB; a larger one is an error, not a page).
const MAX_PAGE: usize = 16 * 1024 * 1024;

/// Recently rendered pages by key, for one data version, bounded by their bytes.
pub type PageCache = crate::responses::BodyCache;

/// An empty page cache for a data version.
pub fn new_cache() -> PageCache {
    crate::responses::body_cache(CACHED_PAGES, CACHED_PAGE_BYTES, 8, Vec::new())
}

/// Whether pages at `path` depend only on the path, the query and the data.
fn cacheable(path: &str) -> bool {
    matches!(path, "/" | "/regio" | "/embed" | "/prijsklassen" | "/toegankelijkheid") || path.starts_with("/regio/") || path.starts_with("/gemeente/")
}

/// Whether a request is for a page the server renders (not management, not the delivery page,
/// whose work is the database's and which must not wait behind the public's pages).
fn rendered(path: &str) -> bool {
    !(path.starts_with("/api/") || path == "/beheer")
}

/// How many pages are rendered at once: one fewer than the cores, so a flood of pages nobody
/// asked for before (a new parameter each time) leaves a core to management and to the pages
/// and data already cached.
pub fn renderers() -> tokio::sync::Semaphore {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    tokio::sync::Semaphore::new(cores.saturating_sub(1).max(1))
}

/// The middleware: a cached page from `pages` (the current data version's), or the page the
/// rest of the router renders (one of `renderers` at a time), kept in `pages` when it is one to
/// keep. Pages are kept by their canonical query (`PageQuery::read`'s, what the page is made
/// from): the same page asked with its parameters in another order, repeated, with values it
/// cannot read or with parameters no page knows is one entry.
pub async fn serve_cached(pages: &PageCache, province: &domain::Province, renderers: &tokio::sync::Semaphore, request: Request, next: Next) -> Response {
    if request.method() != Method::GET || !rendered(request.uri().path()) {
        return next.run(request).await;
    }
    let query = request.uri().query().unwrap_or("");
    if !cacheable(request.uri().path()) || query.len() > MAX_QUERY {
        let _permit = renderers.acquire().await;
        let (parts, body) = next.run(request).await.into_parts();
        // Read here, under the permit: the body is rendered as it is read.
        return match axum::body::to_bytes(body, MAX_PAGE).await {
            Ok(bytes) => Response::from_parts(parts, Body::from(bytes)),
            Err(e) => {
                tracing::warn!("pagina niet te maken: {e}");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        };
    }
    let path = request.uri().path();
    let canonical = app::page_data::PageQuery::read(path, query, province);
    // A wrong value is named on its page: that page is its own entry.
    let key = key(path, &canonical.raw, canonical.error.as_deref(), request.headers().contains_key(app::url::PARTS_ONLY));
    if let Some(page) = pages.get(&key) {
        return respond(&page, request.headers());
    }
    let headers = request.headers().clone();
    let guard = match pages.get_value_or_guard_async(&key).await {
        Ok(page) => return respond(&page, &headers),
        Err(guard) => guard,
    };
    // Rendered uncompressed: the cache compresses once, for everyone.
    let (mut parts, body) = request.into_parts();
    parts.headers.remove(header::ACCEPT_ENCODING);
    // Held until the page is compressed: the body is rendered as it is read, and compressions
    // at once would hold their buffers at the same time.
    let permit = renderers.acquire().await;
    let response = next.run(Request::from_parts(parts, body)).await;
    let is_html = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    if response.status() != StatusCode::OK || !is_html {
        return response;
    }
    let bytes = match axum::body::to_bytes(response.into_body(), MAX_PAGE).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!("pagina {key} niet te bewaren: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let page = match tokio::task::spawn_blocking(move || Precompressed::new(bytes.to_vec(), "text/html; charset=utf-8")).await {
        Ok(page) => Arc::new(page),
        Err(e) => {
            tracing::warn!("pagina {key} niet te comprimeren: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    drop(permit);
    let _ = guard.insert(page.clone());
    respond(&page, &headers)
}

fn key(path: &str, query: &str, error: Option<&str>, parts_only: bool) -> String {
    format!("{path}?{query}#{}{}", u8::from(parts_only), error.unwrap_or(""))
}

/// Whether `pages` holds the whole page at `path` without a query: for tests of
/// [`render_ahead`].
pub fn holds(pages: &PageCache, path: &str) -> bool {
    pages.get(&key(path, "", None, false)).is_some()
}

/// Renders the pages in [`AHEAD`] through `site` (the whole router, so they land in the cache
/// as a visitor's request would put them there) now and each time a new data version takes
/// over (`versions`, from [`crate::live::Live::versions`]), in the background. A visitor who
/// asks meanwhile waits for the same rendering.
pub fn render_ahead(site: Router, mut versions: tokio::sync::watch::Receiver<i64>) {
    tokio::spawn(async move {
        loop {
            let version = *versions.borrow_and_update();
            for path in AHEAD {
                let request = Request::get(path).body(Body::empty()).expect("a path is a valid request");
                match site.clone().oneshot(request).await {
                    Ok(response) if response.status() == StatusCode::OK => {}
                    Ok(response) => tracing::warn!("pagina {path} niet vooraf gemaakt (versie {version}): status {}", response.status()),
                    Err(e) => match e {},
                }
            }
            // The router holds the data, and so the sender: this runs as long as the runtime.
            if versions.changed().await.is_err() {
                return;
            }
        }
    });
}

/// The cached page for a request: 304 when its ETag matches, else the encoding it accepts. A
/// browser asks again each time (the data may have changed), and gets a 304 while it has not.
fn respond(page: &Precompressed, request: &axum::http::HeaderMap) -> Response {
    let mut response = page.respond(request);
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
