//! The map points' homes: one column of two-byte counts per price class.
//!
//! On the wire they are lists of four-byte counts (`Vec<Vec<u32>>` in postcard); they are read
//! straight into the two-byte columns, so the four-byte copy is never made: at 100,000 projects
//! that copy was 3 MB of WASM memory at its peak, and a WASM memory never shrinks.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A count in a column that is kept in [`HomeColumns::large`]: no project has 65,535 homes of
/// one class, but one that does is kept whole.
const LARGE: u16 = u16::MAX;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HomeColumns {
    columns: Vec<Vec<u16>>,
    /// (project, class) → homes, sorted, for the counts a column cannot hold.
    large: Vec<((u32, u8), u32)>,
}

impl HomeColumns {
    /// `classes` empty columns with room for `projects` each.
    pub fn new(classes: usize, projects: usize) -> HomeColumns {
        HomeColumns { columns: (0..classes).map(|_| Vec::with_capacity(projects)).collect(), large: Vec::new() }
    }

    /// Adds the next count to column `class`, keeping one too large for two bytes in `large`.
    /// The encoder adds projects in order, each project's classes together, so `large` stays
    /// sorted; the wire reader adds column by column and sorts it after.
    pub fn push(&mut self, class: usize, count: u32) {
        let column = &mut self.columns[class];
        let small = match u16::try_from(count) {
            Ok(small) if small != LARGE => small,
            _ => {
                self.large.push(((column.len() as u32, class as u8), count));
                LARGE
            }
        };
        column.push(small);
    }

    pub fn classes(&self) -> usize {
        self.columns.len()
    }

    /// The number of projects in column `class`.
    pub fn len_of(&self, class: usize) -> usize {
        self.columns[class].len()
    }

    /// Project `index`'s homes of `class`.
    pub fn get(&self, index: usize, class: usize) -> u32 {
        match self.columns[class][index] {
            LARGE => {
                let key = (index as u32, class as u8);
                self.large.binary_search_by_key(&key, |(k, _)| *k).map_or(0, |at| self.large[at].1)
            }
            small => u32::from(small),
        }
    }

    /// How many counts are kept whole.
    pub fn large_count(&self) -> usize {
        self.large.len()
    }
}

impl Serialize for HomeColumns {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.classes()))?;
        for class in 0..self.classes() {
            seq.serialize_element(&ColumnOut { homes: self, class })?;
        }
        seq.end()
    }
}

/// One column as the wire has it: four-byte counts.
struct ColumnOut<'a> {
    homes: &'a HomeColumns,
    class: usize,
}

impl Serialize for ColumnOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let n = self.homes.len_of(self.class);
        let mut seq = serializer.serialize_seq(Some(n))?;
        for index in 0..n {
            seq.serialize_element(&self.homes.get(index, self.class))?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for HomeColumns {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(ColumnsVisitor)
    }
}

struct ColumnsVisitor;

impl<'de> Visitor<'de> for ColumnsVisitor {
    type Value = HomeColumns;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of homes per price class")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HomeColumns, A::Error> {
        let mut homes = HomeColumns::default();
        loop {
            if homes.classes() > usize::from(u8::MAX) {
                return Err(serde::de::Error::custom("meer dan 255 prijsklassen"));
            }
            homes.columns.push(Vec::new());
            let class = homes.classes() - 1;
            if seq.next_element_seed(ColumnIn { homes: &mut homes, class })?.is_none() {
                homes.columns.pop();
                break;
            }
        }
        // Read column by column: the large counts come in (class, project) order.
        homes.large.sort_unstable();
        Ok(homes)
    }
}

/// Reads one column's four-byte counts into two-byte ones.
struct ColumnIn<'a> {
    homes: &'a mut HomeColumns,
    class: usize,
}

impl<'de> DeserializeSeed<'de> for ColumnIn<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ColumnIn<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of homes")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.homes.columns[self.class].reserve(seq.size_hint().unwrap_or(0).min(1 << 20));
        while let Some(count) = seq.next_element::<u32>()? {
            self.homes.push(self.class, count);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(rows: &[[u32; 3]]) -> HomeColumns {
        let mut homes = HomeColumns::new(3, rows.len());
        for row in rows {
            for (class, count) in row.iter().enumerate() {
                homes.push(class, *count);
            }
        }
        homes
    }

    #[test]
    fn the_wire_is_lists_of_four_byte_counts() {
        let homes = columns(&[[1, 0, 70_000], [65_535, 2, 0]]);
        let wire: Vec<Vec<u32>> = vec![vec![1, 65_535], vec![0, 2], vec![70_000, 0]];
        assert_eq!(postcard::to_allocvec(&homes).unwrap(), postcard::to_allocvec(&wire).unwrap());
        let back: HomeColumns = postcard::from_bytes(&postcard::to_allocvec(&wire).unwrap()).unwrap();
        assert_eq!(back, homes);
        assert_eq!((back.get(0, 2), back.get(1, 0), back.get(1, 1)), (70_000, 65_535, 2));
        assert_eq!(back.large_count(), 2);
    }

    #[test]
    fn columns_of_different_lengths_are_read_as_they_are() {
        let wire: Vec<Vec<u32>> = vec![vec![1, 2, 3], vec![4]];
        let back: HomeColumns = postcard::from_bytes(&postcard::to_allocvec(&wire).unwrap()).unwrap();
        assert_eq!((back.classes(), back.len_of(0), back.len_of(1)), (2, 3, 1));
    }
}
