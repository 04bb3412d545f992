//! The filter as URL query parameters: the one format the page's URL and the API share.
//!
//! Multiple values of one parameter repeat the key (`status=vergund&status=in-aanbouw`), which
//! is what an HTML form sends with JavaScript off; for enumerations a comma-separated list is
//! accepted too. Empty values (an unselected `<select>`) are ignored. [`Filter::to_query`]
//! writes the canonical form, which is also the cache key of the API.

use crate::filter::{Filter, YearRange};
use crate::project::{DeveloperKind, HousingForm, Siting, Status};
use crate::province::Province;
use crate::segment::{PriceClass, Tenure};
use std::collections::BTreeSet;

pub const TENURE: &str = "huurkoop";
pub const PRICE_CLASS: &str = "prijsklasse";
pub const DEVELOPER: &str = "ontwikkelaar";
pub const DEVELOPER_KIND: &str = "soort";
pub const REGION: &str = "regio";
pub const MUNICIPALITY: &str = "gemeente";
pub const STATUS: &str = "status";
pub const YEAR_FROM: &str = "van";
pub const YEAR_TO: &str = "tot";
pub const FORM: &str = "woonvorm";
pub const SITING: &str = "ligging";

/// Every parameter the filter reads.
pub const FILTER_KEYS: &[&str] = &[TENURE, PRICE_CLASS, DEVELOPER, DEVELOPER_KIND, REGION, MUNICIPALITY, STATUS, YEAR_FROM, YEAR_TO, FORM, SITING];

/// The years a filter may name; anything else is a typing error.
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

/// A parameter the filter could not read, with the parameter's name and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("parameter '{param}': {reason}")]
pub struct QueryError {
    pub param: String,
    pub reason: String,
}

impl QueryError {
    fn new(param: &str, reason: impl Into<String>) -> Self {
        Self { param: param.to_owned(), reason: reason.into() }
    }
}

/// A query string split into the filter and the parameters the filter does not read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedQuery {
    pub filter: Filter,
    pub other: Vec<(String, String)>,
}

impl ParsedQuery {
    /// The first value of a parameter the filter does not read.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.other.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// Reads a query string (without the leading `?`). Regions and municipalities must exist in
/// `province`. The first value it cannot read is the error: what the API answers.
pub fn parse(query: &str, province: &Province) -> Result<ParsedQuery, QueryError> {
    let (parsed, mut errors) = parse_lenient(query, province);
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors.swap_remove(0))
    }
}

/// Reads a query string as [`parse`] does, but keeps every value it can read and names each
/// one it cannot (in the order of the query): what a page does with a link that is partly
/// wrong, so one bad value does not throw away the rest (an embed's municipality, say).
pub fn parse_lenient(query: &str, province: &Province) -> (ParsedQuery, Vec<QueryError>) {
    let mut parsed = ParsedQuery::default();
    let mut errors = Vec::new();
    let f = &mut parsed.filter;
    for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let mut wrong = |e: QueryError| errors.push(e);
        match key.as_ref() {
            TENURE => enums(TENURE, value, Tenure::from_slug, Tenure::slugs, &mut f.tenure, &mut wrong),
            PRICE_CLASS => enums(PRICE_CLASS, value, PriceClass::from_slug, PriceClass::slugs, &mut f.price_classes, &mut wrong),
            DEVELOPER_KIND => enums(DEVELOPER_KIND, value, DeveloperKind::from_slug, DeveloperKind::slugs, &mut f.developer_kinds, &mut wrong),
            STATUS => enums(STATUS, value, Status::from_slug, Status::slugs, &mut f.statuses, &mut wrong),
            FORM => enums(FORM, value, HousingForm::from_slug, HousingForm::slugs, &mut f.forms, &mut wrong),
            SITING => enums(SITING, value, Siting::from_slug, Siting::slugs, &mut f.sitings, &mut wrong),
            DEVELOPER => {
                f.developers.insert(value.to_owned());
            }
            REGION => {
                for id in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    match province.regions.iter().find(|r| r.id.as_str() == id) {
                        Some(region) => {
                            f.regions.insert(region.id.clone());
                        }
                        None => wrong(QueryError::new(
                            REGION,
                            format!("onbekende regio '{id}' (bekend: {})", province.regions.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")),
                        )),
                    }
                }
            }
            MUNICIPALITY => {
                for code in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    match province.find_municipality(code) {
                        Some(m) => {
                            f.municipalities.insert(m.code.clone());
                        }
                        None => wrong(QueryError::new(
                            MUNICIPALITY,
                            format!(
                                "onbekende gemeentecode '{code}' (verwacht bijvoorbeeld '{}')",
                                province.municipalities.first().map_or("GM0000", |m| m.code.as_str())
                            ),
                        )),
                    }
                }
            }
            YEAR_FROM => match year(YEAR_FROM, value) {
                Ok(y) => f.years.from = Some(y),
                Err(e) => wrong(e),
            },
            YEAR_TO => match year(YEAR_TO, value) {
                Ok(y) => f.years.to = Some(y),
                Err(e) => wrong(e),
            },
            _ => parsed.other.push((key.into_owned(), value.to_owned())),
        }
    }
    if let YearRange { from: Some(from), to: Some(to) } = f.years {
        if from > to {
            errors.push(QueryError::new(YEAR_TO, format!("{to} ligt voor het beginjaar {from}")));
            f.years.to = None;
        }
    }
    (parsed, errors)
}

fn enums<T: Ord>(
    param: &str,
    value: &str,
    from_slug: impl Fn(&str) -> Option<T>,
    slugs: impl Fn() -> String,
    into: &mut BTreeSet<T>,
    wrong: &mut impl FnMut(QueryError),
) {
    for slug in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match from_slug(slug) {
            Some(v) => {
                into.insert(v);
            }
            None => wrong(QueryError::new(param, format!("onbekende waarde '{slug}' (toegestaan: {})", slugs()))),
        }
    }
}

