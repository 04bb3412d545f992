//! A housing project and its attributes, as described in DOMAIN.md.

use crate::ids::{MunicipalityCode, ProjectId};
use crate::segment::SegmentCounts;
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// The monitor's life cycle, in order.
    pub enum Status {
        Idee => ("idee", "Idee/initiatief"),
        Planvorming => ("planvorming", "Planvorming"),
        Onherroepelijk => ("onherroepelijk", "Onherroepelijk plan"),
        Vergund => ("vergund", "Vergund"),
        InAanbouw => ("in-aanbouw", "In aanbouw"),
        Opgeleverd => ("opgeleverd", "Opgeleverd"),
        Afgevallen => ("afgevallen", "Afgevallen"),
    }
}

impl Status {
    /// A short explanation for residents.
    pub const fn explanation(self) -> &'static str {
        match self {
            Status::Idee => "Er is een idee of initiatief; er is nog geen plan.",
            Status::Planvorming => "Het plan wordt gemaakt (zachte plancapaciteit).",
            Status::Onherroepelijk => "Het bestemmingsplan staat vast (harde plancapaciteit).",
            Status::Vergund => "De omgevingsvergunning is verleend.",
            Status::InAanbouw => "De bouw is begonnen.",
            Status::Opgeleverd => "De woningen zijn opgeleverd.",
            Status::Afgevallen => "Het plan gaat niet door.",
        }
    }

    /// Which plan capacity a project in this status is: hard once the plan is fixed, soft
    /// before; delivered and dropped projects are capacity no more.
    pub const fn capacity(self) -> Option<Capacity> {
        match self {
            Status::Idee | Status::Planvorming => Some(Capacity::Soft),
            Status::Onherroepelijk | Status::Vergund | Status::InAanbouw => Some(Capacity::Hard),
            Status::Opgeleverd | Status::Afgevallen => None,
        }
    }

    /// Permitted or under construction: the pipeline ("pijplijn") of the reports.
    pub const fn in_pipeline(self) -> bool {
        matches!(self, Status::Vergund | Status::InAanbouw)
    }
}

labelled_enum! {
    /// Plan capacity as the reports count it.
    pub enum Capacity {
        Hard => ("hard", "Harde plancapaciteit"),
        Soft => ("zacht", "Zachte plancapaciteit"),
    }
}

labelled_enum! {
    /// Who develops the project.
    pub enum DeveloperKind {
        Corporatie => ("corporatie", "Woningcorporatie"),
        Marktpartij => ("marktpartij", "Marktpartij"),
        Gemeente => ("gemeente", "Gemeente (kavels)"),
        Cpo => ("cpo", "CPO-collectief"),
        Onbekend => ("onbekend", "Nog onbekend"),
    }
}

labelled_enum! {
    /// Single-family or multi-family homes.
    pub enum HousingForm {
        Eengezins => ("eengezins", "Eengezinswoning"),
        Meergezins => ("meergezins", "Meergezinswoning/appartement"),
    }
}

labelled_enum! {
    /// The plan's *ligging*: inside the existing built-up area (inbreiding) or outside it
    /// (uitbreiding).
    pub enum Siting {
        Inbreiding => ("inbreiding", "Inbreiding"),
        Uitbreiding => ("uitbreiding", "Uitbreiding"),
    }
}

labelled_enum! {
    /// The finer plan type of the monitor.
    pub enum PlanType {
        Herstructurering => ("herstructurering", "Herstructurering"),
        Pandtransformatie => ("pandtransformatie", "Pandtransformatie"),
        Transformatiegebied => ("transformatiegebied", "Transformatiegebied"),
        Verdichting => ("verdichting", "Verdichting"),
        UitbreidingGroot => ("uitbreiding-groot", "Uitbreiding (groot)"),
        UitbreidingKlein => ("uitbreiding-klein", "Uitbreiding (klein)"),
    }
}

