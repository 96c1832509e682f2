use super::*;
use crate::input::LongText;
use crate::outcome::{Outcome, Remedy};
use crate::validation::{Field, FieldError, Problem};
use std::sync::OnceLock;
use time::macros::{date, datetime};

fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(Calendar::bundled)
}

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(Policy::default)
}

pub(super) fn rules() -> Rules<'static> {
    Rules {
        calendar: calendar(),
        policy: policy(),
    }
}

pub(super) fn officer(name: &str) -> Actor {
    Actor::Officer(OfficerId(name.to_owned()))
}

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

/// A complaint received on Monday 23 November 2026 at 10:00.
pub(super) fn complaint() -> Case {
    Case::receive(
        rules(),
        CouncilId::parse("demo").unwrap(),
        Reference::new("DEMO", 2026, 42).unwrap(),
        Kind::Complaint,
        Channel::Web,
        datetime!(2026-11-23 10:00 UTC),
        Actor::Resident,
    )
    .0
}

fn response(on: Date, outcome: Outcome) -> Action {
    Action::Respond {
        response: ResponseDetails {
            responded_on: on,
            outcome,
            reasons: text("We missed your collection twice."),
            remedies: vec![Remedy::Apology, Remedy::Action],
            learning: Some(text("Crews now photograph blocked access.")),
            outstanding_actions: None,
            responder: None,
        },
    }
}

pub(super) const MON_30_NOV: OffsetDateTime = datetime!(2026-11-30 09:00 UTC);

/// A complaint acknowledged on 24 Nov and answered at stage 1 by `ann` on 30 Nov.
pub(super) fn responded_by_ann() -> Case {
    let mut case = complaint();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Acknowledge {
            on: date!(2026 - 11 - 24),
        },
    )
    .unwrap();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        response(date!(2026 - 11 - 30), Outcome::PartlyUpheld),
    )
    .unwrap();
    case
}

#[test]
fn a_new_complaint_awaits_acknowledgement_with_code_deadlines() {
    let case = complaint();
    assert_eq!(case.status, Status::Received);
    assert_eq!(case.stage(), Some(Stage::One));
    let s1 = case.stage1.as_ref().unwrap();
    assert_eq!(s1.acknowledge_by, date!(2026 - 11 - 30));
    assert_eq!(s1.respond_by, date!(2026 - 12 - 14));
    assert_eq!(case.next_deadline(), Some(date!(2026 - 11 - 30)));
}

#[test]
fn comments_have_no_stages_or_deadlines() {
    let (case, received) = Case::receive(
        rules(),
        CouncilId::parse("demo").unwrap(),
        Reference::new("DEMO", 2026, 1).unwrap(),
        Kind::Comment,
        Channel::Web,
        datetime!(2026-11-23 10:00 UTC),
        Actor::Resident,
    );
    assert_eq!(
        received.action,
        Action::Receive {
            kind: Kind::Comment,
            channel: Channel::Web
        }
    );
    assert_eq!((received.version, case.version), (1, 1));
    assert_eq!(case.stage(), None);
    assert_eq!(case.next_deadline(), None);
    let mut case = case;
    let err = case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Acknowledge {
            on: date!(2026 - 11 - 24),
        },
    );
    assert!(matches!(err, Err(TransitionError::WrongKind { .. })));
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Close { on: None },
    )
    .unwrap();
    assert_eq!(case.status, Status::Closed);
}

#[test]
fn responding_before_acknowledging_is_refused() {
    let mut case = complaint();
    let before = case.clone();
    let err = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            response(date!(2026 - 11 - 30), Outcome::Upheld),
        )
        .unwrap_err();
    assert_eq!(err, TransitionError::NotAcknowledged);
    assert_eq!(
        err.to_string(),
        "cannot respond before the complaint is acknowledged: acknowledge it first"
    );
    assert_eq!(case, before, "a refused action changes nothing");
}

#[test]
fn acknowledging_late_moves_the_response_date_from_the_real_acknowledgement() {
    let mut case = complaint();
    case.apply(
        rules(),
        officer("ann"),
        datetime!(2026-12-02 09:00 UTC),
        Action::Acknowledge {
            on: date!(2026 - 12 - 02),
        },
    )
    .unwrap();
    // 10 working days after Wed 2 Dec: 3, 4, 7-11, 14, 15, 16 Dec.
    assert_eq!(
        case.stage1.as_ref().unwrap().respond_by,
        date!(2026 - 12 - 16)
    );
    assert_eq!(case.next_deadline(), Some(date!(2026 - 12 - 16)));
}

