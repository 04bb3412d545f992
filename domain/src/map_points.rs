//! The map's own compact copy of the public projects: what it takes to draw, cluster and filter
//! them in the browser, column by column.
//!
//! The browser loads it once per area and applies every filter change itself, through the same
//! [`Filterable`] code as the server, so a change needs no request. On the wire ([`Encoded`])
//! projects are ordered by municipality and longitude, positions are whole 1e-5 degrees (about
//! a metre), each the step from the project before it, homes are one list per price class and
//! enumerations are their position in `ALL`: runs of small, repeated numbers, which brotli
//! shrinks to about a third of the same projects as GeoJSON. The names ([`Names`], in the same
//! order) are sent apart: nothing of the first view needs them (clusters show homes), and they
//! are a fifth of the bytes, so the map asks for them after it has drawn. `/api/projects` keeps
//! serving standard GeoJSON for everyone else.

use crate::catalog::Catalog;
use crate::filter::{Filter, Filterable};
use crate::ids::MunicipalityCode;
use crate::project::{DeveloperKind, HousingForm, LonLat, Precision, Project, Siting, Status};
use crate::segment::SegmentCounts;
use crate::texts::Texts;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod areas;
mod homes;

pub use areas::PlanAreas;
pub use homes::HomeColumns;

/// Positions are sent as whole multiples of this many degrees.
const STEP: f64 = 1e-5;

const EENGEZINS: u8 = 1;
const MEERGEZINS: u8 = 2;
const UITBREIDING: u8 = 4;
const INDICATIVE: u8 = 8;
const EXAMPLE: u8 = 16;

/// The wire format: one list per attribute, all as long as `ids`. Names come apart, in [`Names`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Encoded {
    /// Lookup tables that `developer` and `municipality` point into.
    pub developers: Vec<String>,
    pub municipalities: Vec<MunicipalityCode>,
    /// The projects' ids (one buffer, not a `String` each: see [`Texts`]).
    pub ids: Texts,
    /// In steps of 1e-5 degrees, each relative to the project before (the first to 0).
    pub lon: Vec<i32>,
    pub lat: Vec<i32>,
    /// One list per price class, in the order of [`crate::PriceClass::ALL`] (four-byte counts
    /// on the wire, read into two-byte columns).
    pub homes: HomeColumns,
    /// Positions in [`Status::ALL`] and [`DeveloperKind::ALL`].
    pub status: Vec<u8>,
    pub kind: Vec<u8>,
    pub developer: Vec<u32>,
    pub municipality: Vec<u32>,
    /// 0: not known.
    pub delivery: Vec<u16>,
    /// Bits: 1 eengezins, 2 meergezins, 4 uitbreiding, 8 indicative location, 16 example.
    pub flags: Vec<u8>,
    /// Plan areas: the project's position in the lists, and its rings in steps from its point,
    /// without the closing position (it repeats the first).
    pub areas: PlanAreas,
}

/// The projects' names, in the order of [`Encoded`] for the same filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Names(pub Texts);

impl Names {
    pub fn of(catalog: &Catalog, filter: &Filter) -> Names {
        Names(ordered(catalog, filter).iter().map(|s| s.project.name.as_str()).collect())
    }
}

/// The decoded points, ready to filter: the wire's columns, checked and kept as they came
/// (positions summed up in place), so decoding allocates next to nothing: with 100k projects
/// the browser's memory holds one copy of them, not two.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapPoints {
    developers: Vec<String>,
    municipalities: Vec<MunicipalityCode>,
    ids: Texts,
    /// Empty until [`MapPoints::attach_names`].
    names: Texts,
    /// Whole steps of [`STEP`] degrees.
    lon: Vec<i32>,
    lat: Vec<i32>,
    /// One column per price class, two bytes a project.
    homes: HomeColumns,
    /// Checked positions in [`Status::ALL`] and [`DeveloperKind::ALL`].
    status: Vec<u8>,
    kind: Vec<u8>,
    developer: Vec<u32>,
    municipality: Vec<u32>,
    /// 0: not known.
    delivery: Vec<u16>,
    flags: Vec<u8>,
    /// In steps from the project's position.
    areas: PlanAreas,
}

