//! `/beheer`: where a municipal official delivers their file (the page's view is
//! [`app::pages::delivery_page`]). A form with the token and the file;
//! the answer is a page with every problem (record, field, reason), or with what the delivery
//! adds, changes and removes. After a dry run the page carries the checked file, so "Toepassen"
//! applies exactly what was checked without choosing the file again.
//!
//! Plain server-rendered forms, no WASM: it works with JavaScript off. The token travels only in
//! the POST body and is never written into a page. The same checks and the same transaction as
//! `POST /api/beheer/import` (see [`crate::manage::deliver`]).

use crate::error::Error;
use crate::import::Format;
use crate::manage::{self, Caller};
use crate::serve::ClientAddress;
use crate::state::AppState;
use crate::store::Mode;
use app::pages::delivery_page::{self as page, Outcome, Planned};
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use bytes::Bytes;

pub fn routes(upload_limit: usize) -> Router<AppState> {
    // A dry run's page sends the file back as base64 (a third larger) beside the form fields.
    Router::new().route("/beheer", get(blank).post(submit)).layer(DefaultBodyLimit::max(upload_limit / 3 * 4 + 64 * 1024))
}

/// What the official sent.
#[derive(Default)]
struct Submission {
    secret: String,
    /// The chosen file: name, media type, bytes.
    file: Option<(String, Option<String>, Bytes)>,
    /// The file a dry run checked, carried back by its page.
    carried: Option<(String, Bytes)>,
    format: String,
    apply: bool,
}

async fn blank(State(state): State<AppState>) -> Response {
    respond(&state, StatusCode::OK, None)
}

async fn submit(State(state): State<AppState>, client: Option<Extension<ClientAddress>>, form: Result<Multipart, MultipartRejection>) -> Response {
    let client = client.map(|Extension(c)| c.0);
    let outcome = match read(form, state.upload_limit).await {
        Ok(submission) => deliver(&state, submission, client).await,
        Err(e) => Err(e),
    };
    let status = match &outcome {
        Err(e) => e.status(),
        Ok(Outcome::Problems(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        Ok(_) => StatusCode::OK,
    };
    let outcome = outcome.unwrap_or_else(|e| Outcome::Refused(refusal(&e)));
    crate::error::with_retry_after(respond(&state, status, Some(outcome)))
}

async fn read(form: Result<Multipart, MultipartRejection>, limit: usize) -> Result<Submission, Error> {
    let too_large = || Error::TooLarge(format!("het bestand is groter dan {} MB", limit / (1024 * 1024)));
    let broken = |message: String| Error::BadRequest { param: "formulier".into(), message };
    let mut form = form.map_err(|e| broken(e.body_text()))?;
    let mut submission = Submission::default();
    let mut carried_name = String::new();
    let mut carried = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(e) => return Err(broken(e.body_text())),
        };
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let media = field.content_type().map(str::to_owned);
        let value = field.bytes().await.map_err(|e| if e.status() == StatusCode::PAYLOAD_TOO_LARGE { too_large() } else { broken(e.body_text()) })?;
        let text = || String::from_utf8_lossy(&value).trim().to_owned();
        match name.as_str() {
            "sleutel" => submission.secret = text(),
            "bestand" if !value.is_empty() => submission.file = Some((file_name.unwrap_or_default(), media, value)),
            "levering" if !value.is_empty() => {
                let decoded =
                    BASE64.decode(value.trim_ascii()).map_err(|_| broken("de gecontroleerde levering is beschadigd; kies het bestand opnieuw".into()))?;
                carried = Some(Bytes::from(decoded));
            }
            "bestandsnaam" => carried_name = text(),
            "formaat" => submission.format = text(),
            "actie" => submission.apply = text() == "toepassen",
            _ => {}
        }
    }
    submission.carried = carried.map(|bytes| (carried_name, bytes));
    let size = submission.file.as_ref().map(|f| f.2.len()).or(submission.carried.as_ref().map(|c| c.1.len())).unwrap_or(0);
    if size > limit {
        return Err(too_large());
    }
    Ok(submission)
}

/// What the delivery gives; `Err` when it is refused as a whole.
async fn deliver(state: &AppState, submission: Submission, client: Option<std::net::IpAddr>) -> Result<Outcome, Error> {
    let result = async {
        if submission.secret.is_empty() {
            return Err(Error::Unauthorized("vul de sleutel van je gemeente in".into()));
        }
        let caller = Caller::from_secret(state, &submission.secret, client).await.map_err(|e| match e {
            Error::Unauthorized(_) => Error::Unauthorized("deze sleutel is onbekend of ingetrokken".into()),
            other => other,
        })?;
        let code = caller
            .writer()
            .map_err(|_| Error::Forbidden("met de sleutel van de provincie kun je lezen, niet aanleveren; gebruik de sleutel van de gemeente".into()))?;
        let municipality = state
            .province
            .province
            .find_municipality(code.as_str())
            .cloned()
            .ok_or_else(|| Error::Internal(format!("sleutel voor onbekende gemeente {code}")))?;
        let (file_name, media, bytes) = match (submission.file, submission.carried) {
            (Some(file), _) => file,
            (None, Some((name, bytes))) => (name, None, bytes),
            (None, None) => return Err(Error::BadRequest { param: "bestand".into(), message: "kies een bestand".into() }),
        };
        let format = match submission.format.as_str() {
            "" | "herkennen" => Format::detect(media.as_deref().or(file_name.to_ascii_lowercase().ends_with(".csv").then_some("text/csv")), &bytes),
            name => Format::from_name(name).ok_or_else(|| Error::BadRequest { param: "formaat".into(), message: format!("onbekend formaat '{name}'") })?,
        };
        let mode = if submission.apply { Mode::Apply } else { Mode::DryRun };
        let plan = manage::deliver(state, &caller, format, bytes.clone(), mode).await?;
        // The checked file travels in the page only when "Toepassen" is offered.
        let dry_run = mode == Mode::DryRun;
        let carried = if dry_run && !plan.is_empty() { BASE64.encode(&bytes) } else { String::new() };
        Ok(Planned { plan, dry_run, municipality, file_name, format: format.name(), carried })
    };
    match result.await {
        Ok(planned) => Ok(Outcome::Planned(planned)),
        Err(Error::Invalid(problems)) => Ok(Outcome::Problems(problems)),
        Err(e) => Err(e),
    }
}

fn respond(state: &AppState, status: StatusCode, outcome: Option<Outcome>) -> Response {
    let site = state.snapshot().sites.whole().as_ref().clone();
    let mut response = (status, Html(page::render(site, outcome))).into_response();
    // The answer names the municipality's plans, confidential ones too: never kept.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn refusal(e: &Error) -> String {
    match e {
        Error::Internal(_) | Error::Config { .. } => {
            tracing::error!("aanleveren: {e}");
            "er ging iets mis op de server; er is niets gewijzigd. Probeer het later opnieuw.".into()
        }
        Error::Unavailable(_) => {
            tracing::warn!("aanleveren: {e}");
            crate::error::UNAVAILABLE.into()
        }
        Error::DiskFull(_) => {
            tracing::error!("aanleveren: {e}");
            crate::error::DISK_FULL.into()
        }
        Error::OutcomeUnknown(_) => {
            tracing::error!("aanleveren: {e}");
            crate::error::OUTCOME_UNKNOWN.into()
        }
        Error::BadRequest { message, .. } => format!("{message}."),
        other => format!("{other}."),
    }
}
