//! What a resident selects, and how it is applied to projects.
//!
//! Within a dimension the selected options are alternatives (OR); across dimensions they all
//! apply (AND). An empty dimension does not filter. Price class and tenure are special: they
//! select *homes*, not projects. A project matches when it has homes in the selected classes,
//! and it then counts only those homes.

use crate::ids::{MunicipalityCode, RegionId};
use crate::project::{DeveloperKind, HousingForm, Project, Siting, Status};
use crate::province::{Area, Province};
use crate::segment::{ClassSet, PriceClass, SegmentCounts, Tenure};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Expected delivery years, both ends inclusive and optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct YearRange {
    pub from: Option<u16>,
    pub to: Option<u16>,
}

impl YearRange {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// A project without a delivery year only matches an open range.
    pub fn contains(&self, year: Option<u16>) -> bool {
        if self.is_open() {
            return true;
        }
        match year {
            None => false,
            Some(y) => self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t),
        }
    }
}

/// The filter dimensions, for facets and for clearing one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Tenure,
    PriceClass,
    Developer,
    DeveloperKind,
    Region,
    Municipality,
    Status,
    Years,
    Form,
    Siting,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Filter {
    pub tenure: BTreeSet<Tenure>,
    pub price_classes: BTreeSet<PriceClass>,
    pub developers: BTreeSet<String>,
    pub developer_kinds: BTreeSet<DeveloperKind>,
    pub regions: BTreeSet<RegionId>,
    pub municipalities: BTreeSet<MunicipalityCode>,
    pub statuses: BTreeSet<Status>,
    pub years: YearRange,
    pub forms: BTreeSet<HousingForm>,
    pub sitings: BTreeSet<Siting>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The same filter with one dimension cleared.
    pub fn without(&self, dimension: Dimension) -> Filter {
        let mut f = self.clone();
        match dimension {
            Dimension::Tenure => f.tenure.clear(),
            Dimension::PriceClass => f.price_classes.clear(),
            Dimension::Developer => f.developers.clear(),
            Dimension::DeveloperKind => f.developer_kinds.clear(),
            Dimension::Region => f.regions.clear(),
            Dimension::Municipality => f.municipalities.clear(),
            Dimension::Status => f.statuses.clear(),
            Dimension::Years => f.years = YearRange::default(),
            Dimension::Form => f.forms.clear(),
            Dimension::Siting => f.sitings.clear(),
        }
        f
    }

    /// The same filter narrowed to an area (adds the region or municipality to those selected).
    pub fn within(&self, area: &Area) -> Filter {
        let mut f = self.clone();
        match area {
            Area::Province => {}
            Area::Region(id) => {
                f.regions.insert(id.clone());
            }
            Area::Municipality(code) => {
                f.municipalities.insert(code.clone());
            }
        }
        f
    }

    /// The price classes whose homes count: those of the selected tenures and classes.
    pub fn classes(&self) -> ClassSet {
        self.tenure_classes().intersect(self.price_class_set())
    }

    /// The classes allowed by the tenure dimension alone.
    pub fn tenure_classes(&self) -> ClassSet {
        if self.tenure.is_empty() {
            return ClassSet::ALL;
        }
        self.tenure.iter().fold(ClassSet::EMPTY, |set, t| set.union(ClassSet::tenure(*t)))
    }

    /// The classes allowed by the price-class dimension alone.
    pub fn price_class_set(&self) -> ClassSet {
        if self.price_classes.is_empty() {
            ClassSet::ALL
        } else {
            ClassSet::of(self.price_classes.iter().copied())
        }
    }

    /// Prepares the filter for a province: regions become the municipalities they hold.
    pub fn compile<'a>(&'a self, province: &'a Province) -> CompiledFilter<'a> {
        let in_regions = (!self.regions.is_empty()).then(|| {
            let mut codes: Vec<&MunicipalityCode> =
                province.regions.iter().filter(|r| self.regions.contains(&r.id)).flat_map(|r| r.municipalities.iter()).collect();
            codes.sort_unstable();
            codes.dedup();
            codes
        });
        CompiledFilter { filter: self, classes: self.classes(), in_regions }
    }
}

/// The tests a filter makes of a project, one per dimension, besides the classes (tenure and
/// price class select homes, not projects: [`CompiledFilter::homes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    Region,
    Municipality,
    Status,
    DeveloperKind,
    Developer,
    Years,
    Form,
    Siting,
}

impl Test {
    pub const ALL: [Test; 8] = [Test::Region, Test::Municipality, Test::Status, Test::DeveloperKind, Test::Developer, Test::Years, Test::Form, Test::Siting];
}

/// A filter ready to test projects quickly.
#[derive(Debug, Clone)]
pub struct CompiledFilter<'a> {
    filter: &'a Filter,
    classes: ClassSet,
    /// The selected regions' municipalities, sorted (a province has a few dozen, found by binary
    /// search); `None` when no region is selected.
    in_regions: Option<Vec<&'a MunicipalityCode>>,
}

