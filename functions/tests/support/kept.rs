//! A test server process that cannot outlive the test process that started it.

// Each test binary includes all of `support` but may use only part of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Starts `program args…` in `dir` and waits until something accepts connections on
/// `port`; returns `http://127.0.0.1:port`.
///
/// The program runs under a small shell that stops it when its stdin closes. The write end
/// of that pipe is kept for the life of the process, so when the test process exits
/// (however it exits) the server goes too instead of outliving it.
pub fn start<I, S>(
    name: &str,
    dir: &Path,
    program: &Path,
    args: I,
    port: u16,
    limit: Duration,
) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    static KEEPALIVE: Mutex<Vec<ChildStdin>> = Mutex::new(Vec::new());
    let mut child = Command::new("sh")
        .current_dir(dir)
        .args([
            "-c",
            r#""$@" </dev/null >/dev/null 2>&1 & pid=$!; read -r _; kill "$pid"; wait "$pid""#,
            name,
        ])
        .arg(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", program.display()));
    let stdin = child.stdin.take().expect("stdin is piped");
    KEEPALIVE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(stdin);
    // The shell is reaped by init when this process exits; nothing waits for it here.
    drop(child);

    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let deadline = Instant::now() + limit;
    loop {
        match TcpStream::connect_timeout(&address, Duration::from_millis(200)) {
            Ok(_) => return format!("http://{address}"),
            Err(e) if Instant::now() >= deadline => {
                panic!("{name} did not accept connections on {address} within {limit:?}: {e}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// A port nothing is listening on just now.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a local port");
    listener.local_addr().expect("a bound address").port()
}

/// The workspace root (the functions crate's parent).
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the functions crate lives inside the workspace")
}
