//! The attacks measured on the public API, run again against the real local server with
//! real concurrent clients, each from its own loopback address (Linux routes all of
//! 127.0.0.0/8 to the loopback interface, so a client can bind 127.0.x.y as its source).
//! Every figure is printed, and each attack must now be refused while a resident at a
//! normal pace is not.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Semaphore;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

fn start(data: &Path) -> (Server, SocketAddr) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(["serve", "--port", "0", "--data"])
        .arg(data)
        .arg("--config")
        .arg(config_dir())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = std::io::BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(url) = line.trim().strip_prefix("Demo council page: http://") {
            std::thread::spawn(move || lines.for_each(drop));
            return (server, url.trim_end_matches('/').parse().unwrap());
        }
    }
    panic!("the server never printed its address");
}

struct Answer {
    status: u16,
    retry_after: Option<String>,
    body: serde_json::Value,
}

/// One HTTP/1.1 request from the loopback address `from`.
async fn request(
    server: SocketAddr,
    from: Ipv4Addr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(IpAddr::V4(from), 0)).unwrap();
    let mut stream = socket.connect(server).await.unwrap();
    let mut text = format!(
        "{method} {path} HTTP/1.1\r\nhost: {server}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    stream.write_all(text.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let retry_after = head
        .lines()
        .find_map(|l| l.strip_prefix("retry-after: ").map(str::to_owned));
    Answer {
        status,
        retry_after,
        body: serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    }
}

const ORIGIN: &str = "http://127.0.0.1:8080";

fn complaint(email: &str, token: &str) -> String {
    serde_json::json!({
        "kind": "complaint", "service": "waste",
        "what_happened": "My bin has been missed three weeks running.",
        "put_right": "Collect it.",
        "contact": {"name": "Rhian Evans", "email": email},
        "form_token": token,
    })
    .to_string()
}

async fn form_token(server: SocketAddr, from: Ipv4Addr) -> String {
    let answer = request(server, from, "GET", "/v1/councils/demo", &[], "").await;
    assert_eq!(answer.status, 200);
    answer.body["form_token"].as_str().unwrap().to_owned()
}

