//! What a municipality delivers, checked and compared with what is stored.
//!
//! The formats (GeoJSON, CSV, Planmonitor Wonen) are read at the server's edge into
//! [`Incoming`] records; everything they have in common is checked here, in one place:
//! [`check`] reports every problem at once, each with its record, field and reason, and
//! [`plan`] says what applying a delivery would add, change and remove.
//!
//! A delivery is a municipality's complete list: a stored project of that municipality that is
//! not in it is removed. Project ids are namespaced by municipality ([`namespaced_id`]), so one
//! municipality's ids can never touch, or reveal, another's projects.

use crate::ids::{MunicipalityCode, ProjectId};
use crate::project::{LonLat, Project};
use crate::province::Province;
use std::collections::{BTreeMap, HashMap};

pub use crate::problems::{Problem, Problems, MAX_SHOWN};

/// Years a plan can plausibly start or be delivered in. A sanity bound on input, not a fact
/// about the world: anything outside is a typing error.
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

/// Longest accepted texts, in characters.
pub const MAX_ID: usize = 64;
pub const MAX_NAME: usize = 150;
pub const MAX_PLACE: usize = 80;
pub const MAX_ADDRESS: usize = 200;
pub const MAX_DEVELOPER: usize = 150;
pub const MAX_DESCRIPTION: usize = 4000;
pub const MAX_LINK: usize = 500;
/// Positions in one plan area (all rings together).
pub const MAX_POSITIONS: usize = 5000;
/// Projects in one delivery: a municipality's complete list, with room to spare. A sanity bound
/// that keeps a file of garbage from taking the server's memory.
pub const MAX_PROJECTS: usize = 10_000;

/// The problem with a file of `count` records (`what`: the format's name for them) when that
/// is more than a delivery may hold.
pub fn too_many(count: usize, what: &str) -> Option<Problem> {
    (count > MAX_PROJECTS).then(|| Problem::new("bestand", what, format!("{count} {what}; een levering heeft hooguit {MAX_PROJECTS} projecten")))
}

/// One project as a format read it, before the common checks.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Where it came from, for messages ("regel 4").
    pub record: String,
    pub project: Project,
    /// The total number of homes the record states, when it states one besides the counts per
    /// price class; it must equal their sum.
    pub stated_total: Option<u64>,
    /// Whether the record gave its own last-updated date; if not, the date of the import is
    /// used for projects that change.
    pub dated: bool,
}

/// The id under which a municipality's project is stored: its own id, prefixed with the
/// municipality code unless it already starts with it (`17` from Emmen is `GM0114-17`).
pub fn namespaced_id(municipality: &MunicipalityCode, id: &str) -> ProjectId {
    let prefix = format!("{}-", municipality.as_str());
    // `get` and not an index: an id is anyone's text, and byte `prefix.len()` may fall inside
    // a character.
    match id.get(..prefix.len()).zip(id.get(prefix.len()..)) {
        Some((head, rest)) if !rest.is_empty() && head.eq_ignore_ascii_case(&prefix) => ProjectId::new(format!("{prefix}{rest}")),
        _ => ProjectId::new(format!("{prefix}{id}")),
    }
}

