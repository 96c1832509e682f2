//! `POST /v1/signin`: the console's one-time sign-in links on the local server.

use crate::helpers::{NOW, TestApp, complaint, spawn_app, spawn_app_adjusted};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::signin::{CODE_LIFETIME_SECONDS, SESSION_LIFETIME_SECONDS};
use feedback_functions::auth::{Authenticator, Role, SignInCode, SigningKey};
use feedback_shared::{CouncilId, OfficerId};
use serde_json::{Value, json};

fn local_key(t: &TestApp) -> SigningKey {
    match &t.app.auth {
        Authenticator::LocalKey(key) => key.clone(),
        _ => panic!("the test app signs with a local key"),
    }
}

fn code_for(key: &SigningKey, councils: &[&str], role: Role, at: i64) -> String {
    SignInCode::new(
        OfficerId("ann-jones".into()),
        "Ann Jones".into(),
        councils
            .iter()
            .map(|c| CouncilId::parse(c).unwrap())
            .collect(),
        role,
        at,
    )
    .seal(key)
}

async fn exchange(t: &TestApp, code: &str) -> crate::helpers::Reply {
    t.call(
        Method::POST,
        "/v1/signin",
        None,
        &[],
        Some(&json!({ "code": code })),
    )
    .await
}

#[tokio::test]
async fn a_sign_in_code_gives_a_token_that_works_on_the_officer_routes() {
    let t = spawn_app();
    let submitted = t.submit("demo", "k", &complaint()).await;
    let reference = submitted.body["reference"].as_str().unwrap().to_owned();
    let code = code_for(
        &local_key(&t),
        &["demo"],
        Role::Officer,
        NOW.unix_timestamp(),
    );

    let signed_in = exchange(&t, &code).await;

    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    assert_eq!(signed_in.body["name"], "Ann Jones");
    assert_eq!(signed_in.body["officer"], "ann-jones");
    assert_eq!(signed_in.body["councils"], json!(["demo"]));
    assert_eq!(signed_in.body["role"], "officer");
    assert_eq!(
        signed_in.body["expires_at"],
        NOW.unix_timestamp() + SESSION_LIFETIME_SECONDS
    );
    let token = signed_in.body["token"].as_str().unwrap();
    let list = t.get("/v1/councils/demo/cases", Some(token)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        list.body["cases"][0]["reference"],
        Value::String(reference.clone())
    );
    let acknowledged = t
        .act(
            token,
            &reference,
            json!({"action": "acknowledge", "on": "2026-11-24"}),
        )
        .await;
    assert_eq!(acknowledged.status, StatusCode::OK, "{}", acknowledged.body);
    // The officer's own council only.
    let other = t.get("/v1/councils/aberwen/cases", Some(token)).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_sign_in_code_works_once() {
    let t = spawn_app();
    let code = code_for(
        &local_key(&t),
        &["demo"],
        Role::Officer,
        NOW.unix_timestamp(),
    );

    assert_eq!(exchange(&t, &code).await.status, StatusCode::OK);
    let again = exchange(&t, &code).await;

    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(again.content_type(), "application/problem+json");
    assert!(again.body.get("token").is_none());
}

#[tokio::test]
async fn an_expired_sign_in_code_is_refused() {
    let t = spawn_app();
    let issued = NOW.unix_timestamp() - CODE_LIFETIME_SECONDS;
    let code = code_for(&local_key(&t), &["demo"], Role::Officer, issued);

    let reply = exchange(&t, &code).await;

    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.content_type(), "application/problem+json");
}

#[tokio::test]
async fn forged_and_other_key_codes_are_refused() {
    let t = spawn_app();
    let now = NOW.unix_timestamp();
    let other_key = code_for(&SigningKey::generate(), &["demo"], Role::Manager, now);
    let genuine = code_for(&local_key(&t), &["demo"], Role::Officer, now);
    let (_, mac) = genuine.split_once('.').unwrap();
    let promoted = code_for(&local_key(&t), &["demo"], Role::Manager, now);
    let (payload, _) = promoted.split_once('.').unwrap();
    let an_officer_token = t.token("demo", Role::Officer, "ann");

    for code in [
        other_key,
        format!("{payload}.{mac}"),
        an_officer_token,
        "not-a-code".to_owned(),
    ] {
        let reply = exchange(&t, &code).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{code}");
        assert_eq!(reply.content_type(), "application/problem+json");
    }
    // The genuine one still works: refusals used nothing up.
    assert_eq!(exchange(&t, &genuine).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_sign_in_needs_a_code() {
    let t = spawn_app();
    let reply = t
        .call(Method::POST, "/v1/signin", None, &[], Some(&json!({})))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.content_type(), "application/problem+json");
}

#[tokio::test]
async fn in_aws_there_is_no_sign_in_route() {
    let t = spawn_app_adjusted(|app| app.auth = Authenticator::ApiGatewayJwt);
    // Even a code signed with the key residents' codes come from is not accepted.
    let code = code_for(
        &t.app.status_secret,
        &["demo"],
        Role::Officer,
        NOW.unix_timestamp(),
    );

    let reply = exchange(&t, &code).await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.content_type(), "application/problem+json");
}
