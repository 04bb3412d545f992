//! The server's one error type.
//!
//! Use [`Error`] everywhere in this crate. Configuration errors stop start-up and name the file
//! and the field; request errors become a status code with a Dutch message that names the
//! parameter; internal failures are logged in full and answered with a generic message.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A configuration or data file is missing or wrong.
    #[error("{}: {field}: {message}", file.display())]
    Config { file: PathBuf, field: String, message: String },
    /// A request parameter is wrong.
    #[error("parameter '{param}': {message}")]
    BadRequest { param: String, message: String },
    #[error("{0}")]
    NotFound(String),
    /// No token, or one that is unknown or revoked.
    #[error("{0}")]
    Unauthorized(String),
    /// A valid token that may not do this.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    TooLarge(String),
    /// A body in a form the server does not take (compressed, packed).
    #[error("{0}")]
    UnsupportedMedia(String),
    /// Too many failed logins from this client: try again after this long.
    #[error("te veel mislukte aanmeldingen vanaf dit adres; probeer het over {} s opnieuw", .0.as_secs())]
    TooManyAttempts(std::time::Duration),
    /// A command line the server does not understand.
    #[error("{0}")]
    Usage(String),
    /// A delivery with problems: the first ones each with record, field and reason, and all of
    /// them counted per field.
    #[error("{} in de levering; er is niets gewijzigd", if .0.len() == 1 { "1 probleem".to_owned() } else { format!("{} problemen", .0.len()) })]
    Invalid(domain::import::Problems),
    /// The database does not answer (stopped, restarting, unreachable): the request can be
    /// tried again in a moment. The text is for the log; the answer says it in Dutch.
    #[error("de database is tijdelijk niet bereikbaar ({0})")]
    Unavailable(String),
    /// The database stopped answering while a write was being committed: it may or may not
    /// have been written. Delivering the same file again is safe (it changes nothing twice).
    #[error("uitkomst onbekend: de database antwoordde niet op de commit ({0})")]
    OutcomeUnknown(String),
    /// The database's disk is full: nothing was written, and a write can be tried again once
    /// there is room. Reading goes on.
    #[error("schijf vol ({0})")]
    DiskFull(String),
    #[error("interne fout: {0}")]
    Internal(String),
}

/// The media type of an error's body (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// What a visitor reads when the database does not answer.
pub const UNAVAILABLE: &str = "De database is tijdelijk niet bereikbaar; er is niets gewijzigd. Probeer het over enkele seconden opnieuw.";
/// Seconds after which to try again (`Retry-After`).
pub const RETRY_AFTER: &str = "5";
/// What an official reads when a delivery's commit went unanswered.
pub const OUTCOME_UNKNOWN: &str = "De database viel weg terwijl de levering werd opgeslagen: onbekend of de levering is verwerkt. \
     Controleer met GET /api/beheer/wijzigingen (of op de kaart) of lever hetzelfde bestand opnieuw: \
     een levering die al verwerkt is, verandert dan niets.";
/// What an official reads when the server's disk is full.
pub const DISK_FULL: &str = "De schijf van de server is vol (schijf vol); er is niets gewijzigd. De beheerder is gewaarschuwd; probeer het later opnieuw.";
/// Seconds after which to try again when the disk is full: room is made by a person.
pub const RETRY_AFTER_DISK_FULL: &str = "300";

/// Adds `Retry-After` to an answer that says the database is unavailable or its disk full
/// (this type's own answers, and the delivery page's, which is a page rather than JSON).
pub fn with_retry_after(mut response: Response) -> Response {
    let after = match response.status() {
        StatusCode::SERVICE_UNAVAILABLE => RETRY_AFTER,
        StatusCode::INSUFFICIENT_STORAGE => RETRY_AFTER_DISK_FULL,
        _ => return response,
    };
    response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static(after));
    response
}

impl Error {
    /// A TOML error as "file: regel N: message".
    pub fn toml(path: &std::path::Path, text: &str, e: &toml::de::Error) -> Self {
        let field = e.span().map_or_else(|| "(bestand)".to_owned(), |span| format!("regel {}", text[..span.start].lines().count().max(1)));
        Error::config(path, field, e.message().to_owned())
    }

    pub fn config(file: impl Into<PathBuf>, field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Config { file: file.into(), field: field.into(), message: message.into() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest { .. } | Error::Usage(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            Error::UnsupportedMedia(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Unavailable(_) | Error::OutcomeUnknown(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::DiskFull(_) => StatusCode::INSUFFICIENT_STORAGE,
            Error::Config { .. } | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<domain::query::QueryError> for Error {
    fn from(e: domain::query::QueryError) -> Self {
        Error::BadRequest { param: e.param, message: e.reason }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            Error::Config { .. } | Error::Internal(_) => {
                tracing::error!("{self}");
                "Er ging iets mis op de server.".to_owned()
            }
            Error::Unavailable(_) => {
                tracing::warn!("{self}");
                UNAVAILABLE.to_owned()
            }
            Error::DiskFull(_) => {
                tracing::error!("{self}");
                DISK_FULL.to_owned()
            }
            Error::OutcomeUnknown(_) => {
                tracing::error!("{self}");
                OUTCOME_UNKNOWN.to_owned()
            }
            other => other.to_string(),
        };
        // RFC 9457's members, and `fout` as every answer of this API has had it.
        let mut body = serde_json::json!({
            "type": "about:blank",
            "title": status.canonical_reason().unwrap_or("Error"),
            "status": status.as_u16(),
            "detail": message,
            "fout": message,
        });
        match &self {
            Error::BadRequest { param, .. } => body["parameter"] = serde_json::Value::String(param.clone()),
            Error::Invalid(problems) => {
                body["problemen"] = problems.shown().iter().map(|p| serde_json::json!({ "record": p.record, "veld": p.field, "reden": p.reason })).collect();
                body["aantal_problemen"] = problems.len().into();
                body["niet_getoond"] = problems.not_shown().into();
                body["per_veld"] =
                    problems.per_field().into_iter().map(|(field, n)| (field.to_owned(), serde_json::Value::from(n))).collect::<serde_json::Map<_, _>>().into();
            }
            _ => {}
        }
        let mut response = (status, axum::Json(body)).into_response();
        response.headers_mut().insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static(PROBLEM_JSON));
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        if let Error::TooManyAttempts(after) = &self {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(after.as_secs()));
        }
        with_retry_after(response)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Self {
        Error::Internal(e.to_string())
    }
}
