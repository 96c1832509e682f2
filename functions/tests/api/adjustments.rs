//! Reasonable adjustments (Code 5.6) through the actions route: recorded with who agreed
//! them and a review date, reviewed, refused field by field when a date is wrong or
//! missing, for the council's own officers only; and while letters are agreed, a change
//! that writes to the resident gives the officer the letter to post instead.

use crate::helpers::{TestApp, complaint, spawn_app};
use axum::http::StatusCode;
use feedback_functions::auth::Role;
use serde_json::{Value, json};

fn agree(review_by: &str) -> Value {
    json!({"action": "agree_adjustments", "terms": {
        "needs": ["large_print", "advocate"],
        "notes": "Letters in 16 point; her daughter speaks for her",
        "format": "large_print",
        "contact": "post",
        "review_by": review_by
    }})
}

async fn received(t: &TestApp, key: &str) -> String {
    let s = t.submit("demo", key, &complaint()).await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    s.body["reference"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn adjustments_are_recorded_then_letters_go_to_the_officer_to_post() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let reference = received(&t, "a1").await;
    let r = t
        .act(
            &ann,
            &reference,
            json!({"action": "assign", "officer": "ann"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t.act(&ann, &reference, agree("2027-05-24")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let agreed = &r.body["case"]["adjustments"];
    assert_eq!(agreed["needs"], json!(["large_print", "advocate"]));
    assert_eq!(agreed["agreed_by"], "ann");
    assert_eq!(agreed["agreed_on"], "2026-11-24");
    assert_eq!(agreed["review_by"], "2027-05-24");
    assert_eq!(agreed["contact"], "post");
    assert_eq!(r.body["case"]["next_reminder"]["deadline"], "acknowledge");

    // The acknowledgement is now a task for Ann to post in large print: no email to
    // the resident, and the case's messages say so.
    t.queued_messages().await; // leases what is queued so far: only new ones follow
    let r = t
        .act(
            &ann,
            &reference,
            json!({"action": "acknowledge", "on": "2026-11-24"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let new = t.queued_messages().await;
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].email.to, ["ann.jones@demo.example"]);
    assert_eq!(
        new[0].email.subject,
        format!("Send this letter by post: {reference}")
    );
    assert!(new[0].email.text.contains("large print"));
    let messages = r.body["messages"].as_array().unwrap();
    assert!(
        messages
            .iter()
            .any(|m| m["subject"] == format!("Send this letter by post: {reference}")),
        "{messages:?}"
    );

    let r = t
        .act(
            &ann,
            &reference,
            json!({"action": "review_adjustments", "decision": "ended", "note": "No longer needed"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let agreed = &r.body["case"]["adjustments"];
    assert_eq!(agreed["review_by"], Value::Null);
    assert_eq!(agreed["reviews"][0]["decision"], "ended");
    assert_eq!(agreed["reviews"][0]["by"], "ann");
}

#[tokio::test]
async fn wrong_or_missing_review_dates_are_field_errors() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let reference = received(&t, "a2").await;
    let r = t.act(&ann, &reference, agree("2026-11-23")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(r.body["errors"][0]["field"], "date");
    assert_eq!(r.body["errors"][0]["key"], "date.passed");

    let r = t
        .act(
            &ann,
            &reference,
            json!({"action": "review_adjustments", "decision": "kept", "note": "Fine"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "no adjustments yet: {}",
        r.body
    );
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("no adjustments")
    );

    let r = t.act(&ann, &reference, agree("2026-12-24")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = t
        .act(
            &ann,
            &reference,
            json!({"action": "review_adjustments", "decision": "kept", "note": "Fine"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.body["errors"][0]["field"], "date");
    assert_eq!(r.body["errors"][0]["key"], "date.required");

    let r = t
        .act(
            &ann,
            &reference,
            json!({"action": "agree_adjustments", "terms": {"needs": [], "contact": "pigeon", "review_by": "2027-01-01"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.content_type(), "application/problem+json");
}

#[tokio::test]
async fn another_councils_officer_cannot_record_adjustments() {
    let t = spawn_app();
    let reference = received(&t, "a3").await;
    let other = t.token("aberwen", Role::Manager, "carys");
    let r = t.act(&other, &reference, agree("2027-01-04")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = t
        .call(
            axum::http::Method::POST,
            &format!("/v1/councils/demo/cases/{reference}/actions"),
            None,
            &[],
            Some(&agree("2027-01-04")),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
}