#[test]
fn acknowledgement_dates_cannot_be_in_the_future_or_before_receipt() {
    let mut case = complaint();
    let at = datetime!(2026-11-24 09:00 UTC);
    let future = case.apply(
        rules(),
        officer("ann"),
        at,
        Action::Acknowledge {
            on: date!(2026 - 11 - 25),
        },
    );
    assert!(matches!(future, Err(TransitionError::FutureDate { .. })));
    let early = case.apply(
        rules(),
        officer("ann"),
        at,
        Action::Acknowledge {
            on: date!(2026 - 11 - 22),
        },
    );
    assert!(matches!(early, Err(TransitionError::BeforeStart { .. })));
}

#[test]
fn a_response_must_be_a_decision() {
    let mut case = complaint();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Acknowledge {
            on: date!(2026 - 11 - 24),
        },
    )
    .unwrap();
    let err = case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        response(date!(2026 - 11 - 30), Outcome::Withdrawn),
    );
    assert_eq!(err.unwrap_err(), TransitionError::NotADecision);
}

#[test]
fn extensions_stay_within_the_cap_even_when_split() {
    let mut case = complaint();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Acknowledge {
            on: date!(2026 - 11 - 30),
        },
    )
    .unwrap();
    // Respond by 14 Dec; cap reaches 30 Dec.
    let extend = |to| Action::Extend {
        to,
        reason: text("Waiting for the contractor's records."),
    };
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        extend(date!(2026 - 12 - 21)),
    )
    .unwrap();
    assert_eq!(
        case.stage1.as_ref().unwrap().respond_by,
        date!(2026 - 12 - 21)
    );
    let err = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            extend(date!(2026 - 12 - 31)),
        )
        .unwrap_err();
    assert_eq!(
        err,
        TransitionError::Field(FieldError::new(
            Field::NewRespondBy,
            Problem::ExtensionTooLong {
                max_working_days: 10,
                latest: "2026-12-30".into()
            }
        ))
    );
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        extend(date!(2026 - 12 - 30)),
    )
    .unwrap();
    assert_eq!(case.stage1.as_ref().unwrap().extensions.len(), 2);
}

#[test]
fn extending_before_acknowledgement_is_refused() {
    let mut case = complaint();
    let err = case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Extend {
            to: date!(2026 - 12 - 20),
            reason: text("busy"),
        },
    );
    assert!(matches!(
        err,
        Err(TransitionError::NotAllowed {
            action: "extend",
            status: Status::Received,
            ..
        })
    ));
}

#[test]
fn stage_two_must_be_handled_by_someone_else() {
    let mut case = responded_by_ann();
    let at = datetime!(2026-12-01 09:00 UTC);
    let same = case.apply(
        rules(),
        Actor::Resident,
        at,
        Action::Escalate {
            requested_on: date!(2026 - 12 - 01),
            handler: Some(OfficerId("ann".into())),
        },
    );
    assert_eq!(
        same.unwrap_err(),
        TransitionError::SameHandler {
            officer: OfficerId("ann".into())
        }
    );

    case.apply(
        rules(),
        Actor::Resident,
        at,
        Action::Escalate {
            requested_on: date!(2026 - 12 - 01),
            handler: None,
        },
    )
    .unwrap();
    assert_eq!(case.stage(), Some(Stage::Two));
    assert_eq!(case.status, Status::Received);
    // Stage 2: ack 2, 3, 4, 7, 8 Dec.
    assert_eq!(
        case.stage2.as_ref().unwrap().acknowledge_by,
        date!(2026 - 12 - 08)
    );

    let assign_ann = case.apply(
        rules(),
        officer("manager"),
        at,
        Action::Assign {
            officer: OfficerId("ann".into()),
        },
    );
    assert!(matches!(
        assign_ann,
        Err(TransitionError::SameHandler { .. })
    ));
    case.apply(
        rules(),
        officer("ben"),
        at,
        Action::Acknowledge {
            on: date!(2026 - 12 - 01),
        },
    )
    .unwrap();
    let ann_responds = case.apply(
        rules(),
        officer("ann"),
        at,
        response(date!(2026 - 12 - 01), Outcome::NotUpheld),
    );
    assert!(matches!(
        ann_responds,
        Err(TransitionError::SameHandler { .. })
    ));
    case.apply(
        rules(),
        officer("ben"),
        at,
        response(date!(2026 - 12 - 01), Outcome::NotUpheld),
    )
    .unwrap();
    assert_eq!(case.status, Status::Responded);
    assert_eq!(
        case.stage2
            .as_ref()
            .unwrap()
            .response
            .as_ref()
            .unwrap()
            .responder,
        Some(OfficerId("ben".into()))
    );
}

