//! `cargo xtask bench widget`: what the widget costs a resident's browser.
//!
//! Builds `dist/widget/` as `cargo xtask build widget` does, then prints, in one run:
//!
//! - the raw, gzip (level 9) and brotli (quality 11) size of each file, and their total:
//!   the sizes of the `.gz` and `.br` copies the build writes and the server sends (the
//!   reference is compressed here with the same settings);
//! - the same for the reference, the `@formbricks/surveys` UMD bundle pinned in
//!   `tests/browser/package.json`, with the widget's total as a ratio of it, and the two
//!   size targets as pass/fail lines (sizes are deterministic, so they can be judged);
//! - in Debian's Chromium on an emulated slow phone, the time to the first interactive
//!   question and the bytes fetched before it, inline and from the launcher, beside the
//!   reference doing the same, with the issue's targets (`bench_widget_timing.rs`).
//!
//! The sizes need neither Node nor Chromium; the reference needs npm, the timings both.

use crate::build::LOADER_BUDGET;
use crate::compress::{beside, brotli, gzip, is_precompressed};
use crate::workspace::{thousands, workspace_root};
use std::path::Path;

const USAGE: &str = "usage: cargo xtask bench widget [--runs N] [--sizes-only]";

/// The reference bundle: an established embeddable survey widget, as a site loads it.
const REFERENCE_PACKAGE: &str = "@formbricks/surveys";
const REFERENCE_FILE: &str = "dist/index.umd.js";

/// Timed runs of each page; each gets a fresh browser, so nothing is cached.
const DEFAULT_RUNS: u32 = 5;

/// `cargo xtask bench widget [--runs N] [--sizes-only]`.
pub fn bench(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args)?;
    let root = workspace_root();
    crate::build::build(&["widget".into()])?;

    let widget = widget_parts(&root.join("dist").join("widget"))?;
    let browser_dir = root.join("tests").join("browser");
    let npm = crate::browser::ensure_node_modules(&browser_dir);
    let reference = match &npm {
        Ok(()) => Some(reference(&browser_dir)?),
        Err(e) => {
            println!("note: no reference bundle without npm: {e}");
            None
        }
    };
    print!("{}", size_report(&widget, reference.as_ref()));

    if options.sizes_only {
        return Ok(());
    }
    if let Err(e) = npm.and_then(|()| crate::browser::ensure_chromium()) {
        println!("\nTimings skipped: {e}");
        return Ok(());
    }
    let whole_gzip = widget.iter().map(|part| part.sizes.gzip).sum();
    crate::bench_widget_timing::timings(&root, options.runs, whole_gzip)
}

struct Options {
    runs: u32,
    sizes_only: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            runs: DEFAULT_RUNS,
            sizes_only: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--sizes-only" => options.sizes_only = true,
                "--runs" => {
                    options.runs = args
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|&n| n > 0)
                        .ok_or_else(|| format!("--runs needs a positive number\n{USAGE}"))?;
                }
                other => return Err(format!("unknown option `{other}`\n{USAGE}")),
            }
        }
        Ok(options)
    }
}

/// Bytes of one file as stored and as a server would send it compressed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

impl Sizes {
    fn of(bytes: &[u8]) -> Result<Sizes, String> {
        Ok(Sizes {
            raw: bytes.len() as u64,
            gzip: gzip(bytes)?.len() as u64,
            brotli: brotli(bytes)?.len() as u64,
        })
    }

    /// The sizes of the file at `path` (holding `bytes`) as the server sends it: its
    /// precompressed copies from the build where they are there (the same settings).
    fn served(path: &Path, bytes: &[u8]) -> Result<Sizes, String> {
        let copy = |extension| std::fs::metadata(beside(path, extension)).map(|m| m.len());
        match (copy("gz"), copy("br")) {
            (Ok(gzip), Ok(brotli)) => Ok(Sizes {
                raw: bytes.len() as u64,
                gzip,
                brotli,
            }),
            _ => Sizes::of(bytes),
        }
    }

    fn plus(self, other: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

/// What a file in `dist/widget/` is to the page that loads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Loader,
    Wasm,
    Glue,
    Css,
    Other,
}

impl Role {
    fn of(name: &str) -> Role {
        if name == "widget.js" {
            Role::Loader
        } else if name.ends_with(".wasm") {
            Role::Wasm
        } else if name.ends_with(".js") {
            Role::Glue
        } else if name.ends_with(".css") {
            Role::Css
        } else {
            Role::Other
        }
    }

