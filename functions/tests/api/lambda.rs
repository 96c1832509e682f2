//! The Lambda path: real API Gateway HTTP API (payload v2) events through `lambda_http`,
//! with officers known by the claims of the JWT authorizer.

use crate::helpers::{NOW, complaint, config_dir};
use axum::http::StatusCode;
use feedback_functions::api::router;
use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::clock::FixedClock;
use feedback_functions::config::load_councils;
use feedback_functions::store::sqlite::SqliteStore;
use feedback_shared::{Calendar, CouncilId};
use serde_json::{Value, json};
use std::sync::Arc;
use time::Duration;
use tower::ServiceExt;

/// An event as API Gateway sends it, trimmed of fields the function does not read.
fn event(method: &str, path: &str, body: Option<&Value>, groups: Option<&str>) -> String {
    let mut authorizer = Value::Null;
    if let Some(groups) = groups {
        authorizer = json!({"jwt": {"claims": {"sub": "4f1c2a", "email": "ann@demo.example", "cognito:groups": groups}, "scopes": null}});
    }
    json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {
            "content-type": "application/json",
            "host": "abc123.execute-api.eu-west-2.amazonaws.com",
            "idempotency-key": "lambda-key-1",
            "x-forwarded-proto": "https"
        },
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc123",
            "authorizer": authorizer,
            "domainName": "abc123.execute-api.eu-west-2.amazonaws.com",
            "domainPrefix": "abc123",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "curl/8"},
            "requestId": "req-1",
            "routeKey": "$default",
            "stage": "$default",
            "time": "24/Nov/2026:10:00:00 +0000",
            "timeEpoch": 1795514400000u64
        },
        "body": body.map(|b| b.to_string()),
        "isBase64Encoded": false
    })
    .to_string()
}

/// A resident's submission from the widget on the council's page, through API Gateway
/// from `source_ip`, with a form token opened `opened_secs_ago`.
fn browser_submission(app: &App, key: &str, source_ip: &str, opened_secs_ago: i64) -> String {
    let demo = CouncilId::parse("demo").unwrap();
    let mut body = complaint();
    body["form_token"] = json!(app.form_token(&demo, NOW - Duration::seconds(opened_secs_ago)));
    let mut e: Value = serde_json::from_str(&event(
        "POST",
        "/v1/councils/demo/feedback",
        Some(&body),
        None,
    ))
    .unwrap();
    e["headers"]["origin"] = json!("http://127.0.0.1:8080");
    e["headers"]["idempotency-key"] = json!(key);
    e["requestContext"]["http"]["sourceIp"] = json!(source_ip);
    e.to_string()
}

async fn lambda_app() -> (axum::Router, tempfile::TempDir) {
    let (router, _, dir) = lambda_app_and_state().await;
    (router, dir)
}

async fn lambda_app_and_state() -> (axum::Router, Arc<App>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(App {
        councils: load_councils(&config_dir()).unwrap(),
        calendar: Calendar::bundled(),
        store: Arc::new(SqliteStore::open(&dir.path().join("db.sqlite3")).unwrap()),
        clock: Arc::new(FixedClock::new(NOW)),
        auth: Authenticator::ApiGatewayJwt,
        status_secret: SigningKey::generate(),
    });
    (router(app.clone()), app, dir)
}

async fn invoke(router: &axum::Router, event: &str) -> (StatusCode, Value) {
    let request = lambda_http::request::from_str(event).expect("a valid API Gateway v2 event");
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn a_submission_arrives_through_an_api_gateway_event() {
    let (router, app, _dir) = lambda_app_and_state().await;
    let (status, body) = invoke(&router, &browser_submission(&app, "k1", "192.0.2.1", 60)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["reference"], "DEMO-2026-000001");
}

#[tokio::test]
async fn the_per_address_limit_counts_api_gateways_source_ip() {
    let (router, app, _dir) = lambda_app_and_state().await;
    let limit = app
        .council("demo")
        .unwrap()
        .limits
        .submissions_per_address_hour as i64;
    // A fresh form token every two submissions, so only the address limit can refuse.
    for n in 0..limit {
        let e = browser_submission(&app, &format!("k{n}"), "192.0.2.1", 60 + n / 2);
        let (status, body) = invoke(&router, &e).await;
        assert_eq!(status, StatusCode::CREATED, "submission {n}: {body}");
    }
    let e = browser_submission(&app, "one-too-many", "192.0.2.1", 500);
    let (status, body) = invoke(&router, &e).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(
        body["type"],
        "https://council-feedback.example/problems/rate-limited"
    );
    // Another resident, at another address, is not held up by it.
    let e = browser_submission(&app, "neighbour", "198.51.100.7", 500);
    let (status, body) = invoke(&router, &e).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn officers_are_known_by_their_cognito_groups() {
    let (router, app, _dir) = lambda_app_and_state().await;
    let (status, _) = invoke(&router, &browser_submission(&app, "k1", "192.0.2.1", 60)).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = invoke(
        &router,
        &event(
            "GET",
            "/v1/councils/demo/cases",
            None,
            Some("[demo:officer]"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["cases"].as_array().unwrap().len(), 1);

    let (status, _) = invoke(
        &router,
        &event(
            "GET",
            "/v1/councils/demo/cases",
            None,
            Some("[aberwen:manager]"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = invoke(
        &router,
        &event("GET", "/v1/councils/demo/cases", None, None),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = invoke(
        &router,
        &event(
            "GET",
            "/v1/councils/demo/configuration",
            None,
            Some("[demo:officer]"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = invoke(
        &router,
        &event(
            "GET",
            "/v1/councils/demo/configuration",
            None,
            Some("[demo:manager]"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_local_token_is_not_accepted_by_the_lambda() {
    // In AWS only the authorizer's claims count: a bearer header alone grants nothing.
    let (router, _dir) = lambda_app().await;
    let mut e: Value =
        serde_json::from_str(&event("GET", "/v1/councils/demo/cases", None, None)).unwrap();
    e["headers"]["authorization"] = json!("Bearer forged.token.here");
    let (status, _) = invoke(&router, &e.to_string()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
