//! The wire types' two JSON paths agree: serde (the server and the console) and the
//! serde-free codec (the widget). Every type the codec covers is written by each path and
//! read by the other, and both must give the same JSON and the same value back.

use feedback_shared::case::Status;
use feedback_shared::contact::{Adjustment, ContactForm, ContactMethod};
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::submission::{AdjustmentsForm, FeedbackForm, OnBehalfForm};
use feedback_shared::wire::problem::ProblemType;
use feedback_shared::wire::*;
use feedback_shared::{Field, Kind, Language, Reference, Stage};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use time::macros::date;

/// The codec's reading of a value serde wrote (the codec reads `serde_json`'s values as
/// it reads the browser's).
fn read<T: FromJson>(value: &serde_json::Value) -> Option<T> {
    from_json(&value)
}

/// Both paths, both ways: the codec reads what serde wrote, serde reads what the codec
/// wrote, and the two write the same JSON (the same keys, the same values).
fn round_trip<T>(value: &T)
where
    T: Serialize + DeserializeOwned + ToJson + FromJson + PartialEq + Debug,
{
    let by_serde = serde_json::to_value(value).unwrap();
    assert_eq!(&read::<T>(&by_serde).unwrap(), value);
    let text = value.to_text();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed, by_serde, "the codec writes what serde writes");
    assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), value);
}

fn reference() -> Reference {
    "DEMO-2026-000042".parse().unwrap()
}

fn form() -> FeedbackForm {
    FeedbackForm {
        kind: Some(Kind::Complaint),
        service: "waste".into(),
        what_happened: "Missed \"three\" times\nin a row \\ \u{7} ü 🙂".into(),
        when_happened: "2026-11-20".into(),
        put_right: "Collect it".into(),
        staff_name: "Dai".into(),
        anonymous: true,
        contact: ContactForm {
            name: "Rhian Evans".into(),
            email: "rhian@example.com".into(),
            phone: "07700 900982".into(),
            address: "1 High Street".into(),
            postcode: "CF62 1AA".into(),
            preferred: Some(ContactMethod::Post),
        },
        on_behalf: Some(OnBehalfForm {
            represented_name: "Gwen".into(),
            relationship: "mother".into(),
            consent: true,
        }),
        adjustments: AdjustmentsForm {
            needs: vec![Adjustment::LargePrint, Adjustment::Other],
            details: "BSL".into(),
        },
        language: Language::Cy,
    }
}

#[test]
fn public_bodies_round_trip() {
    round_trip(&CouncilView {
        id: "demo".into(),
        name: "Demo".into(),
        name_cy: Some("Demo (cy)".into()),
        languages: vec![Language::En, Language::Cy],
        services: vec![ServiceView {
            id: "parking".into(),
            name: "Parking".into(),
            name_cy: Some("Parcio".into()),
            service_request_url: Some("https://x.example/report".into()),
            out_of_scope: vec![OutOfScopeView {
                matter: "A fine".into(),
                matter_cy: Some("Dirwy".into()),
                route: "Appeal".into(),
                route_cy: Some("Apêl".into()),
                url: Some("https://x.example/appeal".into()),
            }],
        }],
        stage1: StageTimescaleView {
            acknowledge_working_days: 5,
            respond_working_days: 10,
            extension_cap_working_days: 10,
        },
        stage2: StageTimescaleView {
            acknowledge_working_days: 5,
            respond_working_days: 20,
            extension_cap_working_days: 20,
        },
        brand_colour: Some("#1d70b8".into()),
        palette: feedback_shared::colour::palette(feedback_shared::colour::ColourSettings {
            background: Some("#003078"),
            ..Default::default()
        }),
        ombudsman: feedback_shared::wire::OmbudsmanView::of(
            feedback_shared::outcome::Ombudsman::Psow,
        ),
        privacy_notice_url: Some("https://x.example/privacy".into()),
        contact_page_url: Some("https://x.example/contact".into()),
        time_limit_months: 12,
        form_token: "1764000000.abc".into(),
        reference_prefix: "DEMO".into(),
    });
    round_trip(&Submitted {
        reference: reference(),
        status_token: "tok".into(),
        kind: Kind::Complaint,
        received_on: date!(2026 - 11 - 24),
        acknowledge_by: Some(date!(2026 - 12 - 01)),
        respond_by: Some(date!(2026 - 12 - 15)),
        emailed: true,
    });
    round_trip(&Submitted {
        reference: reference(),
        status_token: "tok".into(),
        kind: Kind::Compliment,
        received_on: date!(2026 - 11 - 24),
        acknowledge_by: None,
        respond_by: None,
        emailed: false,
    });
    round_trip(&CaseCode {
        reference: "DEMO-2026-000042".into(),
        status_token: "tok".into(),
    });
    round_trip(&StatusView {
        reference: reference(),
        kind: Kind::Complaint,
        status: Status::Responded,
        stage: Some(Stage::Two),
        received_on: date!(2026 - 11 - 24),
        acknowledge_by: Some(date!(2026 - 12 - 01)),
        respond_by: Some(date!(2026 - 12 - 15)),
        responded_on: Some(date!(2026 - 12 - 10)),
        can_escalate: true,
        escalate_by: Some(date!(2027 - 01 - 05)),
    });
    round_trip(&FeedbackSubmission {
        form: form(),
        website: "".into(),
        form_token: "1764000000.abc".into(),
    });
    round_trip(&form());
    round_trip(&FeedbackForm::default());
    let mut answers = EqualityAnswers::default();
    answers.0.insert("age".into(), "25_44".into());
    answers.0.insert("sex".into(), "prefer_not_to_say".into());
    round_trip(&answers);
}