/// Every problem in a delivery by `writer`, the municipality whose token sent it. `locate` names
/// the municipalities a position lies in (none outside the province, two on a border).
pub fn check(incoming: &[Incoming], province: &Province, writer: &MunicipalityCode, locate: impl Fn(LonLat) -> Vec<MunicipalityCode>) -> Problems {
    let mut problems = Problems::new();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for item in incoming {
        let mut problem = |field: &str, reason: String| problems.push(Problem::new(&item.record, field, reason));
        let p = &item.project;

        let id = p.id.as_str();
        if id.trim().is_empty() {
            problem("id", "ontbreekt".to_owned());
        } else if id.chars().count() > MAX_ID {
            problem("id", format!("is langer dan {MAX_ID} tekens"));
        } else if !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            problem("id", "mag alleen letters, cijfers, '-', '_' en '.' bevatten".to_owned());
        } else if let Some(first) = seen.insert(id, &item.record) {
            problem("id", format!("'{id}' staat ook in {first}"));
        }

        match province.municipality(&p.municipality) {
            None => problem("gemeente", format!("onbekende gemeente '{}'", p.municipality)),
            Some(m) if &m.code != writer => problem(
                "gemeente",
                format!("{} ({}): dit token mag alleen projecten van {} ({writer}) schrijven", m.name, m.code, province.municipality_name(writer)),
            ),
            Some(_) => {}
        }

        for (field, text, max, required) in [
            ("naam", p.name.as_str(), MAX_NAME, true),
            ("kern", p.place.as_str(), MAX_PLACE, true),
            ("adres", p.address.as_deref().unwrap_or(""), MAX_ADDRESS, false),
            ("ontwikkelaar", p.developer.name.as_str(), MAX_DEVELOPER, false),
            ("omschrijving", p.description.as_str(), MAX_DESCRIPTION, false),
            ("link", p.link.as_deref().unwrap_or(""), MAX_LINK, false),
        ] {
            let length = text.chars().count();
            if required && text.trim().is_empty() {
                problem(field, "ontbreekt".to_owned());
            } else if length > max {
                problem(field, format!("is {length} tekens; het maximum is {max}"));
            }
        }
        if let Some(link) = &p.link {
            if !(link.starts_with("https://") || link.starts_with("http://")) {
                problem("link", format!("'{link}' is geen webadres (begint niet met https://)"));
            }
        }

        let total = u64::from(p.homes.total());
        if total == 0 {
            problem("woningen", "een project heeft ten minste één woning".to_owned());
        }
        if let Some(stated) = item.stated_total {
            if stated != total {
                problem("woningen_totaal", format!("is {stated}, maar de aantallen per prijsklasse tellen op tot {total}"));
            }
        }
        let forms = u64::from(p.forms.eengezins) + u64::from(p.forms.meergezins);
        if forms > total {
            problem("eengezins", format!("eengezins + meergezins is {forms}, meer dan de {total} woningen van het project"));
        }

        for (field, year) in [("start", p.start_year), ("oplevering", p.delivery_year)] {
            if let Some(y) = year {
                if !YEARS.contains(&y) {
                    problem(field, format!("jaar {y} ligt niet tussen {} en {}", YEARS.start(), YEARS.end()));
                }
            }
        }
        if let (Some(start), Some(delivery)) = (p.start_year, p.delivery_year) {
            if start > delivery {
                problem("oplevering", format!("{delivery} ligt vóór het startjaar {start}"));
            }
        }
        if !is_date(&p.last_updated) && item.dated {
            problem("bijgewerkt", format!("'{}' is geen datum (JJJJ-MM-DD)", p.last_updated));
        }

        for reason in location_problems(p, province, writer, &locate) {
            problem("geometrie", reason);
        }
    }
    problems
}

fn location_problems(p: &Project, province: &Province, writer: &MunicipalityCode, locate: &impl Fn(LonLat) -> Vec<MunicipalityCode>) -> Vec<String> {
    let inside = |c: LonLat| !locate(c).is_empty();
    let mut reasons = Vec::new();
    let point = p.location.point;
    if !(point.lon.is_finite() && point.lat.is_finite()) {
        reasons.push("de coördinaten zijn geen getallen".to_owned());
        return reasons;
    }
    let found = locate(point);
    let what = if p.location.area.is_some() { "het midden van het plangebied" } else { "de positie" };
    // (A project of another municipality than the writer's is refused for that already.)
    if let (Some(own), Some(other)) = (province.municipality(&p.municipality).filter(|m| &m.code == writer), found.first()) {
        if !found.contains(&own.code) {
            reasons.push(format!(
                "{what} ({}, {}) ligt in {} ({other}), niet in {} ({})",
                point.lon,
                point.lat,
                province.municipality_name(other),
                own.name,
                own.code
            ));
        }
    }
    if found.is_empty() {
        if inside(LonLat::lon_lat(point.lat, point.lon)) {
            reasons.push(format!("({}, {}) ligt buiten de provincie; lengte- en breedtegraad lijken verwisseld", point.lon, point.lat));
        } else {
            reasons.push(format!("({}, {}) ligt buiten de provincie", point.lon, point.lat));
        }
    }
    let Some(rings) = &p.location.area else { return reasons };
    let positions: usize = rings.iter().map(Vec::len).sum();
    if positions > MAX_POSITIONS {
        reasons.push(format!("het plangebied heeft {positions} punten; het maximum is {MAX_POSITIONS}"));
        return reasons;
    }
    if rings.is_empty() {
        reasons.push("het plangebied heeft geen ring".to_owned());
    }
    for (i, ring) in rings.iter().enumerate() {
        let which = if i == 0 { "de buitenring".to_owned() } else { format!("binnenring {i}") };
        if ring.len() < 4 {
            reasons.push(format!("{which} heeft {} punten; een ring heeft er ten minste 4", ring.len()));
        } else if ring.first() != ring.last() {
            reasons.push(format!("{which} is niet gesloten (het eerste en laatste punt verschillen)"));
        } else if ring.iter().any(|c| !(c.lon.is_finite() && c.lat.is_finite())) {
            reasons.push(format!("{which} bevat coördinaten die geen getallen zijn"));
        } else if self_intersects(ring) {
            reasons.push(format!("{which} snijdt zichzelf"));
        }
    }
    if let Some(outer) = rings.first() {
        if let Some(outside) = outer.iter().find(|c| c.lon.is_finite() && c.lat.is_finite() && !inside(**c)) {
            reasons.push(format!("het plangebied ligt (deels) buiten de provincie, bijvoorbeeld ({}, {})", outside.lon, outside.lat));
        }
    }
    reasons
}