#[test]
fn escalating_clears_an_assignment_to_the_stage1_handler() {
    let mut case = complaint();
    let at = MON_30_NOV;
    case.apply(
        rules(),
        officer("mgr"),
        at,
        Action::Assign {
            officer: OfficerId("ann".into()),
        },
    )
    .unwrap();
    case.apply(
        rules(),
        officer("ann"),
        at,
        Action::Acknowledge {
            on: date!(2026 - 11 - 24),
        },
    )
    .unwrap();
    case.apply(
        rules(),
        officer("ann"),
        at,
        response(date!(2026 - 11 - 30), Outcome::Upheld),
    )
    .unwrap();
    case.apply(
        rules(),
        Actor::Resident,
        at,
        Action::Escalate {
            requested_on: date!(2026 - 11 - 30),
            handler: None,
        },
    )
    .unwrap();
    assert_eq!(case.assigned_to, None);
}

#[test]
fn residents_cannot_escalate_after_the_window_but_officers_can() {
    let mut case = responded_by_ann();
    // 20 working days after Mon 30 Nov 2026: 1-4, 7-11, 14-18, 21-24, (25, 28) 29, 30 Dec.
    let late = datetime!(2026-12-31 09:00 UTC);
    let err = case
        .apply(
            rules(),
            Actor::Resident,
            late,
            Action::Escalate {
                requested_on: date!(2026 - 12 - 31),
                handler: None,
            },
        )
        .unwrap_err();
    assert_eq!(
        err,
        TransitionError::EscalationWindowClosed {
            closed_on: date!(2026 - 12 - 30)
        }
    );
    case.apply(
        rules(),
        officer("mgr"),
        late,
        Action::Escalate {
            requested_on: date!(2026 - 12 - 31),
            handler: None,
        },
    )
    .unwrap();
    assert_eq!(case.stage(), Some(Stage::Two));
}

#[test]
fn a_closed_stage1_can_still_be_escalated_but_not_reworked() {
    let mut case = responded_by_ann();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Close { on: None },
    )
    .unwrap();
    let again = case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Acknowledge {
            on: date!(2026 - 11 - 30),
        },
    );
    assert!(matches!(again, Err(TransitionError::Finished { .. })));
    case.apply(
        rules(),
        Actor::Resident,
        MON_30_NOV,
        Action::Escalate {
            requested_on: date!(2026 - 11 - 30),
            handler: None,
        },
    )
    .unwrap();
    assert_eq!(case.status, Status::Received);
}

#[test]
fn stage2_cannot_be_escalated_again() {
    let mut case = responded_by_ann();
    let at = datetime!(2026-12-01 09:00 UTC);
    case.apply(
        rules(),
        Actor::Resident,
        at,
        Action::Escalate {
            requested_on: date!(2026 - 12 - 01),
            handler: None,
        },
    )
    .unwrap();
    let twice = case.apply(
        rules(),
        Actor::Resident,
        at,
        Action::Escalate {
            requested_on: date!(2026 - 12 - 01),
            handler: None,
        },
    );
    assert!(matches!(
        twice,
        Err(TransitionError::NotAllowed {
            stage: Stage::Two,
            ..
        })
    ));
}

#[test]
fn closing_a_complaint_needs_a_response() {
    let mut case = complaint();
    let err = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            Action::Close { on: None },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot close a case that is received at stage 1"
    );
}

