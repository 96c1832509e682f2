//! `cargo xtask bench lambda`: the Lambda zips' sizes, and each function's cold start
//! measured on this machine.
//!
//! A cold start here is the time from starting the native release binary to the moment
//! it hands back its first event's response, through a minimal Lambda Runtime API served
//! on loopback (the same HTTP protocol Lambda's own runtime interface speaks). The
//! functions reach DynamoDB in moto. The `api` function's first event is a resident's
//! submission, so the figure includes the AWS SDK's first connection and the three
//! requests a submission makes; the `reminders` function's is the scheduler's `{}`.
//!
//! What this leaves out is Lambda's own part (fetching and unpacking the zip, starting the
//! micro-VM), which AWS reports as the difference between `Init Duration` and this.

use crate::python::Moto;
use crate::workspace::{cargo, run_step, target_dir, workspace_root};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const USAGE: &str = "usage: cargo xtask bench lambda [--runs N] [--no-zips]";

/// How long one start may take before it counts as a failure.
const LIMIT: Duration = Duration::from_secs(30);

/// The table the functions use in moto.
const TABLE: &str = "cold-start";

pub fn bench(args: &[String]) -> Result<(), String> {
    let mut runs = 5;
    let mut zips = true;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--runs" => {
                runs = rest
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n: &usize| n > 0)
                    .ok_or(USAGE)?;
            }
            "--no-zips" => zips = false,
            _ => return Err(USAGE.into()),
        }
    }
    let root = workspace_root();
    let sizes = if zips {
        crate::lambda::build()?
            .into_iter()
            .map(|b| (b.name, Some(b.bytes)))
            .collect()
    } else {
        crate::lambda::FUNCTIONS
            .iter()
            .map(|&f| {
                let zip = crate::lambda::zip_path(&root, f);
                (f, std::fs::metadata(zip).ok().map(|m| m.len()))
            })
            .collect::<Vec<_>>()
    };

    let mut build = cargo();
    build.args(["build", "--release", "--package", "feedback-functions"]);
    for function in crate::lambda::FUNCTIONS {
        build.args(["--bin", function]);
    }
    run_step("build the functions natively (release)", build)?;
    let binaries = target_dir(&root).join("release");

    let moto = Moto::start()?;
    create_table(&moto.endpoint)?;

    println!(
        "\nCold starts on this machine ({} runs each; process start to first response):",
        runs
    );
    println!(
        "  {:<10} {:>12} {:>16} {:>20}",
        "function", "zip bytes", "init (median)", "first event (median)"
    );
    for (function, bytes) in sizes {
        let mut starts = Vec::with_capacity(runs);
        for run in 0..runs {
            let start = cold_start(&binaries.join(function), function, run, &moto.endpoint)
                .map_err(|e| format!("{function}: {e}"))?;
            starts.push(start);
        }
        let init = median(starts.iter().map(|s| s.init).collect());
        let first = median(starts.iter().map(|s| s.first_event).collect());
        let all: Vec<String> = starts
            .iter()
            .map(|s| format!("{:.1}", ms(s.first_event)))
            .collect();
        println!(
            "  {:<10} {:>12} {:>13.1} ms {:>17.1} ms   (each: {} ms)",
            function,
            bytes.map_or("not built".into(), |b| b.to_string()),
            ms(init),
            ms(first),
            all.join(", ")
        );
    }
    Ok(())
}

/// One measured start.
struct Start {
    /// Until the runtime first asked for an event: the function's own initialisation.
    init: Duration,
    /// Until it returned that event's response.
    first_event: Duration,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

/// Starts `binary` against a fresh Runtime API holding one event, and times it.
fn cold_start(binary: &Path, function: &str, run: usize, dynamodb: &str) -> Result<Start, String> {
    let event = match function {
        "api" => submission_event(run),
        _ => "{}".to_owned(),
    };
    let api = RuntimeApi::start(event)?;
    let root = workspace_root();
    let mut cmd = Command::new(binary);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(lambda_environment(function, &api.address, dynamodb, &root))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let result = api.wait(started);
    let _ = child.kill();
    let mut log = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut log);
    }
    let _ = child.wait();
    api.stop();
    result.map_err(|e| format!("{e}\n{log}"))
}