/// A map point's data that cannot be read: which list and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("kaartgegevens, {field}: {reason}")]
pub struct DecodeError {
    pub field: &'static str,
    pub reason: String,
}

fn steps(degrees: f64) -> i64 {
    (degrees / STEP).round() as i64
}

fn position<T: PartialEq + Copy>(all: &[T], value: T) -> u8 {
    all.iter().position(|v| *v == value).unwrap_or(0) as u8
}

/// The public projects that match `filter`, in the wire order: neighbours next to each other
/// (small steps between positions, long runs of one municipality). The order means nothing else.
fn ordered<'a>(catalog: &'a Catalog, filter: &'a Filter) -> Vec<crate::catalog::Selected<'a>> {
    let mut selected = catalog.select(filter);
    selected.sort_by(|a, b| {
        let (a, b) = (a.project, b.project);
        (&a.municipality, steps(a.location.point.lon), &a.id).cmp(&(&b.municipality, steps(b.location.point.lon), &b.id))
    });
    selected
}

impl Encoded {
    /// The public projects that match `filter` (in practice: an area).
    pub fn of(catalog: &Catalog, filter: &Filter) -> Encoded {
        let selected = ordered(catalog, filter);
        let homes = HomeColumns::new(crate::segment::CLASS_COUNT, selected.len());
        let mut out = Encoded { homes, ..Encoded::default() };
        let mut developers: BTreeMap<&str, u32> = BTreeMap::new();
        let mut municipalities: BTreeMap<&MunicipalityCode, u32> = BTreeMap::new();
        let (mut lon, mut lat) = (0i64, 0i64);
        for (i, s) in selected.iter().enumerate() {
            let p: &Project = s.project;
            let next = developers.len() as u32;
            let developer = *developers.entry(p.developer.name.as_str()).or_insert_with(|| {
                out.developers.push(p.developer.name.clone());
                next
            });
            let next = municipalities.len() as u32;
            let municipality = *municipalities.entry(&p.municipality).or_insert_with(|| {
                out.municipalities.push(p.municipality.clone());
                next
            });
            let (x, y) = (steps(p.location.point.lon), steps(p.location.point.lat));
            out.lon.push((x - lon) as i32);
            out.lat.push((y - lat) as i32);
            (lon, lat) = (x, y);
            out.ids.push(p.id.as_str());
            for (class, homes) in p.homes.0.into_iter().enumerate() {
                out.homes.push(class, homes);
            }
            out.status.push(position(Status::ALL, p.status));
            out.kind.push(position(DeveloperKind::ALL, p.developer.kind));
            out.developer.push(developer);
            out.municipality.push(municipality);
            out.delivery.push(p.delivery_year.unwrap_or(0));
            // What the filter reads, as the filter reads it (`Filterable`).
            let bits = [
                (EENGEZINS, p.has_form(HousingForm::Eengezins)),
                (MEERGEZINS, p.has_form(HousingForm::Meergezins)),
                (UITBREIDING, p.location_kind() == Siting::Uitbreiding),
                (INDICATIVE, p.location.precision == Precision::Indicative),
                (EXAMPLE, p.example),
            ];
            out.flags.push(bits.into_iter().filter(|(_, set)| *set).fold(0, |flags, (bit, _)| flags | bit));
            if let Some(rings) = &p.location.area {
                let rings = rings.iter().map(|ring| {
                    let open = if ring.len() > 1 && ring.first() == ring.last() { &ring[..ring.len() - 1] } else { &ring[..] };
                    open.iter().map(move |c| [(steps(c.lon) - x) as i32, (steps(c.lat) - y) as i32])
                });
                out.areas.push(i as u32, rings);
            }
        }
        out
    }

