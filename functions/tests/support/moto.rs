//! SES for tests: one moto server per test process (or the one named by
//! `FEEDBACK_MOTO_ENDPOINT`). DynamoDB tests run on Amazon's DynamoDB Local instead
//! (`dynamodb.rs`): moto is lenient where DynamoDB is strict.

// Each test binary includes all of `support` but may use only part of it.
#![allow(dead_code)]

use super::kept;
use std::sync::OnceLock;
use std::time::Duration;

/// An already running moto server to use instead of starting one.
pub const ENDPOINT_VAR: &str = "FEEDBACK_MOTO_ENDPOINT";

/// The endpoint: `FEEDBACK_MOTO_ENDPOINT`, or a moto server started for this process.
pub fn endpoint() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| match std::env::var(ENDPOINT_VAR) {
        Ok(endpoint) if !endpoint.trim().is_empty() => endpoint.trim().to_owned(),
        _ => start_moto(),
    })
}

fn start_moto() -> String {
    let python = kept::workspace_root().join("target/pyenv/bin/python");
    if !python.with_file_name("moto_server").is_file() {
        panic!(
            "moto_server not found: run `cargo xtask test` once to install it (looked in {}; or set {ENDPOINT_VAR})",
            python.parent().unwrap_or(&python).display()
        );
    }
    let port = kept::free_port();
    kept::start(
        "moto-keeper",
        kept::workspace_root(),
        &python,
        [
            "-m".to_owned(),
            "moto.server".to_owned(),
            "-H".to_owned(),
            "127.0.0.1".to_owned(),
            "-p".to_owned(),
            port.to_string(),
        ],
        port,
        Duration::from_secs(20),
    )
}
