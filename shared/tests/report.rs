//! The report's figures against a fixture of cases whose every figure was worked out by
//! hand (the counts are in the comments). Financial year 2026: 1 April 2026 to 31 March
//! 2027, England and Wales, the Code's timescales.

use feedback_shared::case::{Action, Actor, Case, ResponseDetails, Rules};
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::input::LongText;
use feedback_shared::outcome::{Ombudsman, OmbudsmanDecision, Outcome, Remedy};
use feedback_shared::report::{OutcomeCount, Period, ReportCase, compute, equality, suppress};
use feedback_shared::{
    Calendar, Channel, CouncilId, Division, Field, Kind, Language, OfficerId, Policy, Reference,
};
use std::collections::BTreeMap;
use time::macros::{date, datetime, time};
use time::{Date, PrimitiveDateTime};

struct Fixture {
    calendar: Calendar,
    policy: Policy,
    cases: Vec<(Case, &'static str)>,
}

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

fn at(day: Date) -> time::OffsetDateTime {
    PrimitiveDateTime::new(day, time!(10:00)).assume_utc()
}

fn officer(id: &str) -> Actor {
    Actor::Officer(OfficerId(id.into()))
}

fn response(on: Date, outcome: Outcome, remedies: Vec<Remedy>, learning: Option<&str>) -> Action {
    Action::Respond {
        response: ResponseDetails {
            responded_on: on,
            outcome,
            reasons: text("Reasons."),
            remedies,
            learning: learning.map(text),
            outstanding_actions: None,
            responder: None,
        },
    }
}

impl Fixture {
    fn rules(&self) -> Rules<'_> {
        Rules {
            calendar: &self.calendar,
            policy: &self.policy,
        }
    }

    fn receive(
        &mut self,
        seq: u64,
        kind: Kind,
        channel: Channel,
        service: &'static str,
        on: Date,
    ) -> usize {
        let (case, _) = Case::receive(
            self.rules(),
            CouncilId::parse("demo").unwrap(),
            Reference::new("DEMO", on.year(), seq).unwrap(),
            kind,
            channel,
            at(on),
            Actor::Resident,
        );
        self.cases.push((case, service));
        self.cases.len() - 1
    }

    fn act(&mut self, i: usize, by: Actor, on: Date, action: Action) {
        let rules = Rules {
            calendar: &self.calendar,
            policy: &self.policy,
        };
        self.cases[i].0.apply(rules, by, at(on), action).unwrap();
    }
}

