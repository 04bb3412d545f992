//! The page's query string: the filter (see `domain::query`) plus the page's own parameters.

/// The selected project.
pub const PROJECT: &str = "project";
/// The place the map shows (a key of the province's gazetteer, `domain::places`).
pub const PLACE: &str = "plaats";
/// The part of the map shown, west,south,east,north (`crate::map::view`): what a drawn
/// cluster's link zooms to.
pub const MAP_PART: &str = "uitsnede";
/// The search page, and its field for what was typed.
pub const SEARCH_PAGE: &str = "/zoeken";
pub const TYPED: &str = "q";
/// The list's sort key and direction.
pub const SORT: &str = "sorteer";
pub const ORDER: &str = "volgorde";
/// How many list rows are shown.
pub const SHOWN: &str = "toon";
/// On a phone: map or list.
pub const VIEW: &str = "weergave";
/// An embed's `tegels=uit`: no background tiles, only the boundaries.
pub const TILES: &str = "tegels";
/// An embed's `filters=uit`: residents cannot change the filters.
pub const FILTERS: &str = "filters";
/// The embed builder's parameters that the embed URL does not carry under the same name.
pub const AREA: &str = "gebied";
pub const HEIGHT: &str = "hoogte";

/// The request header with which a page asks the server for the page at a new URL only for
/// its parts (`crate::navigation`): the server then leaves out what a page never swaps.
pub const PARTS_ONLY: &str = "x-alleen-onderdelen";

/// Parameters that every link on a page keeps, whatever the resident does: an embed's fixed
/// area and switches. A page provides them as context; most pages have none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixed(pub Vec<(String, String)>);

impl Fixed {
    /// The page's fixed parameters (none when the page provides no context).
    pub fn current() -> Fixed {
        leptos::prelude::use_context::<Fixed>().unwrap_or_default()
    }
}

/// Where "Wis alle filters" goes: no filter, but the same view and sort order, and the fixed
/// parameters.
pub fn cleared(query: &str, fixed: &Fixed) -> String {
    let mut kept = fixed.0.clone();
    for key in [VIEW, SORT, ORDER] {
        if let Some(v) = get(query, key) {
            kept.push((key.to_owned(), v));
        }
    }
    encode(kept)
}

/// The parameters a page reads: the filter's and the pages' own. Nothing else is carried into
/// the links a page writes (a `?zoek=` of 10 KB once made every link on the map 10 KB longer).
pub fn is_known(key: &str) -> bool {
    domain::query::FILTER_KEYS.contains(&key) || OWN_KEYS.contains(&key)
}

/// The pages' own parameters (besides the filter's), in the order a page's links write them.
pub const OWN_KEYS: [&str; 12] = [PROJECT, PLACE, MAP_PART, SORT, ORDER, SHOWN, VIEW, TILES, FILTERS, AREA, HEIGHT, TYPED];

/// The longest value a page carries on: longer than any name, id or code in the data.
pub const MAX_VALUE: usize = 200;

/// The parameters of a query string that pages know, in order, without empty or overlong values.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .filter(|(k, v)| !v.trim().is_empty() && v.len() <= MAX_VALUE && is_known(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The longest query a page carries into its links: a shared link is far shorter, and a page
/// has about a hundred links, each with the query.
pub const MAX_LINK_QUERY: usize = 2048;

/// The query a page works from and carries on: the parameters pages know ([`pairs`]), each
/// repeated value once, the page's own parameters (not the filter's) once each, and no more
/// than [`MAX_LINK_QUERY`] bytes of it; with how many values were left out. Every link of a
/// page carries the query, so a long URL must not be copied into each of them.
pub fn canonical(query: &str) -> (String, usize) {
    let mut seen = std::collections::HashSet::new();
    let mut out = form_urlencoded::Serializer::new(String::new());
    let mut length = 0;
    let mut dropped = 0;
    for (k, v) in pairs(query) {
        let own = !domain::query::FILTER_KEYS.contains(&k.as_str());
        if (own && seen.contains(&(k.clone(), None))) || !seen.insert((k.clone(), Some(v.clone()))) {
            continue;
        }
        let encoded = form_urlencoded::Serializer::new(String::new()).append_pair(&k, &v).finish().len() + 1;
        if length + encoded > MAX_LINK_QUERY {
            dropped += 1;
            continue;
        }
        if own {
            seen.insert((k.clone(), None));
        }
        length += encoded;
        out.append_pair(&k, &v);
    }
    (out.finish(), dropped)
}

