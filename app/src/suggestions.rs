//! What search suggests, as residents read it: a place ("Beilen", "plaats in Midden-Drenthe")
//! or a project ("Beilen Havengebied", "project in Midden-Drenthe, 180 woningen"), and where
//! choosing it goes. The search page (`/zoeken`, without JavaScript) and the map's search box
//! make the same suggestions from the same ranking ([`domain::search`]).

use crate::url;
use domain::places::Gazetteer;
use domain::search::{Candidate, Hit};
use domain::{LonLat, MunicipalityCode, Province};

/// How many suggestions the search box lists.
pub const SHOWN: usize = 8;

/// One suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub name: String,
    /// The municipality it is in.
    pub municipality: MunicipalityCode,
    /// What it is and where ("plaats in Assen").
    pub detail: String,
    /// The map page's query when it is chosen: the place or project added to `query`.
    pub query: String,
    /// Where the map goes, and how close.
    pub at: LonLat,
    pub zoom: f64,
}

/// A project as search reads it.
#[derive(Debug, Clone, Copy)]
pub struct ProjectEntry<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub municipality: &'a MunicipalityCode,
    pub homes: u32,
    pub at: LonLat,
}

/// The projects search reads, each by its index: made on demand, so that the map's 100,000
/// points are not copied into a list on every key typed (the browser's WASM memory keeps the
/// most it ever held).
pub trait Projects {
    fn count(&self) -> usize;
    /// `None` for a project without a name (yet: the map's names come after its first view).
    fn entry(&self, index: usize) -> Option<ProjectEntry<'_>>;
}

impl Projects for [ProjectEntry<'_>] {
    fn count(&self) -> usize {
        self.len()
    }
    fn entry(&self, index: usize) -> Option<ProjectEntry<'_>> {
        self.get(index).copied()
    }
}

/// The catalog's projects (the search page), without a list made per request.
impl Projects for [domain::Project] {
    fn count(&self) -> usize {
        self.len()
    }
    fn entry(&self, index: usize) -> Option<ProjectEntry<'_>> {
        let p = self.get(index)?;
        Some(ProjectEntry { id: p.id.as_str(), name: &p.name, municipality: &p.municipality, homes: p.total_homes(), at: p.location.point })
    }
}

/// The zoom at which the map shows a project that was searched for.
pub const PROJECT_ZOOM: f64 = 15.0;

/// The suggestions for `typed`, best first (at most `limit`), each going to the map page with
/// `query` (the page's own) plus the place or project.
pub fn suggest(typed: &str, places: &Gazetteer, projects: &(impl Projects + ?Sized), province: &Province, query: &str, limit: usize) -> Vec<Suggestion> {
    let municipality = |code: &MunicipalityCode| province.municipality(code).map_or_else(|| code.to_string(), |m| m.name.clone());
    // A place or a project chosen replaces the other, and the part of the map shown: the map
    // goes to one thing.
    let without = |key: &str| url::with(&url::with(query, url::MAP_PART, None), key, None);
    let candidates = (0..projects.count()).filter_map(|index| projects.entry(index).map(|p| Candidate { index, name: p.name, weight: p.homes }));
    places
        .search(typed, candidates, limit)
        .into_iter()
        .filter_map(|hit| match hit {
            Hit::Place(i) => {
                let place = places.get(i)?;
                Some(Suggestion {
                    name: place.name.clone(),
                    municipality: place.municipality.clone(),
                    detail: format!("plaats in {}", municipality(&place.municipality)),
                    query: url::with(&without(url::PROJECT), url::PLACE, Some(places.key(i))),
                    at: place.at,
                    zoom: place.zoom(),
                })
            }
            Hit::Project(i) => {
                let p = projects.entry(i)?;
                Some(Suggestion {
                    name: p.name.to_owned(),
                    municipality: p.municipality.clone(),
                    detail: format!("project in {}, {}", municipality(p.municipality), crate::format::homes(u64::from(p.homes))),
                    query: url::with(&without(url::PLACE), url::PROJECT, Some(p.id)),
                    at: p.at,
                    zoom: PROJECT_ZOOM,
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::places::Place;

    #[test]
    fn a_place_and_a_project_go_to_the_map_with_the_page_filter() {
        let province = domain::test_support::two_region_province();
        let code = province.municipalities[0].code.clone();
        let places = Gazetteer::new(
            vec![Place { name: "Beilen".into(), municipality: code.clone(), at: LonLat::lon_lat(6.5, 52.86), population: Some(10_000) }],
            &province,
        );
        let projects = [ProjectEntry { id: "p1", name: "Beilen Havengebied", municipality: &code, homes: 180, at: LonLat::lon_lat(6.51, 52.85) }];
        let found = suggest("beil", &places, &projects[..], &province, "huurkoop=huur&project=x", 8);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Beilen");
        assert_eq!(found[0].detail, format!("plaats in {}", province.municipalities[0].name));
        assert_eq!(found[0].query, "huurkoop=huur&plaats=beilen");
        assert_eq!(found[1].query, "huurkoop=huur&project=p1");
        assert!(found[1].detail.ends_with("180 woningen"), "{}", found[1].detail);
        assert_eq!(found[1].zoom, PROJECT_ZOOM);
    }
}
