//! The calendar against GOV.UK's published bank holidays for 2024 to 2027.

use feedback_shared::calendar::{Calendar, CalendarError, Division, rules};
use time::Date;
use time::macros::date;

fn dates(calendar: &Calendar, division: Division, year: i32) -> Vec<Date> {
    calendar
        .holidays(division, year)
        .into_iter()
        .map(|h| h.date)
        .collect()
}

#[test]
fn england_and_wales_2026_and_2027_match_govuk() {
    let c = Calendar::bundled();
    assert_eq!(
        dates(&c, Division::EnglandAndWales, 2026),
        [
            date!(2026 - 01 - 01),
            date!(2026 - 04 - 03),
            date!(2026 - 04 - 06),
            date!(2026 - 05 - 04),
            date!(2026 - 05 - 25),
            date!(2026 - 08 - 31),
            date!(2026 - 12 - 25),
            date!(2026 - 12 - 28),
        ]
    );
    assert_eq!(
        dates(&c, Division::EnglandAndWales, 2027),
        [
            date!(2027 - 01 - 01),
            date!(2027 - 03 - 26),
            date!(2027 - 03 - 29),
            date!(2027 - 05 - 03),
            date!(2027 - 05 - 31),
            date!(2027 - 08 - 30),
            date!(2027 - 12 - 27),
            date!(2027 - 12 - 28),
        ]
    );
}

#[test]
fn england_and_wales_2024_and_2025_match_govuk() {
    let c = Calendar::bundled();
    assert_eq!(
        dates(&c, Division::EnglandAndWales, 2024),
        [
            date!(2024 - 01 - 01),
            date!(2024 - 03 - 29),
            date!(2024 - 04 - 01),
            date!(2024 - 05 - 06),
            date!(2024 - 05 - 27),
            date!(2024 - 08 - 26),
            date!(2024 - 12 - 25),
            date!(2024 - 12 - 26),
        ]
    );
    assert_eq!(
        dates(&c, Division::EnglandAndWales, 2025),
        [
            date!(2025 - 01 - 01),
            date!(2025 - 04 - 18),
            date!(2025 - 04 - 21),
            date!(2025 - 05 - 05),
            date!(2025 - 05 - 26),
            date!(2025 - 08 - 25),
            date!(2025 - 12 - 25),
            date!(2025 - 12 - 26),
        ]
    );
}

#[test]
fn scotland_2024_to_2027_match_govuk() {
    let c = Calendar::bundled();
    assert_eq!(
        dates(&c, Division::Scotland, 2024),
        [
            date!(2024 - 01 - 01),
            date!(2024 - 01 - 02),
            date!(2024 - 03 - 29),
            date!(2024 - 05 - 06),
            date!(2024 - 05 - 27),
            date!(2024 - 08 - 05),
            date!(2024 - 12 - 02),
            date!(2024 - 12 - 25),
            date!(2024 - 12 - 26),
        ]
    );
    assert_eq!(
        dates(&c, Division::Scotland, 2025),
        [
            date!(2025 - 01 - 01),
            date!(2025 - 01 - 02),
            date!(2025 - 04 - 18),
            date!(2025 - 05 - 05),
            date!(2025 - 05 - 26),
            date!(2025 - 08 - 04),
            date!(2025 - 12 - 01),
            date!(2025 - 12 - 25),
            date!(2025 - 12 - 26),
        ]
    );
    assert_eq!(
        dates(&c, Division::Scotland, 2026),
        [
            date!(2026 - 01 - 01),
            date!(2026 - 01 - 02),
            date!(2026 - 04 - 03),
            date!(2026 - 05 - 04),
            date!(2026 - 05 - 25),
            date!(2026 - 08 - 03),
            date!(2026 - 11 - 30),
            date!(2026 - 12 - 25),
            date!(2026 - 12 - 28),
        ]
    );
    assert_eq!(
        dates(&c, Division::Scotland, 2027),
        [
            date!(2027 - 01 - 01),
            date!(2027 - 01 - 04),
            date!(2027 - 03 - 26),
            date!(2027 - 05 - 03),
            date!(2027 - 05 - 31),
            date!(2027 - 08 - 02),
            date!(2027 - 11 - 30),
            date!(2027 - 12 - 27),
            date!(2027 - 12 - 28),
        ]
    );
}

#[test]
fn northern_ireland_adds_st_patrick_and_the_boyne_with_substitutes() {
    let c = Calendar::bundled();
    let ni = |y| dates(&c, Division::NorthernIreland, y);
    let ew = |y| dates(&c, Division::EnglandAndWales, y);
    for (year, patrick, boyne) in [
        (2024, date!(2024 - 03 - 18), date!(2024 - 07 - 12)),
        (2025, date!(2025 - 03 - 17), date!(2025 - 07 - 14)),
        (2026, date!(2026 - 03 - 17), date!(2026 - 07 - 13)),
        (2027, date!(2027 - 03 - 17), date!(2027 - 07 - 12)),
    ] {
        let mut expected = ew(year);
        expected.extend([patrick, boyne]);
        expected.sort();
        assert_eq!(ni(year), expected, "Northern Ireland {year}");
    }
}

