//! The boundary files a configuration names: municipalities (their codes and names come from
//! the file, their regions from the configuration), regions (each region names its feature)
//! and the province's outline (the map's bounds). Each is kept as it is, to send to the map,
//! and as shapes, to check and draw with.

use super::records::{feature_collection, read, FilesRecord, RegionRecord};
use crate::error::{Error, Result};
use domain::{Area, Municipality, MunicipalityCode, Region, RegionId};
use geo::{BoundingRect, MultiPolygon};
use std::collections::HashMap;
use std::path::Path;

/// The municipalities of the boundary file, sorted by name, with their shapes.
pub(super) struct Municipalities {
    pub list: Vec<Municipality>,
    pub shapes: HashMap<MunicipalityCode, MultiPolygon<f64>>,
    /// The file as it is.
    pub file: Vec<u8>,
}

/// `path` is the configuration (for errors about its own fields), `dir` where it is.
pub(super) fn municipalities(
    path: &Path,
    dir: &Path,
    files: &FilesRecord,
    regions: &[RegionRecord],
    outlines: &mut HashMap<Area, Vec<u8>>,
) -> Result<Municipalities> {
    let gm_path = dir.join(&files.gemeenten);
    let municipality_boundaries = read(&gm_path)?;
    let collection = feature_collection(&gm_path, &municipality_boundaries)?;
    let region_of: HashMap<&str, &str> = regions.iter().flat_map(|r| r.gemeenten.iter().map(move |g| (g.as_str(), r.id.as_str()))).collect();
    let mut municipalities = Vec::new();
    let mut shapes = HashMap::new();
    for (i, feature) in collection.features.iter().enumerate() {
        let text_property = |key: &str| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .ok_or_else(|| Error::config(&gm_path, format!("features[{i}].properties.{key}"), "ontbreekt of is geen tekst"))
        };
        let code = text_property(&files.gemeente_code)?;
        let name = text_property(&files.gemeente_naam)?;
        let geometry = feature.geometry.as_ref().ok_or_else(|| Error::config(&gm_path, format!("features[{i}].geometry"), "ontbreekt"))?;
        let shape = polygons(&geometry.value).ok_or_else(|| Error::config(&gm_path, format!("features[{i}].geometry"), "moet een (Multi)Polygon zijn"))?;
        let region = region_of.get(code.as_str()).ok_or_else(|| {
            Error::config(path, "regio[].gemeenten", format!("gemeente {code} ({name}) uit {} hoort bij geen enkele regio", files.gemeenten.display()))
        })?;
        shapes.insert(MunicipalityCode::new(code.clone()), shape);
        outlines.insert(Area::Municipality(MunicipalityCode::new(code.clone())), one_feature(feature));
        municipalities.push(Municipality { code: MunicipalityCode::new(code), name, region: (*region).into() });
    }
    municipalities.sort_by(|a, b| a.name.cmp(&b.name));

    Ok(Municipalities { list: municipalities, shapes, file: municipality_boundaries })
}

/// The regions of the configuration, each checked against the feature it names in the regions
/// file, with their shapes.
pub(super) struct Regions {
    pub list: Vec<Region>,
    pub shapes: HashMap<RegionId, MultiPolygon<f64>>,
    pub file: Vec<u8>,
}

pub(super) fn regions(path: &Path, dir: &Path, files: &FilesRecord, records: &[RegionRecord], outlines: &mut HashMap<Area, Vec<u8>>) -> Result<Regions> {
    let rg_path = dir.join(&files.regios);
    let region_boundaries = read(&rg_path)?;
    let region_collection = feature_collection(&rg_path, &region_boundaries)?;
    let mut region_shapes = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        let found = region_collection.features.iter().enumerate().find(|(_, f)| match &f.id {
            Some(geojson::feature::Id::String(s)) => s == &r.grens,
            _ => false,
        });
        let Some((j, feature)) = found else {
            return Err(Error::config(path, format!("regio[{i}].grens"), format!("'{}' is geen feature-id in {}", r.grens, files.regios.display())));
        };
        let shape = feature
            .geometry
            .as_ref()
            .and_then(|g| polygons(&g.value))
            .ok_or_else(|| Error::config(&rg_path, format!("features[{j}].geometry"), "ontbreekt of is geen (Multi)Polygon"))?;
        region_shapes.insert(RegionId::from(r.id.as_str()), shape);
        outlines.insert(Area::Region(r.id.as_str().into()), one_feature(feature));
    }
    let regions = records
        .iter()
        .map(|r| Region { id: r.id.as_str().into(), name: r.naam.clone(), municipalities: r.gemeenten.iter().map(|g| g.as_str().into()).collect() })
        .collect();

    Ok(Regions { list: regions, shapes: region_shapes, file: region_boundaries })
}

/// The province's outline file and its bounds, [west, south, east, north].
pub(super) fn outline(dir: &Path, files: &FilesRecord) -> Result<(Vec<u8>, [f64; 4])> {
    let pv_path = dir.join(&files.provincie);
    let province_boundary = read(&pv_path)?;
    let outline = feature_collection(&pv_path, &province_boundary)?;
    let bounds = outline
        .features
        .iter()
        .filter_map(|f| f.geometry.as_ref())
        .filter_map(|g| geo::Geometry::<f64>::try_from(&g.value).ok())
        .filter_map(|g| g.bounding_rect())
        .reduce(|a, b| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        })
        .ok_or_else(|| Error::config(&pv_path, "features", "bevat geen geometrie"))?;

    Ok((province_boundary, [bounds.min().x, bounds.min().y, bounds.max().x, bounds.max().y]))
}

/// A GeoJSON (Multi)Polygon as one shape; `None` for any other geometry.
fn polygons(value: &geojson::Value) -> Option<MultiPolygon<f64>> {
    match geo::Geometry::<f64>::try_from(value) {
        Ok(geo::Geometry::Polygon(p)) => Some(MultiPolygon(vec![p])),
        Ok(geo::Geometry::MultiPolygon(mp)) => Some(mp),
        _ => None,
    }
}

/// A FeatureCollection holding only `feature`, as GeoJSON bytes.
fn one_feature(feature: &geojson::Feature) -> Vec<u8> {
    let collection = geojson::FeatureCollection { bbox: None, features: vec![feature.clone()], foreign_members: None };
    collection.to_string().into_bytes()
}
