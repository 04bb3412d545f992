//! A province as configuration data: its regions, municipalities, price limits and targets.
//!
//! Nothing in the code names a province; another province runs the same product with its own
//! configuration files. The server reads the files and calls [`Province::validate`]; any error
//! names the field, and the server adds the file.

use crate::ids::{MunicipalityCode, RegionId};
use crate::segment::PriceClass;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// An amount in euro cents, so limits such as €932.93 are exact.
pub type Cents = u64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Province {
    /// CBS code, such as `PV22`.
    pub code: String,
    pub name: String,
    /// In display order.
    pub regions: Vec<Region>,
    /// Sorted by name.
    pub municipalities: Vec<Municipality>,
    /// Sorted by year.
    pub price_limits: Vec<PriceLimits>,
    pub targets: Vec<Target>,
    /// The shares of new homes the province holds each region to, such as "at least 30%
    /// sociale huur".
    #[serde(default)]
    pub norms: Vec<Norm>,
    /// Figures the province publishes itself (delivered homes, permits, …), shown beside the
    /// figures derived from projects and never mixed with them.
    #[serde(default)]
    pub series: Vec<PublishedSeries>,
    /// Whether the public figures may include one labelled total of the homes in non-public
    /// plans (never the plans themselves).
    #[serde(default)]
    pub publish_withheld_total: bool,
    /// The attribution line the map must always show for the boundary and place data.
    pub attribution: String,
    /// The licence of the project data the province publishes.
    #[serde(default)]
    pub licence: Licence,
    /// [west, south, east, north] in WGS84 degrees, from the boundary files.
    pub bounds: [f64; 4],
}

/// The licence a province publishes its project data under (CC0 or CC BY 4.0, say), named
/// wherever the data goes: the API's metadata, the downloads, the feeds and the page footer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Licence {
    /// Its short name, such as "CC BY 4.0".
    pub name: String,
    /// Where its text is.
    pub url: String,
    /// Whom to name when the data is used (a CC BY licence asks it), if anyone.
    #[serde(default)]
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub id: RegionId,
    pub name: String,
    pub municipalities: Vec<MunicipalityCode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    pub code: MunicipalityCode,
    pub name: String,
    pub region: RegionId,
}

/// The limits that define the price classes in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceLimits {
    pub year: u16,
    /// Monthly rent up to which a home is sociale huur (the liberalisation limit).
    pub sociale_huur_max: Option<Cents>,
    /// Monthly rent up to which a home is middeldure huur.
    pub middenhuur_max: Option<Cents>,
    /// Price up to which a home is betaalbare koop (the NHG limit).
    pub betaalbare_koop_max: Option<Cents>,
    /// Limits that had only one source and must be shown as provisional.
    #[serde(default)]
    pub provisional: Vec<PriceClass>,
    pub source: String,
}

labelled_enum! {
    /// What a housing-deal target counts.
    pub enum TargetKind {
        NetAdditions => ("netto-toevoeging", "Netto toevoeging"),
        GrossAdditions => ("bruto-toevoeging", "Bruto toevoeging"),
        SocialeHuur => ("sociale-huur", "Sociale huur"),
        Middensegment => ("middensegment", "Middensegment"),
    }
}

/// A housing-deal target for a region, or for the whole province when `region` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub region: Option<RegionId>,
    pub kind: TargetKind,
    pub homes: u32,
    pub from_year: u16,
    pub to_year: u16,
    /// The price classes the target counts; empty means every home.
    #[serde(default)]
    pub classes: Vec<PriceClass>,
    pub source: String,
}

/// An exact share, such as two thirds (2/3) or 30% (30/100), so a region at exactly the norm
/// meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    pub numerator: u32,
    pub denominator: u32,
}

impl Ratio {
    /// Reads `2/3` or `30%`.
    pub fn parse(text: &str) -> Result<Ratio, String> {
        let text = text.trim();
        let number = |s: &str| s.trim().parse::<u32>().map_err(|_| format!("'{text}' is geen verhouding (schrijf bijvoorbeeld 2/3 of 30%)"));
        let ratio = if let Some(percent) = text.strip_suffix('%') {
            Ratio { numerator: number(percent)?, denominator: 100 }
        } else if let Some((n, d)) = text.split_once('/') {
            Ratio { numerator: number(n)?, denominator: number(d)? }
        } else {
            return Err(format!("'{text}' is geen verhouding (schrijf bijvoorbeeld 2/3 of 30%)"));
        };
        if ratio.denominator == 0 || ratio.numerator > ratio.denominator {
            return Err(format!("'{text}' ligt niet tussen 0 en 1"));
        }
        Ok(ratio)
    }

