//! A municipality's delivery: read in one of the formats, checked as a whole, and applied all
//! or nothing.
//!
//! - [`record`]: the fields every format shares, and how a value is read.
//! - [`own_geojson`]: our GeoJSON schema. [`spreadsheet`]: CSV from a spreadsheet.
//!   [`planmonitor`]: records shaped like the Planmonitor Wonen export (RD New geometry).
//!
//! [`deliver`] reads, runs `domain::import::check`, and only when there is no problem at all
//! plans and applies the change in one transaction (or only plans it, for a dry run).

pub mod own_geojson;
pub mod planmonitor;
pub mod record;
pub mod spreadsheet;

use crate::config::LoadedProvince;
use crate::error::{Error, Result};
use crate::store::{Mode, Scope, Source, Store};
use bytes::Bytes;
use domain::import::{check, plan, Incoming, Plan, Problem, Problems};
use domain::{LonLat, MunicipalityCode};
use geo::Intersects;
use std::sync::Arc;

/// The formats a delivery can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    Csv,
    Planmonitor,
}

impl Format {
    pub const NAMES: &'static str = "geojson, csv, planmonitor";

    /// The name [`Format::from_name`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "geojson",
            Format::Csv => "csv",
            Format::Planmonitor => "planmonitor",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "geojson" | "json" => Some(Format::GeoJson),
            "csv" => Some(Format::Csv),
            "planmonitor" => Some(Format::Planmonitor),
            _ => None,
        }
    }

    /// The format a body is in: CSV if its media type says so, else JSON (a list or
    /// `planregistratie` records: the Planmonitor's; else GeoJSON) or CSV by its first byte.
    pub fn detect(content_type: Option<&str>, body: &[u8]) -> Format {
        let media = content_type.unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let planmonitor = || body.windows(16).any(|w| w == b"\"planregistratie");
        match (media.as_str(), body.iter().find(|b| !b.is_ascii_whitespace())) {
            ("text/csv", _) => Format::Csv,
            (_, Some(b'[')) => Format::Planmonitor,
            (_, Some(b'{')) if planmonitor() => Format::Planmonitor,
            ("application/geo+json" | "application/json", _) | (_, Some(b'{')) => Format::GeoJson,
            _ => Format::Csv,
        }
    }
}

/// Reads a delivery; returns what could be read and every problem found on the way.
pub fn read(format: Format, bytes: &[u8], province: &LoadedProvince, writer: &MunicipalityCode) -> (Vec<Incoming>, Problems) {
    match format {
        Format::GeoJson => own_geojson::read(bytes, &province.province, writer),
        Format::Csv => spreadsheet::read(bytes, &province.province, writer),
        Format::Planmonitor => planmonitor::read(bytes, &province.province, writer),
    }
}

/// The province's municipalities a position lies in: none outside the province, one inside,
/// two or more on a border.
pub fn locate(province: &LoadedProvince) -> impl Fn(LonLat) -> Vec<MunicipalityCode> + '_ {
    move |c| {
        if !province.province.contains_point(c.lon, c.lat) {
            return Vec::new();
        }
        let point = geo::Point::new(c.lon, c.lat);
        let mut found: Vec<MunicipalityCode> = province.shapes.iter().filter(|(_, shape)| shape.intersects(&point)).map(|(code, _)| code.clone()).collect();
        found.sort();
        found
    }
}

/// Reads and checks a delivery by `writer`'s token, then plans it against what is stored and,
/// for [`Mode::Apply`], applies it. Any problem means nothing is written: the error lists them
/// all. Reading and checking run off the async threads (a large file takes a while).
pub async fn deliver(
    store: &Store,
    province: Arc<LoadedProvince>,
    writer: &MunicipalityCode,
    actor: &str,
    format: Format,
    bytes: Bytes,
    mode: Mode,
) -> Result<Plan> {
    refuse_packed(&bytes)?;
    let who = writer.clone();
    let incoming = tokio::task::spawn_blocking(move || read_and_check(format, &bytes, &province, &who)).await??;
    let today = crate::store::today();
    store.change(Scope::Municipality(writer), actor, Source::Import, mode, move |stored| Ok(plan(stored, incoming, &today))).await
}

/// A packed file (gzip, zip) is not a delivery format: say so, rather than that it is no JSON.
fn refuse_packed(bytes: &[u8]) -> Result<()> {
    let packed = match bytes {
        [0x1f, 0x8b, ..] => Some("gzip"),
        [b'P', b'K', 3, 4, ..] => Some("zip"),
        _ => None,
    };
    match packed {
        Some(kind) => {
            Err(Error::UnsupportedMedia(format!("dit is een {kind}-bestand: pak het eerst uit en lever het CSV-, GeoJSON- of Planmonitor-bestand zelf aan")))
        }
        None => Ok(()),
    }
}

fn read_and_check(format: Format, bytes: &[u8], province: &LoadedProvince, writer: &MunicipalityCode) -> Result<Vec<Incoming>> {
    let (incoming, mut problems) = read(format, bytes, province, writer);
    let common = check(&incoming, &province.province, writer, locate(province));
    let common = match format {
        // Name the field as the official knows it.
        Format::Planmonitor => common.rename_fields(|field| planmonitor::source_field(field).to_owned()),
        _ => common,
    };
    // In the order of the file, as the official goes through it ("regel 2" before "regel 10").
    problems.merge(common, |p| record_number(&p.record));
    if incoming.is_empty() && problems.is_empty() {
        // A complete list with nothing in it would remove every project: surely a mistake.
        problems.push(Problem::new("bestand", "projecten", "het bestand bevat geen projecten"));
    }
    if problems.is_empty() {
        Ok(incoming)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The number in a record's name (`regel 12`, `feature 3`); none (the file as a whole) first.
fn record_number(record: &str) -> u64 {
    record.split(|c: char| !c.is_ascii_digit()).find(|part| !part.is_empty()).and_then(|n| n.parse().ok()).unwrap_or(0)
}
