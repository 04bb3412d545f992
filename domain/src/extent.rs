//! Where and when, as programs ask for them: a bounding box in longitude and latitude (OGC API
//! Features' `bbox`), and a date or period (its `datetime`, which here means the day a project
//! was last changed by its municipality).

/// West, south, east, north in degrees (WGS 84, longitude first: OGC's CRS84).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bbox {
    /// Reads `west,south,east,north` (or the six numbers of a box with heights, whose heights
    /// are ignored). A box across the antimeridian (west > east) is allowed, as OGC allows it.
    pub fn parse(value: &str) -> Result<Bbox, String> {
        let [west, south, east, north] = Bbox::parse_numbers(value)?;
        Bbox::checked(Bbox { west, south, east, north })
    }

    /// The four numbers of a box in whatever coordinates (four, or six with heights left out),
    /// each finite.
    pub fn parse_numbers(value: &str) -> Result<[f64; 4], String> {
        let numbers: Vec<f64> =
            value.split(',').map(|n| n.trim().parse::<f64>().map_err(|_| format!("'{}' is geen getal", short(n)))).collect::<Result<_, _>>()?;
        let four = match numbers[..] {
            [w, s, e, n] => [w, s, e, n],
            [w, s, _, e, n, _] => [w, s, e, n],
            _ => return Err(format!("{} getallen; verwacht: west,zuid,oost,noord", numbers.len())),
        };
        if !numbers.iter().all(|n| n.is_finite()) {
            return Err("niet elk getal is eindig".to_owned());
        }
        Ok(four)
    }

    /// `bbox` when it is an area on earth in degrees.
    pub fn checked(bbox: Bbox) -> Result<Bbox, String> {
        let Bbox { west, south, east, north } = bbox;
        if south > north || ![west, east].iter().all(|x| (-180.0..=180.0).contains(x)) || south < -90.0 || north > 90.0 {
            return Err("geen gebied op aarde (lengtegraad -180..180, breedtegraad -90..90, zuid ≤ noord)".to_owned());
        }
        Ok(bbox)
    }

    /// The box of one point.
    pub fn point(p: crate::LonLat) -> Bbox {
        Bbox { west: p.lon, south: p.lat, east: p.lon, north: p.lat }
    }

    /// The smallest box around both (neither across the antimeridian).
    pub fn union(self, other: Bbox) -> Bbox {
        Bbox { west: self.west.min(other.west), south: self.south.min(other.south), east: self.east.max(other.east), north: self.north.max(other.north) }
    }

    /// The smallest box around `points`; `None` for none.
    pub fn around(points: impl IntoIterator<Item = crate::LonLat>) -> Option<Bbox> {
        points.into_iter().map(Bbox::point).reduce(Bbox::union)
    }

    /// Around a project's place: its plan area when known, else its point.
    pub fn of(location: &crate::project::Location) -> Bbox {
        Bbox::around(location.area.iter().flatten().flatten().copied()).unwrap_or(Bbox::point(location.point))
    }

    /// Whether the two boxes share any point (their edges included).
    pub fn intersects(&self, other: &Bbox) -> bool {
        let lon = |b: &Bbox| if b.west <= b.east { vec![(b.west, b.east)] } else { vec![(b.west, 180.0), (-180.0, b.east)] };
        let lon_overlap = lon(self).iter().any(|(a0, a1)| lon(other).iter().any(|(b0, b1)| a0 <= b1 && b0 <= a1));
        lon_overlap && self.south <= other.north && other.south <= self.north
    }
}

/// A day or a period of days (`datetime`): `2024-05-01`, `2024-01-01/2024-12-31`,
/// `2024-01-01/..`, `../2024-12-31`; a date-time's time is ignored (projects change by the day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Days {
    /// The first day, `None` for open.
    pub from: Option<String>,
    /// The last day, `None` for open.
    pub to: Option<String>,
}

impl Days {
    pub fn parse(value: &str) -> Result<Days, String> {
        let bound = |v: &str| -> Result<Option<String>, String> {
            let v = v.trim();
            if v.is_empty() || v == ".." {
                return Ok(None);
            }
            let day = v
                .get(..10)
                .filter(|d| is_date(d) && (v.len() == 10 || v[10..].starts_with(['T', 't'])))
                .ok_or_else(|| format!("'{}' is geen datum (JJJJ-MM-DD of RFC 3339)", short(v)))?;
            Ok(Some(day.to_owned()))
        };
        let days = match value.split_once('/') {
            None => {
                let day = bound(value)?.ok_or_else(|| "een datum of een periode (van/tot, '..' voor open)".to_owned())?;
                Days { from: Some(day.clone()), to: Some(day) }
            }
            Some((from, to)) => Days { from: bound(from)?, to: bound(to)? },
        };
        if let (Some(from), Some(to)) = (&days.from, &days.to) {
            if from > to {
                return Err(format!("de periode begint ({from}) na het einde ({to})"));
            }
        }
        Ok(days)
    }

