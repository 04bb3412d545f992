//! Reads the figures a province publishes itself (`reeksen.toml`): delivered homes, permits,
//! pipeline and the like, per year and per area, each with its source.
//!
//! They are shown beside the figures derived from projects and never added to them.

use crate::error::{Error, Result};
use domain::{Area, Province, PublishedSeries};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesFile {
    #[serde(default)]
    reeks: Vec<SeriesRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesRecord {
    id: String,
    titel: String,
    bron: String,
    stand: String,
    /// Per area (`provincie`, a region id or a municipality code): year → value.
    waarden: BTreeMap<String, BTreeMap<String, u64>>,
}

pub fn load(path: &Path, province: &Province) -> Result<Vec<PublishedSeries>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::config(path, "(bestand)", format!("kan niet gelezen worden: {e}")))?;
    let file: SeriesFile = toml::from_str(&text).map_err(|e| Error::toml(path, &text, &e))?;
    file.reeks.into_iter().enumerate().map(|(i, r)| series(path, i, r, province)).collect()
}

fn series(path: &Path, i: usize, record: SeriesRecord, province: &Province) -> Result<PublishedSeries> {
    let mut by_area = Vec::new();
    for (key, values) in &record.waarden {
        let area = if key == "provincie" {
            Area::Province
        } else if province.region(&key.as_str().into()).is_some() {
            Area::Region(key.as_str().into())
        } else if province.municipality(&key.as_str().into()).is_some() {
            Area::Municipality(key.as_str().into())
        } else {
            return Err(Error::config(path, format!("reeks[{i}].waarden.{key}"), "is geen gebied: schrijf 'provincie', een regio-id of een gemeentecode"));
        };
        let mut years = BTreeMap::new();
        for (year, value) in values {
            let year: u16 = year
                .parse()
                .ok()
                .filter(|y| (1900..=2100).contains(y))
                .ok_or_else(|| Error::config(path, format!("reeks[{i}].waarden.{key}.{year}"), "is geen jaartal"))?;
            years.insert(year, *value);
        }
        by_area.push((area, years));
    }
    let years: Vec<u16> = by_area.iter().flat_map(|(_, v)| v.keys().copied()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let values = by_area.into_iter().map(|(area, v)| (area, years.iter().map(|y| v.get(y).copied()).collect())).collect();
    Ok(PublishedSeries { id: record.id, title: record.titel, source: record.bron, as_of: record.stand, years, values })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drenthe() -> Province {
        crate::config::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../config/drenthe/provincie.toml"))).unwrap().province
    }

    #[test]
    fn the_published_figures_are_read_per_area_and_year() {
        let province = drenthe();
        let delivered = province.series.iter().find(|s| s.id == "opgeleverd").unwrap();
        assert_eq!(delivered.years, [2022, 2023, 2024, 2025]);
        let noord = delivered.values_for(&Area::Region("noord".into())).unwrap();
        assert_eq!(noord, [Some(537), Some(447), Some(528), Some(834)]);
        // The province total is published for 2025 only; the other years stay empty, not summed.
        let total = delivered.values_for(&Area::Province).unwrap();
        assert_eq!(total, [None, None, None, Some(1609)]);
    }

    #[test]
    fn an_unknown_area_or_year_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reeksen.toml");
        let record = "[[reeks]]\nid = \"x\"\ntitel = \"X\"\nbron = \"b\"\nstand = \"2025\"\n[reeks.waarden]\n";
        std::fs::write(&path, format!("{record}atlantis = {{ 2025 = 1 }}\n")).unwrap();
        let e = load(&path, &drenthe()).unwrap_err().to_string();
        assert!(e.contains("reeksen.toml") && e.contains("reeks[0].waarden.atlantis"), "{e}");
        std::fs::write(&path, format!("{record}noord = {{ twintig = 1 }}\n")).unwrap();
        let e = load(&path, &drenthe()).unwrap_err().to_string();
        assert!(e.contains("reeks[0].waarden.noord.twintig") && e.contains("jaartal"), "{e}");
    }
}
