//! What every OGC answer needs besides its own parameters: the API's root for absolute links,
//! the licence link, the collection a request names, the format it asks for.

use crate::error::{Error, Result};
use axum::http::HeaderMap;
use axum::response::Response;
use ogcapi_types::common::{link_rel, media_type, Link};

/// Where the versioned public API starts (the OGC landing page).
pub const BASE: &str = "/api/v1";
/// The one collection.
pub const COLLECTION: &str = "projecten";
/// A page for people.
pub const HTML: &str = "text/html; charset=utf-8";

pub fn known_collection(id: &str) -> Result<()> {
    if id == COLLECTION {
        Ok(())
    } else {
        Err(Error::NotFound(format!("collectie '{}' bestaat niet (bekend: {COLLECTION})", id.chars().take(60).collect::<String>())))
    }
}

/// JSON for programs, HTML for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Html,
}

impl Format {
    /// `f=json` (or `geojson`) or `f=html` when given; else HTML for a browser (whose `Accept`
    /// names `text/html` first) and JSON for everyone else.
    pub fn read(f: Option<&str>, headers: &HeaderMap) -> Result<Format> {
        match f {
            Some("json" | "geojson") => Ok(Format::Json),
            Some("html") => Ok(Format::Html),
            Some(other) => Err(Error::BadRequest { param: "f".into(), message: format!("onbekend formaat '{}' (bekend: json, html)", short(other)) }),
            None => {
                let accept = headers.get(axum::http::header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
                Ok(if accept.split(',').next().unwrap_or("").trim().starts_with("text/html") { Format::Html } else { Format::Json })
            }
        }
    }
}

/// The only parameter the descriptions take: `f`.
pub fn only_format(query: Option<&str>, headers: &HeaderMap) -> Result<Format> {
    let mut f = None;
    for (key, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "f" => f = Some(value.into_owned()),
            other => return Err(Error::BadRequest { param: short(other), message: "onbekende parameter (bekend: f)".into() }),
        }
    }
    Format::read(f.as_deref(), headers)
}

/// The link to the same resource as HTML.
pub fn html_link(href: &str) -> Link {
    let sep = if href.contains('?') { '&' } else { '?' };
    Link::new(format!("{href}{sep}f=html"), "alternate").mediatype(media_type::HTML).title("Deze pagina als HTML")
}

pub fn short(value: &str) -> String {
    value.chars().take(60).collect()
}

/// The API's absolute root for links (`http://host/api/v1`).
pub fn api_root(headers: &HeaderMap) -> String {
    format!("{}{BASE}", origin(headers))
}

/// The site's origin as the client reached it, for absolute links (the same reading as the
/// embed builder's snippet).
pub fn origin(headers: &HeaderMap) -> String {
    app::page_data::build::origin_of(headers)
}

/// The project data's licence (`rel=license`), when the province names one.
pub fn licence_link(province: &domain::Province) -> Option<Link> {
    let licence = &province.licence;
    (!licence.url.is_empty()).then(|| Link::new(&licence.url, link_rel::LICENSE).mediatype(media_type::HTML).title(&licence.name))
}

/// An answer that depends on `Accept` says so to caches.
pub fn negotiated(mut response: Response) -> Response {
    response.headers_mut().insert(axum::http::header::VARY, axum::http::HeaderValue::from_static("accept, accept-encoding"));
    response
}