    /// Whether the ISO date `day` (YYYY-MM-DD) lies in the period.
    pub fn contains(&self, day: &str) -> bool {
        self.from.as_deref().is_none_or(|from| day >= from) && self.to.as_deref().is_none_or(|to| day <= to)
    }
}

fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&d[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&d[8..10].parse::<u8>().unwrap_or(0))
}

fn short(value: &str) -> String {
    value.trim().chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_bbox_is_read_with_four_or_six_numbers_and_bad_ones_are_named() {
        assert_eq!(Bbox::parse("6.1,52.6,7.1,53.2").unwrap(), Bbox { west: 6.1, south: 52.6, east: 7.1, north: 53.2 });
        assert_eq!(Bbox::parse("6.1, 52.6, 0, 7.1, 53.2, 100").unwrap(), Bbox { west: 6.1, south: 52.6, east: 7.1, north: 53.2 });
        for (value, says) in [
            ("6.1,52.6,7.1", "3 getallen"),
            ("a,52.6,7.1,53.2", "'a' is geen getal"),
            ("6.1,53.2,7.1,52.6", "zuid ≤ noord"),
            ("6,52,7,95", "geen gebied"),
            ("NaN,1,2,3", "eindig"),
        ] {
            let e = Bbox::parse(value).unwrap_err();
            assert!(e.contains(says), "{value}: {e}");
        }
    }

    #[test]
    fn boxes_meet_at_their_edges_and_across_the_antimeridian() {
        let drenthe = Bbox { west: 6.1, south: 52.6, east: 7.1, north: 53.2 };
        assert!(drenthe.intersects(&Bbox { west: 7.1, south: 53.2, east: 8.0, north: 54.0 }));
        assert!(!drenthe.intersects(&Bbox { west: 7.2, south: 52.6, east: 8.0, north: 53.2 }));
        let across = Bbox { west: 170.0, south: -10.0, east: -170.0, north: 10.0 };
        assert!(across.intersects(&Bbox { west: 175.0, south: 0.0, east: 176.0, north: 1.0 }));
        assert!(across.intersects(&Bbox { west: -175.0, south: 0.0, east: -174.0, north: 1.0 }));
        assert!(!across.intersects(&Bbox { west: 0.0, south: 0.0, east: 1.0, north: 1.0 }));
    }

    #[test]
    fn days_are_one_day_or_a_period_open_at_either_end() {
        let day = Days::parse("2024-05-01").unwrap();
        assert!(day.contains("2024-05-01") && !day.contains("2024-05-02"));
        assert!(Days::parse("2024-05-01T10:00:00Z").unwrap().contains("2024-05-01"));
        let since = Days::parse("2024-05-01/..").unwrap();
        assert!(since.contains("2025-01-01") && !since.contains("2024-04-30"));
        let until = Days::parse("../2024-05-01").unwrap();
        assert!(until.contains("1999-01-01") && !until.contains("2024-05-02"));
        for (value, says) in [
            ("gisteren", "geen datum"),
            ("2024-13-01", "geen datum"),
            ("2024-05-02/2024-05-01", "na het einde"),
            ("..", "een datum"),
            ("2024-05-01x", "geen datum"),
        ] {
            let e = Days::parse(value).unwrap_err();
            assert!(e.contains(says), "{value}: {e}");
        }
    }

    proptest! {
        #[test]
        fn a_box_meets_every_box_inside_it(w in -180.0f64..179.0, s in -90.0f64..89.0, dw in 0.0f64..1.0, ds in 0.0f64..1.0, fx in 0.0f64..1.0, fy in 0.0f64..1.0) {
            let outer = Bbox { west: w, south: s, east: w + dw, north: s + ds };
            let (x, y) = (w + dw * fx, s + ds * fy);
            let point = Bbox { west: x, south: y, east: x, north: y };
            prop_assert!(outer.intersects(&point) && point.intersects(&outer));
            let written = format!("{},{},{},{}", outer.west, outer.south, outer.east, outer.north);
            prop_assert_eq!(Bbox::parse(&written).unwrap(), outer);
        }
    }
}
