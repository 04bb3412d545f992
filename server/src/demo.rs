//! The demo dataset: a deterministic (seeded) generator.
//!
//! It makes the real projects named in the province's reports, with their real figures, placed
//! at their village (location: indicative), and fills up with invented example projects, named
//! "Voorbeeldplan …", placed inside the right municipality, so that the public projects' homes per
//! region per delivery year equal the published plan-capacity table and the delivered homes per
//! year. Every number comes from `demo.toml`; the same seed always gives the same projects.
//! `scale` multiplies the tables, for benchmark datasets of 10k and 100k projects.

use crate::config::{LoadedProvince, Place};
use crate::error::{Error, Result};
use domain::*;
use geo::Contains;
use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoRecord {
    zaad: u64,
    peiljaar: u16,
    bijgewerkt_jaar: u16,
    vertrouwelijk_aandeel: f64,
    inbreiding_aandeel: f64,
    plancapaciteit: BTreeMap<String, BTreeMap<String, u32>>,
    opgeleverd: BTreeMap<String, BTreeMap<String, u32>>,
    mix: BTreeMap<String, BTreeMap<String, f64>>,
    eengezins: BTreeMap<String, f64>,
    ontwikkelaar_per_klasse: BTreeMap<String, BTreeMap<String, f64>>,
    ontwikkelaars: DevelopersRecord,
    status_per_jaar: BTreeMap<String, BTreeMap<String, f64>>,
    #[serde(default)]
    project: Vec<RealProjectRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DevelopersRecord {
    corporatie: Vec<String>,
    marktpartij: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RealProjectRecord {
    id: String,
    naam: String,
    gemeente: String,
    kern: String,
    status: String,
    oplevering: Option<u16>,
    woningen: BTreeMap<String, u32>,
    eengezins: Option<u32>,
    meergezins: Option<u32>,
    ontwikkelaar: DeveloperRecord,
    #[serde(default)]
    doelgroepen: Vec<String>,
    plantype: String,
    beschrijving: String,
    bron: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeveloperRecord {
    naam: String,
    soort: String,
}

/// Reads `demo.toml`; errors name the file and the line.
pub fn load(path: &Path) -> Result<DemoRecord> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::config(path, "(bestand)", format!("kan niet gelezen worden: {e}")))?;
    toml::from_str(&text).map_err(|e| Error::toml(path, &text, &e))
}

fn slug<T>(path: &Path, field: String, value: &str, parse: fn(&str) -> Option<T>, allowed: fn() -> String) -> Result<T> {
    parse(value).ok_or_else(|| Error::config(path, field, format!("onbekende waarde '{value}' (toegestaan: {})", allowed())))
}

fn weighted<T: Copy>(
    path: &Path,
    field: &str,
    table: &BTreeMap<String, f64>,
    parse: fn(&str) -> Option<T>,
    allowed: fn() -> String,
) -> Result<(Vec<T>, WeightedIndex<f64>)> {
    let mut values = Vec::new();
    let mut weights = Vec::new();
    for (k, w) in table {
        values.push(slug(path, format!("{field}.{k}"), k, parse, allowed)?);
        weights.push(*w);
    }
    let index = WeightedIndex::new(&weights).map_err(|e| Error::config(path, field, format!("ongeldige gewichten: {e}")))?;
    Ok((values, index))
}

/// Everything the generator draws from, checked against the province.
struct Tables<'a> {
    province: &'a LoadedProvince,
    mix: BTreeMap<RegionId, (Vec<PriceClass>, WeightedIndex<f64>)>,
    single_family: BTreeMap<RegionId, f64>,
    kind_by_class: BTreeMap<PriceClass, (Vec<DeveloperKind>, WeightedIndex<f64>)>,
    status_by_offset: BTreeMap<u16, (Vec<Status>, WeightedIndex<f64>)>,
    municipality_weights: BTreeMap<RegionId, (Vec<MunicipalityCode>, WeightedIndex<f64>)>,
}