fn fixture() -> Fixture {
    let mut f = Fixture {
        calendar: Calendar::bundled(),
        policy: Policy::default(),
        cases: Vec::new(),
    };
    let ann = || officer("ann");

    // C1: web, waste, received Tue 5 May 2026, acknowledged 6 May (1 working day),
    // respond by 20 May, answered 15 May: upheld, within the timescale, 8 working days.
    let c1 = f.receive(
        1,
        Kind::Complaint,
        Channel::Web,
        "waste",
        date!(2026 - 05 - 05),
    );
    f.act(
        c1,
        ann(),
        date!(2026 - 05 - 06),
        Action::Acknowledge {
            on: date!(2026 - 05 - 06),
        },
    );
    let upheld = response(
        date!(2026 - 05 - 15),
        Outcome::Upheld,
        vec![Remedy::Apology, Remedy::Action],
        Some("Route sheets updated"),
    );
    f.act(c1, ann(), date!(2026 - 05 - 15), upheld);

    // C2: phone, parking, received Mon 1 June; acknowledged Fri 5 June (4); respond by 19
    // June, extended to 26 June, answered 24 June (17): not upheld, within the extension.
    // Escalated 30 June; stage 2 acknowledged 2 July (2), respond by 30 July, answered
    // 5 August (26): partly upheld, late. Ombudsman: referred 1 Sept, no fault 1 Dec.
    let c2 = f.receive(
        2,
        Kind::Complaint,
        Channel::Phone,
        "parking",
        date!(2026 - 06 - 01),
    );
    f.act(
        c2,
        ann(),
        date!(2026 - 06 - 05),
        Action::Acknowledge {
            on: date!(2026 - 06 - 05),
        },
    );
    f.act(
        c2,
        ann(),
        date!(2026 - 06 - 05),
        Action::Extend {
            to: date!(2026 - 06 - 26),
            reason: text("Site visit"),
        },
    );
    f.act(
        c2,
        ann(),
        date!(2026 - 06 - 24),
        response(date!(2026 - 06 - 24), Outcome::NotUpheld, vec![], None),
    );
    f.act(
        c2,
        Actor::Resident,
        date!(2026 - 06 - 30),
        Action::Escalate {
            requested_on: date!(2026 - 06 - 30),
            handler: None,
        },
    );
    f.act(
        c2,
        officer("ben"),
        date!(2026 - 07 - 02),
        Action::Acknowledge {
            on: date!(2026 - 07 - 02),
        },
    );
    let partly = response(
        date!(2026 - 08 - 05),
        Outcome::PartlyUpheld,
        vec![Remedy::FinancialRemedy],
        None,
    );
    f.act(c2, officer("ben"), date!(2026 - 08 - 05), partly);
    f.act(
        c2,
        officer("ben"),
        date!(2026 - 09 - 01),
        Action::ReferToOmbudsman {
            ombudsman: Ombudsman::Lgsco,
            on: date!(2026 - 09 - 01),
        },
    );
    let decision = Action::RecordOmbudsmanDecision {
        decision: OmbudsmanDecision::NoFault,
        on: date!(2026 - 12 - 01),
    };
    f.act(c2, officer("ben"), date!(2026 - 12 - 01), decision);

    // C3: letter, waste, received Thu 25 March 2027; acknowledged Tue 30 March (1: Good
    // Friday and Easter Monday between); answered 8 April 2027, in the next year.
    let c3 = f.receive(
        3,
        Kind::Complaint,
        Channel::Letter,
        "waste",
        date!(2027 - 03 - 25),
    );
    f.act(
        c3,
        ann(),
        date!(2027 - 03 - 30),
        Action::Acknowledge {
            on: date!(2027 - 03 - 30),
        },
    );
    f.act(
        c3,
        ann(),
        date!(2027 - 04 - 08),
        response(date!(2027 - 04 - 08), Outcome::Upheld, vec![], None),
    );

    // C4: through an MP, planning, received 30 March 2026 (the year before), acknowledged
    // 31 March, answered 2 April 2026 (3): upheld within the timescale; counts for
    // timeliness and outcomes in 2026, not for volumes.
    let c4 = f.receive(
        4,
        Kind::Complaint,
        Channel::MpOrCouncillor,
        "planning",
        date!(2026 - 03 - 30),
    );
    f.act(
        c4,
        ann(),
        date!(2026 - 03 - 31),
        Action::Acknowledge {
            on: date!(2026 - 03 - 31),
        },
    );
    f.act(
        c4,
        ann(),
        date!(2026 - 04 - 02),
        response(date!(2026 - 04 - 02), Outcome::Upheld, vec![], None),
    );

    // C5: withdrawn 5 October. C6, C7: not accepted in November, the same reason.
    let c5 = f.receive(
        5,
        Kind::Complaint,
        Channel::Web,
        "waste",
        date!(2026 - 10 - 01),
    );
    f.act(
        c5,
        ann(),
        date!(2026 - 10 - 05),
        Action::Withdraw {
            reason: text("Resolved informally"),
            on: None,
        },
    );
    let reason = "Council Tax banding: Valuation Office route";
    let c6 = f.receive(
        6,
        Kind::Complaint,
        Channel::Web,
        "council-tax",
        date!(2026 - 11 - 02),
    );
    f.act(
        c6,
        ann(),
        date!(2026 - 11 - 03),
        Action::NotAccept {
            reason: text(reason),
            on: None,
            ground: None,
        },
    );
    let c7 = f.receive(
        7,
        Kind::Complaint,
        Channel::Web,
        "council-tax",
        date!(2026 - 11 - 10),
    );
    f.act(
        c7,
        ann(),
        date!(2026 - 11 - 11),
        Action::NotAccept {
            reason: text(reason),
            on: None,
            ground: None,
        },
    );

    // C8 a compliment, C9 a comment by email.
    f.receive(
        8,
        Kind::Compliment,
        Channel::Web,
        "waste",
        date!(2026 - 12 - 01),
    );
    f.receive(
        9,
        Kind::Comment,
        Channel::Email,
        "other",
        date!(2027 - 01 - 15),
    );

    // C10: web, waste, received and acknowledged Wed 1 July (0), respond by 15 July,
    // answered 20 July (13): not upheld, late.
    let c10 = f.receive(
        10,
        Kind::Complaint,
        Channel::Web,
        "waste",
        date!(2026 - 07 - 01),
    );
    f.act(
        c10,
        ann(),
        date!(2026 - 07 - 01),
        Action::Acknowledge {
            on: date!(2026 - 07 - 01),
        },
    );
    f.act(
        c10,
        ann(),
        date!(2026 - 07 - 20),
        response(date!(2026 - 07 - 20), Outcome::NotUpheld, vec![], None),
    );

    // C11: web, waste, received Mon 1 Feb 2027, acknowledged 2 Feb (1), respond by 16 Feb,
    // answered 10 Feb (7): not upheld, within the timescale. Escalated 1 March; stage 2
    // acknowledged 2 March (1), respond by 1 April (Easter between), answered 20 April
    // 2027: late, in the next year.
    let c11 = f.receive(
        11,
        Kind::Complaint,
        Channel::Web,
        "waste",
        date!(2027 - 02 - 01),
    );
    f.act(
        c11,
        ann(),
        date!(2027 - 02 - 02),
        Action::Acknowledge {
            on: date!(2027 - 02 - 02),
        },
    );
    let not_upheld = response(date!(2027 - 02 - 10), Outcome::NotUpheld, vec![], None);
    f.act(c11, ann(), date!(2027 - 02 - 10), not_upheld);
    let escalate = Action::Escalate {
        requested_on: date!(2027 - 03 - 01),
        handler: None,
    };
    f.act(c11, Actor::Resident, date!(2027 - 03 - 01), escalate);
    f.act(
        c11,
        officer("ben"),
        date!(2027 - 03 - 02),
        Action::Acknowledge {
            on: date!(2027 - 03 - 02),
        },
    );
    let upheld = response(date!(2027 - 04 - 20), Outcome::Upheld, vec![], None);
    f.act(c11, officer("ben"), date!(2027 - 04 - 20), upheld);
    f
}