/// Decimals kept of a coordinate in degrees: 7 is about a centimetre.
pub const COORDINATE_DECIMALS: i32 = 7;

/// A delivered location as it is stored: coordinates rounded to [`COORDINATE_DECIMALS`], the
/// outer ring counter-clockwise and holes clockwise (RFC 7946, 3.1.6). Rounding is idempotent,
/// so delivering the same file again changes nothing.
pub fn normalise(mut location: crate::Location) -> crate::Location {
    let scale = 10f64.powi(COORDINATE_DECIMALS);
    let round = |c: LonLat| LonLat::lon_lat((c.lon * scale).round() / scale, (c.lat * scale).round() / scale);
    location.point = round(location.point);
    if let Some(rings) = &mut location.area {
        for (i, ring) in rings.iter_mut().enumerate() {
            for c in ring.iter_mut() {
                *c = round(*c);
            }
            let counter_clockwise = signed_area(ring) > 0.0;
            if counter_clockwise != (i == 0) {
                ring.reverse();
            }
        }
    }
    location
}

/// Twice the signed area of a closed ring: positive when it runs counter-clockwise.
fn signed_area(ring: &[LonLat]) -> f64 {
    ring.windows(2).map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat).sum()
}

/// Whether two non-adjacent edges of a closed ring cross or touch.
fn self_intersects(ring: &[LonLat]) -> bool {
    let edges = ring.len() - 1;
    (0..edges).any(|i| {
        ((i + 2)..edges)
            // The first and last edges share the closing point.
            .filter(|&j| !(i == 0 && j == edges - 1))
            .any(|j| segments_meet(ring[i], ring[i + 1], ring[j], ring[j + 1]))
    })
}

fn segments_meet(a: LonLat, b: LonLat, c: LonLat, d: LonLat) -> bool {
    let orient = |p: LonLat, q: LonLat, r: LonLat| (q.lon - p.lon) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lon - p.lon);
    let on = |p: LonLat, q: LonLat, r: LonLat| r.lon >= p.lon.min(q.lon) && r.lon <= p.lon.max(q.lon) && r.lat >= p.lat.min(q.lat) && r.lat <= p.lat.max(q.lat);
    let (d1, d2, d3, d4) = (orient(c, d, a), orient(c, d, b), orient(a, b, c), orient(a, b, d));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0)) && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0)) {
        return true;
    }
    (d1 == 0.0 && on(c, d, a)) || (d2 == 0.0 && on(c, d, b)) || (d3 == 0.0 && on(a, b, c)) || (d4 == 0.0 && on(a, b, d))
}

/// Whether `text` is a day as `JJJJ-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && text.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(text[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(text[8..10].parse::<u8>(), Ok(1..=31))
}

/// What applying a delivery would do to a municipality's stored projects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub added: Vec<Project>,
    /// Before and after.
    pub changed: Vec<(Project, Project)>,
    pub removed: Vec<Project>,
    pub unchanged: usize,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// What differs between two versions of a project, named as the delivery's fields are (the