/// Places without a population in the gazetteer count as this many residents when choosing
/// where an example project goes, so small villages still get some.
const UNKNOWN_POPULATION_WEIGHT: f64 = 50.0;

fn place_weight(p: &Place) -> f64 {
    p.population.map_or(UNKNOWN_POPULATION_WEIGHT, |n| f64::from(n).max(UNKNOWN_POPULATION_WEIGHT))
}

/// Generates the demo dataset (public and non-public projects).
pub fn generate(province: &LoadedProvince, demo: &DemoRecord, path: &Path, scale: f64) -> Result<Vec<Project>> {
    let p = &province.province;
    let region_id = |field: String, id: &str| -> Result<RegionId> {
        p.region(&id.into()).map(|r| r.id.clone()).ok_or_else(|| Error::config(path, field, format!("onbekende regio '{id}'")))
    };
    let mut tables = Tables {
        province,
        mix: BTreeMap::new(),
        single_family: BTreeMap::new(),
        kind_by_class: BTreeMap::new(),
        status_by_offset: BTreeMap::new(),
        municipality_weights: BTreeMap::new(),
    };
    for (region, table) in &demo.mix {
        let id = region_id(format!("mix.{region}"), region)?;
        tables.mix.insert(id, weighted(path, &format!("mix.{region}"), table, PriceClass::from_slug, PriceClass::slugs)?);
    }
    for (region, share) in &demo.eengezins {
        tables.single_family.insert(region_id(format!("eengezins.{region}"), region)?, *share);
    }
    for (class, table) in &demo.ontwikkelaar_per_klasse {
        let c = slug(path, format!("ontwikkelaar_per_klasse.{class}"), class, PriceClass::from_slug, PriceClass::slugs)?;
        tables.kind_by_class.insert(c, weighted(path, &format!("ontwikkelaar_per_klasse.{class}"), table, DeveloperKind::from_slug, DeveloperKind::slugs)?);
    }
    for (offset, table) in &demo.status_per_jaar {
        let field = format!("status_per_jaar.{offset}");
        let years = offset.parse::<u16>().map_err(|_| Error::config(path, &field, "verwacht een aantal jaren na het peiljaar"))?;
        tables.status_by_offset.insert(years, weighted(path, &format!("status_per_jaar.{offset}"), table, Status::from_slug, Status::slugs)?);
    }
    if tables.status_by_offset.is_empty() {
        return Err(Error::config(path, "status_per_jaar", "ontbreekt"));
    }
    for region in &p.regions {
        for (field, present) in [("mix", tables.mix.contains_key(&region.id)), ("eengezins", tables.single_family.contains_key(&region.id))] {
            if !present {
                return Err(Error::config(path, format!("{field}.{}", region.id), "ontbreekt voor deze regio"));
            }
        }
        let weights: Vec<f64> = region.municipalities.iter().map(|m| province.places_in(m).map(place_weight).sum::<f64>().max(1.0)).collect();
        let index = WeightedIndex::new(&weights).map_err(|e| Error::config(path, "kernen", e.to_string()))?;
        tables.municipality_weights.insert(region.id.clone(), (region.municipalities.clone(), index));
    }

    let mut rng = ChaCha8Rng::seed_from_u64(demo.zaad);
    let mut projects = real_projects(province, demo, path)?;
    let mut generator = Generator { tables: &tables, demo, rng: &mut rng, per_place: BTreeMap::new(), next_id: 1 };

    for (kind, table, status) in [("plancapaciteit", &demo.plancapaciteit, None), ("opgeleverd", &demo.opgeleverd, Some(Status::Opgeleverd))] {
        for (region, years) in table {
            let id = region_id(format!("{kind}.{region}"), region)?;
            for (year, &homes) in years {
                let year: u16 = year.parse().map_err(|_| Error::config(path, format!("{kind}.{region}.{year}"), "is geen jaartal"))?;
                let real: u32 = projects
                    .iter()
                    .filter(|pr| pr.is_public() && pr.delivery_year == Some(year) && p.region_of(&pr.municipality).is_some_and(|r| r.id == id))
                    .map(Project::total_homes)
                    .sum();
                let target = (f64::from(homes) * scale).round() as u32;
                let mut left = target.saturating_sub(real);
                while left > 0 {
                    let size = generator.size().min(left);
                    // Never leave a remainder too small for a project of its own.
                    let size = if left - size < 2 { left } else { size };
                    let status = status.unwrap_or_else(|| generator.status(year));
                    projects.push(generator.project(&id, year, size, status, Confidentiality::Openbaar)?);
                    left -= size;
                }
            }
        }
    }

    // Non-public plans: extra, never counted in public figures, never leave the server.
    let generated = projects.iter().filter(|p| p.example).count();
    let hidden = (generated as f64 * demo.vertrouwelijk_aandeel).round() as usize;
    let regions: Vec<RegionId> = p.regions.iter().map(|r| r.id.clone()).collect();
    for i in 0..hidden {
        let region = &regions[i % regions.len()];
        let year = demo.peiljaar + generator.rng.random_range(0..5);
        let size = generator.size();
        let status = generator.status(year);
        let level = if i % 2 == 0 { Confidentiality::Gemeente } else { Confidentiality::Provincie };
        projects.push(generator.project(region, year, size, status, level)?);
    }
    Ok(projects)
}

