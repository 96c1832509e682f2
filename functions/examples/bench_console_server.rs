//! `cargo xtask bench console` (its browser half): the local server's router over cases
//! that `bench_queue --keep` loaded, for `tests/browser/bench/console-timing.mjs`.
//!
//! It is `feedback serve` without the scheduled work: the reminder job would claim the
//! overdue cases' reminders (and write their emails) while the pages are being timed.
//! On SQLite the app is built by `server::local_app`, exactly as `feedback serve` builds
//! it; with `--dynamodb-endpoint` and `--table` the store is that DynamoDB table, and the
//! data folder holds only the signing key that `feedback signin --data` signs links with.
//!
//!   bench_console_server --data DIR --console dist/console [--config config/councils]
//!       [--dynamodb-endpoint URL --table NAME]
//!
//! Prints `Demo council page: http://127.0.0.1:PORT/` once listening, as `feedback serve`
//! does, and serves until killed.

#[path = "common/mod.rs"]
mod common;

use feedback_functions::app::{App, SharedApp};
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::calendar_source::load_calendar;
use feedback_functions::clock::SystemClock;
use feedback_functions::config::load_councils;
use feedback_functions::server::{LocalPaths, local_app, local_router_serving};
use feedback_functions::store::dynamodb::DynamoStore;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// The app over the DynamoDB table `table`, signing as the data folder's key.
async fn dynamodb_app(paths: &LocalPaths, endpoint: &str, table: String) -> SharedApp {
    let (client, _counter) = common::counted_client(endpoint).await;
    let key = SigningKey::load_or_create(&paths.signing_key()).expect("the signing key");
    Arc::new(App {
        councils: load_councils(&paths.config).expect("the councils"),
        calendar: load_calendar(None).expect("the bundled calendar"),
        store: Arc::new(DynamoStore::new(client, table)),
        clock: Arc::new(SystemClock),
        auth: Authenticator::LocalKey(key.clone()),
        status_secret: key,
    })
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let required =
        |name: &str| common::arg(&args, name).unwrap_or_else(|| panic!("{name} is required"));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let paths = LocalPaths {
        data: PathBuf::from(required("--data")),
        config: common::arg(&args, "--config")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("config/councils")),
        // No widget: the console is what is timed.
        widget: PathBuf::new(),
        bank_holidays: None,
    };
    let console = PathBuf::from(required("--console"));
    let app = match common::arg(&args, "--dynamodb-endpoint") {
        Some(endpoint) => dynamodb_app(&paths, &endpoint, required("--table")).await,
        None => local_app(&paths, Arc::new(SystemClock)).expect("the SQLite app"),
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("listen on loopback");
    let addr = listener.local_addr().expect("the address");
    let router = local_router_serving(app, &paths.widget, Some(&console));
    let mut out = std::io::stdout();
    let _ = writeln!(out, "Demo council page: http://{addr}/").and_then(|()| out.flush());
    // The socket's peer address is the client address the per-address limits count.
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service).await.expect("serve");
}
