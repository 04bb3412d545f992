//! How many projects and homes each filter option would give.
//!
//! For each dimension the other dimensions stay as selected and this one is replaced by the
//! single option, the usual faceted-search rule: the counts say what a click would show.

use crate::catalog::Catalog;
use crate::filter::{CompiledFilter, Filter, Test};
use crate::project::{DeveloperKind, HousingForm, Project, Siting, Status};
use crate::segment::{ClassSet, PriceClass, Tenure};
use serde::{Deserialize, Serialize};
// Counting hashes a key per project; rustc-hash's hash is several times cheaper than the
// standard one for short keys, and the keys are our own data, not an attacker's choice.
use rustc_hash::FxHashMap as HashMap;

/// One option of one filter dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value as it appears in the URL.
    pub value: String,
    pub label: String,
    pub projects: u32,
    pub homes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    pub tenure: Vec<FacetCount>,
    pub price_class: Vec<FacetCount>,
    pub developer: Vec<FacetCount>,
    pub developer_kind: Vec<FacetCount>,
    pub region: Vec<FacetCount>,
    pub municipality: Vec<FacetCount>,
    pub status: Vec<FacetCount>,
    /// Per expected delivery year.
    pub year: Vec<FacetCount>,
    pub form: Vec<FacetCount>,
    pub siting: Vec<FacetCount>,
}

impl Facets {
    /// Only the options that would give something: what a page needs to show counts, since an
    /// option that is missing counts zero. Keeps the page's data small, and an embed's free of
    /// options from elsewhere.
    pub fn nonzero(mut self) -> Facets {
        for list in [
            &mut self.tenure,
            &mut self.price_class,
            &mut self.developer,
            &mut self.developer_kind,
            &mut self.region,
            &mut self.municipality,
            &mut self.status,
            &mut self.year,
            &mut self.form,
            &mut self.siting,
        ] {
            list.retain(|o| o.projects > 0);
        }
        self
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    projects: u32,
    homes: u64,
}

/// Per dimension, the projects and homes per option key.
#[derive(Default)]
struct Counts<'p> {
    tenure: HashMap<Tenure, Tally>,
    price_class: HashMap<PriceClass, Tally>,
    developer: HashMap<&'p str, Tally>,
    developer_kind: HashMap<DeveloperKind, Tally>,
    /// The region dimension's counts by municipality code, summed per region at the end (one
    /// search of the province's lists per municipality, not per project).
    region_by_municipality: HashMap<&'p str, Tally>,
    municipality: HashMap<&'p str, Tally>,
    status: HashMap<Status, Tally>,
    year: HashMap<u16, Tally>,
    form: HashMap<HousingForm, Tally>,
    siting: HashMap<Siting, Tally>,
}

fn hit<K: Eq + std::hash::Hash>(counts: &mut HashMap<K, Tally>, key: K, homes: u32) {
    let t = counts.entry(key).or_default();
    t.projects += 1;
    t.homes += u64::from(homes);
}

/// The dimensions a project fails, one bit per [`Test`] and one for the classes. A project
/// counts for an option of dimension `D` when it fails nothing but `D` (whose own selection is
/// replaced by the option), so one pass over the projects counts every dimension: each test
/// runs once per project, not once per dimension.
fn bit(test: Test) -> u16 {
    1 << test as u16
}

/// No homes in the selected tenure and price classes.
const CLASSES: u16 = 1 << Test::ALL.len();

/// The dimensions `p` fails under `filter`, and its homes in the selected classes.
fn failures(filter: &CompiledFilter<'_>, p: &Project) -> (u16, u32) {
    let mut failed = Test::ALL.iter().filter(|test| !filter.passes(**test, p)).fold(0, |bits, test| bits | bit(*test));
    let homes = p.homes.in_classes(filter.classes());
    if homes == 0 {
        failed |= CLASSES;
    }
    (failed, homes)
}

fn options<K: Eq + std::hash::Hash>(counts: &HashMap<K, Tally>, all: impl IntoIterator<Item = (K, String, String)>) -> Vec<FacetCount> {
    all.into_iter()
        .map(|(key, value, label)| {
            let t = counts.get(&key).copied().unwrap_or_default();
            FacetCount { value, label, projects: t.projects, homes: t.homes }
        })
        .collect()
}

