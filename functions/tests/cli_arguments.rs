//! Every `feedback` subcommand run with arbitrary argument values: each must answer with
//! its output or a clean error (exit 1 or 2), never a panic (exit 101) and never a hang.
//! `serve` is given an empty council folder, so it parses everything, then stops.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Cases per subcommand: each is a process spawn.
const CASES: u32 = 64;

/// Longest any one run may take before it counts as a hang.
const TIME_LIMIT: Duration = Duration::from_secs(30);

fn repo_config() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

/// Pieces of argument values that parsers trip on.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        // Any Unicode but NUL, which no command line can carry.
        "[^\\x00]{0,12}",
        "[+-]?[0-9]{1,30}",
        prop::sample::select(vec![
            "2026-11-24",
            "2026-02-29",
            "2024-02-29",
            "-9999-01-01",
            "9999-12-31",
            "0000-01-01",
            "+10000-01-01",
            "2026-11-24T09:30:00Z",
            "9999-12-31T23:59:59-23:59",
            "9999-12-31T23:59:59+23:59",
            "0000-01-01T00:00:00+23:59",
            "0000-01-01T00:00:00-23:59",
            "2100-12-31T23:00:00Z",
            "2000-01-01T00:00:00+01:00",
            "demo",
            "aberwen",
            "north-glen",
            "officer",
            "manager",
            "json",
            "csv",
            "html",
            "england-and-wales",
            "scotland",
            "northern-ireland",
            "1",
            "2",
            "2147483647",
            "-2147483648",
            "4294967296",
            "18446744073709551616",
            "127.0.0.1:0",
            ":",
            "-",
            "--",
            "=",
            " ",
            "\t",
            "\u{7}",
            "\u{1b}[31m",
            "\u{202e}",
            "ŵ",
            "🙂",
        ])
        .prop_map(str::to_owned),
    ]
}

/// An argument value.
fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 1..4).prop_map(|parts| parts.concat())
}

/// A plausible value drawn often, a hostile one sometimes: so most runs get past the
/// argument parser and into the command.
fn mostly(plausible: impl Strategy<Value = String> + 'static) -> BoxedStrategy<String> {
    prop_oneof![12 => plausible, 1 => value()].boxed()
}

