//! Atom feeds (RFC 4287) of what changed on the public map: new, changed and removed public
//! projects, for the province (`/api/v1/feeds/provincie`), a region (`…/regio/{id}`) and a
//! municipality (`…/gemeente/{code}`), linked from their pages. Entries come from the change
//! history, and only where the public could see the project before or after
//! ([`domain::feed::PublicEvent`]); each has a stable id (from the province and the change's
//! number) and the time of the change. Built once per data version, like every public answer.

use crate::error::{Error, Result};
use crate::responses::Precompressed;
use crate::state::AppState;
use crate::store::Change;
use app::escape::attribute as escape;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use domain::feed::PublicEvent;
use domain::{Area, Province};
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Entries per feed: the most recent public events.
const ENTRIES: usize = 100;
/// Changes read per municipality to find them (most changes of a delivery are public).
const WINDOW: i64 = 500;
const ATOM: &str = "application/atom+xml; charset=utf-8";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/feeds/provincie", get(province))
        .route("/api/v1/feeds/regio/{id}", get(region))
        .route("/api/v1/feeds/gemeente/{code}", get(municipality))
}

async fn province(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    feed(&state, Area::Province, &headers).await
}

async fn region(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response> {
    let province = state.live.province();
    let region = province.regions.iter().find(|r| r.id.as_str() == id).ok_or_else(|| Error::NotFound(format!("regio '{}' bestaat niet", short(&id))))?;
    feed(&state, Area::Region(region.id.clone()), &headers).await
}

async fn municipality(State(state): State<AppState>, Path(code): Path<String>, headers: HeaderMap) -> Result<Response> {
    let province = state.live.province();
    let m = province.find_municipality(&code).ok_or_else(|| Error::NotFound(format!("gemeente '{}' bestaat niet", short(&code))))?;
    feed(&state, Area::Municipality(m.code.clone()), &headers).await
}

async fn feed(state: &AppState, area: Area, headers: &HeaderMap) -> Result<Response> {
    let origin = crate::ogc::origin(headers);
    let snapshot = state.snapshot();
    let key = format!("feed/{}@{origin}", app::url::feed_path(&area));
    // Built and kept: no database read.
    if let Some(built) = snapshot.responses.get(&key) {
        return Ok(built.respond(headers));
    }
    let province = state.live.province().clone();
    let changes = changes_in(state, &province, &area).await?;
    let published = snapshot.published.clone();
    let built = snapshot
        .responses
        .get_or_build(key, move || Ok::<_, Error>(Precompressed::new(atom(&province, &area, &changes, &origin, &published).into_bytes(), ATOM)))
        .await?;
    Ok(built.respond(headers))
}

/// The most recent changes in the area, newest first.
async fn changes_in(state: &AppState, province: &Province, area: &Area) -> Result<Vec<Change>> {
    let store = state.live.store();
    let mut changes = match area {
        Area::Province => store.recent_changes(None, WINDOW).await?,
        area => {
            let mut all = Vec::new();
            for m in province.municipalities.iter().filter(|m| province.area_contains(area, &m.code)) {
                all.extend(store.recent_changes(Some(&m.code), WINDOW).await?);
            }
            all
        }
    };
    changes.sort_by_key(|c| std::cmp::Reverse(c.seq));
    Ok(changes)
}

/// The feed's XML: the area's most recent public events.
pub fn atom(province: &Province, area: &Area, changes: &[Change], origin: &str, published: &str) -> String {
    let area_name = match area {
        Area::Province => format!("provincie {}", province.name),
        Area::Region(id) => format!("regio {}", province.region(id).map_or(id.as_str(), |r| r.name.as_str())),
        Area::Municipality(code) => format!("gemeente {}", province.municipality_name(code)),
    };
    let page = format!("{origin}/{}", app::url::area_path(area));
    let mut events: Vec<(&Change, PublicEvent<'_>)> =
        changes.iter().filter_map(|c| PublicEvent::of(c.before.as_ref(), c.after.as_ref()).map(|e| (c, e))).collect();
    // Newest first; within one delivery (one moment), what appeared or changed before what
    // left, so a delivery that replaces many plans does not push its new ones out of the feed.
    events.sort_by_key(|(c, e)| (std::cmp::Reverse(c.at.clone()), matches!(e, PublicEvent::Left(_)), std::cmp::Reverse(c.seq)));
    events.truncate(ENTRIES);
    let updated = events.first().map_or(published, |(c, _)| c.at.as_str());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">\n");
    let _ = writeln!(xml, "<id>{}</id>", stable_id(&format!("{}/feed/{}", province.code, app::url::feed_path(area))));
    let _ = writeln!(xml, "<title>Woningbouwplannen in {}: nieuw, gewijzigd, vervallen</title>", escape(&area_name));
    let _ = writeln!(xml, "<subtitle>Openbare woningbouwprojecten die op de Publieke Woningbouwkaart zijn verschenen, gewijzigd of verdwenen.</subtitle>");
    let _ = writeln!(xml, "<updated>{}</updated>", escape(updated));
    let _ = writeln!(xml, "<author><name>Provincie {}</name></author>", escape(&province.name));
    let _ = writeln!(xml, "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", escape(&format!("{origin}{}", app::url::feed_path(area))));
    let _ = writeln!(xml, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape(&page));
    let licence = &province.licence;
    if !licence.url.is_empty() {
        let _ = writeln!(xml, "<link rel=\"license\" type=\"text/html\" href=\"{}\"/>", escape(&licence.url));
        let credit = licence.credit.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        let _ = writeln!(xml, "<rights>Projectgegevens: {}{}</rights>", escape(&licence.name), escape(&credit));
    }
    let _ = writeln!(xml, "<generator>Publieke Woningbouwkaart</generator>");
    for (change, event) in &events {
        let p = event.project();
        let place = format!("{}, gemeente {}", p.place, province.municipality_name(&p.municipality));
        let (term, label, title, link) = match event {
            PublicEvent::Appeared(_) => ("nieuw", "Nieuw", format!("Nieuw: {} ({place})", p.name), project_page(origin, p)),
            PublicEvent::Changed { .. } => ("gewijzigd", "Gewijzigd", format!("Gewijzigd: {} ({place})", p.name), project_page(origin, p)),
            PublicEvent::Left(_) => ("vervallen", "Niet meer op de kaart", format!("Niet meer op de kaart: {} ({place})", p.name), page.clone()),
        };
        let summary = match event {
            PublicEvent::Changed { fields, .. } => format!("Gewijzigd: {}. {}", fields.join(", "), describe(p)),
            PublicEvent::Appeared(_) => describe(p),
            PublicEvent::Left(_) => "Het plan is verwijderd of niet langer openbaar.".to_owned(),
        };
        xml.push_str("<entry>\n");
        let _ = writeln!(xml, "<id>{}</id>", stable_id(&format!("{}/wijziging/{}", province.code, change.seq)));
        let _ = writeln!(xml, "<title>{}</title>", escape(&title));
        let _ = writeln!(xml, "<updated>{}</updated>", escape(&change.at));
        let _ = writeln!(xml, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape(&link));
        let _ = writeln!(xml, "<category term=\"{term}\" label=\"{}\"/>", escape(label));
        let _ = writeln!(xml, "<summary>{}</summary>", escape(&summary));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn project_page(origin: &str, p: &domain::Project) -> String {
    format!("{origin}{}", app::url::href("/", &app::url::with("", app::url::PROJECT, Some(p.id.as_str()))))
}

/// A public project in one sentence: homes, status, expected delivery.
fn describe(p: &domain::Project) -> String {
    let delivery = p.delivery_year.map(|y| format!(" Oplevering verwacht in {y}.")).unwrap_or_default();
    format!("{} in {}. Status: {}.{delivery}", app::format::homes(u64::from(p.total_homes())), p.place, p.status.label().to_lowercase())
}

/// A `urn:uuid:` that is the same for the same text, always (RFC 4122's name-based form, with
/// SHA-256 cut to 128 bits): an entry keeps its id however often the feed is built.
fn stable_id(name: &str) -> String {
    let hash = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

fn short(value: &str) -> String {
    value.chars().take(60).collect()
}
