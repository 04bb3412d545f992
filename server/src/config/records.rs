//! The shapes of `provincie.toml` as they are in the file (Dutch keys, nothing unknown
//! allowed), and reading a file into bytes or a FeatureCollection with errors that name it.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProvinceRecord {
    pub code: String,
    pub naam: String,
    pub attributie: String,
    pub bestanden: FilesRecord,
    pub regio: Vec<RegionRecord>,
    #[serde(default)]
    pub prijsgrenzen: Vec<PriceLimitsRecord>,
    #[serde(default)]
    pub doel: Vec<TargetRecord>,
    #[serde(default)]
    pub norm: Vec<NormRecord>,
    /// Publish one labelled total of the homes in non-public plans.
    #[serde(default)]
    pub niet_openbaar_totaal_publiceren: bool,
    /// Where residents send questions and report problems.
    pub contact: Option<ContactRecord>,
    /// The licence of the project data.
    pub licentie: LicenceRecord,
    /// Where to report a vulnerability (`/.well-known/security.txt`, RFC 9116).
    pub beveiliging: Option<SecurityRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SecurityRecord {
    /// `mailto:…` or `https://…`: where to report.
    pub contact: String,
    /// The last day the file holds (JJJJ-MM-DD): RFC 9116 wants less than a year ahead.
    pub verloopt: String,
    /// `https://…`: the province's disclosure policy, if it has one.
    pub beleid: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LicenceRecord {
    /// Its short name ("CC BY 4.0").
    pub naam: String,
    /// `https://…`: where its text is.
    pub adres: String,
    /// Whom to name when the data is used.
    pub naamsvermelding: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ContactRecord {
    /// What the link says.
    pub tekst: String,
    /// `https://…` or `mailto:…`.
    pub adres: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NormRecord {
    pub id: String,
    pub naam: String,
    pub prijsklassen: Vec<String>,
    /// "2/3" or "30%".
    pub minimaal: String,
    pub bron: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FilesRecord {
    pub gemeenten: PathBuf,
    pub gemeente_code: String,
    pub gemeente_naam: String,
    pub regios: PathBuf,
    pub provincie: PathBuf,
    pub kernen: PathBuf,
    /// Figures the province publishes itself (optional).
    pub reeksen: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RegionRecord {
    pub id: String,
    pub naam: String,
    /// The feature id in the regions file.
    pub grens: String,
    pub gemeenten: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PriceLimitsRecord {
    pub jaar: u16,
    pub sociale_huur_tot: Option<f64>,
    pub middenhuur_tot: Option<f64>,
    pub betaalbare_koop_tot: Option<f64>,
    #[serde(default)]
    pub voorlopig: Vec<String>,
    pub bron: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TargetRecord {
    pub regio: Option<String>,
    pub soort: String,
    pub woningen: u32,
    pub van: u16,
    pub tot: u16,
    #[serde(default)]
    pub prijsklassen: Vec<String>,
    pub bron: String,
}

pub(super) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::config(path, "(bestand)", format!("kan niet gelezen worden: {e}")))
}

pub(super) fn feature_collection(path: &Path, bytes: &[u8]) -> Result<geojson::FeatureCollection> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error::config(path, "(bestand)", "is geen UTF-8"))?;
    text.parse::<geojson::FeatureCollection>().map_err(|e| Error::config(path, "(GeoJSON)", e.to_string()))
}
