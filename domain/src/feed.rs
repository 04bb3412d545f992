//! What a stored change means to the public: a project that appeared on the public map, one
//! whose public version changed, or one that left it (removed, or made confidential). A change
//! between versions nobody could see means nothing to the public and is no event: feeds built
//! from the change history never tell of confidential plans.

use crate::import::changed_fields;
use crate::project::Project;

#[derive(Debug, Clone, PartialEq)]
pub enum PublicEvent<'a> {
    /// Public now, and was not (new, or no longer confidential).
    Appeared(&'a Project),
    /// Public before and after; what differs, as the delivery's fields are named.
    Changed { after: &'a Project, fields: Vec<&'static str> },
    /// Was public and is not (removed, or made confidential): only what was public is named.
    Left(&'a Project),
}

impl<'a> PublicEvent<'a> {
    /// The change from `before` to `after` (`None`: not there) as the public saw it, if at all.
    pub fn of(before: Option<&'a Project>, after: Option<&'a Project>) -> Option<PublicEvent<'a>> {
        let public = |p: Option<&'a Project>| p.filter(|p| p.is_public());
        match (public(before), public(after)) {
            (None, Some(after)) => Some(PublicEvent::Appeared(after)),
            (Some(before), Some(after)) => {
                let fields = changed_fields(before, after);
                (!fields.is_empty()).then_some(PublicEvent::Changed { after, fields })
            }
            (Some(before), None) => Some(PublicEvent::Left(before)),
            (None, None) => None,
        }
    }

    /// The project as the public may see it (after the change, or as it was before it left).
    pub fn project(&self) -> &'a Project {
        match self {
            PublicEvent::Appeared(p) | PublicEvent::Left(p) | PublicEvent::Changed { after: p, .. } => p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::project;
    use crate::{Confidentiality, PriceClass, Status};

    #[test]
    fn only_what_the_public_could_see_is_an_event() {
        let public = project("a", "GM0001", &[(PriceClass::SocialeHuur, 10)]);
        let mut secret = public.clone();
        secret.confidentiality = Confidentiality::Gemeente;
        let mut later = public.clone();
        later.status = Status::InAanbouw;
        assert_eq!(PublicEvent::of(None, Some(&public)), Some(PublicEvent::Appeared(&public)));
        assert_eq!(PublicEvent::of(Some(&secret), Some(&public)), Some(PublicEvent::Appeared(&public)));
        assert_eq!(PublicEvent::of(Some(&public), Some(&later)), Some(PublicEvent::Changed { after: &later, fields: vec!["status"] }));
        assert_eq!(PublicEvent::of(Some(&public), None), Some(PublicEvent::Left(&public)));
        assert_eq!(PublicEvent::of(Some(&public), Some(&secret)), Some(PublicEvent::Left(&public)));
        // Nothing the public saw: no event, whatever changed.
        let mut secret_later = secret.clone();
        secret_later.status = Status::InAanbouw;
        assert_eq!(PublicEvent::of(None, Some(&secret)), None);
        assert_eq!(PublicEvent::of(Some(&secret), Some(&secret_later)), None);
        assert_eq!(PublicEvent::of(Some(&secret), None), None);
        assert_eq!(PublicEvent::of(Some(&public), Some(&public)), None);
    }
}
