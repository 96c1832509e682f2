//! `feedback signin` and the sign-in link `feedback serve` prints: each link's code, sent
//! to the real local server's `POST /v1/signin`, gives a token once.

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

/// Starts `feedback serve --port 0`; answers its address and the console sign-in link it
/// printed.
fn start(data: &Path) -> (Server, String, String) {
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    let mut child = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(["serve", "--port", "0", "--data"])
        .arg(data)
        .arg("--config")
        .arg(config)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let mut addr = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        let line = line.trim();
        if let Some(url) = line.strip_prefix("Demo council page: http://") {
            addr = Some(url.trim_end_matches('/').to_owned());
        }
        if let Some(link) = line.strip_prefix("Console sign-in:") {
            std::thread::spawn(move || lines.for_each(drop));
            let addr = addr.expect("the address comes before the link");
            return (server, addr, link.trim().to_owned());
        }
    }
    panic!("the server never printed a console sign-in link");
}

/// Exchanges the code in `link` at the server; answers the status and the JSON body.
fn exchange(addr: &str, link: &str) -> (u16, serde_json::Value) {
    let code = link
        .split_once("#signin=")
        .map(|(_, code)| code)
        .expect("a link ending in #signin=CODE");
    let body = serde_json::json!({ "code": code }).to_string();
    let mut stream = TcpStream::connect(addr).unwrap();
    let request = format!(
        "POST /v1/signin HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| serde_json::from_str(b).unwrap_or_default())
        .unwrap_or_default();
    (status, body)
}

fn signin(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_feedback"))
        .arg("signin")
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .unwrap()
}

#[test]
fn the_servers_banner_offers_a_demo_officer_a_link_that_works_once() {
    let data = tempfile::tempdir().unwrap();
    let (_server, addr, link) = start(data.path());
    assert!(
        link.starts_with(&format!("http://{addr}/console/#signin=")),
        "{link}"
    );

    let (status, body) = exchange(&addr, &link);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["name"], "Demo Officer");
    assert_eq!(body["councils"], serde_json::json!(["demo"]));
    assert_eq!(exchange(&addr, &link).0, 401);
}

#[test]
fn feedback_signin_prints_a_link_for_the_officer_it_names() {
    let data = tempfile::tempdir().unwrap();
    let (_server, addr, _) = start(data.path());
    let port = addr.rsplit_once(':').unwrap().1;
    let out = signin(
        data.path(),
        &[
            "--council",
            "demo",
            "--name",
            "Ann Jones",
            "--role",
            "manager",
            "--port",
            port,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(link.starts_with(&format!("http://127.0.0.1:{port}/console/#signin=")));

    let (status, body) = exchange(&addr, &link);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["officer"], "ann-jones");
    assert_eq!(body["role"], "manager");
    assert_eq!(exchange(&addr, &link).0, 401, "a link works once");

    // Issued as at ten minutes ago, it has already expired.
    let at = (time::OffsetDateTime::now_utc() - time::Duration::minutes(10))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let out = signin(data.path(), &["--council", "demo", "--at", &at]);
    assert!(out.status.success());
    let stale = String::from_utf8(out.stdout).unwrap();
    assert_eq!(exchange(&addr, stale.trim()).0, 401);
}

#[test]
fn feedback_signin_refuses_a_name_without_letters_or_a_bad_council() {
    let data = tempfile::tempdir().unwrap();
    let out = signin(data.path(), &["--council", "demo", "--name", "!!!"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--name"));
    let out = signin(data.path(), &["--council", "Not A Council"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--council"));
}