/// The environment Lambda and the SAM template give the function, pointed at moto.
fn lambda_environment(
    function: &str,
    runtime_api: &str,
    dynamodb: &str,
    root: &Path,
) -> Vec<(String, String)> {
    let pairs = [
        ("AWS_LAMBDA_RUNTIME_API", runtime_api.to_owned()),
        ("AWS_LAMBDA_FUNCTION_NAME", format!("feedback-{function}")),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".into()),
        (
            "AWS_LAMBDA_LOG_GROUP_NAME",
            format!("/aws/lambda/feedback-{function}"),
        ),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "cold-start".into()),
        ("AWS_REGION", "eu-west-2".into()),
        ("AWS_DEFAULT_REGION", "eu-west-2".into()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_SESSION_TOKEN", "test".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ("AWS_ENDPOINT_URL_DYNAMODB", dynamodb.to_owned()),
        ("AWS_ENDPOINT_URL_SESV2", dynamodb.to_owned()),
        ("TABLE_NAME", TABLE.into()),
        ("STATUS_TOKEN_SECRET", "ab".repeat(32)),
        (
            "FEEDBACK_CONFIG",
            root.join("config/councils").to_string_lossy().into_owned(),
        ),
        ("FEEDBACK_BANK_HOLIDAYS", String::new()),
        ("SES_CONFIGURATION_SET", String::new()),
        ("RUST_LOG", "warn".into()),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// An API Gateway HTTP API (payload v2) event: a complaint to the demo council.
fn submission_event(run: usize) -> String {
    let body = r#"{"kind":"complaint","service":"waste","what_happened":"My bin has been missed three weeks running.","when_happened":"2026-11-20","put_right":"Collect it.","contact":{"name":"Rhian Evans","email":"rhian@example.com"},"language":"en"}"#;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    format!(
        r#"{{"version":"2.0","routeKey":"POST /v1/councils/{{council}}/feedback","rawPath":"/v1/councils/demo/feedback","rawQueryString":"","headers":{{"content-type":"application/json","host":"abc123.execute-api.eu-west-2.amazonaws.com","idempotency-key":"cold-start-{now}-{run}","x-forwarded-proto":"https"}},"requestContext":{{"accountId":"123456789012","apiId":"abc123","domainName":"abc123.execute-api.eu-west-2.amazonaws.com","domainPrefix":"abc123","http":{{"method":"POST","path":"/v1/councils/demo/feedback","protocol":"HTTP/1.1","sourceIp":"192.0.2.1","userAgent":"cold-start"}},"requestId":"cold-start-{run}","routeKey":"POST /v1/councils/{{council}}/feedback","stage":"$default","time":"24/Nov/2026:10:00:00 +0000","timeEpoch":{now}}},"body":{body:?},"isBase64Encoded":false}}"#
    )
}

/// Creates the table in moto with DynamoDB's JSON protocol (moto does not check
/// signatures), keyed as `DynamoStore::create_table` and the template key it.
fn create_table(endpoint: &str) -> Result<(), String> {
    let body = format!(
        r#"{{"TableName":"{TABLE}","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{{"AttributeName":"pk","AttributeType":"S"}},{{"AttributeName":"sk","AttributeType":"S"}},{{"AttributeName":"due_day","AttributeType":"S"}},{{"AttributeName":"due_sk","AttributeType":"S"}}],"KeySchema":[{{"AttributeName":"pk","KeyType":"HASH"}},{{"AttributeName":"sk","KeyType":"RANGE"}}],"GlobalSecondaryIndexes":[{{"IndexName":"due-index","KeySchema":[{{"AttributeName":"due_day","KeyType":"HASH"}},{{"AttributeName":"due_sk","KeyType":"RANGE"}}],"Projection":{{"ProjectionType":"ALL"}}}}]}}"#
    );
    let address = endpoint.trim_start_matches("http://");
    let mut stream =
        TcpStream::connect(address).map_err(|e| format!("cannot reach moto at {address}: {e}"))?;
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.CreateTable\r\nAuthorization: AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("moto: {e}"))?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| format!("moto: {e}"))?;
    if response.starts_with("HTTP/1.1 200") || response.starts_with("HTTP/1.0 200") {
        Ok(())
    } else {
        Err(format!(
            "moto refused CreateTable: {}",
            response.lines().next().unwrap_or("")
        ))
    }
}

/// What the runtime told the Runtime API.
enum Report {
    AskedForEvent(Instant),
    Responded(Instant, String),
    Failed(String),
}

/// A one-event Lambda Runtime API on a loopback port.
struct RuntimeApi {
    address: String,
    reports: Receiver<Report>,
    stopping: Arc<AtomicBool>,
}

