//! Promised actions on the state machine: recorded after a response, completed once,
//! holding the case open unless a manager overrides, and reminded like a deadline.

use super::tests::{MON_30_NOV, complaint, officer, responded_by_ann, rules};
use super::*;
use crate::input::LongText;
use crate::reminders::{DeadlineKind, ReminderKind};
use crate::validation::Field;
use time::macros::{date, datetime};

fn promise(due: Date) -> Action {
    Action::PromiseAction {
        description: LongText::parse(Field::OutstandingActions, "Repair the side gate").unwrap(),
        owner: OfficerId("bob".into()),
        due,
    }
}

fn complete(id: u32) -> Action {
    Action::CompleteAction {
        id,
        note: LongText::parse(Field::Note, "Gate rehung by the joiner").unwrap(),
        on: None,
    }
}

const FRI_4_DEC: Date = date!(2026 - 12 - 04);

#[test]
fn an_action_is_promised_only_once_a_stage_is_answered() {
    let mut case = complaint();
    let err = case
        .apply(rules(), officer("ann"), MON_30_NOV, promise(FRI_4_DEC))
        .unwrap_err();
    assert_eq!(err, TransitionError::NoResponseYet);
    assert!(case.promised.is_empty());

    let mut case = responded_by_ann();
    let err = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            promise(date!(2026 - 11 - 27)),
        )
        .unwrap_err();
    assert!(
        matches!(err, TransitionError::DueDatePassed { .. }),
        "{err}"
    );
    let event = case
        .apply(rules(), officer("ann"), MON_30_NOV, promise(FRI_4_DEC))
        .unwrap();
    assert_eq!(event.version, case.version);
    let action = &case.promised[0];
    assert_eq!(
        (action.id, action.stage, action.promised_on, action.due),
        (1, Stage::One, date!(2026 - 11 - 30), FRI_4_DEC)
    );
    assert_eq!(action.owner, OfficerId("bob".into()));
    assert_eq!(action.promised_by, OfficerId("ann".into()));
    assert!(action.is_open());
}

#[test]
fn completing_refuses_unknown_and_already_completed_actions() {
    let mut case = responded_by_ann();
    case.apply(rules(), officer("ann"), MON_30_NOV, promise(FRI_4_DEC))
        .unwrap();
    case.apply(rules(), officer("ann"), MON_30_NOV, promise(FRI_4_DEC))
        .unwrap();
    let at = datetime!(2026-12-02 10:00 UTC);
    assert_eq!(
        case.apply(rules(), officer("bob"), at, complete(3))
            .unwrap_err(),
        TransitionError::UnknownAction { id: 3 }
    );
    case.apply(rules(), officer("bob"), at, complete(1))
        .unwrap();
    assert!(!case.all_actions_done());
    assert_eq!(
        case.apply(rules(), officer("bob"), at, complete(1))
            .unwrap_err(),
        TransitionError::ActionAlreadyCompleted {
            id: 1,
            on: date!(2026 - 12 - 02)
        }
    );
    let future = Action::CompleteAction {
        id: 2,
        note: LongText::parse(Field::Note, "Done").unwrap(),
        on: Some(date!(2026 - 12 - 03)),
    };
    assert!(matches!(
        case.apply(rules(), officer("bob"), at, future),
        Err(TransitionError::FutureDate { .. })
    ));
    case.apply(rules(), officer("bob"), at, complete(2))
        .unwrap();
    assert!(case.all_actions_done());
    let done = case.promised[1].completed.as_ref().unwrap();
    assert_eq!(
        (done.on, done.by.0.as_str()),
        (date!(2026 - 12 - 02), "bob")
    );
    assert_eq!(case.promised[1].on_time(), Some(true));
}

#[test]
fn open_actions_hold_the_case_open_unless_overridden_with_a_reason() {
    let mut case = responded_by_ann();
    let overriding = || Action::CloseOverridingActions {
        reason: LongText::parse(Field::Reason, "The repair is the landlord's now").unwrap(),
        on: None,
    };
    // With nothing open there is nothing to override.
    assert_eq!(
        case.clone()
            .apply(rules(), officer("max"), MON_30_NOV, overriding())
            .unwrap_err(),
        TransitionError::NoOpenActions
    );
    case.apply(rules(), officer("ann"), MON_30_NOV, promise(FRI_4_DEC))
        .unwrap();
    let err = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            Action::Close { on: None },
        )
        .unwrap_err();
    assert_eq!(err, TransitionError::OpenActions { open: 1 });
    assert_eq!(case.status, Status::Responded);

    let event = case
        .apply(rules(), officer("max"), MON_30_NOV, overriding())
        .unwrap();
    assert!(matches!(
        event.action,
        Action::CloseOverridingActions { .. }
    ));
    assert_eq!(case.status, Status::Closed);
    // The action is still open, still reminded, and can still be completed.
    assert!(case.next_reminder.is_some());
    case.apply(
        rules(),
        officer("bob"),
        datetime!(2026-12-01 10:00 UTC),
        complete(1),
    )
    .unwrap();
    assert!(case.all_actions_done());
    assert_eq!(case.next_reminder, None);
}