/// column headers of the CSV), in the order of the project's attributes.
pub fn changed_fields(before: &Project, after: &Project) -> Vec<&'static str> {
    let checks: [(&'static str, bool); 19] = [
        ("naam", before.name != after.name),
        ("gemeente", before.municipality != after.municipality),
        ("kern", before.place != after.place),
        ("adres", before.address != after.address),
        ("ligging", before.location != after.location),
        ("woningen per prijsklasse", before.homes != after.homes),
        ("eengezins/meergezins", before.forms != after.forms),
        ("plantype", before.plan_type != after.plan_type),
        ("doelgroepen", before.target_groups != after.target_groups),
        ("ontwikkelaar", before.developer.name != after.developer.name),
        ("soort_ontwikkelaar", before.developer.kind != after.developer.kind),
        ("status", before.status != after.status),
        ("start", before.start_year != after.start_year),
        ("oplevering", before.delivery_year != after.delivery_year),
        ("omschrijving", before.description != after.description),
        ("link", before.link != after.link),
        ("bijgewerkt", before.last_updated != after.last_updated),
        ("vertrouwelijkheid", before.confidentiality != after.confidentiality),
        ("voorbeeldproject", before.example != after.example),
    ];
    checks.into_iter().filter(|(_, differs)| *differs).map(|(name, _)| name).collect()
}

