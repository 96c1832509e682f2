//! A complaint not accepted into the procedure: the resident is written to, in their
//! language, with the officer's reason and the Ombudsman route; the letter is previewed
//! first, queued with the refusal in one write, and listed on the case's timeline.

use crate::helpers::{complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::json;

const REASON: &str =
    "A parking fine is appealed to the Traffic Penalty Tribunal, not through a complaint.";

#[tokio::test]
async fn a_refusal_sends_the_previewed_welsh_letter_with_the_reason_and_the_ombudsman() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let mut body = complaint();
    body["language"] = json!("cy");
    let s = t.submit("demo", "refused-cy", &body).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    let refuse = json!({"action": "not_accept", "reason": REASON, "on": "2026-11-24"});

    let p = t
        .call(
            Method::POST,
            &format!("/v1/councils/demo/cases/{reference}/preview"),
            Some(&ann),
            &[],
            Some(&refuse),
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let messages = p.body["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1, "{}", p.body);
    let letter = &messages[0];
    assert_eq!(letter["recipient"], "resident");
    assert_eq!(letter["language"], "cy");
    assert_eq!(letter["to"], json!(["rhian@example.com"]));
    let text = letter["text"].as_str().unwrap();
    for words in [
        "Ni allwn fwrw ymlaen â'ch cwyn",
        "o dan ein gweithdrefn gwynion",
        REASON,
        "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol",
        "0300 061 0614",
        &reference,
    ] {
        assert!(text.contains(words), "{words} in:\n{text}");
    }

    let r = t.act(&ann, &reference, refuse).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["case"]["status"], "not_accepted");

    // Queued with the refusal (the case's 2nd version), word for word the preview.
    let sent = t.queued_messages().await;
    let id = format!("demo-{reference}-v2-resident");
    let queued = sent
        .iter()
        .find(|m| m.email.id == id)
        .unwrap_or_else(|| panic!("{id} queued"));
    assert_eq!(queued.email.to, ["rhian@example.com"]);
    assert_eq!(queued.email.subject, letter["subject"].as_str().unwrap());
    assert_eq!(queued.email.text, text);

    // The case's timeline lists it.
    let detail = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    let listed: Vec<&str> = detail.body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(listed.contains(&id.as_str()), "{listed:?}");
}

#[tokio::test]
async fn a_resident_who_asked_for_phone_is_emailed_nothing_and_the_officer_is_given_the_letter_to_read_them()
 {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let mut body = complaint();
    body["contact"] = json!({"name": "Rhian Evans", "phone": "07700 900982", "preferred": "phone"});
    let s = t.submit("demo", "refused-phone", &body).await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    let queued = t.app.store.outbox_len().await.unwrap();
    let refuse = json!({"action": "not_accept", "reason": REASON});

    let p = t
        .call(
            Method::POST,
            &format!("/v1/councils/demo/cases/{reference}/preview"),
            Some(&ann),
            &[],
            Some(&refuse),
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    // The officer reads it to them or posts it: it is written, addressed to no one.
    assert_eq!(p.body["messages"][0]["recipient"], "resident", "{}", p.body);
    assert_eq!(p.body["messages"][0]["to"], json!([]), "{}", p.body);

    let r = t.act(&ann, &reference, refuse).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // No email to the resident: one task to the complaints inbox (nobody is assigned)
    // to phone them, carrying the letter.
    assert_eq!(t.app.store.outbox_len().await.unwrap(), queued + 1);
    let tasks: Vec<_> = t
        .queued_messages()
        .await
        .into_iter()
        .filter(|m| m.email.subject == format!("Phone the resident with this message: {reference}"))
        .collect();
    assert_eq!(
        tasks.len(),
        2,
        "the receipt's acknowledgement and the refusal"
    );
    assert!(
        tasks
            .iter()
            .all(|m| m.email.to == ["complaints@demo.example"])
    );
    assert!(
        tasks.iter().any(|m| m.email.text.contains(REASON)),
        "the refusal letter itself, to read them"
    );
}