fn report(f: &Fixture, period: Period) -> feedback_shared::report::Report {
    let cases: Vec<ReportCase> = f
        .cases
        .iter()
        .map(|(case, service)| ReportCase {
            case,
            service,
            language: Language::En,
        })
        .collect();
    compute(
        "demo",
        "Demo Borough Council",
        &cases,
        period,
        &f.calendar,
        Division::EnglandAndWales,
    )
}

#[test]
fn volumes_count_what_was_received_in_the_year() {
    let r = report(&fixture(), Period::financial_year(2026).unwrap());
    let v = &r.volumes;
    assert_eq!(v.total, 10, "all but C4, received the year before");
    let kinds = BTreeMap::from([
        (Kind::Complaint, 8),
        (Kind::Comment, 1),
        (Kind::Compliment, 1),
    ]);
    assert_eq!(v.by_kind, kinds);
    let channels = BTreeMap::from([
        (Channel::Web, 7),
        (Channel::Phone, 1),
        (Channel::Email, 1),
        (Channel::Letter, 1),
    ]);
    assert_eq!(v.by_channel, channels);
    let services = BTreeMap::from([
        ("council-tax".into(), 2),
        ("other".into(), 1),
        ("parking".into(), 1),
        ("waste".into(), 6),
    ]);
    assert_eq!(v.by_service, services);
    let months: Vec<u32> = v.by_month.iter().map(|(_, n)| *n).collect();
    // Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar
    assert_eq!(months, [0, 1, 1, 1, 0, 0, 1, 2, 1, 1, 1, 1]);
    assert_eq!((v.stage1, v.stage2, v.mp_or_councillor), (8, 2, 0));
}

#[test]
fn timeliness_and_working_days_by_stage() {
    let r = report(&fixture(), Period::financial_year(2026).unwrap());
    let s1 = &r.stages[0];
    // Responses: C1, C2, C4, C10, C11.
    assert_eq!(
        (
            s1.responses,
            s1.within_timescale,
            s1.within_extension,
            s1.late
        ),
        (5, 3, 1, 1)
    );
    let percents = (
        s1.percent_within_timescale,
        s1.percent_within_extension,
        s1.percent_late,
    );
    assert_eq!(percents, (Some(60.0), Some(20.0), Some(20.0)));
    // Acknowledged in the year: C1 (1), C2 (4), C3 (1), C10 (0), C11 (1).
    assert_eq!(s1.acknowledged, 5);
    let acknowledge = (
        s1.mean_working_days_to_acknowledge,
        s1.median_working_days_to_acknowledge,
    );
    assert_eq!(acknowledge, (Some(1.4), Some(1.0)));
    // To respond: C1 8, C2 17, C4 3, C10 13, C11 7: mean 9.6, median 8.
    let respond = (
        s1.mean_working_days_to_respond,
        s1.median_working_days_to_respond,
    );
    assert_eq!(respond, (Some(9.6), Some(8.0)));
    // Stage 2: C2 answered late; C2 (2) and C11 (1) acknowledged; C11 answered next year.
    let s2 = &r.stages[1];
    assert_eq!(
        (
            s2.responses,
            s2.within_timescale,
            s2.within_extension,
            s2.late
        ),
        (1, 0, 0, 1)
    );
    assert_eq!(s2.acknowledged, 2);
    let acknowledge = (
        s2.mean_working_days_to_acknowledge,
        s2.median_working_days_to_acknowledge,
    );
    assert_eq!(acknowledge, (Some(1.5), Some(1.5)));
    assert_eq!(s2.mean_working_days_to_respond, Some(26.0));
}

