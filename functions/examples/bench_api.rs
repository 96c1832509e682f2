//! `cargo xtask bench api`: the local server over loopback, measured. Not a test: it prints
//! figures for a person to read and compare.
//!
//! 1. Submissions per second and p50/p99 latency at several concurrencies, against the
//!    real local server (axum + SQLite on disk) over loopback HTTP/1.1 keep-alive.
//! 2. In the same run, the raw SQLite insert rate of the same rows on the same disk: the
//!    rows the store wrote for each submission, read back and written again through
//!    rusqlite into the same tables and indexes, one transaction per submission (see
//!    `common/same_rows.rs`), and the ratio between the two.
//! 3. DynamoDB requests per submission, on the normal and the replay path, counted by an
//!    SDK interceptor against DynamoDB Local.

#[path = "common/mod.rs"]
mod common;

use common::same_rows::SameRows;
use feedback_functions::app::{App, SharedApp};
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::clock::SystemClock;
use feedback_functions::config::load_councils;
use feedback_functions::server::{LocalPaths, local_router};
use feedback_functions::store::dynamodb::DynamoStore;
use feedback_functions::store::sqlite::SqliteStore;
use feedback_shared::Calendar;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const BODY: &str = r#"{"kind":"complaint","service":"waste","what_happened":"My bin has been missed three weeks running.","when_happened":"2026-11-20","put_right":"Collect it and tell me why.","contact":{"name":"Rhian Evans","email":"rhian@example.com"},"language":"en"}"#;

/// The councils' configuration, copied into `dir` with the demo council's hourly limits
/// raised past what a benchmark sends (the submissions still pass every check and count).
/// [`BODY`] with a phone number in place of the email address.
const PHONE_BODY: &str = r#"{"kind":"complaint","service":"waste","what_happened":"My bin has been missed three weeks running.","when_happened":"2026-11-20","put_right":"Collect it and tell me why.","contact":{"name":"Rhian Evans","phone":"029 2087 2087"},"language":"en"}"#;

fn config_dir(dir: &std::path::Path) -> PathBuf {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    let config = dir.join("councils");
    std::fs::create_dir_all(&config).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, config.join(path.file_name().unwrap())).unwrap();
    }
    let demo = config.join("demo.toml");
    let text = std::fs::read_to_string(&demo).unwrap();
    std::fs::write(
        &demo,
        format!("{text}\n[limits]\nsubmissions_per_hour = 10000000\napi_key_submissions_per_hour = 10000000\n"),
    )
    .unwrap();
    config
}

/// An API key of the demo council, as a council's own server would send one.
async fn api_key(app: &App) -> String {
    let council = app.council("demo").unwrap();
    let manager = feedback_shared::OfficerId("bench".into());
    feedback_functions::cases::api_keys::issue(app, council, "benchmark", &manager)
        .await
        .unwrap()
        .key
}

/// One keep-alive HTTP/1.1 connection; just enough client for a benchmark.
struct Connection {
    stream: BufReader<TcpStream>,
}

