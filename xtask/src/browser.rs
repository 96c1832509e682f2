//! The browser tests: the built widget on the local server, in Debian's Chromium, driven
//! by `playwright-core` under Node's own test runner (`tests/browser/`).
//!
//! Installs what is missing first: Chromium with apt (never a downloaded browser) and the
//! pinned npm packages with `npm ci`. Then builds the widget and the `feedback` binary,
//! runs every `*.test.mjs` and returns the number of tests passed and failed.

use crate::workspace::{cargo, run_step, target_dir, workspace_root};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime};

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs the browser tests; `Ok((passed, failed))` once they have run, whatever the result.
pub fn test() -> Result<(u64, u64), String> {
    let started = Instant::now();
    let root = workspace_root();
    let dir = root.join("tests").join("browser");
    ensure_chromium()?;
    ensure_node_modules(&dir)?;
    crate::build::build(&["widget".into()])?;
    crate::build::build(&["console".into()])?;
    let mut feedback = cargo();
    feedback.args([
        "build",
        "--package",
        "feedback-functions",
        "--bin",
        "feedback",
    ]);
    run_step("build the feedback binary", feedback)?;

    let target = target_dir(&root);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".test.mjs"))
        .collect();
    files.sort();
    let mut node = Command::new("node");
    node.current_dir(&dir)
        .args(["--test", "--test-reporter=tap"])
        .args(&files)
        .env("CF_ROOT", &root)
        .env(
            "CF_FEEDBACK_BIN",
            target
                .join("debug")
                .join(format!("feedback{}", std::env::consts::EXE_SUFFIX)),
        )
        .env("CF_WIDGET_DIR", root.join("dist").join("widget"))
        .env("CF_CONSOLE_DIR", root.join("dist").join("console"))
        .env("CF_ARTIFACTS", target.join("browser"))
        .env("CF_CHROMIUM", CHROMIUM);
    let (passed, failed) = run_tap("browser tests (node --test)", node)?;
    eprintln!(
        "==> browser tests: {passed} passed, {failed} failed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if passed + failed == 0 {
        return Err("browser tests: no test ran".into());
    }
    Ok((passed, failed))
}

/// Installs Debian's `chromium` with apt when it is missing (as root only).
pub(crate) fn ensure_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default();
    if uid != "0" {
        return Err(format!(
            "the browser tests need Chromium at {CHROMIUM}: install the Debian package \
             `chromium` (sudo apt-get install chromium), then run `cargo xtask test` again"
        ));
    }
    let mut update = Command::new("apt-get");
    update.arg("update");
    run_step("apt-get update", update)?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "--no-install-recommends", "chromium"])
        .env("DEBIAN_FRONTEND", "noninteractive");
    run_step("apt-get install chromium", install)?;
    if Path::new(CHROMIUM).exists() {
        Ok(())
    } else {
        Err(format!(
            "apt installed chromium but {CHROMIUM} is still missing"
        ))
    }
}

/// `npm ci` when `node_modules` is missing or older than `package-lock.json`.
pub(crate) fn ensure_node_modules(dir: &Path) -> Result<(), String> {
    let modified =
        |path: &Path| -> Option<SystemTime> { std::fs::metadata(path).ok()?.modified().ok() };
    let lock = modified(&dir.join("package-lock.json"));
    let installed = modified(&dir.join("node_modules").join(".package-lock.json"));
    if matches!((installed, lock), (Some(i), Some(l)) if i >= l) {
        return Ok(());
    }
    let mut npm = Command::new("npm");
    npm.current_dir(dir).args(["ci", "--no-audit", "--no-fund"]);
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    run_step(&format!("npm ci (tests/{name})"), npm)
        .map_err(|e| format!("{e}: the tests need Node.js 20 or later and npm on the PATH"))
}

/// Runs `node --test` with the TAP reporter, passing its output through, and reads the
/// `# pass N` and `# fail N` summary lines.
fn run_tap(step: &str, mut cmd: Command) -> Result<(u64, u64), String> {
    eprintln!("==> {step}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{step}: could not start (is Node.js installed?): {e}"))?;
    let (mut passed, mut failed) = (0, 0);
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("{step}: {e}"))?;
        println!("{line}");
        if let Some(n) = line.strip_prefix("# pass ") {
            passed += n.trim().parse::<u64>().unwrap_or(0);
        } else if let Some(n) = line.strip_prefix("# fail ") {
            failed += n.trim().parse::<u64>().unwrap_or(0);
        }
    }
    let status = child.wait().map_err(|e| format!("{step}: {e}"))?;
    if !status.success() && failed == 0 {
        // Node failed without a failing test (a file that would not load, say).
        failed = 1;
    }
    Ok((passed, failed))
}
