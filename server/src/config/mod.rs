//! Reads a province's configuration: `provincie.toml` and the boundary and place files it names.
//!
//! The files' shapes (`*Record`, [`records`]) stay in this module; the rest of the server sees
//! the domain's [`Province`] and the shapes in [`LoadedProvince`]. Every error names the file
//! and the field. One file per part: [`boundaries`], [`rules`] (price limits, targets, norms),
//! [`places`], [`series`] (figures the province publishes itself).

mod boundaries;
mod places;
mod records;
mod rules;
pub mod series;

pub use places::Place;

use crate::error::{Error, Result};
use app::page_data::Contact;
use domain::{Area, MunicipalityCode, Province, RegionId};
use geo::MultiPolygon;
use records::{read, ContactRecord, LicenceRecord, ProvinceRecord, SecurityRecord};
use std::collections::HashMap;
use std::path::Path;

/// A province with the geometry the server needs beside the domain configuration.
#[derive(Debug, Clone)]
pub struct LoadedProvince {
    pub province: Province,
    /// Municipality outlines by code, for placing and checking locations.
    pub shapes: HashMap<MunicipalityCode, MultiPolygon<f64>>,
    /// Region outlines by id, for drawing the map.
    pub region_shapes: HashMap<RegionId, MultiPolygon<f64>>,
    pub places: Vec<Place>,
    /// The same places as the map names them and residents search them, each with its key.
    pub gazetteer: std::sync::Arc<domain::places::Gazetteer>,
    /// The boundary files as they are, to send to the map.
    pub municipality_boundaries: Vec<u8>,
    pub region_boundaries: Vec<u8>,
    pub province_boundary: Vec<u8>,
    /// One area's outline as a FeatureCollection of one feature, for an embed that shows only
    /// that municipality or region.
    pub area_boundaries: HashMap<Area, Vec<u8>>,
    /// Where residents send questions and problems (the footer, the accessibility statement).
    pub contact: Option<Contact>,
    /// Where to report a vulnerability, as `/.well-known/security.txt` says it.
    pub security: Option<Security>,
}

/// A province's security contact (RFC 9116).
#[derive(Debug, Clone, PartialEq)]
pub struct Security {
    /// `mailto:…` or `https://…`.
    pub contact: String,
    /// The last day the file holds, `JJJJ-MM-DD`.
    pub expires: String,
    pub policy: Option<String>,
}

impl LoadedProvince {
    /// The places in a municipality.
    pub fn places_in<'a>(&'a self, code: &MunicipalityCode) -> impl Iterator<Item = &'a Place> + 'a {
        let code = code.clone();
        self.places.iter().filter(move |p| p.municipality_code == code)
    }

    pub fn place(&self, code: &MunicipalityCode, name: &str) -> Option<&Place> {
        self.places_in(code).find(|p| p.name == name)
    }
}

/// Loads and validates a province. Any problem stops with an error that names file and field.
pub fn load(path: &Path) -> Result<LoadedProvince> {
    let text = String::from_utf8(read(path)?).map_err(|_| Error::config(path, "(bestand)", "is geen UTF-8"))?;
    let record: ProvinceRecord = toml::from_str(&text).map_err(|e| Error::toml(path, &text, &e))?;
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let files = &record.bestanden;
    let mut area_boundaries = HashMap::new();
    let municipalities = boundaries::municipalities(path, &dir, files, &record.regio, &mut area_boundaries)?;
    let regions = boundaries::regions(path, &dir, files, &record.regio, &mut area_boundaries)?;
    let (province_boundary, bounds) = boundaries::outline(&dir, files)?;
    let mut province = Province {
        code: record.code,
        name: record.naam,
        regions: regions.list,
        municipalities: municipalities.list,
        price_limits: rules::price_limits(path, &record.prijsgrenzen)?,
        targets: rules::targets(path, &record.doel)?,
        norms: rules::norms(path, &record.norm)?,
        series: Vec::new(),
        publish_withheld_total: record.niet_openbaar_totaal_publiceren,
        attribution: record.attributie,
        licence: licence(path, record.licentie)?,
        bounds,
    };
    if let Some(series_file) = &files.reeksen {
        province.series = series::load(&dir.join(series_file), &province)?;
    }
    if let Err(errors) = province.validate() {
        let e = &errors[0];
        let more = if errors.len() > 1 { format!(" (en nog {} fout(en))", errors.len() - 1) } else { String::new() };
        return Err(Error::config(path, english_to_file_field(&e.field), format!("{}{more}", e.message)));
    }
    let places = places::load(&dir.join(&files.kernen), &province)?;
    let contact = record.contact.map(|c| contact(path, c)).transpose()?;
    let security = record.beveiliging.map(|s| security(path, s)).transpose()?;
    let gazetteer = std::sync::Arc::new(places::gazetteer(&places, &province));
    Ok(LoadedProvince {
        province,
        shapes: municipalities.shapes,
        region_shapes: regions.shapes,
        places,
        gazetteer,
        municipality_boundaries: municipalities.file,
        region_boundaries: regions.file,
        province_boundary,
        area_boundaries,
        contact,
        security,
    })
}

