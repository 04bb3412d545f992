//! Figures over a selection: homes per price class, status, delivery year, region,
//! municipality, housing form, location and developer. The map page's totals, the region
//! pages' charts and tables and the statistics API all come from this one aggregation.

use crate::catalog::Selected;
use crate::ids::{MunicipalityCode, RegionId};
use crate::project::{DeveloperKind, Siting, Status};
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
    /// Homes per expected delivery year, split by price class (plans that fell away excluded).
    pub by_year: BTreeMap<u16, [u64; CLASS_COUNT]>,
    /// Homes in projects without a delivery year (plans that fell away excluded).
    pub without_year: u64,
    pub by_region: BTreeMap<RegionId, u64>,
    pub by_municipality: BTreeMap<MunicipalityCode, u64>,
    /// Homes by housing form: eengezins, meergezins, not known. When a price-class filter
    /// selects part of a mixed project, its forms are shared out in proportion.
    pub by_form: [u64; 3],
    /// Homes inside the built-up area (inbreiding) and outside it (uitbreiding).
    pub by_siting: [u64; 2],
    /// The developers with the most homes, most first (at most [`TOP_DEVELOPERS`]).
    pub top_developers: Vec<DeveloperHomes>,
    /// Homes of every other developer.
    pub other_developers: u64,
    /// Homes in projects whose developer is not known yet (no name): never a developer of its
    /// own.
    pub without_developer: u64,
}

/// How many developers [`Summary::top_developers`] names.
pub const TOP_DEVELOPERS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeveloperHomes {
    pub name: String,
    pub kind: DeveloperKind,
    pub projects: u32,
    pub homes: u64,
}

impl Summary {
    /// Adds up `selected`, counting only the homes in `classes` (the filter's classes).
    pub fn of<'a>(selected: impl IntoIterator<Item = &'a Selected<'a>>, classes: ClassSet, province: &Province) -> Summary {
        let mut s = Summary::default();
        // Hashed with rustc-hash: a developer's name per project (see `facets`).
        let mut developers: rustc_hash::FxHashMap<&str, DeveloperHomes> = Default::default();
        // Per municipality by reference; owned codes and regions once each, after the loop (a
        // clone and a search of the province's lists per project were a large part of the
        // 100,000-project page's time).
        let mut by_municipality: BTreeMap<&MunicipalityCode, u64> = BTreeMap::new();
        for Selected { project: p, homes, .. } in selected {
            let selected_homes = *homes;
            let homes = u64::from(*homes);
            s.projects += 1;
            s.homes += homes;
            for class in classes.iter() {
                s.by_class[class.index()] += u64::from(p.homes.get(class));
            }
            *s.by_status.entry(p.status).or_default() += homes;
            match p.delivery_year {
                // A plan that fell away will deliver nothing, in any year.
                _ if p.status == Status::Afgevallen => {}
                Some(year) => {
                    let row = s.by_year.entry(year).or_default();
                    for class in classes.iter() {
                        row[class.index()] += u64::from(p.homes.get(class));
                    }
                }
                None => s.without_year += homes,
            }
            *by_municipality.entry(&p.municipality).or_default() += homes;
            let total = p.total_homes();
            let share = |n: u32| {
                if selected_homes == total {
                    u64::from(n)
                } else {
                    u64::from(n) * homes / u64::from(total.max(1))
                }
            };
            // Clamped, so a project whose forms add up to more than its homes can't inflate them.
            let eengezins = share(p.forms.eengezins).min(homes);
            let meergezins = share(p.forms.meergezins).min(homes - eengezins);
            s.by_form[0] += eengezins;
            s.by_form[1] += meergezins;
            s.by_form[2] += homes - eengezins - meergezins;
            s.by_siting[usize::from(p.siting() == Siting::Uitbreiding)] += homes;
            if p.developer.name.trim().is_empty() {
                s.without_developer += homes;
            } else {
                let developer = developers.entry(p.developer.name.as_str()).or_insert_with(|| DeveloperHomes {
                    name: p.developer.name.clone(),
                    kind: p.developer.kind,
                    projects: 0,
                    homes: 0,
                });
                developer.projects += 1;
                developer.homes += homes;
            }
        }
        for (code, homes) in by_municipality {
            if let Some(region) = province.region_of(code) {
                *s.by_region.entry(region.id.clone()).or_default() += homes;
            }
            s.by_municipality.insert(code.clone(), homes);
        }
        let mut developers: Vec<DeveloperHomes> = developers.into_values().filter(|d| d.homes > 0).collect();
        developers.sort_by(|a, b| b.homes.cmp(&a.homes).then_with(|| a.name.cmp(&b.name)));
        s.other_developers = developers.iter().skip(TOP_DEVELOPERS).map(|d| d.homes).sum();
        developers.truncate(TOP_DEVELOPERS);
        s.top_developers = developers;
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
    use crate::project::FormCounts;
    use crate::test_support::project;
    use crate::test_support::two_region_province;

