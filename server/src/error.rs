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
    Config {
        file: PathBuf,
        field: String,
        message: String,
    },
    /// A request parameter is wrong.
    #[error("parameter '{param}': {message}")]
    BadRequest { param: String, message: String },
    #[error("{0}")]
    NotFound(String),
    #[error("interne fout: {0}")]
    Internal(String),
}

impl Error {
    pub fn config(file: impl Into<PathBuf>, field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Config {
            file: file.into(),
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Config { .. } | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<domain::query::QueryError> for Error {
    fn from(e: domain::query::QueryError) -> Self {
        Error::BadRequest {
            param: e.param,
            message: e.reason,
        }
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
            other => other.to_string(),
        };
        let mut body = serde_json::json!({ "fout": message });
        if let Error::BadRequest { param, .. } = &self {
            body["parameter"] = serde_json::Value::String(param.clone());
        }
        (status, axum::Json(body)).into_response()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
