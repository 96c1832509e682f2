//! The server's own spam checks (the widget's are only a first line): the trap field, and
//! the minimum fill time counted from a signed form token.

use crate::helpers::{TestApp, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_shared::CouncilId;
use serde_json::{Value, json};
use time::Duration;

async fn form_token(t: &TestApp) -> String {
    let r = t.get("/v1/councils/demo", None).await;
    r.body["form_token"].as_str().unwrap().to_owned()
}

fn with(mut body: Value, field: &str, value: &str) -> Value {
    body[field] = json!(value);
    body
}

async fn submit_from_browser(t: &TestApp, key: &str, body: &Value) -> crate::helpers::Reply {
    t.call(
        Method::POST,
        "/v1/councils/demo/feedback",
        None,
        &[
            ("idempotency-key", key),
            ("origin", "http://127.0.0.1:8080"),
        ],
        Some(body),
    )
    .await
}

async fn cases_stored(t: &TestApp) -> usize {
    t.app
        .store
        .list_cases(&CouncilId::parse("demo").unwrap(), &Default::default())
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_filled_in_trap_is_refused_and_nothing_is_stored() {
    let t = spawn_app();
    let token = form_token(&t).await;
    t.clock.advance(Duration::minutes(3));
    let body = with(
        with(complaint(), "form_token", &token),
        "website",
        "http://spam.example",
    );
    let r = submit_from_browser(&t, "k1", &body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.body["type"],
        "https://council-feedback.example/problems/not-accepted"
    );
    assert_eq!(cases_stored(&t).await, 0);
}

#[tokio::test]
async fn a_form_sent_faster_than_a_person_can_type_waits_and_then_lands() {
    let t = spawn_app();
    let body = with(complaint(), "form_token", &form_token(&t).await);
    t.clock.advance(Duration::seconds(2));
    let r = submit_from_browser(&t, "k1", &body).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers["retry-after"], "3");
    assert_eq!(cases_stored(&t).await, 0);
    // The same request, once the wait is over, is an ordinary first submission.
    t.clock.advance(Duration::seconds(3));
    let r = submit_from_browser(&t, "k1", &body).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(cases_stored(&t).await, 1);
}

#[tokio::test]
async fn a_forged_or_other_councils_token_is_refused() {
    let t = spawn_app();
    let token = form_token(&t).await;
    t.clock.advance(Duration::minutes(3));
    let parts: Vec<&str> = token.split('.').collect();
    let forged = format!(
        "{}.{}.{}",
        parts[0].parse::<i64>().unwrap() - 600,
        parts[1],
        "A".repeat(20)
    );
    let r = submit_from_browser(&t, "k1", &with(complaint(), "form_token", &forged)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let aberwen = t.get("/v1/councils/aberwen", None).await.body["form_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = submit_from_browser(&t, "k2", &with(complaint(), "form_token", &aberwen)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(cases_stored(&t).await, 0);
}

#[tokio::test]
async fn browsers_must_send_the_token() {
    let t = spawn_app();
    let r = submit_from_browser(&t, "k1", &complaint()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body["detail"].as_str().unwrap().contains("form_token"));
    assert_eq!(cases_stored(&t).await, 0);
}

#[tokio::test]
async fn equality_answers_are_kept_apart_from_any_case() {
    let t = spawn_app();
    let answers = json!({"age": "25_44", "disability": "prefer_not_to_say"});
    let r = t
        .call(
            Method::POST,
            "/v1/councils/demo/equality",
            None,
            &[],
            Some(&answers),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let kept = t
        .app
        .store
        .equality_answers(&CouncilId::parse("demo").unwrap(), 2026)
        .await
        .unwrap();
    assert_eq!(serde_json::to_value(&kept).unwrap(), json!([answers]));
    assert_eq!(cases_stored(&t).await, 0);
    for bad in [json!({"age": "31"}), json!({"name": "Ann"}), json!({})] {
        let r = t
            .call(
                Method::POST,
                "/v1/councils/demo/equality",
                None,
                &[],
                Some(&bad),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
}
