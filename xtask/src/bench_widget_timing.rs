//! The timing half of `cargo xtask bench widget`: runs `tests/browser/bench/widget-timing.mjs`
//! (a slow phone emulated in Chromium: 400 kbit/s, 400 ms round trips, the CPU 4x slower;
//! the widget and `@formbricks/surveys` each from a launcher and inline), passes its table
//! through, and prints issue 16's targets beside the figures it measured, and the time
//! until the whole app has mounted, with no target.
//!
//! Targets are printed PASS or FAIL and never fail the command: a bench reports, and a
//! missed target is reported with its figures rather than hidden.

use crate::workspace::{cargo, run_step, target_dir, thousands};
use serde_json::Value;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// The whole widget, gzipped, at most this (the issue's 120 KB, in decimal kilobytes as
/// the reference's "52 KB" is).
pub const WHOLE_BUDGET: u64 = 120_000;

/// Time from the resident's start to an interactive first question, at most this.
pub const TIME_BUDGET_MS: u64 = 2_000;

/// Runs the timing script against the `feedback` server (debug build, as the browser
/// tests use) serving the freshly built `dist/widget/`, then prints the targets.
/// `whole_gzip` is the widget's whole gzipped size, from the size report.
pub fn timings(root: &Path, runs: u32, whole_gzip: u64) -> Result<(), String> {
    let mut feedback = cargo();
    feedback.args([
        "build",
        "--package",
        "feedback-functions",
        "--bin",
        "feedback",
    ]);
    run_step("build the feedback binary", feedback)?;

    let target = target_dir(root);
    let mut node = Command::new("node");
    node.current_dir(root.join("tests").join("browser"))
        .args(["bench/widget-timing.mjs", "--runs", &runs.to_string()])
        .env("CF_ROOT", root)
        .env(
            "CF_FEEDBACK_BIN",
            target
                .join("debug")
                .join(format!("feedback{}", std::env::consts::EXE_SUFFIX)),
        )
        .env("CF_WIDGET_DIR", root.join("dist").join("widget"))
        .env("CF_ARTIFACTS", target.join("browser"))
        .env("CF_CHROMIUM", crate::browser::CHROMIUM)
        .stdout(Stdio::piped());
    let step = "time the widget in Chromium (node bench/widget-timing.mjs)";
    eprintln!("==> {step}");
    let mut child = node
        .spawn()
        .map_err(|e| format!("{step}: could not start: {e}"))?;
    let mut result = None;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line.map_err(|e| format!("{step}: reading its output: {e}"))?;
            match line.strip_prefix("RESULT ") {
                Some(json) => result = Some(json.to_string()),
                None => println!("{line}"),
            }
        }
    }
    let status = child.wait().map_err(|e| format!("{step}: {e}"))?;
    if !status.success() {
        return Err(format!("{step} failed ({status})"));
    }
    let result = result.ok_or_else(|| format!("{step} printed no RESULT line"))?;
    print!("{}", targets(&result, whole_gzip)?);
    Ok(())
}

/// One scenario's figures from the script's `RESULT` line.
#[derive(Debug, Clone, Copy)]
struct Figures {
    median_ms: u64,
    gzip_bytes: u64,
    /// The widget's time until the whole app has mounted (its own page drawn), which has
    /// no target: printed so a first question drawn by the loader hides nothing.
    mounted_ms: Option<u64>,
}

fn figures(result: &Value, key: &str) -> Result<Figures, String> {
    let scenario = result
        .get(key)
        .ok_or_else(|| format!("the timing script's RESULT has no `{key}`"))?;
    let number = |field: &str| {
        scenario
            .get(field)
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("the timing script's `{key}` has no `{field}`"))
    };
    Ok(Figures {
        median_ms: number("median_ms")?,
        gzip_bytes: number("gzip_bytes")?,
        mounted_ms: scenario.get("mounted_ms").and_then(Value::as_u64),
    })
}

