//! Worked examples, each counted by hand against the published bank holidays.
//! Day-by-day counts are in the comments so a reader can check them.

use feedback_shared::calendar::{Calendar, Division};
use feedback_shared::deadlines::{
    DeadlineStatus, check_extension, deadline_status, stage_deadlines,
};
use feedback_shared::london::london_date;
use feedback_shared::policy::{Policy, RespondFrom, StageTimescale, Timescales};
use feedback_shared::{Problem, Stage};
use time::Date;
use time::macros::{date, datetime};

fn code(division: Division) -> Policy {
    Policy::code_default(division)
}

/// (acknowledge_by, respond_by, latest_extended_respond_by)
fn stage(
    division: Division,
    stage: Stage,
    received: Date,
    acknowledged: Option<Date>,
) -> (Date, Date, Date) {
    let d = stage_deadlines(
        &Calendar::bundled(),
        &code(division),
        stage,
        received,
        acknowledged,
    );
    (d.acknowledge_by, d.respond_by, d.latest_extended_respond_by)
}

#[test]
fn stage1_received_monday_23_november_2026_england_and_wales() {
    // Ack: Tue 24, Wed 25, Thu 26, Fri 27, Mon 30 Nov.
    // Respond: 1, 2, 3, 4, 7, 8, 9, 10, 11, 14 Dec.
    // Extension: 15, 16, 17, 18, 21, 22, 23, 24, (25 and 28 holidays) 29, 30 Dec.
    assert_eq!(
        stage(
            Division::EnglandAndWales,
            Stage::One,
            date!(2026 - 11 - 23),
            None
        ),
        (
            date!(2026 - 11 - 30),
            date!(2026 - 12 - 14),
            date!(2026 - 12 - 30)
        )
    );
}

#[test]
fn stage1_same_day_in_scotland_skips_st_andrews_day() {
    // Ack: 24, 25, 26, 27 Nov, (30 St Andrew's Day) 1 Dec.
    // Respond: 2, 3, 4, 7, 8, 9, 10, 11, 14, 15 Dec.
    // Extension: 16, 17, 18, 21, 22, 23, 24, (25, 28) 29, 30, 31 Dec.
    assert_eq!(
        stage(Division::Scotland, Stage::One, date!(2026 - 11 - 23), None),
        (
            date!(2026 - 12 - 01),
            date!(2026 - 12 - 15),
            date!(2026 - 12 - 31)
        )
    );
}

#[test]
fn christmas_and_new_year_differ_between_england_and_scotland() {
    // Received Mon 21 Dec 2026. Ack: 22, 23, 24, (25, 28) 29, 30 Dec in both.
    // E&W respond: 31 Dec, (1 Jan) 4, 5, 6, 7, 8, 11, 12, 13, 14 Jan 2027.
    // Scotland: 31 Dec, (1 Jan, 4 Jan substitute for 2 Jan) 5, 6, 7, 8, 11, 12, 13, 14, 15 Jan.
    let ew = stage(
        Division::EnglandAndWales,
        Stage::One,
        date!(2026 - 12 - 21),
        None,
    );
    let sc = stage(Division::Scotland, Stage::One, date!(2026 - 12 - 21), None);
    assert_eq!((ew.0, ew.1), (date!(2026 - 12 - 30), date!(2027 - 01 - 14)));
    assert_eq!((sc.0, sc.1), (date!(2026 - 12 - 30), date!(2027 - 01 - 15)));
}

#[test]
fn easter_2027_has_no_monday_holiday_in_scotland() {
    // Received Mon 22 March 2027. E&W and NI: 23, 24, 25, (26 Good Friday, 29 Easter
    // Monday) 30, 31 March. Scotland works Easter Monday: 23, 24, 25, 29, 30 March.
    let received = date!(2027 - 03 - 22);
    assert_eq!(
        stage(Division::EnglandAndWales, Stage::One, received, None).0,
        date!(2027 - 03 - 31)
    );
    assert_eq!(
        stage(Division::NorthernIreland, Stage::One, received, None).0,
        date!(2027 - 03 - 31)
    );
    assert_eq!(
        stage(Division::Scotland, Stage::One, received, None).0,
        date!(2027 - 03 - 30)
    );
}

#[test]
fn northern_irelands_own_holidays_2026() {
    // Fri 13 March: 16, (17 St Patrick's Day) 18, 19, 20, 23 March; elsewhere 16 to 20.
    assert_eq!(
        stage(
            Division::NorthernIreland,
            Stage::One,
            date!(2026 - 03 - 13),
            None
        )
        .0,
        date!(2026 - 03 - 23)
    );
    assert_eq!(
        stage(
            Division::EnglandAndWales,
            Stage::One,
            date!(2026 - 03 - 13),
            None
        )
        .0,
        date!(2026 - 03 - 20)
    );
    // Tue 7 July: 8, 9, 10, (13 Boyne substitute) 14, 15 July; elsewhere 8, 9, 10, 13, 14.
    assert_eq!(
        stage(
            Division::NorthernIreland,
            Stage::One,
            date!(2026 - 07 - 07),
            None
        )
        .0,
        date!(2026 - 07 - 15)
    );
    assert_eq!(
        stage(
            Division::EnglandAndWales,
            Stage::One,
            date!(2026 - 07 - 07),
            None
        )
        .0,
        date!(2026 - 07 - 14)
    );
}

