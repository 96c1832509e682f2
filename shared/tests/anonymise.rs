//! `case::anonymise`: every personal field goes, the report's facts stay, and an
//! anonymised case is left alone. (Here rather than beside it: `report` reads `case`, so
//! `case`'s own tests may not read `report`.)

use feedback_shared::case::{
    Action, Actor, Anonymised, Case, CaseEvent, Extension, RefusalGround, ResponseDetails, Rules,
    TransitionError, anonymise, anonymise_event, retention_rule,
};
use feedback_shared::contact::{Adjustment, ContactForm};
use feedback_shared::input::LongText;
use feedback_shared::outcome::{Outcome, Remedy};
use feedback_shared::report::facts::{Fact, case_facts};
use feedback_shared::submission::{AdjustmentsForm, Feedback, FeedbackForm, OnBehalfForm};
use feedback_shared::{
    Calendar, Channel, CouncilId, Field, Kind, Language, OfficerId, Policy, Reference,
};
use std::sync::OnceLock;
use time::OffsetDateTime;
use time::macros::{date, datetime};

fn rules() -> Rules<'static> {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    static POLICY: OnceLock<Policy> = OnceLock::new();
    Rules {
        calendar: CALENDAR.get_or_init(Calendar::bundled),
        policy: POLICY.get_or_init(Policy::default),
    }
}

fn officer(name: &str) -> Actor {
    Actor::Officer(OfficerId(name.to_owned()))
}

/// A complaint received on Monday 23 November 2026 at 10:00.
fn complaint() -> Case {
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

/// Acknowledged on 24 Nov and answered at stage 1 by `ann` on 30 Nov.
fn responded_by_ann() -> Case {
    let mut case = complaint();
    let at = datetime!(2026-11-30 09:00 UTC);
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
        Action::Respond {
            response: ResponseDetails {
                responded_on: date!(2026 - 11 - 30),
                outcome: Outcome::PartlyUpheld,
                reasons: LongText::parse(Field::Note, "We missed your collection twice.").unwrap(),
                remedies: vec![Remedy::Apology, Remedy::Action],
                learning: Some(
                    LongText::parse(Field::Note, "Crews now photograph blocked access.").unwrap(),
                ),
                outstanding_actions: None,
                responder: None,
            },
        },
    )
    .unwrap();
    case
}

const AT: OffsetDateTime = datetime!(2033-01-02 03:00 UTC);

/// Feedback from a named resident acting for someone, with every personal field filled
/// with a word found nowhere else.
fn identified() -> Feedback {
    FeedbackForm {
        kind: Some(Kind::Complaint),
        service: "waste".into(),
        what_happened: "Zebulonwhat left the bins".into(),
        when_happened: "2026-11-01".into(),
        put_right: "Quixoteright wants them back".into(),
        staff_name: "Staffordian".into(),
        anonymous: false,
        contact: ContactForm {
            name: "Marmaduke Pemberton".into(),
            email: "marmaduke@example.com".into(),
            phone: "07700 900982".into(),
            address: "1 Fernhollow Lane".into(),
            postcode: "SW1A 1AA".into(),
            preferred: None,
        },
        on_behalf: Some(OnBehalfForm {
            represented_name: "Ottoline Pemberton".into(),
            relationship: "grandmotherly".into(),
            consent: true,
        }),
        adjustments: AdjustmentsForm {
            needs: vec![Adjustment::Other],
            details: "Hieroglyphics please".into(),
        },
        language: Language::Cy,
    }
    .parse(&["waste"], date!(2026 - 11 - 23))
    .unwrap()
}

const PERSONAL: [&str; 12] = [
    "Zebulonwhat",
    "Quixoteright",
    "Staffordian",
    "Marmaduke",
    "Pemberton",
    "marmaduke@example.com",
    "07700",
    "Fernhollow",
    "SW1A",
    "Ottoline",
    "grandmotherly",
    "Hieroglyphics",
];

/// Ann's stage 1 response, extended first and noted after, then closed.
fn worked_case() -> (Case, Vec<CaseEvent>) {
    let mut case = responded_by_ann();
    let mut events = Vec::new();
    for action in [
        Action::Note {
            text: LongText::parse(Field::Note, "Spoke to Marmaduke Pemberton").unwrap(),
        },
        Action::Close {
            on: Some(date!(2026 - 12 - 01)),
        },
    ] {
        events.push(
            case.apply(
                rules(),
                officer("ann"),
                datetime!(2026-12-01 10:00 UTC),
                action,
            )
            .unwrap(),
        );
    }
    // Reasons that name the resident, as officers' do.
    let response = case.stage1.as_mut().unwrap().response.as_mut().unwrap();
    response.reasons = LongText::parse(Field::Note, "Marmaduke was right").unwrap();
    response.outstanding_actions = Some(LongText::parse(Field::Note, "Call Ottoline").unwrap());
    case.stage1.as_mut().unwrap().extensions.push(Extension {
        on: date!(2026 - 11 - 25),
        to: date!(2026 - 12 - 02),
        reason: "Pemberton was away".into(),
    });
    (case, events)
}

fn text_of(case: &Case, details: &Feedback, events: &[CaseEvent]) -> String {
    format!(
        "{}{}{}",
        serde_json::to_string(case).unwrap(),
        serde_json::to_string(details).unwrap(),
        serde_json::to_string(events).unwrap()
    )
}

