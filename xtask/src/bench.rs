//! `cargo xtask bench <name>`: benchmarks that print figures. They are never tests: a
//! shared machine's timings vary, so they are read by people, not asserted.

use crate::python;
use crate::steps::{cargo, run_step};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A moto_server on a free loopback port, stopped when dropped.
pub(crate) struct Moto {
    child: Child,
    pub(crate) endpoint: String,
}

impl Moto {
    pub(crate) fn start() -> Result<Moto, String> {
        python::ensure_tools(&[python::MOTO])?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let child = Command::new(python::moto_server_bin())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start moto_server: {e}"))?;
        let moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("moto_server did not start within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(moto)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the benchmark example `example` in release mode against a fresh moto server.
fn run_example(example: &str, args: &[String]) -> Result<(), String> {
    let moto = Moto::start()?;
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--quiet",
        "--release",
        "--package",
        "feedback-functions",
        "--example",
        example,
        "--",
    ])
    .args(["--dynamodb-endpoint", &moto.endpoint])
    .args(args);
    run_step(example, cmd)
}

pub fn bench(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("api") => run_example("bench_api", &args[1..]),
        Some("reminders") => run_example("bench_reminders", &args[1..]),
        Some("report") => run_example("bench_report", &args[1..]),
        Some("widget") => crate::bench_widget::bench(&args[1..]),
        Some("lambda") => crate::cold_start::bench(&args[1..]),
        Some(other) => Err(format!(
            "unknown benchmark `{other}`; available: api, reminders, report, widget, lambda"
        )),
        None => {
            Err("name a benchmark: cargo xtask bench api|reminders|report|widget|lambda".into())
        }
    }
}
