//! `cargo xtask`: every build and check step of Council Feedback, in Rust, so a council's
//! developer needs nothing but cargo to start.

#[cfg(test)]
mod architecture;
mod bench;
mod bench_console;
mod bench_widget;
mod bench_widget_timing;
mod browser;
mod build;
mod cold_start;
mod compress;
mod dynamodb_local;
mod lambda;
mod python;
mod sam_transform;
mod schemathesis;
mod steps;
mod welsh_spelling;
mod workspace;
mod zip;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  test            install what a fresh machine lacks, then check formatting, run clippy
                  with -D warnings, build the domain crate for wasm32 and run every test
  test api        only the schemathesis step: the API attacked from its OpenAPI document
                  on the local server (part of `test`)
  test welsh      only the Welsh spelling check: every Welsh string (widget, emails,
                  labels, field errors) against the Welsh Hunspell dictionary (part of `test`)
  bench api       submissions per second and latency on the local server, the raw
                  SQLite rate beside it, and DynamoDB requests per submission
  bench reminders what the reminder job reads and its run time at 10,000, 100,000 and
                  1,000,000 cases with 100 due, on SQLite, and 10,000 and 100,000 on
                  DynamoDB Local (--sizes a,b,c and --dynamodb-sizes a,b,c to change)
  bench report    the annual report at 10,000, 100,000 and 1,000,000 cases on SQLite and
                  10,000 and 100,000 on DynamoDB Local: records and requests it reads,
                  its time and memory (--sizes, --dynamodb-sizes to change)
  bench retention what the retention job reads (index entries per case removed) and its
                  run time at 10,000 and 100,000 cases with 100 due, on SQLite and DynamoDB
                  Local (--sizes a,b and --dynamodb-sizes a,b to change)
  bench widget    the widget's files raw, gzipped and brotli'd beside the @formbricks/surveys
                  bundle, and click-to-form time in Chromium at 4x CPU slowdown
                  (--runs N, default 5; --sizes-only)
  bench console   the console's files raw and gzipped, and the queue's list route (p50,
                  p99, items read) at 1,000 and 100,000 cases on SQLite and DynamoDB
                  (--sizes a,b; --dynamodb-sizes a,b)
  bench lambda    the Lambda zips' sizes and each function's cold start on this machine
                  (native build, local Runtime API, moto; --runs N, default 5; --no-zips)
  lint template   cfn-lint over infra/template.yaml, then the template through AWS's SAM
                  transform (Fn::ForEach expanded for two sample councils, CodeUri
                  packaged) and cfn-lint over the CloudFormation it makes (part of `test`)
  build widget    the embeddable widget into dist/widget/ (loader, wasm, glue, CSS,
                  content-hashed)
  build lambda    the `api` and `reminders` functions for arm64 Lambda, zipped with the
                  council config into target/lambda/<name>/bootstrap.zip (cargo lambda)
  run             build and start the local server on http://127.0.0.1:8080/
  run ARGS...     the local `feedback` command instead, e.g.
                  `cargo xtask run token --council demo --role officer`
                  `cargo xtask run deadlines --received 2026-11-24`
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") if args.get(1).map(String::as_str) == Some("api") => {
            schemathesis::test().map(drop)
        }
        Some("test") if args.get(1).map(String::as_str) == Some("welsh") => welsh_spelling::check(),
        Some("test") => steps::test(),
        Some("lint") if args.get(1).map(String::as_str) == Some("template") => {
            crate::lambda::lint_template().and_then(|()| sam_transform::check().map(drop))
        }
        Some("run") => steps::run(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("build") => build::build(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
