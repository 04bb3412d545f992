//! The map points' plan areas, flat: every ring's points in one list.
//!
//! On the wire they are a list of (project, rings), each ring a list of steps from the project's
//! point (`Vec<(u32, Vec<Vec<[i32; 2]>>)>` in postcard); they are read straight into the flat
//! lists, so there is no allocation per area or ring (at 100,000 projects, about 15,000 areas).

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeTuple};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanAreas {
    /// Each area's project and the index of its first ring, in the order they came.
    owners: Vec<(u32, u32)>,
    /// Where each ring's points end in `points`.
    ring_ends: Vec<u32>,
    /// Steps of the map points' grid from the project's point, without the closing point.
    points: Vec<[i32; 2]>,
}

impl PlanAreas {
    /// Adds `project`'s area (projects in ascending order).
    pub fn push<R: IntoIterator<Item = [i32; 2]>>(&mut self, project: u32, rings: impl IntoIterator<Item = R>) {
        self.owners.push((project, self.ring_ends.len() as u32));
        for ring in rings {
            self.points.extend(ring);
            self.ring_ends.push(self.points.len() as u32);
        }
    }

    pub fn len(&self) -> usize {
        self.owners.len()
    }

    pub fn is_empty(&self) -> bool {
        self.owners.is_empty()
    }

    /// The projects with an area, in order.
    pub fn projects(&self) -> impl Iterator<Item = u32> + '_ {
        self.owners.iter().map(|(project, _)| *project)
    }

    /// `project`'s rings (steps from its point), if it has an area. Needs the projects in
    /// ascending order ([`PlanAreas::check`]).
    pub fn rings(&self, project: u32) -> Option<impl Iterator<Item = &[[i32; 2]]> + '_> {
        let at = self.owners.binary_search_by_key(&project, |(p, _)| *p).ok()?;
        let first = self.owners[at].1 as usize;
        let last = self.owners.get(at + 1).map_or(self.ring_ends.len(), |(_, r)| *r as usize);
        Some((first..last).map(move |ring| {
            let start = ring.checked_sub(1).map_or(0, |before| self.ring_ends[before] as usize);
            &self.points[start..self.ring_ends[ring] as usize]
        }))
    }

    /// Whether the projects are ascending and all below `projects`: the index of the first one
    /// that is not.
    pub fn check(&self, projects: usize) -> Result<(), usize> {
        match self.owners.iter().enumerate().find(|(i, (p, _))| *p as usize >= projects || (*i > 0 && self.owners[i - 1].0 >= *p)) {
            Some((i, _)) => Err(i),
            None => Ok(()),
        }
    }
}

impl Serialize for PlanAreas {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for (project, _) in &self.owners {
            seq.serialize_element(&AreaOut { areas: self, project: *project })?;
        }
        seq.end()
    }
}

/// One area as the wire has it: `(project, rings)`.
struct AreaOut<'a> {
    areas: &'a PlanAreas,
    project: u32,
}

impl Serialize for AreaOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rings: Vec<&[[i32; 2]]> = self.areas.rings(self.project).map(Iterator::collect).unwrap_or_default();
        let mut tuple = serializer.serialize_tuple(2)?;
        tuple.serialize_element(&self.project)?;
        tuple.serialize_element(&rings)?;
        tuple.end()
    }
}

impl<'de> Deserialize<'de> for PlanAreas {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(AreasVisitor)
    }
}

struct AreasVisitor;

impl<'de> Visitor<'de> for AreasVisitor {
    type Value = PlanAreas;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of plan areas")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PlanAreas, A::Error> {
        let mut areas = PlanAreas::default();
        areas.owners.reserve(seq.size_hint().unwrap_or(0).min(1 << 20));
        while seq.next_element_seed(In::Area(&mut areas))?.is_some() {}
        // The lists grew by doubling; what they did not use goes back.
        areas.owners.shrink_to_fit();
        areas.ring_ends.shrink_to_fit();
        areas.points.shrink_to_fit();
        Ok(areas)
    }
}

/// What is being read into the flat lists: an area `(project, rings)`, its list of rings, or
/// one ring's points.
enum In<'a> {
    Area(&'a mut PlanAreas),
    Rings(&'a mut PlanAreas),
    Ring(&'a mut PlanAreas),
}

impl<'de> DeserializeSeed<'de> for In<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self {
            In::Area(_) => deserializer.deserialize_tuple(2, self),
            In::Rings(_) | In::Ring(_) => deserializer.deserialize_seq(self),
        }
    }
}

impl<'de> Visitor<'de> for In<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            In::Area(_) => "a project and its rings",
            In::Rings(_) => "a list of rings",
            In::Ring(_) => "a list of steps",
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let missing = || serde::de::Error::custom("plangebied zonder project of ringen");
        match self {
            In::Area(areas) => {
                let project: u32 = seq.next_element()?.ok_or_else(missing)?;
                areas.owners.push((project, areas.ring_ends.len() as u32));
                seq.next_element_seed(In::Rings(areas))?.ok_or_else(missing)?;
            }
            In::Rings(areas) => while seq.next_element_seed(In::Ring(&mut *areas))?.is_some() {},
            In::Ring(areas) => {
                while let Some(step) = seq.next_element::<[i32; 2]>()? {
                    areas.points.push(step);
                }
                areas.ring_ends.push(areas.points.len() as u32);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Wire = Vec<(u32, Vec<Vec<[i32; 2]>>)>;

    fn wire() -> Wire {
        vec![(2, vec![vec![[0, 0], [5, 0], [5, 5]], vec![[1, 1], [2, 1], [2, 2]]]), (7, vec![vec![[-3, 4], [0, 9], [3, 4], [0, -1]]])]
    }

    #[test]
    fn the_wire_is_a_list_of_projects_and_rings() {
        let mut areas = PlanAreas::default();
        for (project, rings) in wire() {
            areas.push(project, rings);
        }
        let bytes = postcard::to_allocvec(&wire()).unwrap();
        assert_eq!(postcard::to_allocvec(&areas).unwrap(), bytes);
        let back: PlanAreas = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, areas);
        let rings: Vec<&[[i32; 2]]> = back.rings(2).unwrap().collect();
        assert_eq!(rings, [&[[0, 0], [5, 0], [5, 5]][..], &[[1, 1], [2, 1], [2, 2]][..]]);
        assert_eq!(back.rings(7).unwrap().next().unwrap().len(), 4);
        assert!(back.rings(3).is_none());
        assert_eq!(back.check(8), Ok(()));
        assert_eq!(back.check(7), Err(1), "project 7 of 7");
    }

    #[test]
    fn projects_out_of_order_are_found() {
        let mut areas = PlanAreas::default();
        areas.push(4, [[[0, 0], [1, 0], [1, 1]]]);
        areas.push(4, [[[0, 0], [1, 0], [1, 1]]]);
        assert_eq!(areas.check(10), Err(1));
    }
}
