//! The figures for one area (the province, a region or a municipality) under a filter: what
//! the region pages chart and tabulate, and what `GET /api/stats` serves.
//!
//! Everything is built from [`Summary`], the one aggregation, plus the configuration's norms
//! and targets. Only the catalog's public projects are counted; the homes in non-public plans
//! appear as one labelled total, and only when the configuration publishes it.

use crate::catalog::{Catalog, Selected};
use crate::filter::Filter;
use crate::project::{Capacity, Status};
use crate::province::{Area, Norm, Target};
use crate::segment::{ClassSet, PriceClass, CLASS_COUNT};
use crate::summary::Summary;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaStats {
    pub area: Area,
    pub name: String,
    pub summary: Summary,
    /// Homes in hard and in soft plan capacity, in that order.
    pub capacity: [u64; 2],
    /// Homes permitted or under construction.
    pub pipeline: u64,
    pub norms: Vec<NormCheck>,
    pub targets: Vec<TargetProgress>,
    /// The regions of the province, or the municipalities of a region.
    pub parts: Vec<PartStats>,
    /// Homes in non-public plans in the area (unfiltered), when the configuration publishes it.
    pub withheld_homes: Option<u64>,
}

/// How the homes of an area measure up to a norm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormCheck {
    pub norm: Norm,
    /// Homes in the norm's classes.
    pub homes: u64,
    /// Homes with a known price class: what the share is of.
    pub known: u64,
    pub met: bool,
}

impl NormCheck {
    fn of(norm: &Norm, by_class: &[u64; CLASS_COUNT]) -> NormCheck {
        let homes = norm.classes.iter().map(|c| by_class[c.index()]).sum();
        let known = PriceClass::ALL.iter().filter(|c| c.is_known()).map(|c| by_class[c.index()]).sum();
        NormCheck { norm: norm.clone(), homes, known, met: norm.minimum.is_met_by(homes, known) }
    }

    /// The share in percent; 0 when no home has a known class.
    pub fn percent(&self) -> f64 {
        percent(self.homes, self.known)
    }
}

/// Progress towards a housing-deal target: homes delivered in its period, and homes in
/// projects expected by its end year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetProgress {
    pub target: Target,
    /// Delivered within the target's years.
    pub delivered: u64,
    /// Permitted or under construction, expected by the end year.
    pub pipeline: u64,
    /// Other plans expected by the end year.
    pub planned: u64,
    /// Plans without an expected year (not counted above).
    pub without_year: u64,
}

impl TargetProgress {
    pub fn total(&self) -> u64 {
        self.delivered + self.pipeline + self.planned
    }

    pub fn percent(&self) -> f64 {
        percent(self.total(), u64::from(self.target.homes))
    }
}

/// One region or municipality, for comparing the parts of an area side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartStats {
    pub area: Area,
    pub name: String,
    pub projects: u32,
    pub homes: u64,
    pub by_class: [u64; CLASS_COUNT],
    pub norms: Vec<NormCheck>,
}

pub fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

impl AreaStats {
    /// The figures for `area` under `filter`. The filter's own region and municipality choices
    /// still apply, so a filter for another region gives an empty area.
    pub fn of(catalog: &Catalog, filter: &Filter, area: &Area) -> AreaStats {
        let province = catalog.province();
        let classes = filter.classes();
        let selected: Vec<Selected<'_>> = catalog.select(filter).into_iter().filter(|s| province.area_contains(area, &s.project.municipality)).collect();
        let summary = Summary::of(&selected, classes, province);
        let status = |s: Status| summary.by_status.get(&s).copied().unwrap_or(0);
        let capacity = [Capacity::Hard, Capacity::Soft].map(|c| Status::ALL.iter().filter(|s| s.capacity() == Some(c)).map(|s| status(*s)).sum());
        let pipeline = Status::ALL.iter().filter(|s| s.in_pipeline()).map(|s| status(*s)).sum();
        let norms = province.norms.iter().map(|n| NormCheck::of(n, &summary.by_class)).collect();
        let targets = province.targets_for(area).map(|t| target_progress(t, &selected, classes)).collect();
        let parts = province
            .parts(area)
            .into_iter()
            .map(|part| {
                let in_part: Vec<&Selected<'_>> = selected.iter().filter(|s| province.area_contains(&part, &s.project.municipality)).collect();
                let mut by_class = [0u64; CLASS_COUNT];
                for s in &in_part {
                    for class in classes.iter() {
                        by_class[class.index()] += u64::from(s.project.homes.get(class));
                    }
                }
                PartStats {
                    name: province.area_name(&part),
                    projects: in_part.len() as u32,
                    homes: in_part.iter().map(|s| u64::from(s.homes)).sum(),
                    norms: province.norms.iter().map(|n| NormCheck::of(n, &by_class)).collect(),
                    by_class,
                    area: part,
                }
            })
            .collect();
        let withheld_homes = province
            .publish_withheld_total
            .then(|| catalog.withheld_homes().iter().filter(|(code, _)| province.area_contains(area, code)).map(|(_, homes)| homes).sum());
        AreaStats { name: province.area_name(area), area: area.clone(), summary, capacity, pipeline, norms, targets, parts, withheld_homes }
    }
}

