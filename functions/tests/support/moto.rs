//! DynamoDB for tests: one moto server per test process (or the one `cargo xtask test`
//! started, named by `FEEDBACK_DYNAMODB_ENDPOINT`), and a fresh table for each store.
//!
//! Nothing here can reach real AWS: the client has a fixed region, fixed fake credentials
//! and a local endpoint.

// Each test binary includes all of `support` but may use only part of it.
#![allow(dead_code)]

use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::config::{Credentials, Region};
use feedback_functions::store::dynamodb::DynamoStore;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// Set by `cargo xtask test` to the moto server it started.
pub const ENDPOINT_VAR: &str = "FEEDBACK_DYNAMODB_ENDPOINT";

const STARTUP_LIMIT: Duration = Duration::from_secs(20);

/// A store on a new, empty table of its own.
pub async fn dynamo_store() -> DynamoStore {
    static TABLES: AtomicU32 = AtomicU32::new(0);
    let table = format!(
        "cases-{}-{}",
        TABLES.fetch_add(1, Ordering::Relaxed),
        std::process::id()
    );
    let store = DynamoStore::new(client().await, table);
    store
        .create_table()
        .await
        .unwrap_or_else(|e| panic!("could not create the test table: {e}"));
    store
}

/// A DynamoDB client for the test endpoint.
pub async fn client() -> aws_sdk_dynamodb::Client {
    let config = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("eu-west-2"))
        .credentials_provider(Credentials::new("test", "test", None, None, "test"))
        .endpoint_url(endpoint())
        .load()
        .await;
    aws_sdk_dynamodb::Client::new(&config)
}

/// The endpoint: `FEEDBACK_DYNAMODB_ENDPOINT`, or a moto server started for this process.
pub fn endpoint() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| match std::env::var(ENDPOINT_VAR) {
        Ok(endpoint) if !endpoint.trim().is_empty() => endpoint.trim().to_owned(),
        _ => start_moto(),
    })
}

fn moto_server_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the functions crate lives inside the workspace")
        .join("target/pyenv/bin/moto_server")
}

/// moto's own server (`moto_server`) answers requests on many threads, and its
/// `TransactWriteItems` checks the conditions and writes without a lock, so two
/// transactions at once could both pass a condition that DynamoDB would let only one pass
/// (seen here: one reminder claimed by both of two overlapping jobs). This runs the same
/// moto application one request at a time, which is what DynamoDB's conditions promise
/// each transaction; the tests' concurrency then checks the adapter's conditions, not
/// moto's threading. (Amazon's DynamoDB Local is the real fix; see issue 17.)
const SERIAL_MOTO: &str = r#"
import os, sys
from werkzeug.serving import run_simple
from moto.server import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
os.environ.setdefault("MOTO_PORT", sys.argv[2])
run_simple(sys.argv[1], int(sys.argv[2]), DomainDispatcherApplication(create_backend_app),
           threaded=False, request_handler=MotoRequestHandler)
"#;

/// Starts moto on a free local port and waits until it accepts connections.
///
/// moto runs under a small shell that stops it when its stdin closes. The write end of
/// that pipe is kept for the life of the process, so when the test process exits (however
/// it exits) the server goes too instead of outliving it.
fn start_moto() -> String {
    static KEEPALIVE: OnceLock<ChildStdin> = OnceLock::new();
    let bin = moto_server_bin();
    let python = bin.with_file_name("python");
    if !bin.is_file() {
        panic!(
            "moto_server not found: run `cargo xtask test` once to install it (looked for {}; or set {ENDPOINT_VAR})",
            bin.display()
        );
    }
    let port = free_port();
    let mut child = Command::new("sh")
        .args([
            "-c",
            r#""$1" -c "$2" 127.0.0.1 "$3" </dev/null >/dev/null 2>&1 & pid=$!; read -r _; kill "$pid"; wait "$pid""#,
            "moto-keeper",
        ])
        .arg(&python)
        .arg(SERIAL_MOTO)
        .arg(port.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", bin.display()));
    let stdin = child.stdin.take().expect("stdin is piped");
    let _ = KEEPALIVE.set(stdin);
    // The shell is reaped by init when this process exits; nothing waits for it here.
    drop(child);

    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let deadline = Instant::now() + STARTUP_LIMIT;
    loop {
        match TcpStream::connect_timeout(&address, Duration::from_millis(200)) {
            Ok(_) => return format!("http://{address}"),
            Err(e) if Instant::now() >= deadline => {
                panic!(
                    "moto_server did not accept connections on {address} within {STARTUP_LIMIT:?}: {e}"
                )
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// A port nothing is listening on just now.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a local port");
    listener.local_addr().expect("a bound address").port()
}
