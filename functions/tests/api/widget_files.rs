//! The widget's files as the local server sends them to a council's page on another
//! origin: CORS for the councils' origins only, the build's brotli and gzip copies chosen
//! by `Accept-Encoding`, and caching by whether the name is content-hashed.

use crate::helpers::spawn_app;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use feedback_functions::server::local_router;
use feedback_functions::widget_files::{HASHED_CACHE_CONTROL, LOADER_CACHE_CONTROL};
use std::io::{Read as _, Write as _};
use std::path::Path;
use tower::ServiceExt;

const WASM: &str = "feedback-widget_bg.0123456789.wasm";
const CSS: &str = "widget.0123456789.css";
const GLUE: &str = "feedback-widget.0123456789.js";

/// A demo council origin (`config/councils/demo.toml`), and one no council allows.
const ALLOWED: &str = "http://localhost:8080";
const REFUSED: &str = "https://evil.example";

/// Writes `name` holding `bytes` into `dir` with its `.gz` and `.br` copies, as
/// `cargo xtask build widget` does; returns the bytes.
fn write_with_copies(dir: &Path, name: &str, bytes: Vec<u8>) -> Vec<u8> {
    std::fs::write(dir.join(name), &bytes).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    gz.write_all(&bytes).unwrap();
    std::fs::write(dir.join(format!("{name}.gz")), gz.finish().unwrap()).unwrap();
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).unwrap();
    std::fs::write(dir.join(format!("{name}.br")), br).unwrap();
    bytes
}

/// A built widget's folder: the loader, the glue, the wasm (not valid wasm, but bytes a
/// server must not change) and the CSS.
struct Widget {
    dir: tempfile::TempDir,
    loader: Vec<u8>,
    wasm: Vec<u8>,
    css: Vec<u8>,
}

fn widget() -> Widget {
    let dir = tempfile::tempdir().unwrap();
    let loader = write_with_copies(
        dir.path(),
        "widget.js",
        format!("(()=>{{const GLUE='{GLUE}';const WASM='{WASM}';}})();\n")
            .repeat(20)
            .into_bytes(),
    );
    write_with_copies(dir.path(), GLUE, b"export default 1;\n".repeat(40));
    let wasm = write_with_copies(
        dir.path(),
        WASM,
        (0..20_000u32).map(|i| (i % 251) as u8 ^ 0x5a).collect(),
    );
    let css = write_with_copies(
        dir.path(),
        CSS,
        b".cf-root{color:#0b0c0c;background:#fff}\n".repeat(50),
    );
    Widget {
        dir,
        loader,
        wasm,
        css,
    }
}

async fn get(widget: &Widget, path: &str, headers: &[(&str, &str)]) -> (Response, Vec<u8>) {
    let t = spawn_app();
    let router = local_router(t.app.clone(), widget.dir.path());
    let mut request = Request::builder().uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    (Response::from_parts(parts, Body::empty()), bytes.to_vec())
}

fn header(response: &Response, name: header::HeaderName) -> Option<&str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Every `Vary` value, lower-cased, whether in one header or several.
fn vary(response: &Response) -> Vec<String> {
    response
        .headers()
        .get_all(header::VARY)
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect()
}

#[tokio::test]
async fn a_councils_origin_may_read_the_files_and_another_may_not() {
    let widget = widget();
    // The CSS (fetch), the glue (a module script) and the wasm (fetch for streaming
    // compilation) are CORS requests; the loader is a classic script, which needs none,
    // but answers the same.
    for name in ["widget.js", GLUE, WASM, CSS] {
        let path = format!("/widget/{name}");
        let (allowed, _) = get(&widget, &path, &[("origin", ALLOWED)]).await;
        assert_eq!(allowed.status(), StatusCode::OK, "{name}");
        assert_eq!(
            header(&allowed, header::ACCESS_CONTROL_ALLOW_ORIGIN),
            Some(ALLOWED),
            "{name}"
        );
        assert!(vary(&allowed).contains(&"origin".to_owned()), "{name}");

        let (refused, body) = get(&widget, &path, &[("origin", REFUSED)]).await;
        // The file is sent (a classic script may still use it), but no browser lets the
        // other origin's page read it.
        assert_eq!(refused.status(), StatusCode::OK, "{name}");
        assert!(!body.is_empty());
        assert_eq!(
            header(&refused, header::ACCESS_CONTROL_ALLOW_ORIGIN),
            None,
            "{name}"
        );
    }
}