/// The security contact: a reachable address and a real date.
fn security(path: &Path, record: SecurityRecord) -> Result<Security> {
    let contact = record.contact.trim();
    let reachable = |a: &str| {
        a.strip_prefix("https://").is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
            || a.strip_prefix("mailto:").is_some_and(|rest| rest.contains('@') && !rest.contains(char::is_whitespace))
    };
    if !reachable(contact) {
        return Err(Error::config(path, "beveiliging.contact", format!("'{contact}' is geen webadres (https://…) of e-mailadres (mailto:…)")));
    }
    let expires = record.verloopt.trim();
    let date = expires.len() == 10 && humantime::parse_rfc3339(&format!("{expires}T00:00:00Z")).is_ok();
    if !date {
        return Err(Error::config(path, "beveiliging.verloopt", format!("'{expires}' is geen datum (JJJJ-MM-DD)")));
    }
    let policy = record.beleid.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
    if let Some(p) = policy.as_deref().filter(|p| !p.starts_with("https://")) {
        return Err(Error::config(path, "beveiliging.beleid", format!("'{p}' is geen webadres (https://…)")));
    }
    Ok(Security { contact: contact.to_owned(), expires: expires.to_owned(), policy })
}

/// The project data's licence: a name and the web address of its text.
fn licence(path: &Path, record: LicenceRecord) -> Result<domain::Licence> {
    let name = record.naam.trim().to_owned();
    let url = record.adres.trim().to_owned();
    if name.is_empty() {
        return Err(Error::config(path, "licentie.naam", "is leeg: noem de licentie, zoals 'CC BY 4.0' of 'CC0 1.0'"));
    }
    if !url.starts_with("https://") || url.len() <= "https://".len() || url.contains(char::is_whitespace) {
        return Err(Error::config(path, "licentie.adres", format!("'{url}' is geen webadres (https://…) van de licentietekst")));
    }
    let credit = record.naamsvermelding.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    Ok(domain::Licence { name, url, credit })
}

/// A contact link residents can follow: a web address or an e-mail address, and words for it.
fn contact(path: &Path, record: ContactRecord) -> Result<Contact> {
    let href = record.adres.trim();
    let web =
        href.strip_prefix("https://").or_else(|| href.strip_prefix("http://")).is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace));
    let mail = href.strip_prefix("mailto:").is_some_and(|rest| rest.contains('@') && !rest.contains(char::is_whitespace));
    if !web && !mail {
        return Err(Error::config(path, "contact.adres", format!("'{href}' is geen webadres (https://…) of e-mailadres (mailto:…)")));
    }
    if record.tekst.trim().is_empty() {
        return Err(Error::config(path, "contact.tekst", "is leeg: zeg wat de link doet, zoals 'Mail het team Wonen'"));
    }
    Ok(Contact { label: record.tekst.trim().to_owned(), href: href.to_owned() })
}

