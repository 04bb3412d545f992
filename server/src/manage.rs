//! `/api/beheer/…`: where municipalities deliver their data and the province follows changes.
//! Every request carries `Authorization: Bearer <token>`.
//!
//! | | municipality token | province token |
//! | --- | --- | --- |
//! | read projects | its own, every level | all but level `gemeente` |
//! | import, PUT, DELETE | its own | refused (403) |
//! | changes | its own | all but level `gemeente` |
//! | publication: read | yes | yes |
//! | publication: set | refused (403) | yes |
//!
//! A project the token may not see answers 404, exactly as one that does not exist.

use crate::error::{Error, Result};
use crate::import::{self, Format};
use crate::state::AppState;
use crate::store::publications::WITHHELD_TOTAL;
use crate::store::{Access, Change, Mode, Scope, Source, TokenInfo};
use axum::body::Body;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::import::{check, namespaced_id, plan, Plan};
use domain::{Confidentiality, MunicipalityCode, Project};
use serde::Deserialize;
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/beheer/import", axum::routing::post(import_delivery))
        .route("/api/beheer/projecten", get(list))
        .route("/api/beheer/projecten/{id}", get(one).put(put_one).delete(delete_one))
        .route("/api/beheer/projecten/{id}/geschiedenis", get(history))
        .route("/api/beheer/wijzigingen", get(changes))
        .route("/api/beheer/publicatie", get(publication).put(publish))
        .route("/api/beheer/{*rest}", axum::routing::any(crate::api::unknown))
}

/// The token a request came with.
pub struct Caller(pub TokenInfo);

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .ok_or_else(|| Error::Unauthorized("geen token: stuur 'Authorization: Bearer <token>'".to_owned()))?;
        Caller::from_secret(state, secret, crate::serve::ClientAddress::from_parts(parts)).await
    }
}

impl Caller {
    /// The token with this secret, if it is known and not revoked. A wrong one counts against
    /// `client` ([`crate::logins`]): after a burst it is answered 429; a right one always works.
    pub async fn from_secret(state: &AppState, secret: &str, client: Option<std::net::IpAddr>) -> Result<Caller> {
        match state.live.store().token(secret).await? {
            Some(token) => Ok(Caller(token)),
            None => match state.logins.failed(client, std::time::Instant::now()) {
                crate::logins::Verdict::Unauthorized => Err(Error::Unauthorized("onbekend of ingetrokken token".to_owned())),
                crate::logins::Verdict::TooMany(after) => Err(Error::TooManyAttempts(after)),
            },
        }
    }

    fn may_see(&self, project: &Project) -> bool {
        match &self.0.access {
            Access::Municipality(code) => &project.municipality == code,
            Access::Province => project.confidentiality != Confidentiality::Gemeente,
        }
    }

    /// The municipality this token writes for; the province token writes nothing.
    pub fn writer(&self) -> Result<&MunicipalityCode> {
        match &self.0.access {
            Access::Municipality(code) => Ok(code),
            Access::Province => Err(Error::Forbidden("het provincietoken kan lezen, niet schrijven; gebruik het token van de gemeente".to_owned())),
        }
    }

    fn actor(&self) -> &str {
        &self.0.id
    }
}

/// A request body of at most `limit` bytes, read into one buffer of the size its
/// `Content-Length` announces. (axum's `Bytes` extractor gathers the chunks and then copies
/// them into one buffer: twice the body at its peak, 40 MB for a 20 MB delivery.)
async fn body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes> {
    use http_body_util::BodyExt;
    let too_large = || Error::TooLarge(format!("het bestand is groter dan {} MB", limit / (1024 * 1024)));
    if let Some(coding) = headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()).filter(|c| !c.trim().eq_ignore_ascii_case("identity")) {
        return Err(Error::UnsupportedMedia(format!("Content-Encoding '{}' wordt niet aangenomen: stuur het bestand onverpakt", coding.trim())));
    }
    let announced = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut buffer = bytes::BytesMut::with_capacity(announced.unwrap_or(0));
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| Error::BadRequest { param: "body".to_owned(), message: format!("de inhoud kwam niet aan: {e}") })?;
        if let Ok(data) = frame.into_data() {
            if buffer.len() + data.len() > limit {
                return Err(too_large());
            }
            buffer.extend_from_slice(&data);
        }
    }
    Ok(buffer.freeze())
}

#[derive(Deserialize)]
struct ImportQuery {
    /// `ja` for a dry run.
    proef: Option<String>,
    formaat: Option<String>,
}

