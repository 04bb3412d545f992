//! Public responses computed once per dataset version and served as bytes.
//!
//! A [`Precompressed`] body holds the identity, gzip and brotli encodings, each with its own
//! strong ETag (the same body compressed is another representation, RFC 9110 §8.8.3, so a cache
//! never answers a gzip request with brotli bytes it revalidated); a request only picks one and
//! compares ETags, weakly as `If-None-Match` asks (a `W/` that a proxy added still matches).
//! [`ResponseCache`] keeps the most recently used ones (the key is the canonical filter), so
//! popular views are never serialized or compressed twice; what it keeps carries the data
//! version's time as `Last-Modified`, for clients that revalidate by date
//! (`If-Modified-Since`, which counts only without `If-None-Match`, RFC 9110 §13.1.3).

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use std::io::Write;
use std::sync::Arc;
use std::time::SystemTime;

pub const GEOJSON: &str = "application/geo+json";
pub const JSON: &str = "application/json";
/// Our own client's binary format (see `app::codec`).
pub const POSTCARD: &str = "application/x-postcard";
/// Public data may change when a municipality imports; clients revalidate with the ETag.
const CACHE_CONTROL: &str = "public, max-age=60, stale-while-revalidate=300";

#[derive(Debug)]
pub struct Precompressed {
    pub identity: Bytes,
    pub gzip: Bytes,
    pub brotli: Bytes,
    /// The ETags of the identity, gzip and brotli bodies.
    pub etags: [HeaderValue; 3],
    pub content_type: &'static str,
    /// When the data it was built from was read (`Last-Modified`), for bodies of a data version.
    pub modified: Option<SystemTime>,
}

impl Precompressed {
    /// The bytes of its three encodings.
    pub fn len(&self) -> usize {
        self.identity.len() + self.gzip.len() + self.brotli.len()
    }

    pub fn is_empty(&self) -> bool {
        self.identity.is_empty()
    }

    pub fn new(body: Vec<u8>, content_type: &'static str) -> Self {
        // Quality 11 compresses at about 1 MB/s here: fine for small bodies, too slow for the
        // first request of a large filtered list. Quality 6 is ~40x faster and ~12% larger.
        let quality = if body.len() > 64 * 1024 { 6 } else { 11 };
        Self::with_quality(body, content_type, quality)
    }

    /// For a body that many visitors fetch under one key (the map's points per area): the
    /// best brotli up to 4 MB (about 30k projects), built once per dataset.
    pub fn compact(body: Vec<u8>, content_type: &'static str) -> Self {
        let quality = if body.len() > 4 * 1024 * 1024 { 6 } else { 11 };
        Self::with_quality(body, content_type, quality)
    }

    /// A body whose gzip and brotli encodings were made beforehand (the site's static files,
    /// compressed by the build).
    pub fn from_encodings(body: Vec<u8>, gzip: Vec<u8>, brotli: Vec<u8>, content_type: &'static str) -> Self {
        Self { etags: etags(&body), identity: body.into(), gzip: gzip.into(), brotli: brotli.into(), content_type, modified: None }
    }