#[test]
fn an_action_is_reminded_before_on_the_day_and_overdue_each_point_once() {
    let mut case = responded_by_ann();
    assert_eq!(case.next_reminder, None, "answered: no deadline left");
    case.apply(rules(), officer("ann"), MON_30_NOV, promise(FRI_4_DEC))
        .unwrap();
    let first = case.next_reminder.unwrap();
    assert_eq!(
        (first.deadline, first.due, first.action, first.kind),
        (
            DeadlineKind::CompleteAction,
            FRI_4_DEC,
            Some(1),
            ReminderKind::Before { working_days: 2 }
        )
    );
    assert_eq!(first.at, datetime!(2026-12-02 08:00 UTC));

    let mut sent = Vec::new();
    let mut now = datetime!(2026-12-02 07:00 UTC);
    while now < datetime!(2026-12-08 18:00 UTC) {
        if let Some(point) = case.reminder_due(rules(), now) {
            case.apply(rules(), Actor::System, now, Action::SendReminder { point })
                .unwrap();
            assert_eq!(
                case.apply(rules(), Actor::System, now, Action::SendReminder { point })
                    .unwrap_err(),
                TransitionError::ReminderNotDue
            );
            sent.push((point.at, point.kind));
        }
        now += time::Duration::hours(1);
    }
    assert_eq!(
        sent,
        [
            (
                datetime!(2026-12-02 08:00 UTC),
                ReminderKind::Before { working_days: 2 }
            ),
            (
                datetime!(2026-12-04 08:00 UTC),
                ReminderKind::Before { working_days: 0 }
            ),
            (
                datetime!(2026-12-07 08:00 UTC),
                ReminderKind::Overdue { working_days: 1 }
            ),
            (
                datetime!(2026-12-08 08:00 UTC),
                ReminderKind::Overdue { working_days: 2 }
            ),
        ]
    );
}

#[test]
fn a_stage_deadline_and_an_action_are_reminded_side_by_side() {
    // Stage 1 answered and an action promised, then stage 2 asked for: the stage 2
    // acknowledgement and the action are both reminded, the earlier first.
    let mut case = responded_by_ann();
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        promise(date!(2026 - 12 - 18)),
    )
    .unwrap();
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
    let next = case.next_reminder.unwrap();
    assert_eq!(next.deadline, DeadlineKind::Acknowledge);
    let mut kinds = Vec::new();
    let mut now = MON_30_NOV;
    while now < datetime!(2026-12-18 18:00 UTC) {
        if let Some(point) = case.reminder_due(rules(), now) {
            case.apply(rules(), Actor::System, now, Action::SendReminder { point })
                .unwrap();
            kinds.push((point.deadline, point.kind));
        }
        now += time::Duration::hours(1);
    }
    let action_points: Vec<_> = kinds
        .iter()
        .filter(|(d, _)| *d == DeadlineKind::CompleteAction)
        .map(|(_, k)| *k)
        .collect();
    assert_eq!(
        action_points,
        [
            ReminderKind::Before { working_days: 2 },
            ReminderKind::Before { working_days: 0 }
        ]
    );
    assert!(kinds.iter().any(|(d, _)| *d == DeadlineKind::Acknowledge));
}

#[test]
fn replaying_the_timeline_rebuilds_the_promised_actions() {
    let mut case = responded_by_ann();
    let mut events = Vec::new();
    events.push(
        case.apply(rules(), officer("ann"), MON_30_NOV, promise(FRI_4_DEC))
            .unwrap(),
    );
    events.push(
        case.apply(
            rules(),
            officer("bob"),
            datetime!(2026-12-07 10:00 UTC),
            complete(1),
        )
        .unwrap(),
    );
    // Rebuild the answered case first (its own events are not kept here), then replay.
    let base = responded_by_ann();
    let replayed = base.replay(rules(), &events).unwrap();
    assert_eq!(replayed.promised, case.promised);
    assert_eq!(
        replayed.promised[0].on_time(),
        Some(false),
        "done after 4 Dec"
    );
    assert_eq!(replayed.version, case.version);
}
