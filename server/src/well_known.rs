//! `/.well-known/security.txt` (RFC 9116): where to report a vulnerability, as the province
//! configures it (`[beveiliging]` in `provincie.toml`: contact, expiry date, policy). Without
//! that section there is no file (404) rather than an invented address.

use crate::error::{Error, Result};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new().route("/.well-known/security.txt", get(security_txt))
}

async fn security_txt(State(state): State<AppState>) -> Result<Response> {
    let security = state.province.security.as_ref().ok_or_else(|| Error::NotFound("deze site heeft geen security.txt ingesteld".to_owned()))?;
    let mut text = format!("Contact: {}\nExpires: {}T23:59:59Z\nPreferred-Languages: nl, en\n", security.contact, security.expires);
    if let Some(policy) = &security.policy {
        text.push_str(&format!("Policy: {policy}\n"));
    }
    if let Some(origin) = &state.public_origin {
        text.push_str(&format!("Canonical: {origin}/.well-known/security.txt\n"));
    }
    let mut response = text.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
    Ok(response)
}
