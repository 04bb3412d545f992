//! Reads a province's configuration: `provincie.toml` and the boundary and place files it names.
//!
//! The files' shapes (`*Record`) stay in this module; the rest of the server sees the domain's
//! [`Province`]. Every error names the file and the field.

use crate::error::{Error, Result};
use domain::province::{Cents, TargetKind};
use domain::{Area, Municipality, MunicipalityCode, Norm, PriceClass, PriceLimits, Province, Ratio, Region, RegionId, Target};
use geo::{BoundingRect, MultiPolygon};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvinceRecord {
    code: String,
    naam: String,
    attributie: String,
    bestanden: FilesRecord,
    regio: Vec<RegionRecord>,
    #[serde(default)]
    prijsgrenzen: Vec<PriceLimitsRecord>,
    #[serde(default)]
    doel: Vec<TargetRecord>,
    #[serde(default)]
    norm: Vec<NormRecord>,
    /// Publish one labelled total of the homes in non-public plans.
    #[serde(default)]
    niet_openbaar_totaal_publiceren: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NormRecord {
    id: String,
    naam: String,
    prijsklassen: Vec<String>,
    /// "2/3" or "30%".
    minimaal: String,
    bron: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilesRecord {
    gemeenten: PathBuf,
    gemeente_code: String,
    gemeente_naam: String,
    regios: PathBuf,
    provincie: PathBuf,
    kernen: PathBuf,
    /// Figures the province publishes itself (optional).
    reeksen: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionRecord {
    id: String,
    naam: String,
    /// The feature id in the regions file.
    grens: String,
    gemeenten: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PriceLimitsRecord {
    jaar: u16,
    sociale_huur_tot: Option<f64>,
    middenhuur_tot: Option<f64>,
    betaalbare_koop_tot: Option<f64>,
    #[serde(default)]
    voorlopig: Vec<String>,
    bron: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetRecord {
    regio: Option<String>,
    soort: String,
    woningen: u32,
    van: u16,
    tot: u16,
    #[serde(default)]
    prijsklassen: Vec<String>,
    bron: String,
}

/// A place (kern) from the gazetteer.
#[derive(Debug, Clone, Deserialize)]
pub struct Place {
    pub name: String,
    pub municipality_code: MunicipalityCode,
    pub lon: f64,
    pub lat: f64,
    pub population: Option<u32>,
}

/// A province with the geometry the server needs beside the domain configuration.
#[derive(Debug, Clone)]
pub struct LoadedProvince {
    pub province: Province,
    /// Municipality outlines by code, for placing and checking locations.
    pub shapes: HashMap<MunicipalityCode, MultiPolygon<f64>>,
    /// Region outlines by id, for drawing the map.
    pub region_shapes: HashMap<RegionId, MultiPolygon<f64>>,
    pub places: Vec<Place>,
    /// The boundary files as they are, to send to the map.
    pub municipality_boundaries: Vec<u8>,
    pub region_boundaries: Vec<u8>,
    pub province_boundary: Vec<u8>,
    /// One area's outline as a FeatureCollection of one feature, for an embed that shows only
    /// that municipality or region.
    pub area_boundaries: HashMap<Area, Vec<u8>>,
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

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::config(path, "(bestand)", format!("kan niet gelezen worden: {e}")))
}

/// Loads and validates a province. Any problem stops with an error that names file and field.
pub fn load(path: &Path) -> Result<LoadedProvince> {
    let text = String::from_utf8(read(path)?).map_err(|_| Error::config(path, "(bestand)", "is geen UTF-8"))?;
    let record: ProvinceRecord = toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let files = &record.bestanden;

    // Municipalities: codes and names from the boundary file, regions from the configuration.
    let gm_path = dir.join(&files.gemeenten);
    let municipality_boundaries = read(&gm_path)?;
    let collection = feature_collection(&gm_path, &municipality_boundaries)?;
    let region_of: HashMap<&str, &str> = record.regio.iter().flat_map(|r| r.gemeenten.iter().map(move |g| (g.as_str(), r.id.as_str()))).collect();
    let mut municipalities = Vec::new();
    let mut shapes = HashMap::new();
    let mut area_boundaries = HashMap::new();
    for (i, feature) in collection.features.iter().enumerate() {
        let text_property = |key: &str| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .ok_or_else(|| Error::config(&gm_path, format!("features[{i}].properties.{key}"), "ontbreekt of is geen tekst"))
        };
        let code = text_property(&files.gemeente_code)?;
        let name = text_property(&files.gemeente_naam)?;
        let geometry = feature.geometry.as_ref().ok_or_else(|| Error::config(&gm_path, format!("features[{i}].geometry"), "ontbreekt"))?;
        let shape = polygons(&geometry.value).ok_or_else(|| Error::config(&gm_path, format!("features[{i}].geometry"), "moet een (Multi)Polygon zijn"))?;
        let region = region_of.get(code.as_str()).ok_or_else(|| {
            Error::config(path, "regio[].gemeenten", format!("gemeente {code} ({name}) uit {} hoort bij geen enkele regio", files.gemeenten.display()))
        })?;
        shapes.insert(MunicipalityCode::new(code.clone()), shape);
        area_boundaries.insert(Area::Municipality(MunicipalityCode::new(code.clone())), one_feature(feature));
        municipalities.push(Municipality { code: MunicipalityCode::new(code), name, region: (*region).into() });
    }
    municipalities.sort_by(|a, b| a.name.cmp(&b.name));

    // Regions: check that each names a feature in the regions file.
    let rg_path = dir.join(&files.regios);
    let region_boundaries = read(&rg_path)?;
    let region_collection = feature_collection(&rg_path, &region_boundaries)?;
    let mut region_shapes = HashMap::new();
    for (i, r) in record.regio.iter().enumerate() {
        let found = region_collection.features.iter().enumerate().find(|(_, f)| match &f.id {
            Some(geojson::feature::Id::String(s)) => s == &r.grens,
            _ => false,
        });
        let Some((j, feature)) = found else {
            return Err(Error::config(path, format!("regio[{i}].grens"), format!("'{}' is geen feature-id in {}", r.grens, files.regios.display())));
        };
        let shape = feature
            .geometry
            .as_ref()
            .and_then(|g| polygons(&g.value))
            .ok_or_else(|| Error::config(&rg_path, format!("features[{j}].geometry"), "ontbreekt of is geen (Multi)Polygon"))?;
        region_shapes.insert(RegionId::from(r.id.as_str()), shape);
        area_boundaries.insert(Area::Region(r.id.as_str().into()), one_feature(feature));
    }
    let regions = record
        .regio
        .iter()
        .map(|r| Region { id: r.id.as_str().into(), name: r.naam.clone(), municipalities: r.gemeenten.iter().map(|g| g.as_str().into()).collect() })
        .collect();

    let pv_path = dir.join(&files.provincie);
    let province_boundary = read(&pv_path)?;
    let outline = feature_collection(&pv_path, &province_boundary)?;
    let bounds = outline
        .features
        .iter()
        .filter_map(|f| f.geometry.as_ref())
        .filter_map(|g| geo::Geometry::<f64>::try_from(&g.value).ok())
        .filter_map(|g| g.bounding_rect())
        .reduce(|a, b| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        })
        .ok_or_else(|| Error::config(&pv_path, "features", "bevat geen geometrie"))?;

    let mut price_limits = Vec::new();
    for (i, l) in record.prijsgrenzen.iter().enumerate() {
        let cents = |field: &str, v: Option<f64>| -> Result<Option<Cents>> {
            match v {
                None => Ok(None),
                Some(x) if x.is_finite() && x > 0.0 => Ok(Some((x * 100.0).round() as Cents)),
                Some(x) => Err(Error::config(path, format!("prijsgrenzen[{i}].{field}"), format!("{x} is geen positief bedrag"))),
            }
        };
        let provisional = l
            .voorlopig
            .iter()
            .enumerate()
            .map(|(j, s)| {
                PriceClass::from_slug(s).ok_or_else(|| {
                    Error::config(
                        path,
                        format!("prijsgrenzen[{i}].voorlopig[{j}]"),
                        format!("onbekende prijsklasse '{s}' (toegestaan: {})", PriceClass::slugs()),
                    )
                })
            })
            .collect::<Result<_>>()?;
        price_limits.push(PriceLimits {
            year: l.jaar,
            sociale_huur_max: cents("sociale_huur_tot", l.sociale_huur_tot)?,
            middenhuur_max: cents("middenhuur_tot", l.middenhuur_tot)?,
            betaalbare_koop_max: cents("betaalbare_koop_tot", l.betaalbare_koop_tot)?,
            provisional,
            source: l.bron.clone(),
        });
    }

    let targets = record
        .doel
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let kind = TargetKind::from_slug(&t.soort).ok_or_else(|| {
                Error::config(path, format!("doel[{i}].soort"), format!("onbekende soort '{}' (toegestaan: {})", t.soort, TargetKind::slugs()))
            })?;
            Ok(Target {
                region: t.regio.as_deref().map(Into::into),
                kind,
                homes: t.woningen,
                from_year: t.van,
                to_year: t.tot,
                classes: price_classes(path, &format!("doel[{i}].prijsklassen"), &t.prijsklassen)?,
                source: t.bron.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let norms = record
        .norm
        .iter()
        .enumerate()
        .map(|(i, n)| {
            Ok(Norm {
                id: n.id.clone(),
                label: n.naam.clone(),
                classes: price_classes(path, &format!("norm[{i}].prijsklassen"), &n.prijsklassen)?,
                minimum: Ratio::parse(&n.minimaal).map_err(|e| Error::config(path, format!("norm[{i}].minimaal"), e))?,
                source: n.bron.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let mut province = Province {
        code: record.code,
        name: record.naam,
        regions,
        municipalities,
        price_limits,
        targets,
        norms,
        series: Vec::new(),
        publish_withheld_total: record.niet_openbaar_totaal_publiceren,
        attribution: record.attributie,
        bounds: [bounds.min().x, bounds.min().y, bounds.max().x, bounds.max().y],
    };
    if let Some(series_file) = &files.reeksen {
        province.series = crate::series::load(&dir.join(series_file), &province)?;
    }
    if let Err(errors) = province.validate() {
        let e = &errors[0];
        let more = if errors.len() > 1 { format!(" (en nog {} fout(en))", errors.len() - 1) } else { String::new() };
        return Err(Error::config(path, english_to_file_field(&e.field), format!("{}{more}", e.message)));
    }

    let kernen_path = dir.join(&files.kernen);
    let places = load_places(&kernen_path, &province)?;

    Ok(LoadedProvince { province, shapes, region_shapes, places, municipality_boundaries, region_boundaries, province_boundary, area_boundaries })
}

/// A GeoJSON (Multi)Polygon as one shape; `None` for any other geometry.
fn polygons(value: &geojson::Value) -> Option<MultiPolygon<f64>> {
    match geo::Geometry::<f64>::try_from(value) {
        Ok(geo::Geometry::Polygon(p)) => Some(MultiPolygon(vec![p])),
        Ok(geo::Geometry::MultiPolygon(mp)) => Some(mp),
        _ => None,
    }
}

/// A FeatureCollection holding only `feature`, as GeoJSON bytes.
fn one_feature(feature: &geojson::Feature) -> Vec<u8> {
    let collection = geojson::FeatureCollection { bbox: None, features: vec![feature.clone()], foreign_members: None };
    collection.to_string().into_bytes()
}

fn price_classes(path: &Path, field: &str, slugs: &[String]) -> Result<Vec<PriceClass>> {
    slugs
        .iter()
        .enumerate()
        .map(|(j, s)| {
            PriceClass::from_slug(s)
                .ok_or_else(|| Error::config(path, format!("{field}[{j}]"), format!("onbekende prijsklasse '{s}' (toegestaan: {})", PriceClass::slugs())))
        })
        .collect()
}

/// A TOML error as "file: regel N: message".
pub fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let field = e.span().map_or_else(|| "(bestand)".to_owned(), |span| format!("regel {}", text[..span.start].lines().count().max(1)));
    Error::config(path, field, e.message().to_owned())
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

fn feature_collection(path: &Path, bytes: &[u8]) -> Result<geojson::FeatureCollection> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error::config(path, "(bestand)", "is geen UTF-8"))?;
    text.parse::<geojson::FeatureCollection>().map_err(|e| Error::config(path, "(GeoJSON)", e.to_string()))
}

fn load_places(path: &Path, province: &Province) -> Result<Vec<Place>> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| Error::config(path, "(bestand)", e.to_string()))?;
    let mut places = Vec::new();
    for (i, row) in reader.deserialize::<Place>().enumerate() {
        let line = i + 2;
        let place = row.map_err(|e| Error::config(path, format!("regel {line}"), e.to_string()))?;
        if province.municipality(&place.municipality_code).is_none() {
            return Err(Error::config(path, format!("regel {line}, municipality_code"), format!("onbekende gemeente '{}'", place.municipality_code)));
        }
        places.push(place);
    }
    Ok(places)
}

#[cfg(test)]
mod tests {
    use super::*;

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