#[test]
fn endings_record_the_date_they_took_effect_never_future_or_before_receipt() {
    // A refusal decided on receipt but recorded a week later counts on its own date.
    let received = complaint().received_on();
    let mut case = complaint();
    let refusal = |on| Action::NotAccept {
        reason: text("A parking appeal: statutory route."),
        on,
        ground: Some(RefusalGround::StatutoryAppeal),
    };
    let err = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            refusal(Some(date!(2026 - 12 - 01))),
        )
        .unwrap_err();
    assert!(matches!(err, TransitionError::FutureDate { .. }), "{err}");
    let before = received.previous_day().unwrap();
    let err = case
        .apply(rules(), officer("ann"), MON_30_NOV, refusal(Some(before)))
        .unwrap_err();
    assert!(matches!(err, TransitionError::BeforeStart { .. }), "{err}");
    case.apply(rules(), officer("ann"), MON_30_NOV, refusal(Some(received)))
        .unwrap();
    assert_eq!(case.closed_on, Some(received));
    // Without a date, today.
    let mut closed = responded_by_ann();
    closed
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            Action::Close { on: None },
        )
        .unwrap();
    assert_eq!(closed.closed_on, Some(date!(2026 - 11 - 30)));
    let mut withdrawn = complaint();
    withdrawn
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            Action::Withdraw {
                reason: text("Sorted out on the phone."),
                on: Some(received),
            },
        )
        .unwrap();
    assert_eq!(withdrawn.closed_on, Some(received));
}

#[test]
fn not_accepting_records_the_reason_and_ends_the_case() {
    let mut case = complaint();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::NotAccept {
            reason: text("A parking appeal: statutory route."),
            on: None,
            ground: Some(RefusalGround::StatutoryAppeal),
        },
    )
    .unwrap();
    assert_eq!(case.status, Status::NotAccepted);
    assert_eq!(
        case.closure_reason.as_deref(),
        Some("A parking appeal: statutory route.")
    );
    assert_eq!(case.refusal_ground, Some(RefusalGround::StatutoryAppeal));
    assert_eq!(case.next_deadline(), None);
    // Notes and an Ombudsman referral are still possible.
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Note {
            text: text("Resident phoned."),
        },
    )
    .unwrap();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::ReferToOmbudsman {
            ombudsman: crate::outcome::Ombudsman::Lgsco,
            on: date!(2026 - 11 - 30),
        },
    )
    .unwrap();
}

#[test]
fn residents_can_only_escalate() {
    let mut case = complaint();
    let err = case.apply(
        rules(),
        Actor::Resident,
        MON_30_NOV,
        Action::Acknowledge {
            on: date!(2026 - 11 - 24),
        },
    );
    assert_eq!(
        err.unwrap_err(),
        TransitionError::OfficerOnly {
            action: "acknowledge"
        }
    );
}

#[test]
fn reclassify_and_promote_move_between_complaint_and_service_request() {
    let mut case = complaint();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::ReclassifyAsServiceRequest {
            reason: text("A missed bin."),
        },
    )
    .unwrap();
    assert_eq!((case.kind, case.stage()), (Kind::ServiceRequest, None));
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::PromoteToComplaint {
            on: date!(2026 - 11 - 30),
        },
    )
    .unwrap();
    assert_eq!(case.kind, Kind::Complaint);
    // Stage 1 starts from the promotion: ack 1, 2, 3, 4, 7 Dec.
    assert_eq!(
        case.stage1.as_ref().unwrap().acknowledge_by,
        date!(2026 - 12 - 07)
    );
}

#[test]
fn ombudsman_decision_needs_a_referral() {
    let mut case = responded_by_ann();
    let decision = Action::RecordOmbudsmanDecision {
        decision: crate::outcome::OmbudsmanDecision::NoFault,
        on: date!(2026 - 11 - 30),
    };
    assert_eq!(
        case.apply(rules(), officer("ann"), MON_30_NOV, decision.clone())
            .unwrap_err(),
        TransitionError::NotReferred
    );
}

