//! The HTTP API: one axum router for the Lambda function and the local server alike.

mod annual;
mod client;
mod correct;
mod dashboard;
pub mod extract;
mod holds;
mod keys;
mod officer;
mod personal_data;
mod preview;
pub mod problem;
mod public;
mod restrictions;
mod signin;
mod templates;
pub mod views;

use crate::app::SharedApp;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
pub use correct::LocalCopies;
use feedback_shared::wire::{CaseSort, FieldProblem, Problem, SortOrder, StatusFilter};
use problem::{ApiError, problem_response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Council Feedback API", description = "Comments, compliments and complaints for UK councils, under the Ombudsman's Complaint Handling Code."),
    paths(
        public::council, public::submit_feedback, public::status, public::escalate, public::equality,
        openapi_json, health,
        officer::log_case, officer::list_cases, officer::case_counts, officer::get_case, officer::act_on_case, preview::preview_action, officer::configuration, officer::council_report, officer::partnership_report,
        dashboard::dashboard, dashboard::list_undelivered, dashboard::retry_undelivered,
        keys::list_api_keys, keys::issue_api_key, keys::revoke_api_key,
        holds::list_holds, holds::set_hold, holds::lift_hold,
        personal_data::search_person, personal_data::search_partnership, personal_data::export_bundle, personal_data::erase_case,
        correct::rectify_case, correct::redact_case,
        templates::list_templates, templates::add_template, templates::change_template, templates::remove_template,
        annual::annual_view, annual::save_annual,
        restrictions::list_restrictions, restrictions::record_restriction, restrictions::get_restriction, restrictions::review_restriction,
        signin::sign_in,
    ),
    // The queue's parameter types, named by its query's `value_type`s.
    components(schemas(Problem, FieldProblem, StatusFilter, CaseSort, SortOrder)),
    modifiers(&BearerAuth),
    tags((name = "public", description = "What residents reach through the widget"), (name = "operations", description = "For monitoring"), (name = "officer", description = "Bearer token for the council in the path"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The council id in a `/v1/councils/{council}/…` path.
fn council_in_path(path: &str) -> Option<&str> {
    path.strip_prefix("/v1/councils/")?.split('/').next()
}

/// CORS for the public routes: a browser may call a council's routes only from one of
/// that council's configured origins. This is the one place CORS is decided, locally and
/// in AWS alike: API Gateway answers none of it, and passes preflights to the function.
fn public_cors(app: SharedApp) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(
            move |origin: &HeaderValue, parts: &Parts| {
                let Some(council) =
                    council_in_path(parts.uri.path()).and_then(|id| app.council(id))
                else {
                    return false;
                };
                let origin = origin.to_str().unwrap_or_default();
                council
                    .allowed_origins
                    .iter()
                    .any(|allowed| allowed == origin)
            },
        ))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT_LANGUAGE,
            header::HeaderName::from_static("idempotency-key"),
        ])
        // The widget waits as long as a 429's Retry-After says before sending again.
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600))
}

/// CORS for the officer routes, where the console is served from another origin than the
/// API (in AWS: CloudFront, and API Gateway's address): a browser may call them from the
/// origin of any council's `console_url`. Officers authenticate with a bearer token, never
/// a cookie, so this lets the console read answers and nothing more.
fn officer_cors(app: SharedApp) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(
            move |origin: &HeaderValue, _: &Parts| {
                let origin = origin.to_str().unwrap_or_default();
                app.councils
                    .values()
                    .filter_map(|c| c.console_url.as_deref())
                    .any(|url| url_origin(url) == origin)
            },
        ))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::ETAG, header::LOCATION, header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600))
}

/// `scheme://host[:port]` of a URL (the whole of it if it has no path).
pub fn url_origin(url: &str) -> &str {
    let url = url.trim();
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

/// This document.
#[utoipa::path(get, path = "/v1/openapi.json", tag = "public",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json")))]
async fn openapi_json() -> impl IntoResponse {
    let json = ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    ([(header::CONTENT_TYPE, "application/json")], json)
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// A known path asked with a method it does not take. axum still adds the `Allow` header.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Whether the service is up, for load balancers and monitors.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Up", body = String, content_type = "text/plain")))]
async fn health() -> &'static str {
    "ok"
}

/// A panic becomes a plain 500 problem; its message goes to the log, not the client.
fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    tracing::error!(panic = %detail, "handler panicked");
    problem_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        &ApiError::Internal(String::new()).problem(),
    )
}

