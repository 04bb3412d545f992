//! A page's request as every part of the page reads it: its path, its query string, and the
//! query read into a filter, once per request.

use crate::url;
use domain::query::ParsedQuery;
use domain::{Filter, Province};

/// The request a page renders: the server reads it once and provides it to the page
/// ([`super::build::current_query`]); components get it as a plain value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageQuery {
    /// The request's path (`/`, `/regio/west`, `/embed`).
    pub path: String,
    /// The query string as the request gave it, without `?`.
    pub raw: String,
    /// The query read by the domain's filter. On a figures page the path gives the area, so
    /// the query's region and municipality are left out before it is read.
    pub parsed: ParsedQuery,
    /// What the filter could not read, said in Dutch; the rest of the query still counts.
    pub error: Option<String>,
}

impl PageQuery {
    pub fn read(path: &str, raw: &str, province: &Province) -> PageQuery {
        let (raw, dropped) = url::canonical(raw);
        let raw = raw.as_str();
        let filterable = if url::is_figures_path(path) { url::without_area(raw) } else { raw.to_owned() };
        let (parsed, errors) = domain::query::parse_lenient(&filterable, province);
        let mut named: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.param, e.reason)).collect();
        // The map's part (`?uitsnede=`) is the page's own parameter: a wrong one is named too, and
        // the map shows its whole area.
        if let Some(Err(e)) = url::get(raw, url::MAP_PART).map(|v| crate::map::view::parse(&v)) {
            named.push(e);
        }
        if dropped > 0 {
            named.push(format!("de link is te lang: {dropped} waarde(n) overgeslagen"));
        }
        let error = explain(&named);
        // What the page carries on, in one order whatever the request's: the filter as the
        // domain writes it (what it could read; the rest is named above), then the page's own
        // parameters in the order of [`url::OWN_KEYS`]. The page cache keeps pages by it.
        let mut canonical = form_urlencoded::Serializer::new(String::new());
        parsed.filter.write_query(&mut canonical);
        for key in url::OWN_KEYS {
            if let Some(value) = url::get(raw, key) {
                canonical.append_pair(key, &value);
            }
        }
        PageQuery { path: path.to_owned(), raw: canonical.finish(), parsed, error }
    }

    pub fn filter(&self) -> &Filter {
        &self.parsed.filter
    }

    /// A page parameter as the URL has it (also when the filter could not be read).
    pub fn get(&self, key: &str) -> Option<String> {
        url::get(&self.raw, key)
    }

    /// What the URL asks of the map: its part, its place, whether an area is chosen.
    pub fn map_asks(&self) -> crate::map::view::Asked {
        let filter = self.filter();
        crate::map::view::Asked {
            part: self.get(url::MAP_PART),
            place: self.get(url::PLACE),
            area_chosen: !(filter.regions.is_empty() && filter.municipalities.is_empty()),
        }
    }

    /// A link to this page with `key` set to `value` (or left out).
    pub fn with(&self, key: &str, value: Option<&str>) -> String {
        url::href(&self.path, &url::with(&self.raw, key, value))
    }

    /// A link to this page without any filter ("Wis alle filters"), keeping the page's view
    /// and the `fixed` parameters.
    pub fn cleared(&self, fixed: &url::Fixed) -> String {
        url::href(&self.path, &url::cleared(&self.raw, fixed))
    }
}

/// What a page says about the values of its link it could not read: each one named, and that
/// the rest of the link still counts.
fn explain(named: &[String]) -> Option<String> {
    match named {
        [] => None,
        [one] => Some(format!("Een deel van de link klopt niet en wordt overgeslagen ({one}). De rest van de keuze geldt wel.")),
        more => Some(format!("Delen van de link kloppen niet en worden overgeslagen ({}). De rest van de keuze geldt wel.", more.join("; "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::test_support::two_region_province;

    #[test]
    fn a_figures_page_reads_its_query_without_the_area_the_path_gives() {
        let province = two_region_province();
        let figures = PageQuery::read("/regio/west", "gemeente=GM0001&huurkoop=huur", &province);
        assert!(figures.filter().municipalities.is_empty());
        assert_eq!(figures.error, None);
        let map = PageQuery::read("/", "?gemeente=GM0001&huurkoop=huur", &province);
        assert_eq!(map.filter().municipalities.len(), 1);
        // In the filter's own order, whatever the request's.
        assert_eq!(map.raw, "huurkoop=huur&gemeente=GM0001");
        assert_eq!(map.with("project", Some("x")), "/?huurkoop=huur&gemeente=GM0001&project=x");
        assert_eq!(figures.raw, "huurkoop=huur", "the path gives the area");
    }

    #[test]
    fn a_page_carries_each_value_once_and_a_bounded_query() {
        let province = two_region_province();
        let repeated = "van=2020&".repeat(7_000);
        let q = PageQuery::read("/", &format!("{repeated}project=a&project=b&huurkoop=huur&huurkoop=huur&huurkoop=koop"), &province);
        assert_eq!(q.raw, "huurkoop=huur&huurkoop=koop&van=2020&project=a");
        assert_eq!(q.error, None);
        let many: String = (0..2_000).map(|i| format!("ontwikkelaar=Bouwer+{i}&")).collect();
        let q = PageQuery::read("/", &many, &province);
        assert!(q.raw.len() <= url::MAX_LINK_QUERY, "{}", q.raw.len());
        assert!(q.error.as_deref().unwrap_or_default().contains("de link is te lang"), "{:?}", q.error);
        assert!(q.with("project", Some("x")).len() < url::MAX_LINK_QUERY + 20);
    }

    #[test]
    fn a_value_the_filter_cannot_read_is_named_and_the_rest_still_counts() {
        let q = PageQuery::read("/embed", "gemeente=GM0001&prijsklasse=foo&project=a", &two_region_province());
        let error = q.error.as_deref().unwrap_or_default();
        assert!(error.contains("prijsklasse") && error.contains("'foo'") && error.contains("De rest van de keuze geldt wel"), "{error}");
        assert!(q.filter().municipalities.contains(&"GM0001".into()), "the embed's municipality stays");
        assert_eq!(q.get("project").as_deref(), Some("a"));
        assert_eq!(PageQuery::read("/", "prijsklasse=sociale-huur", &two_region_province()).error, None);
        let part = PageQuery::read("/", "prijsklasse=sociale-huur&uitsnede=7,53,6,52", &two_region_province());
        assert!(part.error.as_deref().unwrap_or_default().contains("uitsnede: '7,53,6,52' is geen gebied"), "{:?}", part.error);
        assert_eq!(part.filter().price_classes.len(), 1);
    }
}
