//! `POST …/cases/{reference}/preview`: the messages an action would send, in the
//! resident's language, written by the same templates as the real ones, with nothing
//! changed; refused as the actions route refuses.

use crate::helpers::{TestApp, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::{Value, json};

const REASON: &str = "We are waiting for the crew's report.";

async fn preview(
    t: &TestApp,
    token: &str,
    reference: &str,
    action: Value,
) -> crate::helpers::Reply {
    let uri = format!("/v1/councils/demo/cases/{reference}/preview");
    t.call(Method::POST, &uri, Some(token), &[], Some(&action))
        .await
}

/// A complaint in `language`, assigned to Ann and acknowledged on Tue 24 Nov 2026.
async fn acknowledged(t: &TestApp, language: &str) -> String {
    let ann = t.token("demo", Role::Officer, "ann");
    let mut body = complaint();
    body["language"] = json!(language);
    let s = t.submit("demo", language, &body).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    for action in [
        json!({"action": "assign", "officer": "ann"}),
        json!({"action": "acknowledge", "on": "2026-11-24"}),
    ] {
        assert_eq!(t.act(&ann, &reference, action).await.status, StatusCode::OK);
    }
    reference
}

#[tokio::test]
async fn an_extension_notice_is_previewed_in_welsh_and_is_the_one_then_sent() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let reference = acknowledged(&t, "cy").await;
    let before = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    let queued = t.app.store.outbox_len().await.unwrap();
    let extend = json!({"action": "extend", "to": "2026-12-15", "reason": REASON});

    let p = preview(&t, &ann, &reference, extend.clone()).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let messages = p.body["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1, "{}", p.body);
    let letter = &messages[0];
    assert_eq!(letter["recipient"], "resident");
    assert_eq!(letter["language"], "cy");
    assert_eq!(letter["to"], json!(["rhian@example.com"]));
    let text = letter["text"].as_str().unwrap();
    assert!(text.contains("Mae angen mwy o amser arnom"), "{text}");
    assert!(text.contains(REASON), "{text}");
    assert!(text.contains("15 Rhagfyr 2026"), "{text}");
    assert!(text.contains("0300 061 0614"), "{text}");
    assert!(letter["html"].as_str().unwrap().contains("lang=\"cy\""));

    // Nothing changed and nothing was queued.
    let after = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    assert_eq!(after.body, before.body);
    assert_eq!(t.app.store.outbox_len().await.unwrap(), queued);

    // Taking the action sends exactly what was previewed.
    assert_eq!(t.act(&ann, &reference, extend).await.status, StatusCode::OK);
    let sent = t.queued_messages().await;
    let email = &sent
        .iter()
        .find(|m| m.email.subject == letter["subject"].as_str().unwrap())
        .expect("the previewed message was queued")
        .email;
    assert_eq!(email.text, text);
    assert_eq!(email.html, letter["html"].as_str().unwrap());
}

#[tokio::test]
async fn a_response_is_previewed_with_its_decision_reasons_remedies_and_actions() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let reference = acknowledged(&t, "en").await;
    let respond = json!({"action": "respond", "response": {
        "responded_on": "2026-11-24", "outcome": "partly_upheld",
        "reasons": "The crew missed your street twice.", "remedies": ["apology"],
        "learning": "INTERNAL: retrain the crew", "outstanding_actions": "We will fit a new bin by 4 December.",
        "responder": null
    }});
    let p = preview(&t, &ann, &reference, respond).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let text = p.body["messages"][0]["text"].as_str().unwrap();
    assert_eq!(p.body["messages"][0]["language"], "en");
    for words in [
        "The crew missed your street twice.",
        "We will fit a new bin by 4 December.",
        "partly upheld",
    ] {
        assert!(
            text.to_lowercase().contains(&words.to_lowercase()),
            "{words}: {text}"
        );
    }
    // Learning is internal: never in the resident's letter.
    assert!(!text.contains("INTERNAL"), "{text}");
}

#[tokio::test]
async fn an_assignment_preview_is_the_officers_notice_and_a_note_tells_nobody() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let reference = acknowledged(&t, "en").await;
    let p = preview(
        &t,
        &ann,
        &reference,
        json!({"action": "assign", "officer": "ben"}),
    )
    .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.body["messages"][0]["recipient"], "officer");
    assert_eq!(
        p.body["messages"][0]["to"],
        json!(["ben.morgan@demo.example"])
    );
    let note = preview(
        &t,
        &ann,
        &reference,
        json!({"action": "note", "text": "Rang her"}),
    )
    .await;
    assert_eq!(note.status, StatusCode::OK);
    assert_eq!(note.body["messages"], json!([]));
}

#[tokio::test]
async fn a_preview_is_refused_as_the_action_would_be() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let reference = acknowledged(&t, "en").await;
    // Beyond the cap on an extension: a field error, as for the action.
    let far = preview(
        &t,
        &ann,
        &reference,
        json!({"action": "extend", "to": "2027-06-01", "reason": REASON}),
    )
    .await;
    assert_eq!(far.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", far.body);
    assert_eq!(far.content_type(), "application/problem+json");
    // Not at this status.
    let esc = preview(&t, &ann, &reference, json!({"action": "close"})).await;
    assert_eq!(esc.status, StatusCode::CONFLICT, "{}", esc.body);
    // An empty reason: refused in the body, as the actions route refuses it.
    let empty = json!({"action": "extend", "to": "2026-12-15", "reason": " "});
    let p = preview(&t, &ann, &reference, empty.clone()).await;
    let a = t.act(&ann, &reference, empty).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.body);
    assert_eq!((p.status, p.content_type()), (a.status, a.content_type()));
    // Another council's officer, no token, no such case.
    let other = t.token("aberwen", Role::Officer, "ann");
    assert_eq!(
        preview(&t, &other, &reference, json!({"action": "close"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let anon = t
        .call(
            Method::POST,
            &format!("/v1/councils/demo/cases/{reference}/preview"),
            None,
            &[],
            Some(&json!({"action": "close"})),
        )
        .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        preview(&t, &ann, "DEMO-2026-999999", json!({"action": "close"}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
