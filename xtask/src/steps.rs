//! `cargo xtask test` and `cargo xtask run`. Each step prints what it runs, so a failing
//! CI log says where.

use crate::workspace::{cargo, output_of, run_step};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Installs the toolchain parts a fresh machine may lack. Each is skipped when present.
fn install_prerequisites() -> Result<(), String> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|t| t.trim() == WASM_TARGET) {
        let mut cmd = Command::new("rustup");
        cmd.args(["target", "add", WASM_TARGET]);
        run_step("install the wasm32 target", cmd)?;
    }
    for (component, probe) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        if output_of("cargo", &[probe, "--version"]).is_none() {
            let mut cmd = Command::new("rustup");
            cmd.args(["component", "add", component]);
            run_step(&format!("install {component}"), cmd)?;
        }
    }
    Ok(())
}

/// The one test command: `cargo xtask test`.
pub fn test() -> Result<(), String> {
    install_prerequisites()?;

    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--", "--check"]);
    run_step("cargo fmt --check", fmt)?;

    let mut clippy = cargo();
    clippy.args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    run_step("cargo clippy -D warnings", clippy)?;

    // The widget will run the domain crate in the browser: it must build for wasm32.
    let mut wasm = cargo();
    wasm.args([
        "clippy",
        "--package",
        "feedback-shared",
        "--target",
        WASM_TARGET,
        "--",
        "-D",
        "warnings",
    ]);
    run_step("clippy the domain crate for wasm32", wasm)?;
    let mut wasm = cargo();
    wasm.args([
        "build",
        "--package",
        "feedback-shared",
        "--target",
        WASM_TARGET,
    ]);
    run_step("build the domain crate for wasm32", wasm)?;

    // SES tests run against moto_server, installed in a venv under target/, as are the
    // SMTP tests' server and schemathesis. DynamoDB tests run against Amazon's DynamoDB
    // Local, one instance for every test binary, stopped when this step ends.
    crate::python::ensure_tools(&[
        crate::python::MOTO,
        crate::python::AIOSMTPD,
        crate::python::SCHEMATHESIS,
    ])?;

    // The SAM template must lint clean (errors and warnings alike).
    crate::lambda::lint_template()?;
    crate::sam_transform::check()?;

    let dynamodb = crate::dynamodb_local::DynamoDbLocal::start()?;
    let mut tests = cargo();
    tests
        .args(["test", "--workspace"])
        .env(crate::dynamodb_local::ENDPOINT_VAR, &dynamodb.endpoint);
    let (passed, failed) = run_counting_tests("cargo test --workspace", tests)?;
    drop(dynamodb);
    if passed == 0 {
        println!("{passed} passed, {failed} failed");
        return Err("no test ran".into());
    }

    // Every Welsh string against the Welsh dictionary (written out by the tests above).
    crate::welsh_spelling::check().inspect_err(|_| println!("{passed} passed, {failed} failed"))?;

    // The API attacked from its OpenAPI document, on the local server.
    crate::schemathesis::test().inspect_err(|_| println!("{passed} passed, {failed} failed"))?;

    // The Lambda zips exactly as `sam deploy` uploads them (arm64, council config inside).
    crate::lambda::build().inspect_err(|_| println!("{passed} passed, {failed} failed"))?;

    // The widget in Chromium, on the local server.
    let (browser_passed, browser_failed) = crate::browser::test().inspect_err(|_| {
        println!("{passed} passed, {failed} failed");
    })?;
    // cargo's own last line is often an empty doc-test run; this one sums every suite.
    let (passed, failed) = (passed + browser_passed, failed + browser_failed);
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        return Err(format!("{failed} browser tests failed"));
    }
    Ok(())
}

/// Runs a `cargo test` command, passing its output through, and adds up the
/// `test result:` lines of every suite.
fn run_counting_tests(step: &str, mut cmd: Command) -> Result<(u64, u64), String> {
    use std::io::{BufRead, BufReader};
    eprintln!("==> {step}");
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("{step}: could not start: {e}"))?;
    let (mut passed, mut failed) = (0, 0);
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("{step}: {e}"))?;
        println!("{line}");
        if let Some(summary) = line.strip_prefix("test result: ") {
            passed += count_before(summary, " passed");
            failed += count_before(summary, " failed");
        }
    }
    let status = child.wait().map_err(|e| format!("{step}: {e}"))?;
    if status.success() {
        Ok((passed, failed))
    } else {
        println!("{passed} passed, {failed} failed");
        Err(format!("{step} failed ({status})"))
    }
}

/// The number just before `label` in a summary like `ok. 3 passed; 0 failed; …`.
fn count_before(summary: &str, label: &str) -> u64 {
    summary
        .split(';')
        .find_map(|part| {
            part.trim()
                .trim_start_matches("ok. ")
                .trim_start_matches("FAILED. ")
                .strip_suffix(label.trim_start())
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// `cargo xtask run [ARGS...]`: the local server, or the `feedback` command with ARGS.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--quiet",
        "--package",
        "feedback-functions",
        "--bin",
        "feedback",
        "--",
    ]);
    if args.is_empty() {
        // The demo page embeds the widget, so a fresh clone needs it built first.
        crate::build::build(&["widget".to_owned()])?;
        crate::build::build(&["console".to_owned()])?;
        cmd.arg("serve");
    } else {
        cmd.args(args);
    }
    let status = cmd
        .status()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("feedback exited with {status}"))
    }
}
