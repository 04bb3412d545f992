//! The one wire format between our server and our own client: postcard (compact binary serde).
//!
//! Page data reaches the browser twice: inside the server-rendered HTML (for hydration) and as
//! server-function responses when the URL changes. Both use postcard, as do the map's points
//! (`/api/kaart`). JSON would put a JSON parser, and a field-name matcher per type, into the
//! WASM; postcard decodes each type as a plain sequence (about a fifth of serde_json's code per
//! type, and the WASM budget is 150 KB). Everything public (`/api/projects` and the other API
//! endpoints) stays JSON.
//!
//! Postcard does not describe itself: a field that is sometimes left out
//! (`skip_serializing_if`) cannot be read back, so types sent this way never skip fields.

use leptos::server::codee::{Decoder, Encoder};
use leptos::server::{OnceResource, Resource};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

/// A [`codee`](leptos::server::codee) codec for resources: postcard bytes (base64 in the HTML).
pub struct PostcardCodec;

impl<T: Serialize> Encoder<T> for PostcardCodec {
    type Error = postcard::Error;
    type Encoded = Vec<u8>;

    fn encode(value: &T) -> Result<Vec<u8>, postcard::Error> {
        postcard::to_allocvec(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for PostcardCodec {
    type Error = postcard::Error;
    type Encoded = [u8];

    fn decode(bytes: &[u8]) -> Result<T, postcard::Error> {
        postcard::from_bytes(bytes)
    }
}

/// A resource that follows `source`, loaded by `fetcher`, sent to the browser as postcard.
#[track_caller]
pub fn resource<T, S, Fut>(source: impl Fn() -> S + Send + Sync + 'static, fetcher: impl Fn(S) -> Fut + Send + Sync + 'static) -> Resource<T, PostcardCodec>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// A resource loaded once, sent to the browser as postcard.
#[track_caller]
pub fn once<T>(fut: impl Future<Output = T> + Send + 'static) -> OnceResource<T, PostcardCodec>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    OnceResource::new_with_options(fut, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::test_support::project as sample;
    use domain::PriceClass;

    fn round_trip<T: Serialize + DeserializeOwned>(value: &T) -> T {
        let bytes = <PostcardCodec as Encoder<T>>::encode(value).unwrap();
        <PostcardCodec as Decoder<T>>::decode(&bytes).unwrap()
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

    #[test]
    fn an_area_round_trips() {
        for area in [domain::Area::Province, domain::Area::Region("zuidoost".into()), domain::Area::Municipality("0114".into())] {
            assert_eq!(round_trip(&area), area);
        }
    }
}
