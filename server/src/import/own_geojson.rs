//! Our own GeoJSON schema: a FeatureCollection whose features carry the fields of
//! [`super::record`] as properties (the same as `/api/projects` serves, plus
//! `vertrouwelijkheid`), with a Point or Polygon in WGS84.

use super::record::{class_field, normalise, parse_json, Placed, Record, Rings};
use domain::import::{too_many, Incoming, Problem, Problems};
use domain::{LonLat, MunicipalityCode, PriceClass, Province};
use serde_json::Value;
use std::collections::BTreeMap;

pub fn read(bytes: &[u8], province: &Province, writer: &MunicipalityCode) -> (Vec<Incoming>, Problems) {
    let json = match parse_json(bytes) {
        Ok(v) => v,
        Err(problem) => return (Vec::new(), vec![problem].into()),
    };
    // Taken apart by value: each feature's properties move into its record, and each feature
    // is dropped once read, so the parsed file is never held twice.
    let is_collection = json.get("type") == Some(&Value::from("FeatureCollection"));
    let features = match json {
        Value::Object(mut root) if is_collection => root.remove("features"),
        _ => None,
    };
    let Some(Value::Array(features)) = features else {
        return (Vec::new(), vec![Problem::new("bestand", "type", "verwacht een GeoJSON FeatureCollection met 'features'")].into());
    };
    if let Some(problem) = too_many(features.len(), "features") {
        return (Vec::new(), vec![problem].into());
    }
    let mut problems = Problems::new();
    let mut records = Vec::new();
    for (i, mut feature) in features.into_iter().enumerate() {
        let label = format!("feature {}", i + 1);
        // Problems found here leave the record out of the common checks, which would only
        // repeat them in other words.
        let before = problems.len();
        let mut fields: BTreeMap<String, Value> = BTreeMap::new();
        if let Some(Value::Object(props)) = feature.get_mut("properties").map(Value::take) {
            for (k, v) in props {
                fields.insert(normalise(&k), v);
            }
        }
        // Homes per class as the export writes them: `per_prijsklasse: {"sociale-huur": 12}`.
        if let Some(Value::Object(per_class)) = fields.get("per_prijsklasse").cloned() {
            for (k, v) in per_class {
                let key = normalise(&k);
                if PriceClass::ALL.iter().any(|c| class_field(*c) == key) {
                    fields.insert(key, v);
                } else {
                    problems.push(Problem::new(&label, format!("per_prijsklasse.{k}"), format!("onbekende prijsklasse (bekend: {})", PriceClass::slugs())));
                }
            }
        }
        match feature.get("id") {
            Some(Value::String(s)) => {
                fields.insert("id".into(), Value::String(s.clone()));
            }
            Some(Value::Number(n)) => {
                fields.insert("id".into(), Value::String(n.to_string()));
            }
            _ => {}
        }
        let placed = match geometry(feature.get("geometry"), fields.get("centrum")) {
            Ok((point, area)) => Placed::Found(point, area),
            Err(reason) => {
                problems.push(Problem::new(&label, "geometry", reason));
                Placed::Unreadable
            }
        };
        match Record::new(label, fields, province, writer).read(placed) {
            Ok(incoming) if problems.len() == before => records.push(incoming),
            Ok(_) => {}
            Err(found) => problems.extend(found),
        }
    }
    (records, problems)
}

fn position(v: &Value) -> Result<LonLat, String> {
    match v.as_array().map(|a| a.iter().map(Value::as_f64).collect::<Option<Vec<f64>>>()) {
        Some(Some(c)) if c.len() == 2 || c.len() == 3 => Ok(LonLat::lon_lat(c[0], c[1])),
        _ => Err(format!("{v} is geen positie [lengtegraad, breedtegraad]")),
    }
}

/// The point and plan area of a feature. A polygon's point is `centrum` when given, else the
/// centroid of its outer ring.
fn geometry(geometry: Option<&Value>, centre: Option<&Value>) -> Result<(LonLat, Option<Rings>), String> {
    let geometry = geometry.filter(|g| !g.is_null()).ok_or("ontbreekt (Point of Polygon, WGS84)")?;
    let coordinates = geometry.get("coordinates").ok_or("heeft geen 'coordinates'")?;
    match geometry.get("type").and_then(Value::as_str) {
        Some("Point") => Ok((position(coordinates)?, None)),
        Some("Polygon") => {
            let rings = coordinates
                .as_array()
                .ok_or("een Polygon is een lijst van ringen")?
                .iter()
                .map(|ring| ring.as_array().ok_or_else(|| "een ring is een lijst van posities".to_owned())?.iter().map(position).collect())
                .collect::<Result<Rings, String>>()?;
            let point = match centre {
                Some(c) => position(c)?,
                None => centroid(rings.first().ok_or("een Polygon zonder ringen")?).ok_or("de buitenring heeft geen oppervlakte")?,
            };
            Ok((point, Some(rings)))
        }
        Some(other) => Err(format!("'{other}' wordt niet ondersteund: gebruik Point of Polygon")),
        None => Err("heeft geen 'type'".to_owned()),
    }
}

fn centroid(ring: &[LonLat]) -> Option<LonLat> {
    use geo::Centroid;
    let polygon = geo::Polygon::new(ring.iter().map(|c| geo::coord! { x: c.lon, y: c.lat }).collect(), vec![]);
    polygon.centroid().map(|p| LonLat::lon_lat(p.x(), p.y()))
}
