//! The local server killed with SIGKILL in the middle of a burst of submissions, then
//! started again on the same data, several times over. Every submission a client saw
//! answered with a 2xx must be there afterwards, with its receipt event and its queued
//! acknowledgement; retrying the others under the same Idempotency-Key must never make a
//! second case; and the SQLite file must pass its integrity check.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Concurrent clients sending submissions.
const CLIENTS: usize = 8;
/// Load, SIGKILL and restart this many times before the final checks.
const ROUNDS: usize = 3;
/// The council's allowed origin (the demo council's configuration), which a browser sends.
const ORIGIN: &str = "http://127.0.0.1:8080";

/// The bundled councils, with the demo council's public-edge limits raised: this test
/// is about crashes, and its eight clients share one address and one form token, which the
/// real limits (tested in `abuse.rs` and `api/limits.rs`) would soon refuse.
fn load_test_config(data: &Path) -> PathBuf {
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    let config = data.with_extension("councils");
    if config.is_dir() {
        return config;
    }
    std::fs::create_dir_all(&config).expect("the config folder is made");
    for entry in std::fs::read_dir(&bundled).expect("the bundled councils read") {
        let path = entry.expect("a council file").path();
        std::fs::copy(&path, config.join(path.file_name().expect("a file name")))
            .expect("a council file copies");
    }
    let demo = config.join("demo.toml");
    let text = std::fs::read_to_string(&demo).expect("demo.toml reads");
    let limits = "\n[limits]\nform_token_uses = 1000000\nsubmissions_per_address_hour = 1000000\nsubmissions_per_hour = 1000000\n";
    std::fs::write(&demo, format!("{text}{limits}")).expect("demo.toml writes");
    config
}

struct Server {
    child: Child,
    addr: String,
}

impl Server {
    /// Starts `feedback serve --port 0` on `data` and reads the address it prints.
    fn start(data: &Path) -> Server {
        let config = load_test_config(data);
        let mut child = Command::new(env!("CARGO_BIN_EXE_feedback"))
            .args(["serve", "--port", "0", "--data"])
            .arg(data)
            .arg("--config")
            .arg(config)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the feedback binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        // Killed when dropped, whatever happens next.
        let mut server = Server {
            child,
            addr: String::new(),
        };
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref() {
            let line = line.expect("the server's banner reads");
            if let Some(url) = line.trim().strip_prefix("Demo council page: http://") {
                std::thread::spawn(move || lines.for_each(drop));
                server.addr = url.trim_end_matches('/').to_owned();
                return server;
            }
        }
        panic!("the server never printed its address");
    }

    /// SIGKILL: no graceful shutdown, no chance to finish a write.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL is delivered");
        self.child.wait().expect("the killed server is reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response as a client saw it; `None` when the connection died before a whole answer.
struct Answer {
    status: u16,
    retry_after: Option<u64>,
    body: String,
}

/// One HTTP/1.1 request on its own connection.
fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<Answer> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    let mut text = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    stream.write_all(text.as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = String::from_utf8(response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let retry_after = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("retry-after")
            .then(|| value.trim().parse().ok())?
    });
    // A body cut short by the kill is no answer.
    let length: Option<usize> = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())?
    });
    if length.is_some_and(|n| n != body.len()) {
        return None;
    }
    Some(Answer {
        status,
        retry_after,
        body: body.to_owned(),
    })
}

/// A submission as one client sent it: the key and the exact body, to send again.
#[derive(Clone)]
struct Submission {
    key: String,
    body: String,
}

impl Submission {
    fn new(client: usize, n: usize, form_token: &str) -> Submission {
        let body = serde_json::json!({
            "kind": "complaint",
            "service": "waste",
            "what_happened": format!("Bin missed again (client {client}, submission {n})."),
            "put_right": "Collect it",
            "contact": {"name": "Ann Jones", "email": format!("ann{client}.{n}@example.com")},
            "form_token": form_token,
        });
        Submission {
            key: format!("crash-{client}-{n}-{}", std::process::id()),
            body: body.to_string(),
        }
    }

    /// Sends it once; the reference when the server answered 2xx.
    fn send(&self, addr: &str) -> Result<String, Option<Answer>> {
        let answer = request(
            addr,
            "POST",
            "/v1/councils/demo/feedback",
            &[
                ("content-type", "application/json"),
                ("origin", ORIGIN),
                ("idempotency-key", &self.key),
            ],
            &self.body,
        );
        match answer {
            Some(a) if (200..300).contains(&a.status) => {
                let json: serde_json::Value =
                    serde_json::from_str(&a.body).expect("a 2xx answer is JSON");
                Ok(json["reference"]
                    .as_str()
                    .expect("a 2xx answer has the reference")
                    .to_owned())
            }
            other => Err(other),
        }
    }
}

/// The form token from the council's description, which the widget sends back.
fn form_token(addr: &str) -> String {
    let answer = request(addr, "GET", "/v1/councils/demo", &[("origin", ORIGIN)], "")
        .expect("the council's description is answered");
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    json["form_token"]
        .as_str()
        .expect("the description has a form token")
        .to_owned()
}

/// What every client saw, keyed by Idempotency-Key.
#[derive(Default)]
struct Ledger {
    submissions: BTreeMap<String, Submission>,
    acknowledged: BTreeMap<String, String>,
}