#[test]
fn problems_round_trip_with_and_without_field_errors() {
    round_trip(&Problem {
        kind: ProblemType::Validation.url(),
        title: "Unprocessable Entity".into(),
        status: 422,
        detail: "some answers need changing".into(),
        errors: vec![FieldProblem {
            field: Field::WhatHappened,
            key: "required".into(),
            message: "Dywedwch wrthym beth ddigwyddodd".into(),
        }],
    });
    round_trip(&Problem {
        kind: ProblemType::NotFound.url(),
        title: "Not Found".into(),
        status: 404,
        detail: "not found".into(),
        errors: Vec::new(),
    });
}

/// Each choice's codec name is its serde name.
fn same_name<T: Serialize + ToJson + FromJson + PartialEq + Debug + Copy>(values: &[T]) {
    for value in values {
        round_trip_choice(*value);
    }
}

fn round_trip_choice<T: Serialize + ToJson + FromJson + PartialEq + Debug>(value: T) {
    let by_serde = serde_json::to_value(&value).unwrap();
    let by_codec: serde_json::Value = serde_json::from_str(&value.to_text()).unwrap();
    assert_eq!(by_codec, by_serde);
    assert_eq!(read::<T>(&by_serde).unwrap(), value);
}

#[test]
fn every_choice_has_its_serde_name() {
    same_name(&Kind::ALL);
    same_name(&Field::ALL);
    same_name(&[Stage::One, Stage::Two]);
    same_name(&[Language::En, Language::Cy]);
    same_name(&[
        ContactMethod::Email,
        ContactMethod::Phone,
        ContactMethod::Post,
    ]);
    same_name(&[
        Status::Received,
        Status::Acknowledged,
        Status::Responded,
        Status::Closed,
        Status::Withdrawn,
        Status::NotAccepted,
    ]);
    same_name(&[
        Adjustment::LargePrint,
        Adjustment::EasyRead,
        Adjustment::PhoneInsteadOfWriting,
        Adjustment::WritingInsteadOfPhone,
        Adjustment::Advocate,
        Adjustment::ExtraTime,
        Adjustment::SinglePointOfContact,
        Adjustment::Interpreter,
        Adjustment::Other,
    ]);
}

#[test]
fn a_choice_names_itself_as_serde_does() {
    for kind in Kind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.json_name());
        assert_eq!(Kind::from_json_name(kind.json_name()), Some(kind));
    }
    for method in [
        ContactMethod::Email,
        ContactMethod::Phone,
        ContactMethod::Post,
    ] {
        assert_eq!(serde_json::to_value(method).unwrap(), method.json_name());
        assert_eq!(
            ContactMethod::from_json_name(method.json_name()),
            Some(method)
        );
    }
    assert_eq!(Kind::from_json_name("praise"), None);
}

#[test]
fn the_codec_refuses_what_serde_refuses() {
    fn json<T: FromJson>(text: &str) -> Option<T> {
        read(&serde_json::from_str(text).unwrap())
    }
    assert!(json::<Submitted>(r#"{"status_token":"t"}"#).is_none());
    assert!(json::<Kind>(r#""praise""#).is_none());
    assert!(json::<Kind>("null").is_none());
    assert!(json::<Stage>("3").is_none());
    assert!(json::<Reference>(r#""not a reference""#).is_none());
    assert!(json::<StatusView>("[]").is_none());
    assert!(json::<CaseCode>("null").is_none());
    assert!(json::<Problem>(r#"{"title":"t","status":400,"detail":"d"}"#).is_none());
    // A member of the wrong type, deep inside, refuses the whole.
    let mut council = serde_json::to_value(CouncilView::default()).unwrap();
    council["services"] = serde_json::json!([{ "id": "x", "name": 1, "out_of_scope": [] }]);
    assert!(read::<CouncilView>(&council).is_none());
    council["services"] = serde_json::json!([{ "id": "x", "name": "X", "out_of_scope": [] }]);
    assert_eq!(read::<CouncilView>(&council).unwrap().services[0].name, "X");
    // A form's members may all be missing, as serde's `default` allows.
    assert_eq!(json::<FeedbackForm>("{}").unwrap(), FeedbackForm::default());
    assert!(json::<FeedbackForm>("[]").is_none());
}

proptest! {
    /// Whatever a resident types survives the codec's text exactly.
    #[test]
    fn any_text_survives(what in any::<String>(), name in any::<String>()) {
        let mut form = form();
        form.what_happened = what;
        form.contact.name = name;
        round_trip(&form);
    }
}