    fn label(self) -> &'static str {
        match self {
            Role::Loader => "loader",
            Role::Wasm => "wasm",
            Role::Glue => "glue",
            Role::Css => "CSS",
            Role::Other => "other",
        }
    }
}

struct Part {
    role: Role,
    name: String,
    sizes: Sizes,
}

/// Every file in `dist/widget/`, loader first; the loader and the wasm must be there.
fn widget_parts(dist: &Path) -> Result<Vec<Part>, String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("read {}: {e}", dist.display()))?;
    let mut parts = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("read {}: {e}", dist.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_precompressed(&name) {
            continue;
        }
        let bytes =
            std::fs::read(entry.path()).map_err(|e| format!("read {}: {e}", name.as_str()))?;
        parts.push(Part {
            role: Role::of(&name),
            sizes: Sizes::served(&entry.path(), &bytes)?,
            name,
        });
    }
    parts.sort_by(|a, b| (a.role, &a.name).cmp(&(b.role, &b.name)));
    for role in [Role::Loader, Role::Wasm] {
        if !parts.iter().any(|p| p.role == role) {
            return Err(format!("no {} in {}", role.label(), dist.display()));
        }
    }
    Ok(parts)
}

struct Reference {
    label: String,
    sizes: Sizes,
}

/// The reference bundle as installed by `npm ci` in `tests/browser`.
fn reference(browser_dir: &Path) -> Result<Reference, String> {
    let package = browser_dir.join("node_modules").join(REFERENCE_PACKAGE);
    let manifest = package.join("package.json");
    let manifest = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("read {}: {e}", manifest.display()))?;
    let version = json_string_field(&manifest, "version").unwrap_or("?");
    let file = package.join(REFERENCE_FILE);
    let bytes = std::fs::read(&file).map_err(|e| format!("read {}: {e}", file.display()))?;
    Ok(Reference {
        label: format!("{REFERENCE_PACKAGE} {version} {REFERENCE_FILE}"),
        sizes: Sizes::of(&bytes)?,
    })
}

/// The first `"field": "value"` string in a JSON text; enough for a package.json's version.
fn json_string_field<'a>(json: &'a str, field: &str) -> Option<&'a str> {
    let key = format!("\"{field}\"");
    let after = &json[json.find(&key)? + key.len()..];
    let value = after.trim_start().strip_prefix(':')?.trim_start();
    let value = value.strip_prefix('"')?;
    Some(&value[..value.find('"')?])
}

/// The size table, the ratios to the reference and the two size targets.
fn size_report(parts: &[Part], reference: Option<&Reference>) -> String {
    use std::fmt::Write as _;
    let total = parts
        .iter()
        .fold(Sizes::default(), |sum, part| sum.plus(part.sizes));
    let loader = parts
        .iter()
        .filter(|p| p.role == Role::Loader)
        .fold(Sizes::default(), |sum, part| sum.plus(part.sizes));
    let row = |out: &mut String, label: &str, name: &str, s: Sizes| {
        let _ = writeln!(
            out,
            "  {label:<10} {name:<50} {:>10} {:>10} {:>10}",
            thousands(s.raw),
            thousands(s.gzip),
            thousands(s.brotli)
        );
    };

    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nWidget size in bytes (gzip level 9, brotli quality 11)\n  {:<10} {:<50} {:>10} {:>10} {:>10}",
        "part", "file", "raw", "gzip", "brotli"
    );
    for part in parts {
        row(&mut out, part.role.label(), &part.name, part.sizes);
    }
    row(&mut out, "total", "dist/widget/", total);
    if let Some(reference) = reference {
        row(&mut out, "reference", &reference.label, reference.sizes);
        let r = reference.sizes;
        let _ = writeln!(
            out,
            "  {:<10} {:<50} {:>10} {:>10} {:>10}",
            "ratio",
            "widget total / reference",
            ratio(total.raw, r.raw),
            ratio(total.gzip, r.gzip),
            ratio(total.brotli, r.brotli)
        );
    }

    let _ = writeln!(out, "\nSize targets");
    let verdict = |ok: bool| if ok { "PASS" } else { "FAIL" };
    let budget = LOADER_BUDGET as u64;
    let _ = writeln!(
        out,
        "  {}  loader <= {} B gzipped: {} B",
        verdict(loader.gzip <= budget),
        thousands(budget),
        thousands(loader.gzip)
    );
    // Issue 16 moved the whole-widget target from "at most the reference" to 120 KB:
    // the form stays a Leptos app, and what a resident waits for is timed separately.
    let whole = crate::bench_widget_timing::WHOLE_BUDGET;
    let _ = writeln!(
        out,
        "  {}  whole widget <= {} B gzipped: {} B",
        verdict(total.gzip <= whole),
        thousands(whole),
        thousands(total.gzip)
    );
    out
}

