//! The widget's files on the local server, served as a CDN serves them in AWS (the SAM
//! template's CloudFront policies), so that the README's embed snippet works from a page
//! on another origin and the local figures are the figures residents would get:
//!
//! - CORS for the councils' `allowed_origins` (the same lists the public API answers):
//!   the loader is a classic `<script src>`, which needs none, but it `fetch`es the CSS,
//!   `import()`s the glue (a module script: always CORS) and the glue `fetch`es the wasm
//!   for streaming compilation; all three are refused across origins without it.
//! - The brotli and gzip files `cargo xtask build widget` writes beside each file
//!   (`name.br`, `name.gz`), chosen by `Accept-Encoding`, with `Vary: Accept-Encoding`.
//! - `Cache-Control`: a year and `immutable` for the content-hashed files, five minutes
//!   for the loader, which keeps its name so that a release reaches pages quickly.

use crate::app::SharedApp;
use axum::Router;
use axum::http::{HeaderValue, Method, Response, StatusCode, header, request::Parts};
use std::path::Path;
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The loader's name: the one file whose name does not change from release to release.
pub const LOADER: &str = "widget.js";

/// Every other file's name carries a hash of its content, so it may be kept for ever.
pub const HASHED_CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// The loader names the current hashed files; pages pick up a release within this.
pub const LOADER_CACHE_CONTROL: &str = "public, max-age=300";

/// The router for `dir` (`dist/widget`), to nest at `/widget`.
pub fn router(app: SharedApp, dir: &Path) -> Router {
    let loader = ServiceBuilder::new()
        .layer(cache_control(LOADER_CACHE_CONTROL))
        .service(
            ServeFile::new(dir.join(LOADER))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let hashed = ServiceBuilder::new()
        .layer(cache_control(HASHED_CACHE_CONTROL))
        .service(ServeDir::new(dir).precompressed_br().precompressed_gzip());
    Router::new()
        .route_service(&format!("/{LOADER}"), loader)
        .fallback_service(hashed)
        .layer(cors(app))
}

/// `Cache-Control: value` on a file served (or found unchanged); never on an error, so
/// that a file asked for before it was uploaded is not remembered as missing for a year.
fn cache_control<B>(
    value: &'static str,
) -> SetResponseHeaderLayer<impl FnMut(&Response<B>) -> Option<HeaderValue> + Clone> {
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, move |response: &Response<B>| {
        matches!(
            response.status(),
            StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
        )
        .then(|| HeaderValue::from_static(value))
    })
}

/// CORS for any origin that some council allows to call its public routes: the files are
/// the same for every council, so the union of their `allowed_origins`.
fn cors(app: SharedApp) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(
            move |origin: &HeaderValue, _: &Parts| {
                let origin = origin.to_str().unwrap_or_default();
                app.councils
                    .values()
                    .flat_map(|council| &council.allowed_origins)
                    .any(|allowed| allowed == origin)
            },
        ))
        .allow_methods([Method::GET, Method::HEAD])
        .max_age(std::time::Duration::from_secs(86_400))
}