#[test]
fn replaying_the_timeline_rebuilds_the_case() {
    let mut case = complaint();
    let first = case.clone();
    let at = MON_30_NOV;
    let mut events = vec![
        case.apply(
            rules(),
            officer("mgr"),
            at,
            Action::Assign {
                officer: OfficerId("ann".into()),
            },
        )
        .unwrap(),
        case.apply(
            rules(),
            officer("ann"),
            at,
            Action::Acknowledge {
                on: date!(2026 - 11 - 24),
            },
        )
        .unwrap(),
        case.apply(
            rules(),
            officer("ann"),
            at,
            Action::Extend {
                to: date!(2026 - 12 - 15),
                reason: text("Site visit"),
            },
        )
        .unwrap(),
        case.apply(
            rules(),
            officer("ann"),
            at,
            response(date!(2026 - 11 - 30), Outcome::Upheld),
        )
        .unwrap(),
    ];
    events.push(
        case.apply(rules(), officer("ann"), at, Action::Close { on: None })
            .unwrap(),
    );
    assert_eq!(
        events.iter().map(|e| e.version).collect::<Vec<_>>(),
        [2, 3, 4, 5, 6]
    );
    // Events survive a JSON round trip (as they are stored) and rebuild the same case.
    let json = serde_json::to_string(&events).unwrap();
    let stored: Vec<CaseEvent> = serde_json::from_str(&json).unwrap();
    assert_eq!(first.replay(rules(), &stored).unwrap(), case);
}

#[test]
fn a_note_is_allowed_in_every_state_and_changes_nothing_not_even_the_version() {
    let note = || Action::Note {
        text: text("Resident phoned."),
    };
    let comment = Case::receive(
        rules(),
        CouncilId::parse("demo").unwrap(),
        Reference::new("DEMO", 2026, 1).unwrap(),
        Kind::Comment,
        Channel::Web,
        datetime!(2026-11-23 10:00 UTC),
        Actor::Resident,
    )
    .0;
    let mut closed = responded_by_ann();
    closed
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            Action::Close { on: None },
        )
        .unwrap();
    let mut withdrawn = complaint();
    withdrawn
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            Action::Withdraw {
                reason: text("Sorted out on the phone."),
                on: None,
            },
        )
        .unwrap();
    for before in [complaint(), responded_by_ann(), closed, withdrawn, comment] {
        let mut case = before.clone();
        let event = case
            .apply(rules(), officer("ben"), MON_30_NOV, note())
            .unwrap_or_else(|e| panic!("a note refused at {:?}: {e}", before.status));
        assert_eq!(case, before, "a note changes nothing on the case");
        assert_eq!(
            event.version, before.version,
            "it is added at the version read"
        );
        // Whoever may not note is refused whatever the state, as before.
        assert!(matches!(
            case.apply(rules(), Actor::Resident, MON_30_NOV, note()),
            Err(TransitionError::OfficerOnly { .. })
        ));
    }
    assert!(note().appends_only());
    // A change still moves the version on.
    let mut case = complaint();
    let assign = case
        .apply(
            rules(),
            officer("mgr"),
            MON_30_NOV,
            Action::Assign {
                officer: OfficerId("ann".into()),
            },
        )
        .unwrap();
    assert_eq!((assign.version, case.version), (2, 2));
}

#[test]
fn replaying_a_timeline_with_notes_rebuilds_the_case_and_its_version() {
    let note = |version| CaseEvent {
        at: MON_30_NOV,
        actor: officer("ann"),
        action: Action::Note {
            text: text("Resident phoned."),
        },
        version,
    };
    let first = complaint();
    let mut case = first.clone();
    let ack = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            Action::Acknowledge {
                on: date!(2026 - 11 - 24),
            },
        )
        .unwrap();
    // Notes as now stored (at the version they were added at) rebuild the same case.
    let now = [note(1), ack.clone(), note(2), note(2)];
    assert_eq!(first.clone().replay(rules(), &now).unwrap(), case);
    // A timeline stored while each note counted as a change keeps its stored version.
    let mut acked_later = ack;
    acked_later.version = 3;
    let before = [note(2), acked_later];
    let replayed = first.replay(rules(), &before).unwrap();
    assert_eq!(replayed.version, 3);
    assert_eq!(replayed.status, Status::Acknowledged);
}

