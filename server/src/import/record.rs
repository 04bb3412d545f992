//! One record of a delivery as named fields, read into a project. The GeoJSON and CSV readers
//! both come here, so a field means the same and is checked the same in either format.
//!
//! Field names are compared after [`normalise`]: `Sociale huur`, `sociale-huur` and
//! `sociale_huur` are one field. Enumerations accept the slug or the Dutch label, in any case.

use domain::import::{namespaced_id, Incoming, Problem};
use domain::{
    Confidentiality, Developer, DeveloperKind, FormCounts, Location, LonLat, MunicipalityCode, PlanType, Precision, PriceClass, Project, Province,
    SegmentCounts, Status, TargetGroup,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// Fields a record may have, besides one per price class (see [`class_field`]).
pub const FIELDS: &[&str] = &[
    "id",
    "naam",
    "gemeente",
    "kern",
    "adres",
    "lengtegraad",
    "breedtegraad",
    "locatie",
    "vertrouwelijkheid",
    "woningen_totaal",
    "eengezins",
    "meergezins",
    "plantype",
    "doelgroepen",
    "ontwikkelaar",
    "soort_ontwikkelaar",
    "status",
    "start",
    "oplevering",
    "omschrijving",
    "link",
    "bijgewerkt",
];

/// Fields our own export adds that are worked out from the others; accepted and ignored, so an
/// export can be imported again.
pub const DERIVED: &[&str] = &["gemeentenaam", "regio", "woningen", "hoofdklasse", "ligging", "voorbeeld", "centrum", "per_prijsklasse"];

/// A plan area: the outer ring, then holes.
pub type Rings = Vec<Vec<LonLat>>;

/// Where a record's position comes from.
pub enum Placed {
    /// The `lengtegraad` and `breedtegraad` fields (CSV).
    InFields,
    /// Found by the format outside the fields (a GeoJSON geometry, a WKT polygon).
    Found(LonLat, Option<Rings>),
    /// The format could not read it, and has said why.
    Unreadable,
}

/// The most values (numbers, strings, lists, objects, keys) a JSON delivery may hold: room for
/// [`domain::import::MAX_PROJECTS`] projects with their fields, and for plan areas. Parsed, a value
/// takes 32 bytes or more, so a file of nothing but `0,` would otherwise take 16 times its size.
pub const MAX_JSON_VALUES: usize = 1_000_000;

/// The longest JSON string, in bytes: a plan area as WKT of [`domain::import::MAX_POSITIONS`]
/// positions, and some.
pub const MAX_JSON_STRING: usize = 256 * 1024;

/// A JSON delivery, or the problem that says where it stops being JSON (or has too many values
/// or too long a text to be a delivery: found before anything is parsed).
pub fn parse_json(bytes: &[u8]) -> Result<Value, Problem> {
    let (values, longest) = json_values(bytes);
    if values > MAX_JSON_VALUES {
        return Err(Problem::new("bestand", "bestand", format!("meer dan {MAX_JSON_VALUES} JSON-waarden ({values}): dat is geen levering")));
    }
    if longest > MAX_JSON_STRING {
        return Err(Problem::new("bestand", "bestand", format!("een tekst van {longest} bytes; de langste toegestane is {MAX_JSON_STRING}")));
    }
    serde_json::from_slice(bytes).map_err(|e| Problem::new(format!("regel {}", e.line()), "bestand", format!("geen geldige JSON: {e}")))
}

/// About how many values a JSON text holds (an upper bound for valid JSON: one, plus one per
/// `,` `:` `[` `{` outside strings), and the length of its longest string in bytes. Reads the
/// bytes once, keeps nothing.
fn json_values(bytes: &[u8]) -> (usize, usize) {
    let (mut count, mut in_string, mut escaped) = (1, false, false);
    let (mut start, mut longest) = (0, 0);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    longest = longest.max(i - start);
                }
                _ => {}
            }
        } else {
            match b {
                b'"' => {
                    in_string = true;
                    start = i + 1;
                }
                b',' | b':' | b'[' | b'{' => count += 1,
                _ => {}
            }
        }
    }
    if in_string {
        longest = longest.max(bytes.len() - start);
    }
    (count, longest)
}

/// `Sociale huur` → `sociale_huur`.
pub fn normalise(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '-'], "_")
}

/// The field that holds the homes in `class` (`sociale_huur`).
pub fn class_field(class: PriceClass) -> String {
    normalise(class.slug())
}

/// Whether `name` (normalised) is a field we read or knowingly ignore.
pub fn is_known(name: &str) -> bool {
    FIELDS.contains(&name) || DERIVED.contains(&name) || PriceClass::ALL.iter().any(|c| class_field(*c) == name)
}

