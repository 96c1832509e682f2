//! `feedback deadlines` run as an officer would run it.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn repo_config() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

fn feedback(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(args)
        .env_remove("FEEDBACK_BANK_HOLIDAYS")
        .env("FEEDBACK_CONFIG", repo_config())
        .output()
        .expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let out = feedback(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one JSON object on one line");
    serde_json::from_str(&stdout).unwrap()
}

fn dates(v: &Value) -> [&str; 4] {
    [
        "received_on",
        "acknowledge_by",
        "respond_by",
        "latest_extended_respond_by",
    ]
    .map(|k| v[k].as_str().unwrap())
}

/// The one line on stderr and the exit status of a refused command.
fn refused(args: &[&str]) -> String {
    let out = feedback(args);
    assert!(!out.status.success(), "expected failure for {args:?}");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    stderr
}

#[test]
fn default_is_the_code_in_england_and_wales() {
    let v = json(&["deadlines", "--received", "2026-11-23"]);
    assert_eq!(
        dates(&v),
        ["2026-11-23", "2026-11-30", "2026-12-14", "2026-12-30"]
    );
    assert_eq!(v["division"], "england-and-wales");
    assert_eq!(v["council"], Value::Null);
}

#[test]
fn division_changes_the_holidays() {
    let v = json(&[
        "deadlines",
        "--received",
        "2026-11-23",
        "--division",
        "scotland",
    ]);
    assert_eq!(
        dates(&v),
        ["2026-11-23", "2026-12-01", "2026-12-15", "2026-12-31"]
    );
}

#[test]
fn an_instant_is_dated_in_london() {
    // 00:30 BST on Monday 1 June 2026.
    let v = json(&["deadlines", "--received", "2026-05-31T23:30:00Z"]);
    assert_eq!(v["received_on"], "2026-06-01");
    assert_eq!(v["acknowledge_by"], "2026-06-08");
}

#[test]
fn respond_by_counts_from_the_acknowledgement_when_given() {
    let v = json(&[
        "deadlines",
        "--received",
        "2026-11-23",
        "--acknowledged",
        "2026-11-25",
    ]);
    assert_eq!(v["respond_by"], "2026-12-09");
    assert_eq!(v["acknowledged_on"], "2026-11-25");
}

#[test]
fn stage_two_treats_received_as_the_escalation_request() {
    let v = json(&["deadlines", "--received", "2026-11-24", "--stage", "2"]);
    assert_eq!(
        dates(&v),
        ["2026-11-24", "2026-12-01", "2026-12-31", "2027-01-29"]
    );
}

#[test]
fn a_council_brings_its_own_policy() {
    let v = json(&[
        "deadlines",
        "--received",
        "2026-11-23",
        "--council",
        "aberwen",
    ]);
    assert_eq!(
        dates(&v),
        ["2026-11-23", "2026-11-26", "2026-12-08", "2026-12-18"]
    );
    let v = json(&[
        "deadlines",
        "--received",
        "2026-11-23",
        "--council",
        "north-glen",
    ]);
    assert_eq!(v["division"], "scotland");
    assert_eq!(
        dates(&v),
        ["2026-11-23", "2026-12-01", "2026-12-01", "2026-12-08"]
    );
}

#[test]
fn a_newer_bank_holiday_file_is_used_without_rebuilding() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank-holidays.json");
    // A one-off holiday on Tuesday 24 November 2026 pushes acknowledgement to 1 December.
    let bundled: Value =
        serde_json::from_str(feedback_shared::calendar::BUNDLED_BANK_HOLIDAYS).unwrap();
    let mut newer = bundled.clone();
    newer["england-and-wales"]["events"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"title": "A one-off", "date": "2026-11-24", "notes": "", "bunting": true}));
    std::fs::write(&file, newer.to_string()).unwrap();
    let path = file.to_str().unwrap();
    let v = json(&[
        "deadlines",
        "--received",
        "2026-11-23",
        "--bank-holidays",
        path,
    ]);
    assert_eq!(v["acknowledge_by"], "2026-12-01");
}

#[test]
fn bad_input_is_one_line_naming_the_argument() {
    assert!(refused(&["deadlines", "--received", "23/11/2026"]).contains("--received"));
    assert!(
        refused(&["deadlines", "--received", "2026-11-23", "--stage", "0"]).contains("--stage")
    );
    assert!(
        refused(&[
            "deadlines",
            "--received",
            "2026-11-23",
            "--division",
            "wales"
        ])
        .contains("--division")
    );
    assert!(
        refused(&[
            "deadlines",
            "--received",
            "2026-11-23",
            "--acknowledged",
            "2026-11-20"
        ])
        .contains("--acknowledged")
    );
    assert!(
        refused(&[
            "deadlines",
            "--received",
            "2026-11-23",
            "--acknowledged",
            "soon"
        ])
        .contains("--acknowledged")
    );
    assert!(
        refused(&[
            "deadlines",
            "--received",
            "2026-11-23",
            "--council",
            "atlantis"
        ])
        .contains("--council")
    );
    assert!(refused(&["deadlines"]).contains("--received"));
    assert!(
        refused(&[
            "deadlines",
            "--received",
            "2026-11-23",
            "--bank-holidays",
            "/no/such/file"
        ])
        .contains("--bank-holidays")
    );
}
