//! The problems found in a delivery, bounded: a file of garbage can have millions of them, and
//! neither the server's memory nor the official's screen should hold them all.
//!
//! [`Problems`] keeps the first [`MAX_SHOWN`] in full and counts every one per field (at most
//! [`MAX_FIELDS`] fields by name, the rest together), so the report says "and 12,000 more, of
//! which 11,990 in field `lengtegraad`" in constant space.

use std::collections::BTreeMap;
use std::fmt;

/// Problems reported in full; the others are only counted.
pub const MAX_SHOWN: usize = 200;
/// Fields counted by name; problems in further fields are counted under [`OTHER_FIELDS`].
pub const MAX_FIELDS: usize = 50;
/// The name under which problems in fields beyond [`MAX_FIELDS`] are counted.
pub const OTHER_FIELDS: &str = "(overige velden)";

/// One problem in a delivery: which record, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Where in the file, in the format's own terms: "regel 4", "feature 2", "planregistratie 3".
    pub record: String,
    pub field: String,
    pub reason: String,
}

/// The longest field name and reason kept, in characters: both can quote the file, and a file
/// can hold a cell of megabytes.
pub const MAX_FIELD: usize = 80;
pub const MAX_REASON: usize = 300;

impl Problem {
    pub fn new(record: impl Into<String>, field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { record: cut(record.into(), MAX_FIELD), field: cut(field.into(), MAX_FIELD), reason: cut(reason.into(), MAX_REASON) }
    }
}

/// `text` if it has at most `max` characters, else its start and end with " … " between, so a
/// reason that quotes a long value still ends with what is expected.
pub fn cut(text: String, max: usize) -> String {
    let length = text.chars().count();
    if length <= max {
        return text;
    }
    let tail = max / 4;
    let head = max - tail - 3;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(length - tail).collect();
    format!("{start} … {end}")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, veld '{}': {}", self.record, self.field, self.reason)
    }
}

/// The problems of one delivery: the first [`MAX_SHOWN`] in full, all of them counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    shown: Vec<Problem>,
    total: usize,
    per_field: BTreeMap<String, usize>,
}

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, problem: Problem) {
        self.count(&problem.field, 1);
        if self.shown.len() < MAX_SHOWN {
            self.shown.push(problem);
        }
    }

    fn count(&mut self, field: &str, n: usize) {
        self.total += n;
        if let Some(seen) = self.per_field.get_mut(field) {
            *seen += n;
        } else if self.per_field.len() < MAX_FIELDS {
            self.per_field.insert(field.to_owned(), n);
        } else {
            *self.per_field.entry(OTHER_FIELDS.to_owned()).or_default() += n;
        }
    }

    /// Adds every problem of `others` (each a problem of its own).
    pub fn extend(&mut self, others: impl IntoIterator<Item = Problem>) {
        for p in others {
            self.push(p);
        }
    }

    /// Adds `other`'s problems, and keeps the first [`MAX_SHOWN`] of both in the order `key`
    /// gives (each list must already be in that order, as a reader's are in the file's).
    pub fn merge(&mut self, other: Problems, key: impl Fn(&Problem) -> u64) {
        for (field, n) in other.per_field {
            self.count(&field, n);
        }
        self.shown.extend(other.shown);
        self.shown.sort_by_key(|p| key(p));
        self.shown.truncate(MAX_SHOWN);
    }

    /// Renames every field with `rename` (a format's own names for the common fields).
    pub fn rename_fields(self, rename: impl Fn(&str) -> String) -> Problems {
        let mut renamed = Problems::new();
        for (field, n) in &self.per_field {
            renamed.count(&rename(field), *n);
        }
        renamed.shown = self.shown.into_iter().map(|p| Problem::new(p.record, rename(&p.field), p.reason)).collect();
        renamed
    }

    /// How many problems there are in all.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The first [`MAX_SHOWN`], in full.
    pub fn shown(&self) -> &[Problem] {
        &self.shown
    }

    /// How many problems are not shown in full.
    pub fn not_shown(&self) -> usize {
        self.total - self.shown.len()
    }

    /// Every problem counted per field, most first.
    pub fn per_field(&self) -> Vec<(&str, usize)> {
        let mut counts: Vec<(&str, usize)> = self.per_field.iter().map(|(f, n)| (f.as_str(), *n)).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(list: Vec<Problem>) -> Self {
        let mut problems = Problems::new();
        problems.extend(list);
        problems
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.shown {
            writeln!(f, "{p}")?;
        }
        if self.not_shown() > 0 {
            write!(f, "… en nog {} problemen", self.not_shown())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_in_the_middle() {
        let p = Problem::new("regel 2", "x".repeat(10_000), format!("onbekende waarde '{}' (bekend: a, b)", "é".repeat(1_000_000)));
        assert_eq!(p.field.chars().count(), MAX_FIELD);
        assert_eq!(p.reason.chars().count(), MAX_REASON);
        assert!(p.reason.starts_with("onbekende waarde 'ééé"));
        assert!(p.reason.ends_with("ééé' (bekend: a, b)"));
        assert_eq!(cut("kort".to_owned(), 4), "kort");
    }

    #[test]
    fn keeps_the_first_in_full_and_counts_all() {
        let mut problems = Problems::new();
        for i in 0..1_000_000 {
            problems.push(Problem::new(format!("regel {i}"), format!("kolom {}", i % 100), "onbekende kolom"));
        }
        assert_eq!(problems.len(), 1_000_000);
        assert_eq!(problems.shown().len(), MAX_SHOWN);
        assert_eq!(problems.shown()[0].record, "regel 0");
        assert_eq!(problems.not_shown(), 1_000_000 - MAX_SHOWN);
        let per_field = problems.per_field();
        assert_eq!(per_field.len(), MAX_FIELDS + 1);
        assert_eq!(per_field[0], (OTHER_FIELDS, 500_000));
        assert_eq!(per_field.iter().map(|(_, n)| n).sum::<usize>(), 1_000_000);
    }

    #[test]
    fn a_merge_keeps_the_first_of_both_in_order() {
        let number = |p: &Problem| p.record[6..].parse::<u64>().unwrap();
        let mut read = Problems::new();
        let mut checked = Problems::new();
        for i in 0..300 {
            read.push(Problem::new(format!("regel {}", 2 * i + 1), "a", "x"));
            checked.push(Problem::new(format!("regel {}", 2 * i), "b", "y"));
        }
        read.merge(checked, number);
        assert_eq!(read.len(), 600);
        assert_eq!(read.shown().iter().map(number).collect::<Vec<_>>(), (0..MAX_SHOWN as u64).collect::<Vec<_>>());
        assert_eq!(read.per_field(), [("a", 300), ("b", 300)]);
    }

    #[test]
    fn renamed_fields_are_counted_under_their_new_name() {
        let problems = Problems::from(vec![Problem::new("r 1", "naam", "ontbreekt"), Problem::new("r 2", "naam", "ontbreekt")]);
        let renamed = problems.rename_fields(|f| format!("planregistratie.{f}"));
        assert_eq!(renamed.per_field(), [("planregistratie.naam", 2)]);
        assert_eq!(renamed.shown()[1].field, "planregistratie.naam");
    }
}