/// `POST /api/beheer/import[?proef=ja][&formaat=csv|geojson]`: the municipality's complete list.
async fn import_delivery(State(state): State<AppState>, caller: Caller, Query(q): Query<ImportQuery>, headers: HeaderMap, raw: Body) -> Result<Response> {
    caller.writer()?;
    let bytes = body(&headers, raw, state.upload_limit).await?;
    let format = match q.formaat.as_deref() {
        Some(name) => Format::from_name(name)
            .ok_or_else(|| Error::BadRequest { param: "formaat".into(), message: format!("onbekend formaat '{name}' (bekend: {})", Format::NAMES) })?,
        None => Format::detect(headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), &bytes),
    };
    let mode = match q.proef.as_deref() {
        None | Some("nee") => Mode::Apply,
        Some("ja") => Mode::DryRun,
        Some(other) => return Err(Error::BadRequest { param: "proef".into(), message: format!("'{other}': gebruik ja of nee") }),
    };
    let plan = deliver(&state, &caller, format, bytes, mode).await?;
    Ok(Json(summary(&plan, mode)).into_response())
}

/// A delivery by `caller`'s municipality, planned and (unless a dry run) applied; this instance
/// serves the result at once.
pub async fn deliver(state: &AppState, caller: &Caller, format: Format, bytes: Bytes, mode: Mode) -> Result<Plan> {
    let writer = caller.writer()?;
    let plan = import::deliver(state.live.store(), state.province.clone(), writer, caller.actor(), format, bytes, mode).await?;
    if mode == Mode::Apply && !plan.is_empty() {
        // Committed: that is the answer, even when the database goes away before this
        // instance has read it back (the watcher reads it once the database answers again).
        if let Err(e) = state.live.refresh().await {
            tracing::warn!("levering opgeslagen, maar de openbare gegevens nog niet bijgewerkt: {e}");
        }
    }
    Ok(plan)
}

/// What a delivery did (or, in a dry run, would do).
pub fn summary(plan: &Plan, mode: Mode) -> serde_json::Value {
    let ids = |ps: &mut dyn Iterator<Item = &Project>| ps.map(|p| p.id.as_str().to_owned()).collect::<Vec<_>>();
    json!({
        "proef": mode == Mode::DryRun,
        "toegevoegd": ids(&mut plan.added.iter()),
        "gewijzigd": ids(&mut plan.changed.iter().map(|(_, new)| new)),
        "verwijderd": ids(&mut plan.removed.iter()),
        "ongewijzigd": plan.unchanged,
    })
}

#[derive(Deserialize)]
struct ListQuery {
    gemeente: Option<String>,
}

/// `GET /api/beheer/projecten[?gemeente=GM0114]`: the projects this token may see.
async fn list(State(state): State<AppState>, caller: Caller, Query(q): Query<ListQuery>) -> Result<Json<Vec<Project>>> {
    let only = q.gemeente.as_deref().map(|g| municipality(&state, g)).transpose()?;
    let stored = state.live.store().snapshot().await?;
    Ok(Json(stored.projects.into_iter().filter(|p| caller.may_see(p) && only.as_ref().is_none_or(|m| &p.municipality == m)).collect()))
}

fn municipality(state: &AppState, code: &str) -> Result<MunicipalityCode> {
    state
        .province
        .province
        .find_municipality(code)
        .map(|m| m.code.clone())
        .ok_or_else(|| Error::BadRequest { param: "gemeente".into(), message: format!("onbekende gemeente '{code}'") })
}

fn not_found(id: &str) -> Error {
    Error::NotFound(format!("project '{id}' bestaat niet of dit token mag het niet zien"))
}

async fn visible(state: &AppState, caller: &Caller, id: &str) -> Result<Project> {
    state.live.store().project(id).await?.filter(|p| caller.may_see(p)).ok_or_else(|| not_found(id))
}