impl CompiledFilter<'_> {
    pub fn classes(&self) -> ClassSet {
        self.classes
    }

    /// The homes of `project` that this filter selects, or `None` when it doesn't match.
    pub fn homes(&self, project: &(impl Filterable + ?Sized)) -> Option<u32> {
        if !self.matches_except_classes(project) {
            return None;
        }
        let homes = project.segment_counts().in_classes(self.classes);
        (homes > 0).then_some(homes)
    }

    pub fn matches(&self, project: &(impl Filterable + ?Sized)) -> bool {
        self.homes(project).is_some()
    }

    /// Every dimension except tenure and price class: every [`Test`], written out so that each
    /// is its one comparison (a loop over them took twice as long in `cargo bench`'s map_select).
    pub fn matches_except_classes(&self, p: &(impl Filterable + ?Sized)) -> bool {
        use Test::*;
        self.passes(Region, p)
            && self.passes(Municipality, p)
            && self.passes(Status, p)
            && self.passes(DeveloperKind, p)
            && self.passes(Developer, p)
            && self.passes(Years, p)
            && self.passes(Form, p)
            && self.passes(Siting, p)
    }

    /// Whether `p` passes one test (an empty dimension passes everything).
    #[inline(always)]
    pub fn passes(&self, test: Test, p: &(impl Filterable + ?Sized)) -> bool {
        let f = self.filter;
        match test {
            Test::Region => self.in_regions.as_ref().is_none_or(|codes| codes.binary_search(&p.municipality_code()).is_ok()),
            Test::Municipality => f.municipalities.is_empty() || f.municipalities.contains(p.municipality_code()),
            Test::Status => f.statuses.is_empty() || f.statuses.contains(&p.current_status()),
            Test::DeveloperKind => f.developer_kinds.is_empty() || f.developer_kinds.contains(&p.developer_kind()),
            Test::Developer => f.developers.is_empty() || f.developers.contains(p.developer_name()),
            Test::Years => f.years.contains(p.expected_delivery()),
            Test::Form => f.forms.is_empty() || f.forms.iter().any(|form| p.has_form(*form)),
            Test::Siting => f.sitings.is_empty() || f.sitings.contains(&p.location_kind()),
        }
    }
}

/// What a filter reads of a project. [`Project`] has it, and so has a row of the map's compact
/// data ([`crate::map_points::MapRow`]), so the server and the browser filter with this one
/// code and cannot disagree.
pub trait Filterable {
    fn municipality_code(&self) -> &MunicipalityCode;
    fn current_status(&self) -> Status;
    fn developer_kind(&self) -> DeveloperKind;
    fn developer_name(&self) -> &str;
    fn expected_delivery(&self) -> Option<u16>;
    /// Whether it has homes of this form.
    fn has_form(&self, form: HousingForm) -> bool;
    fn location_kind(&self) -> Siting;
    fn segment_counts(&self) -> SegmentCounts;
}

impl Filterable for Project {
    fn municipality_code(&self) -> &MunicipalityCode {
        &self.municipality
    }
    fn current_status(&self) -> Status {
        self.status
    }
    fn developer_kind(&self) -> DeveloperKind {
        self.developer.kind
    }
    fn developer_name(&self) -> &str {
        &self.developer.name
    }
    fn expected_delivery(&self) -> Option<u16> {
        self.delivery_year
    }
    fn has_form(&self, form: HousingForm) -> bool {
        self.forms.get(form) > 0
    }
    fn location_kind(&self) -> Siting {
        self.siting()
    }
    fn segment_counts(&self) -> SegmentCounts {
        self.homes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::project;
    use crate::test_support::two_region_province;

    #[test]
    fn an_empty_filter_selects_every_home() {
        let province = two_region_province();
        let f = Filter::default();
        let p = project("a", "GM0001", &[(PriceClass::SocialeHuur, 10), (PriceClass::DureKoop, 5)]);
        assert_eq!(f.compile(&province).homes(&p), Some(15));
    }

    #[test]
    fn a_mixed_project_counts_only_the_selected_classes() {
        let province = two_region_province();
        let p = project("a", "GM0001", &[(PriceClass::SocialeHuur, 43), (PriceClass::BetaalbareKoop, 12)]);
        let mut f = Filter::default();
        f.price_classes.insert(PriceClass::BetaalbareKoop);
        assert_eq!(f.compile(&province).homes(&p), Some(12));
        f.price_classes = [PriceClass::DureHuur].into();
        assert_eq!(f.compile(&province).homes(&p), None);
    }

    #[test]
    fn tenure_and_price_class_intersect() {
        let mut f = Filter::default();
        f.tenure.insert(Tenure::Huur);
        f.price_classes = [PriceClass::SocialeHuur, PriceClass::DureKoop].into();
        assert_eq!(f.classes(), ClassSet::of([PriceClass::SocialeHuur]));
    }

    #[test]
    fn a_region_selects_its_municipalities() {
        let province = two_region_province();
        let mut f = Filter::default();
        f.regions.insert("oost".into());
        let c = f.compile(&province);
        assert!(c.matches(&project("a", "GM0003", &[(PriceClass::DureKoop, 1)])));
        assert!(!c.matches(&project("b", "GM0001", &[(PriceClass::DureKoop, 1)])));
    }

    #[test]
    fn region_and_municipality_both_apply() {
        let province = two_region_province();
        let mut f = Filter::default();
        f.regions.insert("oost".into());
        f.municipalities.insert("GM0001".into());
        let c = f.compile(&province);
        assert!(!c.matches(&project("a", "GM0001", &[(PriceClass::DureKoop, 1)])));
        assert!(!c.matches(&project("b", "GM0003", &[(PriceClass::DureKoop, 1)])));
    }

    #[test]
    fn a_year_range_excludes_projects_without_a_year() {
        let range = YearRange { from: Some(2026), to: Some(2027) };
        assert!(range.contains(Some(2026)));
        assert!(range.contains(Some(2027)));
        assert!(!range.contains(Some(2028)));
        assert!(!range.contains(None));
        assert!(YearRange::default().contains(None));
    }
}