fn real_projects(province: &LoadedProvince, demo: &DemoRecord, path: &Path) -> Result<Vec<Project>> {
    let mut out = Vec::new();
    for (i, r) in demo.project.iter().enumerate() {
        let field = |f: &str| format!("project[{i}].{f}");
        let code = MunicipalityCode::new(r.gemeente.clone());
        if province.province.municipality(&code).is_none() {
            return Err(Error::config(path, field("gemeente"), format!("onbekende gemeente '{}'", r.gemeente)));
        }
        let place = province
            .place(&code, &r.kern)
            .ok_or_else(|| Error::config(path, field("kern"), format!("kern '{}' staat niet in de kernenlijst van {}", r.kern, r.gemeente)))?;
        let mut homes = SegmentCounts::default();
        for (class, n) in &r.woningen {
            homes.set(slug(path, field(&format!("woningen.{class}")), class, PriceClass::from_slug, PriceClass::slugs)?, *n);
        }
        if homes.total() == 0 {
            return Err(Error::config(path, field("woningen"), "geen enkele woning"));
        }
        let target_groups = r
            .doelgroepen
            .iter()
            .enumerate()
            .map(|(j, g)| slug(path, field(&format!("doelgroepen[{j}]")), g, TargetGroup::from_slug, TargetGroup::slugs))
            .collect::<Result<_>>()?;
        let status = slug(path, field("status"), &r.status, Status::from_slug, Status::slugs)?;
        out.push(Project {
            // Stored as a delivery of its municipality would store it (`GM1730-…`), so the
            // site's export of it can be delivered back as the same project.
            id: domain::import::namespaced_id(&code, &r.id),
            name: r.naam.clone(),
            municipality: code,
            place: place.name.clone(),
            address: None,
            location: Location { point: LonLat::lon_lat(place.lon, place.lat), area: None, precision: Precision::Indicative },
            homes,
            forms: FormCounts { eengezins: r.eengezins.unwrap_or(0), meergezins: r.meergezins.unwrap_or(0) },
            plan_type: slug(path, field("plantype"), &r.plantype, PlanType::from_slug, PlanType::slugs)?,
            target_groups,
            developer: Developer {
                name: r.ontwikkelaar.naam.clone(),
                kind: slug(path, field("ontwikkelaar.soort"), &r.ontwikkelaar.soort, DeveloperKind::from_slug, DeveloperKind::slugs)?,
            },
            status,
            start_year: None,
            delivery_year: r.oplevering,
            description: format!("{} Bron: {}.", r.beschrijving, r.bron),
            link: None,
            // The reports give the year of their figures; a date is what a delivery carries
            // (and what the site's own export must carry to be delivered back).
            last_updated: format!("{}-01-01", demo.bijgewerkt_jaar),
            confidentiality: Confidentiality::Openbaar,
            example: false,
        });
    }
    Ok(out)
}