/// `YYYY-MM-DD` with any year, month and day, real or not.
fn date() -> BoxedStrategy<String> {
    mostly(prop_oneof![
        6 => (1990i32..2110, 1u8..13, 1u8..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => (-10_000i32..12_000, 0u8..14, 0u8..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
    ])
}

/// An RFC 3339 instant with any year and offset.
fn instant() -> BoxedStrategy<String> {
    mostly(
        (
            prop_oneof![6 => 1990i32..2110, 1 => 0i32..10_000],
            1u8..13,
            1u8..29,
            0u8..24,
            prop_oneof![3 => Just("Z".to_owned()), 1 => (0u8..24, 0u8..60, any::<bool>()).prop_map(|(h, m, east)| format!("{}{h:02}:{m:02}", if east { '+' } else { '-' }))],
        )
            .prop_map(|(y, mo, d, h, offset)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:30:00{offset}")),
    )
}

/// One of `good` mostly, one of `bad` sometimes (and a hostile value now and then).
fn one_of(good: &'static [&'static str], bad: &'static [&'static str]) -> BoxedStrategy<String> {
    mostly(prop_oneof![
        6 => prop::sample::select(good).prop_map(str::to_owned),
        1 => prop::sample::select(bad).prop_map(str::to_owned),
    ])
}

fn councils() -> BoxedStrategy<String> {
    one_of(
        &["demo", "aberwen", "north-glen"],
        &["nowhere", "DEMO", "../demo"],
    )
}

fn number() -> BoxedStrategy<String> {
    mostly(prop_oneof![6 => 1990i64..2110, 1 => any::<i64>()].prop_map(|n| n.to_string()))
}

/// An SMTP server that can only be on this machine (a test never reaches anywhere else),
/// or a value that is not HOST:PORT at all.
fn smtp() -> impl Strategy<Value = String> {
    prop_oneof![
        value().prop_map(|v| v.replace(':', "")),
        value().prop_map(|port| format!("127.0.0.1:{port}")),
    ]
}

/// `--name value` pairs: each flag given once mostly, sometimes not at all or twice.
/// (Flags that exclude each other are drawn as alternatives, with [`either`].)
fn flags(pairs: Vec<(&'static str, BoxedStrategy<String>)>) -> BoxedStrategy<Vec<String>> {
    let each: Vec<_> = pairs
        .into_iter()
        .map(|(flag, values)| {
            prop_oneof![2 => Just(0usize), 12 => Just(1usize), 1 => Just(2usize)]
                .prop_flat_map(move |n| prop::collection::vec(values.clone(), n))
                .prop_map(move |vs| {
                    vs.into_iter()
                        .flat_map(|v| [flag.to_owned(), v])
                        .collect::<Vec<_>>()
                })
                .boxed()
        })
        .collect();
    each.prop_map(|groups| groups.concat()).boxed()
}

/// One set of flags or the other.
fn either(
    a: BoxedStrategy<Vec<String>>,
    b: BoxedStrategy<Vec<String>>,
) -> BoxedStrategy<Vec<String>> {
    prop_oneof![4 => a.clone(), 4 => b.clone(), 1 => (a, b).prop_map(|(a, b)| [a, b].concat())]
        .boxed()
}

/// The files a run reads: the repository's council folder, or one whose only file is
/// hostile TOML (a real council's file with a hostile value spliced in); and, when given,
/// a hostile bank-holidays file.
#[derive(Debug, Clone)]
struct Files {
    councils: Option<(usize, String)>,
    holidays: Option<String>,
}

const REPOSITORY_FILES: Files = Files {
    councils: None,
    holidays: None,
};

fn files() -> impl Strategy<Value = Files> {
    (
        prop_oneof![6 => Just(None), 1 => (any::<usize>(), value()).prop_map(Some)],
        prop_oneof![
            10 => Just(None),
            1 => value().prop_map(Some),
            1 => (value(), value()).prop_map(|(date, title)| Some(format!(
                r#"{{"england-and-wales":{{"division":"england-and-wales","events":[{{"title":{title:?},"date":{date:?},"notes":"","bunting":true}}]}}}}"#
            ))),
        ],
    )
        .prop_map(|(councils, holidays)| Files { councils, holidays })
}

impl Files {
    /// Writes the files into `scratch`; the council folder and the bank-holidays file.
    fn write(&self, scratch: &Path) -> (PathBuf, Option<PathBuf>) {
        let councils = match &self.councils {
            None => repo_config(),
            Some((cut, splice)) => {
                let real = std::fs::read_to_string(repo_config().join("demo.toml")).unwrap();
                let mut at = cut % (real.len() + 1);
                while !real.is_char_boundary(at) {
                    at -= 1;
                }
                let dir = scratch.join("councils");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(
                    dir.join("demo.toml"),
                    format!("{}{splice}{}", &real[..at], &real[at..]),
                )
                .unwrap();
                dir
            }
        };
        let holidays = self.holidays.as_ref().map(|text| {
            let path = scratch.join("bank-holidays.json");
            std::fs::write(&path, text).unwrap();
            path
        });
        (councils, holidays)
    }
}

/// Runs `feedback args…` in `scratch`; fails the case on a panic, a hang or an exit code
/// other than 0, 1 or 2. Returns the exit code and stdout.
fn run(scratch: &Path, args: &[String]) -> Result<(i32, String), TestCaseError> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(args)
        .current_dir(scratch)
        .env_remove("FEEDBACK_CONFIG")
        .env_remove("FEEDBACK_BANK_HOLIDAYS")
        .env("RUST_LOG", "off")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| TestCaseError::fail(format!("cannot start feedback: {e}")))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(TestCaseError::fail(format!(
                "feedback {args:?} still ran after {TIME_LIMIT:?}"
            )));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let code = status.code().unwrap_or(-1);
    if std::env::var_os("CLI_DEBUG").is_some() {
        eprintln!("{args:?} -> {code}: {}", stderr.trim());
    }
    prop_assert!(
        !stderr.contains("panicked"),
        "feedback {:?} panicked: {}",
        args,
        stderr
    );
    prop_assert!(
        matches!(code, 0..=2),
        "feedback {:?} exited {} (101 is a panic): {}",
        args,
        code,
        stderr
    );
    if code != 0 {
        prop_assert!(
            !stderr.trim().is_empty(),
            "feedback {:?} failed without saying why",
            args
        );
    }
    Ok((code, stdout))
}

