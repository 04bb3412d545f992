//! The gazetteer: the province's places (kernen) from a CSV file, each in a known municipality.

use crate::error::{Error, Result};
use domain::places::Gazetteer;
use domain::{LonLat, MunicipalityCode, Province};
use serde::Deserialize;
use std::path::Path;

/// A place (kern) from the gazetteer.
#[derive(Debug, Clone, Deserialize)]
pub struct Place {
    pub name: String,
    pub municipality_code: MunicipalityCode,
    pub lon: f64,
    pub lat: f64,
    pub population: Option<u32>,
}

/// The places as the domain knows them.
pub(super) fn gazetteer(places: &[Place], province: &Province) -> Gazetteer {
    let places = places
        .iter()
        .map(|p| domain::places::Place {
            name: p.name.clone(),
            municipality: p.municipality_code.clone(),
            at: LonLat::lon_lat(p.lon, p.lat),
            population: p.population,
        })
        .collect();
    Gazetteer::new(places, province)
}

pub(super) fn load(path: &Path, province: &Province) -> Result<Vec<Place>> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| Error::config(path, "(bestand)", e.to_string()))?;
    let mut places = Vec::new();
    for (i, row) in reader.deserialize::<Place>().enumerate() {
        let line = i + 2;
        let place = row.map_err(|e| Error::config(path, format!("regel {line}"), e.to_string()))?;
        if province.municipality(&place.municipality_code).is_none() {
            return Err(Error::config(path, format!("regel {line}, municipality_code"), format!("onbekende gemeente '{}'", place.municipality_code)));
        }
        places.push(place);
    }
    Ok(places)
}