fn enum_options<T: Copy + Eq + std::hash::Hash>(
    counts: &HashMap<T, Tally>,
    all: &[T],
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<FacetCount> {
    options(counts, all.iter().map(|v| (*v, slug(*v).to_owned(), label(*v).to_owned())))
}

/// The counts for every option of every dimension, in one pass over the projects.
pub fn facets(catalog: &Catalog, filter: &Filter) -> Facets {
    let province = catalog.province();
    let compiled = filter.compile(province);
    // The classes a tenure option counts (with the selected price classes), and the classes
    // the price class options may count (those of the selected tenure).
    let class_set = filter.price_class_set();
    let tenure_set = filter.tenure_classes();
    let mut c = Counts::default();
    for p in catalog.projects() {
        let (failed, homes) = failures(&compiled, p);
        // Fails nothing but `dimension` (nor the classes, unless they are it).
        let only_classes = failed & !CLASSES == 0;
        let only = |dimension: Test| failed & !bit(dimension) == 0;
        if only_classes {
            for t in Tenure::ALL {
                let homes = p.homes.in_classes(ClassSet::tenure(*t).intersect(class_set));
                if homes > 0 {
                    hit(&mut c.tenure, *t, homes);
                }
            }
            for class in tenure_set.iter() {
                let homes = p.homes.get(class);
                if homes > 0 {
                    hit(&mut c.price_class, class, homes);
                }
            }
        }
        if failed & CLASSES != 0 {
            continue;
        }
        if only(Test::Developer) {
            hit(&mut c.developer, p.developer.name.as_str(), homes);
        }
        if only(Test::DeveloperKind) {
            hit(&mut c.developer_kind, p.developer.kind, homes);
        }
        if only(Test::Region) {
            hit(&mut c.region_by_municipality, p.municipality.as_str(), homes);
        }
        if only(Test::Municipality) {
            hit(&mut c.municipality, p.municipality.as_str(), homes);
        }
        if only(Test::Status) {
            hit(&mut c.status, p.status, homes);
        }
        if let (true, Some(y)) = (only(Test::Years), p.delivery_year) {
            hit(&mut c.year, y, homes);
        }
        if only(Test::Form) {
            for f in HousingForm::ALL {
                if p.forms.get(*f) > 0 {
                    hit(&mut c.form, *f, homes);
                }
            }
        }
        if only(Test::Siting) {
            hit(&mut c.siting, p.siting(), homes);
        }
    }

    c.into_facets(catalog)
}

impl Counts<'_> {
    fn into_facets(self, catalog: &Catalog) -> Facets {
        let province = catalog.province();
        let mut regions: HashMap<&str, Tally> = HashMap::default();
        for m in &province.municipalities {
            if let Some(t) = self.region_by_municipality.get(m.code.as_str()) {
                let region = regions.entry(m.region.as_str()).or_default();
                region.projects += t.projects;
                region.homes += t.homes;
            }
        }
        Facets {
            tenure: enum_options(&self.tenure, Tenure::ALL, Tenure::slug, Tenure::label),
            price_class: enum_options(&self.price_class, PriceClass::ALL, PriceClass::slug, PriceClass::label),
            developer: options(&self.developer, catalog.developers().iter().map(|d| (d.as_str(), d.clone(), d.clone()))),
            developer_kind: enum_options(&self.developer_kind, DeveloperKind::ALL, DeveloperKind::slug, DeveloperKind::label),
            region: options(&regions, province.regions.iter().map(|r| (r.id.as_str(), r.id.to_string(), r.name.clone()))),
            municipality: options(&self.municipality, province.municipalities.iter().map(|m| (m.code.as_str(), m.code.to_string(), m.name.clone()))),
            status: enum_options(&self.status, Status::ALL, Status::slug, Status::label),
            year: options(&self.year, catalog.delivery_years().iter().map(|y| (*y, y.to_string(), y.to_string()))),
            form: enum_options(&self.form, HousingForm::ALL, HousingForm::slug, HousingForm::label),
            siting: enum_options(&self.siting, Siting::ALL, Siting::slug, Siting::label),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::project;
    use crate::test_support::two_region_province;

    fn catalog() -> Catalog {
        let mut b = project("b", "GM0003", &[(PriceClass::DureKoop, 24)]);
        b.status = Status::Idee;
        Catalog::new(two_region_province(), [project("a", "GM0001", &[(PriceClass::SocialeHuur, 43), (PriceClass::BetaalbareKoop, 12)]), b], false)
    }

    fn find<'a>(list: &'a [FacetCount], value: &str) -> &'a FacetCount {
        list.iter().find(|f| f.value == value).unwrap()
    }

    #[test]
    fn nonzero_keeps_exactly_the_options_that_give_something() {
        let c = catalog();
        let all = facets(&c, &Filter::default());
        let kept = all.clone().nonzero();
        assert!(kept.price_class.len() < all.price_class.len());
        assert_eq!(kept.price_class, all.price_class.iter().filter(|o| o.projects > 0).cloned().collect::<Vec<_>>());
    }

    #[test]
    fn price_class_counts_are_homes_in_that_class() {
        let f = facets(&catalog(), &Filter::default());
        let social = find(&f.price_class, "sociale-huur");
        assert_eq!((social.projects, social.homes), (1, 43));
        let cheap_buy = find(&f.price_class, "betaalbare-koop");
        assert_eq!((cheap_buy.projects, cheap_buy.homes), (1, 12));
    }

    #[test]
    fn a_dimension_ignores_its_own_selection_but_not_the_others() {
        let mut filter = Filter::default();
        filter.statuses.insert(Status::Idee);
        let f = facets(&catalog(), &filter);
        // Status options still count as if only that status were chosen.
        assert_eq!(find(&f.status, "vergund").projects, 1);
        assert_eq!(find(&f.status, "idee").projects, 1);
        // Other dimensions count within status = idee.
        assert_eq!(find(&f.region, "west").projects, 0);
        assert_eq!(find(&f.region, "oost").homes, 24);
    }

    /// The facets by their definition: per dimension, one pass with that dimension's own
    /// selection left out (what `facets` did before it counted all in one pass).
    fn by_definition(catalog: &Catalog, filter: &Filter) -> Facets {
        use crate::filter::{CompiledFilter, Dimension};
        fn each<'p>(catalog: &'p Catalog, filter: &Filter, d: Dimension, mut f: impl FnMut(&CompiledFilter<'_>, &'p Project)) {
            let relaxed = filter.without(d);
            let compiled = relaxed.compile(catalog.province());
            catalog.projects().iter().for_each(|p| f(&compiled, p));
        }
        let mut c = Counts::default();
        each(catalog, filter, Dimension::Tenure, |cf, p| {
            for t in Tenure::ALL {
                let homes = p.homes.in_classes(ClassSet::tenure(*t).intersect(filter.price_class_set()));
                if cf.matches_except_classes(p) && homes > 0 {
                    hit(&mut c.tenure, *t, homes);
                }
            }
        });
        each(catalog, filter, Dimension::PriceClass, |cf, p| {
            for class in filter.tenure_classes().iter() {
                if cf.matches_except_classes(p) && p.homes.get(class) > 0 {
                    hit(&mut c.price_class, class, p.homes.get(class));
                }
            }
        });
        each(catalog, filter, Dimension::Developer, |cf, p| cf.homes(p).into_iter().for_each(|h| hit(&mut c.developer, p.developer.name.as_str(), h)));
        each(catalog, filter, Dimension::DeveloperKind, |cf, p| cf.homes(p).into_iter().for_each(|h| hit(&mut c.developer_kind, p.developer.kind, h)));
        each(catalog, filter, Dimension::Region, |cf, p| cf.homes(p).into_iter().for_each(|h| hit(&mut c.region_by_municipality, p.municipality.as_str(), h)));
        each(catalog, filter, Dimension::Municipality, |cf, p| cf.homes(p).into_iter().for_each(|h| hit(&mut c.municipality, p.municipality.as_str(), h)));
        each(catalog, filter, Dimension::Status, |cf, p| cf.homes(p).into_iter().for_each(|h| hit(&mut c.status, p.status, h)));
        each(catalog, filter, Dimension::Years, |cf, p| {
            if let (Some(h), Some(y)) = (cf.homes(p), p.delivery_year) {
                hit(&mut c.year, y, h);
            }
        });
        each(catalog, filter, Dimension::Form, |cf, p| {
            if let Some(h) = cf.homes(p) {
                HousingForm::ALL.iter().filter(|f| p.forms.get(**f) > 0).for_each(|f| hit(&mut c.form, *f, h));
            }
        });
        each(catalog, filter, Dimension::Siting, |cf, p| cf.homes(p).into_iter().for_each(|h| hit(&mut c.siting, p.siting(), h)));
        c.into_facets(catalog)
    }

    mod by_definition {
        use super::*;
        use crate::project::PlanType;
        use proptest::prelude::*;
        use proptest::sample::{select, subsequence};

        fn any_project() -> impl Strategy<Value = Project> {
            (
                (select(vec!["GM0001", "GM0002", "GM0003"]), select(Status::ALL.to_vec()), select(DeveloperKind::ALL.to_vec())),
                (select(vec!["Woonstichting A", "Bouwbedrijf B", "Gemeente C"]), proptest::option::of(2024u16..2030), select(PlanType::ALL.to_vec())),
                (0u32..3, 0u32..3, proptest::collection::vec(0u32..4, PriceClass::ALL.len())),
            )
                .prop_map(|((municipality, status, kind), (developer, year, plan), (one_family, multi, homes))| {
                    let homes: Vec<_> = PriceClass::ALL.iter().copied().zip(homes).collect();
                    let mut p = project("p", municipality, &homes);
                    p.status = status;
                    p.developer.kind = kind;
                    p.developer.name = developer.to_owned();
                    p.delivery_year = year;
                    p.plan_type = plan;
                    p.forms.eengezins = one_family;
                    p.forms.meergezins = multi;
                    p
                })
        }

        fn some<T: Clone + std::fmt::Debug + Ord + 'static>(all: Vec<T>) -> impl Strategy<Value = std::collections::BTreeSet<T>> {
            let n = all.len();
            subsequence(all, 0..=n).prop_map(|v| v.into_iter().collect())
        }

        fn any_filter() -> impl Strategy<Value = Filter> {
            (
                (some(Tenure::ALL.to_vec()), some(PriceClass::ALL.to_vec()), some(vec!["Woonstichting A".to_owned(), "Gemeente C".to_owned()])),
                (some(DeveloperKind::ALL.to_vec()), some(vec!["west".into(), "oost".into()]), some(vec!["GM0001".into(), "GM0003".into()])),
                (some(Status::ALL.to_vec()), proptest::option::of(2024u16..2030), proptest::option::of(2025u16..2031)),
                (some(HousingForm::ALL.to_vec()), some(Siting::ALL.to_vec())),
            )
                .prop_map(
                    |((tenure, price_classes, developers), (developer_kinds, regions, municipalities), (statuses, from, to), (forms, sitings))| Filter {
                        tenure,
                        price_classes,
                        developers,
                        developer_kinds,
                        regions,
                        municipalities,
                        statuses,
                        years: crate::filter::YearRange { from, to },
                        forms,
                        sitings,
                    },
                )
        }

        proptest! {
            #[test]
            fn one_pass_counts_what_the_definition_counts(projects in proptest::collection::vec(any_project(), 0..40), filter in any_filter()) {
                let projects: Vec<Project> = projects.into_iter().enumerate().map(|(i, mut p)| { p.id = format!("p{i}").as_str().into(); p }).collect();
                let catalog = Catalog::new(two_region_province(), projects, false);
                prop_assert_eq!(facets(&catalog, &filter), by_definition(&catalog, &filter));
            }
        }
    }

    #[test]
    fn tenure_counts_respect_the_selected_price_classes() {
        let mut filter = Filter::default();
        filter.price_classes.insert(PriceClass::SocialeHuur);
        let f = facets(&catalog(), &filter);
        assert_eq!(find(&f.tenure, "huur").homes, 43);
        assert_eq!(find(&f.tenure, "koop").homes, 0);
    }
}
