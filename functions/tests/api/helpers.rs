use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use feedback_functions::app::{App, SharedApp};
use feedback_functions::auth::{Claims, Role, SigningKey};
use feedback_functions::clock::FixedClock;
use feedback_functions::server::{LocalPaths, local_app, local_router};
use feedback_functions::store::Store;
use feedback_shared::{CouncilId, OfficerId};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
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
    /// Counts submissions, to give each its own client address and form token.
    clients: AtomicU32,
    tokens_by_key: std::sync::Mutex<std::collections::HashMap<String, String>>,
    _data: TempDir,
    _config: Option<TempDir>,
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
    spawn_app_with_config(config_dir(), adjust)
}

/// As [`spawn_app`], with the demo council's `[limits]` set to `limits` (TOML lines).
pub fn spawn_app_with_limits(limits: &str) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("councils");
    std::fs::create_dir_all(&config).unwrap();
    for entry in std::fs::read_dir(config_dir()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, config.join(path.file_name().unwrap())).unwrap();
    }
    let demo = config.join("demo.toml");
    let text = std::fs::read_to_string(&demo).unwrap();
    std::fs::write(&demo, format!("{text}\n[limits]\n{limits}\n")).unwrap();
    let mut t = spawn_app_with_config(config, |_| {});
    t._config = Some(dir);
    t
}

fn spawn_app_with_config(config: PathBuf, adjust: impl FnOnce(&mut App)) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    let paths = LocalPaths {
        data: data.path().to_owned(),
        config,
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
        clients: AtomicU32::new(0),
        tokens_by_key: Default::default(),
        _data: data,
        _config: None,
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

    /// Submits `body` as a resident's browser does: from the council's origin, with a form
    /// token opened a minute ago (unless the body has its own), each submission from a
    /// different client address, so tests about other things meet no limit.
    pub async fn submit(&self, council: &str, key: &str, body: &Value) -> Reply {
        let mut body = body.clone();
        if body.get("form_token").is_none() {
            // The same key gets the same token, so a retry sends the same body.
            let token = self
                .tokens_by_key
                .lock()
                .unwrap()
                .entry(key.to_owned())
                .or_insert_with(|| self.form_token_opened(council, 60))
                .clone();
            body["form_token"] = json!(token);
        }
        let n = self.clients.fetch_add(1, Ordering::Relaxed);
        let client = SocketAddr::from(([10, 9, (n / 250) as u8, (n % 250) as u8 + 1], 40000));
        let origin = self.origin(council);
        let request = Request::builder()
            .method(Method::POST)
            .uri(format!("/v1/councils/{council}/feedback"))
            .header("idempotency-key", key)
            .header("origin", origin)
            .header("content-type", "application/json")
            .extension(ConnectInfo(client))
            .body(Body::from(serde_json::to_vec(&body).unwrap()))
            .unwrap();
        self.send(request).await
    }

    /// A genuine form token for `council`, issued long enough ago to pass the fill time,
    /// and each one different (so one token's use limit is not shared between calls).
    pub fn fresh_form_token(&self, council: &str) -> String {
        let n = self.clients.fetch_add(1, Ordering::Relaxed) as i64;
        self.form_token_opened(council, 60 + n)
    }

    /// A genuine form token for `council`, opened `seconds` ago.
    pub fn form_token_opened(&self, council: &str, seconds: i64) -> String {
        use feedback_functions::clock::Clock;
        let issued = self.clock.now() - time::Duration::seconds(seconds);
        self.app
            .form_token(&CouncilId::parse(council).unwrap(), issued)
    }

    /// The council's first allowed origin, as its web page would send.
    pub fn origin(&self, council: &str) -> String {
        self.app
            .council(council)
            .map_or("https://unknown.example".to_owned(), |c| {
                c.allowed_origins[0].clone()
            })
    }

    pub async fn act(&self, token: &str, reference: &str, action: Value) -> Reply {
        let uri = format!("/v1/councils/demo/cases/{reference}/actions");
        self.call(Method::POST, &uri, Some(token), &[], Some(&action))
            .await
    }

    /// Every message queued so far (a minute ahead of the test clock), handed to this
    /// test as a sender would be: the outbox as it stands.
    pub async fn queued_messages(&self) -> Vec<feedback_functions::outbox::OutboxMessage> {
        self.app
            .store
            .claim_outbox(
                feedback_functions::clock::Clock::now(self.clock.as_ref())
                    + time::Duration::minutes(1),
                "test",
                time::Duration::minutes(5),
                100,
            )
            .await
            .unwrap()
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, uri, token, &[], None).await
    }
}

/// The JSON `router` answers a GET of `path` with (any status).
pub async fn oneshot_json(router: &Router, path: &str) -> Value {
    let response = router
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}