fn ratio(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.2}x", part as f64 / whole as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_their_role() {
        assert_eq!(Role::of("widget.js"), Role::Loader);
        assert_eq!(Role::of("feedback-widget_bg.0123456789.wasm"), Role::Wasm);
        assert_eq!(Role::of("feedback-widget.0123456789.js"), Role::Glue);
        assert_eq!(Role::of("widget.0123456789.css"), Role::Css);
        assert_eq!(Role::of("widget.js.map"), Role::Other);
    }

    #[test]
    fn compression_shrinks_repetitive_text_and_brotli_beats_gzip() {
        let text = "<council-feedback council=\"demo\"></council-feedback>\n".repeat(200);
        let sizes = Sizes::of(text.as_bytes()).unwrap();
        assert_eq!(sizes.raw, text.len() as u64);
        assert!(sizes.gzip < sizes.raw / 10, "{sizes:?}");
        assert!(sizes.brotli < sizes.gzip, "{sizes:?}");
    }

    #[test]
    fn gzip_output_is_a_gzip_stream_that_decompresses_to_the_input() {
        use std::io::Read as _;
        let compressed = gzip(b"Tell us what you think").unwrap();
        assert_eq!(&compressed[..2], &[0x1f, 0x8b]);
        let mut text = String::new();
        flate2::read::GzDecoder::new(&compressed[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "Tell us what you think");
    }

    #[test]
    fn the_version_is_read_from_a_package_manifest() {
        let manifest = "{\n  \"name\": \"@formbricks/surveys\",\n  \"version\" : \"1.99.0\"\n}";
        assert_eq!(json_string_field(manifest, "version"), Some("1.99.0"));
        assert_eq!(json_string_field(manifest, "license"), None);
    }

    #[test]
    fn the_report_fails_a_loader_over_budget_and_a_widget_over_its_budget() {
        let sizes = |gzip| Sizes {
            raw: gzip * 3,
            gzip,
            brotli: gzip - 1,
        };
        let parts = [
            Part {
                role: Role::Loader,
                name: "widget.js".into(),
                sizes: sizes(LOADER_BUDGET as u64 + 1),
            },
            Part {
                role: Role::Wasm,
                name: "app.wasm".into(),
                sizes: sizes(crate::bench_widget_timing::WHOLE_BUDGET),
            },
        ];
        let reference = Reference {
            label: "reference".into(),
            sizes: sizes(2000),
        };
        let report = size_report(&parts, Some(&reference));
        assert!(report.contains("FAIL  loader"), "{report}");
        assert!(report.contains("FAIL  whole widget"), "{report}");
        let small = [Part {
            sizes: sizes(100),
            ..parts.into_iter().next().unwrap()
        }];
        let report = size_report(&small, Some(&reference));
        assert!(report.contains("PASS  loader"), "{report}");
        assert!(report.contains("PASS  whole widget"), "{report}");
        assert!(report.contains("whole widget <= 120,000 B"), "{report}");
        assert!(report.contains("0.05x"), "{report}");
    }

    #[test]
    fn runs_and_sizes_only_are_read_and_bad_options_refused() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let options = Options::parse(&args(&["--runs", "3", "--sizes-only"])).unwrap();
        assert_eq!((options.runs, options.sizes_only), (3, true));
        assert_eq!(Options::parse(&[]).unwrap().runs, DEFAULT_RUNS);
        assert!(Options::parse(&args(&["--runs", "0"])).is_err());
        assert!(Options::parse(&args(&["--fast"])).is_err());
    }
}
