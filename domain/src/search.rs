//! Finding a place or a project by what a resident types: "beil" finds Beilen, "exloer" finds
//! Tweede Exloërmond, "havengebied" finds "Beilen Havengebied". The server's search page and
//! the map's search box rank with this same function, so both suggest the same things.

use std::cmp::Ordering;

/// The shortest query that is searched: one letter would match most of the province.
pub const MIN_QUERY: usize = 2;

/// A text as search compares it: lower case, without accents, every run of other characters
/// than letters and digits one space, trimmed.
///
/// By hand rather than with `char::to_lowercase` and `char::is_alphanumeric`: their Unicode
/// tables cost the browser's WASM kilobytes, and the province's names are Latin letters.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// [`fold`] into `out` (emptied first): search folds every name on each key typed, into one
/// buffer rather than a new string each.
pub fn fold_into(out: &mut String, text: &str) {
    out.clear();
    let mut space = true;
    let mut push = |letter: bool, c: char| {
        if letter {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    };
    if text.is_ascii() {
        // Most names: byte by byte (13 → 11 ms a key at 100,000 names, natively).
        text.bytes().for_each(|b| push(b.is_ascii_alphanumeric(), char::from(b.to_ascii_lowercase())));
    } else {
        for c in text.chars().map(plain) {
            // Letters beyond Latin ones are kept as they are; punctuation of any kind separates.
            push(c.is_ascii_alphanumeric() || (!c.is_ascii() && !matches!(c, '\u{2000}'..='\u{206f}' | '\u{a0}'..='\u{bf}' | '\u{d7}' | '\u{f7}')), c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// A letter in lower case and without its accent (the accents of Dutch and its neighbours).
fn plain(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        other => other,
    }
}

/// How well a name matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// The whole name.
    Exact,
    /// The name's start.
    Start,
    /// The start of a later word of the name.
    Word,
    /// Somewhere inside the name.
    Inside,
}

/// How `name` matches `query`, both [`fold`]ed; `None` when it does not contain it.
pub fn fit(name: &str, query: &str) -> Option<Fit> {
    if query.is_empty() {
        return None;
    }
    let at = name.find(query)?;
    Some(if name.len() == query.len() {
        Fit::Exact
    } else if at == 0 {
        Fit::Start
    } else if name.match_indices(query).any(|(i, _)| name.as_bytes()[i - 1] == b' ') {
        Fit::Word
    } else {
        Fit::Inside
    })
}

/// What a suggestion is: a place (its index in the gazetteer) or a project (its index in the
/// list the caller gave).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Place(usize),
    Project(usize),
}

/// Something to search among: its index, its name and its weight (a place's inhabitants, a
/// project's homes), which orders equal fits: the larger first.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub index: usize,
    pub name: &'a str,
    pub weight: u32,
}

/// The best `limit` suggestions for `query` among places and projects, best first: by how well
/// the name fits, places before projects when they fit as well (a resident who types a
/// village's name looks for the village), then the larger, then by name.
pub fn search<'a>(query: &str, places: impl IntoIterator<Item = Candidate<'a>>, projects: impl IntoIterator<Item = Candidate<'a>>, limit: usize) -> Vec<Hit> {
    let query = fold(query);
    if query.chars().count() < MIN_QUERY || limit == 0 {
        return Vec::new();
    }
    // (fit, kind, weight, name, hit); only the best `limit` are kept while reading.
    type Ranked<'a> = (Fit, u8, u32, &'a str, Hit);
    let order = |a: &Ranked, b: &Ranked| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)).then_with(|| a.3.cmp(b.3));
    let mut best: Vec<Ranked> = Vec::with_capacity(limit + 1);
    let mut consider = |ranked: Ranked<'a>| {
        if best.len() == limit && order(&ranked, &best[limit - 1]) != Ordering::Less {
            return;
        }
        let at = best.partition_point(|b| order(b, &ranked) != Ordering::Greater);
        best.insert(at, ranked);
        best.truncate(limit);
    };
    // Read as they come: a list of 100,000 candidates per key typed would be megabytes of the
    // browser's WASM memory, which never shrinks.
    let mut folded = String::new();
    let places = places.into_iter().map(|c| (0u8, c));
    for (kind, c) in places.chain(projects.into_iter().map(|c| (1u8, c))) {
        fold_into(&mut folded, c.name);
        if let Some(f) = fit(&folded, &query) {
            let hit = if kind == 0 { Hit::Place(c.index) } else { Hit::Project(c.index) };
            consider((f, kind, c.weight, c.name, hit));
        }
    }
    best.into_iter().map(|r| r.4).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn named(names: &[(&'static str, u32)]) -> Vec<Candidate<'static>> {
        names.iter().enumerate().map(|(index, &(name, weight))| Candidate { index, name, weight }).collect()
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Tweede Exloërmond"), "tweede exloermond");
        assert_eq!(fold("  Nieuw-Weerdinge  "), "nieuw weerdinge");
        assert_eq!(fold("'t Haantje"), "t haantje");
        assert_eq!(fold("Siberië"), "siberie");
        assert_eq!(fold("ÉÉN–TWEE ‘Drie’"), "een twee drie");
    }

    #[test]
    fn a_fit_says_where_the_query_is() {
        assert_eq!(fit("beilen", "beilen"), Some(Fit::Exact));
        assert_eq!(fit("beilen havengebied", "beil"), Some(Fit::Start));
        assert_eq!(fit("tweede exloermond", "exloer"), Some(Fit::Word));
        assert_eq!(fit("hoogeveen", "veen"), Some(Fit::Inside));
        assert_eq!(fit("assen", "emmen"), None);
    }

    #[test]
    fn places_come_before_projects_that_fit_as_well_and_larger_before_smaller() {
        let places = named(&[("Beilen", 10_000), ("Emmen", 57_000), ("Emmer-Compascuum", 6_000)]);
        let projects = named(&[("Beilen Havengebied", 180), ("Emmen Centrum", 40), ("Emmen Delftlanden", 300)]);
        let hits = search("emmen", places.clone(), projects.clone(), 10);
        assert_eq!(hits, vec![Hit::Place(1), Hit::Project(2), Hit::Project(1)]);
        let hits = search("Émm", places.clone(), projects.clone(), 3);
        assert_eq!(hits, vec![Hit::Place(1), Hit::Place(2), Hit::Project(2)]);
        assert_eq!(search("havengebied", places.clone(), projects.clone(), 10), vec![Hit::Project(0)]);
        assert!(search("e", places, projects, 10).is_empty(), "one letter is too short to search");
    }

    proptest! {
        /// A name of ASCII only is folded byte by byte: the same as the general way, which a
        /// letter beyond ASCII at its end sends it through.
        #[test]
        fn ascii_is_folded_as_any_text_is(text in "[ -~]{0,40}") {
            let general = fold(&format!("{text} é"));
            let expected = format!("{} e", fold(&text));
            prop_assert_eq!(general, expected.trim_start());
        }

        /// Every suggestion contains what was typed, there are never more than asked for, and
        /// none is left out that fits better than one given.
        #[test]
        fn suggestions_contain_the_query_and_are_the_best(
            names in proptest::collection::vec(("[a-eé ]{1,8}", 0u32..100), 0..40),
            query in "[a-eÉ]{2,3}",
            limit in 1usize..8,
        ) {
            let projects: Vec<Candidate> = names.iter().enumerate().map(|(index, (n, w))| Candidate { index, name: n.as_str(), weight: *w }).collect();
            let hits = search(&query, Vec::new(), projects.clone(), limit);
            prop_assert!(hits.len() <= limit);
            let q = fold(&query);
            let fits: Vec<Fit> = hits.iter().map(|h| match h {
                Hit::Project(i) => fit(&fold(projects[*i].name), &q).expect("a suggestion contains the query"),
                Hit::Place(_) => unreachable!(),
            }).collect();
            prop_assert!(fits.windows(2).all(|w| w[0] <= w[1]), "best first");
            let matching = projects.iter().filter(|c| fit(&fold(c.name), &q).is_some()).count();
            prop_assert_eq!(hits.len(), matching.min(limit));
            if let (Some(worst), true) = (fits.last(), hits.len() == limit) {
                let better = projects.iter().filter(|c| fit(&fold(c.name), &q).is_some_and(|f| f < *worst)).count();
                prop_assert!(better <= limit);
            }
        }
    }
}
