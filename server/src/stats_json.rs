//! The public JSON of `/api/stats`: an area's figures under Dutch keys, like the GeoJSON's
//! properties, with every per-class figure labelled by its class (`{"sociale-huur": 120, …}`)
//! instead of a bare array. Its own wire type, so the domain's [`AreaStats`] can change without
//! changing what programs read. The README's API section lists the keys.

use domain::segment::CLASS_COUNT;
use domain::stats::{NormCheck, PartStats, TargetProgress};
use domain::{Area, AreaStats, PriceClass};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// An area's figures (`/api/stats[/regio/{id}|/gemeente/{code}]`).
#[derive(Serialize)]
pub struct AreaFigures<'a> {
    /// `{"soort": "provincie"}`, `{"soort": "regio", "id": "noord"}`, `{"soort": "gemeente", "id": "GM0114"}`.
    gebied: &'a Area,
    naam: &'a str,
    projecten: u32,
    /// Homes in the filter's price classes.
    woningen: u64,
    per_prijsklasse: PerClass<'a>,
    /// Homes per status (slug).
    per_status: BTreeMap<&'static str, u64>,
    /// Homes per expected delivery year, per class (plans that fell away left out).
    per_opleverjaar: BTreeMap<u16, PerClass<'a>>,
    zonder_opleverjaar: u64,
    per_regio: BTreeMap<&'a str, u64>,
    per_gemeente: BTreeMap<&'a str, u64>,
    per_woonvorm: PerForm,
    per_ligging: PerSiting,
    /// The developers with the most homes, most first.
    ontwikkelaars: Vec<Developer<'a>>,
    overige_ontwikkelaars: u64,
    /// Homes in projects whose developer is not known yet.
    zonder_ontwikkelaar: u64,
    plancapaciteit: Capacity,
    /// Homes permitted or under construction.
    vergund_of_in_aanbouw: u64,
    normen: Vec<NormJson<'a>>,
    doelen: Vec<TargetJson<'a>>,
    /// The regions of the province, or the municipalities of a region.
    delen: Vec<Part<'a>>,
    /// Homes in non-public plans in the area (unfiltered); `null` unless the province publishes it.
    niet_openbaar_woningen: Option<u64>,
}

impl<'a> AreaFigures<'a> {
    pub fn of(stats: &'a AreaStats) -> Self {
        let s = &stats.summary;
        AreaFigures {
            gebied: &stats.area,
            naam: &stats.name,
            projecten: s.projects,
            woningen: s.homes,
            per_prijsklasse: PerClass(&s.by_class),
            per_status: s.by_status.iter().map(|(status, homes)| (status.slug(), *homes)).collect(),
            per_opleverjaar: s.by_year.iter().map(|(year, by_class)| (*year, PerClass(by_class))).collect(),
            zonder_opleverjaar: s.without_year,
            per_regio: s.by_region.iter().map(|(id, homes)| (id.as_str(), *homes)).collect(),
            per_gemeente: s.by_municipality.iter().map(|(code, homes)| (code.as_str(), *homes)).collect(),
            per_woonvorm: PerForm { eengezins: s.by_form[0], meergezins: s.by_form[1], onbekend: s.by_form[2] },
            per_ligging: PerSiting { inbreiding: s.by_siting[0], uitbreiding: s.by_siting[1] },
            ontwikkelaars: s.top_developers.iter().map(|d| Developer { naam: &d.name, soort: d.kind.slug(), woningen: d.homes }).collect(),
            overige_ontwikkelaars: s.other_developers,
            zonder_ontwikkelaar: s.without_developer,
            plancapaciteit: Capacity { hard: stats.capacity[0], zacht: stats.capacity[1] },
            vergund_of_in_aanbouw: stats.pipeline,
            normen: stats.norms.iter().map(NormJson::of).collect(),
            doelen: stats.targets.iter().map(TargetJson::of).collect(),
            delen: stats.parts.iter().map(Part::of).collect(),
            niet_openbaar_woningen: stats.withheld_homes,
        }
    }
}

/// Homes per price class, as an object with the classes' slugs in their fixed order.
struct PerClass<'a>(&'a [u64; CLASS_COUNT]);

impl Serialize for PerClass<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(CLASS_COUNT))?;
        for class in PriceClass::ALL {
            map.serialize_entry(class.slug(), &self.0[class.index()])?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct PerForm {
    eengezins: u64,
    meergezins: u64,
    onbekend: u64,
}

#[derive(Serialize)]
struct PerSiting {
    inbreiding: u64,
    uitbreiding: u64,
}

#[derive(Serialize)]
struct Capacity {
    hard: u64,
    zacht: u64,
}

#[derive(Serialize)]
struct Developer<'a> {
    naam: &'a str,
    soort: &'static str,
    woningen: u64,
}