/// The domain validates its own field names; this names them as they are in the file.
fn english_to_file_field(field: &str) -> String {
    field
        .replace("regions", "regio")
        .replace("municipalities", "gemeenten")
        .replace("price_limits", "prijsgrenzen")
        .replace("targets", "doel")
        .replace(".region", ".regio")
        .replace(".year", ".jaar")
        .replace("middenhuur_max", "middenhuur_tot")
        .replace(".to_year", ".tot")
        .replace("norms", "norm")
        .replace(".classes", ".prijsklassen")
        .replace("series", "reeks")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    pub fn drenthe_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/drenthe/provincie.toml")
    }

    #[test]
    fn drenthe_loads_with_its_three_regions_and_twelve_municipalities() {
        let loaded = load(&drenthe_path()).unwrap();
        let p = &loaded.province;
        assert_eq!(p.code, "PV22");
        let regions: Vec<_> = p.regions.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(regions, ["Noord", "Zuidoost", "Zuidwest"]);
        assert_eq!(p.municipalities.len(), 12);
        assert_eq!(p.municipality_name(&"GM0114".into()), "Emmen");
        assert_eq!(p.region_of(&"GM1731".into()).unwrap().name, "Zuidwest");
        assert_eq!(loaded.places.len(), 401);
        // Assen lies inside the bounds taken from the province outline.
        assert!(p.contains_point(6.56, 52.99));
        assert_eq!(p.price_limits_for(2026).unwrap().sociale_huur_max, Some(93293));
    }

    fn broken(edit: impl Fn(&str) -> String) -> Error {
        let dir = std::env::temp_dir().join(format!("wbk-config-{}", std::process::id()));
        let sub = dir.join(format!("case-{}", rand_suffix()));
        std::fs::create_dir_all(&sub).unwrap();
        let original = std::fs::read_to_string(drenthe_path()).unwrap();
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/drenthe");
        let text = edit(&original).replace("../../data/drenthe", data.to_str().unwrap());
        let file = sub.join("provincie.toml");
        std::fs::write(&file, text).unwrap();
        std::fs::copy(drenthe_path().with_file_name("reeksen.toml"), sub.join("reeksen.toml")).unwrap();
        load(&file).unwrap_err()
    }

    fn rand_suffix() -> u64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        N.fetch_add(1, Ordering::Relaxed)
    }

    #[test]
    fn a_municipality_in_no_region_names_file_and_field() {
        let e = broken(|t| t.replace("gemeenten = [\"GM0106\", ", "gemeenten = ["));
        let msg = e.to_string();
        assert!(msg.contains("provincie.toml"), "{msg}");
        assert!(msg.contains("GM0106"), "{msg}");
    }

    #[test]
    fn an_unknown_key_names_the_line() {
        let e = broken(|t| t.replace("naam = \"Drenthe\"", "naam = \"Drenthe\"\nkleur = 3"));
        let msg = e.to_string();
        assert!(msg.contains("regel"), "{msg}");
        assert!(msg.contains("kleur"), "{msg}");
    }

    #[test]
    fn an_unknown_price_class_names_the_field() {
        let e = broken(|t| t.replace("voorlopig = [\"betaalbare-koop\"]", "voorlopig = [\"goedkoop\"]"));
        assert!(e.to_string().contains("prijsgrenzen[4].voorlopig[0]"), "{e}");
    }

    #[test]
    fn a_missing_boundary_file_is_named() {
        let e = broken(|t| t.replace("drenthe-regios.geojson", "bestaat-niet.geojson"));
        assert!(e.to_string().contains("bestaat-niet.geojson"), "{e}");
    }

    #[test]
    fn inconsistent_price_limits_name_the_field() {
        let e = broken(|t| t.replace("middenhuur_tot = 1228.07", "middenhuur_tot = 900.00"));
        assert!(e.to_string().contains("prijsgrenzen[4].middenhuur_tot"), "{e}");
    }

    #[test]
    fn a_norm_that_is_no_share_names_the_field() {
        let e = broken(|t| t.replace("minimaal = \"30%\"", "minimaal = \"0,3\""));
        assert!(e.to_string().contains("norm[1].minimaal") && e.to_string().contains("2/3"), "{e}");
    }

    #[test]
    fn the_licence_is_named_with_the_address_of_its_text() {
        let e = broken(|t| t.replace("adres = \"https://creativecommons.org/licenses/by/4.0/deed.nl\"", "adres = \"creativecommons.org\""));
        assert!(e.to_string().contains("licentie.adres"), "{e}");
        let e = broken(|t| t.replace("naam = \"CC BY 4.0\"", "naam = \" \""));
        assert!(e.to_string().contains("licentie.naam"), "{e}");
        let e = broken(|t| t.replace("[licentie]", "[licentie_]"));
        assert!(e.to_string().contains("licentie"), "{e}");
    }

    #[test]
    fn a_security_contact_must_be_reachable_and_its_expiry_a_date() {
        let e = broken(|t| format!("{t}\n[beveiliging]\ncontact = \"security@provincie\"\nverloopt = \"2027-01-01\"\n"));
        assert!(e.to_string().contains("beveiliging.contact"), "{e}");
        let e = broken(|t| format!("{t}\n[beveiliging]\ncontact = \"mailto:security@provincie.example\"\nverloopt = \"volgend jaar\"\n"));
        assert!(e.to_string().contains("beveiliging.verloopt") && e.to_string().contains("JJJJ-MM-DD"), "{e}");
    }

    #[test]
    fn a_contact_must_be_a_link_residents_can_follow() {
        let e = broken(|t| format!("{t}\n[contact]\ntekst = \"Mail ons\"\nadres = \"wonen@provincie\"\n"));
        assert!(e.to_string().contains("contact.adres") && e.to_string().contains("mailto:"), "{e}");
        let e = broken(|t| format!("{t}\n[contact]\ntekst = \" \"\nadres = \"https://example.org/contact\"\n"));
        assert!(e.to_string().contains("contact.tekst"), "{e}");
    }

    #[test]
    fn a_segment_target_must_say_what_it_counts() {
        let e = broken(|t| t.replacen("prijsklassen = [\"sociale-huur\"]\nwoningen = 1041", "woningen = 1041", 1));
        assert!(e.to_string().contains("doel[2].prijsklassen"), "{e}");
    }

    #[test]
    fn drenthe_has_its_norms_targets_and_published_series() {
        let p = load(&drenthe_path()).unwrap().province;
        let norms: Vec<_> = p.norms.iter().map(|n| (n.id.as_str(), n.minimum.to_string())).collect();
        assert_eq!(norms, [("betaalbaar", "twee derde".to_owned()), ("sociale-huur", "30%".to_owned())]);
        let noord = domain::Area::Region("noord".into());
        assert_eq!(p.targets_for(&noord).map(|t| t.homes).collect::<Vec<_>>(), [3790]);
        assert_eq!(p.series.len(), 4);
        assert!(!p.publish_withheld_total);
    }
}
