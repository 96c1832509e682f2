//! Rectification and redaction through the API: an officer corrects a resident's contact
//! details or redacts a span of their words with a reason; the old value is not in the
//! case, its timeline, its messages or the queue's search any more, and messages not yet
//! sent go to the new address; bad details, spans not in the field, stale versions and
//! other councils are refused as problems.

use crate::helpers::{TestApp, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::{Value, json};

async fn submitted(t: &TestApp, body: &Value) -> String {
    let r = t.submit("demo", "r-1", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["reference"].as_str().unwrap().to_owned()
}

async fn detail(t: &TestApp, token: &str, reference: &str) -> Value {
    let r = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(token))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

async fn post(
    t: &TestApp,
    token: &str,
    reference: &str,
    what: &str,
    body: Value,
) -> crate::helpers::Reply {
    t.call(
        Method::POST,
        &format!("/v1/councils/demo/cases/{reference}/{what}"),
        Some(token),
        &[],
        Some(&body),
    )
    .await
}

async fn found(t: &TestApp, token: &str, q: &str) -> usize {
    let r = t
        .get(&format!("/v1/councils/demo/cases?q={q}"), Some(token))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["cases"].as_array().unwrap().len()
}

fn from_ann(words: &str) -> Value {
    let mut body = complaint();
    body["contact"] = json!({"name": "Ann Smith", "email": "ann.smith@example.com"});
    body["what_happened"] = json!(words);
    body
}

#[tokio::test]
async fn an_officer_corrects_contact_details_and_the_old_ones_are_never_shown_again() {
    let t = spawn_app();
    let reference = submitted(&t, &from_ann("My bin was missed.")).await;
    let ann = t.token("demo", Role::Officer, "ann-officer");
    let before = detail(&t, &ann, &reference).await;
    assert_eq!(found(&t, &ann, "ann.smith%40example.com").await, 1);

    let r = post(
        &t,
        &ann,
        &reference,
        "rectification",
        json!({
            "contact": {"name": "Ann Jones", "email": "ann.jones@example.org"},
            "reason": "Resident rang: married name, new email address",
            "version": before["case"]["version"],
        }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["contact_fields"], json!(["name", "email"]));
    assert_eq!(r.body["text_fields"], json!([]));

    let after = detail(&t, &ann, &reference).await;
    let text = after.to_string();
    for old in ["ann.smith@example.com", "Ann Smith"] {
        assert!(!text.contains(old), "{old} is still shown: {text}");
    }
    let contact = &after["details"]["submitter"]["contact"];
    assert_eq!(contact["email"], "ann.jones@example.org");
    assert_eq!(contact["name"], "Ann Jones");
    let last = after["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "correct_contact_details");
    assert_eq!(
        last["reason"],
        "Resident rang: married name, new email address"
    );
    assert_eq!(last["fields"], json!(["name", "email"]));
    assert_eq!(
        last["actor"],
        json!({"type": "officer", "id": "ann-officer"})
    );
    // The acknowledgement is still queued: it goes to the new address, greeting the new name.
    let queued = t.queued_messages().await;
    let to_resident: Vec<_> = queued
        .iter()
        .filter(|m| m.email.to.iter().any(|to| to.contains("ann.jones")))
        .collect();
    assert!(!to_resident.is_empty(), "{queued:?}");
    for message in &queued {
        let all = format!("{message:?}");
        assert!(!all.contains("ann.smith@example.com") && !all.contains("Ann Smith"));
    }
    assert_eq!(found(&t, &ann, "ann.smith%40example.com").await, 0);
    assert_eq!(found(&t, &ann, "ann.jones%40example.org").await, 1);
}

#[tokio::test]
async fn a_rectification_refuses_bad_details_stale_versions_and_other_councils() {
    let t = spawn_app();
    let reference = submitted(&t, &from_ann("My bin was missed.")).await;
    let ann = t.token("demo", Role::Officer, "ann-officer");
    let version = detail(&t, &ann, &reference).await["case"]["version"].clone();
    let bad = post(
        &t,
        &ann,
        &reference,
        "rectification",
        json!({"contact": {"name": "", "email": "not-an-email"}, "reason": "", "version": version}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.content_type(), "application/problem+json");
    assert_eq!(bad.error_fields(), ["name", "email", "reason"]);

    let stale = post(
        &t,
        &ann,
        &reference,
        "rectification",
        json!({"contact": {"name": "Ann Jones", "email": "a@example.org"}, "reason": "Rang", "version": 99}),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert_eq!(stale.content_type(), "application/problem+json");

    let same = post(
        &t,
        &ann,
        &reference,
        "rectification",
        json!({"contact": {"name": "Ann Smith", "email": "ann.smith@example.com"}, "reason": "Rang", "version": version}),
    )
    .await;
    assert_eq!(same.status, StatusCode::BAD_REQUEST, "{}", same.body);

    let elsewhere = t.token("aberwen", Role::Manager, "mia-manager");
    let refused = post(
        &t,
        &elsewhere,
        &reference,
        "rectification",
        json!({"contact": {"name": "Ann Jones", "email": "a@example.org"}, "reason": "Rang", "version": version}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let nobody = t
        .call(
            Method::POST,
            &format!("/v1/councils/demo/cases/{reference}/rectification"),
            None,
            &[],
            Some(&json!({})),
        )
        .await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    // Nothing changed.
    let after = detail(&t, &ann, &reference).await;
    assert_eq!(after["case"]["version"], version);
    assert_eq!(
        after["details"]["submitter"]["contact"]["email"],
        "ann.smith@example.com"
    );
}

#[tokio::test]
async fn an_officer_redacts_a_span_and_it_is_gone_from_the_case_and_the_search() {
    let t = spawn_app();
    let words = "My neighbour Bob Hughes has cancer and my bin was missed.";
    let reference = submitted(&t, &from_ann(words)).await;
    let ann = t.token("demo", Role::Officer, "ann-officer");
    let version = detail(&t, &ann, &reference).await["case"]["version"].clone();
    assert_eq!(found(&t, &ann, "cancer").await, 1);

    let missing = post(
        &t,
        &ann,
        &reference,
        "redaction",
        json!({"field": "put_right", "span": "Bob Hughes", "reason": "Health", "version": version}),
    )
    .await;
    assert_eq!(
        missing.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        missing.body
    );
    assert_eq!(missing.error_fields(), ["span"]);
    assert_eq!(missing.body["errors"][0]["key"], "span.not_found");
    let fixed = post(
        &t,
        &ann,
        &reference,
        "redaction",
        json!({"field": "what_happened", "span": "a", "reason": "Health", "version": version}),
    )
    .await;
    assert_eq!(
        fixed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        fixed.body
    );
    assert_eq!(fixed.error_fields(), ["span"]);
    let elsewhere = t.token("aberwen", Role::Officer, "tom-officer");
    let refused = post(
        &t,
        &elsewhere,
        &reference,
        "redaction",
        json!({"field": "what_happened", "span": "Bob Hughes has cancer", "reason": "Health", "version": version}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let r = post(
        &t,
        &ann,
        &reference,
        "redaction",
        json!({"field": "what_happened", "span": "Bob Hughes has cancer", "reason": "A neighbour's health", "version": version}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["text_fields"], json!(["what_happened"]));
    let after = detail(&t, &ann, &reference).await;
    assert_eq!(
        after["details"]["what_happened"],
        "My neighbour [redacted] and my bin was missed."
    );
    let text = after.to_string();
    assert!(
        !text.contains("cancer") && !text.contains("Hughes"),
        "{text}"
    );
    let last = after["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "redact");
    assert_eq!(last["reason"], "A neighbour's health");
    assert_eq!(found(&t, &ann, "cancer").await, 0);
    assert_eq!(found(&t, &ann, "bin").await, 1);
}

#[tokio::test]
async fn a_represented_person_is_found_by_name_and_their_details_are_corrected_too() {
    let t = spawn_app();
    let mut body = from_ann("My mother's bin was missed.");
    body["on_behalf"] =
        json!({"represented_name": "Gwen Hughes", "relationship": "daughter", "consent": true});
    let reference = submitted(&t, &body).await;
    let manager = t.token("demo", Role::Manager, "mia-manager");
    let search = |name: &'static str| {
        let (t, manager) = (&t, manager.clone());
        async move {
            let r = t
                .call(
                    Method::POST,
                    "/v1/councils/demo/personal-data/search",
                    Some(&manager),
                    &[],
                    Some(&json!({"name": name})),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.body
        }
    };
    let found = search("gwen  HUGHES").await;
    assert_eq!(found[0]["reference"], reference.as_str());
    assert_eq!(found[0]["matched"], json!(["represented_name"]));

    let version = detail(&t, &manager, &reference).await["case"]["version"].clone();
    let r = post(
        &t,
        &manager,
        &reference,
        "rectification",
        json!({
            "contact": {"name": "Ann Smith", "email": "ann.smith@example.com"},
            "representative": {"represented_name": "Gwen Pugh", "relationship": "daughter"},
            "reason": "Her mother's name was misspelt",
            "version": version,
        }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["contact_fields"], json!(["represented_name"]));
    assert_eq!(search("Gwen Hughes").await, json!([]));
    assert_eq!(
        search("Gwen Pugh").await[0]["matched"],
        json!(["represented_name"])
    );
}

/// Whether any `.eml` file in `dir` holds `needle`.
fn in_folder(dir: &std::path::Path, needle: &str) -> bool {
    std::fs::read_dir(dir).into_iter().flatten().any(|entry| {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        String::from_utf8_lossy(&bytes).contains(needle)
    })
}

/// Sends what is queued into `folder`, as the local server's job does.
async fn deliver(t: &TestApp, folder: &feedback_functions::notify::adapters::eml::OutboxFolder) {
    use feedback_functions::clock::Clock;
    let now = t.clock.now();
    feedback_functions::jobs::delivery::run(t.app.store.as_ref(), folder, now, "test")
        .await
        .unwrap();
}

#[tokio::test]
async fn the_local_servers_outbox_folder_loses_its_copies_on_correction_and_on_erasure() {
    use feedback_functions::api::LocalCopies;
    use feedback_functions::notify::adapters::eml::OutboxFolder;
    let mut t = spawn_app();
    let dir = tempfile::tempdir().unwrap();
    let folder = OutboxFolder::new(dir.path());
    // As the local server layers it: the routes remove the folder's copies.
    t.router = t
        .router
        .clone()
        .layer(axum::Extension(LocalCopies(std::sync::Arc::new(
            folder.clone(),
        ))));
    let reference = submitted(&t, &from_ann("My bin was missed.")).await;
    deliver(&t, &folder).await;
    assert!(in_folder(dir.path(), "ann.smith@example.com"), "sent");
    let ann = t.token("demo", Role::Officer, "ann-officer");
    let version = detail(&t, &ann, &reference).await["case"]["version"].clone();
    let r = post(
        &t,
        &ann,
        &reference,
        "rectification",
        json!({"contact": {"name": "Ann Jones", "email": "ann.jones@example.org"}, "reason": "Rang", "version": version}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!in_folder(dir.path(), "ann.smith@example.com"));

    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    // Another resident's case, sent, withdrawn, then erased: its copies go too.
    let r = t.submit("demo", "r-2", &complaint()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let reference = r.body["reference"].as_str().unwrap().to_owned();
    deliver(&t, &folder).await;
    assert!(in_folder(dir.path(), "rhian@example.com"), "sent");
    let withdrawn = t
        .act(
            &ann,
            &reference,
            json!({"action": "withdraw", "reason": "Sorted out"}),
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
    let manager = t.token("demo", Role::Manager, "mia-manager");
    let erased = t
        .call(
            Method::POST,
            &format!("/v1/councils/demo/cases/{reference}/erasure"),
            Some(&manager),
            &[],
            Some(&json!({"reason": "Resident's request"})),
        )
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.body);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
