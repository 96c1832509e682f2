//! A case's detail lists every message queued about it (to whom, the subject, when), and
//! keeps listing it once the message is sent.

use crate::helpers::{complaint, spawn_app};
use axum::http::StatusCode;
use feedback_functions::auth::Role;
use feedback_functions::clock::Clock;
use serde_json::json;
use time::Duration;

#[tokio::test]
async fn a_case_lists_the_messages_sent_to_the_resident_and_officers() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let s = t.submit("demo", "m", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    let assign = json!({"action": "assign", "officer": "ben"});
    assert_eq!(t.act(&ann, &reference, assign).await.status, StatusCode::OK);
    let ack = json!({"action": "acknowledge", "on": "2026-11-24"});
    assert_eq!(t.act(&ann, &reference, ack).await.status, StatusCode::OK);

    // Everything queued is sent, as the delivery job does.
    let now = t.clock.now() + Duration::minutes(1);
    for sent in t
        .app
        .store
        .claim_outbox(now, "test", Duration::minutes(5), 100)
        .await
        .unwrap()
    {
        t.app.store.complete_outbox(&sent, "test").await.unwrap();
    }

    let detail = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    let messages = detail.body["messages"].as_array().unwrap();
    let seen: Vec<(&str, &str)> = messages
        .iter()
        .map(|m| (m["to"][0].as_str().unwrap(), m["id"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "rhian@example.com",
                format!("demo-{reference}-v1-resident").as_str()
            ),
            (
                "ben.morgan@demo.example",
                format!("demo-{reference}-v2-assigned").as_str()
            ),
            (
                "rhian@example.com",
                format!("demo-{reference}-v3-resident").as_str()
            ),
        ]
    );
    assert!(
        messages[1]["subject"]
            .as_str()
            .unwrap()
            .contains("assigned"),
        "{}",
        messages[1]
    );
    // The body is never in the detail: only what the timeline shows.
    assert!(
        messages
            .iter()
            .all(|m| m.get("text").is_none() && m.get("html").is_none())
    );
}

#[tokio::test]
async fn the_stage_2_acknowledgement_is_the_stage_2_letter_with_its_dates() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let ben = t.token("demo", Role::Officer, "ben");
    let s = t.submit("demo", "s2", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    for action in [
        json!({"action": "acknowledge", "on": "2026-11-24"}),
        json!({"action": "respond", "response": {"responded_on": "2026-11-24",
            "outcome": "not_upheld", "reasons": "The crew came on the day."}}),
        json!({"action": "escalate", "requested_on": "2026-11-24"}),
    ] {
        let r = t.act(&ann, &reference, action).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let ack = json!({"action": "acknowledge", "on": "2026-11-24"});
    let r = t.act(&ben, &reference, ack).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let version = r.body["case"]["version"].as_u64().unwrap();

    let sent = t.queued_messages().await;
    let id = format!("demo-{reference}-v{version}-resident");
    let email = &sent
        .iter()
        .find(|m| m.email.id == id)
        .unwrap_or_else(|| panic!("{id} queued"))
        .email;
    assert!(email.subject.contains("stage 2"), "{}", email.subject);
    assert!(email.text.contains("Stage: Stage 2"), "{}", email.text);
    assert!(!email.text.contains("at stage 1 of our"), "{}", email.text);
}
