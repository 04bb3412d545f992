//! OGC API Features Part 2 (coordinate reference systems by reference): the items in RD New
//! (EPSG:28992), the grid Dutch GIS users work in, or in EPSG:4326 (latitude first), besides
//! the default CRS84; `crs` asks for the coordinates, `bbox-crs` says what a `bbox` is in, and
//! `Content-Crs` tells which one an answer is in. Positions are stored in WGS 84 and turned into
//! RD New by [`crate::rd_new`].

use domain::extent::Bbox;
use domain::project::Location;
use domain::LonLat;
use geojson::{Geometry, Value};

/// A coordinate reference system the items can be asked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crs {
    /// WGS 84, longitude first: GeoJSON's and OGC's default.
    Crs84,
    /// WGS 84 in EPSG's axis order: latitude first.
    Epsg4326,
    /// RD New: metres east and north.
    RdNew,
}

impl Crs {
    pub const ALL: [Crs; 3] = [Crs::Crs84, Crs::Epsg4326, Crs::RdNew];

    pub fn uri(self) -> &'static str {
        match self {
            Crs::Crs84 => "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            Crs::Epsg4326 => "http://www.opengis.net/def/crs/EPSG/0/4326",
            Crs::RdNew => "http://www.opengis.net/def/crs/EPSG/0/28992",
        }
    }

    /// Reads a CRS's URI (or its safe CURIE, `[EPSG:28992]`, which Part 2 also allows).
    pub fn parse(value: &str) -> Result<Crs, String> {
        let value = value.trim();
        let curie = |c: Crs| match c {
            Crs::Crs84 => "[OGC:CRS84]",
            Crs::Epsg4326 => "[EPSG:4326]",
            Crs::RdNew => "[EPSG:28992]",
        };
        Crs::ALL.into_iter().find(|c| c.uri() == value || curie(*c) == value).ok_or_else(|| {
            let known: Vec<&str> = Crs::ALL.iter().map(|c| c.uri()).collect();
            format!("'{}' onbekend (bekend: {})", super::request::short(value), known.join(", "))
        })
    }

    /// The `Content-Crs` header's value: the URI in angle brackets.
    pub fn header(self) -> String {
        format!("<{}>", self.uri())
    }

    /// A position in this CRS, in its axis order.
    fn position(self, p: LonLat) -> Result<Vec<f64>, String> {
        Ok(match self {
            Crs::Crs84 => vec![p.lon, p.lat],
            Crs::Epsg4326 => vec![p.lat, p.lon],
            Crs::RdNew => crate::rd_new::from_wgs84(p)?.to_vec(),
        })
    }

    /// `geometry` (in CRS84, as the features are built) turned into this CRS.
    pub fn reproject(self, geometry: &mut Geometry) -> Result<(), String> {
        if self == Crs::Crs84 {
            return Ok(());
        }
        let turn = |position: &mut Vec<f64>| -> Result<(), String> {
            *position = self.position(LonLat::lon_lat(position[0], position[1]))?;
            Ok(())
        };
        match &mut geometry.value {
            Value::Point(p) => turn(p),
            Value::Polygon(rings) => rings.iter_mut().flatten().try_for_each(turn),
            other => Err(format!("geometrietype {} niet om te rekenen", other.type_name())),
        }
    }

    /// Reads a `bbox` given in this CRS (in its axis order).
    pub fn bbox(self, value: &str) -> Result<Area, String> {
        match self {
            Crs::Crs84 => Bbox::parse(value).map(Area::Degrees),
            Crs::Epsg4326 => {
                // south,west,north,east: read as if longitude first, then swapped.
                let swapped = Bbox::parse_numbers(value)?;
                let [south, west, north, east] = swapped;
                Bbox::checked(Bbox { west, south, east, north }).map(Area::Degrees)
            }
            Crs::RdNew => {
                let [west, south, east, north] = Bbox::parse_numbers(value)?;
                if [west, south, east, north].iter().all(|v| v.abs() <= 180.0) {
                    return Err("lijkt in graden; met bbox-crs RD New (EPSG 28992) in meters".to_owned());
                }
                if west > east || south > north {
                    return Err("west ≤ oost en zuid ≤ noord, in meters (RD New)".to_owned());
                }
                Ok(Area::Metres(Bbox { west, south, east, north }))
            }
        }
    }
}

/// The area a `bbox` asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Area {
    /// In degrees, longitude first.
    Degrees(Bbox),
    /// In RD New's metres: compared with each project's box in RD New, so a box drawn on
    /// the Dutch grid selects exactly what lies in it (the grid is turned against the meridians).
    Metres(Bbox),
}

impl Area {
    /// Whether a project's place (its plan area when known, else its point) touches the area.
    pub fn touches(&self, location: &Location) -> bool {
        match self {
            Area::Degrees(b) => b.intersects(&Bbox::of(location)),
            Area::Metres(b) => {
                let vertices: Vec<LonLat> = match &location.area {
                    Some(rings) => rings.iter().flatten().copied().collect(),
                    None => vec![location.point],
                };
                let in_rd = vertices.into_iter().filter_map(|p| crate::rd_new::from_wgs84(p).ok());
                in_rd.map(|[x, y]| Bbox { west: x, south: y, east: x, north: y }).reduce(Bbox::union).is_some_and(|p| b.intersects(&p))
            }
        }
    }
}