#[test]
fn outcomes_remedies_escalation_ombudsman_and_refusals() {
    let r = report(&fixture(), Period::financial_year(2026).unwrap());
    let row = |stage, service: &str, outcome, count| OutcomeCount {
        stage,
        service: service.into(),
        outcome,
        count,
    };
    assert_eq!(
        r.outcomes,
        [
            row(1, "council-tax", Outcome::NotAccepted, 2),
            row(1, "parking", Outcome::NotUpheld, 1),
            row(1, "planning", Outcome::Upheld, 1),
            row(1, "waste", Outcome::Upheld, 1),
            row(1, "waste", Outcome::NotUpheld, 2),
            row(1, "waste", Outcome::Withdrawn, 1),
            row(2, "parking", Outcome::PartlyUpheld, 1),
        ]
    );
    assert_eq!(
        r.remedies,
        BTreeMap::from([
            (Remedy::Apology, 1),
            (Remedy::Action, 1),
            (Remedy::FinancialRemedy, 1)
        ])
    );
    assert_eq!(
        (
            r.escalation.stage1_responses,
            r.escalation.escalations,
            r.escalation.rate_percent
        ),
        (5, 2, Some(40.0))
    );
    assert_eq!(r.ombudsman.referrals, 1);
    assert_eq!(
        r.ombudsman.decisions,
        BTreeMap::from([(OmbudsmanDecision::NoFault, 1)])
    );
    assert_eq!(r.not_accepted.len(), 1);
    assert_eq!(
        (r.not_accepted[0].reason.as_str(), r.not_accepted[0].count),
        ("Council Tax banding: Valuation Office route", 2)
    );
    assert_eq!(r.learning.len(), 1);
    assert_eq!(
        (
            r.learning[0].reference.as_str(),
            r.learning[0].learning.as_str()
        ),
        ("DEMO-2026-000001", "Route sheets updated")
    );
}

#[test]
fn a_stage_that_ends_in_the_next_year_counts_there() {
    let next = report(&fixture(), Period::financial_year(2027).unwrap());
    // C3's stage 1 response (8 April 2027) and C11's stage 2 response (20 April; due
    // 1 April, so late) fall in 2027-28; nothing is received.
    assert_eq!(next.volumes.total, 0);
    assert_eq!(
        (next.stages[0].responses, next.stages[0].within_timescale),
        (1, 1)
    );
    assert_eq!(
        next.stages[0].acknowledged, 0,
        "acknowledged in March, the year before"
    );
    assert_eq!((next.stages[1].responses, next.stages[1].late), (1, 1));
    assert_eq!(next.volumes.stage2, 0, "escalated the year before");
    let row = |stage, service: &str, outcome, count| OutcomeCount {
        stage,
        service: service.into(),
        outcome,
        count,
    };
    assert_eq!(
        next.outcomes,
        [
            row(1, "waste", Outcome::Upheld, 1),
            row(2, "waste", Outcome::Upheld, 1)
        ]
    );
}

#[test]
fn a_quarter_sees_only_its_own_figures() {
    // Q2 2026-27 is July to September: C10 received and answered, C2's stage 2 answered,
    // the Ombudsman referral.
    let q2 = report(&fixture(), Period::quarter(2026, 2).unwrap());
    assert_eq!(q2.volumes.total, 1);
    assert_eq!((q2.stages[0].responses, q2.stages[0].late), (1, 1));
    assert_eq!((q2.stages[1].responses, q2.stages[1].late), (1, 1));
    assert_eq!(q2.ombudsman.referrals, 1);
    assert!(q2.ombudsman.decisions.is_empty());
    assert_eq!(
        q2.escalation.rate_percent,
        Some(0.0),
        "the escalation was requested in June"
    );
}

