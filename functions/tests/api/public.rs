use crate::helpers::{complaint, spawn_app, spawn_app_adjusted};
use axum::http::{Method, StatusCode};
use feedback_shared::CouncilId;
use serde_json::json;

#[tokio::test]
async fn council_view_has_what_the_widget_needs() {
    let t = spawn_app();
    let r = t.get("/v1/councils/demo", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["name"], "Demo Borough Council");
    assert_eq!(r.body["languages"], json!(["en", "cy"]));
    let parking = r.body["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "parking")
        .unwrap();
    assert_eq!(
        parking["out_of_scope"][0]["url"],
        "https://www.demo.example/parking/challenge-a-fine"
    );
    assert_eq!(r.body["stage1"]["respond_working_days"], 10);
}

#[tokio::test]
async fn unknown_councils_are_404_problems() {
    let t = spawn_app();
    let r = t.get("/v1/councils/atlantis", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.content_type(), "application/problem+json");
    let r = t.submit("atlantis", "k", &complaint()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_complaint_gets_a_reference_a_token_and_its_dates() {
    let t = spawn_app();
    let r = t.submit("demo", "key-1", &complaint()).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.body["reference"], "DEMO-2026-000001");
    // Four groups of four Crockford symbols: no I, L, O or U to misread.
    let code = r.body["status_token"].as_str().unwrap();
    assert_eq!(code.len(), 19, "{code}");
    assert!(
        code.split('-').all(|g| g.len() == 4
            && g.chars()
                .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c)))),
        "{code}"
    );
    // Received Tue 24 Nov 2026: ack 25, 26, 27, 30 Nov, 1 Dec; respond 10 after 1 Dec.
    assert_eq!(r.body["received_on"], "2026-11-24");
    assert_eq!(r.body["acknowledge_by"], "2026-12-01");
    assert_eq!(r.body["respond_by"], "2026-12-15");
    let second = t.submit("demo", "key-2", &complaint()).await;
    assert_eq!(second.body["reference"], "DEMO-2026-000002");
}

#[tokio::test]
async fn a_comment_has_no_deadlines() {
    let t = spawn_app();
    let body = json!({"kind": "comment", "service": "other", "what_happened": "Longer library hours, please.", "anonymous": true});
    let r = t.submit("demo", "c", &body).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.body["acknowledge_by"], serde_json::Value::Null);
    assert_eq!(r.body["respond_by"], serde_json::Value::Null);
    // Comments are not acknowledged by email, so the widget must not promise one.
    assert_eq!(r.body["emailed"], false);
    // With an address too.
    let body = json!({"kind": "comment", "service": "other", "what_happened": "Longer library hours, please.",
        "anonymous": false, "contact": {"name": "Ann Jones", "email": "ann@example.com"}});
    let r = t.submit("demo", "c2", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["emailed"], false);
    let r = t.submit("demo", "c3", &complaint()).await;
    assert_eq!(
        r.body["emailed"], true,
        "a complaint with an address is acknowledged"
    );
}

#[tokio::test]
async fn the_same_key_and_body_answer_the_same_case_once() {
    let t = spawn_app();
    let first = t.submit("demo", "retry-me", &complaint()).await;
    // The same answers with different key order and spacing are the same body.
    let reordered: serde_json::Value = serde_json::from_str(&complaint().to_string()).unwrap();
    let again = t.submit("demo", "retry-me", &reordered).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body, first.body);
    let token = t.token("demo", feedback_functions::auth::Role::Officer, "ann");
    let list = t.get("/v1/councils/demo/cases", Some(&token)).await;
    assert_eq!(
        list.body["cases"].as_array().unwrap().len(),
        1,
        "stored once"
    );
}

#[tokio::test]
async fn the_same_key_with_another_body_is_refused() {
    let t = spawn_app();
    t.submit("demo", "k", &complaint()).await;
    let mut other = complaint();
    other["what_happened"] = json!("Something else entirely.");
    let r = t.submit("demo", "k", &other).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.body["type"],
        "https://council-feedback.example/problems/idempotency-key-reused"
    );
}

#[tokio::test]
async fn a_missing_idempotency_key_is_a_bad_request() {
    let t = spawn_app();
    let r = t
        .call(
            Method::POST,
            "/v1/councils/demo/feedback",
            None,
            &[],
            Some(&complaint()),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("Idempotency-Key")
    );
}

#[tokio::test]
async fn validation_errors_name_each_field_in_the_residents_language() {
    let t = spawn_app();
    let body = json!({"kind": "complaint", "service": "waste", "contact": {"email": "not-an-email"}, "language": "cy"});
    let r = t.submit("demo", "k", &body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(
        r.error_fields(),
        ["what_happened", "put_right", "name", "email"]
    );
    assert_eq!(r.body["errors"][0]["message"], "Rhowch beth ddigwyddodd");
    assert_eq!(r.body["errors"][3]["key"], "email.invalid");
}

#[tokio::test]
async fn bad_json_and_oversized_bodies_are_problems() {
    let t = spawn_app();
    let request = axum::http::Request::post("/v1/councils/demo/feedback")
        .header("content-type", "application/json")
        .header("idempotency-key", "k")
        .body(axum::body::Body::from("{not json"))
        .unwrap();
    let r = t.send(request).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.content_type(), "application/problem+json");

    let mut huge = complaint();
    huge["what_happened"] = json!("x".repeat(70 * 1024));
    let r = t.submit("demo", "k2", &huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.content_type(), "application/problem+json");
}

