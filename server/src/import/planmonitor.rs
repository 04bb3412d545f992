//! Records shaped like the Planmonitor Wonen API's plan export: a JSON list (or
//! `{"planregistraties": [...]}`) of
//!
//! ```json
//! { "planregistratie": { "id", "planNaam", "gemeente", "plaatsnaam", "vertrouwelijkheid",
//!       "opdrachtgeverType", "opdrachtgeverNaam", "statusProject", "statusPlanologisch",
//!       "plantype", "jaarStartProject", "opleveringEerste", "opleveringLaatste",
//!       "geometrie": "POLYGON((x y, ...))" },
//!   "plancategorieen": [{ "woningType", "betaalbaarheid", "totaalGepland" }],
//!   "detailplanningen": [{ "jaartal", "aantalGepland" }] }
//! ```
//!
//! The monitor's enumerations are mapped onto ours (the tables below, and the README), then
//! read as any other record. The geometry is WKT in RD New (EPSG:28992), transformed to WGS84
//! with proj4rs ([`crate::rd_new`]).

use super::record::{normalise, parse_json, Placed, Record, Rings};
use domain::import::{too_many, Incoming, Problem, Problems};
use domain::{DeveloperKind, LonLat, MunicipalityCode, PlanType, PriceClass, Province, Status};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Our field → the monitor's, so a problem names the field the official knows.
pub fn source_field(ours: &str) -> &str {
    match ours {
        "id" => "planregistratie.id",
        "naam" => "planregistratie.planNaam",
        "gemeente" => "planregistratie.gemeente",
        "kern" => "planregistratie.plaatsnaam",
        "vertrouwelijkheid" => "planregistratie.vertrouwelijkheid",
        "soort_ontwikkelaar" => "planregistratie.opdrachtgeverType",
        "ontwikkelaar" => "planregistratie.opdrachtgeverNaam",
        "status" => "planregistratie.statusProject",
        "plantype" => "planregistratie.plantype",
        "start" => "planregistratie.jaarStartProject",
        "oplevering" => "planregistratie.opleveringLaatste",
        "geometrie" => "planregistratie.geometrie",
        "woningen_totaal" => "detailplanningen",
        "eengezins" | "meergezins" => "plancategorieen.woningType",
        "woningen" => "plancategorieen",
        other => other,
    }
}

fn client(kind: &str) -> Option<DeveloperKind> {
    Some(match normalise(kind).as_str() {
        "gemeente" => DeveloperKind::Gemeente,
        "woningbouwcorporatie" => DeveloperKind::Corporatie,
        "projectontwikkelaar" => DeveloperKind::Marktpartij,
        // Private clients build together (CPO) or their own plot: both are ours "cpo".
        "particulieren" => DeveloperKind::Cpo,
        "meerdere_namelijk" | "anders" | "nog_onbekend" => DeveloperKind::Onbekend,
        _ => return None,
    })
}

fn plan_type(kind: &str) -> Option<PlanType> {
    Some(match normalise(kind).as_str() {
        "pand_transformatie" | "pandtransformatie" => PlanType::Pandtransformatie,
        "transformatiegebied" => PlanType::Transformatiegebied,
        "herstructurering" => PlanType::Herstructurering,
        "verdichting" => PlanType::Verdichting,
        "uitbreiding_uitleg" => PlanType::UitbreidingGroot,
        "uitbreiding_overig" => PlanType::UitbreidingKlein,
        _ => return None,
    })
}

fn price_class(affordability: &str) -> Option<PriceClass> {
    Some(match normalise(affordability).as_str() {
        "sociale_huur" => PriceClass::SocialeHuur,
        "huur_middenhuur" => PriceClass::MiddeldureHuur,
        "huur_dure_huur" => PriceClass::DureHuur,
        "huur_onbekend" => PriceClass::HuurOnbekend,
        "koop_betaalbare_koop" => PriceClass::BetaalbareKoop,
        "koop_dure_koop" => PriceClass::DureKoop,
        "koop_onbekend" => PriceClass::KoopOnbekend,
        "onbekend_koop_of_huur" => PriceClass::Onbekend,
        _ => return None,
    })
}

