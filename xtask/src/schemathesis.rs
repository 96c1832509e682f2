//! The API attacked from its own OpenAPI document: schemathesis generates requests for
//! every operation of `/v1/openapi.json` on the local server (a fresh data folder, a free
//! port), once with an officer's token and once with a complaints manager's, and fails on
//! any 5xx, any status, content type or body the document does not give for that
//! operation, and any error that is not problem+json (`tests/schemathesis/hooks.py`).

use crate::python::{SCHEMATHESIS, ensure_tools, venv_program};
use crate::workspace::{cargo, run_step, target_dir, workspace_root};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

/// The checks every response is held to; `problem_json_errors` is the hooks file's.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
response_schema_conformance,problem_json_errors";

/// Fewer generated requests than this in all and the step fails: a run that tested little
/// proves little.
const MIN_REQUESTS: u64 = 1_000;

/// The same seed each run, so a failure in CI is the failure you get locally.
const SEED: &str = "20261124";

/// A `feedback serve` on a free port, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn feedback_bin(root: &Path) -> PathBuf {
    target_dir(root)
        .join("debug")
        .join(format!("feedback{}", std::env::consts::EXE_SUFFIX))
}

fn start_server(root: &Path, data: &Path) -> Result<Server, String> {
    let mut child = Command::new(feedback_bin(root))
        .args(["serve", "--port", "0", "--data"])
        .arg(data)
        .arg("--config")
        .arg(root.join("config").join("councils"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start feedback serve: {e}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    let mut server = Server {
        child,
        url: String::new(),
    };
    for line in lines.by_ref() {
        let line = line.map_err(|e| format!("feedback serve: {e}"))?;
        if let Some(url) = line.trim().strip_prefix("Demo council page: ") {
            server.url = url.trim_end_matches('/').to_owned();
            // Keep reading what it prints, as a terminal would.
            std::thread::spawn(move || lines.for_each(drop));
            return Ok(server);
        }
    }
    Err("feedback serve stopped before printing its address".into())
}

/// A token `feedback token` mints for the demo council with `role`.
fn token(root: &Path, data: &Path, role: &str) -> Result<String, String> {
    let out = Command::new(feedback_bin(root))
        .args(["token", "--council", "demo", "--role", role, "--name"])
        .arg(format!("Schemathesis {role}"))
        .arg("--data")
        .arg(data)
        .output()
        .map_err(|e| format!("feedback token: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "feedback token failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// One schemathesis run: the requests it sent, and whether every check held.
struct Run {
    requests: u64,
    passed: bool,
}

/// `schemathesis run` against the server with `bearer`, on the operations `filter`
/// selects; passes its output through and counts the requests it sent.
fn run(
    label: &str,
    config: &Path,
    server: &Server,
    bearer: &str,
    filter: &[&str],
    max_examples: u32,
    report: &Path,
) -> Result<Run, String> {
    let root = workspace_root();
    let mut cmd = Command::new(venv_program("schemathesis"));
    cmd.arg("--config-file")
        .arg(config)
        .arg("run")
        .arg(format!("{}/v1/openapi.json", server.url))
        .args(["--checks", CHECKS])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--max-examples", &max_examples.to_string()])
        .args(["--seed", SEED])
        // One worker: Hypothesis's caches are not thread-safe, and two workers now and then
        // failed with a Hypothesis error, not a finding.
        .args(["--workers", "1"])
        .args(["--request-timeout", "10"])
        .args(["--generation-database", "none"])
        .args(["--suppress-health-check", "all"])
        .arg("--continue-on-failure")
        .args(["--header", &format!("Authorization: Bearer {bearer}")])
        .args(["--report", "ndjson"])
        .arg("--report-ndjson-path")
        .arg(report)
        .args(["--no-color", "--output-truncate", "false"])
        .args(filter)
        .env(
            "SCHEMATHESIS_HOOKS",
            root.join("tests/schemathesis/hooks.py"),
        )
        // No telemetry leaves the machine.
        .env("SCHEMATHESIS_TELEMETRY", "false")
        .current_dir(report.parent().expect("the report is in a folder"));
    eprintln!("==> schemathesis: {label}");
    let status = cmd
        .status()
        .map_err(|e| format!("schemathesis: could not start: {e}"))?;
    let requests = count_requests(report)?;
    eprintln!("==> schemathesis: {label}: {requests} requests sent");
    Ok(Run {
        requests,
        passed: status.success(),
    })
}

/// The requests schemathesis sent, read from its NDJSON event log: the interactions each
/// finished scenario recorded.
fn count_requests(report: &Path) -> Result<u64, String> {
    let text = std::fs::read_to_string(report)
        .map_err(|e| format!("schemathesis wrote no report at {}: {e}", report.display()))?;
    let mut requests = 0;
    for line in text.lines() {
        let event: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{}: a line is not JSON: {e}", report.display()))?;
        if let Some(interactions) =
            event["ScenarioFinished"]["recorder"]["interactions"].as_object()
        {
            requests += interactions.len() as u64;
        }
    }
    Ok(requests)
}

/// One request to the server; the status and the body.
fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<(u16, serde_json::Value), String> {
    let addr = server.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
    let mut text = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    stream
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("{method} {path}: no status in {head:?}"))?;
    Ok((
        status,
        serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    ))
}

/// Cases for schemathesis to find: a complaint (acknowledged, answered), a comment and a
/// compliment, so the reads, the status page and the escalation have something to answer
/// with. Their references and status codes go into its dictionaries.
fn seed(
    server: &Server,
    officer: &str,
    manager: &str,
) -> Result<(Vec<String>, Vec<String>), String> {
    let bearer = format!("Bearer {officer}");
    // Submitted server to server, as a council's own system does: with an API key.
    let (status, issued) = request(
        server,
        "POST",
        "/v1/councils/demo/api-keys",
        &[("authorization", &format!("Bearer {manager}"))],
        r#"{"label":"schemathesis seed"}"#,
    )?;
    if status != 201 {
        return Err(format!(
            "issuing an API key was answered {status}: {issued}"
        ));
    }
    let api_key = issued["key"].as_str().unwrap_or_default().to_owned();
    let (mut references, mut codes) = (Vec::new(), Vec::new());
    for (n, kind) in ["complaint", "complaint", "comment", "compliment"]
        .iter()
        .enumerate()
    {
        let body = serde_json::json!({
            "kind": kind,
            "service": "waste",
            "what_happened": "The bin was missed again.",
            "put_right": "Collect it.",
            "contact": {"name": "Ann Jones", "email": "ann@example.com"},
        });
        let key = format!("seed-{n}");
        let (status, answer) = request(
            server,
            "POST",
            "/v1/councils/demo/feedback",
            &[("idempotency-key", &key), ("x-api-key", &api_key)],
            &body.to_string(),
        )?;
        if status != 201 {
            return Err(format!("seeding a {kind} was answered {status}: {answer}"));
        }
        references.push(answer["reference"].as_str().unwrap_or_default().to_owned());
        codes.push(
            answer["status_token"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
        if n == 0 {
            let reference = &references[0];
            let today = answer["received_on"].as_str().unwrap_or_default();
            let path = format!("/v1/councils/demo/cases/{reference}/actions");
            for action in [
                serde_json::json!({"action": "acknowledge", "on": today}),
                serde_json::json!({"action": "respond", "response": {
                    "responded_on": today, "outcome": "upheld", "reasons": "We missed it."}}),
            ] {
                let (status, answer) = request(
                    server,
                    "POST",
                    &path,
                    &[("authorization", &bearer)],
                    &action.to_string(),
                )?;
                if status != 200 {
                    return Err(format!("seeding: {action} was answered {status}: {answer}"));
                }
            }
        }
    }
    Ok((references, codes))
}

/// Schemathesis's configuration: where values come from for the path and body members
/// that name things (councils, cases, status codes), so most requests reach the routes'
/// logic rather than a 404; the rest stay generated.
fn config_file(references: &[String], codes: &[String]) -> String {
    let list = |values: &[String]| {
        values
            .iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut references = references.to_vec();
    references.push("DEMO-2026-999999".into());
    format!(
        r#"[dictionaries.councils]
values = ["demo", "aberwen", "north-glen", "nowhere"]

[dictionaries.partnerships]
values = ["demo-partnership", "nowhere"]

[dictionaries.references]
values = [{references}]

[dictionaries.codes]
values = [{codes}]

[parameters]
"path.council" = {{ dictionary = "councils", probability = 0.9 }}
"path.partnership" = {{ dictionary = "partnerships", probability = 0.8 }}
"path.reference" = {{ dictionary = "references", probability = 0.8 }}
"body.reference" = {{ dictionary = "references", probability = 0.8 }}
"body.status_token" = {{ dictionary = "codes", probability = 0.8 }}
"#,
        references = list(&references),
        codes = list(codes),
    )
}

/// Runs the attack; `Ok(requests)` when every check held on every request.
pub fn test() -> Result<u64, String> {
    let started = Instant::now();
    let root = workspace_root();
    ensure_tools(&[SCHEMATHESIS])?;
    let mut build = cargo();
    build.args([
        "build",
        "--package",
        "feedback-functions",
        "--bin",
        "feedback",
    ]);
    run_step("build the feedback binary", build)?;

    let dir = target_dir(&root).join("schemathesis");
    let data = dir.join("data");
    // A fresh data folder each run: no case from an earlier run steers this one.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let server = start_server(&root, &data)?;
    let officer = token(&root, &data, "officer")?;
    let manager = token(&root, &data, "manager")?;
    let (references, codes) = seed(&server, &officer, &manager)?;
    let config = dir.join("schemathesis.toml");
    std::fs::write(&config, config_file(&references, &codes))
        .map_err(|e| format!("{}: {e}", config.display()))?;

    // Residents' and officers' routes with an officer's token (the managers' routes then
    // answer 403, which is documented); then the officers' routes again with a manager's,
    // so the configuration and the reports are reached too.
    let runs = [
        run(
            "every operation, as an officer",
            &config,
            &server,
            &officer,
            &[],
            100,
            &dir.join("officer.ndjson"),
        )?,
        run(
            "officers' operations, as a complaints manager",
            &config,
            &server,
            &manager,
            &["--include-tag", "officer"],
            100,
            &dir.join("manager.ndjson"),
        )?,
    ];
    drop(server);
    let requests: u64 = runs.iter().map(|r| r.requests).sum();
    let failed = runs.iter().filter(|r| !r.passed).count();
    println!(
        "schemathesis: {requests} requests in {} runs, {failed} failed, in {:.0} s",
        runs.len(),
        started.elapsed().as_secs_f64()
    );
    if failed > 0 {
        return Err(format!(
            "schemathesis found failures in {failed} of {} runs (see above)",
            runs.len()
        ));
    }
    if requests < MIN_REQUESTS {
        return Err(format!(
            "schemathesis sent {requests} requests, fewer than the {MIN_REQUESTS} required"
        ));
    }
    Ok(requests)
}
