//! What the job benchmarks (`bench reminders`, `bench retention`) make their cases from:
//! the demo council's rules and one resident's answers, received a case at a time, and an
//! app over a store at a fixed instant.

use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::clock::FixedClock;
use feedback_functions::config::load_councils;
use feedback_functions::store::{CaseRecord, Store};
use feedback_shared::case::{Actor, Case, Rules};
use feedback_shared::submission::{Feedback, FeedbackForm};
use feedback_shared::{Calendar, Channel, CouncilId, Kind, Policy, Reference};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use time::OffsetDateTime;
use time::macros::date;

/// The demo council's cases, each with the same answers.
pub struct DemoCases {
    calendar: Calendar,
    policy: Policy,
    council: CouncilId,
    details: Feedback,
}

impl DemoCases {
    /// Cases whose answers are `form`, parsed as on 24 November 2026.
    pub fn new(form: FeedbackForm) -> DemoCases {
        DemoCases {
            calendar: Calendar::bundled(),
            policy: Policy::default(),
            council: CouncilId::parse("demo").unwrap(),
            details: form.parse(&["waste"], date!(2026 - 11 - 24)).unwrap(),
        }
    }

    /// Case number `i` (0-based: `DEMO-2026-{i + 1}`), a `kind` received on the web `at`.
    pub fn received(&self, i: usize, kind: Kind, at: OffsetDateTime) -> CaseRecord {
        let rules = Rules {
            calendar: &self.calendar,
            policy: &self.policy,
        };
        let reference = Reference::new("DEMO", 2026, i as u64 + 1).unwrap();
        let (case, _) = Case::receive(
            rules,
            self.council.clone(),
            reference,
            kind,
            Channel::Web,
            at,
            Actor::Resident,
        );
        CaseRecord {
            case,
            details: self.details.clone(),
        }
    }
}

/// The ranges of `total` cases, `size` at a time, in order.
pub fn chunks(total: usize, size: usize) -> impl Iterator<Item = Range<usize>> {
    (0..total)
        .step_by(size)
        .map(move |start| start..(start + size).min(total))
}

/// The configured councils' app over `store`, its clock stopped at `now`.
pub fn app_at(store: Arc<dyn Store>, now: OffsetDateTime) -> App {
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    App {
        councils: load_councils(&config).unwrap(),
        calendar: Calendar::bundled(),
        store,
        clock: Arc::new(FixedClock::new(now)),
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    }
}
