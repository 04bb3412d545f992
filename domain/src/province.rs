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
    /// The attribution line the map must always show for the boundary and place data.
    pub attribution: String,
    /// [west, south, east, north] in WGS84 degrees, from the boundary files.
    pub bounds: [f64; 4],
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
    pub source: String,
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
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl Province {
    pub fn municipality(&self, code: &MunicipalityCode) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| &m.code == code)
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
        self.price_limits
            .iter()
            .rev()
            .find(|l| l.year <= year)
            .or_else(|| self.price_limits.first())
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
                errors.push(ProvinceError::new(
                    format!("regions[{i}].id"),
                    format!(
                        "'{}' is geen geldige regio-id (kleine letters, cijfers en '-')",
                        region.id
                    ),
                ));
            }
            if !region_ids.insert(&region.id) {
                errors.push(ProvinceError::new(
                    format!("regions[{i}].id"),
                    format!("regio '{}' staat er twee keer in", region.id),
                ));
            }
            for (j, code) in region.municipalities.iter().enumerate() {
                match self.municipality(code) {
                    None => errors.push(ProvinceError::new(
                        format!("regions[{i}].municipalities[{j}]"),
                        format!("onbekende gemeente '{code}' (staat niet in de gemeentegrenzen)"),
                    )),
                    Some(m) if m.region != region.id => errors.push(ProvinceError::new(
                        format!("regions[{i}].municipalities[{j}]"),
                        format!(
                            "gemeente '{code}' hoort volgens de gemeentegrenzen bij regio '{}'",
                            m.region
                        ),
                    )),
                    Some(_) => {}
                }
            }
        }
        let mut codes = HashSet::new();
        for (i, m) in self.municipalities.iter().enumerate() {
            if !codes.insert(&m.code) {
                errors.push(ProvinceError::new(
                    format!("municipalities[{i}].code"),
                    format!("gemeente '{}' staat er twee keer in", m.code),
                ));
            }
            if self.region(&m.region).is_none() {
                errors.push(ProvinceError::new(
                    format!("municipalities[{i}].region"),
                    format!("gemeente '{}' noemt onbekende regio '{}'", m.code, m.region),
                ));
            }
            if !self.regions.iter().any(|r| r.municipalities.contains(&m.code)) {
                errors.push(ProvinceError::new(
                    format!("municipalities[{i}]"),
                    format!("gemeente '{}' hoort bij geen enkele regio", m.code),
                ));
            }
        }
        for (i, pair) in self.price_limits.windows(2).enumerate() {
            if pair[1].year <= pair[0].year {
                errors.push(ProvinceError::new(
                    format!("price_limits[{}].year", i + 1),
                    "jaren moeten oplopen en uniek zijn",
                ));
            }
        }
        for (i, limits) in self.price_limits.iter().enumerate() {
            if let (Some(social), Some(middle)) = (limits.sociale_huur_max, limits.middenhuur_max) {
                if middle <= social {
                    errors.push(ProvinceError::new(
                        format!("price_limits[{i}].middenhuur_max"),
                        "moet hoger zijn dan de grens voor sociale huur",
                    ));
                }
            }
        }
        for (i, target) in self.targets.iter().enumerate() {
            if let Some(region) = &target.region {
                if self.region(region).is_none() {
                    errors.push(ProvinceError::new(
                        format!("targets[{i}].region"),
                        format!("onbekende regio '{region}'"),
                    ));
                }
            }
            if target.to_year < target.from_year {
                errors.push(ProvinceError::new(
                    format!("targets[{i}].to_year"),
                    "ligt voor het beginjaar",
                ));
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
    !s.is_empty()
        && s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small province with two regions, for tests across the crate. Not Drenthe on purpose:
    /// nothing may depend on one province.
    pub fn two_region_province() -> Province {
        let m = |code: &str, name: &str, region: &str| Municipality {
            code: code.into(),
            name: name.into(),
            region: region.into(),
        };
        Province {
            code: "PV99".into(),
            name: "Testland".into(),
            regions: vec![
                Region {
                    id: "west".into(),
                    name: "West".into(),
                    municipalities: vec!["GM0001".into(), "GM0002".into()],
                },
                Region {
                    id: "oost".into(),
                    name: "Oost".into(),
                    municipalities: vec!["GM0003".into()],
                },
            ],
            municipalities: vec![
                m("GM0001", "Aastad", "west"),
                m("GM0002", "Beedorp", "west"),
                m("GM0003", "Ceeveen", "oost"),
            ],
            price_limits: vec![
                PriceLimits {
                    year: 2024,
                    sociale_huur_max: Some(87966),
                    middenhuur_max: Some(115795),
                    betaalbare_koop_max: Some(39_000_000),
                    provisional: vec![],
                    source: "test".into(),
                },
                PriceLimits {
                    year: 2026,
                    sociale_huur_max: Some(93293),
                    middenhuur_max: Some(122807),
                    betaalbare_koop_max: Some(42_000_000),
                    provisional: vec![PriceClass::BetaalbareKoop],
                    source: "test".into(),
                },
            ],
            targets: vec![],
            attribution: "test".into(),
            bounds: [5.0, 52.0, 7.0, 53.0],
        }
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
    fn price_limits_fall_back_to_the_latest_earlier_year() {
        let p = two_region_province();
        assert_eq!(p.price_limits_for(2025).unwrap().year, 2024);
        assert_eq!(p.price_limits_for(2030).unwrap().year, 2026);
        assert_eq!(p.price_limits_for(2020).unwrap().year, 2024);
    }
}
