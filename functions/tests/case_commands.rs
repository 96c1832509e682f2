//! `feedback act`, `feedback rectify` and `feedback redact` on the local data: the
//! binary, run as a council's developer would, changes the case held in the SQLite file
//! (a correction leaving no copy of what it replaced in the data folder) or refuses with
//! the reason and changes nothing.

mod support;

use feedback_functions::clock::FixedClock;
use feedback_functions::server::{LocalPaths, local_app};
use feedback_shared::contact::Submitter;
use feedback_shared::{CouncilId, Kind, Reference};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use support::fixtures;

fn paths(data: &Path) -> LocalPaths {
    LocalPaths {
        data: data.to_owned(),
        config: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils"),
        widget: PathBuf::new(),
        bank_holidays: None,
    }
}

fn demo() -> CouncilId {
    CouncilId::parse("demo").unwrap()
}

/// Runs `feedback` with `args` on the data in `data`: its exit code and what it printed.
fn feedback(data: &Path, args: &[&str]) -> (i32, String, String) {
    let config = paths(data).config;
    let output = Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(args)
        .args(["--council", "demo", "--data"])
        .arg(data)
        .arg("--config")
        .arg(config)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every byte under `dir`, SQLite's WAL included, searched for `needle`.
fn anywhere(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in walk(dir) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            found.push(entry);
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

async fn held(data: &Path, reference: &Reference) -> feedback_functions::store::CaseRecord {
    let now = time::OffsetDateTime::now_utc();
    let app = local_app(&paths(data), Arc::new(FixedClock::new(now))).unwrap();
    app.store
        .get_case(&demo(), reference)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_command_line_corrects_contact_details_and_redacts_words_on_the_local_data() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    let (record, received) = fixtures::case("demo", 1, Kind::Complaint, "waste");
    let reference = record.case.reference.clone();
    let reference_text = reference.to_string();
    {
        let now = time::OffsetDateTime::now_utc();
        let app = local_app(&paths(&data), Arc::new(FixedClock::new(now))).unwrap();
        app.store
            .insert_case(&record, &received, None, &[])
            .await
            .unwrap();
    }
    assert!(!anywhere(&data, "ann@example.com").is_empty());

    // A bad field is refused by name, and changes nothing.
    let (code, _, err) = feedback(
        &data,
        &[
            "rectify",
            "--reference",
            reference_text.as_str(),
            "--email",
            "not an address",
            "--reason",
            "Resident rang",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("email"), "{err}");

    let (code, out, err) = feedback(
        &data,
        &[
            "rectify",
            "--reference",
            reference_text.as_str(),
            "--email",
            "ann.jones@example.org",
            "--reason",
            "Resident rang with her new address",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer["contact_fields"], serde_json::json!(["email"]));
    let after = held(&data, &reference).await;
    let Submitter::Identified(person) = &after.details.submitter else {
        panic!("the contact details went");
    };
    assert_eq!(
        person.contact.email.as_ref().map(|e| e.as_str()),
        Some("ann.jones@example.org")
    );
    assert_eq!(
        person.contact.name.as_str(),
        "Ann Jones",
        "the rest is kept"
    );
    assert_eq!(anywhere(&data, "ann@example.com"), Vec::<PathBuf>::new());

    let (code, _, err) = feedback(
        &data,
        &[
            "redact",
            "--reference",
            reference_text.as_str(),
            "--field",
            "nowhere",
            "--span",
            "number 1",
            "--reason",
            "x",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--field"), "{err}");
    let (code, out, err) = feedback(
        &data,
        &[
            "redact",
            "--reference",
            reference_text.as_str(),
            "--field",
            "what_happened",
            "--span",
            "number 1",
            "--reason",
            "A third party's details",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer["text_fields"], serde_json::json!(["what_happened"]));
    let after = held(&data, &reference).await;
    assert_eq!(after.details.what_happened.as_str(), "Case [redacted].");
    assert_eq!(anywhere(&data, "number 1"), Vec::<PathBuf>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_command_line_acts_on_a_case_as_the_api_does() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    let (record, received) = fixtures::case("demo", 2, Kind::Complaint, "waste");
    let reference = record.case.reference.clone();
    let reference_text = reference.to_string();
    {
        let now = time::OffsetDateTime::now_utc();
        let app = local_app(&paths(&data), Arc::new(FixedClock::new(now))).unwrap();
        app.store
            .insert_case(&record, &received, None, &[])
            .await
            .unwrap();
    }
    let act = |action: &str, extra: &[&str]| {
        let mut args = vec![
            "act",
            "--reference",
            reference_text.as_str(),
            "--action",
            action,
        ];
        args.extend_from_slice(extra);
        feedback(&data, &args)
    };

    // Not JSON, a received case's second receipt, a rule of the procedure: each refused
    // with its reason, changing nothing.
    let (code, _, err) = act("acknowledge", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--action"), "{err}");
    let (code, _, err) = act(r#"{"action":"escalate","requested_on":"2026-11-24"}"#, &[]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = act(
        r#"{"action":"close_overriding_actions","reason":"Done"}"#,
        &[],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--manager"), "{err}");
    assert_eq!(
        held(&data, &reference).await.case.version,
        record.case.version
    );

    let (code, out, err) = act(
        r#"{"action":"not_accept","reason":"A parking fine: appeal to the tribunal.","ground":"statutory_appeal"}"#,
        &["--officer", "officer-zed"],
    );
    assert_eq!(code, 0, "{err}");
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer["case"]["status"], "not_accepted");
    assert_eq!(answer["event"]["actor"]["id"], "officer-zed");
    let after = held(&data, &reference).await;
    assert_eq!(
        after.case.refusal_ground,
        Some(feedback_shared::case::RefusalGround::StatutoryAppeal)
    );
}

#[test]
fn the_command_line_reads_and_saves_the_years_annual_record() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    let (code, out, err) = feedback(&data, &["annual", "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    let view: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(view["year"], 2026);
    assert!(view["requirements"].as_array().unwrap().len() > 10);
    assert_eq!(view["record"], serde_json::Value::Null);

    let draft = r#"{"assessment":[{"requirement":"s6-stage1","compliant":true,"evidence":"All on time."}],"improvements":[]}"#;
    let (code, out, err) = feedback(
        &data,
        &[
            "annual",
            "--year",
            "2026",
            "--save",
            draft,
            "--officer",
            "mia",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let saved: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(saved["version"], 1, "{out}");
    // Saved again over the version it reads: the second save is version 2.
    let (code, out, err) = feedback(&data, &["annual", "--year", "2026", "--save", draft]);
    assert_eq!(code, 0, "{err}");
    let saved: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(saved["version"], 2, "{out}");
    let (_, out, _) = feedback(&data, &["annual", "--year", "2026"]);
    let view: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(view["record"]["assessment"][0]["evidence"], "All on time.");

    let (code, _, err) = feedback(&data, &["annual", "--year", "2026", "--save", "{"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--save"), "{err}");
}

#[test]
fn the_command_line_records_lists_and_reviews_a_contact_restriction() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    // The London date, as the use case reads today (it differs from UTC's after 23:00 in summer).
    let today = feedback_shared::london::london_date(time::OffsetDateTime::now_utc());
    let day = |d: time::Date| d.to_string();
    let draft = serde_json::json!({
        "name": "Rhian Evans",
        "email": "rhian@example.com",
        "kinds": ["one_channel"],
        "channel": "email",
        "behaviour": "Forty calls a day to the contact centre",
        "decided_by_name": "Mia Manager",
        "decided_on": day(today),
        "explained_on": day(today),
        "review_on": day(today + time::Duration::days(90)),
    })
    .to_string();
    let (code, out, err) = feedback(&data, &["restrictions", "--record", &draft]);
    assert_eq!(code, 0, "{err}");
    let recorded: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = recorded["id"].as_str().unwrap().to_owned();
    assert_eq!(recorded["active"], true);
    assert!(!out.contains("Forty calls"), "never the behaviour: {out}");

    // A review more than 12 months on is refused on its field.
    let too_late = serde_json::json!({"outcome": "continue", "next_review": day(today + time::Duration::days(400))}).to_string();
    let (code, _, err) = feedback(
        &data,
        &["restrictions", "--review", &id, "--with", &too_late],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("next_review"), "{err}");

    let end = r#"{"outcome":"end","reason":"Calls are back to normal"}"#;
    let (code, out, err) = feedback(&data, &["restrictions", "--review", &id, "--with", end]);
    assert_eq!(code, 0, "{err}");
    let ended: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(ended["active"], false);
    assert_eq!(ended["ended_on"], day(today));

    // Ended, and kept on record.
    let (code, out, err) = feedback(&data, &["restrictions"]);
    assert_eq!(code, 0, "{err}");
    let listed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (listed["in_force"].as_u64(), listed["ended"].as_u64()),
        (Some(0), Some(1))
    );
}
