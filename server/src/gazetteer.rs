//! The province's places as GeoJSON (`/api/plaatsen`): the map names them and its search box
//! finds them, and anyone may use them, with the gazetteer's attribution.

use domain::places::Gazetteer;
use domain::Province;
use serde_json::{json, Value};

/// A FeatureCollection of points: each place's name, key (`?plaats=`), municipality and
/// inhabitants (`null` when the gazetteer does not know them).
pub fn geojson(places: &Gazetteer, province: &Province) -> Value {
    let features: Vec<Value> = places
        .iter()
        .map(|(i, p)| {
            json!({
                "type": "Feature",
                "id": places.key(i),
                "geometry": { "type": "Point", "coordinates": [p.at.lon, p.at.lat] },
                "properties": {
                    "naam": p.name,
                    "gemeente": p.municipality.as_str(),
                    "gemeentenaam": province.municipality(&p.municipality).map(|m| m.name.as_str()),
                    "inwoners": p.population,
                },
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "attributie": province.attribution, "features": features })
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::places::Place;
    use domain::LonLat;

    #[test]
    fn every_place_is_a_point_with_its_key() {
        let province = domain::test_support::two_region_province();
        let code = province.municipalities[0].code.clone();
        let places = Gazetteer::new(
            vec![Place { name: "Tweede Exloërmond".into(), municipality: code.clone(), at: LonLat::lon_lat(6.93, 52.91), population: None }],
            &province,
        );
        let g = geojson(&places, &province);
        let f = &g["features"][0];
        assert_eq!(f["id"], "tweede-exloermond");
        assert_eq!(f["geometry"]["coordinates"], json!([6.93, 52.91]));
        assert_eq!(f["properties"]["naam"], "Tweede Exloërmond");
        assert_eq!(f["properties"]["gemeente"], code.as_str());
        assert!(f["properties"]["inwoners"].is_null());
        assert_eq!(g["attributie"], province.attribution);
    }
}
