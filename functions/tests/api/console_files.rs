//! The local server serves the built console at `/console/`: every path of the app is
//! its one `index.html`, under a Content-Security-Policy that lets nothing inline run.

use crate::helpers::spawn_app;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use feedback_functions::server::{CONSOLE_CSP, local_router_serving};
use tower::ServiceExt;

async fn get(router: &axum::Router, path: &str) -> (StatusCode, String, String, String) {
    let response = router
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (status, csp, kind) = (
        response.status(),
        header(header::CONTENT_SECURITY_POLICY),
        header(header::CONTENT_TYPE),
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (
        status,
        csp,
        kind,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn every_console_path_is_its_page_and_its_files_are_served() {
    let t = spawn_app();
    let console = tempfile::tempdir().unwrap();
    std::fs::write(
        console.path().join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    std::fs::create_dir_all(console.path().join("assets/fonts")).unwrap();
    std::fs::write(console.path().join("assets/fonts/bold.woff2"), b"font").unwrap();
    let widget = console.path().join("no-widget");
    let router = local_router_serving(t.app.clone(), &widget, Some(console.path()));

    for path in [
        "/console/",
        "/console",
        "/console/cases/DEMO-2026-000001",
        "/console/log",
    ] {
        let (status, csp, kind, body) = get(&router, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(csp, CONSOLE_CSP, "{path}");
        assert!(kind.starts_with("text/html"), "{path}: {kind}");
        assert!(body.contains("<title>console</title>"), "{path}");
    }
    let (status, _, kind, body) = get(&router, "/console/assets/fonts/bold.woff2").await;
    assert_eq!(
        (status, kind.as_str(), body.as_str()),
        (StatusCode::OK, "font/woff2", "font")
    );
    assert!(!CONSOLE_CSP.contains("unsafe-inline"));
    // The API is still the API.
    let (status, _, _, _) = get(&router, "/v1/councils/demo/cases").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn without_a_built_console_there_is_no_console_route() {
    let t = spawn_app();
    let missing = tempfile::tempdir().unwrap();
    let router = local_router_serving(
        t.app.clone(),
        &missing.path().join("no-widget"),
        Some(&missing.path().join("no-console")),
    );
    let (status, _, kind, _) = get(&router, "/console/").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(kind, "application/problem+json");
}