/// A record's fields by normalised name. Empty values count as absent.
pub struct Record<'a> {
    pub label: String,
    pub fields: BTreeMap<String, Value>,
    pub province: &'a Province,
    pub writer: &'a MunicipalityCode,
    problems: Vec<Problem>,
}

impl<'a> Record<'a> {
    pub fn new(label: String, fields: BTreeMap<String, Value>, province: &'a Province, writer: &'a MunicipalityCode) -> Self {
        Self { label, fields, province, writer, problems: Vec::new() }
    }

    fn problem(&mut self, field: &str, reason: impl Into<String>) {
        self.problems.push(Problem::new(&self.label, field, reason));
    }

    fn value(&self, field: &str) -> Option<&Value> {
        self.fields.get(field).filter(|v| !matches!(v, Value::Null) && v.as_str().is_none_or(|s| !s.trim().is_empty()))
    }

    fn text(&mut self, field: &str) -> Option<String> {
        match self.value(field)? {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            other => {
                let other = other.to_string();
                self.problem(field, format!("verwacht tekst, niet {other}"));
                None
            }
        }
    }

    fn required_text(&mut self, field: &str) -> String {
        self.text(field).unwrap_or_else(|| {
            self.problem(field, "ontbreekt");
            String::new()
        })
    }

    /// A whole number ≥ 0; `12`, `"12"` and `"12,0"` are all twelve.
    fn count(&mut self, field: &str) -> Option<u64> {
        let value = self.value(field)?.clone();
        let text = match &value {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.trim().replace(',', "."),
            other => {
                self.problem(field, format!("verwacht een aantal, niet {other}"));
                return None;
            }
        };
        match text.parse::<f64>() {
            Ok(n) if !n.is_finite() => self.problem(field, format!("'{text}' is geen aantal")),
            Ok(n) if n < 0.0 => self.problem(field, format!("{text} is negatief")),
            Ok(n) if n.fract() != 0.0 => self.problem(field, format!("{text} is geen geheel getal")),
            Ok(n) if n > f64::from(u32::MAX) => self.problem(field, format!("{text} is te groot")),
            Ok(n) => return Some(n as u64),
            Err(_) => self.problem(field, format!("'{text}' is geen getal")),
        }
        None
    }

    fn year(&mut self, field: &str) -> Option<u16> {
        let n = self.count(field)?;
        u16::try_from(n).ok().or_else(|| {
            self.problem(field, format!("{n} is geen jaartal"));
            None
        })
    }

    fn coordinate(&mut self, field: &str) -> Option<f64> {
        let text = match self.value(field)?.clone() {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.trim().replace(',', "."),
            other => {
                self.problem(field, format!("verwacht een getal, niet {other}"));
                return None;
            }
        };
        text.parse::<f64>().ok().filter(|n| n.is_finite()).or_else(|| {
            self.problem(field, format!("'{text}' is geen getal"));
            None
        })
    }

    /// An enumeration by slug or label; `Nothing` when absent.
    fn choice<T: Copy>(&mut self, field: &str, all: &[T], slug: impl Fn(T) -> &'static str, label: impl Fn(T) -> &'static str) -> Option<T> {
        let text = self.text(field)?;
        let wanted = normalise(&text);
        let found = all.iter().copied().find(|v| normalise(slug(*v)) == wanted || normalise(label(*v)) == wanted);
        if found.is_none() {
            let known: Vec<&str> = all.iter().map(|v| slug(*v)).collect();
            self.problem(field, format!("onbekende waarde '{text}' (bekend: {})", known.join(", ")));
        }
        found
    }

    fn municipality(&mut self) -> MunicipalityCode {
        let Some(text) = self.text("gemeente") else { return self.writer.clone() };
        if let Some(m) = self.province.find_municipality_or_name(&text) {
            return m.code.clone();
        }
        // Unknown: `domain::import::check` says so, with the code as given.
        MunicipalityCode::new(text)
    }

