//! The report's promised-action figures (Code 6.6) against cases counted by hand:
//! promised in the period, completed in it on time and late, and promised in it and
//! still open. England and Wales, the Code's timescales.

use feedback_shared::Language;
use feedback_shared::case::{Action, Actor, Case, ResponseDetails, Rules};
use feedback_shared::input::LongText;
use feedback_shared::outcome::Outcome;
use feedback_shared::report::{ActionFigures, Period, ReportCase, compute};
use feedback_shared::{
    Calendar, Channel, CouncilId, Division, Field, Kind, OfficerId, Policy, Reference,
};
use time::macros::{date, time};
use time::{Date, PrimitiveDateTime};

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

fn ann() -> Actor {
    Actor::Officer(OfficerId("ann".into()))
}

fn at(day: Date) -> time::OffsetDateTime {
    PrimitiveDateTime::new(day, time!(10:00)).assume_utc()
}

/// A complaint received on `received`, acknowledged the next day and answered (upheld)
/// on `answered`.
fn answered(rules: Rules<'_>, seq: u64, received: Date, answered: Date) -> Case {
    let (mut case, _) = Case::receive(
        rules,
        CouncilId::parse("demo").unwrap(),
        Reference::new("DEMO", received.year(), seq).unwrap(),
        Kind::Complaint,
        Channel::Web,
        at(received),
        Actor::Resident,
    );
    let ack = received.next_day().unwrap();
    case.apply(rules, ann(), at(ack), Action::Acknowledge { on: ack })
        .unwrap();
    let response = ResponseDetails {
        responded_on: answered,
        outcome: Outcome::Upheld,
        reasons: text("Reasons."),
        remedies: Vec::new(),
        learning: None,
        outstanding_actions: None,
        responder: None,
    };
    case.apply(rules, ann(), at(answered), Action::Respond { response })
        .unwrap();
    case
}

fn promise(rules: Rules<'_>, case: &mut Case, on: Date, due: Date) {
    let action = Action::PromiseAction {
        description: text("Repair the fence"),
        owner: OfficerId("bob".into()),
        due,
    };
    case.apply(rules, ann(), at(on), action).unwrap();
}

fn complete(rules: Rules<'_>, case: &mut Case, id: u32, on: Date) {
    let action = Action::CompleteAction {
        id,
        note: text("Done"),
        on: None,
    };
    case.apply(rules, ann(), at(on), action).unwrap();
}

fn actions(cases: &[Case], period: Period, calendar: &Calendar) -> ActionFigures {
    let cases: Vec<ReportCase> = cases
        .iter()
        .map(|case| ReportCase {
            case,
            service: "waste",
            language: Language::En,
        })
        .collect();
    compute(
        "demo",
        "Demo",
        &cases,
        period,
        calendar,
        Division::EnglandAndWales,
    )
    .actions
}

#[test]
fn actions_are_counted_in_the_period_they_were_promised_and_completed_in() {
    let calendar = Calendar::bundled();
    let policy = Policy::default();
    let rules = Rules {
        calendar: &calendar,
        policy: &policy,
    };
    // A: answered 15 May 2026, three actions promised that day. A1 due 29 May, done
    // 28 May (on time); A2 due 29 May, done 3 June (late); A3 due 30 June, still open.
    let mut a = answered(rules, 1, date!(2026 - 05 - 05), date!(2026 - 05 - 15));
    for due in [
        date!(2026 - 05 - 29),
        date!(2026 - 05 - 29),
        date!(2026 - 06 - 30),
    ] {
        promise(rules, &mut a, date!(2026 - 05 - 15), due);
    }
    complete(rules, &mut a, 1, date!(2026 - 05 - 28));
    complete(rules, &mut a, 2, date!(2026 - 06 - 03));
    // B: answered 10 March 2027. B1 due 31 March, done 6 April 2027 (late, next year);
    // B2 due 20 March, done 19 March (on time).
    let mut b = answered(rules, 2, date!(2027 - 03 - 02), date!(2027 - 03 - 10));
    promise(rules, &mut b, date!(2027 - 03 - 10), date!(2027 - 03 - 31));
    promise(rules, &mut b, date!(2027 - 03 - 10), date!(2027 - 03 - 20));
    complete(rules, &mut b, 2, date!(2027 - 03 - 19));
    complete(rules, &mut b, 1, date!(2027 - 04 - 06));
    // C: answered 20 February 2026 (the year before). C1 due 27 March 2026, done
    // 7 April 2026 (late, in 2026-27).
    let mut c = answered(rules, 3, date!(2026 - 02 - 02), date!(2026 - 02 - 20));
    promise(rules, &mut c, date!(2026 - 02 - 20), date!(2026 - 03 - 27));
    complete(rules, &mut c, 1, date!(2026 - 04 - 07));
    let cases = [a, b, c];

    // 2026-27: promised A1, A2, A3, B1, B2 (5); on time A1, B2 (2); late A2, C1 (2);
    // open A3 (1).
    assert_eq!(
        actions(&cases, Period::financial_year(2026).unwrap(), &calendar),
        ActionFigures {
            promised: 5,
            completed_on_time: 2,
            completed_late: 2,
            open: 1,
        }
    );
    // 2025-26: C1 promised, done since, so not open.
    assert_eq!(
        actions(&cases, Period::financial_year(2025).unwrap(), &calendar),
        ActionFigures {
            promised: 1,
            ..ActionFigures::default()
        }
    );
    // 2027-28: B1 done late.
    assert_eq!(
        actions(&cases, Period::financial_year(2027).unwrap(), &calendar),
        ActionFigures {
            completed_late: 1,
            ..ActionFigures::default()
        }
    );
}