/// Our status from the project status and, before building starts, the planning status
/// (hard plan capacity 1A/1B/2A/2B → onherroepelijk, soft 1C/2C/3/4A/4B → planvorming,
/// 5A/5B → idee).
fn status(project: &str, planning: Option<&str>) -> Result<Status, (&'static str, String)> {
    match normalise(project).as_str() {
        "afgerond" | "nazorg" => return Ok(Status::Opgeleverd),
        "realisatie_tot_eerste_woning" | "realisatie_tot_laatste_woning" => return Ok(Status::InAanbouw),
        "bouwvoorbereiding" => return Ok(Status::Vergund),
        "studie" | "start" | "initiatief" | "definitie" | "ontwerp" | "voorbereiding" | "onbekend" => {}
        _ => return Err(("planregistratie.statusProject", format!("onbekende projectstatus '{project}'"))),
    }
    let planning = planning.ok_or(("planregistratie.statusPlanologisch", "ontbreekt (nodig zolang er niet gebouwd wordt)".to_owned()))?;
    let code = planning.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    match code.as_str() {
        "1a" | "1b" | "2a" | "2b" => Ok(Status::Onherroepelijk),
        "1c" | "2c" | "3" | "4a" | "4b" => Ok(Status::Planvorming),
        "5a" | "5b" => Ok(Status::Idee),
        _ => Err(("planregistratie.statusPlanologisch", format!("onbekende planologische status '{planning}'"))),
    }
}

pub fn read(bytes: &[u8], province: &Province, writer: &MunicipalityCode) -> (Vec<Incoming>, Problems) {
    let json = match parse_json(bytes) {
        Ok(v) => v,
        Err(problem) => return (Vec::new(), vec![problem].into()),
    };
    let Some(list) = json.as_array().or_else(|| json.get("planregistraties").and_then(Value::as_array)) else {
        return (Vec::new(), vec![Problem::new("bestand", "planregistraties", "verwacht een lijst van planregistraties")].into());
    };
    if let Some(problem) = too_many(list.len(), "planregistraties") {
        return (Vec::new(), vec![problem].into());
    }
    let mut problems = Problems::new();
    let mut records = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let label = format!("planregistratie {}", i + 1);
        // Problems found here leave the record out of the common checks, which would only
        // repeat them in other words (a dropped category makes the totals differ).
        let before = problems.len();
        let mut problem = |field: &str, reason: String| problems.push(Problem::new(&label, field, reason));
        let empty = Map::new();
        let plan = item.get("planregistratie").and_then(Value::as_object).unwrap_or(&empty);
        if plan.is_empty() {
            problem("planregistratie", "ontbreekt".to_owned());
            continue;
        }
        let text = |key: &str| plan.get(key).and_then(|v| v.as_str().map(str::to_owned).or_else(|| v.as_number().map(|n| n.to_string())));
        let mut fields: BTreeMap<String, Value> = BTreeMap::new();
        for (ours, theirs) in [
            ("id", "id"),
            ("naam", "planNaam"),
            ("gemeente", "gemeente"),
            ("kern", "plaatsnaam"),
            ("ontwikkelaar", "opdrachtgeverNaam"),
            ("vertrouwelijkheid", "vertrouwelijkheid"),
        ] {
            if let Some(v) = text(theirs) {
                fields.insert(ours.into(), v.into());
            }
        }
        for (ours, theirs) in [("start", "jaarStartProject"), ("oplevering", "opleveringLaatste")] {
            if let Some(v) =
                plan.get(theirs).filter(|v| !v.is_null()).or_else(|| (theirs == "opleveringLaatste").then(|| plan.get("opleveringEerste")).flatten())
            {
                fields.insert(ours.into(), v.clone());
            }
        }
        match text("opdrachtgeverType").map(|t| (client(&t), t)) {
            Some((Some(kind), _)) => {
                fields.insert("soort_ontwikkelaar".into(), kind.slug().into());
            }
            Some((None, t)) => problem("planregistratie.opdrachtgeverType", format!("onbekend type opdrachtgever '{t}'")),
            None => {}
        }
        match text("plantype").map(|t| (plan_type(&t), t)) {
            Some((Some(kind), _)) => {
                fields.insert("plantype".into(), kind.slug().into());
            }
            Some((None, t)) => problem("planregistratie.plantype", format!("onbekend plantype '{t}'")),
            None => problem("planregistratie.plantype", "ontbreekt".to_owned()),
        }
        match text("statusProject").map(|p| status(&p, text("statusPlanologisch").as_deref())) {
            Some(Ok(s)) => {
                fields.insert("status".into(), s.slug().into());
            }
            Some(Err((field, reason))) => problem(field, reason),
            None => problem("planregistratie.statusProject", "ontbreekt".to_owned()),
        }

        // Homes per class and per form, summed over the categories.
        let mut per_class: BTreeMap<PriceClass, u64> = BTreeMap::new();
        let (mut single, mut multi) = (0u64, 0u64);
        for (j, category) in item.get("plancategorieen").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
            let at = |key: &str| format!("plancategorieen[{}].{key}", j + 1);
            let Some(n) = category.get("totaalGepland").and_then(Value::as_u64) else {
                problem(&at("totaalGepland"), format!("{} is geen aantal ≥ 0", category.get("totaalGepland").unwrap_or(&Value::Null)));
                continue;
            };
            match category.get("betaalbaarheid").and_then(Value::as_str).map(|b| (price_class(b), b)) {
                Some((Some(class), _)) => *per_class.entry(class).or_default() += n,
                Some((None, b)) => problem(&at("betaalbaarheid"), format!("onbekende betaalbaarheid '{b}'")),
                None => *per_class.entry(PriceClass::Onbekend).or_default() += n,
            }
            match category.get("woningType").and_then(Value::as_str).map(normalise).as_deref() {
                Some("eengezins") => single += n,
                Some("meergezins") => multi += n,
                Some("onbekend") | None => {}
                Some(other) => problem(&at("woningType"), format!("onbekend woningtype '{other}'")),
            }
        }
        for (class, n) in per_class {
            fields.insert(super::record::class_field(class), json!(n));
        }
        fields.insert("eengezins".into(), json!(single));
        fields.insert("meergezins".into(), json!(multi));
        if let Some(years) = item.get("detailplanningen").and_then(Value::as_array).filter(|y| !y.is_empty()) {
            let mut total = 0u64;
            for (j, year) in years.iter().enumerate() {
                match year.get("aantalGepland").and_then(Value::as_u64) {
                    Some(n) => total += n,
                    None => problem(&format!("detailplanningen[{}].aantalGepland", j + 1), "is geen aantal ≥ 0".to_owned()),
                }
            }
            fields.insert("woningen_totaal".into(), json!(total));
        }

        let placed = match plan.get("geometrie").and_then(Value::as_str).map(rd_new_to_wgs84) {
            Some(Ok((point, area))) => Placed::Found(point, area),
            Some(Err(reason)) => {
                problem("planregistratie.geometrie", reason);
                Placed::Unreadable
            }
            None => {
                problem("planregistratie.geometrie", "ontbreekt (WKT in RD New, EPSG:28992)".to_owned());
                Placed::Unreadable
            }
        };
        match Record::new(label.clone(), fields, province, writer).read(placed) {
            Ok(incoming) if problems.len() == before => records.push(incoming),
            Ok(_) => {}
            Err(found) => problems.extend(found.into_iter().map(|p| Problem::new(p.record, source_field(&p.field), p.reason))),
        }
    }
    (records, problems)
}

