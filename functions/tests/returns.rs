//! The Welsh and Scottish returns from reports built by hand, every figure counted here:
//! the WCSA's quarterly data return and the SPSO's performance indicators.

use feedback_functions::report_render::returns::{SPSO_HEADER, WCSA_HEADER, spso, wcsa};
use feedback_shared::Calendar;
use feedback_shared::calendar::Division;
use feedback_shared::outcome::Outcome;
use feedback_shared::report::{OutcomeCount, Period, Report, StageFigures, compute};

/// An empty report for `period`, to fill in by hand.
fn empty(period: Period) -> Report {
    compute(
        "aberwen",
        "Aberwen County Council",
        &[],
        period,
        &Calendar::bundled(),
        Division::EnglandAndWales,
    )
}

fn outcome(stage: u8, service: &str, outcome: Outcome, count: u32) -> OutcomeCount {
    OutcomeCount {
        stage,
        service: service.into(),
        outcome,
        count,
    }
}

/// Quarter 3 of 2026: 12 complaints in (7 about waste, 5 about libraries); 10 stage 1
/// answers, 8 on time, 1 in an extension, 1 late, 4.5 working days on average; 2 stage 2
/// answers, both on time; 2 escalations; outcomes at stage 1 upheld 3, partly 2, not 5,
/// at stage 2 upheld 1, not 1; 1 withdrawn at stage 1; 1 referral to the Ombudsman.
fn quarter3() -> Report {
    let mut r = empty(Period::quarter(2026, 3).unwrap());
    r.volumes.stage1 = 12;
    r.volumes.stage2 = 2;
    r.volumes.by_service = [("libraries".to_owned(), 5), ("waste".to_owned(), 7)].into();
    r.stages = vec![
        StageFigures {
            stage: 1,
            responses: 10,
            within_timescale: 8,
            within_extension: 1,
            late: 1,
            percent_within_timescale: Some(80.0),
            mean_working_days_to_respond: Some(4.5),
            ..Default::default()
        },
        StageFigures {
            stage: 2,
            responses: 2,
            within_timescale: 2,
            percent_within_timescale: Some(100.0),
            mean_working_days_to_respond: Some(17.0),
            ..Default::default()
        },
    ];
    r.outcomes = vec![
        outcome(1, "waste", Outcome::Upheld, 2),
        outcome(1, "libraries", Outcome::Upheld, 1),
        outcome(1, "waste", Outcome::PartlyUpheld, 2),
        outcome(1, "waste", Outcome::NotUpheld, 5),
        outcome(1, "waste", Outcome::Withdrawn, 1),
        outcome(2, "waste", Outcome::Upheld, 1),
        outcome(2, "libraries", Outcome::NotUpheld, 1),
    ];
    r.ombudsman.referrals = 1;
    r
}

#[test]
fn the_wcsa_return_has_each_quarters_figures_and_rates_per_thousand() {
    // Quarter 4 had nothing: its rows are zeros, not missing.
    let q4 = empty(Period::quarter(2026, 4).unwrap());
    let csv = wcsa(&[quarter3(), q4], Some(24_000));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], WCSA_HEADER);
    let q3 = "aberwen,2026-Q3,2026-10-01,2026-12-31";
    for row in [
        format!("{q3},received,,12"),
        // 12 in a population of 24,000: 0.5 per 1,000.
        format!("{q3},received_per_1000,,0.50"),
        format!("{q3},closed_stage1,,10"),
        format!("{q3},closed_stage2,,2"),
        format!("{q3},within_timescale_stage1,,8"),
        format!("{q3},within_timescale_stage2,,2"),
        format!("{q3},escalated_stage2,,2"),
        // Both stages: upheld 3 + 1, partly 2, not 5 + 1.
        format!("{q3},upheld,,4"),
        format!("{q3},partly_upheld,,2"),
        format!("{q3},not_upheld,,6"),
        format!("{q3},withdrawn,,1"),
        format!("{q3},not_accepted,,0"),
        format!("{q3},referred_to_ombudsman,,1"),
        format!("{q3},received,libraries,5"),
        format!("{q3},received,waste,7"),
        "aberwen,2026-Q4,2027-01-01,2027-03-31,received,,0".to_owned(),
        "aberwen,2026-Q4,2027-01-01,2027-03-31,received_per_1000,,0.00".to_owned(),
    ] {
        assert!(lines.contains(&row.as_str()), "missing {row} in\n{csv}");
    }
    // 15 rows for quarter 3: 13 totals and 2 services.
    assert_eq!(lines.iter().filter(|l| l.starts_with(q3)).count(), 15);
    // Without a population there is no rate.
    assert!(!wcsa(&[quarter3()], None).contains("received_per_1000"));
}

#[test]
fn the_spso_indicators_come_from_the_same_figures() {
    let csv = spso(&quarter3(), Some(24_000));
    let p = "aberwen,2026-10-01,2026-12-31";
    let expected = [
        SPSO_HEADER.to_owned(),
        format!("{p},received,,12"),
        format!("{p},received_per_1000,,0.50"),
        format!("{p},closed,1,10"),
        // Of stage 1's 10 decided: 3 upheld, 2 partly, 5 not (the withdrawn one is not
        // a decision).
        format!("{p},upheld_percent,1,30"),
        format!("{p},partly_upheld_percent,1,20"),
        format!("{p},not_upheld_percent,1,50"),
        format!("{p},average_working_days,1,4.5"),
        format!("{p},within_timescale_percent,1,80"),
        format!("{p},extended,1,1"),
        format!("{p},closed,2,2"),
        format!("{p},upheld_percent,2,50"),
        format!("{p},partly_upheld_percent,2,0"),
        format!("{p},not_upheld_percent,2,50"),
        format!("{p},average_working_days,2,17"),
        format!("{p},within_timescale_percent,2,100"),
        format!("{p},extended,2,0"),
        String::new(),
    ];
    assert_eq!(csv, expected.join("\r\n"));
}
