//! Small builders for tests, in this crate and (with the `test-support` feature) in others.

use crate::project::*;
use crate::province::*;
use crate::segment::{PriceClass, SegmentCounts};

/// A public project in `municipality` with the given homes per class and neutral other fields.
pub fn project(id: &str, municipality: &str, homes: &[(PriceClass, u32)]) -> Project {
    let mut counts = SegmentCounts::default();
    for (class, n) in homes {
        counts.set(*class, *n);
    }
    Project {
        id: id.into(),
        name: format!("Project {id}"),
        municipality: municipality.into(),
        place: "Testdorp".into(),
        address: None,
        location: Location { point: LonLat::lon_lat(6.0, 52.5), area: None, precision: Precision::Exact },
        homes: counts,
        forms: FormCounts { eengezins: counts.total(), meergezins: 0 },
        plan_type: PlanType::Verdichting,
        target_groups: vec![],
        developer: Developer { name: "Woonstichting Test".into(), kind: DeveloperKind::Corporatie },
        status: Status::Vergund,
        start_year: Some(2025),
        delivery_year: Some(2027),
        description: String::new(),
        link: None,
        last_updated: "2026-06-01".into(),
        confidentiality: Confidentiality::Openbaar,
        example: false,
    }
}

/// A small province with two regions, for tests across the crate. Not Drenthe on purpose:
/// nothing may depend on one province.
pub fn two_region_province() -> Province {
    let m = |code: &str, name: &str, region: &str| Municipality { code: code.into(), name: name.into(), region: region.into() };
    Province {
        code: "PV99".into(),
        name: "Testland".into(),
        regions: vec![
            Region { id: "west".into(), name: "West".into(), municipalities: vec!["GM0001".into(), "GM0002".into()] },
            Region { id: "oost".into(), name: "Oost".into(), municipalities: vec!["GM0003".into()] },
        ],
        municipalities: vec![m("GM0001", "Aastad", "west"), m("GM0002", "Beedorp", "west"), m("GM0003", "Ceeveen", "oost")],
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
        targets: vec![
            Target {
                region: Some("west".into()),
                kind: TargetKind::NetAdditions,
                homes: 100,
                from_year: 2022,
                to_year: 2030,
                classes: vec![],
                source: "test".into(),
            },
            Target {
                region: None,
                kind: TargetKind::SocialeHuur,
                homes: 40,
                from_year: 2022,
                to_year: 2030,
                classes: vec![PriceClass::SocialeHuur],
                source: "test".into(),
            },
        ],
        norms: vec![
            Norm {
                id: "betaalbaar".into(),
                label: "Betaalbaar".into(),
                classes: vec![PriceClass::SocialeHuur, PriceClass::MiddeldureHuur, PriceClass::BetaalbareKoop],
                minimum: Ratio { numerator: 2, denominator: 3 },
                source: "test".into(),
            },
            Norm {
                id: "sociale-huur".into(),
                label: "Sociale huur".into(),
                classes: vec![PriceClass::SocialeHuur],
                minimum: Ratio { numerator: 30, denominator: 100 },
                source: "test".into(),
            },
        ],
        series: vec![],
        publish_withheld_total: false,
        attribution: "test".into(),
        licence: Licence { name: "CC0 1.0".into(), url: "https://creativecommons.org/publicdomain/zero/1.0/".into(), credit: None },
        bounds: [5.0, 52.0, 7.0, 53.0],
    }
}
