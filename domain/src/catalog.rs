//! The public projects of a province: the only set the web layer can reach.
//!
//! [`Catalog::new`] drops every project that is not `openbaar`, so nothing built on a catalog
//! (pages, API responses, figures, caches) can show a confidential project.

use crate::filter::Filter;
use crate::ids::{MunicipalityCode, ProjectId};
use crate::project::Project;
use crate::province::Province;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct Catalog {
    province: Province,
    projects: Vec<Project>,
    /// Each project's place in name order (case-insensitive, then id), by its place in
    /// `projects`: worked out once, so that ordering a list compares numbers, not names (at
    /// 100,000 projects, lowercasing names inside the sort took most of a page's 500 ms).
    name_rank: Vec<u32>,
    /// Every developer name and delivery year present, sorted: the filter's options, read by
    /// every page (gathering them per page searched a set per project).
    developers: Vec<String>,
    delivery_years: Vec<u16>,
    /// Homes in the dropped non-public projects, per municipality: a total only, kept for the
    /// labelled line the configuration may publish. No other trace of them is kept.
    withheld: BTreeMap<MunicipalityCode, u64>,
    demo: bool,
}

/// A project that matches a filter, with the homes the filter selects in it.
#[derive(Debug, Clone, Copy)]
pub struct Selected<'a> {
    pub project: &'a Project,
    pub homes: u32,
    /// The project's place in name order ([`Catalog::sort`]).
    name_rank: u32,
}

labelled_enum! {
    /// How the list is ordered.
    pub enum SortKey {
        Name => ("naam", "Naam"),
        Homes => ("woningen", "Woningen"),
        Delivery => ("oplevering", "Oplevering"),
        Municipality => ("gemeente", "Gemeente"),
        Status => ("status", "Status"),
    }
}

labelled_enum! {
    pub enum SortOrder {
        Ascending => ("op", "oplopend"),
        Descending => ("af", "aflopend"),
    }
}

impl Catalog {
    /// Keeps only the public projects, ordered by id.
    pub fn new(province: Province, projects: impl IntoIterator<Item = Project>, demo: bool) -> Self {
        let mut withheld = BTreeMap::new();
        let mut projects: Vec<Project> = projects
            .into_iter()
            .filter(|p| {
                if !p.is_public() && p.status != crate::Status::Afgevallen {
                    *withheld.entry(p.municipality.clone()).or_default() += u64::from(p.total_homes());
                }
                p.is_public()
            })
            .collect();
        projects.sort_by(|a, b| a.id.cmp(&b.id));
        let keys: Vec<String> = projects.iter().map(|p| natural_key(&p.name)).collect();
        let mut by_name: Vec<u32> = (0..projects.len() as u32).collect();
        // Ids are ascending already: a stable sort by name leaves ties in id order.
        by_name.sort_by(|a, b| keys[*a as usize].cmp(&keys[*b as usize]));
        let mut name_rank = vec![0; projects.len()];
        for (rank, index) in by_name.into_iter().enumerate() {
            name_rank[index as usize] = rank as u32;
        }
        // A project without a developer's name is no developer to choose.
        let developers: BTreeSet<&str> = projects.iter().map(|p| p.developer.name.as_str()).filter(|n| !n.trim().is_empty()).collect();
        let developers = developers.into_iter().map(str::to_owned).collect();
        let delivery_years: BTreeSet<u16> = projects.iter().filter_map(|p| p.delivery_year).collect();
        let delivery_years = delivery_years.into_iter().collect();
        Self { province, projects, name_rank, developers, delivery_years, withheld, demo }
    }

    /// Homes in non-public plans per municipality (not published unless the province says so).
    pub fn withheld_homes(&self) -> &BTreeMap<MunicipalityCode, u64> {
        &self.withheld
    }

    pub fn province(&self) -> &Province {
        &self.province
    }

    pub fn projects(&self) -> &[Project] {
        &self.projects
    }

    /// Whether the projects are the generated demo dataset.
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    /// The last day a public project changed (`JJJJ-MM-DD`): the date the published data are
    /// current to. `None` when no public project has a date.
    pub fn last_updated(&self) -> Option<&str> {
        self.projects.iter().map(|p| p.last_updated.as_str()).filter(|d| crate::import::is_date(d)).max()
    }

    pub fn get(&self, id: &ProjectId) -> Option<&Project> {
        self.projects.binary_search_by(|p| p.id.cmp(id)).ok().map(|i| &self.projects[i])
    }

