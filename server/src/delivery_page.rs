//! `/beheer`: where a municipal official delivers their file. A form with the token and the file;
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
use crate::state::AppState;
use crate::store::Mode;
use app::api::SiteInfo;
use app::components::site_header::{Section, SiteHeader};
use app::format;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use bytes::Bytes;
use domain::import::{changed_fields, Plan, Problems};
use domain::Project;
use leptos::prelude::*;

/// Rows listed per kind of change; the rest is counted.
const LISTED: usize = 200;

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

/// What the page reports.
enum Outcome {
    Refused(Error),
    Problems(Problems),
    Planned(Planned),
}

struct Planned {
    plan: Plan,
    mode: Mode,
    municipality: domain::Municipality,
    file_name: String,
    format: Format,
    /// The checked file, for "Toepassen" after a dry run.
    bytes: Bytes,
}

async fn blank(State(state): State<AppState>) -> Response {
    respond(&state, StatusCode::OK, None)
}

async fn submit(State(state): State<AppState>, form: Result<Multipart, MultipartRejection>) -> Response {
    let outcome = match read(form, state.upload_limit).await {
        Ok(submission) => deliver(&state, submission).await,
        Err(e) => Outcome::Refused(e),
    };
    let status = match &outcome {
        Outcome::Refused(e) => e.status(),
        Outcome::Problems(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Outcome::Planned(_) => StatusCode::OK,
    };
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

async fn deliver(state: &AppState, submission: Submission) -> Outcome {
    let result = async {
        if submission.secret.is_empty() {
            return Err(Error::Unauthorized("vul de sleutel van je gemeente in".into()));
        }
        let caller = Caller::from_secret(state, &submission.secret).await.map_err(|e| match e {
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
        Ok(Planned { plan, mode, municipality, file_name, format, bytes })
    };
    match result.await {
        Ok(planned) => Outcome::Planned(planned),
        Err(Error::Invalid(problems)) => Outcome::Problems(problems),
        Err(e) => Outcome::Refused(e),
    }
}

fn respond(state: &AppState, status: StatusCode, outcome: Option<Outcome>) -> Response {
    let site = state.snapshot().sites.whole().as_ref().clone();
    let html = Owner::new().with(|| document(site, outcome).to_html());
    let mut response = (status, Html(format!("<!DOCTYPE html>{html}"))).into_response();
    // The answer names the municipality's plans, confidential ones too: never kept.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn document(site: SiteInfo, outcome: Option<Outcome>) -> impl IntoView {
    let attribution = site.province.attribution.clone();
    let report = outcome.map(|o| match o {
        Outcome::Refused(e) => view! {
            <div class="notice" role="alert"><p><strong>"Niet gelukt: "</strong>{refusal(&e)}</p></div>
            <DeliveryForm />
        }
        .into_any(),
        Outcome::Problems(problems) => view! { <ProblemReport problems /><DeliveryForm /> }.into_any(),
        Outcome::Planned(planned) => view! { <PlanReport planned /> }.into_any(),
    });
    let first = report.is_none().then(|| view! { <Instructions /><DeliveryForm /> });
    view! {
        <html lang="nl">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>"Gegevens aanleveren — Publieke Woningbouwkaart"</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href="/pkg/woningbouwkaart.css" />
            </head>
            <body>
                <div class="page">
                    <SiteHeader site current=Section::Delivery filter_query=Signal::derive(String::new)>
                        <h1>"Gegevens aanleveren"</h1>
                        <p class="tagline">"Voor gemeenten: lever de woningbouwplannen van je gemeente aan met de sleutel die je van de provincie kreeg."</p>
                    </SiteHeader>
                    <main id="aanleveren" class="delivery">{report}{first}</main>
                </div>
                <footer class="site-footer"><p>{attribution}</p></footer>
            </body>
        </html>
    }
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
        Error::BadRequest { message, .. } => format!("{message}."),
        other => format!("{other}."),
    }
}

#[component]
fn Instructions() -> impl IntoView {
    view! {
        <section class="delivery-help" aria-labelledby="hoe">
            <h2 id="hoe">"Hoe het werkt"</h2>
            <ol>
                <li>"Kies het bestand met alle plannen van je gemeente: een CSV uit een spreadsheet, GeoJSON, of de export uit de Planmonitor Wonen."</li>
                <li>"Klik op " <strong>"Controleer"</strong> ". Je ziet elk probleem met regel en veld, of wat er zou worden toegevoegd, gewijzigd en verwijderd. Er verandert nog niets."</li>
                <li>"Klopt het, klik dan op " <strong>"Toepassen"</strong> ". Alles wordt in één keer verwerkt, of niets. Alleen openbare plannen komen op de kaart."</li>
            </ol>
            <p>"Een levering is de volledige lijst: een plan van je gemeente dat er niet in staat, wordt verwijderd. De kolommen staan in de handleiding (README) van de Publieke Woningbouwkaart."</p>
        </section>
    }
}

/// Token, file and format; checking is the default action.
#[component]
fn DeliveryForm() -> impl IntoView {
    view! {
        <form class="delivery-form" method="post" action="/beheer" enctype="multipart/form-data">
            <h2>"Levering"</h2>
            <p>
                <label for="sleutel">"Sleutel van je gemeente"</label>
                <input id="sleutel" name="sleutel" type="password" required autocomplete="off" spellcheck="false" />
            </p>
            <p>
                <label for="bestand">"Bestand"</label>
                <input id="bestand" name="bestand" type="file" required accept=".csv,.json,.geojson,text/csv,application/json,application/geo+json" />
            </p>
            <p>
                <label for="formaat">"Soort bestand"</label>
                <select id="formaat" name="formaat">
                    <option value="herkennen" selected>"Automatisch herkennen"</option>
                    <option value="csv">"CSV (spreadsheet)"</option>
                    <option value="geojson">"GeoJSON"</option>
                    <option value="planmonitor">"Planmonitor Wonen (export)"</option>
                </select>
            </p>
            <p class="actions">
                <button type="submit" name="actie" value="proef">"Controleer (er verandert niets)"</button>
                " "
                <button type="submit" name="actie" value="toepassen" class="secondary">"Controleer en pas meteen toe"</button>
            </p>
        </form>
    }
}

#[component]
fn ProblemReport(problems: Problems) -> impl IntoView {
    let heading = if problems.len() == 1 {
        "1 probleem in de levering".to_owned()
    } else {
        format!("{} problemen in de levering", format::number(problems.len() as u64))
    };
    let intro = if problems.not_shown() == 0 {
        "Verbeter ze in het bestand en lever het opnieuw aan. Alle problemen staan hieronder, niet alleen het eerste.".to_owned()
    } else {
        format!(
            "Verbeter ze in het bestand en lever het opnieuw aan. Hieronder staan de eerste {}; de andere {} zijn per veld geteld.",
            format::number(problems.shown().len() as u64),
            format::number(problems.not_shown() as u64)
        )
    };
    let rows = problems
        .shown()
        .iter()
        .map(|p| view! { <tr><td>{p.record.clone()}</td><td><code>{p.field.clone()}</code></td><td>{p.reason.clone()}</td></tr> })
        .collect_view();
    let counts = (problems.not_shown() > 0).then(|| {
        let rows = problems
            .per_field()
            .into_iter()
            .map(|(field, n)| view! { <tr><td><code>{field.to_owned()}</code></td><td class="number">{format::number(n as u64)}</td></tr> })
            .collect_view();
        view! {
            <table>
                <caption>"Alle problemen per veld"</caption>
                <thead><tr><th scope="col">"Veld"</th><th scope="col">"Problemen"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <section class="report problems" aria-labelledby="uitkomst">
            <div role="alert"><h2 id="uitkomst">{heading}"; er is niets gewijzigd"</h2></div>
            <p>{intro}</p>
            <table>
                <caption class="visually-hidden">"Problemen in de levering"</caption>
                <thead><tr><th scope="col">"Waar"</th><th scope="col">"Veld"</th><th scope="col">"Wat er mis is"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {counts}
        </section>
    }
}

#[component]
fn PlanReport(planned: Planned) -> impl IntoView {
    let Planned { plan, mode, municipality, file_name, format, bytes } = planned;
    let dry = mode == Mode::DryRun;
    let name = municipality.name.clone();
    let heading = match (dry, plan.is_empty()) {
        (true, true) => format!("Geen problemen. Deze levering verandert niets aan de plannen van {name}"),
        (true, false) => format!("Geen problemen. Dit zou de levering doen met de plannen van {name}"),
        (false, true) => format!("Er was niets te wijzigen aan de plannen van {name}"),
        (false, false) => format!("Toegepast: de plannen van {name} zijn bijgewerkt"),
    };
    let counts = format!(
        "{} toegevoegd, {} gewijzigd, {} verwijderd, {} ongewijzigd.",
        format::number(plan.added.len() as u64),
        format::number(plan.changed.len() as u64),
        format::number(plan.removed.len() as u64),
        format::number(plan.unchanged as u64),
    );
    let added = plan.added.iter().map(|p| (p, String::new())).collect::<Vec<_>>();
    let changed = plan.changed.iter().map(|(before, after)| (after, changed_fields(before, after).join(", "))).collect::<Vec<_>>();
    let removed = plan.removed.iter().map(|p| (p, String::new())).collect::<Vec<_>>();
    let removing = removed.len();
    let next = if dry && !plan.is_empty() {
        view! { <ApplyForm file_name=file_name.clone() format bytes /> }.into_any()
    } else {
        let map = format!("/?gemeente={}", municipality.code);
        view! {
            <p class="next">
                {(!dry).then_some("De openbare plannen staan binnen enkele seconden op de kaart. ")}
                <a href=map>{format!("Bekijk de kaart van {name}")}</a>" · "<a href="/beheer">"Nog een bestand aanleveren"</a>
            </p>
        }
        .into_any()
    };
    view! {
        <section class="report" aria-labelledby="uitkomst">
            <div role="status"><h2 id="uitkomst">{heading}</h2></div>
            <p>{format!("Bestand: {file_name}. ")}{counts}{dry.then_some(" Er is nog niets gewijzigd.")}</p>
            {(dry && removing > 0).then(|| view! {
                <p class="warning"><strong>"Let op: "</strong>{format!("{} van de opgeslagen plannen staan niet in dit bestand en worden verwijderd. Een levering is de volledige lijst van de gemeente.", format::number(removing as u64))}</p>
            })}
            {next}
            <ChangeTable title="Toegevoegd" projects=added />
            <ChangeTable title="Gewijzigd" projects=changed detail="Wat verandert" />
            <ChangeTable title="Verwijderd" projects=removed />
        </section>
    }
}

/// The projects of one kind of change, with whether the public sees them.
#[component]
fn ChangeTable<'a>(
    title: &'static str,
    projects: Vec<(&'a Project, String)>,
    /// The heading of an extra column with each project's text, if there is one.
    #[prop(optional)]
    detail: Option<&'static str>,
) -> impl IntoView {
    if projects.is_empty() {
        return ().into_any();
    }
    let more = projects.len().saturating_sub(LISTED);
    let rows = projects
        .iter()
        .take(LISTED)
        .map(|(p, text)| {
            let shown = if p.is_public() { "ja" } else { "nee" };
            view! {
                <tr>
                    <td><code>{p.id.to_string()}</code></td>
                    <td>{p.name.clone()}</td>
                    <td>{p.status.label()}</td>
                    <td>{shown}</td>
                    {detail.map(|_| view! { <td>{text.clone()}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="changes">
            <caption>{format!("{title} ({})", format::number(projects.len() as u64))}</caption>
            <thead>
                <tr>
                    <th scope="col">"Id"</th><th scope="col">"Naam"</th><th scope="col">"Status"</th><th scope="col">"Op de kaart"</th>
                    {detail.map(|label| view! { <th scope="col">{label}</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {(more > 0).then(|| view! { <p>{format!("En nog {} meer.", format::number(more as u64))}</p> })}
    }
    .into_any()
}

/// Applies the file the dry run checked: it travels in the page, so only the token is asked
/// again (it is never written into a page).
#[component]
fn ApplyForm(file_name: String, format: Format, bytes: Bytes) -> impl IntoView {
    view! {
        <form class="delivery-form" method="post" action="/beheer" enctype="multipart/form-data">
            <h2>"Toepassen"</h2>
            <input type="hidden" name="levering" value=BASE64.encode(&bytes) />
            <input type="hidden" name="bestandsnaam" value=file_name />
            <input type="hidden" name="formaat" value=format.name() />
            <input type="hidden" name="actie" value="toepassen" />
            <p>
                <label for="sleutel">"Sleutel van je gemeente (nog een keer)"</label>
                <input id="sleutel" name="sleutel" type="password" required autocomplete="off" spellcheck="false" />
            </p>
            <p class="actions">
                <button type="submit">"Toepassen"</button>
                " "<a href="/beheer">"Ander bestand kiezen"</a>
            </p>
        </form>
    }
}