    /// Checks that every list is as long as `ids` and every reference points somewhere.
    pub fn decode(self) -> Result<MapPoints, DecodeError> {
        let n = self.ids.len();
        let lengths = [
            ("lon", self.lon.len()),
            ("lat", self.lat.len()),
            ("status", self.status.len()),
            ("kind", self.kind.len()),
            ("developer", self.developer.len()),
            ("municipality", self.municipality.len()),
            ("delivery", self.delivery.len()),
            ("flags", self.flags.len()),
        ];
        if let Some((field, len)) = lengths.into_iter().find(|(_, len)| *len != n) {
            return Err(DecodeError { field, reason: format!("{len} waarden voor {n} projecten") });
        }
        if self.homes.classes() != crate::segment::CLASS_COUNT {
            return Err(DecodeError { field: "homes", reason: format!("{} prijsklassen in plaats van {}", self.homes.classes(), crate::segment::CLASS_COUNT) });
        }
        if let Some(class) = (0..self.homes.classes()).find(|c| self.homes.len_of(*c) != n) {
            return Err(DecodeError { field: "homes", reason: format!("prijsklasse {}: {} waarden voor {n} projecten", class + 1, self.homes.len_of(class)) });
        }
        if let Err(i) = self.areas.check(n) {
            let project = self.areas.projects().nth(i).unwrap_or_default();
            return Err(DecodeError { field: "areas", reason: format!("plangebied {} hoort bij project {} van {n}, of niet op volgorde", i + 1, project + 1) });
        }
        let lookup = |field: &'static str, values: &[u8], all_len: usize| match values.iter().position(|v| usize::from(*v) >= all_len) {
            Some(i) => Err(DecodeError { field, reason: format!("project {} heeft onbekende waarde {}", i + 1, values[i]) }),
            None => Ok(()),
        };
        lookup("status", &self.status, Status::ALL.len())?;
        lookup("kind", &self.kind, DeveloperKind::ALL.len())?;
        let within = |field: &'static str, values: &[u32], len: usize| match values.iter().position(|v| *v as usize >= len) {
            Some(i) => Err(DecodeError { field, reason: format!("project {} verwijst naar {} van {len}", i + 1, values[i]) }),
            None => Ok(()),
        };
        within("developer", &self.developer, self.developers.len())?;
        within("municipality", &self.municipality, self.municipalities.len())?;
        // Steps to positions, in place; a sum outside the world is damage, not a place.
        let (mut lon, mut lat) = (self.lon, self.lat);
        for (field, column, degrees) in [("lon", &mut lon, 180.0), ("lat", &mut lat, 90.0)] {
            let limit = steps(degrees);
            let mut sum = 0i64;
            for (i, step) in column.iter_mut().enumerate() {
                sum += i64::from(*step);
                if sum.abs() > limit {
                    return Err(DecodeError { field, reason: format!("project {} ligt buiten de wereld", i + 1) });
                }
                *step = sum as i32;
            }
        }
        Ok(MapPoints {
            developers: self.developers,
            municipalities: self.municipalities,
            ids: self.ids,
            names: Texts::default(),
            lon,
            lat,
            homes: self.homes,
            status: self.status,
            kind: self.kind,
            developer: self.developer,
            municipality: self.municipality,
            delivery: self.delivery,
            flags: self.flags,
            areas: self.areas,
        })
    }
}

impl MapPoints {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Adds the names ([`Names`] for the same filter), which follow the first view.
    pub fn attach_names(&mut self, names: Names) -> Result<(), DecodeError> {
        if names.0.len() != self.len() {
            return Err(DecodeError { field: "names", reason: format!("{} namen voor {} projecten", names.0.len(), self.len()) });
        }
        self.names = names.0;
        Ok(())
    }

    pub fn row(&self, index: usize) -> MapRow<'_> {
        MapRow { points: self, index }
    }

    pub fn rows(&self) -> impl Iterator<Item = MapRow<'_>> {
        (0..self.len()).map(|index| self.row(index))
    }

    /// The rows `filter` selects, with the homes it counts in each.
    pub fn select<'a>(&'a self, filter: &'a Filter, province: &'a crate::Province) -> impl Iterator<Item = (MapRow<'a>, u32)> + 'a {
        let compiled = filter.compile(province);
        self.rows().filter_map(move |row| compiled.homes(&row).map(|homes| (row, homes)))
    }
}