    /// The projects that match, in id order.
    pub fn select<'a>(&'a self, filter: &'a Filter) -> Vec<Selected<'a>> {
        let compiled = filter.compile(&self.province);
        self.projects
            .iter()
            .zip(&self.name_rank)
            .filter_map(|(project, name_rank)| compiled.homes(project).map(|homes| Selected { project, homes, name_rank: *name_rank }))
            .collect()
    }

    /// Every developer name, sorted.
    pub fn developers(&self) -> &[String] {
        &self.developers
    }

    /// Every delivery year present, sorted.
    pub fn delivery_years(&self) -> &[u16] {
        &self.delivery_years
    }

    /// Orders selected projects for the list; ties are broken by name, then id.
    pub fn sort(&self, selected: &mut [Selected<'_>], key: SortKey, order: SortOrder) {
        selected.sort_by(self.list_order(key, order));
    }

    /// Puts the first `n` of the selected projects in the list's order, as [`Catalog::sort`]
    /// would; the rest follow in no order. A page shows its first rows only, and choosing 50 of
    /// 100,000 takes about one pass over them where ordering them all takes about seventeen.
    pub fn sort_first(&self, selected: &mut [Selected<'_>], n: usize, key: SortKey, order: SortOrder) {
        let before = self.list_order(key, order);
        if n == 0 || n >= selected.len() {
            selected.sort_by(before);
            return;
        }
        // The order is total (the name rank breaks every tie), so the first `n` are exactly
        // those of the full sort.
        selected.select_nth_unstable_by(n - 1, &before);
        selected[..n].sort_by(before);
    }

    /// The list's order for `key` and `order`: a total order, ties broken by name, then id.
    fn list_order(&self, key: SortKey, order: SortOrder) -> impl Fn(&Selected<'_>, &Selected<'_>) -> Ordering + '_ {
        let by_key = move |a: &Selected<'_>, b: &Selected<'_>| -> Ordering {
            match key {
                SortKey::Name => Ordering::Equal,
                SortKey::Homes => a.homes.cmp(&b.homes),
                // Unknown years sort last when ascending.
                SortKey::Delivery => a.project.delivery_year.unwrap_or(u16::MAX).cmp(&b.project.delivery_year.unwrap_or(u16::MAX)),
                SortKey::Municipality => self.province.municipality_name(&a.project.municipality).cmp(self.province.municipality_name(&b.project.municipality)),
                SortKey::Status => a.project.status.cmp(&b.project.status),
            }
        };
        move |a: &Selected<'_>, b: &Selected<'_>| {
            let primary = match order {
                SortOrder::Ascending => by_key(a, b),
                SortOrder::Descending => by_key(b, a),
            };
            primary.then_with(|| {
                let name = a.name_rank.cmp(&b.name_rank);
                if key == SortKey::Name && order == SortOrder::Descending {
                    name.reverse()
                } else {
                    name
                }
            })
        }
    }
}

/// Case-insensitive natural name order: numbers by their value, so "Assen 2" comes before
/// "Assen 10" (each run of digits is written 20 wide, which string order then compares as
/// numbers).
fn natural_key(name: &str) -> String {
    const WIDTH: usize = 20;
    fn flush(digits: &mut String, key: &mut String) {
        let value = digits.trim_start_matches('0');
        key.extend(std::iter::repeat_n('0', WIDTH.saturating_sub(value.len())));
        key.push_str(value);
        digits.clear();
    }
    let mut key = String::with_capacity(name.len() + WIDTH);
    let mut digits = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                flush(&mut digits, &mut key);
            }
            key.push(c);
        }
    }
    if !digits.is_empty() {
        flush(&mut digits, &mut key);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Confidentiality;
    use crate::segment::PriceClass;
    use crate::test_support::project;
    use crate::test_support::two_region_province;

    #[test]
    fn names_are_in_natural_order() {
        let names = ["Assen 10", "assen 2", "Assen 1b", "Beilen", "Assen", "Assen 002a", "Assen 2"];
        let projects = names.iter().enumerate().map(|(i, n)| {
            let mut p = project(&format!("p{i}"), "GM0001", &[(PriceClass::DureKoop, 1)]);
            p.name = (*n).to_owned();
            p
        });
        let catalog = Catalog::new(two_region_province(), projects, false);
        let filter = crate::Filter::default();
        let mut selected = catalog.select(&filter);
        catalog.sort(&mut selected, SortKey::Name, SortOrder::Ascending);
        let order: Vec<&str> = selected.iter().map(|s| s.project.name.as_str()).collect();
        assert_eq!(order, ["Assen", "Assen 1b", "assen 2", "Assen 2", "Assen 002a", "Assen 10", "Beilen"]);
    }

    #[test]
    fn the_data_are_as_recent_as_the_last_public_change() {
        let dated = |id: &str, day: &str, public: bool| {
            let mut p = project(id, "GM0001", &[(PriceClass::DureKoop, 1)]);
            p.last_updated = day.to_owned();
            if !public {
                p.confidentiality = Confidentiality::Gemeente;
            }
            p
        };
        let projects = [dated("a", "2025-03-01", true), dated("b", "2026-01-31", true), dated("c", "2026-11-30", false), dated("d", "", true)];
        assert_eq!(Catalog::new(two_region_province(), projects, false).last_updated(), Some("2026-01-31"));
        assert_eq!(Catalog::new(two_region_province(), [dated("d", "", true)], false).last_updated(), None);
    }

    #[test]
    fn non_public_projects_never_enter_a_catalog() {
        let mut secret = project("geheim", "GM0001", &[(PriceClass::DureKoop, 8)]);
        secret.confidentiality = Confidentiality::Gemeente;
        let mut provincial = project("prov", "GM0001", &[(PriceClass::DureKoop, 8)]);
        provincial.confidentiality = Confidentiality::Provincie;
        let open = project("open", "GM0001", &[(PriceClass::DureKoop, 8)]);
        let catalog = Catalog::new(two_region_province(), [secret, provincial, open], false);
        assert_eq!(catalog.projects().len(), 1);
        assert!(catalog.get(&"geheim".into()).is_none());
        assert!(catalog.get(&"open".into()).is_some());
    }

    #[test]
    fn names_sort_without_regard_to_case_and_ties_keep_to_the_name() {
        let named = |id: &str, name: &str, homes: u32| {
            let mut p = project(id, "GM0001", &[(PriceClass::DureKoop, homes)]);
            p.name = name.to_owned();
            p
        };
        let catalog =
            Catalog::new(two_region_province(), [named("1", "beta", 5), named("2", "Alpha", 5), named("3", "alpha", 9), named("4", "Gamma", 5)], false);
        let filter = Filter::default();
        let order = |key, order| {
            let mut selected = catalog.select(&filter);
            catalog.sort(&mut selected, key, order);
            selected.iter().map(|s| s.project.id.as_str()).collect::<Vec<_>>().join("")
        };
        assert_eq!(order(SortKey::Name, SortOrder::Ascending), "2314");
        assert_eq!(order(SortKey::Name, SortOrder::Descending), "4132");
        // Equal homes: by name.
        assert_eq!(order(SortKey::Homes, SortOrder::Ascending), "2143");
    }

    #[test]
    fn the_first_rows_are_those_of_the_whole_order() {
        // Many ties (two municipalities, a few sizes, repeated names), so the name rank decides.
        let projects = (0..60).map(|i: u32| {
            let mut p = project(&format!("p{i:02}"), ["GM0001", "GM0002"][(i % 2) as usize], &[(PriceClass::DureKoop, 1 + i * 7 % 5)]);
            p.name = ["Noord", "zuid", "Oost", "west"][(i * 3 % 4) as usize].to_owned();
            p.delivery_year = (!i.is_multiple_of(3)).then_some(2025 + (i % 4) as u16);
            p.status = crate::Status::ALL[(i % 3) as usize];
            p
        });
        let catalog = Catalog::new(two_region_province(), projects, false);
        let filter = Filter::default();
        let ids = |s: &[Selected<'_>]| s.iter().map(|s| s.project.id.to_string()).collect::<Vec<_>>();
        for key in SortKey::ALL {
            for order in SortOrder::ALL {
                let mut all = catalog.select(&filter);
                catalog.sort(&mut all, *key, *order);
                for n in [0, 1, 7, 30, 59, 60, 61] {
                    let mut first = catalog.select(&filter);
                    catalog.sort_first(&mut first, n, *key, *order);
                    // Nothing to choose (0, or all of them): the whole order.
                    let shown = if n == 0 { 60 } else { n.min(60) };
                    assert_eq!(ids(&first[..shown]), ids(&all[..shown]), "{key:?} {order:?} first {n}");
                }
            }
        }
    }

    #[test]
    fn sorting_by_homes_descending() {
        let catalog = Catalog::new(
            two_region_province(),
            [
                project("a", "GM0001", &[(PriceClass::DureKoop, 8)]),
                project("b", "GM0001", &[(PriceClass::DureKoop, 30)]),
                project("c", "GM0001", &[(PriceClass::DureKoop, 12)]),
            ],
            false,
        );
        let filter = Filter::default();
        let mut selected = catalog.select(&filter);
        catalog.sort(&mut selected, SortKey::Homes, SortOrder::Descending);
        let ids: Vec<_> = selected.iter().map(|s| s.project.id.as_str()).collect();
        assert_eq!(ids, ["b", "c", "a"]);
    }
}
