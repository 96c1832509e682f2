//! The SAM template through AWS's own SAM transform, then cfn-lint on what comes out.
//!
//! cfn-lint checks `AWS::Serverless::*` resources only loosely: an event's misspelt
//! `Method` or a dead-letter queue's misspelt `TargetArn` lints clean and fails only at
//! `sam deploy`. `xtask/sam_transform.py` does offline what CloudFormation does at deploy
//! time: expands `Fn::ForEach` for [`SAMPLE_COUNCILS`], points each `CodeUri` at S3 as
//! `sam package` would, and runs `samtranslator` (PyPI `aws-sam-translator`, the library
//! behind CloudFormation's SAM transform). The plain CloudFormation it writes to
//! `target/sam/template.json` must then lint clean, errors and warnings alike.

use crate::lambda::TEMPLATE;
use crate::python;
use crate::workspace::workspace_root;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The script that expands, packages and transforms the template.
const SCRIPT: &str = "xtask/sam_transform.py";

/// The councils `Fn::ForEach` is expanded for: two, one with a hyphen, so both a plain
/// and an `&{}`-stripped logical id are made.
pub const SAMPLE_COUNCILS: &str = "demo,north-glen";

/// Values for the template's parameters that have no default, as a deployment gives them.
const SAMPLE_PARAMETERS: [&str; 3] = [
    "AllowedOrigins=https://www.demo.gov.uk",
    "SenderIdentity=demo.gov.uk",
    "AlarmTopicArn=arn:aws:sns:eu-west-2:123456789012:feedback-alarms",
];

/// `<workspace>/target/sam`: the expanded and the transformed template.
pub fn out_dir() -> PathBuf {
    workspace_root().join("target").join("sam")
}

/// The step of `cargo xtask test` and `cargo xtask lint template`: the template through
/// the transform into `target/sam/`, then cfn-lint. Prints the number of resources.
pub fn check() -> Result<usize, String> {
    let root = workspace_root();
    let resources = transform_and_lint(&root.join(TEMPLATE), &out_dir())?;
    println!("{TEMPLATE} transforms to {resources} CloudFormation resources, lint clean");
    Ok(resources)
}

/// Transforms `template` into `out/template.json` and lints that. The error carries what
/// the transform or cfn-lint said, so it names the property at fault.
pub fn transform_and_lint(template: &Path, out: &Path) -> Result<usize, String> {
    python::ensure_tools(&[python::CFN_LINT, python::SAM_TRANSLATOR])?;

    let mut transform = Command::new(python::venv_program("python"));
    transform
        .current_dir(workspace_root())
        .arg(SCRIPT)
        .arg(template)
        .arg(out)
        .args(["--councils", SAMPLE_COUNCILS]);
    for parameter in SAMPLE_PARAMETERS {
        transform.args(["--parameter", parameter]);
    }
    let printed = run_captured(
        &format!("SAM transform of {}", template.display()),
        transform,
    )?;
    let resources = resource_count(&printed)
        .ok_or_else(|| format!("{SCRIPT} printed no resource count: {printed}"))?;

    let transformed = out.join("template.json");
    let mut lint = Command::new(python::venv_program("cfn-lint"));
    // W2001 (a parameter not used) fires for `Councils`, which only the expanded
    // `Fn::ForEach` used. The lint of the source template, just before, reports a
    // parameter that is really unused, so nothing is lost here.
    lint.args(["--ignore-checks", "W2001", "--"])
        .arg(&transformed);
    run_captured(&format!("cfn-lint {}", transformed.display()), lint)?;
    Ok(resources)
}

/// Runs `cmd`, echoing what it prints; on failure the error holds that output.
fn run_captured(step: &str, mut cmd: Command) -> Result<String, String> {
    eprintln!("==> {step}");
    let out = cmd
        .output()
        .map_err(|e| format!("{step}: could not start: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    eprint!("{stderr}");
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "{step} failed ({}):\n{}{}",
            out.status,
            stdout,
            stderr.trim_end()
        ))
    }
}

