//! Small builders for tests in this crate.

use crate::project::*;
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
        location: Location {
            point: LonLat::lon_lat(6.0, 52.5),
            area: None,
            precision: Precision::Exact,
        },
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