#[derive(Serialize)]
struct NormJson<'a> {
    id: &'a str,
    naam: &'a str,
    prijsklassen: Vec<&'static str>,
    /// The minimum share, as configured: `2/3`, `30%`.
    minimaal: String,
    /// Homes in the norm's classes.
    woningen: u64,
    /// Homes with a known price class: what the share is of.
    woningen_bekende_prijsklasse: u64,
    /// `null` when no home has a known class: the norm cannot be tested (niet te toetsen).
    aandeel_procent: Option<f64>,
    voldoet: Option<bool>,
    bron: &'a str,
}

impl<'a> NormJson<'a> {
    fn of(check: &'a NormCheck) -> Self {
        let n = &check.norm;
        let testable = check.known > 0;
        let minimum =
            if n.minimum.denominator == 100 { format!("{}%", n.minimum.numerator) } else { format!("{}/{}", n.minimum.numerator, n.minimum.denominator) };
        NormJson {
            id: &n.id,
            naam: &n.label,
            prijsklassen: n.classes.iter().map(|c| c.slug()).collect(),
            minimaal: minimum,
            woningen: check.homes,
            woningen_bekende_prijsklasse: check.known,
            aandeel_procent: testable.then(|| check.percent()),
            voldoet: testable.then_some(check.met),
            bron: &n.source,
        }
    }
}

#[derive(Serialize)]
struct TargetJson<'a> {
    /// The region the target is for; `null` for the whole province.
    regio: Option<&'a str>,
    soort: &'static str,
    /// The target itself.
    doel_woningen: u32,
    van: u16,
    tot: u16,
    /// The classes the target counts; empty: every home.
    prijsklassen: Vec<&'static str>,
    /// Delivered within the target's years.
    opgeleverd: u64,
    /// Permitted or under construction, expected by the end year.
    vergund_of_in_aanbouw: u64,
    /// Other plans expected by the end year.
    gepland: u64,
    /// Plans without an expected year (not counted above).
    zonder_jaar: u64,
    bron: &'a str,
}

impl<'a> TargetJson<'a> {
    fn of(progress: &'a TargetProgress) -> Self {
        let t = &progress.target;
        TargetJson {
            regio: t.region.as_ref().map(|r| r.as_str()),
            soort: t.kind.slug(),
            doel_woningen: t.homes,
            van: t.from_year,
            tot: t.to_year,
            prijsklassen: t.classes.iter().map(|c| c.slug()).collect(),
            opgeleverd: progress.delivered,
            vergund_of_in_aanbouw: progress.pipeline,
            gepland: progress.planned,
            zonder_jaar: progress.without_year,
            bron: &t.source,
        }
    }
}

#[derive(Serialize)]
struct Part<'a> {
    gebied: &'a Area,
    naam: &'a str,
    projecten: u32,
    woningen: u64,
    per_prijsklasse: PerClass<'a>,
    normen: Vec<NormJson<'a>>,
}

impl<'a> Part<'a> {
    fn of(part: &'a PartStats) -> Self {
        Part {
            gebied: &part.area,
            naam: &part.name,
            projecten: part.projects,
            woningen: part.homes,
            per_prijsklasse: PerClass(&part.by_class),
            normen: part.norms.iter().map(NormJson::of).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::test_support::{project, two_region_province};
    use domain::{Catalog, Filter};

    #[test]
    fn per_class_figures_are_labelled_and_an_untestable_norm_says_so() {
        let catalog = Catalog::new(two_region_province(), [project("a", "GM0001", &[(PriceClass::SocialeHuur, 12), (PriceClass::Onbekend, 3)])], false);
        let stats = AreaStats::of(&catalog, &Filter::default(), &Area::Province);
        let json = serde_json::to_value(AreaFigures::of(&stats)).unwrap();
        assert_eq!(json["gebied"]["soort"], "provincie");
        assert_eq!(json["woningen"], 15);
        assert_eq!(json["per_prijsklasse"]["sociale-huur"], 12);
        assert_eq!(json["per_prijsklasse"]["onbekend"], 3);
        assert_eq!(json["per_prijsklasse"].as_object().unwrap().len(), CLASS_COUNT);
        assert_eq!(json["delen"][0]["gebied"]["id"], "west");

        let none_known = Catalog::new(two_region_province(), [project("b", "GM0001", &[(PriceClass::Onbekend, 3)])], false);
        let stats = AreaStats::of(&none_known, &Filter::default(), &Area::Province);
        let json = serde_json::to_value(AreaFigures::of(&stats)).unwrap();
        let norm = &json["normen"][0];
        assert!(norm["voldoet"].is_null() && norm["aandeel_procent"].is_null(), "{norm}");
    }
}
