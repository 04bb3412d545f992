//! The one wire format between our server and our own client: postcard (compact binary serde).
//!
//! The islands' data is written into the page as postcard ([`Embedded`]), and the map's points
//! (`/api/kaart`) are postcard too. JSON would put a JSON parser, and a field-name matcher per
//! type, into the WASM; postcard decodes each type as a plain sequence (about a fifth of serde_json's code per
//! type, and the WASM budget is 150 KB). Everything public (`/api/projects` and the other API
//! endpoints) stays JSON.
//!
//! Postcard does not describe itself: a field that is sometimes left out
//! (`skip_serializing_if`) cannot be read back, so types sent this way never skip fields.

use domain::texts::Texts;
use leptos::prelude::*;
use serde::Serialize;

/// A postcard list of strings ([`Texts`]'s wire form, the map's names) read in place: each
/// string is moved down over the length bytes before it, so the received bytes become the text
/// and nothing else is allocated but the ends. At 100,000 projects this keeps the names' bytes
/// from being in the browser's memory twice while they are read.
pub fn texts(mut bytes: Vec<u8>) -> Result<Texts, postcard::Error> {
    let total = bytes.len();
    let (count, rest) = postcard::take_from_bytes::<usize>(&bytes)?;
    let mut read = total - rest.len();
    let mut ends = Vec::with_capacity(count.min(total));
    let mut write = 0;
    for _ in 0..count {
        // A string is written as bytes are (its length, then its bytes): taken as bytes here,
        // the whole text is checked as UTF-8 once at the end, and `from_parts` refuses an entry
        // that would end inside a character.
        let (len, after) = postcard::take_from_bytes::<&[u8]>(&bytes[read..]).map(|(piece, after)| (piece.len(), after.len()))?;
        let end = total - after;
        bytes.copy_within(end - len..end, write);
        write += len;
        read = end;
        ends.push(u32::try_from(write).map_err(|_| postcard::Error::DeserializeUnexpectedEnd)?);
    }
    bytes.truncate(write);
    let text = String::from_utf8(bytes).map_err(|_| postcard::Error::DeserializeBadUtf8)?;
    Texts::from_parts(text, ends).ok_or(postcard::Error::DeserializeBadUtf8)
}

/// Data for an island, written into the page by the server: `<script type="application/x-postcard" id=…>`
/// with the value's postcard bytes in hexadecimal. Islands take no props (Leptos would send them
/// as JSON, and put a JSON parser into the WASM); they read this instead, with [`read_embedded`].
#[component]
pub fn Embedded<T: Serialize + Send + Sync + 'static>(#[prop(into)] id: String, value: T) -> impl IntoView {
    let hex = to_hex(&postcard::to_allocvec(&value).unwrap_or_default());
    view! { <script type="application/x-postcard" id=id>{hex}</script> }
}

/// Reads what [`Embedded`] wrote under `id`; `None` when it is missing or unreadable.
#[cfg(feature = "hydrate")]
pub fn read_embedded<T: serde::de::DeserializeOwned>(id: &str) -> Option<T> {
    decode_embedded(&leptos::prelude::document().get_element_by_id(id)?)
}

/// Reads what [`Embedded`] wrote, from its element.
#[cfg(feature = "hydrate")]
pub fn decode_embedded<T: serde::de::DeserializeOwned>(element: &web_sys::Element) -> Option<T> {
    let text = element.text_content()?;
    postcard::from_bytes(&from_hex(text.trim())?).map_err(|e| leptos::logging::error!("{}: {e}", element.id())).ok()
}

/// Bytes as hexadecimal digits, two per byte.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// [`to_hex`]'s digits as bytes; `None` for anything else.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    let digit = |d: u8| char::from(d).to_digit(16);
    digits.chunks(2).map(|pair| Some((digit(pair[0])? * 16 + digit(pair[1])?) as u8)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::test_support::project as sample;
    use domain::PriceClass;

    fn round_trip<T: Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
        postcard::from_bytes(&postcard::to_allocvec(value).unwrap()).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn hex_round_trips(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            proptest::prop_assert_eq!(from_hex(&to_hex(&bytes)), Some(bytes));
        }
    }

    #[test]
    fn hex_refuses_what_is_not_hex() {
        assert_eq!(from_hex("0"), None);
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("é0"), None);
        assert_eq!(from_hex(""), Some(vec![]));
    }

    #[test]
    fn a_project_with_and_without_optional_fields_round_trips() {
        // A skipped `None` would shift every later field: this fails if `skip_serializing_if`
        // comes back on a type the page sends.
        let mut project = sample("p1", "0114", &[(PriceClass::SocialeHuur, 12)]);
        project.location.area = Some(vec![vec![project.location.point; 4]]);
        project.address = None;
        project.link = Some("https://example.nl".into());
        assert_eq!(round_trip(&project), project);
        project.address = Some("Hoofdstraat 1".into());
        project.start_year = None;
        assert_eq!(round_trip(&project), project);
    }

    proptest::proptest! {
        /// Read in place, the bytes of a `Vec<String>` give the same entries as serde does.
        #[test]
        fn texts_read_in_place_as_serde_reads_them(entries in proptest::collection::vec("\\PC{0,140}", 0..60)) {
            let bytes = postcard::to_allocvec(&entries).unwrap();
            let texts = texts(bytes.clone()).unwrap();
            proptest::prop_assert_eq!(texts.iter().collect::<Vec<_>>(), entries.iter().map(String::as_str).collect::<Vec<_>>());
            proptest::prop_assert_eq!(&texts, &postcard::from_bytes::<Texts>(&bytes).unwrap());
        }
    }

    #[test]
    fn texts_that_are_cut_short_or_not_text_are_refused() {
        let bytes = postcard::to_allocvec(&vec!["Vijverpark", "Zuidwolde"]).unwrap();
        for cut in 0..bytes.len() {
            assert!(texts(bytes[..cut].to_vec()).is_err(), "cut at {cut}");
        }
        let mut bad = bytes.clone();
        bad[2] = 0xff;
        assert_eq!(texts(bad), Err(postcard::Error::DeserializeBadUtf8));
        assert_eq!(texts(vec![0x80; 11]), Err(postcard::Error::DeserializeBadVarint));
    }

    #[test]
    fn an_area_round_trips() {
        for area in [domain::Area::Province, domain::Area::Region("zuidoost".into()), domain::Area::Municipality("0114".into())] {
            assert_eq!(round_trip(&area), area);
        }
    }
}
