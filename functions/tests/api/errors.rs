//! Every error is `application/problem+json`, whatever the router or an extractor refuses.

use crate::helpers::spawn_app;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use feedback_functions::auth::Role;

fn is_problem(r: &crate::helpers::Reply, status: StatusCode) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(r.body["status"], status.as_u16());
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem_with_allow() {
    let t = spawn_app();
    let r = t
        .call(Method::DELETE, "/v1/councils/demo", None, &[], None)
        .await;
    is_problem(&r, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        r.body["type"]
            .as_str()
            .unwrap()
            .ends_with("/method-not-allowed")
    );
    let allow = r.headers.get("allow").unwrap().to_str().unwrap();
    assert!(allow.contains("GET"), "{allow}");

    let r = t
        .call(Method::GET, "/v1/councils/demo/feedback", None, &[], None)
        .await;
    is_problem(&r, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        r.headers
            .get("allow")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("POST")
    );

    let token = t.token("demo", Role::Officer, "ann");
    let r = t
        .call(
            Method::PUT,
            "/v1/councils/demo/cases",
            Some(&token),
            &[],
            None,
        )
        .await;
    is_problem(&r, StatusCode::METHOD_NOT_ALLOWED);
    let r = t.call(Method::POST, "/healthz", None, &[], None).await;
    is_problem(&r, StatusCode::METHOD_NOT_ALLOWED);
    let r = t.call(Method::POST, "/", None, &[], None).await;
    is_problem(&r, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn malformed_or_unknown_query_parameters_are_400_problems() {
    let t = spawn_app();
    let manager = t.token("demo", Role::Manager, "mo");
    for query in [
        "quarter=-1",
        "quarter=x",
        "year=twenty",
        "colour=blue",
        "year=2026&year=2027",
    ] {
        let r = t
            .get(
                &format!("/v1/councils/demo/reports?{query}"),
                Some(&manager),
            )
            .await;
        is_problem(&r, StatusCode::BAD_REQUEST);
        let r = t
            .get(
                &format!("/v1/partnerships/demo-partnership/reports?{query}"),
                Some(&manager),
            )
            .await;
        is_problem(&r, StatusCode::BAD_REQUEST);
    }
    for query in [
        "stage=3",
        "overdue=perhaps",
        "due_before=soon",
        "colour=blue",
    ] {
        let r = t
            .get(&format!("/v1/councils/demo/cases?{query}"), Some(&manager))
            .await;
        is_problem(&r, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn paths_that_do_not_decode_are_404_problems() {
    let t = spawn_app();
    let manager = t.token("demo", Role::Manager, "mo");
    // Invalid UTF-8 once percent-decoded, and a bad percent-encoding.
    for uri in [
        "/v1/councils/%FF%FE",
        "/v1/councils/de%ZZmo",
        "/v1/councils/demo/cases/%C3%28",
        "/v1/councils/%FF/reports",
        "/v1/partnerships/%FF/reports",
    ] {
        let r = t.get(uri, Some(&manager)).await;
        is_problem(&r, StatusCode::NOT_FOUND);
    }
    let r = t
        .call(
            Method::POST,
            "/v1/councils/%FF/feedback",
            None,
            &[("idempotency-key", "k")],
            Some(&crate::helpers::complaint()),
        )
        .await;
    is_problem(&r, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_body_on_a_get_or_no_body_on_a_post_is_still_a_problem() {
    let t = spawn_app();
    let request = Request::builder()
        .method(Method::POST)
        .uri("/v1/councils/demo/status")
        .header("content-type", "text/plain")
        .body(Body::from("hello"))
        .unwrap();
    let r = t.send(request).await;
    is_problem(&r, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn report_years_outside_2000_to_2100_are_400_problems_not_500s() {
    let t = spawn_app();
    let manager = t.token("demo", Role::Manager, "mo");
    for query in [
        "year=9999",
        "year=1999",
        "year=-2147483648",
        "year=2147483647",
        "year=9999&quarter=4",
        "from=0001-01-01&to=0001-12-31",
        "from=9999-01-01&to=9999-12-31",
    ] {
        let r = t
            .get(
                &format!("/v1/councils/demo/reports?{query}"),
                Some(&manager),
            )
            .await;
        is_problem(&r, StatusCode::BAD_REQUEST);
        let r = t
            .get(
                &format!("/v1/partnerships/demo-partnership/reports?{query}"),
                Some(&manager),
            )
            .await;
        is_problem(&r, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn logged_receipts_outside_the_supported_years_are_400_problems() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    for received_at in [
        "0999-12-31T09:00:00Z",
        "0000-01-01T00:00:00Z",
        "1999-12-31T09:00:00Z",
    ] {
        let body = serde_json::json!({"channel": "letter", "received_at": received_at,
            "feedback": crate::helpers::complaint()});
        let r = t
            .call(
                Method::POST,
                "/v1/councils/demo/cases",
                Some(&ann),
                &[],
                Some(&body),
            )
            .await;
        is_problem(&r, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn action_dates_before_the_case_began_are_422_field_problems() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let s = t.submit("demo", "k", &crate::helpers::complaint()).await;
    let reference = s.body["reference"].as_str().unwrap();
    for action in [
        serde_json::json!({"action": "refer_to_ombudsman", "ombudsman": "lgsco", "on": "0000-01-01"}),
        serde_json::json!({"action": "acknowledge", "on": "0000-01-01"}),
        serde_json::json!({"action": "acknowledge", "on": "9999-12-31"}),
    ] {
        let r = t.act(&ann, reference, action.clone()).await;
        is_problem(&r, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.error_fields(), ["date"], "{action}");
    }
    let detail = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    assert!(
        detail.body["case"]["ombudsman"].is_null(),
        "{}",
        detail.body
    );
}
