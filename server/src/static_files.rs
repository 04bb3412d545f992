//! The site's own files (the build's JS, WASM and CSS under `/pkg`, Leaflet under `/vendor`, the
//! favicon, the embed's script), read once at start-up with the `.br` and `.gz` the build wrote
//! beside them.
//!
//! Each is served at two addresses. The pages ask for `/v/<version>/<path>`, where the version is
//! a hash of every file of the build ([`Site::version`]): those answers are `immutable` for a
//! year, so a returning visitor downloads none of them again, and a new build has new
//! addresses. Another build's version is a 404 (mixing one build's JS with another's WASM would
//! break the page). The plain address (`/pkg/woningbouwkaart.js`) stays, for whoever links it,
//! and revalidates: `no-cache` with an ETag, 304 while the file is the same.
//!
//! Under `cargo leptos watch` (Leptos's `DEV` environment) the files change while the server
//! runs: they are served from the disk as before, and never kept by the browser.

use crate::responses::Precompressed;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path as FsPath;
use std::sync::Arc;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The site's files in memory, by path (`/pkg/woningbouwkaart.js`).
pub struct Site {
    files: BTreeMap<String, Precompressed>,
    version: String,
}

impl Site {
    /// Reads every file under `root` (the `.br` and `.gz` beside a file become its encodings;
    /// a file without them is compressed here). A missing root is an empty site: the API tests
    /// run before the release build exists.
    pub fn load(root: &FsPath) -> std::io::Result<Site> {
        let mut found = Vec::new();
        if root.is_dir() {
            walk(root, root, &mut found)?;
        }
        found.sort();
        let mut hash = Sha256::new();
        let mut files = BTreeMap::new();
        for path in &found {
            if path.ends_with(".br") || path.ends_with(".gz") {
                continue;
            }
            let on_disk = |suffix: &str| std::fs::read(root.join(format!("{}{suffix}", &path[1..])));
            let identity = on_disk("")?;
            hash.update(path.as_bytes());
            hash.update((identity.len() as u64).to_le_bytes());
            hash.update(&identity);
            let content_type = content_type(path);
            let file = match (on_disk(".br"), on_disk(".gz")) {
                (Ok(brotli), Ok(gzip)) => Precompressed::from_encodings(identity, gzip, brotli, content_type),
                _ => Precompressed::new(identity, content_type),
            };
            files.insert(path.clone(), file);
        }
        let digest = hash.finalize();
        let version = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        Ok(Site { files, version })
    }

    /// No files: under `cargo leptos watch`, where Leptos serves them from the disk.
    pub fn empty() -> Site {
        Site { files: BTreeMap::new(), version: String::new() }
    }

    /// A hash of every file: the `<version>` in `/v/<version>/…`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The paths of the files (`/favicon.svg`, `/pkg/woningbouwkaart.js`, …).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    fn respond(&self, path: &str, request: &HeaderMap, cache_control: &'static str) -> Response {
        match self.files.get(path) {
            Some(file) => {
                let mut response = file.respond(request);
                response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
                response
            }
            None => not_found(),
        }
    }
}

fn not_found() -> Response {
    let mut response = (StatusCode::NOT_FOUND, "niet gevonden").into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Every file under `dir` as a path from `root` that starts with `/`.
fn walk(root: &FsPath, dir: &FsPath, found: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, found)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            if let Some(relative) = relative.to_str() {
                found.push(format!("/{}", relative.replace(std::path::MAIN_SEPARATOR, "/")));
            }
        }
    }
    Ok(())
}

/// The media type of a site file, by its extension.
fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The routes of the site's files: `/v/{version}/{*path}` and each file's plain path.
pub fn routes<S: Clone + Send + Sync + 'static>(site: Arc<Site>) -> Router<S> {
    let mut router = Router::new().route(
        "/v/{version}/{*path}",
        get(|State(site): State<Arc<Site>>, Path((version, path)): Path<(String, String)>, headers: HeaderMap| async move {
            if version != site.version {
                return not_found();
            }
            site.respond(&format!("/{path}"), &headers, IMMUTABLE)
        }),
    );
    for path in site.paths() {
        let path = path.to_owned();
        router =
            router.route(&path.clone(), get(move |State(site): State<Arc<Site>>, headers: HeaderMap| async move { site.respond(&path, &headers, REVALIDATE) }));
    }
    router.with_state(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pkg")).unwrap();
        std::fs::write(dir.path().join("pkg/a.js"), "let a = 1;").unwrap();
        std::fs::write(dir.path().join("favicon.svg"), "<svg/>").unwrap();
        let first = Site::load(dir.path()).unwrap();
        assert_eq!(first.paths().collect::<Vec<_>>(), ["/favicon.svg", "/pkg/a.js"]);
        assert_eq!(Site::load(dir.path()).unwrap().version(), first.version(), "the same files, the same version");
        std::fs::write(dir.path().join("pkg/a.js"), "let a = 2;").unwrap();
        assert_ne!(Site::load(dir.path()).unwrap().version(), first.version());
        assert_eq!(Site::load(&dir.path().join("nothing")).unwrap().paths().count(), 0);
    }
}