/// One project of the map's points.
#[derive(Debug, Clone, Copy)]
pub struct MapRow<'a> {
    points: &'a MapPoints,
    pub index: usize,
}

impl<'a> MapRow<'a> {
    pub fn id(&self) -> &'a str {
        self.points.ids.get(self.index).unwrap_or_default()
    }
    /// `None` until the names have come ([`MapPoints::attach_names`]).
    pub fn name(&self) -> Option<&'a str> {
        self.points.names.get(self.index)
    }
    /// Its municipality's code (as [`Filterable`], for as long as the points live).
    pub fn municipality(&self) -> &'a MunicipalityCode {
        &self.points.municipalities[self.points.municipality[self.index] as usize]
    }
    pub fn at(&self) -> LonLat {
        LonLat::lon_lat(f64::from(self.points.lon[self.index]) * STEP, f64::from(self.points.lat[self.index]) * STEP)
    }
    pub fn homes(&self) -> SegmentCounts {
        let mut counts = SegmentCounts::default();
        for (class, count) in counts.0.iter_mut().enumerate() {
            *count = self.points.homes.get(self.index, class);
        }
        counts
    }
    pub fn indicative(&self) -> bool {
        self.points.flags[self.index] & INDICATIVE != 0
    }
    pub fn example(&self) -> bool {
        self.points.flags[self.index] & EXAMPLE != 0
    }
    /// The plan area's rings, when known: each an open ring (the last point is not the first
    /// again).
    pub fn area(&self) -> Option<impl Iterator<Item = impl Iterator<Item = LonLat> + 'a> + 'a> {
        let (ox, oy) = (i64::from(self.points.lon[self.index]), i64::from(self.points.lat[self.index]));
        let rings = self.points.areas.rings(self.index as u32)?;
        Some(rings.map(move |ring| ring.iter().map(move |[dx, dy]| LonLat::lon_lat((ox + i64::from(*dx)) as f64 * STEP, (oy + i64::from(*dy)) as f64 * STEP))))
    }
}

