//! Who may put our pages in a frame: anyone the configuration allows for `/embed`, only this
//! site for every other page (the full map must not be framed by someone else's page, where a
//! resident could be misled about whose site it is).

use crate::error::{Error, Result};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The embeddable view's path.
pub const EMBED_PATH: &str = "/embed";

/// The `Content-Security-Policy` values for embeddable and other pages.
#[derive(Debug, Clone)]
pub struct FramePolicy {
    embed: HeaderValue,
    other: HeaderValue,
}

impl FramePolicy {
    /// Every page's policy but the embed's: only this site may frame it.
    pub const OTHER: HeaderValue = HeaderValue::from_static("frame-ancestors 'self'");

    /// `allowed` is `*` (any origin) or origins separated by spaces, such as
    /// `https://www.emmen.nl https://*.drenthe.nl`. This site itself is always allowed.
    pub fn new(allowed: &str) -> Result<Self> {
        let bad = |why: String| Error::config("WONINGBOUW_EMBED_TOEGESTAAN", "(omgevingsvariabele)", why);
        let sources: Vec<&str> = allowed.split_whitespace().collect();
        if sources.is_empty() {
            return Err(bad("is leeg; gebruik * voor elke website of noem de origins, gescheiden door spaties".into()));
        }
        for source in &sources {
            // A wildcard host (`https://*.drenthe.nl`) is an origin with its first label open.
            if *source != "*" && !app::embed::is_plain_origin(&source.replacen("://*.", "://", 1)) {
                return Err(bad(format!("'{source}' is geen origin (verwacht bijvoorbeeld https://www.gemeente.nl of https://*.gemeente.nl, zonder pad)")));
            }
        }
        let embed = if sources.contains(&"*") { "frame-ancestors *".to_owned() } else { format!("frame-ancestors 'self' {}", sources.join(" ")) };
        Ok(Self { embed: HeaderValue::from_str(&embed).map_err(|e| bad(e.to_string()))?, other: Self::OTHER })
    }

    /// The same policy with the page's other directives (see [`crate::security`]) before it.
    pub fn with_content_policy(self, directives: &str) -> Result<Self> {
        let join = |frames: &HeaderValue| {
            HeaderValue::from_str(&format!("{directives}; {}", frames.to_str().unwrap_or_default()))
                .map_err(|e| Error::config("WONINGBOUW_TEGELS", "(omgevingsvariabele)", format!("geen geldige Content-Security-Policy: {e}")))
        };
        Ok(Self { embed: join(&self.embed)?, other: join(&self.other)? })
    }

    fn for_path(&self, path: &str) -> &HeaderValue {
        if path == EMBED_PATH {
            &self.embed
        } else {
            &self.other
        }
    }
}

impl Default for FramePolicy {
    fn default() -> Self {
        Self::new("*").expect("* is valid")
    }
}

/// Sets the page's policy on every response, with the Permissions-Policy, and on every page
/// but the embed (which lives in another site's window) a Cross-Origin-Opener-Policy.
pub async fn set_frame_policy(State(policy): State<FramePolicy>, request: Request, next: Next) -> Response {
    let is_embed = request.uri().path() == EMBED_PATH;
    let value = policy.for_path(request.uri().path()).clone();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, value);
    headers.insert(header::HeaderName::from_static("permissions-policy"), HeaderValue::from_static(crate::security::PERMISSIONS));
    if !is_embed {
        headers.insert(header::HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_origin_by_default_and_only_this_site_elsewhere() {
        let p = FramePolicy::default();
        assert_eq!(p.for_path("/embed"), "frame-ancestors *");
        assert_eq!(p.for_path("/"), "frame-ancestors 'self'");
        assert_eq!(p.for_path("/embed/maken"), "frame-ancestors 'self'");
    }

    #[test]
    fn named_origins_keep_this_site_for_the_builder_preview() {
        let p = FramePolicy::new("https://www.emmen.nl  https://*.drenthe.nl http://localhost:8080").unwrap();
        assert_eq!(p.for_path("/embed"), "frame-ancestors 'self' https://www.emmen.nl https://*.drenthe.nl http://localhost:8080");
    }

    #[test]
    fn a_wrong_origin_is_named() {
        for wrong in ["www.emmen.nl", "https://www.emmen.nl/kaart", "'unsafe-inline'", "https://", "ftp://x.nl", ""] {
            let e = FramePolicy::new(wrong).unwrap_err().to_string();
            assert!(e.contains("WONINGBOUW_EMBED_TOEGESTAAN"), "{wrong}: {e}");
        }
    }
}
