//! A project's public status history: the statuses it had while it was on the public map, and
//! from which day.
//!
//! The server keeps every version of a project (the audit trail); residents see only the steps
//! in its status while it was `openbaar`, so a plan that was confidential for a while shows
//! nothing of that time.

use crate::{Confidentiality, Project, Status};
use serde::{Deserialize, Serialize};

/// From `since` (a date, `YYYY-MM-DD`) the project had `status` on the public map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusStep {
    pub since: String,
    pub status: Status,
}

/// The public steps in a project's recorded versions, oldest first: `(at, version)` with `at` a
/// timestamp that starts with its date (RFC 3339) and `None` for a removal. A step starts where a
/// public version has a different status than the last public step.
pub fn public_status_steps<'a>(versions: impl IntoIterator<Item = (&'a str, Option<&'a Project>)>) -> Vec<StatusStep> {
    let mut steps: Vec<StatusStep> = Vec::new();
    for (at, version) in versions {
        if let Some(project) = version {
            follow(&mut steps, at, project.status, project.confidentiality);
        }
    }
    steps
}

/// Adds the step that the next recorded version (at `at`, with `status` and `confidentiality`)
/// makes, if it makes one: [`public_status_steps`] one version at a time, for a history that
/// is kept and extended as changes come in.
pub fn follow(steps: &mut Vec<StatusStep>, at: &str, status: Status, confidentiality: Confidentiality) {
    if confidentiality != Confidentiality::Openbaar || steps.last().is_some_and(|s| s.status == status) {
        return;
    }
    steps.push(StatusStep { since: at.get(..10).unwrap_or(at).to_owned(), status });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::project;
    use crate::{Confidentiality, PriceClass};
    use proptest::prelude::*;

    fn version(status: Status, confidentiality: Confidentiality) -> Project {
        let mut p = project("GM0114-1", "GM0114", &[(PriceClass::SocialeHuur, 10)]);
        p.status = status;
        p.confidentiality = confidentiality;
        p
    }

    #[test]
    fn steps_are_status_changes_while_public() {
        use Confidentiality::*;
        let idee = version(Status::Idee, Gemeente);
        let plan = version(Status::Planvorming, Openbaar);
        let plan_edited = version(Status::Planvorming, Openbaar);
        let hidden = version(Status::Vergund, Provincie);
        let built = version(Status::InAanbouw, Openbaar);
        let steps = public_status_steps([
            ("2025-01-10T09:00:00Z", Some(&idee)),
            ("2025-03-01T10:00:00Z", Some(&plan)),
            ("2025-06-01T10:00:00Z", Some(&plan_edited)),
            ("2025-09-01T10:00:00Z", Some(&hidden)),
            ("2026-02-01T10:00:00Z", Some(&built)),
        ]);
        assert_eq!(
            steps,
            vec![StatusStep { since: "2025-03-01".into(), status: Status::Planvorming }, StatusStep { since: "2026-02-01".into(), status: Status::InAanbouw },]
        );
    }

    #[test]
    fn a_removal_is_no_step() {
        let built = version(Status::InAanbouw, Confidentiality::Openbaar);
        let steps = public_status_steps([("2025-01-10T09:00:00Z", Some(&built)), ("2025-02-10T09:00:00Z", None), ("2025-03-10T09:00:00Z", Some(&built))]);
        assert_eq!(steps, vec![StatusStep { since: "2025-01-10".into(), status: Status::InAanbouw }]);
    }

    fn any_status() -> impl Strategy<Value = Status> {
        prop::sample::select(vec![Status::Idee, Status::Planvorming, Status::Onherroepelijk, Status::Vergund, Status::InAanbouw, Status::Opgeleverd])
    }

    fn any_confidentiality() -> impl Strategy<Value = Confidentiality> {
        prop::sample::select(vec![Confidentiality::Openbaar, Confidentiality::Provincie, Confidentiality::Gemeente])
    }

    proptest! {
        /// Every step is a status the project had in public, from a day it had it, and no two
        /// steps in a row say the same.
        #[test]
        fn steps_only_show_public_changes(versions in prop::collection::vec(prop::option::of((any_status(), any_confidentiality())), 0..20)) {
            let projects: Vec<Option<Project>> = versions.iter().map(|v| v.map(|(s, c)| version(s, c))).collect();
            let stamps: Vec<String> = (0..projects.len()).map(|i| format!("2025-01-{:02}T00:00:00Z", i + 1)).collect();
            let steps = public_status_steps(stamps.iter().map(String::as_str).zip(projects.iter().map(Option::as_ref)));
            for step in &steps {
                let day: usize = step.since[8..].parse().unwrap();
                prop_assert_eq!(versions[day - 1], Some((step.status, Confidentiality::Openbaar)));
            }
            for pair in steps.windows(2) {
                prop_assert_ne!(pair[0].status, pair[1].status);
                prop_assert!(pair[0].since < pair[1].since);
            }
            let public_statuses = versions.iter().flatten().filter(|(_, c)| *c == Confidentiality::Openbaar).count();
            prop_assert_eq!(steps.is_empty(), public_statuses == 0);
        }
    }
}