/// `GET /api/beheer/projecten/{id}`.
async fn one(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Result<Json<Project>> {
    Ok(Json(visible(&state, &caller, &id).await?))
}

/// `PUT /api/beheer/projecten/{id}`: one project as a GeoJSON Feature in our schema; creates or
/// replaces it.
async fn put_one(State(state): State<AppState>, caller: Caller, Path(id): Path<String>, headers: HeaderMap, raw: Body) -> Result<Response> {
    let writer = caller.writer()?.clone();
    if namespaced_id(&writer, &id).as_str() != id {
        // Another municipality's id (or none): not this token's to see.
        return Err(not_found(&id));
    }
    let bytes = body(&headers, raw, state.upload_limit).await?;
    let feature = import::record::parse_json(&bytes).map_err(|problem| Error::BadRequest { param: "body".into(), message: problem.reason })?;
    let collection = serde_json::to_vec(&json!({ "type": "FeatureCollection", "features": [feature] })).map_err(|e| Error::Internal(e.to_string()))?;
    let (incoming, mut problems) = import::read(Format::GeoJson, &collection, &state.province, &writer);
    problems.merge(check(&incoming, &state.province.province, &writer, import::locate(&state.province)), |_| 0);
    if let Some(other) = incoming.iter().find(|i| i.project.id.as_str() != id) {
        problems.push(domain::import::Problem::new(&other.record, "id", format!("'{}' is niet het id in het adres ('{id}')", other.project.id)));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let today = crate::store::today();
    let target = id.clone();
    let plan = state
        .live
        .store()
        .change(Scope::Municipality(&writer), caller.actor(), Source::Import, Mode::Apply, move |stored| {
            Ok(plan(stored.into_iter().filter(|p| p.id.as_str() == target).collect(), incoming, &today))
        })
        .await?;
    state.live.refresh().await?;
    let status = if plan.added.is_empty() { StatusCode::OK } else { StatusCode::CREATED };
    Ok((status, Json(summary(&plan, Mode::Apply))).into_response())
}

/// `DELETE /api/beheer/projecten/{id}`.
async fn delete_one(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Result<StatusCode> {
    let writer = caller.writer()?.clone();
    let target = id.clone();
    let plan = state
        .live
        .store()
        .change(Scope::Municipality(&writer), caller.actor(), Source::Import, Mode::Apply, move |stored| {
            let removed: Vec<Project> = stored.into_iter().filter(|p| p.id.as_str() == target).collect();
            Ok(Plan { removed, ..Plan::default() })
        })
        .await?;
    if plan.removed.is_empty() {
        return Err(not_found(&id));
    }
    state.live.refresh().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/beheer/projecten/{id}/geschiedenis`: every change, oldest first.
async fn history(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Result<Json<Vec<Change>>> {
    let changes = state.live.store().history(&id).await?;
    // Seen if the token may see the project as it is now, or as it was last.
    let last = changes.last().and_then(|c| c.after.as_ref().or(c.before.as_ref()));
    if !last.is_some_and(|p| caller.may_see(p)) {
        return Err(not_found(&id));
    }
    Ok(Json(changes.into_iter().filter(|c| visible_change(&caller, c)).collect()))
}

fn visible_change(caller: &Caller, change: &Change) -> bool {
    [&change.before, &change.after].into_iter().flatten().all(|p| caller.may_see(p))
}

#[derive(Deserialize)]
struct ChangesQuery {
    gemeente: Option<String>,
    aantal: Option<i64>,
}

/// `GET /api/beheer/wijzigingen[?gemeente=GM0114][&aantal=50]`: the most recent changes.
async fn changes(State(state): State<AppState>, caller: Caller, Query(q): Query<ChangesQuery>) -> Result<Json<Vec<Change>>> {
    let asked = q.gemeente.as_deref().map(|g| municipality(&state, g)).transpose()?;
    let limit = q.aantal.unwrap_or(50).clamp(1, 1000);
    let scope = match (&caller.0.access, asked) {
        (Access::Municipality(own), Some(other)) if &other != own => {
            return Err(Error::Forbidden(format!("dit token mag alleen de wijzigingen van {own} zien")));
        }
        (Access::Municipality(own), _) => Some(own.clone()),
        (Access::Province, asked) => asked,
    };
    // Page back until `limit` changes the token may see are found, or there are no more.
    let mut shown = Vec::new();
    let mut before = i64::MAX;
    loop {
        let page = state.live.store().changes_before(scope.as_ref(), before, limit).await?;
        let last_page = page.len() < limit as usize;
        before = page.last().map_or(before, |c| c.seq);
        shown.extend(page.into_iter().filter(|c| visible_change(&caller, c)));
        if last_page || shown.len() >= limit as usize {
            break;
        }
    }
    shown.truncate(limit as usize);
    Ok(Json(shown))
}

/// Whether the pages show one total per area of the homes in non-public plans: as the province
/// set it, else as its configuration says.
async fn publication(State(state): State<AppState>, _caller: Caller) -> Result<Json<serde_json::Value>> {
    publication_view(&state).await
}

async fn publication_view(state: &AppState) -> Result<Json<serde_json::Value>> {
    let set = state.live.store().publications().await?.into_iter().find(|p| p.name == WITHHELD_TOTAL);
    Ok(Json(match set {
        Some(p) => json!({ WITHHELD_TOTAL: { "publiceren": p.on, "bron": "provincie", "ingesteld": p.set_at, "door": p.actor } }),
        None => json!({ WITHHELD_TOTAL: { "publiceren": state.province.province.publish_withheld_total, "bron": "configuratie" } }),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicationChange {
    niet_openbaar_totaal: bool,
}

/// `PUT /api/beheer/publicatie` with `{"niet_openbaar_totaal": true}`: the province token only.
async fn publish(State(state): State<AppState>, caller: Caller, headers: HeaderMap, raw: Body) -> Result<Json<serde_json::Value>> {
    if caller.0.access != Access::Province {
        return Err(Error::Forbidden("alleen het provincietoken bepaalt wat er gepubliceerd wordt".to_owned()));
    }
    let bytes = body(&headers, raw, state.upload_limit).await?;
    let change: PublicationChange = serde_json::from_slice(&bytes)
        .map_err(|e| Error::BadRequest { param: "body".into(), message: format!("verwacht {{\"niet_openbaar_totaal\": true of false}}: {e}") })?;
    state.live.store().publish(WITHHELD_TOTAL, change.niet_openbaar_totaal, caller.actor()).await?;
    state.live.refresh().await?;
    publication_view(&state).await
}