/// A WKT point, polygon or multipolygon in RD New as our point and plan area in WGS84. Of a
/// multipolygon the largest part is the plan area.
pub fn rd_new_to_wgs84(text: &str) -> Result<(LonLat, Option<Rings>), String> {
    use geo::{Area, Centroid};
    use std::str::FromStr;
    let parsed = wkt::Wkt::<f64>::from_str(text).map_err(|e| format!("geen geldige WKT: {e}"))?;
    let geometry = geo::Geometry::<f64>::try_from(parsed).map_err(|e| format!("geen geldige WKT: {e}"))?;
    let polygon = match geometry {
        geo::Geometry::Point(p) => return Ok((project(p.x(), p.y())?, None)),
        geo::Geometry::Polygon(p) => p,
        geo::Geometry::MultiPolygon(mp) => mp.0.into_iter().max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area())).ok_or("een lege MULTIPOLYGON")?,
        _ => return Err("gebruik POINT, POLYGON of MULTIPOLYGON".to_owned()),
    };
    let centre = polygon.centroid().ok_or("het plangebied heeft geen oppervlakte")?;
    let ring = |line: &geo::LineString<f64>| line.coords().map(|c| project(c.x, c.y)).collect::<Result<Vec<LonLat>, String>>();
    let mut rings = vec![ring(polygon.exterior())?];
    for hole in polygon.interiors() {
        rings.push(ring(hole)?);
    }
    Ok((project(centre.x(), centre.y())?, Some(rings)))
}

/// One RD New position in WGS84.
fn project(x: f64, y: f64) -> Result<LonLat, String> {
    crate::rd_new::to_wgs84(x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wgs84_where_rd_new_is_expected_is_named() {
        assert!(rd_new_to_wgs84("POINT(6.9 52.78)").unwrap_err().contains("lijkt WGS84"));
        assert!(rd_new_to_wgs84("POLYGON((0 0, 1 1").unwrap_err().contains("geen geldige WKT"));
    }

    #[test]
    fn statuses_follow_the_plan_capacity_of_the_monitor() {
        assert_eq!(status("Voorbereiding", Some("1A Onherroepelijk")), Ok(Status::Onherroepelijk));
        assert_eq!(status("Ontwerp", Some("3 In voorbereiding")), Ok(Status::Planvorming));
        assert_eq!(status("Initiatief", Some("5B")), Ok(Status::Idee));
        assert_eq!(status("Realisatie tot eerste woning", None), Ok(Status::InAanbouw));
        assert_eq!(status("Afgerond", None), Ok(Status::Opgeleverd));
        assert!(status("Ontwerp", None).is_err());
        assert!(status("Klaar", Some("1A")).is_err());
    }
}
