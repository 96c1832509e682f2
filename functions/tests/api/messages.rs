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
