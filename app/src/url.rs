//! The page's query string: the filter (see `domain::query`) plus the page's own parameters.

/// The selected project.
pub const PROJECT: &str = "project";
/// The list's sort key and direction.
pub const SORT: &str = "sorteer";
pub const ORDER: &str = "volgorde";
/// How many list rows are shown.
pub const SHOWN: &str = "toon";
/// On a phone: map or list.
pub const VIEW: &str = "weergave";

/// The parameters of a query string, in order, without empty values.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
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
    encode(
        pairs(query)
            .into_iter()
            .filter(|(k, _)| domain::query::FILTER_KEYS.contains(&k.as_str())),
    )
}

/// A link to the page itself with this query.
pub fn href(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
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
    fn filter_only_drops_page_parameters() {
        assert_eq!(filter_only("project=a&regio=noord&sorteer=naam&van="), "regio=noord");
    }

    #[test]
    fn clean_drops_empty_form_fields() {
        assert_eq!(clean("van=&tot=2030&ontwikkelaar=Bouw+%26+Co"), "tot=2030&ontwikkelaar=Bouw+%26+Co");
    }
}