/// What a subcommand is given besides its hostile flags: the scratch folder, the council
/// folder and the bank-holidays file (when the case has one).
type Fixed = dyn Fn(&Path, &Path, Option<&Path>) -> Vec<String>;

/// Runs `CASES` cases of one subcommand (none: arguments alone): its fixed arguments,
/// then hostile flags.
fn fuzz(
    subcommand: Option<&str>,
    strategy: BoxedStrategy<(Vec<String>, Files)>,
    fixed: &Fixed,
    on_success: impl Fn(&str) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let passed = std::sync::atomic::AtomicU32::new(0);
    runner
        .run(&strategy, |(flags, files)| {
            let scratch = tempfile::tempdir().unwrap();
            let (config, holidays) = files.write(scratch.path());
            let mut args: Vec<String> = subcommand.map(str::to_owned).into_iter().collect();
            args.extend(fixed(scratch.path(), &config, holidays.as_deref()));
            args.extend(flags);
            let (code, stdout) = run(scratch.path(), &args)?;
            if code == 0 {
                passed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                on_success(&stdout)?;
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "feedback {}: {CASES} cases, {} succeeded, the rest refused cleanly",
        subcommand.unwrap_or("(no subcommand)"),
        passed.into_inner()
    );
}

/// Output that must be one JSON value.
fn json(stdout: &str) -> Result<(), TestCaseError> {
    serde_json::from_str::<serde_json::Value>(stdout.trim())
        .map(drop)
        .map_err(|e| TestCaseError::fail(format!("not JSON ({e}): {stdout}")))
}

fn data_in(scratch: &Path) -> String {
    scratch.join("data").display().to_string()
}

#[test]
fn deadlines_never_panics_on_any_arguments() {
    let strategy = (
        (
            flags(vec![
                ("--received", prop_oneof![date(), instant()].boxed()),
                ("--stage", one_of(&["1", "2"], &["0", "3", "256"])),
                ("--acknowledged", date()),
            ]),
            either(
                flags(vec![(
                    "--division",
                    one_of(
                        &["england-and-wales", "scotland", "northern-ireland"],
                        &["wales"],
                    ),
                )]),
                flags(vec![("--council", councils())]),
            ),
        )
            .prop_map(|(a, b)| [a, b].concat()),
        files(),
    )
        .boxed();
    fuzz(
        Some("deadlines"),
        strategy,
        &|_, config, holidays| {
            let mut args = vec!["--config".to_owned(), config.display().to_string()];
            if let Some(path) = holidays {
                args.extend(["--bank-holidays".to_owned(), path.display().to_string()]);
            }
            args
        },
        json,
    );
}

#[test]
fn report_never_panics_on_any_arguments() {
    let strategy = (
        (
            flags(vec![
                ("--council", councils()),
                (
                    "--format",
                    one_of(&["json", "csv", "html", "wcsa", "spso"], &["pdf", "JSON"]),
                ),
            ]),
            either(
                flags(vec![("--year", number())]),
                flags(vec![("--from", date()), ("--to", date())]),
            ),
        )
            .prop_map(|(a, b)| [a, b].concat()),
        files(),
    )
        .boxed();
    fuzz(
        Some("report"),
        strategy,
        &|scratch, config, _| {
            vec![
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                config.display().to_string(),
            ]
        },
        |stdout| {
            prop_assert!(!stdout.trim().is_empty(), "a report printed nothing");
            Ok(())
        },
    );
}

#[test]
fn reminders_never_panics_on_any_arguments() {
    let strategy = (
        flags(vec![("--at", instant()), ("--smtp", smtp().boxed())]),
        files(),
    )
        .boxed();
    fuzz(
        Some("reminders"),
        strategy,
        &|scratch, config, _| {
            vec![
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                config.display().to_string(),
            ]
        },
        json,
    );
}

#[test]
fn retention_never_panics_on_any_arguments() {
    let strategy = (
        (
            flags(vec![
                ("--at", instant()),
                ("--council", councils()),
                ("--limit", number()),
            ]),
            prop::option::of(Just("--dry-run".to_owned())),
        )
            .prop_map(|(mut flags, dry_run)| {
                flags.extend(dry_run);
                flags
            }),
        files(),
    )
        .boxed();
    fuzz(
        Some("retention"),
        strategy,
        &|scratch, config, _| {
            vec![
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                config.display().to_string(),
            ]
        },
        json,
    );
}

#[test]
fn aggregates_never_panics_on_any_arguments() {
    let strategy = (flags(vec![("--council", councils())]), files()).boxed();
    fuzz(
        Some("aggregates"),
        strategy,
        &|scratch, config, _| {
            vec![
                "--rebuild".to_owned(),
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                config.display().to_string(),
            ]
        },
        json,
    );
}

#[test]
fn token_never_panics_on_any_arguments() {
    let strategy = (
        flags(vec![
            ("--council", councils()),
            (
                "--role",
                one_of(&["officer", "manager"], &["admin", "Officer"]),
            ),
            ("--name", mostly("[A-Za-z ŵ'-]{0,20}")),
        ]),
        Just(REPOSITORY_FILES),
    )
        .boxed();
    fuzz(
        Some("token"),
        strategy,
        &|scratch, _, _| vec!["--data".to_owned(), data_in(scratch)],
        |stdout| {
            // header.claims.signature
            prop_assert_eq!(
                stdout.trim().split('.').count(),
                3,
                "not a token: {}",
                stdout
            );
            Ok(())
        },
    );
}

#[test]
fn serve_parses_any_arguments_without_panicking() {
    let strategy = (
        flags(vec![
            (
                "--port",
                mostly(prop_oneof![0u32..70_000, any::<u32>()].prop_map(|n| n.to_string())),
            ),
            ("--clock", instant()),
            ("--smtp", smtp().boxed()),
        ]),
        Just(REPOSITORY_FILES),
    )
        .boxed();
    fuzz(
        Some("serve"),
        strategy,
        &|scratch, _, _| {
            // No council configured: serve stops with an error once its arguments parse.
            let empty = scratch.join("no-councils");
            std::fs::create_dir_all(&empty).unwrap();
            vec![
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                empty.display().to_string(),
                "--widget".to_owned(),
                scratch.join("widget").display().to_string(),
            ]
        },
        |_| Err(TestCaseError::fail("serve ran with no councils")),
    );
}

#[test]
fn anything_else_on_the_command_line_is_refused_cleanly() {
    let strategy = (prop::collection::vec(value(), 0..5), Just(REPOSITORY_FILES)).boxed();
    fuzz(None, strategy, &|_, _, _| Vec::new(), |_| Ok(()));
}

#[test]
fn sar_never_panics_on_any_arguments() {
    let plausible = |values: &'static [&'static str]| {
        mostly(prop::sample::select(values).prop_map(str::to_owned))
    };
    let strategy = (
        flags(vec![
            ("--council", councils()),
            (
                "--email",
                plausible(&["ann@example.com", "ANN@EXAMPLE.COM", "not-an-email"]),
            ),
            (
                "--phone",
                plausible(&["07700 900123", "+44 7700 900123", "12"]),
            ),
            ("--name", plausible(&["Siân Evans", "a", "  "])),
            ("--reference", plausible(&["DEMO-2026-000001", "nope"])),
            ("--redact", plausible(&["Mr Jones", "complaint", " "])),
        ]),
        files(),
    )
        .boxed();
    fuzz(
        Some("sar"),
        strategy,
        &|scratch, config, _| {
            vec![
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                config.display().to_string(),
                "--out".to_owned(),
                scratch.join("bundle").display().to_string(),
            ]
        },
        json,
    );
}

#[test]
fn erase_never_panics_on_any_arguments() {
    let strategy = (
        flags(vec![
            ("--council", councils()),
            (
                "--reference",
                mostly(
                    prop::sample::select(&["DEMO-2026-000001", "nope"][..]).prop_map(str::to_owned),
                ),
            ),
            ("--reason", value().boxed()),
        ]),
        files(),
    )
        .boxed();
    fuzz(
        Some("erase"),
        strategy,
        &|scratch, config, _| {
            vec![
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                config.display().to_string(),
            ]
        },
        json,
    );
}

#[test]
fn act_rectify_and_redact_never_panic_on_any_arguments() {
    let reference =
        || mostly(prop::sample::select(&["DEMO-2026-000001", "nope"][..]).prop_map(str::to_owned));
    let rectify = (
        flags(vec![
            ("--council", councils()),
            ("--reference", reference()),
            ("--email", value().boxed()),
            ("--phone", value().boxed()),
            ("--name", value().boxed()),
            (
                "--preferred",
                one_of(&["email", "post", "phone"], &["fax", ""]),
            ),
            ("--reason", value().boxed()),
        ]),
        files(),
    )
        .boxed();
    let redact = (
        flags(vec![
            ("--council", councils()),
            ("--reference", reference()),
            (
                "--field",
                one_of(&["what_happened", "put_right", "staff_name"], &["kind", ""]),
            ),
            ("--span", value().boxed()),
            ("--reason", value().boxed()),
        ]),
        files(),
    )
        .boxed();
    let act = (
        flags(vec![
            ("--council", councils()),
            ("--reference", reference()),
            (
                "--action",
                one_of(
                    &[
                        r#"{"action":"acknowledge","on":"2026-11-24"}"#,
                        r#"{"action":"note","text":"Rang back"}"#,
                        r#"{"action":"close_overriding_actions","reason":"x"}"#,
                    ],
                    &[r#"{"action":"receive"}"#, "{", ""],
                ),
            ),
            ("--officer", value().boxed()),
        ]),
        files(),
    )
        .boxed();
    for (command, strategy) in [("rectify", rectify), ("redact", redact), ("act", act)] {
        fuzz(
            Some(command),
            strategy,
            &|scratch, config, _| {
                vec![
                    "--data".to_owned(),
                    data_in(scratch),
                    "--config".to_owned(),
                    config.display().to_string(),
                ]
            },
            json,
        );
    }
}

#[test]
fn annual_never_panics_on_any_arguments() {
    let strategy = (
        flags(vec![
            ("--council", councils()),
            ("--year", number()),
            (
                "--save",
                one_of(
                    &[r#"{"assessment":[],"improvements":[]}"#],
                    &["{", "[]", ""],
                ),
            ),
        ]),
        files(),
    )
        .boxed();
    fuzz(
        Some("annual"),
        strategy,
        &|scratch, config, _| {
            vec![
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                config.display().to_string(),
            ]
        },
        json,
    );
}

#[test]
fn restrictions_never_panics_on_any_arguments() {
    let strategy = (
        flags(vec![
            ("--council", councils()),
            (
                "--record",
                one_of(
                    &[r#"{"name":"A","kinds":["other"],"other":"x"}"#],
                    &["{", ""],
                ),
            ),
            ("--review", value().boxed()),
            (
                "--with",
                one_of(&[r#"{"outcome":"end","reason":"x"}"#], &["{", ""]),
            ),
        ]),
        files(),
    )
        .boxed();
    fuzz(
        Some("restrictions"),
        strategy,
        &|scratch, config, _| {
            vec![
                "--data".to_owned(),
                data_in(scratch),
                "--config".to_owned(),
                config.display().to_string(),
            ]
        },
        json,
    );
}