fn year(param: &str, value: &str) -> Result<u16, QueryError> {
    value
        .parse::<u16>()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| QueryError::new(param, format!("'{value}' is geen jaartal tussen {} en {}", YEARS.start(), YEARS.end())))
}

impl Filter {
    /// The canonical query string (no leading `?`; empty for an empty filter).
    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        self.write_query(&mut out);
        out.finish()
    }

    /// Appends the filter's parameters to a serializer, for callers that add their own.
    pub fn write_query(&self, out: &mut form_urlencoded::Serializer<'_, String>) {
        for t in &self.tenure {
            out.append_pair(TENURE, t.slug());
        }
        for c in &self.price_classes {
            out.append_pair(PRICE_CLASS, c.slug());
        }
        for d in &self.developers {
            out.append_pair(DEVELOPER, d);
        }
        for k in &self.developer_kinds {
            out.append_pair(DEVELOPER_KIND, k.slug());
        }
        for r in &self.regions {
            out.append_pair(REGION, r.as_str());
        }
        for m in &self.municipalities {
            out.append_pair(MUNICIPALITY, m.as_str());
        }
        for s in &self.statuses {
            out.append_pair(STATUS, s.slug());
        }
        if let Some(y) = self.years.from {
            out.append_pair(YEAR_FROM, &y.to_string());
        }
        if let Some(y) = self.years.to {
            out.append_pair(YEAR_TO, &y.to_string());
        }
        for f in &self.forms {
            out.append_pair(FORM, f.slug());
        }
        for k in &self.sitings {
            out.append_pair(SITING, k.slug());
        }
    }
}

pub use form_urlencoded::Serializer;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::two_region_province;

    #[test]
    fn repeated_keys_and_comma_lists_both_work() {
        let p = two_region_province();
        let a = parse("status=vergund&status=in-aanbouw", &p).unwrap();
        let b = parse("status=vergund,in-aanbouw", &p).unwrap();
        assert_eq!(a.filter, b.filter);
        assert_eq!(a.filter.statuses.len(), 2);
    }

    #[test]
    fn empty_values_from_a_form_are_ignored() {
        let p = two_region_province();
        let q = parse("van=&tot=&prijsklasse=sociale-huur", &p).unwrap();
        assert!(q.filter.years.is_open());
        assert_eq!(q.filter.price_classes.len(), 1);
    }

    #[test]
    fn errors_name_the_parameter_and_the_value() {
        let p = two_region_province();
        let e = parse("prijsklasse=goedkoop", &p).unwrap_err();
        assert_eq!(e.param, "prijsklasse");
        assert!(e.reason.contains("goedkoop"), "{e}");
        assert!(e.reason.contains("sociale-huur"), "{e}");
        assert_eq!(parse("regio=noord", &p).unwrap_err().param, "regio");
        assert_eq!(parse("gemeente=GM9999", &p).unwrap_err().param, "gemeente");
        assert_eq!(parse("van=20x6", &p).unwrap_err().param, "van");
        assert_eq!(parse("van=2030&tot=2026", &p).unwrap_err().param, "tot");
    }

    #[test]
    fn other_parameters_are_passed_on() {
        let p = two_region_province();
        let q = parse("project=abc&sorteer=naam&regio=west", &p).unwrap();
        assert_eq!(q.get("project"), Some("abc"));
        assert_eq!(q.get("sorteer"), Some("naam"));
        assert_eq!(q.filter.regions.len(), 1);
    }

    #[test]
    fn developer_names_are_encoded() {
        let p = two_region_province();
        let mut f = Filter::default();
        f.developers.insert("Bouw & Co, Assen".into());
        let q = f.to_query();
        assert_eq!(parse(&q, &p).unwrap().filter, f);
    }

    #[test]
    fn municipality_codes_are_case_insensitive_and_may_omit_the_prefix() {
        let p = two_region_province();
        for code in ["gm0003", "GM0003", "0003"] {
            let q = parse(&format!("gemeente={code}"), &p).unwrap();
            assert!(q.filter.municipalities.contains(&"GM0003".into()), "{code}");
        }
        assert_eq!(q_err(&p, "gemeente=003").param, MUNICIPALITY);
        assert_eq!(q_err(&p, "gemeente=GM").param, MUNICIPALITY);
    }

    #[test]
    fn a_page_keeps_what_it_can_read_and_names_every_value_it_cannot() {
        let p = two_region_province();
        let (q, errors) = parse_lenient("gemeente=GM0001&prijsklasse=foo,sociale-huur&regio=noord&van=2030&tot=2026&project=x", &p);
        assert!(q.filter.municipalities.contains(&"GM0001".into()), "the valid municipality stays");
        assert_eq!(q.filter.price_classes.len(), 1, "the valid class stays");
        assert_eq!(q.filter.years.from, Some(2030));
        assert_eq!(q.filter.years.to, None, "an end before the start is dropped");
        assert_eq!(q.get("project"), Some("x"));
        let params: Vec<&str> = errors.iter().map(|e| e.param.as_str()).collect();
        assert_eq!(params, ["prijsklasse", "regio", "tot"]);
        assert!(errors[0].reason.contains("'foo'"), "{}", errors[0]);
        // The strict reading (the API's) refuses the same query on its first error.
        assert_eq!(parse("gemeente=GM0001&prijsklasse=foo,sociale-huur&regio=noord", &p).unwrap_err(), errors[0]);
    }

    fn q_err(p: &Province, query: &str) -> QueryError {
        parse(query, p).unwrap_err()
    }
}
