//! Cases built the way the API builds them, for store tests.

use feedback_functions::store::CaseRecord;
use feedback_shared::case::{Actor, Case, CaseEvent, Rules};
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, CouncilId, Kind, Policy, Reference};
use std::sync::OnceLock;
use time::OffsetDateTime;
use time::macros::{date, datetime};

pub const RECEIVED: OffsetDateTime = datetime!(2026-11-24 10:00 UTC);

pub fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(Calendar::bundled)
}

pub fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(Policy::default)
}

pub fn rules() -> Rules<'static> {
    Rules {
        calendar: calendar(),
        policy: policy(),
    }
}

pub fn council(id: &str) -> CouncilId {
    CouncilId::parse(id).unwrap()
}

/// A case of `kind` about `service`, as if submitted on the web at [`RECEIVED`].
pub fn case(council_id: &str, sequence: u64, kind: Kind, service: &str) -> (CaseRecord, CaseEvent) {
    let form = FeedbackForm {
        kind: Some(kind),
        service: service.to_owned(),
        what_happened: format!("Case number {sequence}."),
        put_right: "Put it right.".into(),
        contact: feedback_shared::contact::ContactForm {
            name: "Ann Jones".into(),
            email: "ann@example.com".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let details = form
        .parse(&[service], date!(2026 - 11 - 24))
        .expect("fixture parses");
    let reference = Reference::new("DEMO", 2026, sequence).unwrap();
    let (case, received) = Case::receive(
        rules(),
        council(council_id),
        reference,
        kind,
        Channel::Web,
        RECEIVED,
        Actor::Resident,
    );
    (CaseRecord { case, details }, received)
}

pub fn complaint(council_id: &str, sequence: u64) -> (CaseRecord, CaseEvent) {
    case(council_id, sequence, Kind::Complaint, "waste")
}