#[test]
fn anonymising_removes_every_personal_field_and_keeps_the_figures() {
    let (case, events) = worked_case();
    let details = identified();
    let before = text_of(&case, &details, &events);
    for word in PERSONAL {
        assert!(before.contains(word), "the test case holds {word}");
    }

    let rule = retention_rule(6);
    let (after, feedback, event) = anonymise(&case, &details, &rule, AT).unwrap();
    let events: Vec<_> = events.iter().map(anonymise_event).collect();
    let text = text_of(&after, &feedback, &events);
    for word in PERSONAL {
        assert!(!text.contains(word), "{word} is still there: {text}");
    }

    assert_eq!(
        case_facts(&after, "waste", Language::En),
        case_facts(&case, "waste", Language::En)
    );
    assert_eq!(
        (
            after.reference.clone(),
            after.kind,
            after.channel,
            after.status
        ),
        (case.reference.clone(), case.kind, case.channel, case.status)
    );
    assert_eq!(
        (feedback.service.as_str(), feedback.language),
        ("waste", Language::Cy)
    );
    assert_eq!(after.version, case.version + 1);
    assert_eq!(
        event,
        CaseEvent {
            at: AT,
            actor: Actor::System,
            action: Action::Anonymise {
                rule: "retention: 6 years after closure".into()
            },
            version: case.version + 1,
        }
    );
    assert_eq!(
        after.anonymised,
        Some(Anonymised {
            at: AT,
            rule: rule.clone()
        })
    );
}

#[test]
fn an_anonymised_case_is_left_alone() {
    let (case, events) = worked_case();
    let (after, feedback, _) = anonymise(&case, &identified(), "retention", AT).unwrap();
    assert_eq!(anonymise(&after, &feedback, "retention", AT), None);
    let once: Vec<_> = events.iter().map(anonymise_event).collect();
    let twice: Vec<_> = once.iter().map(anonymise_event).collect();
    assert_eq!(once, twice);
}

#[test]
fn a_refusals_reason_stays_for_the_report_and_a_withdrawals_goes() {
    let mut refused = complaint();
    let reason = LongText::parse(Field::Note, "A statutory appeal: parking").unwrap();
    let event = refused
        .apply(
            rules(),
            officer("ann"),
            datetime!(2026-11-24 10:00 UTC),
            Action::NotAccept {
                reason: reason.clone(),
                on: None,
                ground: None,
            },
        )
        .unwrap();
    let (after, _, _) = anonymise(&refused, &identified(), "r", AT).unwrap();
    assert_eq!(after.closure_reason.as_deref(), Some(reason.as_str()));
    assert_eq!(anonymise_event(&event), event);
    assert_eq!(
        case_facts(&after, "waste", Language::En),
        case_facts(&refused, "waste", Language::En)
    );

    // With a ground, the ground is the figure and the officer's words go.
    let mut grounded = complaint();
    let event = grounded
        .apply(
            rules(),
            officer("ann"),
            datetime!(2026-11-24 10:00 UTC),
            Action::NotAccept {
                reason: LongText::parse(Field::Note, "Mrs Quennell's PCN appeal").unwrap(),
                on: None,
                ground: Some(RefusalGround::StatutoryAppeal),
            },
        )
        .unwrap();
    let (after, _, _) = anonymise(&grounded, &identified(), "r", AT).unwrap();
    assert_eq!(after.closure_reason, None);
    assert_eq!(after.refusal_ground, Some(RefusalGround::StatutoryAppeal));
    assert!(
        !serde_json::to_string(&anonymise_event(&event))
            .unwrap()
            .contains("Quennell")
    );
    assert_eq!(
        case_facts(&after, "waste", Language::En),
        case_facts(&grounded, "waste", Language::En)
    );
    // The report summarises the ground, never the officer's words.
    let refusals: Vec<_> = case_facts(&grounded, "waste", Language::En)
        .counted
        .into_iter()
        .filter_map(|(_, fact)| match fact {
            Fact::NotAccepted(reason) => Some(reason),
            _ => None,
        })
        .collect();
    assert_eq!(refusals, ["A right of appeal or review applies"]);

    let mut withdrawn = complaint();
    let event = withdrawn
        .apply(
            rules(),
            officer("ann"),
            datetime!(2026-11-24 10:00 UTC),
            Action::Withdraw {
                reason: LongText::parse(Field::Note, "Marmaduke moved away").unwrap(),
                on: None,
            },
        )
        .unwrap();
    let (after, _, _) = anonymise(&withdrawn, &identified(), "r", AT).unwrap();
    assert_eq!(after.closure_reason, None);
    assert!(
        !serde_json::to_string(&anonymise_event(&event))
            .unwrap()
            .contains("Marmaduke")
    );
    assert_eq!(
        case_facts(&after, "waste", Language::En),
        case_facts(&withdrawn, "waste", Language::En)
    );
}

#[test]
fn no_one_can_apply_an_anonymisation() {
    let mut case = complaint();
    for actor in [officer("ann"), Actor::System] {
        let refused = case.apply(rules(), actor, AT, Action::Anonymise { rule: "r".into() });
        assert!(matches!(refused, Err(TransitionError::SystemOnly { .. })));
    }
}