#[test]
fn august_bank_holidays_2025_differ_by_division() {
    // Fri 1 Aug 2025. Scotland: (4 Aug) 5, 6, 7, 8, 11. E&W: 4, 5, 6, 7, 8.
    assert_eq!(
        stage(Division::Scotland, Stage::One, date!(2025 - 08 - 01), None).0,
        date!(2025 - 08 - 11)
    );
    assert_eq!(
        stage(
            Division::EnglandAndWales,
            Stage::One,
            date!(2025 - 08 - 01),
            None
        )
        .0,
        date!(2025 - 08 - 08)
    );
}

#[test]
fn early_may_2024() {
    // Fri 3 May 2024: (6 May) 7, 8, 9, 10, 13 May.
    assert_eq!(
        stage(
            Division::EnglandAndWales,
            Stage::One,
            date!(2024 - 05 - 03),
            None
        )
        .0,
        date!(2024 - 05 - 13)
    );
}

#[test]
fn response_counts_from_the_actual_acknowledgement() {
    // Acknowledged Wed 25 Nov: 26, 27, 30 Nov, 1, 2, 3, 4, 7, 8, 9 Dec.
    let (_, respond_by, _) = stage(
        Division::EnglandAndWales,
        Stage::One,
        date!(2026 - 11 - 23),
        Some(date!(2026 - 11 - 25)),
    );
    assert_eq!(respond_by, date!(2026 - 12 - 09));
}

#[test]
fn stage2_escalated_tuesday_24_november_2026() {
    // Ack: 25, 26, 27, 30 Nov, 1 Dec. Respond (20): 2, 3, 4, 7-11, 14-18, 21, 22, 23, 24,
    // (25, 28) 29, 30, 31 Dec. Extension (20): (1 Jan) 4-8, 11-15, 18-22, 25-29 Jan 2027.
    assert_eq!(
        stage(
            Division::EnglandAndWales,
            Stage::Two,
            date!(2026 - 11 - 24),
            None
        ),
        (
            date!(2026 - 12 - 01),
            date!(2026 - 12 - 31),
            date!(2027 - 01 - 29)
        )
    );
}

#[test]
fn receipt_is_dated_in_london_time() {
    let c = Calendar::bundled();
    let p = code(Division::EnglandAndWales);
    let ack =
        |instant| stage_deadlines(&c, &p, Stage::One, london_date(instant), None).acknowledge_by;
    // 00:30 BST on Monday 1 June 2026 is 23:30 UTC on Sunday: received Monday.
    // Ack: 2, 3, 4, 5, 8 June.
    assert_eq!(ack(datetime!(2026-05-31 23:30 UTC)), date!(2026 - 06 - 08));
    // 23:59 BST on Sunday 31 May: received Sunday. Ack: 1, 2, 3, 4, 5 June.
    assert_eq!(ack(datetime!(2026-05-31 22:59 UTC)), date!(2026 - 06 - 05));
    // 23:30 GMT on Sunday 29 November: still Sunday in winter. Ack: 30 Nov, 1-4 Dec.
    assert_eq!(ack(datetime!(2026-11-29 23:30 UTC)), date!(2026 - 12 - 04));
    // 00:30 BST on Sunday 25 October (before the clocks go back) is 23:30 UTC Saturday.
    assert_eq!(
        london_date(datetime!(2026-10-24 23:30 UTC)),
        date!(2026 - 10 - 25)
    );
    // 00:30 on Sunday 29 March 2026 is still GMT: the clocks change at 01:00.
    assert_eq!(
        london_date(datetime!(2026-03-29 00:30 UTC)),
        date!(2026 - 03 - 29)
    );
    assert_eq!(
        london_date(datetime!(2026-03-28 23:30 UTC)),
        date!(2026 - 03 - 28)
    );
}