#[tokio::test]
async fn another_councils_origin_is_allowed_too() {
    // The files are the same for every council: an origin any council lists may read them.
    let t = crate::helpers::spawn_app_adjusted(|app| {
        let other = app
            .councils
            .values_mut()
            .find(|c| c.id.as_str() != "demo")
            .expect("a second sample council");
        other.allowed_origins = vec!["https://www.other.gov.uk".into()];
    });
    let widget = widget();
    let router = local_router(t.app.clone(), widget.dir.path());
    let response = router
        .oneshot(
            Request::builder()
                .uri(format!("/widget/{CSS}"))
                .header("origin", "https://www.other.gov.uk")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        header(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN),
        Some("https://www.other.gov.uk")
    );
}

#[tokio::test]
async fn brotli_then_gzip_then_identity_by_accept_encoding() {
    let widget = widget();
    for (name, original) in [
        ("widget.js", &widget.loader),
        (WASM, &widget.wasm),
        (CSS, &widget.css),
    ] {
        let path = format!("/widget/{name}");
        let (br, body) = get(&widget, &path, &[("accept-encoding", "br, gzip")]).await;
        assert_eq!(header(&br, header::CONTENT_ENCODING), Some("br"), "{name}");
        assert!(body.len() < original.len(), "{name}: not smaller");
        let mut plain = Vec::new();
        brotli::Decompressor::new(&body[..], 4096)
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(&plain, original, "{name}: brotli");

        let (gz, body) = get(&widget, &path, &[("accept-encoding", "gzip")]).await;
        assert_eq!(
            header(&gz, header::CONTENT_ENCODING),
            Some("gzip"),
            "{name}"
        );
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&body[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(&plain, original, "{name}: gzip");

        for accept in [None, Some("identity"), Some("deflate")] {
            let headers: Vec<(&str, &str)> =
                accept.map(|a| ("accept-encoding", a)).into_iter().collect();
            let (identity, body) = get(&widget, &path, &headers).await;
            assert_eq!(identity.status(), StatusCode::OK);
            assert_eq!(header(&identity, header::CONTENT_ENCODING), None, "{name}");
            assert_eq!(&body, original, "{name}: {accept:?}");
            assert!(vary(&identity).contains(&"accept-encoding".to_owned()));
        }
        for response in [&br, &gz] {
            // Caches keep one copy per encoding.
            assert!(
                vary(response).contains(&"accept-encoding".to_owned()),
                "{name}"
            );
        }
    }
    // The type is the file's, not the copy's: browsers compile wasm while it streams in
    // only when it comes as application/wasm.
    let (wasm, _) = get(
        &widget,
        &format!("/widget/{WASM}"),
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(
        header(&wasm, header::CONTENT_TYPE),
        Some("application/wasm")
    );
    let (css, _) = get(
        &widget,
        &format!("/widget/{CSS}"),
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(header(&css, header::CONTENT_TYPE), Some("text/css"));
}

#[tokio::test]
async fn hashed_files_are_kept_a_year_and_the_loader_five_minutes() {
    let widget = widget();
    for name in [GLUE, WASM, CSS] {
        for encoding in ["br", "gzip", "identity"] {
            let (response, _) = get(
                &widget,
                &format!("/widget/{name}"),
                &[("accept-encoding", encoding)],
            )
            .await;
            assert_eq!(
                header(&response, header::CACHE_CONTROL),
                Some(HASHED_CACHE_CONTROL),
                "{name} {encoding}"
            );
        }
    }
    assert_eq!(HASHED_CACHE_CONTROL, "public, max-age=31536000, immutable");
    for encoding in ["br", "gzip", "identity"] {
        let (loader, _) = get(
            &widget,
            "/widget/widget.js",
            &[("accept-encoding", encoding)],
        )
        .await;
        assert_eq!(
            header(&loader, header::CACHE_CONTROL),
            Some(LOADER_CACHE_CONTROL),
            "{encoding}"
        );
    }
    assert_eq!(LOADER_CACHE_CONTROL, "public, max-age=300");
    // A file not (yet) there is not remembered as missing.
    let (missing, _) = get(&widget, "/widget/feedback-widget_bg.ffffffffff.wasm", &[]).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&missing, header::CACHE_CONTROL), None);
}