/// Every route of the API.
pub fn router(app: SharedApp) -> Router {
    let public = Router::new()
        .route("/v1/councils/{council}", get(public::council))
        .route(
            "/v1/councils/{council}/feedback",
            post(public::submit_feedback),
        )
        .route("/v1/councils/{council}/status", post(public::status))
        .route("/v1/councils/{council}/escalation", post(public::escalate))
        .route("/v1/councils/{council}/equality", post(public::equality))
        // Set before the CORS layer, so preflights still reach it.
        .method_not_allowed_fallback(method_not_allowed)
        .layer(public_cors(app.clone()));
    let officer = Router::new()
        .route(
            "/v1/councils/{council}/cases",
            get(officer::list_cases).post(officer::log_case),
        )
        .route(
            "/v1/councils/{council}/case-counts",
            get(officer::case_counts),
        )
        .route(
            "/v1/councils/{council}/cases/{reference}",
            get(officer::get_case),
        )
        .route(
            "/v1/councils/{council}/cases/{reference}/actions",
            post(officer::act_on_case),
        )
        .route(
            "/v1/councils/{council}/cases/{reference}/preview",
            post(preview::preview_action),
        )
        .route(
            "/v1/councils/{council}/configuration",
            get(officer::configuration),
        )
        .route(
            "/v1/councils/{council}/reports",
            get(officer::council_report),
        )
        .route(
            "/v1/councils/{council}/dashboard",
            get(dashboard::dashboard),
        )
        .route(
            "/v1/councils/{council}/outbox/undelivered",
            get(dashboard::list_undelivered),
        )
        .route(
            "/v1/councils/{council}/outbox/undelivered/{message}/retry",
            post(dashboard::retry_undelivered),
        )
        .route(
            "/v1/councils/{council}/api-keys",
            get(keys::list_api_keys).post(keys::issue_api_key),
        )
        .route(
            "/v1/councils/{council}/api-keys/{id}",
            delete(keys::revoke_api_key),
        )
        .route(
            "/v1/councils/{council}/templates",
            get(templates::list_templates).post(templates::add_template),
        )
        .route(
            "/v1/councils/{council}/templates/{id}",
            put(templates::change_template).delete(templates::remove_template),
        )
        .route("/v1/councils/{council}/holds", get(holds::list_holds))
        .route(
            "/v1/councils/{council}/restrictions",
            get(restrictions::list_restrictions).post(restrictions::record_restriction),
        )
        .route(
            "/v1/councils/{council}/restrictions/{restriction}",
            get(restrictions::get_restriction),
        )
        .route(
            "/v1/councils/{council}/restrictions/{restriction}/review",
            post(restrictions::review_restriction),
        )
        .route(
            "/v1/councils/{council}/annual/{year}",
            get(annual::annual_view).put(annual::save_annual),
        )
        .route(
            "/v1/councils/{council}/cases/{reference}/hold",
            put(holds::set_hold).delete(holds::lift_hold),
        )
        .route(
            "/v1/partnerships/{partnership}/reports",
            get(officer::partnership_report),
        )
        .route(
            "/v1/councils/{council}/personal-data/search",
            post(personal_data::search_person),
        )
        .route(
            "/v1/partnerships/{partnership}/personal-data/search",
            post(personal_data::search_partnership),
        )
        .route(
            "/v1/councils/{council}/personal-data/export",
            post(personal_data::export_bundle),
        )
        .route(
            "/v1/councils/{council}/cases/{reference}/erasure",
            post(personal_data::erase_case),
        )
        .route(
            "/v1/councils/{council}/cases/{reference}/rectification",
            post(correct::rectify_case),
        )
        .route(
            "/v1/councils/{council}/cases/{reference}/redaction",
            post(correct::redact_case),
        );
    // Layered here, after every officer route is added; the fallback first, so preflights
    // still reach the layer.
    let officer = officer
        .method_not_allowed_fallback(method_not_allowed)
        .layer(officer_cors(app.clone()));
    Router::new()
        .merge(public)
        .merge(officer)
        .route("/v1/signin", post(signin::sign_in))
        .route("/v1/openapi.json", get(openapi_json))
        .route("/healthz", get(health))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(CatchPanicLayer::custom(panic_response))
        // Answers carry personal data: no cache keeps them.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(security_headers())
        .with_state(app)
}

/// The headers every response carries, API or not: no content sniffing and no referrer.
pub fn security_headers() -> tower::layer::util::Stack<
    SetResponseHeaderLayer<HeaderValue>,
    SetResponseHeaderLayer<HeaderValue>,
> {
    tower::layer::util::Stack::new(
        SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
    )
}