#[tokio::test]
async fn status_needs_the_right_token_and_reveals_no_content() {
    let t = spawn_app();
    let s = t.submit("demo", "k", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap();
    let token = s.body["status_token"].as_str().unwrap();
    let ok = t
        .call(
            Method::POST,
            "/v1/councils/demo/status",
            None,
            &[],
            Some(&json!({"reference": reference.to_lowercase(), "status_token": token})),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.body["status"], "received");
    assert_eq!(ok.body["acknowledge_by"], "2026-12-01");
    let text = ok.body.to_string();
    assert!(
        !text.contains("Rhian") && !text.contains("bin"),
        "no personal data or content: {text}"
    );

    let wrong_token = t
        .call(
            Method::POST,
            "/v1/councils/demo/status",
            None,
            &[],
            Some(&json!({"reference": reference, "status_token": "x".repeat(20)})),
        )
        .await;
    let unknown = t
        .call(
            Method::POST,
            "/v1/councils/demo/status",
            None,
            &[],
            Some(&json!({"reference": "DEMO-2026-000999", "status_token": token})),
        )
        .await;
    assert_eq!(wrong_token.status, StatusCode::NOT_FOUND);
    assert_eq!(
        wrong_token.body, unknown.body,
        "a wrong token looks like an unknown reference"
    );
    // Another council's token for the same-looking reference does not work either.
    let elsewhere = t
        .call(
            Method::POST,
            "/v1/councils/aberwen/status",
            None,
            &[],
            Some(&json!({"reference": reference, "status_token": token})),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_council_description_carries_its_checked_palette_and_its_ombudsman() {
    let t = spawn_app();
    let demo = t.get("/v1/councils/demo", None).await.body;
    // Nothing set: GOV.UK's colours, and demo's brand blue for the buttons.
    assert_eq!(
        demo["palette"],
        json!({"background": "#ffffff", "text": "#0b0c0c", "link": "#1d70b8",
               "button": "#1d70b8", "error": "#d4351c", "hint": "#505a5f"})
    );
    assert_eq!(
        demo["ombudsman"]["name"],
        "Local Government and Social Care Ombudsman"
    );
    // North Glen's dark blue ground: its brand blue is unreadable there as a link
    // colour, so links, hints and errors are drawn in its white text colour.
    let glen = t.get("/v1/councils/north-glen", None).await.body;
    assert_eq!(
        glen["palette"],
        json!({"background": "#003078", "text": "#ffffff", "link": "#ffffff",
               "button": "#005eb8", "error": "#ffffff", "hint": "#ffffff"})
    );
    assert_eq!(glen["ombudsman"]["phone"], "0800 377 7330");
    let aberwen = t.get("/v1/councils/aberwen", None).await.body;
    assert_eq!(
        aberwen["ombudsman"]["name_cy"],
        "Ombwdsmon Gwasanaethau Cyhoeddus Cymru"
    );
}

/// A typed code: `code` in lower case, spaced instead of hyphenated, with every 0 read as
/// O and every 1 as l, as a resident copying it by hand might.
fn as_typed(code: &str) -> String {
    code.to_lowercase()
        .replace('-', " ")
        .replace('0', "O")
        .replace('1', "l")
}

#[tokio::test]
async fn a_code_typed_loosely_and_a_code_from_before_crockford_still_match() {
    use base64::Engine;
    let t = spawn_app();
    let s = t.submit("demo", "k", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap();
    let code = s.body["status_token"].as_str().unwrap();
    let status = |token: String| {
        let body = json!({"reference": reference, "status_token": token});
        let t = &t;
        async move {
            t.call(
                Method::POST,
                "/v1/councils/demo/status",
                None,
                &[],
                Some(&body),
            )
            .await
            .status
        }
    };
    assert_eq!(
        status(as_typed(code)).await,
        StatusCode::OK,
        "{}",
        as_typed(code)
    );
    assert_eq!(status(code.replace('-', "")).await, StatusCode::OK);
    // The code as it was given out before: URL-safe base 64 of the same HMAC.
    let mac = t
        .app
        .status_secret
        .sign_parts(&[b"status-token", b"demo", reference.as_bytes()]);
    let old = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&mac[..15]);
    assert_eq!(old.len(), 20);
    assert_eq!(
        status(old.clone()).await,
        StatusCode::OK,
        "an old code: {old}"
    );
    // Old codes are case-sensitive base 64: changing the case is another code.
    let mut flipped = old.clone();
    let at = flipped.find(|c: char| c.is_ascii_alphabetic()).unwrap();
    let c = flipped.remove(at);
    let other = if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c.to_ascii_uppercase()
    };
    flipped.insert(at, other);
    assert_eq!(status(flipped).await, StatusCode::NOT_FOUND);
    // One symbol wrong is a wrong code.
    let mut wrong: Vec<char> = code.chars().collect();
    wrong[0] = if wrong[0] == 'A' { 'B' } else { 'A' };
    assert_eq!(
        status(wrong.into_iter().collect()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(status("".into()).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cors_allows_only_the_councils_origins() {
    let t = spawn_app();
    let preflight = |origin: &'static str| {
        axum::http::Request::builder()
            .method(Method::OPTIONS)
            .uri("/v1/councils/demo/feedback")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key",
            )
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let allowed = t.send(preflight("http://localhost:8080")).await;
    assert_eq!(
        allowed.headers.get("access-control-allow-origin").unwrap(),
        "http://localhost:8080"
    );
    let refused = t.send(preflight("https://evil.example")).await;
    assert!(refused.headers.get("access-control-allow-origin").is_none());
}

/// Each council's routes answer CORS for that council's own origins only, as the app
/// decides it: API Gateway, in AWS, passes preflights through and adds nothing.
#[tokio::test]
async fn cors_is_decided_per_council_and_lets_the_widget_read_retry_after() {
    const DEMO: &str = "https://www.demo.gov.uk";
    const ABERWEN: &str = "https://www.aberwen.gov.uk";
    let t = spawn_app_adjusted(|app| {
        for (id, origin) in [("demo", DEMO), ("aberwen", ABERWEN)] {
            let council = app
                .councils
                .get_mut(&CouncilId::parse(id).unwrap())
                .unwrap();
            council.allowed_origins = vec![origin.to_owned()];
        }
    });
    let preflight = |council: &str, origin: &str| {
        axum::http::Request::builder()
            .method(Method::OPTIONS)
            .uri(format!("/v1/councils/{council}/feedback"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key,accept-language",
            )
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let header = |r: &crate::helpers::Reply, name: &str| {
        r.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_ascii_lowercase())
    };

    // Demo's origin may not call Aberwen's routes, nor Aberwen's Demo's.
    for (council, origin) in [("aberwen", DEMO), ("demo", ABERWEN)] {
        let refused = t.send(preflight(council, origin)).await;
        assert_eq!(
            header(&refused, "access-control-allow-origin"),
            None,
            "{origin} on {council}'s route"
        );
    }
    for (council, origin) in [("demo", DEMO), ("aberwen", ABERWEN)] {
        let allowed = t.send(preflight(council, origin)).await;
        assert_eq!(
            header(&allowed, "access-control-allow-origin").as_deref(),
            Some(origin)
        );
        let headers = header(&allowed, "access-control-allow-headers").unwrap();
        for needed in ["content-type", "idempotency-key", "accept-language"] {
            assert!(headers.contains(needed), "{needed} not in {headers}");
        }
        assert!(
            header(&allowed, "access-control-allow-methods")
                .unwrap()
                .contains("post")
        );
    }

    // A form sent too soon is a 429 whose Retry-After the widget may read.
    let form = t.get("/v1/councils/demo", None).await.body["form_token"].clone();
    let mut body = complaint();
    body["form_token"] = form;
    let early = t
        .call(
            Method::POST,
            "/v1/councils/demo/feedback",
            None,
            &[("idempotency-key", "k1"), ("origin", DEMO)],
            Some(&body),
        )
        .await;
    assert_eq!(early.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(header(&early, "retry-after").is_some());
    assert_eq!(
        header(&early, "access-control-allow-origin").as_deref(),
        Some(DEMO)
    );
    let exposed = header(&early, "access-control-expose-headers").unwrap_or_default();
    assert!(exposed.contains("retry-after"), "exposed: {exposed:?}");
    // From another council's origin the answer is not the browser's to read at all.
    let elsewhere = t
        .call(
            Method::GET,
            "/v1/councils/aberwen",
            None,
            &[("origin", DEMO)],
            None,
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::OK);
    assert_eq!(header(&elsewhere, "access-control-allow-origin"), None);
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let t = spawn_app();
    let r = t.get("/v1/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let paths = r.body["paths"].as_object().unwrap();
    for path in [
        "/v1/councils/{council}",
        "/v1/councils/{council}/feedback",
        "/v1/councils/{council}/status",
        "/v1/councils/{council}/escalation",
        "/v1/councils/{council}/cases",
        "/v1/councils/{council}/cases/{reference}",
        "/v1/councils/{council}/cases/{reference}/actions",
        "/v1/councils/{council}/configuration",
        "/v1/councils/{council}/reports",
        "/v1/partnerships/{partnership}/reports",
    ] {
        assert!(paths.contains_key(path), "{path} missing from OpenAPI");
    }
    assert!(r.body["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn unknown_routes_are_problems() {
    let t = spawn_app();
    let r = t.get("/v2/nothing", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.content_type(), "application/problem+json");
}
