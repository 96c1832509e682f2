//! A real SMTP server for tests: `aiosmtpd` from the workspace's Python environment on a
//! free loopback port, storing every message it accepts in a maildir of its own.
//!
//! `cargo xtask test` installs aiosmtpd; a test that needs it and cannot find it panics
//! rather than passing without having run.

// Each test binary includes all of `support` but may use only part of it.
#![allow(dead_code)]

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

const STARTUP_LIMIT: Duration = Duration::from_secs(20);

/// One aiosmtpd server; stopped when dropped.
pub struct SmtpServer {
    port: u16,
    maildir: PathBuf,
    // Closing this stops the server (see `start`).
    keepalive: Option<ChildStdin>,
    child: Child,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts a server on a free local port and waits until it accepts connections.
    ///
    /// aiosmtpd runs under a small shell that stops it when its stdin closes: on drop,
    /// and also when the test process dies without dropping it.
    pub fn start() -> SmtpServer {
        let python = python_bin();
        if !python.is_file() || !aiosmtpd_installed(&python) {
            panic!(
                "aiosmtpd not found: run `cargo xtask test` once to install it (looked in {})",
                python.display()
            );
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let maildir = dir.path().join("maildir");
        let log = dir.path().join("aiosmtpd.log");
        let port = free_port();
        let log_file = std::fs::File::create(&log).expect("create the server's log file");
        let mut child = Command::new("sh")
            .args([
                "-c",
                r#"python=$1; shift; "$python" "$@" </dev/null & pid=$!; read -r _; kill "$pid"; wait "$pid""#,
                "aiosmtpd-keeper",
            ])
            .arg(&python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", python.display()));
        let keepalive = child.stdin.take();
        // From here on, a panic drops the server and so stops it.
        let server = SmtpServer {
            port,
            maildir,
            keepalive,
            child,
            _dir: dir,
        };

        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + STARTUP_LIMIT;
        loop {
            match TcpStream::connect_timeout(&address, Duration::from_millis(200)) {
                Ok(_) => return server,
                Err(e) if Instant::now() >= deadline => {
                    let output = std::fs::read_to_string(&log).unwrap_or_default();
                    panic!(
                        "aiosmtpd did not accept connections on {address} within {STARTUP_LIMIT:?}: {e}\n{output}"
                    )
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    pub fn host(&self) -> &'static str {
        "127.0.0.1"
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn maildir(&self) -> &Path {
        &self.maildir
    }

    /// Every message received so far, as stored (aiosmtpd adds `X-Peer`, `X-MailFrom`
    /// and `X-RcptTo` headers), oldest first.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(self.maildir.join(sub)).ok())
            .flatten()
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let modified = entry.metadata().ok()?.modified().ok()?;
                Some((modified, entry.path()))
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|(_, path)| std::fs::read(&path).expect("read a received message"))
            .collect()
    }

    /// Waits (up to five seconds) until at least `count` messages have arrived.
    pub fn wait_for_messages(&self, count: usize) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let messages = self.messages();
            if messages.len() >= count || Instant::now() >= deadline {
                return messages;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        // Closing the keeper's stdin makes it kill the server and exit.
        drop(self.keepalive.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `<workspace>/target/pyenv/bin/python`.
fn python_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the functions crate lives inside the workspace")
        .join("target/pyenv/bin/python")
}

fn aiosmtpd_installed(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import aiosmtpd.handlers"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A port nothing is listening on just now.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a local port");
    listener.local_addr().expect("a bound address").port()
}
