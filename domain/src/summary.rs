//! Figures over a selection: homes per price class, status, delivery year, region and
//! municipality. The page's totals, the charts and the statistics API all come from here.

use crate::catalog::Selected;
use crate::ids::{MunicipalityCode, RegionId};
use crate::project::Status;
use crate::province::Province;
use crate::segment::{ClassSet, PriceClass, CLASS_COUNT};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub projects: u32,
    /// Homes in the selected price classes.
    pub homes: u64,
    /// Homes per price class, in the order of [`PriceClass::ALL`].
    pub by_class: [u64; CLASS_COUNT],
    pub by_status: BTreeMap<Status, u64>,
    /// Homes per expected delivery year, split by price class.
    pub by_year: BTreeMap<u16, [u64; CLASS_COUNT]>,
    /// Homes in projects without a delivery year.
    pub without_year: u64,
    pub by_region: BTreeMap<RegionId, u64>,
    pub by_municipality: BTreeMap<MunicipalityCode, u64>,
}

impl Summary {
    /// Adds up `selected`, counting only the homes in `classes` (the filter's classes).
    pub fn of<'a>(
        selected: impl IntoIterator<Item = &'a Selected<'a>>,
        classes: ClassSet,
        province: &Province,
    ) -> Summary {
        let mut s = Summary::default();
        for Selected { project: p, homes } in selected {
            let homes = u64::from(*homes);
            s.projects += 1;
            s.homes += homes;
            for class in classes.iter() {
                s.by_class[class.index()] += u64::from(p.homes.get(class));
            }
            *s.by_status.entry(p.status).or_default() += homes;
            match p.delivery_year {
                Some(year) => {
                    let row = s.by_year.entry(year).or_default();
                    for class in classes.iter() {
                        row[class.index()] += u64::from(p.homes.get(class));
                    }
                }
                None => s.without_year += homes,
            }
            if let Some(region) = province.region_of(&p.municipality) {
                *s.by_region.entry(region.id.clone()).or_default() += homes;
            }
            *s.by_municipality.entry(p.municipality.clone()).or_default() += homes;
        }
        s
    }

    pub fn class(&self, class: PriceClass) -> u64 {
        self.by_class[class.index()]
    }

}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::filter::Filter;
    use crate::province::tests::two_region_province;
    use crate::test_support::project;

    #[test]
    fn figures_add_up_per_class_year_and_region() {
        let mut a = project("a", "GM0001", &[(PriceClass::SocialeHuur, 43), (PriceClass::BetaalbareKoop, 12)]);
        a.delivery_year = Some(2026);
        let mut b = project("b", "GM0003", &[(PriceClass::DureKoop, 24)]);
        b.delivery_year = None;
        let catalog = Catalog::new(two_region_province(), [a, b], false);
        let filter = Filter::default();
        let selected = catalog.select(&filter);
        let s = Summary::of(&selected, filter.classes(), catalog.province());
        assert_eq!(s.projects, 2);
        assert_eq!(s.homes, 79);
        assert_eq!(s.class(PriceClass::SocialeHuur), 43);
        assert_eq!(s.by_year[&2026], [43, 0, 0, 12, 0, 0, 0, 0]);
        assert_eq!(s.without_year, 24);
        assert_eq!(s.by_region[&RegionId::from("west")], 55);
        assert_eq!(s.by_region[&RegionId::from("oost")], 24);
    }
}
