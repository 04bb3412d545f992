//! The map's filter described as JSON Schema, from what the parser reads: the parameter names
//! (`domain::query`), each enumeration's slugs (the domain's `ALL` lists), the province's own
//! regions and municipalities. Both the OpenAPI document ([`crate::openapi`]) and the OGC
//! collection's queryables ([`crate::ogc`]) are built from it, so they cannot differ.

use domain::query as q;
use domain::{DeveloperKind, HousingForm, PriceClass, Province, Siting, Status, Tenure};
use serde_json::{json, Value};

/// The map's filter: each parameter's name, what it means and a JSON Schema of its values, as
/// `domain::query::parse` reads them.
pub fn filter_schemas(province: &Province) -> Vec<(&'static str, &'static str, Value)> {
    let slugs = |all: Vec<&'static str>| json!({ "type": "array", "items": { "type": "string", "enum": all } });
    let ids = |all: Vec<&str>| json!({ "type": "array", "items": { "type": "string", "enum": all } });
    let year = json!({ "type": "integer", "minimum": 1900, "maximum": 2100 });
    let described = [
        (q::TENURE, "Huur of koop.", slugs(Tenure::ALL.iter().map(|t| t.slug()).collect())),
        (q::PRICE_CLASS, "Prijsklasse(n); de woningen tellen alleen in deze klassen.", slugs(PriceClass::ALL.iter().map(|c| c.slug()).collect())),
        (q::DEVELOPER, "Ontwikkelaar, zoals op de kaart geschreven.", json!({ "type": "array", "items": { "type": "string" } })),
        (q::DEVELOPER_KIND, "Soort ontwikkelaar.", slugs(DeveloperKind::ALL.iter().map(|k| k.slug()).collect())),
        (q::REGION, "Woondealregio.", ids(province.regions.iter().map(|r| r.id.as_str()).collect())),
        (q::MUNICIPALITY, "Gemeente (CBS-code).", ids(province.municipalities.iter().map(|m| m.code.as_str()).collect())),
        (q::STATUS, "Planstatus.", slugs(Status::ALL.iter().map(|s| s.slug()).collect())),
        (q::YEAR_FROM, "Verwachte oplevering vanaf dit jaar.", year.clone()),
        (q::YEAR_TO, "Verwachte oplevering tot en met dit jaar.", year),
        (q::FORM, "Woonvorm.", slugs(HousingForm::ALL.iter().map(|f| f.slug()).collect())),
        (q::SITING, "Ligging: binnen of buiten bestaand bebouwd gebied.", slugs(Siting::ALL.iter().map(|s| s.slug()).collect())),
    ];
    assert_eq!(described.len(), q::FILTER_KEYS.len(), "every filter parameter is described");
    described.into()
}
