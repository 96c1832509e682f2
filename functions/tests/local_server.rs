//! The `feedback` binary as a council's developer first meets it: `serve` on a fresh data
//! folder creates its database and signing key, and `token` mints a token it accepts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

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

/// Starts `feedback serve --port 0` and reads the address it prints.
fn start(data: &Path) -> (Server, String) {
    start_with(data, &[])
}

fn start_with(data: &Path, extra: &[&str]) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(["serve", "--port", "0", "--data"])
        .arg(data)
        .args(extra)
        .arg("--config")
        .arg(config_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(url) = line.trim().strip_prefix("Demo council page: http://") {
            // Keep reading what it prints, as a terminal would.
            std::thread::spawn(move || lines.for_each(drop));
            return (server, url.trim_end_matches('/').to_owned());
        }
    }
    panic!("the server never printed its address");
}

/// A one-shot HTTP/1.1 request; returns the status and body.
fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let mut text = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    stream.write_all(text.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// `feedback token` for `role` at the demo council, on `data`, issued at `at` (or now).
fn mint(data: &Path, role: &str, at: Option<&str>) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedback"));
    command
        .args(["token", "--council", "demo", "--role", role])
        .args(["--name", "Ann Jones", "--data"])
        .arg(data);
    if let Some(at) = at {
        command.args(["--at", at]);
    }
    let out = command.output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// An API key for the demo council, issued by a manager as a council's developer would
/// get one for a server-to-server integration.
fn issue_api_key(addr: &str, data: &Path, at: Option<&str>) -> String {
    let bearer = format!("Bearer {}", mint(data, "manager", at));
    let (status, body) = request(
        addr,
        "POST",
        "/v1/councils/demo/api-keys",
        &[
            ("authorization", &bearer),
            ("content-type", "application/json"),
        ],
        r#"{"label":"CRM integration"}"#,
    );
    assert_eq!(status, 201, "{body}");
    let issued: serde_json::Value = serde_json::from_str(&body).unwrap();
    issued["key"].as_str().unwrap().to_owned()
}

#[test]
fn first_run_creates_its_state_and_accepts_minted_tokens() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().join("state");
    let (_server, addr) = start(&data_dir);
    assert!(
        data_dir.join("feedback.sqlite3").is_file(),
        "database created on first run"
    );
    assert!(
        data_dir.join("signing.key").is_file(),
        "signing key created on first run"
    );

    let (status, page) = request(&addr, "GET", "/", &[], "");
    assert_eq!(status, 200);
    assert!(page.contains("<council-feedback council=\"demo\" mode=\"inline\">"));
    let (status, page) = request(&addr, "GET", "/launcher", &[], "");
    assert_eq!(status, 200);
    assert!(page.contains("<council-feedback council=\"demo\" mode=\"launcher\">"));

    let complaint = r#"{"kind":"complaint","service":"waste","what_happened":"Missed bin","put_right":"Collect it","contact":{"name":"Ann","email":"ann@example.com"}}"#;
    // A server's submission without a key is refused; with one it lands.
    let mut headers = vec![
        ("content-type", "application/json"),
        ("idempotency-key", "curl-1"),
    ];
    let (status, body) = request(
        &addr,
        "POST",
        "/v1/councils/demo/feedback",
        &headers,
        complaint,
    );
    assert_eq!(status, 401, "{body}");
    let key = issue_api_key(&addr, &data_dir, None);
    headers.push(("x-api-key", &key));
    let (status, body) = request(
        &addr,
        "POST",
        "/v1/councils/demo/feedback",
        &headers,
        complaint,
    );
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("\"reference\":\"DEMO-"));

    let token = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args([
            "token",
            "--council",
            "demo",
            "--role",
            "officer",
            "--name",
            "Ann Jones",
            "--data",
        ])
        .arg(&data_dir)
        .output()
        .unwrap();
    assert!(token.status.success());
    let token = String::from_utf8(token.stdout).unwrap();
    let bearer = format!("Bearer {}", token.trim());
    let (status, body) = request(
        &addr,
        "GET",
        "/v1/councils/demo/cases",
        &[("authorization", &bearer)],
        "",
    );
    assert_eq!(status, 200);
    assert!(body.contains("\"status\":\"received\""));
    let (status, _) = request(
        &addr,
        "GET",
        "/v1/councils/aberwen/cases",
        &[("authorization", &bearer)],
        "",
    );
    assert_eq!(status, 403);
}

#[test]
fn a_bad_council_file_stops_the_server_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("demo.toml"), "id = \"demo\"\nname = 1\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(["serve", "--port", "0", "--data"])
        .arg(dir.path().join("data"))
        .arg("--config")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("demo.toml"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1);
}

/// Runs `feedback reminders --at AT` on `data` and returns its JSON report.
fn reminders_at(data: &Path, at: &str) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(["reminders", "--at", at, "--data"])
        .arg(data)
        .arg("--config")
        .arg(config_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn outbox(data: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.join("outbox"))
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn an_unacknowledged_complaint_reminds_then_escalates_in_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("state");
    {
        // Tuesday 24 November 2026: acknowledge by Tuesday 1 December.
        let (_server, addr) = start_with(&data, &["--clock", "2026-11-24T10:00:00Z"]);
        let complaint = r#"{"kind":"complaint","service":"waste","what_happened":"Missed bin","put_right":"Collect it","contact":{"name":"Ann","email":"ann@example.com"}}"#;
        // The server's clock is set back, so the manager's token is issued at its time.
        let key = issue_api_key(&addr, &data, Some("2026-11-24T10:00:00Z"));
        let headers = [
            ("content-type", "application/json"),
            ("idempotency-key", "k"),
            ("x-api-key", &key),
        ];
        let (status, _) = request(
            &addr,
            "POST",
            "/v1/councils/demo/feedback",
            &headers,
            complaint,
        );
        assert_eq!(status, 201);
    }
    // Before the first reminder point only the resident's acknowledgement goes out.
    assert_eq!(
        reminders_at(&data, "2026-11-26T17:00:00Z")["reminders_claimed"],
        0
    );
    assert_eq!(outbox(&data), ["demo-DEMO-2026-000001-v1-resident.eml"]);
    // Friday 27th at 08:05, two working days before: the reminder.
    assert_eq!(
        reminders_at(&data, "2026-11-27T08:05:00Z")["reminders_claimed"],
        1
    );
    assert_eq!(
        reminders_at(&data, "2026-11-27T12:00:00Z")["reminders_claimed"],
        0,
        "once"
    );
    // Wednesday 2 December, the first working day after: the overdue escalation.
    assert_eq!(
        reminders_at(&data, "2026-12-02T08:05:00Z")["reminders_claimed"],
        1
    );
    let files = outbox(&data);
    assert_eq!(
        files,
        [
            "demo-DEMO-2026-000001-v1-resident.eml",
            "demo-DEMO-2026-000001-v2-reminder.eml",
            "demo-DEMO-2026-000001-v3-overdue.eml"
        ]
    );
    let overdue = std::fs::read_to_string(data.join("outbox").join(&files[2])).unwrap();
    assert!(
        overdue.contains("To: complaints.manager@demo.example"),
        "{overdue}"
    );
}
