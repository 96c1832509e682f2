use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use feedback_functions::app::{App, SharedApp};
use feedback_functions::auth::{Claims, Role, SigningKey};
use feedback_functions::clock::FixedClock;
use feedback_functions::server::{LocalPaths, local_app, local_router};
use feedback_functions::store::Store;
use feedback_shared::{CouncilId, OfficerId};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use tempfile::TempDir;
use time::OffsetDateTime;
use time::macros::datetime;
use tower::ServiceExt;

/// Tuesday 24 November 2026, 10:00 GMT.
pub const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 UTC);

pub struct TestApp {
    #[allow(dead_code)] // kept so tests can reach the store directly when they need to
    pub app: SharedApp,
    pub router: Router,
    pub clock: Arc<FixedClock>,
    key: SigningKey,
    _data: TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The fields named in a problem's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect()
    }
}

pub fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

/// A local app on SQLite in a fresh temp dir, with the clock stopped at [`NOW`].
pub fn spawn_app() -> TestApp {
    spawn_app_adjusted(|_| {})
}

/// [`spawn_app`] with its cases in `store` (DynamoDB on moto, say) instead.
pub fn spawn_app_with_store(store: Arc<dyn Store>) -> TestApp {
    spawn_app_adjusted(|app| app.store = store)
}

/// [`spawn_app`] with the app changed by `adjust` before it serves anything.
pub fn spawn_app_adjusted(adjust: impl FnOnce(&mut App)) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    let paths = LocalPaths {
        data: data.path().to_owned(),
        config: config_dir(),
        widget: data.path().join("no-widget"),
        bank_holidays: None,
    };
    let clock = Arc::new(FixedClock::new(NOW));
    let mut app = local_app(&paths, clock.clone()).unwrap();
    adjust(Arc::get_mut(&mut app).expect("the app is not shared yet"));
    let router = local_router(app.clone(), &paths.widget);
    let key = SigningKey::load_or_create(&paths.signing_key()).unwrap();
    TestApp {
        app,
        router,
        clock,
        key,
        _data: data,
    }
}

/// A complaint about bins that passes validation.
pub fn complaint() -> Value {
    json!({
        "kind": "complaint",
        "service": "waste",
        "what_happened": "My bin has been missed three weeks running.",
        "when_happened": "2026-11-20",
        "put_right": "Collect it and tell me why it keeps happening.",
        "contact": {"name": "Rhian Evans", "email": "rhian@example.com"},
        "language": "en"
    })
}

impl TestApp {
    pub fn token(&self, council: &str, role: Role, officer: &str) -> String {
        self.token_at(council, role, officer, self.clock_now())
    }

    pub fn token_at(&self, council: &str, role: Role, officer: &str, issued: i64) -> String {
        let claims = Claims::new(
            OfficerId(officer.to_owned()),
            officer.to_owned(),
            CouncilId::parse(council).unwrap(),
            role,
            issued,
        );
        self.key.mint(&claims)
    }

    pub fn mint(&self, claims: &Claims) -> String {
        self.key.mint(claims)
    }

    fn clock_now(&self) -> i64 {
        use feedback_functions::clock::Clock;
        self.clock.now().unix_timestamp()
    }

    /// Sends `request` through the router, and checks the answer against the OpenAPI
    /// document (see `contract.rs`).
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let (method, uri) = (request.method().clone(), request.uri().to_string());
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        let reply = Reply {
            status,
            headers,
            body,
        };
        crate::contract::check(&method, &uri, &reply);
        reply
    }

    pub async fn call(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = match body {
            Some(json) => {
                request = request.header("content-type", "application/json");
                Body::from(serde_json::to_vec(json).unwrap())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }

    pub async fn submit(&self, council: &str, key: &str, body: &Value) -> Reply {
        let uri = format!("/v1/councils/{council}/feedback");
        self.call(
            Method::POST,
            &uri,
            None,
            &[("idempotency-key", key)],
            Some(body),
        )
        .await
    }

    pub async fn act(&self, token: &str, reference: &str, action: Value) -> Reply {
        let uri = format!("/v1/councils/demo/cases/{reference}/actions");
        self.call(Method::POST, &uri, Some(token), &[], Some(&action))
            .await
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, uri, token, &[], None).await
    }
}