    /// Whether `part` of `whole` is at least this share. Nothing of nothing meets no norm.
    pub fn is_met_by(self, part: u64, whole: u64) -> bool {
        whole > 0 && part * u64::from(self.denominator) >= u64::from(self.numerator) * whole
    }

    pub fn percent(self) -> f64 {
        f64::from(self.numerator) * 100.0 / f64::from(self.denominator)
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.denominator == 100 {
            write!(f, "{}%", self.numerator)
        } else if self.numerator == 2 && self.denominator == 3 {
            f.write_str("twee derde")
        } else {
            write!(f, "{}/{}", self.numerator, self.denominator)
        }
    }
}

/// A norm for the mix of new homes: at least `minimum` of the homes with a known price class
/// fall in `classes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Norm {
    /// A slug, such as `betaalbaar`.
    pub id: String,
    /// How the chart names it, such as "Betaalbaar".
    pub label: String,
    pub classes: Vec<PriceClass>,
    pub minimum: Ratio,
    pub source: String,
}

/// Where a figure applies: the whole province, one region or one municipality.
///
/// Written tagged where people read it (`{"soort": "regio", "id": "zuidoost"}` in JSON and
/// TOML), and as a plain enum in binary formats, which cannot read a tag (see [`area_format`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Province,
    Region(RegionId),
    Municipality(MunicipalityCode),
}

mod area_format {
    //! [`Area`]'s two written forms, chosen by the format's `is_human_readable`.
    use super::Area;
    use crate::ids::{MunicipalityCode, RegionId};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(tag = "soort", content = "id")]
    enum Tagged {
        #[serde(rename = "provincie")]
        Province,
        #[serde(rename = "regio")]
        Region(RegionId),
        #[serde(rename = "gemeente")]
        Municipality(MunicipalityCode),
    }

    #[derive(Serialize, Deserialize)]
    enum Plain {
        Province,
        Region(RegionId),
        Municipality(MunicipalityCode),
    }

    impl Serialize for Area {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match (serializer.is_human_readable(), self.clone()) {
                (true, Area::Province) => Tagged::Province.serialize(serializer),
                (true, Area::Region(id)) => Tagged::Region(id).serialize(serializer),
                (true, Area::Municipality(code)) => Tagged::Municipality(code).serialize(serializer),
                (false, Area::Province) => Plain::Province.serialize(serializer),
                (false, Area::Region(id)) => Plain::Region(id).serialize(serializer),
                (false, Area::Municipality(code)) => Plain::Municipality(code).serialize(serializer),
            }
        }
    }

    impl<'de> Deserialize<'de> for Area {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(if deserializer.is_human_readable() {
                match Tagged::deserialize(deserializer)? {
                    Tagged::Province => Area::Province,
                    Tagged::Region(id) => Area::Region(id),
                    Tagged::Municipality(code) => Area::Municipality(code),
                }
            } else {
                match Plain::deserialize(deserializer)? {
                    Plain::Province => Area::Province,
                    Plain::Region(id) => Area::Region(id),
                    Plain::Municipality(code) => Area::Municipality(code),
                }
            })
        }
    }
}

/// A series the province publishes itself, such as delivered homes per year per region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedSeries {
    /// A slug, such as `opgeleverd`.
    pub id: String,
    pub title: String,
    /// Who published it, and where.
    pub source: String,
    /// The date or period the figures describe, as the source says it.
    pub as_of: String,
    /// Ascending.
    pub years: Vec<u16>,
    /// Per area, one value per year (`None` where the source gives none).
    pub values: Vec<(Area, Vec<Option<u64>>)>,
}

impl PublishedSeries {
    pub fn values_for(&self, area: &Area) -> Option<&[Option<u64>]> {
        self.values.iter().find(|(a, _)| a == area).map(|(_, v)| v.as_slice())
    }
}

/// One thing wrong with a configuration, with the path of the field (`regions[1].municipalities[2]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ProvinceError {
    pub field: String,
    pub message: String,
}

