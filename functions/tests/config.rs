//! Council configuration files: the shipped demo councils load, and bad files are refused
//! with an error naming the file and the problem.

use feedback_functions::config::{ConfigError, load_council_file, load_councils};
use feedback_shared::policy::RespondFrom;
use feedback_shared::{Division, Language};
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_demo_partnership_loads() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    let councils = load_councils(&dir).unwrap();
    let ids: Vec<&str> = councils.keys().map(|id| id.as_str()).collect();
    assert_eq!(ids, ["aberwen", "demo", "north-glen"]);
    let demo = &councils.values().find(|c| c.id.as_str() == "demo").unwrap();
    // The Code's timescales, with the daily digest switched on.
    assert_eq!(
        demo.policy.timescales,
        feedback_shared::policy::Timescales::CODE
    );
    assert!(demo.policy.reminders.daily_digest);
    assert_eq!(demo.reference_prefix(), "DEMO");
    let glen = councils
        .values()
        .find(|c| c.id.as_str() == "north-glen")
        .unwrap();
    assert_eq!(glen.policy.division, Division::Scotland);
    assert_eq!(
        glen.policy.timescales.stage2.respond_from,
        RespondFrom::Receipt
    );
    let aberwen = councils
        .values()
        .find(|c| c.id.as_str() == "aberwen")
        .unwrap();
    assert_eq!(aberwen.languages, [Language::Cy, Language::En]);
}

#[test]
fn bad_files_name_the_file_and_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "typo.toml",
            "id = \"typo\"\nname = \"X\"\nnmae = \"Y\"\n",
            "unknown field `nmae`",
        ),
        (
            "zero.toml",
            "id = \"zero\"\nname = \"X\"\n[policy.timescales.stage1]\nacknowledge = 0\nrespond = 10\nextension_cap = 10\n",
            "`acknowledge` is 0",
        ),
        (
            "other.toml",
            "id = \"not-other\"\nname = \"X\"\n",
            "does not match the file name",
        ),
        (
            "div.toml",
            "id = \"div\"\nname = \"X\"\n[policy]\ndivision = \"wales\"\n",
            "unknown variant `wales`",
        ),
        (
            "ref.toml",
            "id = \"ref\"\nname = \"X\"\nreference_prefix = \"bad-prefix\"\n",
            "reference_prefix",
        ),
    ];
    for (file, text, expected) in cases {
        let path = write(dir.path(), file, text);
        let err = load_council_file(&path).unwrap_err();
        assert!(matches!(err, ConfigError::Invalid { .. }));
        let message = err.to_string();
        assert!(message.contains(file), "{message}");
        assert!(message.contains(expected), "{message}");
    }
}

#[test]
fn a_missing_folder_is_a_clear_error() {
    let err = load_councils(Path::new("/no/such/folder")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot read council configuration in /no/such/folder")
    );
}

#[test]
fn a_councils_template_overrides_load_from_beside_its_folder() {
    use feedback_functions::config::overrides::Part;
    let root = tempfile::tempdir().unwrap();
    let councils = root.path().join("councils");
    let templates = root.path().join("templates/demo");
    std::fs::create_dir_all(&councils).unwrap();
    std::fs::create_dir_all(&templates).unwrap();
    write(&councils, "demo.toml", "id = \"demo\"\nname = \"Demo\"\n");
    write(
        &templates,
        "acknowledgement.en.subject",
        "We have your complaint {{reference}}",
    );
    let council = load_councils(&councils)
        .unwrap()
        .into_values()
        .next()
        .unwrap();
    assert_eq!(
        council
            .templates
            .get("acknowledgement", Language::En, Part::Subject),
        Some("We have your complaint {{reference}}")
    );
    write(
        &templates,
        "acknowledgment.en.subject",
        "typo in the notice name",
    );
    let err = load_councils(&councils).unwrap_err().to_string();
    assert!(err.contains("acknowledgment.en.subject"), "{err}");
}