/// N from the script's `SAM transform: N resources …` line.
fn resource_count(printed: &str) -> Option<usize> {
    printed
        .lines()
        .find_map(|line| line.strip_prefix("SAM transform: "))
        .and_then(|rest| rest.split_once(" resources"))
        .and_then(|(n, _)| n.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own per test (the tests run at once), emptied first.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-sam-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// The real template with the first `from` replaced by `to`, written to a scratch
    /// folder; returns the folder and the copy's path.
    fn template_with(name: &str, from: &str, to: &str) -> (PathBuf, PathBuf) {
        let source = std::fs::read_to_string(workspace_root().join(TEMPLATE)).unwrap();
        assert!(
            source.contains(from),
            "the template has no `{from}` to change"
        );
        let dir = scratch(name);
        let copy = dir.join("template.yaml");
        std::fs::write(&copy, source.replacen(from, to, 1)).unwrap();
        (dir, copy)
    }

    /// pip must not install into the venv from two tests at once.
    fn tools() {
        static TOOLS: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one = TOOLS.lock().unwrap_or_else(|e| e.into_inner());
        python::ensure_tools(&[python::CFN_LINT, python::SAM_TRANSLATOR])
            .expect("install cfn-lint and aws-sam-translator into target/pyenv");
    }

    /// cfn-lint on the SAM template itself, as the lint step before this one runs it.
    fn assert_cfn_lint_alone_passes(template: &Path) {
        tools();
        let lint = Command::new(python::venv_program("cfn-lint"))
            .arg(template)
            .output()
            .unwrap();
        assert!(
            lint.status.success(),
            "cfn-lint alone now catches this typo: pick one it misses\n{}",
            String::from_utf8_lossy(&lint.stdout)
        );
    }

    fn transform_error(dir: &Path, template: &Path) -> String {
        tools();
        match transform_and_lint(template, &dir.join("out")) {
            Ok(n) => panic!("the transform passed a broken template ({n} resources)"),
            Err(message) => message,
        }
    }

    #[test]
    fn the_template_transforms_and_lints_clean() {
        tools();
        let dir = scratch("real");
        let resources = transform_and_lint(&workspace_root().join(TEMPLATE), &dir).unwrap();
        let output: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("template.json")).unwrap()).unwrap();
        let ids = output["Resources"].as_object().unwrap();
        assert_eq!(ids.len(), resources);
        // SAM made its resources and the loop one pair of groups per sample council.
        assert!(output.get("Transform").is_none(), "no transform left");
        for id in [
            "ApiFunction",
            "RemindersFunction",
            "Api",
            "ApiApiGatewayDefaultStage",
        ] {
            assert!(ids.contains_key(id), "{id} is missing");
        }
        for council in ["demo", "northglen"] {
            for group in ["OfficerGroup", "ManagerGroup"] {
                assert!(ids.contains_key(&format!("{group}{council}")));
            }
        }
        assert_eq!(
            output["Resources"]["OfficerGroupnorthglen"]["Properties"]["GroupName"],
            "north-glen:officer"
        );
        // The zip's path became an S3 location, as `sam package` leaves it.
        let code = &output["Resources"]["ApiFunction"]["Properties"]["Code"];
        assert!(
            code["S3Bucket"].is_string() && code["S3Key"].is_string(),
            "{code}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The point of the step: cfn-lint alone passes an event without its `Method`, and
    /// the transform names it.
    #[test]
    fn a_misspelt_event_property_fails_where_cfn_lint_alone_passes() {
        let (dir, template) = template_with("event", "Method: GET", "Methd: GET");
        assert_cfn_lint_alone_passes(&template);
        let message = transform_error(&dir, &template);
        assert!(
            message.contains("Property 'Method' is required"),
            "{message}"
        );
        assert!(message.contains("ApiFunction"), "{message}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// SAM turns a managed policy's name into its ARN through the loader (a static map
    /// here); a misspelt name is left as it is, and the lint of the output refuses it.
    #[test]
    fn a_misspelt_managed_policy_fails_where_cfn_lint_alone_passes() {
        let role = "      Role: !GetAtt RemindersRole.Arn\n";
        let (dir, template) = template_with(
            "policy-good",
            role,
            "      Policies: [AWSLambdaSQSQueueExecutionRole]\n",
        );
        tools();
        transform_and_lint(&template, &dir.join("out")).unwrap();
        let output = std::fs::read_to_string(dir.join("out").join("template.json")).unwrap();
        assert!(
            output.contains(
                "\"arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole\""
            )
        );
        let _ = std::fs::remove_dir_all(&dir);

        let (dir, template) = template_with(
            "policy-typo",
            role,
            "      Policies: [AWSLambdaSQSQueueExecutionRol]\n",
        );
        assert_cfn_lint_alone_passes(&template);
        let message = transform_error(&dir, &template);
        assert!(
            message.contains("'AWSLambdaSQSQueueExecutionRol' does not match"),
            "{message}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_misspelt_dead_letter_target_fails() {
        let (dir, template) = template_with(
            "dlq",
            "TargetArn: !GetAtt RemindersDeadLetterQueue.Arn",
            "TargetARN: !GetAtt RemindersDeadLetterQueue.Arn",
        );
        let message = transform_error(&dir, &template);
        assert!(message.contains("RemindersFunction"), "{message}");
        assert!(message.contains("TargetArn"), "{message}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_misspelt_code_uri_fails() {
        let (dir, template) = template_with("codeuri", "CodeUri:", "CodeUrl:");
        let message = transform_error(&dir, &template);
        assert!(
            message.contains("property CodeUrl not defined"),
            "{message}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A loop of a shape the script does not expand is an error, not passed through.
    #[test]
    fn a_loop_outside_resources_is_refused() {
        let (dir, template) = template_with(
            "loop",
            "Outputs:\n",
            "Outputs:\n  Fn::ForEach::Groups:\n    - Council\n    - !Ref Councils\n    \
             - Group&{Council}:\n        Value: !Sub \"${Council}:officer\"\n",
        );
        let message = transform_error(&dir, &template);
        assert!(message.contains("Fn::ForEach at $.Outputs"), "{message}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// What the transform passes through must still lint: the schedule's retry policy is
    /// plain CloudFormation, checked on `target/sam/template.json` too.
    #[test]
    fn the_transformed_template_is_linted() {
        let (dir, template) = template_with(
            "lint",
            "MaximumEventAgeInSeconds: 900\n        DeadLetterConfig:",
            "MaximumEventAgeInSecond: 900\n        DeadLetterConfig:",
        );
        let message = transform_error(&dir, &template);
        assert!(message.contains("cfn-lint"), "{message}");
        assert!(message.contains("template.json"), "{message}");
        assert!(message.contains("'MaximumEventAgeInSecond'"), "{message}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_resource_count_is_read_from_the_script() {
        assert_eq!(
            resource_count("SAM transform: 60 resources (councils a,b) -> x\n"),
            Some(60)
        );
        assert_eq!(resource_count("nothing"), None);
    }
}