pub fn get(query: &str, key: &str) -> Option<String> {
    pairs(query).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn encode(pairs: impl IntoIterator<Item = (String, String)>) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(&k, &v);
    }
    out.finish()
}

/// The query with `key` set to `value` (or removed when `None`); other parameters stay.
pub fn with(query: &str, key: &str, value: Option<&str>) -> String {
    let mut kept: Vec<_> = pairs(query).into_iter().filter(|(k, _)| k != key).collect();
    if let Some(v) = value {
        kept.push((key.to_owned(), v.to_owned()));
    }
    encode(kept)
}

/// Only the filter's parameters, in canonical order: the query for `/api/projects`.
pub fn filter_only(query: &str) -> String {
    encode(pairs(query).into_iter().filter(|(k, _)| domain::query::FILTER_KEYS.contains(&k.as_str())))
}

/// `href` (a path with its query) with `key` set to `value`, or removed when `None`, if it is a
/// link to the page at `here`; a link to another page as it is.
pub fn href_with(href: &str, here: &str, key: &str, value: Option<&str>) -> String {
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    if path != here {
        return href.to_owned();
    }
    self::href(path, &with(query, key, value))
}

/// A link to the page itself with this query.
pub fn href(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// An area as it appears in paths: `""` for the province, `regio/noord`, `gemeente/GM0114`.
pub fn area_path(area: &domain::Area) -> String {
    match area {
        domain::Area::Province => String::new(),
        domain::Area::Region(id) => format!("regio/{id}"),
        domain::Area::Municipality(code) => format!("gemeente/{code}"),
    }
}

/// The Atom feed of an area's new, changed and removed public projects (the server's
/// `feeds.rs`): `/api/v1/feeds/provincie`, `/api/v1/feeds/regio/noord`, `…/gemeente/GM0114`.
pub fn feed_path(area: &domain::Area) -> String {
    match area {
        domain::Area::Province => "/api/v1/feeds/provincie".to_owned(),
        other => format!("/api/v1/feeds/{}", area_path(other)),
    }
}

/// An area as one token for element ids and file names: `provincie`, `regio-noord`,
/// `gemeente-GM0114`.
pub fn area_slug(area: &domain::Area) -> String {
    match area {
        domain::Area::Province => "provincie".to_owned(),
        other => area_path(other).replace('/', "-"),
    }
}

/// Whether `path` is a figures page (`/regio`, `/regio/{id}`, `/gemeente/{code}`), whose path
/// gives the area.
pub fn is_figures_path(path: &str) -> bool {
    path == "/regio" || path.starts_with("/regio/") || path.starts_with("/gemeente/")
}

/// Reads [`area_path`]'s form; `None` when it is neither (the caller checks the id exists).
pub fn parse_area(path: &str) -> Option<domain::Area> {
    match path.trim_matches('/').split('/').collect::<Vec<_>>().as_slice() {
        [""] | ["regio"] => Some(domain::Area::Province),
        ["regio", id] if !id.is_empty() => Some(domain::Area::Region((*id).into())),
        ["gemeente", code] if !code.is_empty() => Some(domain::Area::Municipality((*code).into())),
        _ => None,
    }
}

/// The filter parameter that names an area (`gemeente=GM0114`, `regio=noord`); none for the
/// province.
pub fn area_param(area: &domain::Area) -> Option<(String, String)> {
    match area {
        domain::Area::Province => None,
        domain::Area::Region(id) => Some((domain::query::REGION.to_owned(), id.to_string())),
        domain::Area::Municipality(code) => Some((domain::query::MUNICIPALITY.to_owned(), code.to_string())),
    }
}

/// Where the map gets an area's points: `/api/kaart`, or with the embed's area parameter.
pub fn points(area: &domain::Area) -> String {
    for_area("/api/kaart", area)
}

/// Where the map gets the names of those points, in the same order.
pub fn point_names(area: &domain::Area) -> String {
    for_area("/api/kaart/namen", area)
}

fn for_area(path: &str, area: &domain::Area) -> String {
    let query = area_param(area).map(|(key, value)| form_urlencoded::Serializer::new(String::new()).append_pair(&key, &value).finish());
    href(path, query.as_deref().unwrap_or(""))
}

/// The figures page of an area: `/regio` for the province overview.
pub fn area_page(area: &domain::Area) -> String {
    match area {
        domain::Area::Province => "/regio".to_owned(),
        other => format!("/{}", area_path(other)),
    }
}

/// The CSV of one chart of an area.
pub fn chart_csv(area: &domain::Area, chart: &str, filter_query: &str) -> String {
    let area = area_path(area);
    let path = if area.is_empty() { format!("/api/v1/stats/{chart}.csv") } else { format!("/api/v1/stats/{area}/{chart}.csv") };
    href(&path, filter_query)
}

/// The filter without its region and municipality, which an area page takes from its path.
pub fn without_area(filter_query: &str) -> String {
    encode(pairs(filter_query).into_iter().filter(|(k, _)| k != domain::query::REGION && k != domain::query::MUNICIPALITY))
}

/// Drops empty values from a query string, such as those a form sends for unselected fields.
pub fn clean(query: &str) -> String {
    encode(pairs(query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_replaces_one_parameter_and_keeps_the_rest() {
        let q = "status=vergund&project=a&status=idee";
        assert_eq!(with(q, PROJECT, Some("b")), "status=vergund&status=idee&project=b");
        assert_eq!(with(q, PROJECT, None), "status=vergund&status=idee");
    }

    #[test]
    fn unknown_parameters_and_overlong_values_are_not_carried_on() {
        let long = "x".repeat(MAX_VALUE + 1);
        let q = format!("zoek={long}&status=vergund&utm_source=a&ontwikkelaar={long}&project=a");
        assert_eq!(with(&q, SORT, Some("naam")), "status=vergund&project=a&sorteer=naam");
        assert_eq!(clean(&q), "status=vergund&project=a");
    }

    #[test]
    fn a_link_within_the_page_takes_the_part_of_the_map_and_a_link_elsewhere_does_not() {
        let part = Some("6.5,52.8,6.7,52.9");
        assert_eq!(href_with("/?huurkoop=koop&uitsnede=1,2,3,4", "/", MAP_PART, part), "/?huurkoop=koop&uitsnede=6.5%2C52.8%2C6.7%2C52.9");
        assert_eq!(href_with("/", "/", MAP_PART, part), "/?uitsnede=6.5%2C52.8%2C6.7%2C52.9");
        assert_eq!(href_with("/?uitsnede=1,2,3,4&project=x", "/", MAP_PART, None), "/?project=x");
        assert_eq!(href_with("/regio/noord?huurkoop=koop", "/", MAP_PART, part), "/regio/noord?huurkoop=koop");
    }

    #[test]
    fn filter_only_drops_page_parameters() {
        assert_eq!(filter_only("project=a&regio=noord&sorteer=naam&van="), "regio=noord");
    }

    #[test]
    fn areas_round_trip_through_paths() {
        use domain::Area;
        for area in [Area::Province, Area::Region("noord".into()), Area::Municipality("GM0114".into())] {
            assert_eq!(parse_area(&area_path(&area)), Some(area.clone()));
            assert_eq!(parse_area(&area_page(&area)), Some(area));
        }
        assert_eq!(area_slug(&Area::Province), "provincie");
        assert_eq!(area_slug(&Area::Municipality("GM0114".into())), "gemeente-GM0114");
        assert_eq!(parse_area("/gemeente/"), None);
        assert_eq!(parse_area("kaart"), None);
        assert_eq!(chart_csv(&Area::Region("noord".into()), "normen", "huurkoop=huur"), "/api/v1/stats/regio/noord/normen.csv?huurkoop=huur");
        assert_eq!(without_area("regio=noord&huurkoop=huur&gemeente=GM0114"), "huurkoop=huur");
    }

    #[test]
    fn clearing_keeps_the_view_the_order_and_what_is_fixed() {
        let fixed = Fixed(vec![("gemeente".into(), "GM0114".into()), ("tegels".into(), "uit".into())]);
        let q = "gemeente=GM0114&huurkoop=huur&weergave=lijst&sorteer=woningen&project=a&tegels=uit";
        assert_eq!(cleared(q, &fixed), "gemeente=GM0114&tegels=uit&weergave=lijst&sorteer=woningen");
        assert_eq!(cleared(q, &Fixed::default()), "weergave=lijst&sorteer=woningen");
    }

    #[test]
    fn clean_drops_empty_form_fields() {
        assert_eq!(clean("van=&tot=2030&ontwikkelaar=Bouw+%26+Co"), "tot=2030&ontwikkelaar=Bouw+%26+Co");
    }
}