#[test]
fn a_councils_own_timescales_apply() {
    // 3 to acknowledge, 7 to respond, cap 5: received Mon 23 Nov 2026.
    // Ack: 24, 25, 26. Respond: 27, 30 Nov, 1, 2, 3, 4, 7 Dec. Cap: 8, 9, 10, 11, 14 Dec.
    let policy = Policy {
        timescales: Timescales {
            stage1: StageTimescale {
                acknowledge: 3,
                respond: 7,
                extension_cap: 5,
                respond_from: RespondFrom::Acknowledgement,
            },
            ..Timescales::CODE
        },
        ..Policy::default()
    };
    let d = stage_deadlines(
        &Calendar::bundled(),
        &policy,
        Stage::One,
        date!(2026 - 11 - 23),
        None,
    );
    assert_eq!(
        (d.acknowledge_by, d.respond_by, d.latest_extended_respond_by),
        (
            date!(2026 - 11 - 26),
            date!(2026 - 12 - 07),
            date!(2026 - 12 - 14)
        )
    );
}

#[test]
fn extensions_past_the_cap_are_refused_with_the_latest_date() {
    let c = Calendar::bundled();
    let p = code(Division::EnglandAndWales);
    let original = date!(2026 - 12 - 14);
    // Within the cap (latest 30 Dec, see the first example).
    assert_eq!(
        check_extension(
            &c,
            &p,
            Stage::One,
            original,
            original,
            date!(2026 - 12 - 30)
        ),
        Ok(date!(2026 - 12 - 30))
    );
    let err = check_extension(
        &c,
        &p,
        Stage::One,
        original,
        original,
        date!(2026 - 12 - 31),
    )
    .unwrap_err();
    assert_eq!(
        err.problem,
        Problem::ExtensionTooLong {
            max_working_days: 10,
            latest: "2026-12-30".into()
        }
    );
    assert_eq!(
        err.text(feedback_shared::Language::En),
        "An extension can be at most 10 working days: the latest date is 2026-12-30"
    );
    // A second extension is measured from the original date, so two cannot exceed the cap.
    let after_first = date!(2026 - 12 - 21);
    assert!(
        check_extension(
            &c,
            &p,
            Stage::One,
            original,
            after_first,
            date!(2026 - 12 - 31)
        )
        .is_err()
    );
    // And a "new" date no later than the current one is not an extension.
    assert_eq!(
        check_extension(&c, &p, Stage::One, original, after_first, after_first)
            .unwrap_err()
            .problem,
        Problem::NotLater
    );
}

#[test]
fn deadline_status_counts_working_days_both_ways() {
    let c = Calendar::bundled();
    let ew = Division::EnglandAndWales;
    let deadline = date!(2026 - 11 - 27); // a Friday
    assert_eq!(
        deadline_status(&c, ew, deadline, date!(2026 - 11 - 24)),
        DeadlineStatus::Remaining { working_days: 3 }
    );
    assert_eq!(
        deadline_status(&c, ew, deadline, deadline),
        DeadlineStatus::DueToday
    );
    // The Saturday after is already overdue, reckoned as the next working day (Monday).
    assert_eq!(
        deadline_status(&c, ew, deadline, date!(2026 - 11 - 28)),
        DeadlineStatus::Overdue { working_days: 1 }
    );
    assert_eq!(
        deadline_status(&c, ew, deadline, date!(2026 - 11 - 30)),
        DeadlineStatus::Overdue { working_days: 1 }
    );
    assert_eq!(
        deadline_status(&c, ew, deadline, date!(2026 - 12 - 02)),
        DeadlineStatus::Overdue { working_days: 3 }
    );
    // Over Christmas: deadline Thu 24 Dec, today Tue 29 Dec: 29 is the first working day after.
    assert_eq!(
        deadline_status(&c, ew, date!(2026 - 12 - 24), date!(2026 - 12 - 29)),
        DeadlineStatus::Overdue { working_days: 1 }
    );
}

#[test]
fn the_spso_model_counts_responses_from_receipt() {
    // Scotland, received Mon 23 Nov 2026. Stage 1: respond within 5 working days of
    // receipt: 24, 25, 26, 27 Nov, (30 St Andrew's Day) 1 Dec, whenever acknowledged.
    let policy = Policy {
        division: Division::Scotland,
        timescales: Timescales::SPSO,
        ..Policy::default()
    };
    let c = Calendar::bundled();
    let d = stage_deadlines(
        &c,
        &policy,
        Stage::One,
        date!(2026 - 11 - 23),
        Some(date!(2026 - 11 - 24)),
    );
    assert_eq!(
        (d.acknowledge_by, d.respond_by),
        (date!(2026 - 12 - 01), date!(2026 - 12 - 01))
    );
    // Stage 2 escalated Tue 1 Dec: acknowledge 2, 3, 4 Dec; respond 20 working days from
    // 1 Dec: 2-4, 7-11, 14-18, 21-24, (25, 28) 29, 30, 31 Dec (3 + 5 + 5 + 4 + 3 = 20).
    let d = stage_deadlines(&c, &policy, Stage::Two, date!(2026 - 12 - 01), None);
    assert_eq!(
        (d.acknowledge_by, d.respond_by),
        (date!(2026 - 12 - 04), date!(2026 - 12 - 31))
    );
}