#[test]
fn small_numbers_are_suppressed() {
    assert_eq!(suppress(0), Some(0));
    assert_eq!(suppress(4), None);
    assert_eq!(suppress(5), Some(5));
}

#[test]
fn an_empty_period_has_no_rates_rather_than_zero_division() {
    let r = report(
        &fixture(),
        Period::new(
            datetime!(2030-01-01 0:00 UTC).date(),
            datetime!(2030-01-31 0:00 UTC).date(),
        )
        .unwrap(),
    );
    assert_eq!(r.stages[0].percent_within_timescale, None);
    assert_eq!(r.escalation.rate_percent, None);
    assert_eq!(r.stages[0].mean_working_days_to_respond, None);
}

#[test]
fn the_equality_rate_is_taken_of_the_feedback_received_in_the_same_calendar_years() {
    let f = fixture();
    let fy = Period::financial_year(2026).unwrap();
    let answers =
        vec![EqualityAnswers(BTreeMap::from([("age".to_owned(), "45_64".to_owned())])); 10];
    // The report counts the feedback received in the calendar years its period touches;
    // the answers are read apart and passed in with that count.
    let e = equality::figures(fy, report(&f, fy).equality.received, &answers);
    // The financial year touches 2026 and 2027: every case of the fixture was received in
    // one of them, C4 (30 March 2026) too, although the period's volumes leave it out.
    assert_eq!(report(&f, fy).volumes.total, 10);
    assert_eq!(e.received, 11);
    assert_eq!(e.responses, Some(10));
    assert_eq!(e.response_rate_percent, Some(90.9));
    // July to September 2026 touches 2026 only: the 8 cases received that year.
    let quarter = Period::quarter(2026, 2).unwrap();
    let q2 = equality::figures(
        quarter,
        report(&f, quarter).equality.received,
        &answers[..4],
    );
    assert_eq!(q2.received, 8);
    assert_eq!((q2.responses, q2.response_rate_percent), (None, None));
    // The report alone counts no answers: they are read and passed in apart from the cases.
    assert_eq!(report(&f, fy).equality.responses, Some(0));
    assert_eq!(report(&f, fy).equality.received, 11);
}

#[test]
fn complaints_made_in_welsh_and_their_responses_are_counted_in_their_period() {
    let mut f = Fixture {
        calendar: Calendar::bundled(),
        policy: Policy::default(),
        cases: Vec::new(),
    };
    let answer = |f: &mut Fixture, i: usize, on: Date| {
        f.act(i, officer("ann"), on, Action::Acknowledge { on });
        f.act(
            i,
            officer("ann"),
            on,
            response(on, Outcome::Upheld, vec![Remedy::Apology], None),
        );
    };
    let (web, waste) = (Channel::Web, "waste");
    // In the year and answered in it: counted twice.
    let w1 = f.receive(1, Kind::Complaint, web, waste, date!(2026 - 05 - 05));
    answer(&mut f, w1, date!(2026 - 05 - 15));
    // Made at the year's end, answered after it: the complaint only.
    let w2 = f.receive(2, Kind::Complaint, web, waste, date!(2027 - 03 - 30));
    answer(&mut f, w2, date!(2027 - 04 - 09));
    // Made before the year, answered in it: the response only.
    let w3 = f.receive(3, Kind::Complaint, web, waste, date!(2026 - 03 - 20));
    answer(&mut f, w3, date!(2026 - 04 - 08));
    // A comment in Welsh is not a complaint; an English complaint is not Welsh.
    f.receive(4, Kind::Comment, web, waste, date!(2026 - 06 - 01));
    let e1 = f.receive(5, Kind::Complaint, web, waste, date!(2026 - 06 - 01));
    answer(&mut f, e1, date!(2026 - 06 - 05));

    let languages = [
        Language::Cy,
        Language::Cy,
        Language::Cy,
        Language::Cy,
        Language::En,
    ];
    let cases: Vec<ReportCase> = f
        .cases
        .iter()
        .zip(languages)
        .map(|((case, service), language)| ReportCase {
            case,
            service,
            language,
        })
        .collect();
    let r = compute(
        "demo",
        "Demo Borough Council",
        &cases,
        Period::financial_year(2026).unwrap(),
        &f.calendar,
        Division::EnglandAndWales,
    );
    assert_eq!(r.welsh.complaints, 2, "W1 and W2");
    assert_eq!(r.welsh.responses, 2, "W1 and W3");
}