#[test]
fn one_off_days_come_from_the_file_not_the_rules() {
    let c = Calendar::bundled();
    for division in Division::ALL {
        for day in [
            date!(2020 - 05 - 08),
            date!(2022 - 06 - 03),
            date!(2022 - 09 - 19),
            date!(2023 - 05 - 08),
        ] {
            assert!(c.is_bank_holiday(division, day), "{division} {day}");
        }
        // The rules would put 2020's early May holiday on Monday 4 May and 2022's spring
        // holiday on 30 May; both were moved.
        assert!(!c.is_bank_holiday(division, date!(2020 - 05 - 04)));
        assert!(!c.is_bank_holiday(division, date!(2022 - 05 - 30)));
    }
}

#[test]
fn the_rules_reproduce_every_published_year_without_one_offs() {
    let c = Calendar::bundled();
    for division in Division::ALL {
        for year in [2018, 2019, 2021, 2024, 2025, 2026, 2027] {
            let by_rule: Vec<Date> = rules::holidays_by_rule(division, year)
                .into_iter()
                .map(|h| h.date)
                .collect();
            assert_eq!(by_rule, dates(&c, division, year), "{division} {year}");
        }
    }
}

#[test]
fn years_after_the_file_are_projected_and_flagged() {
    let c = Calendar::bundled();
    assert_eq!(
        c.published_years(Division::EnglandAndWales),
        Some((2018, 2027))
    );
    assert!(!c.is_projected(Division::EnglandAndWales, 2027));
    assert!(c.is_projected(Division::EnglandAndWales, 2028));
    let y2028 = c.holidays(Division::EnglandAndWales, 2028);
    assert!(y2028.iter().all(|h| h.projected));
    let days: Vec<Date> = y2028.iter().map(|h| h.date).collect();
    // Easter 2028 is 16 April; Christmas falls on a Monday.
    assert_eq!(
        days,
        [
            date!(2028 - 01 - 03),
            date!(2028 - 04 - 14),
            date!(2028 - 04 - 17),
            date!(2028 - 05 - 01),
            date!(2028 - 05 - 29),
            date!(2028 - 08 - 28),
            date!(2028 - 12 - 25),
            date!(2028 - 12 - 26),
        ]
    );
    // 2030 is covered too: St Andrew's Day on a Saturday moves to Monday 2 December.
    assert!(c.is_bank_holiday(Division::Scotland, date!(2030 - 12 - 02)));
    assert!(
        c.holidays(Division::Scotland, 2030)
            .iter()
            .all(|h| h.projected)
    );
}

#[test]
fn a_newer_file_replaces_the_bundled_one_at_run_time() {
    let newer = r#"{
        "england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "New Year’s Day", "date": "2028-01-03", "notes": "Substitute day", "bunting": true},
            {"title": "A one-off", "date": "2028-06-02", "notes": "", "bunting": true}
        ]},
        "scotland": {"division": "scotland", "events": []},
        "northern-ireland": {"division": "northern-ireland", "events": []}
    }"#;
    let c = Calendar::from_govuk_json(newer).unwrap();
    assert!(!c.is_projected(Division::EnglandAndWales, 2028));
    assert!(c.is_bank_holiday(Division::EnglandAndWales, date!(2028 - 06 - 02)));
    // Published now, so the rule-computed Easter of 2028 is not assumed.
    assert!(!c.is_bank_holiday(Division::EnglandAndWales, date!(2028 - 04 - 14)));
    assert!(c.holidays(Division::EnglandAndWales, 2028)[0].substitute);
    // A division with no events is projected for every year.
    assert!(c.is_projected(Division::Scotland, 2026));
    assert!(c.is_bank_holiday(Division::Scotland, date!(2026 - 11 - 30)));
}

#[test]
fn a_bad_file_is_refused_with_a_clear_error() {
    assert!(matches!(
        Calendar::from_govuk_json("not json"),
        Err(CalendarError::Json(_))
    ));
    let missing = r#"{"england-and-wales": {"events": []}, "scotland": {"events": []}}"#;
    assert_eq!(
        Calendar::from_govuk_json(missing).unwrap_err(),
        CalendarError::MissingDivision(Division::NorthernIreland)
    );
    let bad_date = r#"{"england-and-wales": {"events": [{"title": "x", "date": "2026-02-30"}]},
        "scotland": {"events": []}, "northern-ireland": {"events": []}}"#;
    let err = Calendar::from_govuk_json(bad_date).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bank holidays file has a bad date `2026-02-30` in england-and-wales"
    );
}

#[test]
fn weekends_and_holidays_are_not_working_days() {
    let c = Calendar::bundled();
    assert!(c.is_working_day(Division::EnglandAndWales, date!(2026 - 11 - 30)));
    assert!(!c.is_working_day(Division::Scotland, date!(2026 - 11 - 30)));
    assert!(!c.is_working_day(Division::EnglandAndWales, date!(2026 - 11 - 28)));
    assert!(!c.is_working_day(Division::NorthernIreland, date!(2026 - 03 - 17)));
    assert!(c.is_working_day(Division::EnglandAndWales, date!(2026 - 03 - 17)));
}