impl Connection {
    async fn open(addr: std::net::SocketAddr) -> Self {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).ok();
        Connection {
            stream: BufReader::new(stream),
        }
    }

    async fn post(&mut self, path: &str, api_key: &str, key: &str, body: &str) -> u16 {
        let request = format!(
            "POST {path} HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\nx-api-key: {api_key}\r\nidempotency-key: {key}\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        self.stream
            .get_mut()
            .write_all(request.as_bytes())
            .await
            .expect("write");
        let mut status_line = String::new();
        self.stream
            .read_line(&mut status_line)
            .await
            .expect("status line");
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            self.stream.read_line(&mut line).await.expect("header");
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body).await.expect("body");
        status
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

async fn http_level(
    addr: std::net::SocketAddr,
    concurrency: usize,
    total: usize,
    run: usize,
    api_key: &str,
) -> (f64, Duration, Duration) {
    let per_worker = total / concurrency;
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|w| {
            let api_key = api_key.to_owned();
            tokio::spawn(async move {
                let mut conn = Connection::open(addr).await;
                let mut latencies = Vec::with_capacity(per_worker);
                for i in 0..per_worker {
                    let key = format!("bench-{run}-{w}-{i}");
                    let t = Instant::now();
                    let status = conn
                        .post("/v1/councils/demo/feedback", &api_key, &key, BODY)
                        .await;
                    latencies.push(t.elapsed());
                    assert_eq!(status, 201, "every submission is accepted");
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(total);
    for w in workers {
        latencies.extend(w.await.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    (
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
    )
}

/// DynamoDB requests per submission through the API's router (as the `api` Lambda runs
/// it: no client address, so no per-address limit is counted), on the normal path and
/// on a replay of the same idempotency key and body; with the operations behind them.
async fn dynamodb_requests_per_submission(
    endpoint: &str,
    config: &std::path::Path,
    submissions: usize,
) {
    let (client, counter) = common::counted_client(endpoint).await;
    let store = DynamoStore::new(client, format!("bench-{}", std::process::id()));
    store.create_table().await.unwrap();
    let app: SharedApp = Arc::new(App {
        councils: load_councils(config).unwrap(),
        calendar: Calendar::bundled(),
        store: Arc::new(store),
        clock: Arc::new(SystemClock),
        auth: Authenticator::ApiGatewayJwt,
        status_secret: SigningKey::generate(),
    });
    // The use case alone, as the store sees a submission (no admission, no email
    // allowance: the resident gave a phone number): the reference counter and one
    // transaction conditional on the idempotency key being unbound.
    let council = app.council("demo").unwrap();
    let before = counter.count();
    for i in 0..submissions {
        let form: feedback_shared::submission::FeedbackForm =
            serde_json::from_str(PHONE_BODY).unwrap();
        let new = feedback_functions::cases::NewSubmission {
            council,
            form,
            channel: feedback_shared::Channel::Web,
            received_at: app.clock.now(),
            actor: feedback_shared::case::Actor::Resident,
            idempotency: Some((format!("store-{i}"), "hash".into())),
            gate: feedback_functions::cases::limits::Gate::new(),
        };
        feedback_functions::cases::submit(&app, new).await.unwrap();
    }
    println!(
        "DynamoDB requests per submission, the store's part (counter + transaction): {:.2} (target: 2)",
        (counter.count() - before) as f64 / submissions as f64
    );

    let api_key = api_key(&app).await;
    let router = feedback_functions::api::router(app);
    let submit = |key: String, expected: u16| {
        let router = router.clone();
        let api_key = api_key.clone();
        async move {
            use tower::ServiceExt;
            let request = axum::http::Request::post("/v1/councils/demo/feedback")
                .header("content-type", "application/json")
                .header("idempotency-key", key)
                .header("x-api-key", api_key)
                .body(axum::body::Body::from(BODY))
                .unwrap();
            let response = router.oneshot(request).await.unwrap();
            assert_eq!(response.status(), expected);
        }
    };
    for (path, expected) in [("normal", 201), ("replay", 200)] {
        let before = counter.by_operation();
        for i in 0..submissions {
            submit(format!("dyn-{i}"), expected).await;
        }
        let after = counter.by_operation();
        let total: u64 = after.values().sum::<u64>() - before.values().sum::<u64>();
        let operations: Vec<String> = after
            .iter()
            .map(|(op, n)| (op, n - before.get(op).copied().unwrap_or(0)))
            .filter(|(_, n)| *n > 0)
            .map(|(op, n)| format!("{op} {:.2}", n as f64 / submissions as f64))
            .collect();
        println!(
            "DynamoDB requests per submission through the route (API key, limits, email allowance), {path} path: {:.2} [{}]",
            total as f64 / submissions as f64,
            operations.join(", ")
        );
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = common::arg(&args, "--dynamodb-endpoint");
    let total: usize = args
        .iter()
        .position(|a| a == "--requests")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);

    let dir = tempfile::tempdir().unwrap();
    let paths = LocalPaths {
        data: dir.path().to_owned(),
        config: config_dir(dir.path()),
        widget: dir.path().join("none"),
        bank_holidays: None,
    };
    // The local server's app, built here to keep hold of its SQLite store's counts.
    let store = SqliteStore::open(&paths.database()).unwrap();
    let signing = SigningKey::generate();
    let app: SharedApp = Arc::new(App {
        councils: load_councils(&paths.config).unwrap(),
        calendar: Calendar::bundled(),
        store: Arc::new(store.clone()),
        clock: Arc::new(SystemClock),
        auth: Authenticator::LocalKey(signing.clone()),
        status_secret: signing,
    });
    let key = api_key(&app).await;
    let router = local_router(app.clone(), &paths.widget);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    println!(
        "API benchmark: POST /v1/councils/demo/feedback on the local server (SQLite, WAL) over loopback"
    );
    println!(
        "{:>12} {:>10} {:>14} {:>10} {:>10}",
        "concurrency", "requests", "submissions/s", "p50 ms", "p99 ms"
    );
    let mut best = 0.0f64;
    for (run, concurrency) in [1usize, 4, 16, 64].into_iter().enumerate() {
        let (rate, p50, p99) = http_level(addr, concurrency, total, run, &key).await;
        best = best.max(rate);
        println!(
            "{concurrency:>12} {total:>10} {rate:>14.0} {:>10.2} {:>10.2}",
            p50.as_secs_f64() * 1000.0,
            p99.as_secs_f64() * 1000.0
        );
    }

    let (writes, transactions) = store.write_counts();
    println!(
        "SQLite writes per transaction in the API: {:.1} ({writes} writes in {transactions} transactions: concurrent writes share a commit)",
        writes as f64 / transactions.max(1) as f64
    );
    // The same rows the API stored, written raw.
    let same = SameRows::read(&paths.database(), "demo", total);
    let raw = same.write_raw(&dir.path().join("raw.sqlite3"));
    println!(
        "raw SQLite: {raw:.0} submissions/s ({} submissions of {:.1} rows each, the store's own tables and indexes, one transaction each, same disk)",
        same.len(),
        same.rows_per_submission()
    );
    println!(
        "best API rate / raw SQLite: {:.2}x (target: at least 0.5x)",
        best / raw
    );

    match endpoint {
        Some(endpoint) => dynamodb_requests_per_submission(&endpoint, &paths.config, 50).await,
        None => println!(
            "DynamoDB requests per submission: not measured (pass --dynamodb-endpoint; `cargo xtask bench api` does)"
        ),
    }
}
