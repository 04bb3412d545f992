//! Projects as RFC 7946 GeoJSON: our public exchange format (`/api/projects`), and the flat
//! rows GIS programs read (OGC API Features, the downloads).
//!
//! A feature's geometry is the plan area (Polygon) when known, else the point. Properties use
//! Dutch names; `woningen` counts the homes in the filter's price classes and `centrum` is the
//! point to place a marker at. See the README for the full schema.

use domain::segment::ClassSet;
use domain::{Catalog, Project};
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, Value};
use serde_json::json;

/// The geometry a feature carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The plan area when known, else the point.
    AsKnown,
    /// Always the point (`geometrie=punt`): one geometry type for the whole layer, which a
    /// Shapefile needs to keep every project.
    Point,
}

/// How the properties are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `/api/projects`: `centrum` as [lon, lat], `per_prijsklasse` as an object of the classes
    /// with homes, `doelgroepen` as a list, and `vertrouwelijkheid`, so an export imports again
    /// as itself (see crate::import).
    Nested,
    /// A GIS table's row: one column per price class (`woningen_sociale_huur`, always present),
    /// `centrum_lon` and `centrum_lat`, target groups as one comma-separated text, nothing
    /// nested; no confidentiality (only public projects are ever served).
    Flat,
}

fn position(p: domain::LonLat) -> Vec<f64> {
    vec![p.lon, p.lat]
}

/// A project as `/api/projects` has it.
pub fn feature(catalog: &Catalog, p: &Project, classes: ClassSet) -> Feature {
    build(catalog, p, classes, Shape::AsKnown, Layout::Nested)
}

/// A project as a GIS table row (see [`Layout::Flat`]).
pub fn flat(catalog: &Catalog, p: &Project, classes: ClassSet, shape: Shape) -> Feature {
    build(catalog, p, classes, shape, Layout::Flat)
}

/// A price class's column in a flat feature: `woningen_` and its slug with underscores.
pub fn class_column(class: domain::PriceClass) -> String {
    format!("woningen_{}", class.slug().replace('-', "_"))
}

fn build(catalog: &Catalog, p: &Project, classes: ClassSet, shape: Shape, layout: Layout) -> Feature {
    let province = catalog.province();
    let geometry = match (&p.location.area, shape) {
        (Some(rings), Shape::AsKnown) => Value::Polygon(rings.iter().map(|r| r.iter().copied().map(position).collect()).collect()),
        _ => Value::Point(position(p.location.point)),
    };
    let flat = layout == Layout::Flat;
    let mut props = JsonObject::new();
    let mut put = |k: &str, v: serde_json::Value| {
        props.insert(k.to_owned(), v);
    };
    put("naam", json!(p.name));
    put("gemeente", json!(p.municipality));
    put("gemeentenaam", json!(province.municipality_name(&p.municipality)));
    put("regio", json!(province.region_of(&p.municipality).map(|r| r.id.as_str())));
    put("kern", json!(p.place));
    put("adres", json!(p.address));
    if flat {
        put("centrum_lon", json!(p.location.point.lon));
        put("centrum_lat", json!(p.location.point.lat));
    } else {
        put("centrum", json!(position(p.location.point)));
    }
    put("locatie", json!(p.location.precision.slug()));
    put("woningen", json!(p.homes.in_classes(classes)));
    put("woningen_totaal", json!(p.total_homes()));
    if flat {
        for (class, homes) in p.homes.iter() {
            put(&class_column(class), json!(homes));
        }
    } else {
        let per_class: serde_json::Map<String, serde_json::Value> =
            p.homes.iter().filter(|(_, n)| *n > 0).map(|(c, n)| (c.slug().to_owned(), json!(n))).collect();
        put("per_prijsklasse", serde_json::Value::Object(per_class));
    }
    put("hoofdklasse", json!(p.homes.main_class(classes).map(|c| c.slug())));
    put("eengezins", json!(p.forms.eengezins));
    put("meergezins", json!(p.forms.meergezins));
    put("plantype", json!(p.plan_type.slug()));
    put("ligging", json!(p.siting().slug()));
    let groups = p.target_groups.iter().map(|g| g.slug());
    put("doelgroepen", if flat { json!(groups.collect::<Vec<_>>().join(",")) } else { json!(groups.collect::<Vec<_>>()) });
    put("ontwikkelaar", json!(p.developer.name));
    put("soort_ontwikkelaar", json!(p.developer.kind.slug()));
    put("status", json!(p.status.slug()));
    put("start", json!(p.start_year));
    put("oplevering", json!(p.delivery_year));
    put("omschrijving", json!(p.description));
    put("link", json!(p.link));
    put("bijgewerkt", json!(p.last_updated));
    if !flat {
        put("vertrouwelijkheid", json!(p.confidentiality.slug()));
    }
    put("voorbeeld", json!(p.example));
    Feature {
        bbox: None,
        geometry: Some(Geometry::new(geometry)),
        id: Some(geojson::feature::Id::String(p.id.to_string())),
        properties: Some(props),
        foreign_members: None,
    }
}

pub fn collection(catalog: &Catalog, filter: &domain::Filter) -> FeatureCollection {
    let classes = filter.classes();
    let features = catalog.select(filter).into_iter().map(|s| feature(catalog, s.project, classes)).collect();
    FeatureCollection { bbox: None, features, foreign_members: None }
}
