//! Every parser of the domain crate fed whatever a hostile client could send (control
//! characters, huge numbers, non-ASCII, near-misses of the real formats), and every date
//! function fed any date `time` can hold (years -9999 to 9999). None may panic; a value a
//! parser accepts must read back as itself.

use feedback_shared::calendar::rules::{easter_sunday, holidays_by_rule};
use feedback_shared::calendar::{Calendar, Division};
use feedback_shared::case::{Action, Actor, Case, ResponseDetails, Rules};
use feedback_shared::contact::Representative;
use feedback_shared::contact::{Adjustment, Adjustments, Contact, ContactForm, ContactMethod};
use feedback_shared::deadlines::{check_extension, deadline_status, stage_deadlines};
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::input::{
    Address, Description, EmailAddress, LongText, PastDate, PersonName, Postcode, ShortText,
    UkPhone, parse_iso_date,
};
use feedback_shared::london::{from_london, london_date, offset_at, summer_time_bounds, to_london};
use feedback_shared::outcome::{Ombudsman, OmbudsmanDecision, Outcome};
use feedback_shared::policy::{EscalationWindow, Policy};
use feedback_shared::reminders::{DeadlineKind, Target, due_day};
use feedback_shared::report::Period;
use feedback_shared::submission::{AdjustmentsForm, FeedbackForm, OnBehalfForm};
use feedback_shared::wire::problem::ProblemType;
use feedback_shared::wire::{
    CaseCode, CouncilView, FeedbackSubmission, FieldProblem, FromJson, Problem, ReportQuery,
    StatusView, Submitted, ToJson, from_json,
};
use feedback_shared::{Channel, CouncilId, Field, Kind, Language, OfficerId, Reference, Stage};
use proptest::prelude::*;
use std::fmt::Debug;
use std::str::FromStr;
use std::sync::OnceLock;
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(Calendar::bundled)
}

/// Pieces of text that parsers trip on, put together in any order.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        // Any Unicode at all, control characters included.
        any::<String>(),
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]{1,4}",
        // Numbers far past any field's range, signed and not.
        "[+-]?[0-9]{1,40}",
        Just(u64::MAX.to_string()),
        Just(i64::MIN.to_string()),
        Just("18446744073709551616".to_owned()),
        Just("1e309".to_owned()),
        // Near misses of the real formats.
        prop::sample::select(vec![
            "DEMO-2026-000042",
            "demo-2026-0000042",
            "DEMO-9999-999999999999999999999",
            "DEMO--2026-1",
            "2026-02-29",
            "2024-02-29",
            "-9999-01-01",
            "+10000-01-01",
            "0000-00-00",
            "9999-12-31",
            "2026-11-24T00:30:00+01:00",
            "CF62 1AA",
            "SW1A1AA",
            "GIR 0AA",
            "07700 900982",
            "+44 7700 900982",
            "+44 (0)20 7946 0000",
            "00447700900982",
            "ann@example.com",
            "a@b",
            "@@",
            "ann@[127.0.0.1]",
            "rhian.evans+council@example.gov.uk",
            "cy-GB",
            "england-and-wales",
            "northern-ireland",
            "vale-of-glamorgan",
            "-",
            ".",
            " ",
            "\u{0}",
            "\u{202e}",
            "\u{fffd}",
            "ŵŷ",
            "🙂",
            "\r\n",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A string a hostile client might send.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..6).prop_map(|parts| parts.concat())
}

/// Any date `time` holds, with the ends of its range and the supported years drawn often.
fn any_date() -> impl Strategy<Value = Date> {
    let (min, max) = (Date::MIN.to_julian_day(), Date::MAX.to_julian_day());
    prop_oneof![
        min..=max,
        min..=min + 800,
        max - 800..=max,
        Date::from_calendar_date(1999, Month::January, 1)
            .unwrap()
            .to_julian_day()
            ..=Date::from_calendar_date(2101, Month::December, 31)
                .unwrap()
                .to_julian_day(),
    ]
    .prop_map(|day| Date::from_julian_day(day).unwrap())
}

fn any_year() -> impl Strategy<Value = i32> {
    prop_oneof![any::<i32>(), -9999..=9999, 1999..=2101]
}