    /// The project, or every problem found in this record's fields.
    pub fn read(mut self, placed: Placed) -> Result<Incoming, Vec<Problem>> {
        let unreadable = matches!(placed, Placed::Unreadable);
        for name in self.fields.keys().filter(|k| !is_known(k)).cloned().collect::<Vec<_>>() {
            self.problem(&name, "onbekend veld");
        }
        let municipality = self.municipality();
        let id = self.required_text("id");
        let name = self.required_text("naam");
        let place = self.required_text("kern");
        let address = self.text("adres");

        let mut homes = SegmentCounts::default();
        for class in PriceClass::ALL {
            if let Some(n) = self.count(&class_field(*class)) {
                homes.set(*class, n as u32);
            }
        }
        let stated_total = self.count("woningen_totaal");
        let forms = FormCounts { eengezins: self.count("eengezins").unwrap_or(0) as u32, meergezins: self.count("meergezins").unwrap_or(0) as u32 };

        let point = match placed {
            Placed::Found(point, area) => Some((point, area)),
            Placed::Unreadable => None,
            Placed::InFields => match (self.coordinate("lengtegraad"), self.coordinate("breedtegraad")) {
                (Some(lon), Some(lat)) => Some((LonLat::lon_lat(lon, lat), None)),
                (None, None) if !self.fields.contains_key("lengtegraad") && !self.fields.contains_key("breedtegraad") => {
                    self.problem("lengtegraad", "de locatie ontbreekt (lengtegraad en breedtegraad, WGS84)");
                    None
                }
                (lon, _) => {
                    let missing = if lon.is_none() { "lengtegraad" } else { "breedtegraad" };
                    if self.value(missing).is_none() {
                        self.problem(missing, "ontbreekt");
                    }
                    None
                }
            },
        };
        let precision = self.choice("locatie", Precision::ALL, Precision::slug, Precision::label).unwrap_or(Precision::Exact);
        let confidentiality = self.choice("vertrouwelijkheid", Confidentiality::ALL, Confidentiality::slug, Confidentiality::label);
        if confidentiality.is_none() && self.value("vertrouwelijkheid").is_none() {
            self.problem("vertrouwelijkheid", "ontbreekt (openbaar, provincie of gemeente)");
        }
        let plan_type = self.choice("plantype", PlanType::ALL, PlanType::slug, PlanType::label);
        if plan_type.is_none() && self.value("plantype").is_none() {
            self.problem("plantype", "ontbreekt");
        }
        let status = self.choice("status", Status::ALL, Status::slug, Status::label);
        if status.is_none() && self.value("status").is_none() {
            self.problem("status", "ontbreekt");
        }
        let developer_kind =
            self.choice("soort_ontwikkelaar", DeveloperKind::ALL, DeveloperKind::slug, DeveloperKind::label).unwrap_or(DeveloperKind::Onbekend);
        let developer = self.text("ontwikkelaar").unwrap_or_default();
        let target_groups = self.target_groups();
        let start_year = self.year("start");
        let delivery_year = self.year("oplevering");
        let description = self.text("omschrijving").unwrap_or_default();
        let link = self.text("link");
        let last_updated = self.text("bijgewerkt");

        let (Some((point, area)), Some(confidentiality), Some(plan_type), Some(status), true) =
            (point, confidentiality, plan_type, status, self.problems.is_empty() && !unreadable)
        else {
            return Err(self.problems);
        };
        let dated = last_updated.is_some();
        Ok(Incoming {
            record: self.label,
            project: Project {
                id: namespaced_id(&municipality, &id),
                name,
                municipality,
                place,
                address,
                location: domain::import::normalise(Location { point, area, precision }),
                homes,
                forms,
                plan_type,
                target_groups,
                developer: Developer { name: developer, kind: developer_kind },
                status,
                start_year,
                delivery_year,
                description,
                link,
                last_updated: last_updated.unwrap_or_default(),
                confidentiality,
                example: false,
            },
            stated_total,
            dated,
        })
    }

    /// A list (GeoJSON) or text with `,`, `;` or `|` between the groups (CSV).
    fn target_groups(&mut self) -> Vec<TargetGroup> {
        let items: Vec<String> = match self.value("doelgroepen").cloned() {
            None => return Vec::new(),
            Some(Value::Array(items)) => items.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect(),
            Some(Value::String(s)) => s.split([',', ';', '|']).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            Some(other) => {
                self.problem("doelgroepen", format!("verwacht een lijst, niet {other}"));
                return Vec::new();
            }
        };
        let mut groups = Vec::new();
        for item in items {
            let wanted = normalise(&item);
            match TargetGroup::ALL.iter().find(|g| normalise(g.slug()) == wanted || normalise(g.label()) == wanted) {
                Some(g) if !groups.contains(g) => groups.push(*g),
                Some(_) => {}
                None => self.problem("doelgroepen", format!("onbekende doelgroep '{item}' (bekend: {})", TargetGroup::slugs())),
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_are_counted_outside_strings() {
        assert_eq!(json_values(br#"{"a": [1, 2, {"b": "x,y:[{\"z"}]}"#), (8, 9));
        let long = format!("{{\"naam\": \"{}\"}}", "x".repeat(MAX_JSON_STRING + 1));
        assert!(parse_json(long.as_bytes()).unwrap_err().reason.contains("een tekst van 262145 bytes"));
        let garbage = "0,".repeat(2 * MAX_JSON_VALUES);
        let problem = parse_json(format!("[{garbage}0]").as_bytes()).unwrap_err();
        assert!(problem.reason.contains("geen levering"), "{problem}");
        assert!(parse_json(br#"{"type": "FeatureCollection", "features": []}"#).is_ok());
    }
}