    #[test]
    fn a_project_without_a_developer_is_no_developer_and_no_filter_option() {
        let named = project("a", "GM0001", &[(PriceClass::SocialeHuur, 10)]);
        let mut unnamed = project("b", "GM0001", &[(PriceClass::SocialeHuur, 7)]);
        unnamed.developer.name = " ".into();
        let catalog = Catalog::new(two_region_province(), [named.clone(), unnamed], false);
        let filter = Filter::default();
        let s = Summary::of(&catalog.select(&filter), filter.classes(), catalog.province());
        assert_eq!(s.without_developer, 7);
        assert_eq!(s.top_developers.len(), 1);
        assert_eq!(s.top_developers[0].name, named.developer.name);
        assert_eq!(catalog.developers(), std::slice::from_ref(&named.developer.name));
        let options = crate::facets::facets(&catalog, &filter);
        assert!(options.developer.iter().all(|o| !o.value.trim().is_empty()), "{:?}", options.developer);
    }

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
        assert_eq!(s.by_form, [79, 0, 0]);
        assert_eq!(s.by_siting, [79, 0]);
        assert_eq!(s.top_developers.len(), 1);
        assert_eq!(s.top_developers[0].homes, 79);
        assert_eq!(s.top_developers[0].projects, 2);
    }

    #[test]
    fn a_partly_selected_project_shares_its_forms_out() {
        let mut a = project("a", "GM0001", &[(PriceClass::SocialeHuur, 30), (PriceClass::DureKoop, 10)]);
        a.forms = FormCounts { eengezins: 20, meergezins: 20 };
        let catalog = Catalog::new(two_region_province(), [a], false);
        let filter = Filter { price_classes: [PriceClass::SocialeHuur].into(), ..Filter::default() };
        let selected = catalog.select(&filter);
        let s = Summary::of(&selected, filter.classes(), catalog.province());
        assert_eq!(s.homes, 30);
        assert_eq!(s.by_form, [15, 15, 0]);
    }

    #[test]
    fn developers_beyond_the_top_are_added_up() {
        let projects = (0..13).map(|i| {
            let mut p = project(&format!("p{i:02}"), "GM0001", &[(PriceClass::DureKoop, 10 + i)]);
            p.developer.name = format!("Bouwer {i:02}");
            p
        });
        let catalog = Catalog::new(two_region_province(), projects, false);
        let filter = Filter::default();
        let s = Summary::of(&catalog.select(&filter), filter.classes(), catalog.province());
        assert_eq!(s.top_developers.len(), TOP_DEVELOPERS);
        assert_eq!(s.top_developers[0].name, "Bouwer 12");
        assert_eq!(s.other_developers, 10 + 11 + 12);
        let named: u64 = s.top_developers.iter().map(|d| d.homes).sum();
        assert_eq!(named + s.other_developers, s.homes);
    }
}