fn target_progress(target: &Target, selected: &[Selected<'_>], filter_classes: ClassSet) -> TargetProgress {
    let classes = if target.classes.is_empty() { filter_classes } else { filter_classes.intersect(ClassSet::of(target.classes.iter().copied())) };
    let mut progress = TargetProgress { target: target.clone(), delivered: 0, pipeline: 0, planned: 0, without_year: 0 };
    for s in selected {
        let p = s.project;
        let homes = u64::from(p.homes.in_classes(classes));
        let by_end = p.delivery_year.map(|y| y <= target.to_year);
        match (p.status, by_end) {
            (Status::Afgevallen, _) => {}
            (Status::Opgeleverd, _) => {
                if p.delivery_year.is_some_and(|y| (target.from_year..=target.to_year).contains(&y)) {
                    progress.delivered += homes;
                }
            }
            (_, None) => progress.without_year += homes,
            (_, Some(false)) => {}
            (status, Some(true)) if status.in_pipeline() => progress.pipeline += homes,
            (_, Some(true)) => progress.planned += homes,
        }
    }
    progress
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::project;
    use crate::test_support::two_region_province;

    fn catalog() -> Catalog {
        let mut a = project("a", "GM0001", &[(PriceClass::SocialeHuur, 20), (PriceClass::DureKoop, 40)]);
        a.status = Status::Opgeleverd;
        a.delivery_year = Some(2024);
        let mut b = project("b", "GM0002", &[(PriceClass::SocialeHuur, 30), (PriceClass::BetaalbareKoop, 10)]);
        b.status = Status::Planvorming;
        b.delivery_year = Some(2031);
        let mut c = project("c", "GM0003", &[(PriceClass::MiddeldureHuur, 5), (PriceClass::Onbekend, 5)]);
        c.status = Status::InAanbouw;
        let mut hidden = project("d", "GM0001", &[(PriceClass::DureKoop, 7)]);
        hidden.confidentiality = crate::Confidentiality::Gemeente;
        Catalog::new(two_region_province(), [a, b, c, hidden], false)
    }

    #[test]
    fn a_region_is_measured_against_its_norms_and_targets() {
        let stats = AreaStats::of(&catalog(), &Filter::default(), &Area::Region("west".into()));
        assert_eq!(stats.name, "West");
        assert_eq!(stats.summary.homes, 100);
        // 20 + 30 + 10 of 100 betaalbaar: below two thirds; 50 of 100 sociale huur: above 30%.
        assert_eq!((stats.norms[0].homes, stats.norms[0].known, stats.norms[0].met), (60, 100, false));
        assert_eq!((stats.norms[1].homes, stats.norms[1].met), (50, true));
        assert_eq!(stats.capacity, [0, 40]);
        let target = &stats.targets[0];
        // a was delivered in 2024; b is expected after 2030 and does not count.
        assert_eq!((target.delivered, target.pipeline, target.planned), (60, 0, 0));
        assert_eq!(stats.parts.len(), 2);
        assert_eq!(stats.parts[1].homes, 40);
        assert_eq!(stats.withheld_homes, None);
    }

    #[test]
    fn a_segment_target_counts_only_its_classes() {
        let stats = AreaStats::of(&catalog(), &Filter::default(), &Area::Province);
        let social = &stats.targets[0];
        assert_eq!(social.target.classes, [PriceClass::SocialeHuur]);
        assert_eq!(social.delivered, 20);
        assert_eq!(stats.pipeline, 10);
        // Unknown classes are not part of the norms' base.
        assert_eq!(stats.norms[1].known, 100 + 40 + 5 - 40);
    }

    #[test]
    fn withheld_homes_appear_only_when_the_configuration_publishes_them() {
        let mut province = two_region_province();
        province.publish_withheld_total = true;
        let projects = catalog().projects().to_vec();
        let mut hidden = project("d", "GM0001", &[(PriceClass::DureKoop, 7)]);
        hidden.confidentiality = crate::Confidentiality::Provincie;
        let catalog = Catalog::new(province, projects.into_iter().chain([hidden]), false);
        let west = AreaStats::of(&catalog, &Filter::default(), &Area::Region("west".into()));
        assert_eq!(west.withheld_homes, Some(7));
        assert_eq!(west.summary.homes, 100, "never counted among the public figures");
        let east = AreaStats::of(&catalog, &Filter::default(), &Area::Region("oost".into()));
        assert_eq!(east.withheld_homes, Some(0));
    }
}
