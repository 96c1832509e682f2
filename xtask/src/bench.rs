//! `cargo xtask bench <name>`: benchmarks that print figures. They are never tests: a
//! shared machine's timings vary, so they are read by people, not asserted.

use crate::dynamodb_local::DynamoDbLocal;
use crate::workspace::{cargo, run_step};

/// Runs the benchmark example `example` in release mode against a fresh DynamoDB Local.
fn run_example(example: &str, args: &[String]) -> Result<(), String> {
    let dynamodb = DynamoDbLocal::start()?;
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
    .args(["--dynamodb-endpoint", &dynamodb.endpoint])
    .args(args);
    run_step(example, cmd)
}

pub fn bench(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("api") => run_example("bench_api", &args[1..]),
        Some("reminders") => run_example("bench_reminders", &args[1..]),
        Some("report") => run_example("bench_report", &args[1..]),
        Some("retention") => run_example("bench_retention", &args[1..]),
        Some("widget") => crate::bench_widget::bench(&args[1..]),
        Some("console") => crate::bench_console::bench(&args[1..]),
        Some("lambda") => crate::cold_start::bench(&args[1..]),
        Some(other) => Err(format!(
            "unknown benchmark `{other}`; available: api, reminders, report, retention, widget, console, lambda"
        )),
        None => Err(
            "name a benchmark: cargo xtask bench api|reminders|report|retention|widget|console|lambda".into(),
        ),
    }
}