    fn with_quality(body: Vec<u8>, content_type: &'static str, quality: u32) -> Self {
        let etags = etags(&body);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&body).expect("writing to memory");
        let gzip = gz.finish().expect("writing to memory");
        // The window need not be larger than the body (brotli's is 2^lgwin - 16 bytes): its
        // buffers for a 100 KB page are then 128 KB rather than 4 MB, which a process that had
        // freed them kept all the same (a delivery's peak memory rose 8 MB after one page).
        let lgwin = (usize::BITS - (body.len() + 16).leading_zeros()).clamp(16, 22);
        let mut brotli = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut brotli, 64 * 1024, quality, lgwin);
            w.write_all(&body).expect("writing to memory");
        }
        Self { identity: body.into(), gzip: gzip.into(), brotli: brotli.into(), etags, content_type, modified: None }
    }

    /// The response for a request's headers: the best encoding the client accepts, or 304 when
    /// the client holds that encoding's ETag.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let accepted = request.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
        let (body, encoding, etag) = if accepts(accepted, "br") {
            (&self.brotli, Some("br"), &self.etags[2])
        } else if accepts(accepted, "gzip") {
            (&self.gzip, Some("gzip"), &self.etags[1])
        } else {
            (&self.identity, None, &self.etags[0])
        };
        let mut builder =
            Response::builder().header(header::ETAG, etag.clone()).header(header::CACHE_CONTROL, CACHE_CONTROL).header(header::VARY, "accept-encoding");
        if let Some(modified) = self.modified {
            builder = builder.header(header::LAST_MODIFIED, httpdate::fmt_http_date(modified));
        }
        let unchanged = if request.contains_key(header::IF_NONE_MATCH) { none_match(request, etag) } else { not_modified_since(request, self.modified) };
        if unchanged {
            return builder.status(StatusCode::NOT_MODIFIED).body(Body::empty()).expect("valid response");
        }
        if let Some(e) = encoding {
            builder = builder.header(header::CONTENT_ENCODING, e);
        }
        builder
            .header(header::CONTENT_TYPE, self.content_type)
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body.clone()))
            .expect("valid response")
    }
}

/// The ETags of a body's identity, gzip and brotli encodings.
fn etags(body: &[u8]) -> [HeaderValue; 3] {
    let tag = format!("{:016x}-{:x}", fnv1a(body), body.len());
    ["", "-gz", "-br"].map(|suffix| HeaderValue::from_str(&format!("\"{tag}{suffix}\"")).expect("hex is a valid header value"))
}

/// Whether `If-None-Match` lists `etag` (or `*`), by weak comparison (RFC 9110 §13.1.2).
fn none_match(request: &HeaderMap, etag: &HeaderValue) -> bool {
    fn opaque(tag: &str) -> &str {
        let tag = tag.trim();
        tag.strip_prefix("W/").unwrap_or(tag)
    }
    let ours = opaque(etag.to_str().unwrap_or(""));
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|candidate| candidate.trim() == "*" || opaque(candidate) == ours)
}

/// Whether `If-Modified-Since` is a date at or after `modified` (to the second, as HTTP dates
/// are); a date that is not one is ignored, as RFC 9110 asks.
fn not_modified_since(request: &HeaderMap, modified: Option<SystemTime>) -> bool {
    let Some(modified) = modified else { return false };
    let Some(since) = request.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()).and_then(|v| httpdate::parse_http_date(v).ok()) else {
        return false;
    };
    let seconds = |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    seconds(modified) <= seconds(since)
}