impl PlanType {
    pub const fn siting(self) -> Siting {
        match self {
            PlanType::UitbreidingGroot | PlanType::UitbreidingKlein => Siting::Uitbreiding,
            _ => Siting::Inbreiding,
        }
    }
}

labelled_enum! {
    /// Target groups and special forms, where known.
    pub enum TargetGroup {
        Starters => ("starters", "Starters"),
        Senioren => ("senioren", "Senioren/nultredenwoning"),
        Zorg => ("zorg", "Zorg"),
        Flexwonen => ("flexwonen", "Flexwonen"),
        Cpo => ("cpo", "CPO"),
        Woningsplitsing => ("woningsplitsing", "Woningsplitsing"),
        Statushouders => ("statushouders", "Statushouders"),
    }
}

labelled_enum! {
    /// Who may see the project (the three levels of the Planmonitor Wonen).
    pub enum Confidentiality {
        Openbaar => ("openbaar", "Openbaar"),
        Provincie => ("provincie", "Alleen provincie"),
        Gemeente => ("gemeente", "Alleen gemeente"),
    }
}

labelled_enum! {
    /// How exact the location is.
    pub enum Precision {
        /// The project's own site or plan area.
        Exact => ("exact", "Exacte locatie"),
        /// Placed at its village because the exact site is not known.
        Indicative => ("indicatief", "Indicatieve locatie (bij de kern)"),
    }
}

/// A position in WGS84, longitude first as in GeoJSON. Use the named constructors so the
/// axis order can't be swapped by accident.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    // Both orders are named on purpose, so a call site always says which one it passes.
    #[allow(clippy::self_named_constructors)]
    pub const fn lon_lat(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }
    pub const fn lat_lon(lat: f64, lon: f64) -> Self {
        Self { lon, lat }
    }
}

/// Where a project is: always a point (for a plan area, its centroid), and the plan area's
/// outline when known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub point: LonLat,
    /// Outer ring first, then holes; closed rings, counter-clockwise outer ring.
    #[serde(default)]
    pub area: Option<Vec<Vec<LonLat>>>,
    pub precision: Precision,
}

/// Homes by housing form. Homes whose form is not known are in neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FormCounts {
    pub eengezins: u32,
    pub meergezins: u32,
}

impl FormCounts {
    pub fn get(&self, form: HousingForm) -> u32 {
        match form {
            HousingForm::Eengezins => self.eengezins,
            HousingForm::Meergezins => self.meergezins,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Developer {
    pub name: String,
    pub kind: DeveloperKind,
}

/// A housing project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: ProjectId,
    pub name: String,
    pub municipality: MunicipalityCode,
    /// The village or town (kern).
    pub place: String,
    #[serde(default)]
    pub address: Option<String>,
    pub location: Location,
    pub homes: SegmentCounts,
    pub forms: FormCounts,
    pub plan_type: PlanType,
    #[serde(default)]
    pub target_groups: Vec<TargetGroup>,
    pub developer: Developer,
    pub status: Status,
    #[serde(default)]
    pub start_year: Option<u16>,
    /// Expected delivery year; for a delivered project, the year it was delivered.
    #[serde(default)]
    pub delivery_year: Option<u16>,
    pub description: String,
    #[serde(default)]
    pub link: Option<String>,
    /// ISO date (YYYY-MM-DD) of the last change by the data owner.
    pub last_updated: String,
    pub confidentiality: Confidentiality,
    /// An invented project in the demo dataset (not a real plan).
    #[serde(default)]
    pub example: bool,
}

impl Project {
    pub fn total_homes(&self) -> u32 {
        self.homes.total()
    }

    pub fn is_public(&self) -> bool {
        self.confidentiality == Confidentiality::Openbaar
    }

    pub fn siting(&self) -> Siting {
        self.plan_type.siting()
    }

    /// The year of the data, from `last_updated`.
    pub fn data_year(&self) -> Option<u16> {
        self.last_updated.get(..4)?.parse().ok()
    }
}