/// `CLIENTS` clients submitting until the server dies under them; the server is killed
/// once `kill_after` submissions have been acknowledged in this round.
fn load_then_kill(
    server: Server,
    token: &str,
    round: usize,
    kill_after: usize,
    ledger: &Mutex<Ledger>,
) {
    let addr = server.addr.clone();
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (addr, stop, acked) = (addr.clone(), stop.clone(), acked.clone());
            let token = token.to_owned();
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let submission = Submission::new(client, round * 100_000 + n, &token);
                    let result = submission.send(&addr);
                    match &result {
                        Ok(_) => {
                            acked.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(Some(a)) if a.status == 429 => std::thread::sleep(
                            Duration::from_millis(1000 * a.retry_after.unwrap_or(1).min(5)),
                        ),
                        Err(Some(a)) => panic!("a submission was refused: {} {}", a.status, a.body),
                        // The server died under it: stop, the round is over.
                        Err(None) => {
                            seen.push((submission, None));
                            break;
                        }
                    }
                    seen.push((submission, result.ok()));
                }
                seen
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    while acked.load(Ordering::Relaxed) < kill_after {
        assert!(
            Instant::now() < deadline,
            "too few submissions were answered within 60 s"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    server.kill();
    stop.store(true, Ordering::Relaxed);
    let mut ledger = ledger.lock().unwrap();
    for client in clients {
        for (submission, reference) in client.join().expect("a client thread panicked") {
            if let Some(reference) = reference {
                ledger
                    .acknowledged
                    .insert(submission.key.clone(), reference);
            }
            ledger
                .submissions
                .insert(submission.key.clone(), submission);
        }
    }
}

fn officer_token(data: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(["token", "--council", "demo", "--role", "officer", "--data"])
        .arg(data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// The server's SQLite file, opened beside it: what is on disk, whatever the API says.
fn database(data: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(data.join("feedback.sqlite3")).expect("the database opens")
}

#[test]
fn every_acknowledged_submission_survives_sigkill_and_retries_make_no_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ledger = Mutex::new(Ledger::default());

    let mut server = Server::start(&data);
    let token = form_token(&server.addr);
    // A person takes at least five seconds over the form; so must the clients.
    std::thread::sleep(Duration::from_millis(5_200));
    for round in 0..ROUNDS {
        // Killed at a different point of the burst each round.
        load_then_kill(server, &token, round, 40 + 70 * round, &ledger);
        server = Server::start(&data);
    }
    let ledger = ledger.into_inner().unwrap();
    let acknowledged: BTreeSet<&String> = ledger.acknowledged.values().collect();
    assert_eq!(
        acknowledged.len(),
        ledger.acknowledged.len(),
        "two keys were answered with one reference"
    );
    assert!(
        ledger.submissions.len() > ledger.acknowledged.len(),
        "some submissions were in flight at a kill"
    );

    // Every acknowledged case, read through the officer API of the restarted server.
    let bearer = format!("Bearer {}", officer_token(&data));
    for reference in &acknowledged {
        let answer = request(
            &server.addr,
            "GET",
            &format!("/v1/councils/demo/cases/{reference}"),
            &[("authorization", &bearer)],
            "",
        )
        .expect("the restarted server answers");
        assert_eq!(
            answer.status, 200,
            "acknowledged {reference} is lost: {}",
            answer.body
        );
        let case: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(
            case["timeline"][0]["action"], "receive",
            "{reference} has no receipt event: {case}"
        );
    }

    // Its acknowledgement to the resident: queued in the outbox, or already written out
    // by the restarted server's first run of the scheduled work.
    let queued: BTreeSet<String> = {
        let db = database(&data);
        let mut ids = db.prepare("SELECT id FROM outbox").unwrap();
        ids.query_map([], |row| row.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let written: BTreeSet<String> = std::fs::read_dir(data.join("outbox"))
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter_map(|name| name.strip_suffix(".eml").map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for reference in &acknowledged {
        let id = format!("demo-{reference}-v1-resident");
        assert!(
            queued.contains(&id) || written.contains(&id),
            "{reference}'s acknowledgement was neither queued nor sent"
        );
    }

    // Every submission sent again under its own key: the acknowledged ones answer with
    // their case, the others with the one case they made (before the kill or now).
    for (key, submission) in &ledger.submissions {
        let started = Instant::now();
        let reference = loop {
            match submission.send(&server.addr) {
                Ok(reference) => break reference,
                Err(Some(a)) if a.status == 429 && started.elapsed() < Duration::from_secs(120) => {
                    std::thread::sleep(Duration::from_secs(a.retry_after.unwrap_or(1).min(5)));
                }
                Err(Some(a)) => panic!("the retry of {key} was refused: {} {}", a.status, a.body),
                Err(None) => panic!("the retry of {key} got no answer"),
            }
        };
        if let Some(first) = ledger.acknowledged.get(key) {
            assert_eq!(&reference, first, "the retry of {key} made another case");
        }
        // A second retry answers the same again.
        assert_eq!(submission.send(&server.addr).ok(), Some(reference));
    }

    let db = database(&data);
    let cases: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM cases WHERE council = 'demo'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let keys: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM idempotency WHERE council = 'demo'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let bound: i64 = db
        .query_row(
            "SELECT COUNT(DISTINCT reference) FROM idempotency WHERE council = 'demo'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        keys as usize,
        ledger.submissions.len(),
        "every key is bound once"
    );
    assert_eq!(bound, keys, "no two keys share a case");
    assert_eq!(cases, keys, "one case per key, no duplicate and no orphan");
    let receipts: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM events WHERE council = 'demo' AND version = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(receipts, cases, "every case has its receipt event");
    let integrity: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    eprintln!(
        "crash: {ROUNDS} SIGKILLs, {} submissions, {} acknowledged and checked, {cases} cases",
        ledger.submissions.len(),
        acknowledged.len()
    );
    drop(server);
}
