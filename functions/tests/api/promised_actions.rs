//! Promised actions (Code 6.6) through the actions route: recorded after a response,
//! completed with a note, the resident told once when all are done (or the officer, when
//! there is no email), the case held open unless a manager closes it with a reason, and
//! bad input refused field by field.

use crate::helpers::{TestApp, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::{Value, json};

const DONE_EN: &str = "We have done what we promised";
const DONE_CY: &str = "Rydym wedi gwneud yr hyn a addawyd gennym";

/// A complaint from `body`, assigned to Ann, acknowledged and answered on Tue 24 Nov 2026.
async fn answered(t: &TestApp, key: &str, body: &Value) -> String {
    let ann = t.token("demo", Role::Officer, "ann");
    let s = t.submit("demo", key, body).await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    for action in [
        json!({"action": "assign", "officer": "ann"}),
        json!({"action": "acknowledge", "on": "2026-11-24"}),
        json!({"action": "respond", "response": {
            "responded_on": "2026-11-24", "outcome": "upheld",
            "reasons": "The crew missed your street.", "remedies": ["action"],
            "learning": null, "outstanding_actions": null, "responder": null
        }}),
    ] {
        let r = t.act(&ann, &reference, action).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    reference
}

fn promise(description: &str, due: &str) -> Value {
    json!({"action": "promise_action", "description": description, "owner": "ben", "due": due})
}

fn complete(id: u32) -> Value {
    json!({"action": "complete_action", "id": id, "note": "Done by the crew"})
}

async fn subjects_to(t: &TestApp, to: &str) -> Vec<String> {
    t.queued_messages()
        .await
        .into_iter()
        .filter(|m| m.email.to.iter().any(|a| a == to))
        .map(|m| m.email.subject)
        .collect()
}

#[tokio::test]
async fn the_resident_is_told_once_when_the_last_promised_action_is_done() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let mut body = complaint();
    body["language"] = json!("cy");
    let reference = answered(&t, "k1", &body).await;
    for (what, due) in [
        ("Collect the bin", "2026-11-27"),
        ("Fit a new lid", "2026-12-04"),
    ] {
        let r = t.act(&ann, &reference, promise(what, due)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    let promised = r.body["case"]["promised"].as_array().unwrap();
    assert_eq!(promised.len(), 2);
    assert_eq!(promised[1]["id"], 2);
    assert_eq!(promised[1]["owner"], "ben");
    assert_eq!(promised[1]["due"], "2026-12-04");

    // Open actions keep it from closing.
    let close = t.act(&ann, &reference, json!({"action": "close"})).await;
    assert_eq!(close.status, StatusCode::CONFLICT, "{}", close.body);
    assert!(
        close.body["detail"]
            .as_str()
            .unwrap()
            .contains("promised action(s) are still open"),
        "{}",
        close.body
    );

    let r = t.act(&ann, &reference, complete(1)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let to_resident = subjects_to(&t, "rhian@example.com").await;
    assert!(
        !to_resident.iter().any(|s| s.contains(DONE_CY)),
        "{to_resident:?}"
    );

    // The preview shows the letter the last completion sends, in Welsh.
    let uri = format!("/v1/councils/demo/cases/{reference}/preview");
    let p = t
        .call(Method::POST, &uri, Some(&ann), &[], Some(&complete(2)))
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let letter = &p.body["messages"][0];
    assert_eq!(letter["recipient"], "resident");
    assert_eq!(letter["language"], "cy");
    let text = letter["text"].as_str().unwrap();
    assert!(
        text.contains("Collect the bin") && text.contains("Fit a new lid"),
        "{text}"
    );
    assert!(text.contains("24 Tachwedd 2026"), "{text}");

    let r = t.act(&ann, &reference, complete(2)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let to_resident = subjects_to(&t, "rhian@example.com").await;
    assert_eq!(
        to_resident.iter().filter(|s| s.contains(DONE_CY)).count(),
        1,
        "{to_resident:?}"
    );
    assert!(to_resident.contains(&letter["subject"].as_str().unwrap().to_owned()));
    assert!(!to_resident.iter().any(|s| s.contains(DONE_EN)));

    let again = t.act(&ann, &reference, complete(2)).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(
        again.body["detail"]
            .as_str()
            .unwrap()
            .contains("already completed"),
        "{}",
        again.body
    );
    let close = t.act(&ann, &reference, json!({"action": "close"})).await;
    assert_eq!(close.status, StatusCode::OK, "{}", close.body);
}

#[tokio::test]
async fn without_an_email_address_the_officer_is_asked_to_tell_the_resident() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let mut body = complaint();
    body["contact"] = json!({"name": "Rhian Evans", "phone": "07700 900982", "preferred": "phone"});
    let reference = answered(&t, "k2", &body).await;
    let r = t
        .act(&ann, &reference, promise("Collect the bin", "2026-11-27"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t.act(&ann, &reference, complete(1)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let to_ann = subjects_to(&t, "ann.jones@demo.example").await;
    assert!(
        to_ann
            .iter()
            .any(|s| s == &format!("Phone the resident with this message: {reference}")),
        "{to_ann:?}"
    );
    assert!(
        !t.queued_messages()
            .await
            .iter()
            .any(|m| m.email.subject.contains(DONE_EN)),
        "no email to a resident who gave none"
    );
}

#[tokio::test]
async fn only_a_manager_closes_over_open_actions_and_says_why() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let max = t.token("demo", Role::Manager, "max");
    let reference = answered(&t, "k3", &complaint()).await;
    let r = t
        .act(&ann, &reference, promise("Change the round", "2026-12-18"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let close = json!({"action": "close_overriding_actions", "reason": "The round belongs to the contractor now"});

    let refused = t.act(&ann, &reference, close.clone()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(refused.content_type(), "application/problem+json");
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("complaints manager"),
        "{}",
        refused.body
    );

    let r = t.act(&max, &reference, close).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["summary"]["status"], "closed");
    let last = r.body["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "close_overriding_actions");
    assert_eq!(last["reason"], "The round belongs to the contractor now");
    assert_eq!(last["actor"], json!({"type": "officer", "id": "max"}));
    // The action is still open and can still be completed.
    assert_eq!(r.body["case"]["promised"][0]["completed"], Value::Null);
    let r = t.act(&ann, &reference, complete(1)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn bad_promises_and_completions_are_refused_with_reasons() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");

    // Before any response: nothing to promise in.
    let s = t.submit("demo", "k4", &complaint()).await;
    let fresh = s.body["reference"].as_str().unwrap().to_owned();
    let r = t
        .act(&ann, &fresh, promise("Collect the bin", "2026-11-27"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body["detail"].as_str().unwrap().contains("respond"));

    let reference = answered(&t, "k5", &complaint()).await;
    let past = t
        .act(&ann, &reference, promise("Collect the bin", "2026-11-20"))
        .await;
    assert_eq!(
        past.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        past.body
    );
    assert_eq!(past.error_fields(), ["date"]);

    // An empty description fails to parse, as every action's empty text does (the
    // console checks it with the same parser first and shows the field's error).
    let empty = t.act(&ann, &reference, promise("  ", "2026-11-27")).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{}", empty.body);
    assert_eq!(empty.content_type(), "application/problem+json");
    assert!(empty.body["detail"].as_str().unwrap().contains("required"));

    let unknown = t.act(&ann, &reference, complete(9)).await;
    assert_eq!(unknown.status, StatusCode::CONFLICT, "{}", unknown.body);
    assert!(
        unknown.body["detail"]
            .as_str()
            .unwrap()
            .contains("no promised action 9"),
        "{}",
        unknown.body
    );
}