struct Generator<'a, 'r> {
    tables: &'a Tables<'a>,
    demo: &'a DemoRecord,
    rng: &'r mut ChaCha8Rng,
    per_place: BTreeMap<String, u32>,
    next_id: u32,
}

impl Generator<'_, '_> {
    /// Small plans are common, large ones rare.
    fn size(&mut self) -> u32 {
        match self.rng.random_range(0..100) {
            0..45 => self.rng.random_range(2..=12),
            45..85 => self.rng.random_range(13..=40),
            _ => self.rng.random_range(41..=120),
        }
    }

    fn status(&mut self, year: u16) -> Status {
        let offset = year.saturating_sub(self.demo.peiljaar);
        let (values, index) = self
            .tables
            .status_by_offset
            .range(..=offset)
            .next_back()
            .or_else(|| self.tables.status_by_offset.iter().next())
            .map(|(_, v)| v)
            .expect("status_per_jaar is checked to be non-empty when loading");
        values[index.sample(self.rng)]
    }

    fn project(&mut self, region: &RegionId, year: u16, size: u32, status: Status, confidentiality: Confidentiality) -> Result<Project> {
        let t = self.tables;
        let (codes, index) = &t.municipality_weights[region];
        let code = codes[index.sample(self.rng)].clone();
        let places: Vec<&Place> = t.province.places_in(&code).collect();
        let place = match places.as_slice() {
            [] => return Err(Error::config("kernen", code.as_str(), "gemeente heeft geen kernen")),
            list => {
                let weights: Vec<f64> = list.iter().map(|p| place_weight(p)).collect();
                let w = WeightedIndex::new(&weights).map_err(|e| Error::Internal(e.to_string()))?;
                list[w.sample(self.rng)]
            }
        };

        // Price classes: a main class from the region's mix, sometimes a second one.
        let (classes, mix) = &t.mix[region];
        let main = classes[mix.sample(self.rng)];
        let mut homes = SegmentCounts::default();
        homes.set(main, size);
        if size >= 6 && self.rng.random_bool(0.3) {
            let other = classes[mix.sample(self.rng)];
            if other != main {
                let part = (f64::from(size) * self.rng.random_range(0.2..0.5)).round() as u32;
                homes.set(main, size - part);
                homes.set(other, part);
            }
        }

        let kind = match t.kind_by_class.get(&main) {
            Some((kinds, w)) => kinds[w.sample(self.rng)],
            None => DeveloperKind::Marktpartij,
        };
        let developer = match kind {
            DeveloperKind::Corporatie => pick(self.rng, &self.demo.ontwikkelaars.corporatie),
            DeveloperKind::Marktpartij | DeveloperKind::Onbekend => pick(self.rng, &self.demo.ontwikkelaars.marktpartij),
            DeveloperKind::Gemeente => format!("Gemeente {} (kavels)", t.province.province.municipality_name(&code)),
            DeveloperKind::Cpo => format!("CPO-groep {} (voorbeeld)", place.name),
        };

        let single = t.single_family[region];
        let forms = if size >= 20 && self.rng.random_bool(0.25) {
            let eg = (f64::from(size) * single).round() as u32;
            FormCounts { eengezins: eg, meergezins: size - eg }
        } else if self.rng.random_bool(single) {
            FormCounts { eengezins: size, meergezins: 0 }
        } else {
            FormCounts { eengezins: 0, meergezins: size }
        };

        let plan_type = if self.rng.random_bool(self.demo.inbreiding_aandeel) {
            [PlanType::Verdichting, PlanType::Verdichting, PlanType::Herstructurering, PlanType::Pandtransformatie, PlanType::Transformatiegebied]
                [self.rng.random_range(0..5)]
        } else if size >= 40 {
            PlanType::UitbreidingGroot
        } else {
            PlanType::UitbreidingKlein
        };

        let mut target_groups = Vec::new();
        if kind == DeveloperKind::Cpo {
            target_groups.push(TargetGroup::Cpo);
        }
        if main == PriceClass::BetaalbareKoop && self.rng.random_bool(0.3) {
            target_groups.push(TargetGroup::Starters);
        }
        if forms.meergezins > 0 && self.rng.random_bool(0.15) {
            target_groups.push(TargetGroup::Senioren);
        }
        if main == PriceClass::SocialeHuur && self.rng.random_bool(0.05) {
            target_groups.push(TargetGroup::Flexwonen);
        }

        let shape = &t.province.shapes[&code];
        let point = self.spot(place, shape);
        // Only an area that lies wholly in the municipality: a delivery is refused for one
        // that crosses the province's border, and the site's export must import as itself.
        let area =
            (size >= 40).then(|| plan_area(point, size)).filter(|rings| rings.iter().flatten().all(|c| shape.contains(&geo::point! { x: c.lon, y: c.lat })));

        let n = self.per_place.entry(place.name.clone()).or_insert(0);
        *n += 1;
        let name = format!("Voorbeeldplan {} {}", place.name, n);
        let id = domain::import::namespaced_id(&code, &format!("voorbeeld-{:05}", self.next_id));
        self.next_id += 1;
        let classes_text: Vec<String> = homes.iter().filter(|(_, n)| *n > 0).map(|(c, n)| format!("{n} {}", c.label().to_lowercase())).collect();
        Ok(Project {
            id,
            name,
            municipality: code,
            place: place.name.clone(),
            address: None,
            location: Location { point, area, precision: Precision::Exact },
            homes,
            forms,
            plan_type,
            target_groups,
            developer: Developer { name: developer, kind },
            status,
            start_year: Some(year - self.rng.random_range(1..=2)),
            delivery_year: Some(year),
            description: format!("Verzonnen voorbeeldproject uit de demodataset, geen echt plan: {} woningen ({}).", size, classes_text.join(", ")),
            link: None,
            last_updated: format!("{}-{:02}-{:02}", self.demo.bijgewerkt_jaar, self.rng.random_range(1..=10), self.rng.random_range(1..=28)),
            confidentiality,
            example: true,
        })
    }