impl Filterable for MapRow<'_> {
    fn municipality_code(&self) -> &MunicipalityCode {
        self.municipality()
    }
    fn current_status(&self) -> Status {
        Status::ALL[usize::from(self.points.status[self.index])]
    }
    fn developer_kind(&self) -> DeveloperKind {
        DeveloperKind::ALL[usize::from(self.points.kind[self.index])]
    }
    fn developer_name(&self) -> &str {
        &self.points.developers[self.points.developer[self.index] as usize]
    }
    fn expected_delivery(&self) -> Option<u16> {
        Some(self.points.delivery[self.index]).filter(|year| *year != 0)
    }
    fn has_form(&self, form: HousingForm) -> bool {
        let bit = match form {
            HousingForm::Eengezins => EENGEZINS,
            HousingForm::Meergezins => MEERGEZINS,
        };
        self.points.flags[self.index] & bit != 0
    }
    fn location_kind(&self) -> Siting {
        if self.points.flags[self.index] & UITBREIDING != 0 {
            Siting::Uitbreiding
        } else {
            Siting::Inbreiding
        }
    }
    fn segment_counts(&self) -> SegmentCounts {
        self.homes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::PriceClass;
    use crate::test_support::{project, two_region_province};

    fn catalog() -> Catalog {
        let mut a = project("a", "GM0001", &[(PriceClass::SocialeHuur, 43), (PriceClass::BetaalbareKoop, 12)]);
        a.location.point = LonLat::lon_lat(6.51234, 52.85871);
        a.location.area =
            Some(vec![vec![LonLat::lon_lat(6.512, 52.858), LonLat::lon_lat(6.513, 52.858), LonLat::lon_lat(6.513, 52.859), LonLat::lon_lat(6.512, 52.858)]]);
        let mut b = project("b", "GM0003", &[(PriceClass::DureKoop, 8)]);
        b.location.point = LonLat::lon_lat(6.9, 52.78);
        b.location.precision = Precision::Indicative;
        b.delivery_year = None;
        Catalog::new(two_region_province(), [a, b], false)
    }

    #[test]
    fn positions_survive_the_round_trip_to_a_metre() {
        let catalog = catalog();
        let points = Encoded::of(&catalog, &Filter::default()).decode().unwrap();
        assert_eq!(points.len(), 2);
        for (row, p) in points.rows().zip(catalog.projects()) {
            assert_eq!(row.id(), p.id.as_str());
            assert!((row.at().lon - p.location.point.lon).abs() < 6e-6);
            assert!((row.at().lat - p.location.point.lat).abs() < 6e-6);
        }
        let ring: Vec<LonLat> = points.row(0).area().unwrap().next().unwrap().collect();
        assert!((ring[1].lon - 6.513).abs() < 6e-6 && (ring[2].lat - 52.859).abs() < 6e-6);
        assert_eq!(ring.len(), 3, "sent and kept open");
        assert!(points.row(1).indicative() && points.row(1).area().is_none());
        assert_eq!(points.row(1).expected_delivery(), None);
    }

    #[test]
    fn counts_too_large_for_two_bytes_come_back_whole() {
        let catalog = Catalog::new(
            two_region_province(),
            [
                project("a", "GM0001", &[(PriceClass::SocialeHuur, 65_534), (PriceClass::DureKoop, 65_535)]),
                project("b", "GM0003", &[(PriceClass::DureKoop, 12), (PriceClass::BetaalbareKoop, 70_000)]),
                project("c", "GM0003", &[(PriceClass::SocialeHuur, 65_536)]),
            ],
            false,
        );
        let points = Encoded::of(&catalog, &Filter::default()).decode().unwrap();
        assert_eq!(points.len(), 3);
        for row in points.rows() {
            let p = catalog.projects().iter().find(|p| p.id.as_str() == row.id()).unwrap();
            assert_eq!(row.homes(), p.homes, "{}", p.id);
        }
        assert_eq!(points.homes.large_count(), 3, "65,535 and up; 65,534 fits");
    }

    #[test]
    fn names_follow_in_the_same_order_and_must_fit() {
        let catalog = catalog();
        let mut points = Encoded::of(&catalog, &Filter::default()).decode().unwrap();
        assert_eq!(points.row(0).name(), None);
        points.attach_names(Names::of(&catalog, &Filter::default())).unwrap();
        for row in points.rows() {
            let project = catalog.projects().iter().find(|p| p.id.as_str() == row.id()).unwrap();
            assert_eq!(row.name(), Some(project.name.as_str()));
        }
        let e = points.attach_names(Names(["een"].into_iter().collect())).unwrap_err();
        assert_eq!(e.field, "names");
    }

    #[test]
    fn a_damaged_list_is_named() {
        let mut wire = Encoded::of(&catalog(), &Filter::default());
        wire.flags.pop();
        assert_eq!(wire.clone().decode().unwrap_err().field, "flags");
        wire.flags.push(0);
        wire.developer[1] = 9;
        let e = wire.clone().decode().unwrap_err();
        assert_eq!(e.field, "developer");
        assert!(e.to_string().contains("project 2"), "{e}");
        wire.developer[1] = 0;
        let mut far = wire.clone();
        far.areas.push(5, [[[0, 0], [1, 0], [1, 1]]]);
        let e = far.decode().unwrap_err();
        assert_eq!(e.field, "areas");
        assert!(e.to_string().contains("project 6 van 2"), "{e}");
        wire.lat[1] = i32::MAX;
        let e = wire.decode().unwrap_err();
        assert_eq!((e.field, e.to_string()), ("lat", "kaartgegevens, lat: project 2 ligt buiten de wereld".to_owned()));
    }
}