/// Any instant `time` holds: any date, time of day and offset.
fn any_instant() -> impl Strategy<Value = OffsetDateTime> {
    (
        any_date(),
        0u32..86_400,
        -(25 * 3600 + 59 * 60 + 59)..=(25 * 3600 + 59 * 60 + 59),
    )
        .prop_map(|(date, second, offset)| {
            let time = Time::from_hms(
                (second / 3600) as u8,
                (second / 60 % 60) as u8,
                (second % 60) as u8,
            )
            .unwrap();
            PrimitiveDateTime::new(date, time)
                .assume_offset(UtcOffset::from_whole_seconds(offset).unwrap())
        })
}

fn any_division() -> impl Strategy<Value = Division> {
    prop::sample::select(Division::ALL.to_vec())
}

fn any_stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(vec![Stage::One, Stage::Two])
}

/// A policy with any figures, not only the ones `Policy::validate` lets a council choose.
fn any_policy() -> impl Strategy<Value = Policy> {
    (
        any_division(),
        any::<bool>(),
        0u32..400,
        any::<u32>(),
        prop::collection::vec(0u32..30, 0..4),
        any::<bool>(),
        any::<u8>(),
        any::<u8>(),
    )
        .prop_map(
            |(division, working, window, months, before, every_day, start, end)| {
                let mut policy = Policy::code_default(division);
                policy.escalation_window = if working {
                    EscalationWindow::WorkingDays(window)
                } else {
                    EscalationWindow::CalendarDays(window)
                };
                policy.time_limit_months = months;
                policy.reminders.before = before;
                policy.reminders.overdue_every_working_day = every_day;
                policy.reminders.window_start = start;
                policy.reminders.window_end = end;
                policy
            },
        )
}

/// A JSON value of any shape, with hostile strings and numbers in it.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        hostile().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Object keys: mostly the wire types' own member names, so values get past the first
/// check of a struct and reach the members' parsers.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "kind", "service", "what_happened", "when_happened", "put_right", "staff_name",
            "anonymous", "contact", "on_behalf", "adjustments", "language", "name", "email",
            "phone", "address", "postcode", "preferred", "represented_name", "relationship",
            "consent", "needs", "details", "website", "form_token", "reference",
            "status_token", "received_on", "acknowledge_by", "respond_by", "status", "stage",
            "responded_on", "can_escalate", "escalate_by", "type", "title", "detail", "errors",
            "field", "key", "message", "id", "name_cy", "languages", "services", "age",
        ])
        .prop_map(str::to_owned),
        1 => hostile(),
    ]
}

/// The codec's reading of `json`, and when it accepts it, the reading of what it then
/// writes: the same value.
fn codec_round_trip<T: FromJson + ToJson + PartialEq + Debug>(
    json: &serde_json::Value,
) -> Result<(), TestCaseError> {
    if let Some(value) = from_json::<T, _>(&json) {
        let text = value.to_text();
        let again: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("the codec wrote bad JSON {text}: {e}")))?;
        prop_assert_eq!(from_json::<T, _>(&&again), Some(value));
    }
    Ok(())
}

/// A one-line or many-line text parser: what it accepts, it accepts again unchanged.
fn text_parser_is_stable<T: Debug + PartialEq>(
    parse: impl Fn(&str) -> Result<T, feedback_shared::FieldError>,
    as_str: impl Fn(&T) -> String,
    raw: &str,
) -> Result<(), TestCaseError> {
    match parse(raw) {
        Ok(value) => {
            let shown = as_str(&value);
            let again = parse(&shown).ok();
            prop_assert_eq!(again.as_ref(), Some(&value), "{:?} became {:?}", raw, shown);
        }
        Err(e) => {
            // Every refusal has words in both languages.
            prop_assert!(!e.text(Language::En).is_empty() && !e.text(Language::Cy).is_empty());
        }
    }
    Ok(())
}

