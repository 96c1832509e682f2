//! Legal holds through the API: managers set, list and lift them; officers may not; a
//! hold without a reason is refused on its field; an unknown case or hold is a 404.

use crate::helpers::{complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::json;

#[tokio::test]
async fn a_manager_sets_lists_and_lifts_a_legal_hold() {
    let app = spawn_app();
    let submitted = app.submit("demo", "hold-1", &complaint()).await;
    assert_eq!(submitted.status, StatusCode::CREATED, "{}", submitted.body);
    let reference = submitted.body["reference"].as_str().unwrap().to_owned();
    let hold = format!("/v1/councils/demo/cases/{reference}/hold");
    let manager = app.token("demo", Role::Manager, "mia-manager");
    let officer = app.token("demo", Role::Officer, "ann-jones");
    let reason = json!({"reason": "Ombudsman investigation 24 001 234"});

    let refused = app
        .call(Method::PUT, &hold, Some(&officer), &[], Some(&reason))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.content_type(), "application/problem+json");

    let blank = app
        .call(
            Method::PUT,
            &hold,
            Some(&manager),
            &[],
            Some(&json!({"reason": "  "})),
        )
        .await;
    assert_eq!(
        blank.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        blank.body
    );
    assert_eq!(blank.error_fields(), ["reason"]);

    let set = app
        .call(Method::PUT, &hold, Some(&manager), &[], Some(&reason))
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(set.body["reference"], reference.as_str());
    assert_eq!(set.body["by"], "mia-manager");
    assert_eq!(set.body["reason"], "Ombudsman investigation 24 001 234");

    let listed = app.get("/v1/councils/demo/holds", Some(&manager)).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.body, json!([set.body]));
    assert_eq!(
        app.get("/v1/councils/demo/holds", Some(&officer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let missing = app
        .call(
            Method::PUT,
            "/v1/councils/demo/cases/DEMO-2026-999999/hold",
            Some(&manager),
            &[],
            Some(&reason),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let lifted = app
        .call(Method::DELETE, &hold, Some(&manager), &[], None)
        .await;
    assert_eq!(lifted.status, StatusCode::NO_CONTENT);
    let again = app
        .call(Method::DELETE, &hold, Some(&manager), &[], None)
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(again.content_type(), "application/problem+json");
    assert_eq!(
        app.get("/v1/councils/demo/holds", Some(&manager))
            .await
            .body,
        json!([])
    );
}