/// Compares a checked delivery with the municipality's stored projects. A record without its
/// own date that changes a project gets `today`; one that changes nothing keeps the stored date,
/// so importing the same file twice changes nothing the second time.
pub fn plan(stored: Vec<Project>, incoming: Vec<Incoming>, today: &str) -> Plan {
    let mut stored: BTreeMap<ProjectId, Project> = stored.into_iter().map(|p| (p.id.clone(), p)).collect();
    let mut result = Plan::default();
    for item in incoming {
        let mut new = item.project;
        match stored.remove(&new.id) {
            None => {
                if !item.dated {
                    new.last_updated = today.to_owned();
                }
                result.added.push(new);
            }
            Some(old) => {
                if !item.dated {
                    new.last_updated.clone_from(&old.last_updated);
                }
                if new == old {
                    result.unchanged += 1;
                } else {
                    if !item.dated {
                        new.last_updated = today.to_owned();
                    }
                    result.changed.push((old, new));
                }
            }
        }
    }
    result.removed = stored.into_values().collect();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{project, two_region_province};
    use crate::PriceClass;

    fn incoming(p: Project) -> Incoming {
        Incoming { record: "regel 2".into(), project: p, stated_total: None, dated: true }
    }

    /// Every position lies in the first municipality of the test province.
    fn everywhere(_: LonLat) -> Vec<MunicipalityCode> {
        vec!["GM0001".into()]
    }

    #[test]
    fn changed_fields_name_each_difference() {
        let before = project("GM0114-1", "GM0114", &[(PriceClass::SocialeHuur, 10)]);
        assert!(changed_fields(&before, &before).is_empty());
        let mut after = before.clone();
        after.status = crate::Status::Opgeleverd;
        after.delivery_year = Some(2031);
        after.confidentiality = crate::Confidentiality::Provincie;
        assert_eq!(changed_fields(&before, &after), ["status", "oplevering", "vertrouwelijkheid"]);
        let mut after = before.clone();
        after.developer.name = "Een ander".into();
        after.homes.set(PriceClass::SocialeHuur, 11);
        assert_eq!(changed_fields(&before, &after), ["woningen per prijsklasse", "ontwikkelaar"]);
    }

    #[test]
    fn changed_fields_knows_every_attribute() {
        // A new attribute of `Project` must be compared in `changed_fields` too: this counts
        // the attributes (all optional ones filled in) against the 18 compared there.
        let mut p = project("GM0114-1", "GM0114", &[]);
        p.address = Some("Markt 1".into());
        p.link = Some("https://example.nl".into());
        p.start_year = Some(2026);
        p.delivery_year = Some(2028);
        let json = serde_json::to_value(&p).unwrap();
        let attributes = json.as_object().unwrap().keys().filter(|k| *k != "id").count();
        assert_eq!(attributes, 18, "compare the new attribute in changed_fields");
    }

    #[test]
    fn ids_are_namespaced_once() {
        let emmen = MunicipalityCode::new("GM0114");
        assert_eq!(namespaced_id(&emmen, "17").as_str(), "GM0114-17");
        assert_eq!(namespaced_id(&emmen, "gm0114-17").as_str(), "GM0114-17");
        assert_eq!(namespaced_id(&emmen, "GM0114-").as_str(), "GM0114-GM0114-");
        // Byte 7 falls inside the 'é': no panic, the id is prefixed as it is.
        assert_eq!(namespaced_id(&emmen, "abcdef\u{e9}").as_str(), "GM0114-abcdef\u{e9}");
        assert_eq!(namespaced_id(&emmen, "\u{e9}\u{e9}\u{e9}\u{e9}").as_str(), "GM0114-\u{e9}\u{e9}\u{e9}\u{e9}");
    }

    proptest::proptest! {
        /// Any text as an id, from any municipality: no panic, the result starts with the code,
        /// and namespacing it again changes nothing.
        #[test]
        fn any_text_is_namespaced_without_panic(id in "\\PC{1,12}", code in "GM[0-9]{4}") {
            let m = MunicipalityCode::new(code.clone());
            let once = namespaced_id(&m, &id);
            let prefix = format!("{code}-");
            proptest::prop_assert!(once.as_str().starts_with(&prefix));
            proptest::prop_assert!(once.as_str().len() >= id.len());
            proptest::prop_assert_eq!(namespaced_id(&m, once.as_str()), once.clone());
        }

        /// Any text in every text field: the checks measure and report it, never panic.
        #[test]
        fn any_text_is_checked_without_panic(text in "\\PC{0,40}", long in proptest::collection::vec(proptest::char::any(), 0..300)) {
            let province = two_region_province();
            let long: String = long.into_iter().collect();
            let mut p = project("GM0001-a", "GM0001", &[(PriceClass::SocialeHuur, 1)]);
            p.id = ProjectId::new(text.clone());
            p.name = long.clone();
            p.place = text.clone();
            p.address = Some(long.clone());
            p.developer.name = text.clone();
            p.description = long;
            p.link = Some(text.clone());
            p.last_updated = text;
            let _ = check(&[incoming(p)], &province, &"GM0001".into(), everywhere);
        }
    }

    #[test]
    fn a_good_record_has_no_problems() {
        let province = two_region_province();
        let p = project("GM0001-a", "GM0001", &[(PriceClass::SocialeHuur, 10)]);
        assert!(check(&[incoming(p)], &province, &"GM0001".into(), everywhere).is_empty());
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let province = two_region_province();
        let mut p = project("GM0001-a", "GM0002", &[(PriceClass::SocialeHuur, 10)]);
        p.name = String::new();
        p.start_year = Some(2031);
        p.delivery_year = Some(2030);
        p.forms.eengezins = 11;
        p.link = Some("www.example.nl".into());
        let mut item = incoming(p);
        item.stated_total = Some(12);
        let problems = check(&[item], &province, &"GM0001".into(), everywhere).shown().to_vec();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["gemeente", "naam", "link", "woningen_totaal", "eengezins", "oplevering"], "{problems:#?}");
        assert!(problems[0].reason.contains("dit token mag alleen"));
    }

    #[test]
    fn duplicates_name_the_first_record() {
        let province = two_region_province();
        let p = project("GM0001-a", "GM0001", &[(PriceClass::SocialeHuur, 1)]);
        let mut second = incoming(p.clone());
        second.record = "regel 3".into();
        let problems = check(&[incoming(p), second], &province, &"GM0001".into(), everywhere).shown().to_vec();
        assert_eq!(problems, vec![Problem::new("regel 3", "id", "'GM0001-a' staat ook in regel 2")]);
    }

    #[test]
    fn swapped_coordinates_are_recognised() {
        let province = two_region_province();
        let mut p = project("GM0001-a", "GM0001", &[(PriceClass::SocialeHuur, 1)]);
        p.location.point = LonLat::lon_lat(52.8, 6.6);
        let in_drenthe = |c: LonLat| if (6.0..7.2).contains(&c.lon) && (52.6..53.2).contains(&c.lat) { vec!["GM0001".into()] } else { vec![] };
        let problems = check(&[incoming(p.clone())], &province, &"GM0001".into(), in_drenthe).shown().to_vec();
        assert!(problems[0].reason.contains("verwisseld"), "{problems:?}");
        p.location.point = LonLat::lon_lat(4.9, 52.4);
        let problems = check(&[incoming(p)], &province, &"GM0001".into(), in_drenthe).shown().to_vec();
        assert!(problems[0].reason.ends_with("ligt buiten de provincie"), "{problems:?}");
    }

    #[test]
    fn a_position_in_another_municipality_is_refused() {
        let province = two_region_province();
        let mut p = project("GM0001-a", "GM0001", &[(PriceClass::SocialeHuur, 1)]);
        p.location.point = LonLat::lon_lat(6.5, 52.9);
        let in_second = |_: LonLat| vec![MunicipalityCode::from("GM0002")];
        let problems = check(&[incoming(p.clone())], &province, &"GM0001".into(), in_second).shown().to_vec();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "geometrie");
        assert!(problems[0].reason.starts_with("de positie (6.5, 52.9) ligt in "), "{problems:?}");
        assert!(problems[0].reason.contains("(GM0002), niet in "), "{problems:?}");
        // On the border of both: its own municipality is one of them.
        let on_border = |_: LonLat| vec![MunicipalityCode::from("GM0002"), MunicipalityCode::from("GM0001")];
        assert!(check(&[incoming(p)], &province, &"GM0001".into(), on_border).is_empty());
    }

    #[test]
    fn normalising_rounds_orients_and_is_idempotent() {
        let c = LonLat::lon_lat;
        let clockwise = vec![c(6.0, 52.0), c(6.0, 52.000_000_123_456), c(6.100_000_049_9, 52.1), c(6.1, 52.0), c(6.0, 52.0)];
        let hole_counter_clockwise = vec![c(6.01, 52.01), c(6.02, 52.01), c(6.02, 52.02), c(6.01, 52.01)];
        let location =
            crate::Location { point: c(6.050_000_000_4, 52.05), area: Some(vec![clockwise, hole_counter_clockwise]), precision: crate::Precision::Exact };
        let once = normalise(location);
        assert_eq!(once.point, c(6.05, 52.05));
        let rings = once.area.clone().unwrap();
        assert!(signed_area(&rings[0]) > 0.0, "outer ring counter-clockwise");
        assert!(signed_area(&rings[1]) < 0.0, "hole clockwise");
        assert!(rings[0].contains(&c(6.0, 52.000_000_1)) && rings[0].contains(&c(6.1, 52.1)));
        assert_eq!(normalise(once.clone()), once);
    }

    proptest::proptest! {
        /// Rounding survives a trip through JSON and back, and a second normalising.
        #[test]
        fn normalised_coordinates_are_stable(lon in 3.0f64..8.0, lat in 50.0f64..54.0) {
            let location = normalise(crate::Location { point: LonLat::lon_lat(lon, lat), area: None, precision: crate::Precision::Exact });
            let again: crate::Location = serde_json::from_str(&serde_json::to_string(&location).unwrap()).unwrap();
            proptest::prop_assert_eq!(normalise(again), location);
        }
    }

    #[test]
    fn invalid_plan_areas_are_refused() {
        let province = two_region_province();
        let c = LonLat::lon_lat;
        let mut p = project("GM0001-a", "GM0001", &[(PriceClass::SocialeHuur, 1)]);
        let bowtie = vec![c(0.0, 0.0), c(1.0, 1.0), c(1.0, 0.0), c(0.0, 1.0), c(0.0, 0.0)];
        let open = vec![c(0.0, 0.0), c(1.0, 0.0), c(1.0, 1.0), c(0.0, 1.0)];
        let square = vec![c(0.0, 0.0), c(1.0, 0.0), c(1.0, 1.0), c(0.0, 1.0), c(0.0, 0.0)];
        for (ring, expected) in [(bowtie, "snijdt zichzelf"), (open, "niet gesloten"), (vec![c(0.0, 0.0)], "ten minste 4")] {
            p.location.area = Some(vec![ring]);
            let problems = check(&[incoming(p.clone())], &province, &"GM0001".into(), everywhere).shown().to_vec();
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].reason.contains(expected), "{problems:?}");
        }
        p.location.area = Some(vec![square]);
        assert!(check(&[incoming(p)], &province, &"GM0001".into(), everywhere).is_empty());
    }

    #[test]
    fn the_plan_adds_changes_removes_and_keeps_dates_of_unchanged() {
        let a = project("GM0001-a", "GM0001", &[(PriceClass::SocialeHuur, 1)]);
        let b = project("GM0001-b", "GM0001", &[(PriceClass::SocialeHuur, 2)]);
        let c = project("GM0001-c", "GM0001", &[(PriceClass::SocialeHuur, 3)]);
        let mut b2 = b.clone();
        b2.name = "Nieuw".into();
        b2.last_updated = String::new();
        let mut a_undated = a.clone();
        a_undated.last_updated = String::new();
        let undated = |p: Project| Incoming { record: "r".into(), project: p, stated_total: None, dated: false };
        let plan = plan(vec![a.clone(), b.clone(), c.clone()], vec![undated(a_undated), undated(b2)], "2026-11-24");
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.changed.len(), 1);
        assert_eq!(plan.changed[0].1.last_updated, "2026-11-24");
        assert_eq!(plan.removed, vec![c]);
        assert!(plan.added.is_empty());
    }
}