/// `YYYY-MM-DD` as the API writes it, for non-negative years.
fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn text_fields_accept_only_what_they_accept_again(raw in hostile()) {
        text_parser_is_stable(|s| PersonName::parse(Field::Name, s), |v| v.as_str().to_owned(), &raw)?;
        text_parser_is_stable(|s| ShortText::parse(Field::StaffName, s), |v| v.as_str().to_owned(), &raw)?;
        text_parser_is_stable(|s| Description::parse(Field::WhatHappened, s), |v| v.as_str().to_owned(), &raw)?;
        text_parser_is_stable(|s| LongText::parse(Field::Adjustments, s), |v| v.as_str().to_owned(), &raw)?;
        text_parser_is_stable(|s| Address::parse(Field::Address, s), |v| v.as_str().to_owned(), &raw)?;
        text_parser_is_stable(|s| EmailAddress::parse(Field::Email, s), |v| v.as_str().to_owned(), &raw)?;
        text_parser_is_stable(|s| Postcode::parse(Field::Postcode, s), |v| v.as_str().to_owned(), &raw)?;
        text_parser_is_stable(|s| UkPhone::parse(Field::Phone, s), |v| v.as_str().to_owned(), &raw)?;
        if let Ok(phone) = UkPhone::parse(Field::Phone, &raw) {
            prop_assert!(phone.e164().starts_with("+44"), "{}", phone.e164());
        }
    }

    #[test]
    fn serde_reads_text_fields_as_their_parsers_do(raw in hostile()) {
        let json = serde_json::Value::String(raw.clone());
        prop_assert_eq!(
            serde_json::from_value::<PersonName>(json.clone()).ok(),
            PersonName::parse(Field::Name, &raw).ok()
        );
        prop_assert_eq!(
            serde_json::from_value::<Postcode>(json.clone()).ok(),
            Postcode::parse(Field::Postcode, &raw).ok()
        );
        prop_assert_eq!(
            serde_json::from_value::<EmailAddress>(json).ok(),
            EmailAddress::parse(Field::Email, &raw).ok()
        );
    }

    #[test]
    fn references_and_ids_read_back_as_themselves(raw in hostile()) {
        if let Ok(reference) = Reference::from_str(&raw) {
            prop_assert_eq!(reference.to_string().parse::<Reference>(), Ok(reference.clone()));
            prop_assert_eq!(serde_json::from_value::<Reference>(reference.to_string().into()).ok(), Some(reference));
        }
        if let Ok(id) = CouncilId::parse(&raw) {
            prop_assert_eq!(CouncilId::parse(id.as_str()), Ok(id.clone()));
            let prefix = id.default_reference_prefix();
            prop_assert!(Reference::new(&prefix, 2026, 1).is_some(), "{} gives prefix {}", id.as_str(), prefix);
        }
        if let Ok(division) = Division::from_str(&raw) {
            prop_assert_eq!(Division::from_str(division.as_str()), Ok(division));
        }
        let language = Language::from_tag(&raw);
        prop_assert_eq!(Language::from_tag(language.tag()), language);
    }

    #[test]
    fn references_with_any_numbers_never_panic(prefix in "[A-Z0-9]{0,12}", year in any::<i64>(), sequence in any::<u64>(), padding in 0usize..30) {
        let raw = format!("{prefix}-{year}-{}{sequence}", "0".repeat(padding));
        if let Ok(reference) = raw.parse::<Reference>() {
            prop_assert_eq!(reference.to_string().parse::<Reference>(), Ok(reference));
        }
        if let Ok(year) = i32::try_from(year) && let Some(reference) = Reference::new(&prefix, year, sequence) {
            prop_assert_eq!(reference.to_string().parse::<Reference>(), Ok(reference));
        }
    }

    #[test]
    fn dates_as_typed_never_panic(day in hostile(), month in hostile(), year in hostile(), today in any_date()) {
        for (d, m, y) in [(&day, &month, &year), (&day, &"3".to_owned(), &year), (&"1".to_owned(), &"1".to_owned(), &year)] {
            if let Ok(date) = PastDate::parse_parts(Field::WhenHappened, d, m, y, today) {
                prop_assert!(date.date() <= today);
                prop_assert_eq!(PastDate::parse_iso(Field::WhenHappened, &iso(date.date()), today), Ok(date));
            }
        }
        let joined = format!("{year}-{month}-{day}");
        if let Ok(date) = PastDate::parse_iso(Field::WhenHappened, &joined, today) {
            prop_assert!(date.date() <= today);
        }
        if let Ok(date) = parse_iso_date(&joined) {
            if date.year() >= 0 {
                prop_assert_eq!(parse_iso_date(&iso(date)), Ok(date));
            }
        }
        if let Some(date) = feedback_shared::wire::json::parse_iso_date(&joined) {
            prop_assert_eq!(feedback_shared::wire::json::parse_iso_date(&iso(date)), Some(date));
        }
    }

    #[test]
    fn any_date_written_iso_reads_back(date in any_date(), today in any_date()) {
        if date.year() >= 0 {
            prop_assert_eq!(parse_iso_date(&iso(date)), Ok(date));
            prop_assert_eq!(feedback_shared::wire::json::parse_iso_date(&iso(date)), Some(date));
            let _ = PastDate::parse_iso(Field::WhenHappened, &iso(date), today);
        }
        let _ = PastDate::from_date(Field::WhenHappened, date, today);
    }

    #[test]
    fn forms_with_any_answers_parse_or_say_why(
        strings in prop::collection::vec(hostile(), 14),
        flags in any::<(bool, bool, bool)>(),
        kind in prop::option::of(prop::sample::select(vec![Kind::Complaint, Kind::Comment, Kind::Compliment, Kind::ServiceRequest])),
        preferred in prop::option::of(prop::sample::select(vec![ContactMethod::Email, ContactMethod::Phone, ContactMethod::Post])),
        needs in prop::collection::vec(prop::sample::select(vec![Adjustment::LargePrint, Adjustment::Other, Adjustment::Interpreter]), 0..4),
        today in any_date(),
    ) {
        let s = |i: usize| strings[i].clone();
        let contact = ContactForm {
            name: s(0), email: s(1), phone: s(2), address: s(3), postcode: s(4), preferred,
        };
        let _ = Contact::parse(&contact);
        let _ = Representative::parse(&s(5), &s(6), flags.0);
        if let Ok(adjustments) = Adjustments::parse(&needs, &s(7)) {
            prop_assert!(adjustments.needs.windows(2).all(|w| w[0] < w[1]));
        }
        let form = FeedbackForm {
            kind,
            service: s(8),
            what_happened: s(9),
            when_happened: s(10),
            put_right: s(11),
            staff_name: s(12),
            anonymous: flags.1,
            contact,
            on_behalf: flags.2.then(|| OnBehalfForm { represented_name: s(5), relationship: s(6), consent: flags.0 }),
            adjustments: AdjustmentsForm { needs, details: s(7) },
            language: Language::Cy,
        };
        let services = [s(13)];
        let services: Vec<&str> = services.iter().map(String::as_str).chain(["waste"]).collect();
        match form.parse(&services, today) {
            Ok(feedback) => {
                if let Some(date) = feedback.when_happened {
                    prop_assert!(date.date() <= today);
                }
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors.iter() {
                    prop_assert!(!e.text(Language::Cy).is_empty());
                }
            }
        }
    }

    #[test]
    fn equality_answers_of_any_shape_are_checked(answers in prop::collection::btree_map(hostile(), hostile(), 0..5)) {
        let _ = EqualityAnswers(answers).check();
    }

    #[test]
    fn the_codec_reads_any_json_without_panicking(json in any_json()) {
        codec_round_trip::<FeedbackSubmission>(&json)?;
        codec_round_trip::<FeedbackForm>(&json)?;
        codec_round_trip::<ContactForm>(&json)?;
        codec_round_trip::<CouncilView>(&json)?;
        codec_round_trip::<Submitted>(&json)?;
        codec_round_trip::<CaseCode>(&json)?;
        codec_round_trip::<StatusView>(&json)?;
        codec_round_trip::<Problem>(&json)?;
        codec_round_trip::<FieldProblem>(&json)?;
        codec_round_trip::<EqualityAnswers>(&json)?;
        codec_round_trip::<Reference>(&json)?;
        codec_round_trip::<Date>(&json)?;
        codec_round_trip::<Option<Stage>>(&json)?;
        codec_round_trip::<Vec<Language>>(&json)?;
        codec_round_trip::<u64>(&json)?;
        codec_round_trip::<i32>(&json)?;
        codec_round_trip::<u8>(&json)?;
        if let Some(problem) = from_json::<Problem, _>(&&json) {
            let _ = problem.is(ProblemType::Validation);
        }
        // serde reads the same bodies on the server.
        let _ = serde_json::from_value::<FeedbackSubmission>(json.clone());
        let _ = serde_json::from_value::<Action>(json.clone());
        let _ = serde_json::from_value::<feedback_shared::wire::LogCase>(json.clone());
        let _ = serde_json::from_value::<feedback_shared::wire::CaseListQuery>(json.clone());
        let _ = serde_json::from_value::<Policy>(json.clone());
        if let Ok(query) = serde_json::from_value::<ReportQuery>(json) {
            let _ = query.period(Date::MAX);
            let _ = query.period(Date::MIN);
        }
    }

    #[test]
    fn the_codec_reads_any_json_text(text in hostile()) {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
            codec_round_trip::<FeedbackSubmission>(&json)?;
            codec_round_trip::<Date>(&json)?;
        }
        let _ = Calendar::from_govuk_json(&text);
    }

    #[test]
    fn calendar_files_of_any_shape_are_read_or_refused(json in any_json(), dates in prop::collection::vec(any_date(), 0..4)) {
        let events: Vec<serde_json::Value> = dates
            .iter()
            .map(|d| serde_json::json!({"title": "Day", "date": d.to_string(), "notes": "", "bunting": true}))
            .collect();
        let file = serde_json::json!({
            "england-and-wales": {"division": "england-and-wales", "events": events},
            "scotland": {"division": "scotland", "events": json},
            "northern-ireland": {"division": "northern-ireland", "events": []},
        });
        if let Ok(calendar) = Calendar::from_govuk_json(&file.to_string()) {
            for date in dates {
                let _ = calendar.holidays(Division::EnglandAndWales, date.year());
                prop_assert!(!calendar.is_working_day(Division::EnglandAndWales, date));
            }
        }
    }

    #[test]
    fn report_periods_of_any_figures_are_refused_or_bounded(
        from in hostile(), to in hostile(), year in prop::option::of(any_year()), quarter in prop::option::of(any::<u8>()),
        a in any_date(), b in any_date(), today in any_date(), format in prop::option::of(hostile()),
    ) {
        let queries = [
            ReportQuery { from: Some(from), to: Some(to), year: None, quarter: None, format: format.clone() },
            ReportQuery { from: Some(a.to_string()), to: Some(b.to_string()), year: None, quarter: None, format: None },
            ReportQuery { from: None, to: None, year, quarter, format },
        ];
        for query in queries {
            if let Ok(period) = query.period(today) {
                prop_assert!(period.from <= period.to);
                prop_assert!(period.months().len() <= 5 * 12 + 2);
            }
        }
        for period in [Period::new(a, b), Period::financial_year_of(today)]
            .into_iter()
            .chain(year.map(Period::financial_year))
            .chain(year.zip(quarter).map(|(y, q)| Period::quarter(y, q)))
            .flatten()
        {
            prop_assert!(period.from <= period.to);
            prop_assert!(period.months().len() <= 5 * 12 + 2);
            let _ = period.contains(a);
        }
    }

    #[test]
    fn the_calendar_counts_from_any_date(division in any_division(), date in any_date(), n in 0u32..100, gap in -800i64..800) {
        let cal = calendar();
        let _ = cal.is_working_day(division, date);
        let _ = cal.holidays(division, date.year());
        let _ = cal.is_projected(division, date.year());
        let later = cal.add_working_days(division, date, n);
        prop_assert!(later >= date);
        let earlier = cal.sub_working_days(division, date, n);
        prop_assert!(earlier <= date);
        let _ = cal.next_working_day_on_or_after(division, date);
        if let Some(other) = date.checked_add(Duration::days(gap)) {
            let counted = cal.working_days_between(division, date, other);
            prop_assert_eq!(counted, -cal.working_days_between(division, other, date));
        }
    }

    #[test]
    fn holiday_rules_hold_for_any_year(division in any_division(), year in -9999i32..=9999, beyond in any::<i32>()) {
        if !(-9999..=9999).contains(&beyond) {
            prop_assert_eq!(easter_sunday(beyond), None);
            prop_assert!(holidays_by_rule(division, beyond).is_empty());
            prop_assert!(calendar().holidays(division, beyond).is_empty());
        }
        let easter = easter_sunday(year).expect("every year time holds has an Easter");
        prop_assert_eq!(easter.year(), year);
        prop_assert!(matches!(easter.month(), Month::March | Month::April), "{}", easter);
        prop_assert_eq!(easter.weekday(), time::Weekday::Sunday);
        for holiday in holidays_by_rule(division, year) {
            prop_assert_eq!(holiday.date.year(), year, "{:?}", holiday);
        }
        let (start, end) = summer_time_bounds(year);
        prop_assert!(start < end);
    }

    #[test]
    fn deadlines_from_any_date_never_panic(
        policy in any_policy(), stage in any_stage(), received in any_date(),
        acknowledged in prop::option::of(any_date()), proposed in any_date(), today_gap in -2000i64..2000,
    ) {
        let cal = calendar();
        let d = stage_deadlines(cal, &policy, stage, received, acknowledged);
        prop_assert!(d.acknowledge_by >= received);
        let _ = check_extension(cal, &policy, stage, d.respond_by, d.respond_by, proposed);
        if let Some(today) = d.respond_by.checked_add(Duration::days(today_gap)) {
            let _ = deadline_status(cal, policy.division, d.respond_by, today);
        }
        let _ = policy.within_time_limit(proposed, received);
        let _ = policy.validate();
    }

    #[test]
    fn london_time_is_total(instant in any_instant(), date in any_date(), second in 0u32..86_400) {
        let _ = offset_at(instant);
        let _ = to_london(instant);
        let _ = london_date(instant);
        let time = Time::from_hms((second / 3600) as u8, (second / 60 % 60) as u8, (second % 60) as u8).unwrap();
        let _ = from_london(PrimitiveDateTime::new(date, time));
    }

    #[test]
    fn reminders_for_any_deadline_never_panic(
        policy in any_policy(), due in any_date(), stage in any_stage(), after_gap in prop::option::of(-3000i64..3000),
        now_gap in -3000i64..3000, instant in any_instant(),
    ) {
        let cal = calendar();
        let target = Target { stage, deadline: DeadlineKind::Respond, due, action: None };
        let reminders = &policy.reminders;
        let _ = reminders.in_window(cal, policy.division, instant);
        // Reminders walk every working day from the deadline to `after` and `now`: instants
        // at most a few months from the deadline, as a real reminder run has.
        let noon = PrimitiveDateTime::new(due, Time::MIDNIGHT).assume_utc();
        let after = after_gap.and_then(|gap| noon.checked_add(Duration::hours(gap)));
        if let Some(point) = reminders.next_after(cal, policy.division, target, after) {
            let _ = due_day(&point);
        }
        if let Some(now) = noon.checked_add(Duration::hours(now_gap)) {
            let _ = reminders.latest_due(cal, policy.division, target, after, now);
        }
        for point in reminders.points(cal, policy.division, target).take(8) {
            let _ = due_day(&point);
        }
    }

    #[test]
    fn a_case_received_on_any_date_takes_any_action(
        policy in any_policy(),
        received_at in any_instant(),
        kind in prop::sample::select(vec![Kind::Complaint, Kind::ServiceRequest, Kind::Comment]),
        steps in prop::collection::vec((0u8..11, any_date(), any::<bool>(), -400i64..400), 1..8),
        reason in hostile(),
    ) {
        let cal = calendar();
        let rules = Rules { calendar: cal, policy: &policy };
        let (mut case, _) = Case::receive(
            rules,
            CouncilId::parse("demo").unwrap(),
            Reference::new("DEMO", 2026, 1).unwrap(),
            kind,
            Channel::Web,
            received_at,
            Actor::Resident,
        );
        let text = LongText::parse(Field::Note, &reason).unwrap_or_else(|_| LongText::parse(Field::Note, "why").unwrap());
        let officer = OfficerId("ann".into());
        for (which, date, by_resident, at_gap) in steps {
            let action = match which {
                0 => Action::Acknowledge { on: date },
                1 => Action::Respond { response: ResponseDetails {
                    responded_on: date, outcome: Outcome::Upheld, reasons: text.clone(),
                    remedies: vec![], learning: None, outstanding_actions: None, responder: None,
                } },
                2 => Action::Extend { to: date, reason: text.clone() },
                3 => Action::Escalate { requested_on: date, handler: None },
                4 => Action::PromoteToComplaint { on: date },
                5 => Action::ReferToOmbudsman { ombudsman: Ombudsman::Lgsco, on: date },
                6 => Action::RecordOmbudsmanDecision { decision: OmbudsmanDecision::NoFault, on: date },
                7 => Action::Close { on: Some(date) },
                8 => Action::Assign { officer: officer.clone() },
                9 => Action::Withdraw { reason: text.clone(), on: Some(date) },
                _ => Action::Note { text: text.clone() },
            };
            let actor = if by_resident { Actor::Resident } else { Actor::Officer(officer.clone()) };
            // Acted on near the action's own date, or far from it.
            let at = PrimitiveDateTime::new(date, Time::MIDNIGHT)
                .assume_utc()
                .checked_add(Duration::days(at_gap))
                .unwrap_or(received_at);
            let _ = case.apply(rules, actor, at, action);
            let _ = case.escalate_by(rules);
            let _ = case.current_deadline();
            let _ = case.next_deadline();
            let _ = case.received_on();
            if let Some((_, _, due)) = case.current_deadline() {
                let near = PrimitiveDateTime::new(due, Time::MIDNIGHT).assume_utc();
                let _ = case.reminder_due(rules, near);
            }
        }
    }
}