impl ProvinceError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl Province {
    pub fn municipality(&self, code: &MunicipalityCode) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| &m.code == code)
    }

    /// The municipality a person typed or a link names: its code in any case (`GM0114`,
    /// `gm0114`) or the CBS number alone (`0114`).
    pub fn find_municipality(&self, code: &str) -> Option<&Municipality> {
        let code = code.trim();
        self.municipalities.iter().find(|m| {
            let full = m.code.as_str();
            let number = full.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            full.eq_ignore_ascii_case(code) || (!number.is_empty() && number == code)
        })
    }

    /// As [`Province::find_municipality`], or by its name in any case (`Emmen`), as a data
    /// file may give it.
    pub fn find_municipality_or_name(&self, text: &str) -> Option<&Municipality> {
        self.find_municipality(text).or_else(|| self.municipalities.iter().find(|m| m.name.eq_ignore_ascii_case(text.trim())))
    }

    pub fn region(&self, id: &RegionId) -> Option<&Region> {
        self.regions.iter().find(|r| &r.id == id)
    }

    pub fn region_of(&self, code: &MunicipalityCode) -> Option<&Region> {
        self.municipality(code).and_then(|m| self.region(&m.region))
    }

    pub fn municipality_name<'a>(&'a self, code: &'a MunicipalityCode) -> &'a str {
        self.municipality(code).map_or(code.as_str(), |m| m.name.as_str())
    }

    /// The limits in force in `year`: that year's, or else the latest earlier year's, or else
    /// the earliest known.
    pub fn price_limits_for(&self, year: u16) -> Option<&PriceLimits> {
        self.price_limits.iter().rev().find(|l| l.year <= year).or_else(|| self.price_limits.first())
    }

    /// Whether the area names a region or municipality of this province.
    pub fn has_area(&self, area: &Area) -> bool {
        match area {
            Area::Province => true,
            Area::Region(id) => self.region(id).is_some(),
            Area::Municipality(code) => self.municipality(code).is_some(),
        }
    }

    pub fn area_name(&self, area: &Area) -> String {
        match area {
            Area::Province => self.name.clone(),
            Area::Region(id) => self.region(id).map_or_else(|| id.to_string(), |r| r.name.clone()),
            Area::Municipality(code) => self.municipality_name(code).to_owned(),
        }
    }

    /// Whether a project in municipality `code` lies in `area`.
    pub fn area_contains(&self, area: &Area, code: &MunicipalityCode) -> bool {
        match area {
            Area::Province => true,
            Area::Region(id) => self.municipality(code).is_some_and(|m| &m.region == id),
            Area::Municipality(m) => m == code,
        }
    }

    /// The areas one level down: the regions of the province, the municipalities of a region.
    pub fn parts(&self, area: &Area) -> Vec<Area> {
        match area {
            Area::Province => self.regions.iter().map(|r| Area::Region(r.id.clone())).collect(),
            Area::Region(id) => self.region(id).map(|r| r.municipalities.iter().cloned().map(Area::Municipality).collect()).unwrap_or_default(),
            Area::Municipality(_) => Vec::new(),
        }
    }

    /// The targets set for exactly this area.
    pub fn targets_for<'a>(&'a self, area: &'a Area) -> impl Iterator<Item = &'a Target> + 'a {
        self.targets.iter().filter(move |t| match (area, &t.region) {
            (Area::Province, None) => true,
            (Area::Region(id), Some(r)) => id == r,
            _ => false,
        })
    }

    pub fn contains_point(&self, lon: f64, lat: f64) -> bool {
        let [w, s, e, n] = self.bounds;
        (w..=e).contains(&lon) && (s..=n).contains(&lat)
    }

    /// Checks that the configuration is consistent; reports every problem at once.
    pub fn validate(&self) -> Result<(), Vec<ProvinceError>> {
        let mut errors = Vec::new();
        if self.code.trim().is_empty() {
            errors.push(ProvinceError::new("code", "ontbreekt"));
        }
        if self.name.trim().is_empty() {
            errors.push(ProvinceError::new("name", "ontbreekt"));
        }
        if self.regions.is_empty() {
            errors.push(ProvinceError::new("regions", "er is geen enkele regio"));
        }
        let mut region_ids = HashSet::new();
        for (i, region) in self.regions.iter().enumerate() {
            if !is_slug(region.id.as_str()) {
                errors
                    .push(ProvinceError::new(format!("regions[{i}].id"), format!("'{}' is geen geldige regio-id (kleine letters, cijfers en '-')", region.id)));
            }
            if !region_ids.insert(&region.id) {
                errors.push(ProvinceError::new(format!("regions[{i}].id"), format!("regio '{}' staat er twee keer in", region.id)));
            }
            for (j, code) in region.municipalities.iter().enumerate() {
                match self.municipality(code) {
                    None => errors.push(ProvinceError::new(
                        format!("regions[{i}].municipalities[{j}]"),
                        format!("onbekende gemeente '{code}' (staat niet in de gemeentegrenzen)"),
                    )),
                    Some(m) if m.region != region.id => errors.push(ProvinceError::new(
                        format!("regions[{i}].municipalities[{j}]"),
                        format!("gemeente '{code}' hoort volgens de gemeentegrenzen bij regio '{}'", m.region),
                    )),
                    Some(_) => {}
                }
            }
        }
        let mut codes = HashSet::new();
        for (i, m) in self.municipalities.iter().enumerate() {
            if !codes.insert(&m.code) {
                errors.push(ProvinceError::new(format!("municipalities[{i}].code"), format!("gemeente '{}' staat er twee keer in", m.code)));
            }
            if self.region(&m.region).is_none() {
                errors.push(ProvinceError::new(format!("municipalities[{i}].region"), format!("gemeente '{}' noemt onbekende regio '{}'", m.code, m.region)));
            }
            if !self.regions.iter().any(|r| r.municipalities.contains(&m.code)) {
                errors.push(ProvinceError::new(format!("municipalities[{i}]"), format!("gemeente '{}' hoort bij geen enkele regio", m.code)));
            }
        }
        for (i, pair) in self.price_limits.windows(2).enumerate() {
            if pair[1].year <= pair[0].year {
                errors.push(ProvinceError::new(format!("price_limits[{}].year", i + 1), "jaren moeten oplopen en uniek zijn"));
            }
        }
        for (i, limits) in self.price_limits.iter().enumerate() {
            if let (Some(social), Some(middle)) = (limits.sociale_huur_max, limits.middenhuur_max) {
                if middle <= social {
                    errors.push(ProvinceError::new(format!("price_limits[{i}].middenhuur_max"), "moet hoger zijn dan de grens voor sociale huur"));
                }
            }
        }
        for (i, target) in self.targets.iter().enumerate() {
            if let Some(region) = &target.region {
                if self.region(region).is_none() {
                    errors.push(ProvinceError::new(format!("targets[{i}].region"), format!("onbekende regio '{region}'")));
                }
            }
            if target.to_year < target.from_year {
                errors.push(ProvinceError::new(format!("targets[{i}].to_year"), "ligt voor het beginjaar"));
            }
            let counts_a_segment = matches!(target.kind, TargetKind::SocialeHuur | TargetKind::Middensegment);
            if counts_a_segment && target.classes.is_empty() {
                errors.push(ProvinceError::new(
                    format!("targets[{i}].classes"),
                    format!("een doel voor {} moet zeggen welke prijsklassen het telt", target.kind.label().to_lowercase()),
                ));
            }
        }
        let mut norm_ids = HashSet::new();
        for (i, norm) in self.norms.iter().enumerate() {
            if !is_slug(&norm.id) || !norm_ids.insert(&norm.id) {
                errors.push(ProvinceError::new(format!("norms[{i}].id"), format!("'{}' is geen unieke id (kleine letters, cijfers en '-')", norm.id)));
            }
            if norm.classes.is_empty() || norm.classes.iter().any(|c| !c.is_known()) {
                errors.push(ProvinceError::new(format!("norms[{i}].classes"), "noem een of meer van de vijf bekende prijsklassen"));
            }
        }
        let mut series_ids = HashSet::new();
        for (i, series) in self.series.iter().enumerate() {
            if !is_slug(&series.id) || !series_ids.insert(&series.id) {
                errors.push(ProvinceError::new(format!("series[{i}].id"), format!("'{}' is geen unieke id (kleine letters, cijfers en '-')", series.id)));
            }
            if series.years.is_empty() || series.years.windows(2).any(|w| w[1] <= w[0]) {
                errors.push(ProvinceError::new(format!("series[{i}].years"), "noem een of meer jaren, oplopend en elk één keer"));
            }
            for (area, values) in &series.values {
                if !self.has_area(area) {
                    errors.push(ProvinceError::new(format!("series[{i}].values"), format!("onbekend gebied {area:?}")));
                }
                if values.len() != series.years.len() {
                    errors.push(ProvinceError::new(
                        format!("series[{i}].values"),
                        format!("{} heeft {} waarden voor {} jaren", self.area_name(area), values.len(), series.years.len()),
                    ));
                }
            }
        }
        let [w, s, e, n] = self.bounds;
        if !(w < e && s < n && (-180.0..=180.0).contains(&w) && (-90.0..=90.0).contains(&s)) {
            errors.push(ProvinceError::new("bounds", "ongeldig kader"));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support::two_region_province;

    #[test]
    fn an_area_is_tagged_in_json() {
        let area = Area::Region("zuidwest".into());
        let json = serde_json::to_string(&area).unwrap();
        assert_eq!(json, r#"{"soort":"regio","id":"zuidwest"}"#);
        assert_eq!(serde_json::from_str::<Area>(&json).unwrap(), area);
        assert_eq!(serde_json::to_string(&Area::Province).unwrap(), r#"{"soort":"provincie"}"#);
    }

    #[test]
    fn a_consistent_province_validates() {
        assert_eq!(two_region_province().validate(), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut p = two_region_province();
        p.regions[0].municipalities.push("GM9999".into());
        p.municipalities[2].region = "zuid".into();
        let errors = p.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"regions[0].municipalities[2]"), "{errors:?}");
        assert!(fields.contains(&"municipalities[2].region"), "{errors:?}");
        assert!(errors[0].to_string().contains("GM9999"));
    }

    #[test]
    fn ratios_are_exact() {
        let two_thirds = Ratio::parse("2/3").unwrap();
        assert!(two_thirds.is_met_by(2, 3));
        assert!(!two_thirds.is_met_by(1999, 3000));
        assert!(!two_thirds.is_met_by(0, 0));
        let thirty = Ratio::parse(" 30% ").unwrap();
        assert_eq!(thirty, Ratio { numerator: 30, denominator: 100 });
        assert!(thirty.is_met_by(30, 100) && !thirty.is_met_by(29, 100));
        assert_eq!(thirty.to_string(), "30%");
        assert_eq!(two_thirds.to_string(), "twee derde");
        for bad in ["", "0,3", "3/2", "1/0", "x%"] {
            assert!(Ratio::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn series_and_norms_are_checked() {
        let mut p = two_region_province();
        p.series.push(PublishedSeries {
            id: "opgeleverd".into(),
            title: "Opgeleverd".into(),
            source: "test".into(),
            as_of: "2025".into(),
            years: vec![2024, 2025],
            values: vec![(Area::Region("west".into()), vec![Some(1)]), (Area::Region("zuid".into()), vec![None, None])],
        });
        p.norms[1].classes.push(PriceClass::Onbekend);
        p.targets[1].classes.clear();
        let fields: Vec<_> = p.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["targets[1].classes", "norms[1].classes", "series[0].values", "series[0].values"]);
    }

    #[test]
    fn areas_know_their_parts_and_projects() {
        let p = two_region_province();
        let west = Area::Region("west".into());
        assert_eq!(p.parts(&Area::Province).len(), 2);
        assert_eq!(p.parts(&west), [Area::Municipality("GM0001".into()), Area::Municipality("GM0002".into())]);
        assert!(p.area_contains(&west, &"GM0002".into()));
        assert!(!p.area_contains(&west, &"GM0003".into()));
        assert_eq!(p.targets_for(&west).count(), 1);
        assert_eq!(p.targets_for(&Area::Province).count(), 1);
        assert_eq!(p.area_name(&Area::Municipality("GM0003".into())), "Ceeveen");
    }

    #[test]
    fn price_limits_fall_back_to_the_latest_earlier_year() {
        let p = two_region_province();
        assert_eq!(p.price_limits_for(2025).unwrap().year, 2024);
        assert_eq!(p.price_limits_for(2030).unwrap().year, 2026);
        assert_eq!(p.price_limits_for(2020).unwrap().year, 2024);
    }
}