/// Whether an Accept-Encoding header accepts `coding` (a `q=0` refuses it).
fn accepts(header: &str, coding: &str) -> bool {
    header.split(',').any(|part| {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim();
        let refused = it.any(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()).is_some_and(|q| q == 0.0));
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

/// FNV-1a: a stable 64-bit hash of the body for the ETag.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The time of a data version read `now`, whole seconds as HTTP dates have them: later than the
/// `previous` version's, so a client that holds a version read in the same second as the next
/// one does not get a 304 for it by date (a burst of changes can put it a second or two ahead).
pub fn version_time(previous: Option<SystemTime>, now: SystemTime) -> SystemTime {
    let seconds = |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let at = previous.map_or(0, |p| seconds(p) + 1).max(seconds(now));
    SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(at)
}

/// What a cached body weighs: its bytes in its three encodings, and its key's. A pinned key
/// weighs nothing, so it is never evicted (the unfiltered bodies every map visitor asks for:
/// their size follows the data, not what anyone puts in a URL).
#[derive(Clone, Default)]
pub struct BodyWeight {
    pinned: Arc<[String]>,
}

impl quick_cache::Weighter<String, Arc<Precompressed>> for BodyWeight {
    fn weight(&self, key: &String, body: &Arc<Precompressed>) -> u64 {
        if self.pinned.iter().any(|p| p == key) {
            0
        } else {
            (key.len() + body.len()) as u64
        }
    }
}

/// Bodies by key, bounded by their bytes ([`BodyWeight`]).
pub type BodyCache = quick_cache::sync::Cache<String, Arc<Precompressed>, BodyWeight>;

/// A cache of at most `bytes` of bodies (about `items` of them), in `shards` parts: a body
/// larger than a part's share is not kept.
pub fn body_cache(items: usize, bytes: u64, shards: usize, pinned: Vec<String>) -> BodyCache {
    let options =
        quick_cache::OptionsBuilder::new().estimated_items_capacity(items).weight_capacity(bytes).shards(shards).build().expect("positive capacities");
    quick_cache::sync::Cache::with_options(options, BodyWeight { pinned: pinned.into() }, Default::default(), Default::default())
}

/// Recently used responses of one data version, by key.
#[derive(Clone)]
pub struct ResponseCache {
    cache: Arc<BodyCache>,
    /// When the data version was read: every body built here was last modified then.
    modified: SystemTime,
}

impl ResponseCache {
    /// At most `bytes` of responses (about `items`), `pinned` keys kept whatever their size.
    /// Two parts: a filtered list at 100,000 projects is tens of megabytes.
    pub fn new(items: usize, bytes: u64, pinned: Vec<String>, modified: SystemTime) -> Self {
        Self { cache: Arc::new(body_cache(items, bytes, 2, pinned)), modified }
    }

    /// The bytes kept (pinned bodies not counted).
    pub fn weight(&self) -> u64 {
        self.cache.weight()
    }

    /// When the data version was read (see [`version_time`]).
    pub fn modified(&self) -> SystemTime {
        self.modified
    }

    /// The response for `key` when it is built.
    pub fn get(&self, key: &str) -> Option<Arc<Precompressed>> {
        self.cache.get(key)
    }

    /// Whether a response for `key` is built (without counting as a use).
    pub fn contains(&self, key: &str) -> bool {
        self.cache.peek(key).is_some()
    }

    /// The cached response for `key`, building (off the async threads) when missing.
    pub async fn get_or_build<E>(&self, key: String, build: impl FnOnce() -> Result<Precompressed, E> + Send + 'static) -> Result<Arc<Precompressed>, E>
    where
        E: From<tokio::task::JoinError> + Send + 'static,
    {
        if let Some(hit) = self.cache.get(&key) {
            return Ok(hit);
        }
        let (cache, modified) = (self.cache.clone(), self.modified);
        let dated = move || build().map(|body| Arc::new(Precompressed { modified: Some(modified), ..body }));
        tokio::task::spawn_blocking(move || cache.get_or_insert_with(&key, dated)).await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_is_read_with_q_values() {
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(accepts("gzip;q=1.0, br;q=0.5", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("", "gzip"));
    }

    #[test]
    fn each_answer_carries_its_own_encoding_length_and_the_etag() {
        let body = Precompressed::new(br#"{"type":"FeatureCollection","features":[]}"#.repeat(20), GEOJSON);
        let ask = |pairs: &[(header::HeaderName, &str)]| {
            let mut request = HeaderMap::new();
            for (name, value) in pairs {
                request.insert(name.clone(), HeaderValue::from_str(value).unwrap());
            }
            body.respond(&request)
        };
        let cases = [("gzip, br", Some("br"), &body.brotli, 2), ("gzip", Some("gzip"), &body.gzip, 1), ("", None, &body.identity, 0)];
        for (accept, encoding, bytes, tag) in cases {
            let response = ask(&[(header::ACCEPT_ENCODING, accept)]);
            let h = response.headers();
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(h.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), encoding, "{accept}");
            assert_eq!(h[header::CONTENT_LENGTH], bytes.len().to_string().as_str(), "{accept}");
            assert_eq!((&h[header::ETAG], &h[header::CONTENT_TYPE]), (&body.etags[tag], &HeaderValue::from_static(GEOJSON)));
            assert_eq!(h[header::VARY], "accept-encoding");
        }
        // Three representations, three ETags.
        assert!(body.etags[0] != body.etags[1] && body.etags[1] != body.etags[2] && body.etags[0] != body.etags[2]);
        let br = body.etags[2].to_str().unwrap().to_owned();
        for held in [br.clone(), format!("W/{br}"), format!("\"other\", {br}"), "*".to_owned()] {
            let response = ask(&[(header::IF_NONE_MATCH, &held), (header::ACCEPT_ENCODING, "br")]);
            assert_eq!(response.status(), StatusCode::NOT_MODIFIED, "{held}");
            assert_eq!(response.headers()[header::ETAG], body.etags[2]);
            assert!(response.headers().get(header::CONTENT_ENCODING).is_none() && response.headers().get(header::CONTENT_LENGTH).is_none());
        }
        // Holding the brotli body is no reason to skip sending the gzip one.
        assert_eq!(ask(&[(header::IF_NONE_MATCH, &br), (header::ACCEPT_ENCODING, "gzip")]).status(), StatusCode::OK);
    }

    #[test]
    fn a_date_revalidates_only_without_an_etag() {
        let modified = httpdate::parse_http_date("Sat, 05 Dec 2026 10:00:00 GMT").unwrap();
        let body = Precompressed { modified: Some(modified), ..Precompressed::new(b"{}".to_vec(), JSON) };
        let ask = |pairs: &[(header::HeaderName, &str)]| {
            let mut request = HeaderMap::new();
            for (name, value) in pairs {
                request.insert(name.clone(), HeaderValue::from_str(value).unwrap());
            }
            body.respond(&request).status()
        };
        assert_eq!(body.respond(&HeaderMap::new()).headers()[header::LAST_MODIFIED], "Sat, 05 Dec 2026 10:00:00 GMT");
        assert_eq!(ask(&[(header::IF_MODIFIED_SINCE, "Sat, 05 Dec 2026 10:00:00 GMT")]), StatusCode::NOT_MODIFIED);
        assert_eq!(ask(&[(header::IF_MODIFIED_SINCE, "Sun, 06 Dec 2026 08:00:00 GMT")]), StatusCode::NOT_MODIFIED);
        assert_eq!(ask(&[(header::IF_MODIFIED_SINCE, "Sat, 05 Dec 2026 09:59:59 GMT")]), StatusCode::OK);
        assert_eq!(ask(&[(header::IF_MODIFIED_SINCE, "gisteren")]), StatusCode::OK);
        // An ETag that does not match wins over a date that would.
        assert_eq!(ask(&[(header::IF_MODIFIED_SINCE, "Sun, 06 Dec 2026 08:00:00 GMT"), (header::IF_NONE_MATCH, "\"oud\"")]), StatusCode::OK);
        // Without a time (a body outside a data version) there is no date to compare.
        let undated = Precompressed::new(b"{}".to_vec(), JSON);
        assert!(undated.respond(&HeaderMap::new()).headers().get(header::LAST_MODIFIED).is_none());
    }

    #[test]
    fn each_version_is_a_later_second_than_the_one_before() {
        let t = |s: u64| SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(s);
        assert_eq!(version_time(None, t(10_700)), t(10_000));
        assert_eq!(version_time(Some(t(5_000)), t(10_700)), t(10_000));
        assert_eq!(version_time(Some(t(10_000)), t(10_900)), t(11_000));
        assert_eq!(version_time(Some(t(11_000)), t(10_950)), t(12_000));
    }

    #[test]
    fn the_etag_depends_on_the_body() {
        let a = Precompressed::new(b"{\"a\":1}".to_vec(), GEOJSON);
        let b = Precompressed::new(b"{\"a\":2}".to_vec(), GEOJSON);
        let a2 = Precompressed::new(b"{\"a\":1}".to_vec(), GEOJSON);
        assert_ne!(a.etags, b.etags);
        assert_eq!(a.etags, a2.etags);
    }
}
