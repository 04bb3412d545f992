//! The province's places (kernen), from its gazetteer: what the map names and what a resident
//! can search for. Each place has a key for the URL (`?plaats=beilen`), unique in the province.

use crate::search::{self, Candidate, Hit};
use crate::{LonLat, MunicipalityCode, Province};
use serde::{Deserialize, Serialize};

/// A place from the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub municipality: MunicipalityCode,
    pub at: LonLat,
    /// Its inhabitants, when the gazetteer knows them.
    pub population: Option<u32>,
}

impl Place {
    /// The zoom at which the map shows a place that was searched for: a town whole, a village
    /// with its streets.
    pub fn zoom(&self) -> f64 {
        match self.population.unwrap_or(0) {
            20_000.. => 12.0,
            3_000.. => 13.0,
            _ => 14.0,
        }
    }

    /// Whether the map names this place at `zoom`: the towns on the province's view, the
    /// villages once they have room.
    pub fn labelled_at(&self, zoom: f64) -> bool {
        self.population.unwrap_or(0) >= label_threshold(zoom)
    }
}

/// The fewest inhabitants of a place the map names at `zoom`.
pub fn label_threshold(zoom: f64) -> u32 {
    match zoom {
        z if z < 8.5 => 25_000,
        z if z < 9.5 => 8_000,
        z if z < 10.5 => 3_000,
        z if z < 11.5 => 1_000,
        z if z < 12.5 => 200,
        _ => 0,
    }
}

/// The places of a province, each with its key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gazetteer {
    places: Vec<Place>,
    keys: Vec<String>,
}

impl Gazetteer {
    /// The places with their keys: a place's name as a slug (`tweede-exloermond`), followed by
    /// its municipality's where two places share a name (`alteveer-de-wolden`), and by a number
    /// where they share that too (`kraloo-de-wolden-2`).
    pub fn new(places: Vec<Place>, province: &Province) -> Gazetteer {
        let slug = |s: &str| search::fold(s).replace(' ', "-");
        let mut keys: Vec<String> = places.iter().map(|p| slug(&p.name)).collect();
        let shared: Vec<bool> = keys.iter().map(|k| keys.iter().filter(|o| *o == k).count() > 1).collect();
        for (i, place) in places.iter().enumerate() {
            if shared[i] {
                let municipality = province.municipality(&place.municipality).map_or(place.municipality.as_str(), |m| m.name.as_str());
                keys[i] = format!("{}-{}", keys[i], slug(municipality));
            }
        }
        // Two hamlets of one name in one municipality: numbered in the file's order.
        for i in 0..keys.len() {
            let before = keys[..i]
                .iter()
                .filter(|k| **k == keys[i] || k.strip_prefix(keys[i].as_str()).is_some_and(|rest| rest.starts_with('-') && rest[1..].parse::<u32>().is_ok()))
                .count();
            if before > 0 {
                keys[i] = format!("{}-{}", keys[i], before + 1);
            }
        }
        Gazetteer { places, keys }
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Place> {
        self.places.get(index)
    }

    /// A place's key for the URL.
    pub fn key(&self, index: usize) -> &str {
        &self.keys[index]
    }

    /// The places in order, with their indices.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Place)> {
        self.places.iter().enumerate()
    }

    /// The place with this key.
    pub fn find(&self, key: &str) -> Option<(usize, &Place)> {
        let i = self.keys.iter().position(|k| k == key)?;
        Some((i, &self.places[i]))
    }

    /// The places as search reads them.
    pub fn candidates(&self) -> impl Iterator<Item = Candidate<'_>> {
        self.iter().map(|(index, p)| Candidate { index, name: &p.name, weight: p.population.unwrap_or(0) })
    }

    /// The best suggestions among these places and `projects` (see [`search::search`]).
    pub fn search<'a>(&'a self, query: &str, projects: impl IntoIterator<Item = Candidate<'a>>, limit: usize) -> Vec<Hit> {
        search::search(query, self.candidates(), projects, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::two_region_province as province;

    fn place(name: &str, municipality: &str, population: Option<u32>) -> Place {
        Place { name: name.to_owned(), municipality: municipality.into(), at: LonLat::lon_lat(6.5, 52.9), population }
    }

    #[test]
    fn keys_are_slugs_made_unique_by_the_municipality() {
        let p = province();
        let [a, b] = [&p.municipalities[0], &p.municipalities[1]];
        let g = Gazetteer::new(
            vec![
                place("Tweede Exloërmond", a.code.as_str(), Some(2365)),
                place("Alteveer", a.code.as_str(), None),
                place("Alteveer", b.code.as_str(), Some(50)),
                place("Kraloo", b.code.as_str(), None),
                place("Kraloo", b.code.as_str(), None),
                place("Kraloo", b.code.as_str(), None),
            ],
            &p,
        );
        assert_eq!(g.key(0), "tweede-exloermond");
        assert_eq!(g.key(1), format!("alteveer-{}", search::fold(&a.name).replace(' ', "-")));
        assert_ne!(g.key(1), g.key(2));
        assert_eq!(g.find(g.key(2)).map(|(i, _)| i), Some(2));
        assert!(g.find("alteveer").is_none());
        let kraloo = format!("kraloo-{}", search::fold(&b.name).replace(' ', "-"));
        assert_eq!([g.key(3), g.key(4), g.key(5)], [kraloo.clone(), format!("{kraloo}-2"), format!("{kraloo}-3")]);
    }

    #[test]
    fn towns_are_named_before_villages_and_shown_whole() {
        let town = place("Assen", "GM0106", Some(62_000));
        let village = place("Amen", "GM1680", Some(80));
        let unknown = place("Exloërkijl", "GM1681", None);
        assert!(town.labelled_at(8.0) && !village.labelled_at(8.0));
        assert!(village.labelled_at(13.0) && !village.labelled_at(12.0));
        assert!(unknown.labelled_at(13.0) && !unknown.labelled_at(12.0));
        assert!(town.zoom() < village.zoom());
        assert!((7..=18).all(|z| label_threshold(f64::from(z)) >= label_threshold(f64::from(z + 1))));
    }
}