impl RuntimeApi {
    fn start(event: String) -> Result<RuntimeApi, String> {
        let listener =
            TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("no local address: {e}"))?
            .to_string();
        let (tx, reports) = channel();
        let stopping = Arc::new(AtomicBool::new(false));
        let event = Arc::new(Mutex::new(Some(event)));
        let stop = stopping.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (tx, event, stop) = (tx.clone(), event.clone(), stop.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, &tx, &event, &stop);
                });
            }
        });
        Ok(RuntimeApi {
            address,
            reports,
            stopping,
        })
    }

    /// Waits for the response to the event, timing from `started`.
    fn wait(&self, started: Instant) -> Result<Start, String> {
        let deadline = started + LIMIT;
        let mut init = None;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.reports.recv_timeout(left) {
                Ok(Report::AskedForEvent(at)) => {
                    init.get_or_insert(at - started);
                }
                Ok(Report::Responded(at, body)) => {
                    if body.contains("\"statusCode\":5") || body.contains("\"statusCode\":4") {
                        return Err(format!("the event was answered with an error: {body}"));
                    }
                    return Ok(Start {
                        init: init.unwrap_or(at - started),
                        first_event: at - started,
                    });
                }
                Ok(Report::Failed(body)) => return Err(format!("the function failed: {body}")),
                Err(_) => return Err(format!("no response within {} s", LIMIT.as_secs())),
            }
        }
    }

    fn stop(self) {
        self.stopping.store(true, Ordering::Relaxed);
        // Wakes the accepting thread so it sees the flag.
        let _ = TcpStream::connect(&self.address);
    }
}

/// Serves one keep-alive connection from the runtime.
fn serve(
    stream: TcpStream,
    reports: &Sender<Report>,
    event: &Mutex<Option<String>>,
    stopping: &AtomicBool,
) -> Result<(), String> {
    let mut writer = stream.try_clone().map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    while let Some((method, path, body)) = read_request(&mut reader)? {
        let now = Instant::now();
        if method == "GET" && path.ends_with("/runtime/invocation/next") {
            let _ = reports.send(Report::AskedForEvent(now));
            let next = event.lock().map_err(|e| e.to_string())?.take();
            let Some(next) = next else {
                // One event only: hold the runtime here until the run is over.
                while !stopping.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return Ok(());
            };
            let deadline = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .as_millis()
                + LIMIT.as_millis();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: cold-start\r\nLambda-Runtime-Deadline-Ms: {deadline}\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:eu-west-2:123456789012:function:cold-start\r\nLambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000;Sampled=0\r\nContent-Length: {}\r\n\r\n",
                next.len()
            );
            write_all(&mut writer, &[head.as_bytes(), next.as_bytes()])?;
        } else if method == "POST" && path.ends_with("/response") {
            let _ = reports.send(Report::Responded(now, body));
            accepted(&mut writer)?;
        } else if method == "POST" && path.ends_with("/error") {
            let _ = reports.send(Report::Failed(body));
            accepted(&mut writer)?;
        } else {
            write_all(
                &mut writer,
                &[b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"],
            )?;
        }
    }
    Ok(())
}

fn accepted(writer: &mut TcpStream) -> Result<(), String> {
    let body = br#"{"status":"OK"}"#;
    let head = format!(
        "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    write_all(writer, &[head.as_bytes(), body])
}

fn write_all(writer: &mut TcpStream, parts: &[&[u8]]) -> Result<(), String> {
    for part in parts {
        writer.write_all(part).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())
}

/// One HTTP/1.1 request (`None` when the connection closed), its body read by
/// `Content-Length` or chunked transfer encoding.
fn read_request(reader: &mut impl BufRead) -> Result<Option<(String, String, String)>, String> {
    let mut line = String::new();
    if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
        return Ok(None);
    }
    let mut words = line.split_whitespace();
    let (method, path) = match (words.next(), words.next()) {
        (Some(m), Some(p)) => (m.to_owned(), p.to_owned()),
        _ => return Err(format!("not an HTTP request: {line:?}")),
    };
    let (mut length, mut chunked) = (0usize, false);
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).map_err(|e| e.to_string())? == 0 {
            return Ok(None);
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            if name == "content-length" {
                length = value.parse().map_err(|_| "bad Content-Length")?;
            } else if name == "transfer-encoding" && value.eq_ignore_ascii_case("chunked") {
                chunked = true;
            }
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).map_err(|e| e.to_string())?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| "bad chunk size")?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        body.resize(length, 0);
        reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    }
    Ok(Some((
        method,
        path,
        String::from_utf8_lossy(&body).into_owned(),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_read_by_length_and_by_chunks() {
        let raw = "POST /a/response HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        let mut reader = BufReader::new(raw.as_bytes());
        assert_eq!(
            read_request(&mut reader).unwrap(),
            Some(("POST".into(), "/a/response".into(), "hi".into()))
        );
        assert_eq!(
            read_request(&mut reader).unwrap(),
            Some(("GET".into(), "/b".into(), "abcde".into()))
        );
        assert_eq!(read_request(&mut reader).unwrap(), None);
    }

    #[test]
    fn the_submission_event_is_json_with_the_body_as_a_string() {
        let event = submission_event(3);
        assert!(
            event.contains(r#""body":"{\"kind\":\"complaint\""#),
            "{event}"
        );
        assert!(event.contains("cold-start-3"));
        assert_eq!(event.matches('{').count(), event.matches('}').count());
    }
}
