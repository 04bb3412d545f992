//! [`Texts`]: many short strings (the map's ids and names) stored as one string and where
//! each ends.
//!
//! A `Vec<String>` costs a header and an allocation per string: at 100,000 projects the ids and
//! names took about 7 MB of the browser's WASM memory, most of it not text. Here the text is one
//! buffer and each entry four bytes. On the wire it is a plain sequence of strings, the same as a
//! `Vec<String>`, so the server's bytes do not change; it is read straight into the buffer,
//! without a `String` per entry on the way.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Texts {
    text: String,
    /// Where each entry ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
}

impl Texts {
    pub fn with_capacity(entries: usize) -> Self {
        Texts { text: String::new(), ends: Vec::with_capacity(entries) }
    }

    /// Texts from their buffer and where each entry ends; `None` unless the ends go up, stay
    /// inside `text`, finish at its end and fall between characters.
    pub fn from_parts(text: String, ends: Vec<u32>) -> Option<Texts> {
        let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
        let fits = ends.last().map_or(text.is_empty(), |last| *last as usize == text.len());
        let whole = ends.iter().all(|end| text.is_char_boundary(*end as usize));
        (ordered && fits && whole).then_some(Texts { text, ends })
    }

    pub fn push(&mut self, entry: &str) {
        self.text.push_str(entry);
        let end = u32::try_from(self.text.len()).expect("texts under 4 GB");
        self.ends.push(end);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)? as usize;
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before] as usize);
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl<'a> FromIterator<&'a str> for Texts {
    fn from_iter<I: IntoIterator<Item = &'a str>>(entries: I) -> Self {
        let mut texts = Texts::default();
        for entry in entries {
            texts.push(entry);
        }
        texts
    }
}

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for entry in self.iter() {
            seq.serialize_element(entry)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(TextsVisitor)
    }
}

struct TextsVisitor;

impl<'de> Visitor<'de> for TextsVisitor {
    type Value = Texts;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of strings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
        // The length comes from the sender: reserve no more than a sane amount up front.
        let mut texts = Texts::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
        while seq.next_element_seed(Append(&mut texts))?.is_some() {}
        // The text grew by doubling; what it did not use goes back (in place: the room is
        // free for what is allocated next, where a WASM memory would otherwise grow).
        texts.text.shrink_to_fit();
        Ok(texts)
    }
}

/// Reads one string of the sequence onto the end of the buffer.
struct Append<'t>(&'t mut Texts);

impl<'de> DeserializeSeed<'de> for Append<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // Not borrowed (`deserialize_str`): a reader that decodes a piece at a time, as the map's
        // points are read in the browser, can lend a string only until the next one.
        deserializer.deserialize_string(self)
    }
}

impl Visitor<'_> for Append<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, entry: &str) -> Result<(), E> {
        if self.0.text.len() + entry.len() > u32::MAX as usize {
            return Err(E::custom("texts over 4 GB"));
        }
        self.0.push(entry);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn entries_come_back_in_order_including_empty_ones() {
        let texts: Texts = ["GM0114-17", "", "Vijverpark Zuidwolde – fase 2"].into_iter().collect();
        assert_eq!(texts.len(), 3);
        assert_eq!(texts.get(0), Some("GM0114-17"));
        assert_eq!(texts.get(1), Some(""));
        assert_eq!(texts.get(2), Some("Vijverpark Zuidwolde – fase 2"));
        assert_eq!(texts.get(3), None);
    }

    #[test]
    fn parts_must_describe_whole_entries() {
        let ok = Texts::from_parts("abcé".into(), vec![1, 1, 5]).unwrap();
        assert_eq!(ok.iter().collect::<Vec<_>>(), ["a", "", "bcé"]);
        assert!(Texts::from_parts("abc".into(), vec![2, 1, 3]).is_none(), "going down");
        assert!(Texts::from_parts("abc".into(), vec![1, 2]).is_none(), "short of the end");
        assert!(Texts::from_parts("abc".into(), vec![4]).is_none(), "past the end");
        assert!(Texts::from_parts("é".into(), vec![1, 2]).is_none(), "inside a character");
        assert!(Texts::from_parts(String::new(), vec![]).is_some());
        assert!(Texts::from_parts("a".into(), vec![]).is_none());
    }

    #[test]
    fn a_list_that_is_not_strings_is_refused() {
        assert!(serde_json::from_str::<Texts>(r#"["a", 3]"#).is_err());
        assert!(serde_json::from_str::<Texts>(r#""a""#).is_err());
    }

    proptest! {
        /// On the wire it is exactly a `Vec<String>`: each reads the other's bytes.
        #[test]
        fn reads_and_writes_what_a_vec_of_strings_does(entries in proptest::collection::vec(".{0,12}", 0..40)) {
            let texts: Texts = entries.iter().map(String::as_str).collect();
            let as_texts = serde_json::to_string(&texts).unwrap();
            prop_assert_eq!(&as_texts, &serde_json::to_string(&entries).unwrap());
            let back: Texts = serde_json::from_str(&as_texts).unwrap();
            prop_assert_eq!(back.iter().collect::<Vec<_>>(), entries.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
}
