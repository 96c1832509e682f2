//! Personal data through the API: a manager finds a person's cases (by email, phone,
//! name with accents and case aside, or reference; across a partnership only where they
//! manage), exports a redacted subject access bundle that the timeline records once, and
//! erases a closed case, refused while open or held.

use crate::helpers::{TestApp, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::{Claims, Role};
use feedback_shared::{CouncilId, OfficerId};
use serde_json::{Value, json};

/// A complaint from `name` at `email` (and `phone` when not empty), with `words`.
fn from(name: &str, email: &str, phone: &str, words: &str) -> Value {
    let mut body = complaint();
    body["contact"] = json!({"name": name, "email": email, "phone": phone});
    body["what_happened"] = json!(words);
    body
}

async fn submitted(t: &TestApp, council: &str, key: &str, body: &Value) -> String {
    let r = t.submit(council, key, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["reference"].as_str().unwrap().to_owned()
}

async fn search(t: &TestApp, token: &str, body: Value) -> crate::helpers::Reply {
    t.call(
        Method::POST,
        "/v1/councils/demo/personal-data/search",
        Some(token),
        &[],
        Some(&body),
    )
    .await
}

fn references(reply: &crate::helpers::Reply) -> Vec<String> {
    reply
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["reference"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_manager_finds_every_case_of_a_person_by_email_phone_name_or_reference() {
    let t = spawn_app();
    let first = submitted(
        &t,
        "demo",
        "p-1",
        &from(
            "Siân Évans",
            "Sian.Evans@Example.com",
            "07700 900123",
            "My bin was missed.",
        ),
    )
    .await;
    let second = submitted(
        &t,
        "demo",
        "p-2",
        &from(
            "Sian Evans",
            "sian.evans@example.com",
            "",
            "The street light is out.",
        ),
    )
    .await;
    // Someone else, who names her in their own words: found by no detail of hers.
    let other = submitted(
        &t,
        "demo",
        "p-3",
        &from(
            "Tom Price",
            "tom@example.com",
            "",
            "Sian Evans told me to write.",
        ),
    )
    .await;
    let manager = t.token("demo", Role::Manager, "mia-manager");

    let by_email = search(&t, &manager, json!({"email": "SIAN.EVANS@example.com"})).await;
    assert_eq!(by_email.status, StatusCode::OK, "{}", by_email.body);
    assert_eq!(references(&by_email), [second.clone(), first.clone()]);
    assert_eq!(by_email.body[0]["matched"], json!(["email"]));
    assert_eq!(by_email.body[0]["council"], "demo");
    assert_eq!(by_email.body[0]["status"], "received");
    assert_eq!(by_email.body[0]["kind"], "complaint");

    let by_phone = search(&t, &manager, json!({"phone": "+44 7700 900123"})).await;
    assert_eq!(references(&by_phone), [first.as_str()]);
    assert_eq!(by_phone.body[0]["matched"], json!(["phone"]));

    let by_name = search(&t, &manager, json!({"name": "  SIAN   evans "})).await;
    assert_eq!(
        references(&by_name),
        [second.clone(), first.clone()],
        "accents, case and spaces aside; not the case that only mentions her"
    );
    let by_both = search(
        &t,
        &manager,
        json!({"name": "Siân Evans", "email": "sian.evans@example.com"}),
    )
    .await;
    assert_eq!(by_both.body[0]["matched"], json!(["email", "name"]));

    let by_reference = search(&t, &manager, json!({"reference": other.to_lowercase()})).await;
    assert_eq!(references(&by_reference), [other.as_str()]);
    assert_eq!(by_reference.body[0]["matched"], json!(["reference"]));

    let nobody = search(&t, &manager, json!({"email": "nobody@example.com"})).await;
    assert_eq!(nobody.body, json!([]));
}

#[tokio::test]
async fn a_person_search_refuses_officers_other_councils_and_bad_details() {
    let t = spawn_app();
    let officer = t.token("demo", Role::Officer, "ann-jones");
    let refused = search(&t, &officer, json!({"email": "a@example.com"})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.content_type(), "application/problem+json");
    let elsewhere = t.token("aberwen", Role::Manager, "mia-manager");
    assert_eq!(
        search(&t, &elsewhere, json!({"email": "a@example.com"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let manager = t.token("demo", Role::Manager, "mia-manager");
    let bad = search(
        &t,
        &manager,
        json!({"email": "not an email", "phone": "12"}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.content_type(), "application/problem+json");
    assert_eq!(bad.error_fields(), ["email", "phone"]);
    let empty = search(&t, &manager, json!({})).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(empty.content_type(), "application/problem+json");
    let bad_reference = search(&t, &manager, json!({"reference": "nope"})).await;
    assert_eq!(bad_reference.status, StatusCode::BAD_REQUEST);
    let unknown_field = search(&t, &manager, json!({"address": "1 High St"})).await;
    assert!(unknown_field.status.is_client_error());
    assert_eq!(unknown_field.content_type(), "application/problem+json");
}

#[tokio::test]
async fn a_partnership_search_covers_only_the_councils_the_caller_manages() {
    let t = spawn_app();
    let body = from("Gwen Hughes", "gwen@example.com", "", "Potholes again.");
    let demo = submitted(&t, "demo", "g-1", &body).await;
    let aberwen = submitted(&t, "aberwen", "g-2", &body).await;
    let north_glen = submitted(&t, "north-glen", "g-3", &body).await;
    let mut claims = Claims::new(
        OfficerId("pat".into()),
        "Pat".into(),
        CouncilId::parse("demo").unwrap(),
        Role::Manager,
        crate::helpers::NOW.unix_timestamp(),
    );
    claims.also = vec![CouncilId::parse("aberwen").unwrap()];
    let pat = t.mint(&claims);
    let found = t
        .call(
            Method::POST,
            "/v1/partnerships/demo-partnership/personal-data/search",
            Some(&pat),
            &[],
            Some(&json!({"email": "gwen@example.com"})),
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    let mut got = references(&found);
    got.sort();
    let mut want = vec![demo, aberwen];
    want.sort();
    assert_eq!(got, want, "not {north_glen}, which pat does not manage");

    let officer = t.token("demo", Role::Officer, "ann-jones");
    let refused = t
        .call(
            Method::POST,
            "/v1/partnerships/demo-partnership/personal-data/search",
            Some(&officer),
            &[],
            Some(&json!({"email": "gwen@example.com"})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

async fn export(t: &TestApp, token: &str, body: Value) -> crate::helpers::Reply {
    t.call(
        Method::POST,
        "/v1/councils/demo/personal-data/export",
        Some(token),
        &[],
        Some(&body),
    )
    .await
}

#[tokio::test]
async fn a_subject_access_bundle_is_redacted_and_recorded_once_on_each_timeline() {
    let t = spawn_app();
    let first = submitted(
        &t,
        "demo",
        "e-1",
        &from(
            "Rhian Evans",
            "rhian@example.com",
            "",
            "Mr Jones next door saw my bin missed.",
        ),
    )
    .await;
    let second = submitted(
        &t,
        "demo",
        "e-2",
        &from("Rhian Evans", "rhian@example.com", "", "The light is out."),
    )
    .await;
    let ann = t.token("demo", Role::Officer, "ann-jones");
    let assigned = t
        .act(
            &ann,
            &first,
            json!({"action": "assign", "officer": "ann-jones"}),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    let manager = t.token("demo", Role::Manager, "mia-manager");
    let request = json!({"references": [first, second], "redact": ["Mr Jones next door"]});

    let bundle = export(&t, &manager, request.clone()).await;
    assert_eq!(bundle.status, StatusCode::OK, "{}", bundle.body);
    let text = bundle.body.to_string();
    assert!(!text.contains("ann-jones"), "officers are named by role");
    assert!(!text.contains("mia-manager"), "officers are named by role");
    assert!(!text.contains("Mr Jones next door"));
    assert!(text.contains("Complaints officer"));
    let cases = bundle.body["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(
        cases[0]["details"]["what_happened"],
        "[redacted] saw my bin missed."
    );
    assert_eq!(cases[0]["case"]["assigned_to"], "Complaints officer");
    assert!(
        cases[0]["messages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["to"] == json!(["rhian@example.com"])),
        "only the messages sent to the resident: {}",
        cases[0]["messages"]
    );
    assert!(!cases[0]["messages"].as_array().unwrap().is_empty());
    let html = bundle.body["html"].as_str().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(&format!("Case {first}")) && html.contains(&format!("Case {second}")));
    assert!(html.contains("[redacted] saw my bin missed."));
    assert!(!html.contains("ann-jones") && !html.contains("Mr Jones next door"));
    assert!(html.contains("@media print"));

    // A retried request adds no second event.
    let again = export(&t, &manager, request).await;
    assert_eq!(again.status, StatusCode::OK);
    let case = t
        .get(&format!("/v1/councils/demo/cases/{first}"), Some(&manager))
        .await;
    let exports: Vec<&Value> = case.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "subject_access_export")
        .collect();
    assert_eq!(exports.len(), 1, "{}", case.body["timeline"]);
    assert_eq!(
        exports[0]["actor"],
        json!({"type": "officer", "id": "mia-manager"})
    );
    // The stored case keeps its words: redaction is of the bundle only.
    assert_eq!(
        case.body["details"]["what_happened"],
        "Mr Jones next door saw my bin missed."
    );
}

#[tokio::test]
async fn an_export_in_welsh_is_written_in_welsh() {
    let t = spawn_app();
    let mut body = from(
        "Rhian Evans",
        "rhian@example.com",
        "",
        "Ni chasglwyd fy min.",
    );
    body["language"] = json!("cy");
    let reference = submitted(&t, "demo", "w-1", &body).await;
    let manager = t.token("demo", Role::Manager, "mia-manager");
    let bundle = export(&t, &manager, json!({"references": [reference]})).await;
    assert_eq!(bundle.status, StatusCode::OK, "{}", bundle.body);
    let html = bundle.body["html"].as_str().unwrap();
    assert!(html.contains("<html lang=\"cy\">"));
    assert!(html.contains(&format!("Achos {reference}")));
    assert!(html.contains("Beth ddywedoch chi wrthym"));
}

#[tokio::test]
async fn an_export_refuses_officers_unknown_cases_and_bad_requests() {
    let t = spawn_app();
    let reference = submitted(&t, "demo", "x-1", &complaint()).await;
    let officer = t.token("demo", Role::Officer, "ann-jones");
    let manager = t.token("demo", Role::Manager, "mia-manager");
    let refused = export(&t, &officer, json!({"references": [reference]})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let unknown = export(&t, &manager, json!({"references": ["DEMO-2026-999999"]})).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.content_type(), "application/problem+json");
    for bad in [
        json!({"references": []}),
        json!({"references": [reference], "redact": [" "]}),
        json!({"references": [reference], "redact": ["complaint"]}),
    ] {
        let r = export(&t, &manager, bad.clone()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
        assert_eq!(r.content_type(), "application/problem+json");
    }
}

async fn erase(t: &TestApp, token: &str, reference: &str, body: Value) -> crate::helpers::Reply {
    t.call(
        Method::POST,
        &format!("/v1/councils/demo/cases/{reference}/erasure"),
        Some(token),
        &[],
        Some(&body),
    )
    .await
}

#[tokio::test]
async fn erasure_removes_a_closed_cases_personal_data_and_is_refused_while_open_or_held() {
    let t = spawn_app();
    let reference = submitted(&t, "demo", "r-1", &complaint()).await;
    let manager = t.token("demo", Role::Manager, "mia-manager");
    let officer = t.token("demo", Role::Officer, "ann-jones");
    let reason = json!({"reason": "Resident's request of 20 November 2026"});

    let open = erase(&t, &manager, &reference, reason.clone()).await;
    assert_eq!(open.status, StatusCode::CONFLICT, "{}", open.body);
    assert_eq!(open.content_type(), "application/problem+json");
    assert!(open.body["detail"].as_str().unwrap().contains("still open"));

    let withdrawn = t
        .act(
            &officer,
            &reference,
            json!({"action": "withdraw", "reason": "Sorted out"}),
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
    let hold = format!("/v1/councils/demo/cases/{reference}/hold");
    let held = t
        .call(
            Method::PUT,
            &hold,
            Some(&manager),
            &[],
            Some(&json!({"reason": "Ombudsman investigation 24 001 234"})),
        )
        .await;
    assert_eq!(held.status, StatusCode::OK);
    let refused = erase(&t, &manager, &reference, reason.clone()).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.content_type(), "application/problem+json");
    let detail = refused.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("legal hold") && detail.contains("Ombudsman investigation 24 001 234"),
        "{detail}"
    );

    assert_eq!(
        erase(&t, &officer, &reference, reason.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let blank = erase(&t, &manager, &reference, json!({"reason": " "})).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(blank.error_fields(), ["reason"]);

    t.call(Method::DELETE, &hold, Some(&manager), &[], None)
        .await;
    let erased = erase(&t, &manager, &reference, reason.clone()).await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.body);
    assert_eq!(
        erased.body["rule"],
        "erasure on request: Resident's request of 20 November 2026"
    );
    let case = t
        .get(
            &format!("/v1/councils/demo/cases/{reference}"),
            Some(&manager),
        )
        .await;
    let text = case.body.to_string();
    assert!(
        !text.contains("Rhian") && !text.contains("rhian@example.com"),
        "{text}"
    );
    assert!(!text.contains("missed three weeks"));
    assert_eq!(case.body["details"]["submitter"]["type"], "anonymous");
    let last = case.body["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "anonymise");

    let twice = erase(&t, &manager, &reference, reason).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let missing = erase(&t, &manager, "DEMO-2026-999999", json!({"reason": "x y"})).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_person_is_found_and_exported_alike_on_dynamodb() {
    let store = crate::support::dynamodb::dynamo_store().await;
    let t = crate::helpers::spawn_app_with_store(std::sync::Arc::new(store));
    let first = submitted(
        &t,
        "demo",
        "d-1",
        &from(
            "Siân Évans",
            "sian@example.com",
            "07700 900123",
            "My bin was missed.",
        ),
    )
    .await;
    let second = submitted(
        &t,
        "demo",
        "d-2",
        &from("Sian Evans", "SIAN@example.com", "", "The light is out."),
    )
    .await;
    submitted(
        &t,
        "demo",
        "d-3",
        &from(
            "Tom Price",
            "tom@example.com",
            "",
            "Sian Evans told me to write.",
        ),
    )
    .await;
    let manager = t.token("demo", Role::Manager, "mia-manager");
    let by_name = search(&t, &manager, json!({"name": "sian evans"})).await;
    assert_eq!(by_name.status, StatusCode::OK, "{}", by_name.body);
    assert_eq!(references(&by_name), [second.clone(), first.clone()]);
    let by_email = search(&t, &manager, json!({"email": "sian@EXAMPLE.com"})).await;
    assert_eq!(references(&by_email), [second.clone(), first.clone()]);
    let by_phone = search(&t, &manager, json!({"phone": "07700900123"})).await;
    assert_eq!(references(&by_phone), [first.as_str()]);

    let request = json!({"references": [first, second]});
    let bundle = export(&t, &manager, request.clone()).await;
    assert_eq!(bundle.status, StatusCode::OK, "{}", bundle.body);
    export(&t, &manager, request).await;
    let case = t
        .get(&format!("/v1/councils/demo/cases/{first}"), Some(&manager))
        .await;
    let exports = case.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "subject_access_export")
        .count();
    assert_eq!(exports, 1);
}
