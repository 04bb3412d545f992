//! How many projects and homes each filter option would give.
//!
//! For each dimension the other dimensions stay as selected and this one is replaced by the
//! single option, the usual faceted-search rule: the counts say what a click would show.

use crate::catalog::Catalog;
use crate::filter::{CompiledFilter, Dimension, Filter};
use crate::project::{DeveloperKind, HousingForm, PlanKind, Project, Status};
use crate::segment::{ClassSet, PriceClass, Tenure};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    pub plan_kind: Vec<FacetCount>,
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
            &mut self.plan_kind,
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

/// Counts per option key for one dimension.
fn tally<'p, K: Eq + std::hash::Hash>(
    catalog: &'p Catalog,
    filter: &Filter,
    dimension: Dimension,
    mut hits: impl FnMut(&CompiledFilter<'_>, &'p Project, &mut dyn FnMut(K, u32)),
) -> HashMap<K, Tally> {
    let relaxed = filter.without(dimension);
    let compiled = relaxed.compile(catalog.province());
    let mut counts: HashMap<K, Tally> = HashMap::new();
    for project in catalog.projects() {
        hits(&compiled, project, &mut |key, homes| {
            let t = counts.entry(key).or_default();
            t.projects += 1;
            t.homes += u64::from(homes);
        });
    }
    counts
}

fn options<K: Eq + std::hash::Hash>(
    counts: &HashMap<K, Tally>,
    all: impl IntoIterator<Item = (K, String, String)>,
) -> Vec<FacetCount> {
    all.into_iter()
        .map(|(key, value, label)| {
            let t = counts.get(&key).copied().unwrap_or_default();
            FacetCount {
                value,
                label,
                projects: t.projects,
                homes: t.homes,
            }
        })
        .collect()
}

fn enum_options<T: Copy + Eq + std::hash::Hash>(
    counts: &HashMap<T, Tally>,
    all: &[T],
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<FacetCount> {
    options(
        counts,
        all.iter().map(|v| (*v, slug(*v).to_owned(), label(*v).to_owned())),
    )
}

/// The counts for every option of every dimension.
pub fn facets(catalog: &Catalog, filter: &Filter) -> Facets {
    let province = catalog.province();

    // Tenure: the other dimensions as selected, the price classes as selected, one tenure.
    let class_set = filter.price_class_set();
    let tenure = tally(catalog, filter, Dimension::Tenure, |c, p, hit| {
        if c.matches_except_classes(p) {
            for t in Tenure::ALL {
                let homes = p.homes.in_classes(ClassSet::tenure(*t).intersect(class_set));
                if homes > 0 {
                    hit(*t, homes);
                }
            }
        }
    });
    let tenure_set = filter.tenure_classes();
    let price_class = tally(catalog, filter, Dimension::PriceClass, |c, p, hit| {
        if c.matches_except_classes(p) {
            for class in tenure_set.iter() {
                let homes = p.homes.get(class);
                if homes > 0 {
                    hit(class, homes);
                }
            }
        }
    });
    let developer = tally(catalog, filter, Dimension::Developer, |c, p, hit| {
        if let Some(h) = c.homes(p) {
            hit(p.developer.name.as_str(), h)
        }
    });
    let developer_kind = tally(catalog, filter, Dimension::DeveloperKind, |c, p, hit| {
        if let Some(h) = c.homes(p) {
            hit(p.developer.kind, h)
        }
    });
    let region = tally(catalog, filter, Dimension::Region, |c, p, hit| {
        if let (Some(h), Some(r)) = (c.homes(p), province.region_of(&p.municipality)) {
            hit(r.id.as_str(), h)
        }
    });
    let municipality = tally(catalog, filter, Dimension::Municipality, |c, p, hit| {
        if let Some(h) = c.homes(p) {
            hit(p.municipality.as_str(), h)
        }
    });
    let status = tally(catalog, filter, Dimension::Status, |c, p, hit| {
        if let Some(h) = c.homes(p) {
            hit(p.status, h)
        }
    });
    let year = tally(catalog, filter, Dimension::Years, |c, p, hit| {
        if let (Some(h), Some(y)) = (c.homes(p), p.delivery_year) {
            hit(y, h)
        }
    });
    let form = tally(catalog, filter, Dimension::Form, |c, p, hit| {
        if let Some(h) = c.homes(p) {
            for f in HousingForm::ALL {
                if p.forms.get(*f) > 0 {
                    hit(*f, h)
                }
            }
        }
    });
    let plan_kind = tally(catalog, filter, Dimension::PlanKind, |c, p, hit| {
        if let Some(h) = c.homes(p) {
            hit(p.plan_kind(), h)
        }
    });

    Facets {
        tenure: enum_options(&tenure, Tenure::ALL, Tenure::slug, Tenure::label),
        price_class: enum_options(&price_class, PriceClass::ALL, PriceClass::slug, PriceClass::label),
        developer: options(
            &developer,
            catalog
                .developers()
                .into_iter()
                .map(|d| (d, d.to_owned(), d.to_owned())),
        ),
        developer_kind: enum_options(
            &developer_kind,
            DeveloperKind::ALL,
            DeveloperKind::slug,
            DeveloperKind::label,
        ),
        region: options(
            &region,
            province
                .regions
                .iter()
                .map(|r| (r.id.as_str(), r.id.to_string(), r.name.clone())),
        ),
        municipality: options(
            &municipality,
            province
                .municipalities
                .iter()
                .map(|m| (m.code.as_str(), m.code.to_string(), m.name.clone())),
        ),
        status: enum_options(&status, Status::ALL, Status::slug, Status::label),
        year: options(
            &year,
            catalog
                .delivery_years()
                .into_iter()
                .map(|y| (y, y.to_string(), y.to_string())),
        ),
        form: enum_options(&form, HousingForm::ALL, HousingForm::slug, HousingForm::label),
        plan_kind: enum_options(&plan_kind, PlanKind::ALL, PlanKind::slug, PlanKind::label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::two_region_province;
    use crate::test_support::project;

    fn catalog() -> Catalog {
        let mut b = project("b", "GM0003", &[(PriceClass::DureKoop, 24)]);
        b.status = Status::Idee;
        Catalog::new(
            two_region_province(),
            [
                project("a", "GM0001", &[(PriceClass::SocialeHuur, 43), (PriceClass::BetaalbareKoop, 12)]),
                b,
            ],
            false,
        )
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

    #[test]
    fn tenure_counts_respect_the_selected_price_classes() {
        let mut filter = Filter::default();
        filter.price_classes.insert(PriceClass::SocialeHuur);
        let f = facets(&catalog(), &filter);
        assert_eq!(find(&f.tenure, "huur").homes, 43);
        assert_eq!(find(&f.tenure, "koop").homes, 0);
    }
}