#[test]
fn the_next_reminder_follows_the_deadline_being_worked_to() {
    use crate::reminders::{DeadlineKind, ReminderKind};
    let mut case = complaint();
    // Acknowledge by Mon 30 Nov: first reminder 2 working days before, Thu 26 Nov 08:00.
    let first = case.next_reminder.unwrap();
    assert_eq!(
        (first.deadline, first.due),
        (DeadlineKind::Acknowledge, date!(2026 - 11 - 30))
    );
    assert_eq!(first.at, datetime!(2026-11-26 08:00 UTC));
    assert_eq!(first.kind, ReminderKind::Before { working_days: 2 });

    // Nothing is due before its time; at 09:00 on the 26th it is, once.
    assert_eq!(
        case.reminder_due(rules(), datetime!(2026-11-26 07:00 UTC)),
        None
    );
    let due = case
        .reminder_due(rules(), datetime!(2026-11-26 09:00 UTC))
        .unwrap();
    assert_eq!(due, first);
    let at = datetime!(2026-11-26 09:00 UTC);
    let officer_try = case.apply(
        rules(),
        officer("ann"),
        at,
        Action::SendReminder { point: due },
    );
    assert!(matches!(
        officer_try,
        Err(TransitionError::SystemOnly { .. })
    ));
    case.apply(
        rules(),
        Actor::System,
        at,
        Action::SendReminder { point: due },
    )
    .unwrap();
    let again = case.apply(
        rules(),
        Actor::System,
        at,
        Action::SendReminder { point: due },
    );
    assert_eq!(again.unwrap_err(), TransitionError::ReminderNotDue);
    assert_eq!(
        case.next_reminder.unwrap().at,
        datetime!(2026-11-30 08:00 UTC)
    );

    // Acknowledging moves the schedule to the response deadline (14 Dec): 10 Dec first.
    case.apply(
        rules(),
        officer("ann"),
        at,
        Action::Acknowledge {
            on: date!(2026 - 11 - 26),
        },
    )
    .unwrap();
    let next = case.next_reminder.unwrap();
    assert_eq!(
        (next.deadline, next.due),
        (DeadlineKind::Respond, date!(2026 - 12 - 10))
    );
    assert_eq!(next.at, datetime!(2026-12-08 08:00 UTC));

    // Responding ends the reminders.
    case.apply(
        rules(),
        officer("ann"),
        at,
        response(date!(2026 - 11 - 26), Outcome::Upheld),
    )
    .unwrap();
    assert_eq!(case.next_reminder, None);
}

#[test]
fn no_action_date_falls_before_the_case_or_its_stage_began() {
    let ancient = date!(0000 - 01 - 01);
    let before_start = |result: Result<CaseEvent, TransitionError>| {
        assert!(
            matches!(result, Err(TransitionError::BeforeStart { .. })),
            "{result:?}"
        );
    };
    // Ombudsman referral: refused before receipt (23 Nov), accepted on it.
    let mut case = responded_by_ann();
    let refer = |on| Action::ReferToOmbudsman {
        ombudsman: crate::outcome::Ombudsman::Lgsco,
        on,
    };
    for on in [ancient, date!(2026 - 11 - 22)] {
        before_start(case.apply(rules(), officer("ann"), MON_30_NOV, refer(on)));
    }
    assert!(case.ombudsman.is_none());
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        refer(date!(2026 - 11 - 23)),
    )
    .unwrap();
    // Its decision cannot precede the referral.
    before_start(case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::RecordOmbudsmanDecision {
            decision: crate::outcome::OmbudsmanDecision::NoFault,
            on: ancient,
        },
    ));

    // Acknowledge, respond, escalate and promote, all dated 0000-01-01.
    let mut case = complaint();
    before_start(case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Acknowledge { on: ancient },
    ));
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Acknowledge {
            on: date!(2026 - 11 - 24),
        },
    )
    .unwrap();
    before_start(case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        response(ancient, Outcome::Upheld),
    ));
    // Extending to a date before the stage began is never later than the current date.
    let early_extension = case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Extend {
            to: ancient,
            reason: text("Waiting for the crew's records."),
        },
    );
    assert!(
        matches!(
            early_extension,
            Err(TransitionError::Field(FieldError {
                field: Field::NewRespondBy,
                ..
            }))
        ),
        "{early_extension:?}"
    );
    let mut case = responded_by_ann();
    before_start(case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::Escalate {
            requested_on: ancient,
            handler: None,
        },
    ));
    let mut case = complaint();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::ReclassifyAsServiceRequest {
            reason: text("A missed bin."),
        },
    )
    .unwrap();
    before_start(case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        Action::PromoteToComplaint { on: ancient },
    ));
}