/// Issue 16's targets as PASS/FAIL lines, from the script's `RESULT` JSON and the widget's
/// whole gzipped size.
fn targets(result: &str, whole_gzip: u64) -> Result<String, String> {
    use std::fmt::Write as _;
    let result: Value =
        serde_json::from_str(result).map_err(|e| format!("the timing RESULT line: {e}"))?;
    let widget_inline = figures(&result, "widget-inline")?;
    let widget_launcher = figures(&result, "widget-launcher")?;
    let reference_inline = figures(&result, "reference-inline")?;
    let reference_launcher = figures(&result, "reference-launcher")?;

    let verdict = |ok: bool| if ok { "PASS" } else { "FAIL" };
    let mut out = String::from("\nTargets (issue 16; medians of the runs above)\n");
    // The first part is what the browser had fetched when the first question became
    // interactive; inline and launcher fetch the same files, so the larger is judged.
    let first = widget_inline.gzip_bytes.max(widget_launcher.gzip_bytes);
    let reference = reference_inline.gzip_bytes;
    let _ = writeln!(
        out,
        "  {}  bytes before the first question, gzipped <= the reference bundle: {} B vs {} B",
        verdict(first <= reference),
        thousands(first),
        thousands(reference)
    );
    let _ = writeln!(
        out,
        "  {}  whole widget, gzipped <= {} B: {} B",
        verdict(whole_gzip <= WHOLE_BUDGET),
        thousands(WHOLE_BUDGET),
        thousands(whole_gzip)
    );
    for (how, widget, reference) in [
        ("inline", widget_inline, reference_inline),
        ("launcher", widget_launcher, reference_launcher),
    ] {
        let _ = writeln!(
            out,
            "  {}  {how}: time to the first interactive question <= {} ms: {} ms",
            verdict(widget.median_ms <= TIME_BUDGET_MS),
            thousands(TIME_BUDGET_MS),
            thousands(widget.median_ms)
        );
        let ratio = widget.median_ms as f64 / reference.median_ms.max(1) as f64;
        let _ = writeln!(
            out,
            "  {}  {how}: time <= 1.0x the reference's: {} ms vs {} ms ({ratio:.2}x)",
            verdict(widget.median_ms <= reference.median_ms),
            thousands(widget.median_ms),
            thousands(reference.median_ms)
        );
    }
    for (how, widget) in [("inline", widget_inline), ("launcher", widget_launcher)] {
        let mounted = widget
            .mounted_ms
            .ok_or_else(|| format!("the timing script's `widget-{how}` has no `mounted_ms`"))?;
        let _ = writeln!(
            out,
            "  --    {how}: time until the whole app has mounted (no target): {} ms",
            thousands(mounted)
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(widget_ms: u64, widget_gzip: u64) -> String {
        format!(
            r#"{{"widget-launcher":{{"median_ms":{widget_ms},"gzip_bytes":{widget_gzip},"mounted_ms":4800}},
                "widget-inline":{{"median_ms":{widget_ms},"gzip_bytes":{widget_gzip},"mounted_ms":4650}},
                "reference-launcher":{{"median_ms":1500,"gzip_bytes":52439}},
                "reference-inline":{{"median_ms":1520,"gzip_bytes":52439}}}}"#
        )
    }

    #[test]
    fn targets_pass_when_the_widget_is_small_and_quick() {
        let out = targets(&result(1400, 40_000), 110_000).unwrap();
        assert_eq!(out.matches("PASS").count(), 6, "{out}");
        assert!(out.contains("40,000 B vs 52,439 B"), "{out}");
        assert!(out.contains("1,400 ms vs 1,520 ms (0.92x)"), "{out}");
        // The app's own mount is printed beside, judged by nothing.
        assert!(
            out.contains("inline: time until the whole app has mounted (no target): 4,650 ms"),
            "{out}"
        );
        assert!(
            out.contains("launcher: time until the whole app has mounted (no target): 4,800 ms"),
            "{out}"
        );
    }

    #[test]
    fn each_missed_target_is_a_fail_line_with_its_figures() {
        let out = targets(&result(4716, 201_452), 201_452).unwrap();
        assert_eq!(out.matches("FAIL").count(), 6, "{out}");
        assert!(
            out.contains("FAIL  whole widget, gzipped <= 120,000 B: 201,452 B"),
            "{out}"
        );
        assert!(out.contains("(3.14x)"), "{out}");
        // Between the two references (1,500 ms launcher, 1,520 ms inline): inline passes
        // both, the launcher misses only the ratio.
        let out = targets(&result(1510, 40_000), 100_000).unwrap();
        assert!(out.contains("PASS  inline: time <= 1.0x"), "{out}");
        assert!(out.contains("PASS  launcher: time to the first"), "{out}");
        assert!(out.contains("FAIL  launcher: time <= 1.0x"), "{out}");
    }

    #[test]
    fn a_result_missing_a_scenario_is_an_error_not_a_pass() {
        let err = targets(r#"{"widget-inline":{"median_ms":1,"gzip_bytes":1}}"#, 1).unwrap_err();
        assert!(err.contains("widget-launcher"), "{err}");
        // A widget scenario without its mount time hides a figure: an error too.
        let without = result(1400, 40_000).replace(r#","mounted_ms":4650"#, "");
        let err = targets(&without, 110_000).unwrap_err();
        assert!(
            err.contains("widget-inline") && err.contains("mounted_ms"),
            "{err}"
        );
        assert!(targets("not json", 1).is_err());
    }
}