/// Sends `count` submissions, `concurrency` at a time; `make(n)` gives each its source
/// address, headers and body. Returns every answer's status.
async fn flood(
    server: SocketAddr,
    count: usize,
    concurrency: usize,
    make: impl Fn(usize) -> (Ipv4Addr, Vec<(String, String)>, String),
) -> Vec<Answer> {
    let gate = Arc::new(Semaphore::new(concurrency));
    let mut tasks = Vec::new();
    for n in 0..count {
        let (from, headers, body) = make(n);
        let gate = gate.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            request(
                server,
                from,
                "POST",
                "/v1/councils/demo/feedback",
                &headers,
                &body,
            )
            .await
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

fn stored_cases(data: &Path) -> i64 {
    let db = rusqlite::Connection::open(data.join("feedback.sqlite3")).unwrap();
    db.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap()
}

/// Emails to `address`, queued or already written to the outbox folder.
fn emails_to(data: &Path, address: &str) -> usize {
    let db = rusqlite::Connection::open(data.join("feedback.sqlite3")).unwrap();
    let queued: i64 = db
        .query_row(
            "SELECT count(*) FROM outbox WHERE message LIKE ?1",
            [format!("%\"to\":[\"{address}\"]%")],
            |r| r.get(0),
        )
        .unwrap();
    let written = std::fs::read_dir(data.join("outbox"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| {
                    std::fs::read_to_string(e.path())
                        .is_ok_and(|t| t.contains(&format!("To: {address}")))
                })
                .count()
        })
        .unwrap_or(0);
    queued as usize + written
}

fn count(answers: &[Answer], status: u16) -> usize {
    answers.iter().filter(|a| a.status == status).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_measured_attacks_are_refused_and_a_resident_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("state");
    let (_server, server) = start(&data);

    // 1. No Origin, no token, no key: 400 complaints at 16 at a time.
    let answers = flood(server, 400, 16, |n| {
        let headers = vec![
            ("content-type".into(), "application/json".into()),
            ("idempotency-key".into(), format!("bare-{n}")),
        ];
        (
            Ipv4Addr::new(127, 0, 1, 1),
            headers,
            complaint("someone@example.com", ""),
        )
    })
    .await;
    eprintln!(
        "no Origin, no key: {} of 400 refused with 401",
        count(&answers, 401)
    );
    assert_eq!(count(&answers, 401), 400);
    assert_eq!(stored_cases(&data), 0);

    // Tokens for the next attacks and for a resident, then the minimum fill time.
    let attacker = Ipv4Addr::new(127, 0, 2, 1);
    let reused = form_token(server, attacker).await;
    let mut relay_tokens = Vec::new();
    for n in 0..20u8 {
        relay_tokens.push(form_token(server, Ipv4Addr::new(127, 0, 3, n + 1)).await);
    }
    let resident = Ipv4Addr::new(127, 0, 9, 9);
    let resident_token = form_token(server, resident).await;
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;

    // 2. One form token, 600 times, 16 at a time.
    let answers = flood(server, 600, 16, |n| {
        let headers = vec![
            ("content-type".into(), "application/json".into()),
            ("origin".into(), ORIGIN.into()),
            ("idempotency-key".into(), format!("reuse-{n}")),
        ];
        (attacker, headers, complaint("someone@example.com", &reused))
    })
    .await;
    let accepted = count(&answers, 201);
    eprintln!(
        "one token 600 times: {accepted} accepted, {} form-expired, {} rate-limited",
        count(&answers, 400),
        count(&answers, 429)
    );
    assert_eq!(accepted, 3, "a token carries three submissions");
    assert_eq!(accepted + count(&answers, 400) + count(&answers, 429), 600);
    assert_eq!(stored_cases(&data), 3);

    // 3. The mail relay: 40 complaints naming one victim, from 20 addresses.
    let answers = flood(server, 40, 16, |n| {
        let headers = vec![
            ("content-type".into(), "application/json".into()),
            ("origin".into(), ORIGIN.into()),
            ("idempotency-key".into(), format!("relay-{n}")),
        ];
        let from = Ipv4Addr::new(127, 0, 3, (n % 20) as u8 + 1);
        (
            from,
            headers,
            complaint("victim@example.com", &relay_tokens[n % 20]),
        )
    })
    .await;
    let victim_emails = emails_to(&data, "victim@example.com");
    eprintln!(
        "40 complaints naming one victim: {} stored, {victim_emails} emails to the victim",
        count(&answers, 201)
    );
    assert_eq!(count(&answers, 201), 40, "every case is kept");
    assert_eq!(victim_emails, 3);

    // 4. Guessing a reference's code: 200 guesses from one address.
    let guess = r#"{"reference":"DEMO-2026-000001","status_token":"AAAAAAAAAAAAAAAAAAAA"}"#;
    let gate = Arc::new(Semaphore::new(16));
    let mut tasks = Vec::new();
    for _ in 0..200 {
        let gate = gate.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            let headers = [("content-type", "application/json")];
            request(
                server,
                attacker,
                "POST",
                "/v1/councils/demo/status",
                &headers,
                guess,
            )
            .await
        }));
    }
    let mut guesses = Vec::new();
    for task in tasks {
        guesses.push(task.await.unwrap());
    }
    eprintln!(
        "200 status guesses: {} answered, {} rate-limited",
        count(&guesses, 404),
        count(&guesses, 429)
    );
    assert_eq!(count(&guesses, 404), 30);
    assert_eq!(count(&guesses, 429), 170);
    assert!(
        guesses
            .iter()
            .filter(|g| g.status == 429)
            .all(|g| g.retry_after.is_some())
    );

    // 5. Meanwhile a resident, at a normal pace, is never refused.
    let headers = [
        ("content-type", "application/json"),
        ("origin", ORIGIN),
        ("idempotency-key", "resident-1"),
    ];
    let body = complaint("rhian@example.com", &resident_token);
    let sent = request(
        server,
        resident,
        "POST",
        "/v1/councils/demo/feedback",
        &headers,
        &body,
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    let code = serde_json::json!({"reference": sent.body["reference"], "status_token": sent.body["status_token"]}).to_string();
    let status = request(
        server,
        resident,
        "POST",
        "/v1/councils/demo/status",
        &[("content-type", "application/json")],
        &code,
    )
    .await;
    assert_eq!(status.status, 200);
    assert_eq!(emails_to(&data, "rhian@example.com"), 1);
}
