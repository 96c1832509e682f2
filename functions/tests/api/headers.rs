//! Security headers on every response; caching refused for the API only.

use crate::helpers::spawn_app;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use feedback_functions::server::{DEMO_PAGE_CSP, local_router};
use tower::ServiceExt;

fn header<'a>(r: &'a crate::helpers::Reply, name: &str) -> Option<&'a str> {
    r.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn api_answers_are_not_sniffed_referred_or_cached() {
    let t = spawn_app();
    for r in [
        t.get("/v1/councils/demo", None).await,
        t.get("/v1/councils/nowhere", None).await,
        t.get("/v2/nothing", None).await,
        t.get("/v1/openapi.json", None).await,
        t.get("/healthz", None).await,
        t.call(Method::DELETE, "/v1/councils/demo", None, &[], None)
            .await,
        t.get("/v1/councils/demo/cases", None).await,
    ] {
        assert_eq!(header(&r, "x-content-type-options"), Some("nosniff"));
        assert_eq!(header(&r, "referrer-policy"), Some("no-referrer"));
        assert_eq!(header(&r, "cache-control"), Some("no-store"));
        assert_eq!(
            r.headers.get_all("x-content-type-options").iter().count(),
            1
        );
    }
}

#[tokio::test]
async fn demo_pages_have_a_content_security_policy_that_lets_the_widget_run() {
    let t = spawn_app();
    for path in ["/", "/launcher"] {
        let r = t.get(path, None).await;
        assert_eq!(r.status, StatusCode::OK);
        let csp = header(&r, "content-security-policy").unwrap();
        assert_eq!(csp, DEMO_PAGE_CSP);
        for needed in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "connect-src 'self'",
        ] {
            assert!(csp.contains(needed), "{csp} lacks {needed}");
        }
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(header(&r, "x-content-type-options"), Some("nosniff"));
        assert_eq!(header(&r, "referrer-policy"), Some("no-referrer"));
    }
    let api = t.get("/v1/councils/demo", None).await;
    assert_eq!(header(&api, "content-security-policy"), None);
}

#[tokio::test]
async fn the_widgets_files_keep_their_own_caching_and_security_headers() {
    let t = spawn_app();
    let widget = tempfile::tempdir().unwrap();
    std::fs::write(widget.path().join("widget.js"), "console.log('hi');").unwrap();
    let router = local_router(t.app.clone(), widget.path());
    let response = router
        .oneshot(
            Request::builder()
                .uri("/widget/widget.js")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    // The loader's own short lifetime (see `widget_files.rs`), not the API's no-store.
    assert_eq!(headers["cache-control"], "public, max-age=300");
    assert!(headers.get("content-security-policy").is_none());
}

/// The console in AWS is served by CloudFront and calls API Gateway's address: the officer
/// routes answer CORS for the origin of a council's `console_url`, and no other.
#[tokio::test]
async fn officer_routes_answer_cors_for_the_consoles_origin_only() {
    let t = crate::helpers::spawn_app_adjusted(|app| {
        for council in app.councils.values_mut() {
            council.console_url = Some("https://d111.cloudfront.net/console".into());
        }
    });
    let token = t.token("demo", feedback_functions::auth::Role::Officer, "ann");
    let preflight = |origin: &'static str| {
        axum::http::Request::builder()
            .method(axum::http::Method::OPTIONS)
            .uri("/v1/councils/demo/cases/DEMO-2026-000001/actions")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type,if-match",
            )
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let allowed = t.send(preflight("https://d111.cloudfront.net")).await;
    assert!(allowed.status.is_success(), "{:?}", allowed.status);
    assert_eq!(
        allowed.headers["access-control-allow-origin"],
        "https://d111.cloudfront.net"
    );
    let headers = allowed.headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for needed in ["authorization", "content-type", "if-match"] {
        assert!(headers.contains(needed), "{needed} in {headers}");
    }
    let refused = t.send(preflight("https://evil.example")).await;
    assert!(refused.headers.get("access-control-allow-origin").is_none());

    // The real request carries the header too, and still needs its token.
    let list = axum::http::Request::get("/v1/councils/demo/cases")
        .header("origin", "https://d111.cloudfront.net")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let r = t.send(list).await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
    assert_eq!(
        r.headers["access-control-allow-origin"],
        "https://d111.cloudfront.net"
    );
    let anonymous = axum::http::Request::get("/v1/councils/demo/cases")
        .header("origin", "https://d111.cloudfront.net")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(
        t.send(anonymous).await.status,
        axum::http::StatusCode::UNAUTHORIZED
    );
}
