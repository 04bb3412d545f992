//! What every OGC answer needs besides its own parameters: the API's root for absolute links,
//! the licence link, the collection a request names, the format it asks for.

use crate::error::{Error, Result};
use axum::http::HeaderMap;
use ogcapi_types::common::{link_rel, media_type, Link};

/// Where the versioned public API starts (the OGC landing page).
pub const BASE: &str = "/api/v1";
/// The one collection.
pub const COLLECTION: &str = "projecten";

pub fn known_collection(id: &str) -> Result<()> {
    if id == COLLECTION {
        Ok(())
    } else {
        Err(Error::NotFound(format!("collectie '{}' bestaat niet (bekend: {COLLECTION})", id.chars().take(60).collect::<String>())))
    }
}

/// The only parameter the descriptions take: `f=json` (JSON is what they are).
pub fn only_format(query: Option<&str>) -> Result<()> {
    for (key, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        match (key.as_ref(), value.as_ref()) {
            ("f", "json") => {}
            ("f", other) => return Err(Error::BadRequest { param: "f".into(), message: format!("onbekend formaat '{}' (bekend: json)", short(other)) }),
            (other, _) => return Err(Error::BadRequest { param: short(other), message: "onbekende parameter (bekend: f)".into() }),
        }
    }
    Ok(())
}

pub fn short(value: &str) -> String {
    value.chars().take(60).collect()
}

/// The API's absolute root for links (`http://host/api/v1`).
pub fn api_root(headers: &HeaderMap) -> String {
    format!("{}{BASE}", origin(headers))
}

/// The site's origin as the client reached it, for absolute links: the request's host, and
/// the scheme a proxy says it used; a host that is not a plain one is not repeated.
pub fn origin(headers: &HeaderMap) -> String {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(|v| v.split(',').next().unwrap_or("").trim().to_owned());
    let host = header("x-forwarded-host").or_else(|| header("host")).filter(|h| !h.is_empty()).unwrap_or_else(|| "localhost".to_owned());
    let scheme = header("x-forwarded-proto").filter(|p| p == "https" || p == "http").unwrap_or_else(|| "http".to_owned());
    let origin = format!("{scheme}://{host}");
    if app::embed::is_plain_origin(&origin) {
        origin
    } else {
        "http://localhost".to_owned()
    }
}

/// The project data's licence (`rel=license`), when the province names one.
pub fn licence_link(province: &domain::Province) -> Option<Link> {
    let licence = &province.licence;
    (!licence.url.is_empty()).then(|| Link::new(&licence.url, link_rel::LICENSE).mediatype(media_type::HTML).title(&licence.name))
}