    /// A spot within about a kilometre of the village centre, inside the municipality.
    fn spot(&mut self, place: &Place, shape: &geo::MultiPolygon<f64>) -> LonLat {
        for _ in 0..20 {
            let lon = place.lon + self.rng.random_range(-0.015..0.015);
            let lat = place.lat + self.rng.random_range(-0.009..0.009);
            if shape.contains(&geo::point! { x: lon, y: lat }) {
                return LonLat::lon_lat(round5(lon), round5(lat));
            }
        }
        LonLat::lon_lat(place.lon, place.lat)
    }
}

fn pick(rng: &mut ChaCha8Rng, names: &[String]) -> String {
    names[rng.random_range(0..names.len())].clone()
}

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

/// A rectangular plan area around `at`, larger for more homes (about 30 homes per hectare).
fn plan_area(at: LonLat, homes: u32) -> Vec<Vec<LonLat>> {
    let side_m = (f64::from(homes) / 30.0 * 10_000.0).sqrt();
    let half_lat = side_m / 2.0 / 111_320.0;
    let half_lon = side_m / 2.0 / (111_320.0 * at.lat.to_radians().cos());
    let (w, e, s, n) = (at.lon - half_lon, at.lon + half_lon, at.lat - half_lat, at.lat + half_lat);
    // Counter-clockwise, closed (RFC 7946).
    vec![[(w, s), (e, s), (e, n), (w, n), (w, s)].iter().map(|(x, y)| LonLat::lon_lat(round5(*x), round5(*y))).collect()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;

    fn drenthe() -> (LoadedProvince, DemoRecord, std::path::PathBuf) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/drenthe");
        let province = config::load(&dir.join("provincie.toml")).unwrap();
        let demo_path = dir.join("demo.toml");
        let demo = load(&demo_path).unwrap();
        (province, demo, demo_path)
    }

    #[test]
    fn public_homes_per_region_and_year_equal_the_plan_capacity_table() {
        let (province, demo, path) = drenthe();
        let projects = generate(&province, &demo, &path, 1.0).unwrap();
        let catalog = Catalog::new(province.province.clone(), projects, true);
        let filter = Filter::default();
        let selected = catalog.select(&filter);
        let mut total_2026_2030 = 0;
        for (region, years) in &demo.plancapaciteit {
            for (year, homes) in years {
                let year: u16 = year.parse().unwrap();
                let got: u32 = selected
                    .iter()
                    .filter(|s| s.project.delivery_year == Some(year))
                    .filter(|s| catalog.province().region_of(&s.project.municipality).unwrap().id.as_str() == region)
                    .map(|s| s.homes)
                    .sum();
                assert_eq!(got, *homes, "{region} {year}");
                total_2026_2030 += got;
            }
        }
        assert_eq!(total_2026_2030, 15_414);
    }

    #[test]
    fn the_same_seed_gives_the_same_dataset() {
        let (province, demo, path) = drenthe();
        let a = generate(&province, &demo, &path, 1.0).unwrap();
        let b = generate(&province, &demo, &path, 1.0).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn examples_are_named_as_such_and_placed_inside_their_municipality() {
        let (province, demo, path) = drenthe();
        for p in generate(&province, &demo, &path, 1.0).unwrap() {
            let shape = &province.shapes[&p.municipality];
            let at = geo::point! { x: p.location.point.lon, y: p.location.point.lat };
            if p.example {
                assert!(p.name.starts_with("Voorbeeldplan "), "{}", p.name);
                assert!(shape.contains(&at) || province.places.iter().any(|pl| pl.lon == at.x() && pl.lat == at.y()), "{} outside {}", p.name, p.municipality);
            } else {
                assert_eq!(p.location.precision, Precision::Indicative, "{}", p.name);
            }
        }
    }

    #[test]
    fn the_real_projects_keep_their_figures() {
        let (province, demo, path) = drenthe();
        let projects = generate(&province, &demo, &path, 1.0).unwrap();
        let haven = projects.iter().find(|p| p.id.as_str() == "GM1731-beilen-havengebied").unwrap();
        assert_eq!(haven.homes.get(PriceClass::SocialeHuur), 43);
        assert_eq!(haven.homes.get(PriceClass::BetaalbareKoop), 12);
        assert_eq!(haven.status, Status::InAanbouw);
        assert_eq!(haven.place, "Beilen");
    }

    #[test]
    fn some_plans_are_not_public() {
        let (province, demo, path) = drenthe();
        let projects = generate(&province, &demo, &path, 1.0).unwrap();
        assert!(projects.iter().any(|p| p.confidentiality == Confidentiality::Gemeente));
        assert!(projects.iter().any(|p| p.confidentiality == Confidentiality::Provincie));
    }

    #[test]
    fn scale_multiplies_the_dataset() {
        let (province, demo, path) = drenthe();
        let one = generate(&province, &demo, &path, 1.0).unwrap().len();
        let ten = generate(&province, &demo, &path, 10.0).unwrap().len();
        assert!(ten > 8 * one, "{one} vs {ten}");
    }
}
