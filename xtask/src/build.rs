//! `cargo xtask build widget`: the embeddable widget, ready to serve from `dist/widget/`.
//!
//! Builds the widget crate for wasm32, runs `wasm-bindgen` (installed under
//! `target/tools` at exactly the version in Cargo.lock), runs binaryen's `wasm-opt -Oz`
//! (the npm package pinned in `xtask/tools/package.json`, installed there with `npm ci`),
//! then writes content-hashed files beside the loader, whose placeholders name them:
//!
//! ```text
//! dist/widget/widget.js                         the loader (stable URL; cache briefly)
//! dist/widget/feedback-widget.<hash>.js         wasm-bindgen's glue (cache for ever)
//! dist/widget/feedback-widget_bg.<hash>.wasm    the app
//! dist/widget/widget.<hash>.css                 its styles, adopted into the shadow root
//! ```
//!
//! Beside each file, `name.gz` (gzip -9) and `name.br` (brotli -q 11): the local server
//! sends them by the request's `Accept-Encoding`.

use crate::workspace::{cargo, run_step, target_dir, workspace_root};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str = "usage: cargo xtask build widget|console|lambda";

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Hex digits of the content hash in each file name.
const HASH_LEN: usize = 10;

/// The loader's size budget, gzipped: the project's own line, not the issue's. It was
/// 3 KB while the loader only drew the launcher; it now also draws the first question in
/// English and Welsh (about 1.7 KB of it) so a resident can answer while the wasm
/// downloads, which saves seconds on a slow phone; a second script for that would cost a
/// request (a round trip on a slow link) for the same bytes.
pub(crate) const LOADER_BUDGET: usize = 5 * 1024;

/// `cargo xtask build <what>`.
pub fn build(args: &[String]) -> Result<(), String> {
    match args {
        [what] if what == "widget" => widget(),
        [what] if what == "console" => console(),
        [what] if what == "lambda" => crate::lambda::build().map(|_| ()),
        _ => Err(USAGE.into()),
    }
}

/// Builds `package` for wasm32 (wasm-release), runs the locked wasm-bindgen over it into
/// `target/{app}-bindgen/` and wasm-opt over the result: the widget's and the console's
/// common path. Returns the glue script's and the optimised wasm's paths.
fn wasm_app(app: &str, package: &str) -> Result<(PathBuf, PathBuf), String> {
    let root = workspace_root();
    let target = target_dir(&root);
    ensure_wasm_target()?;
    let mut build = cargo();
    build.args([
        "build",
        "--package",
        package,
        "--target",
        WASM_TARGET,
        "--profile",
        "wasm-release",
    ]);
    run_step(&format!("build the {app} for wasm32 (wasm-release)"), build)?;
    let stem = package.replace('-', "_");
    let wasm = target
        .join(WASM_TARGET)
        .join("wasm-release")
        .join(format!("{stem}.wasm"));
    let version = locked_version(&root.join("Cargo.lock"), "wasm-bindgen")?;
    let bindgen = ensure_wasm_bindgen(&target, &version)?;
    let out = target.join(format!("{app}-bindgen"));
    recreate_dir(&out)?;
    let mut cmd = Command::new(&bindgen);
    cmd.args([
        "--target",
        "web",
        "--no-typescript",
        "--remove-name-section",
        "--remove-producers-section",
        "--out-dir",
    ])
    .arg(&out)
    .arg(&wasm);
    run_step(&format!("wasm-bindgen {version}"), cmd)?;
    let wasm_path = out.join(format!("{stem}_bg.wasm"));
    optimise(&wasm_path)?;
    Ok((out.join(format!("{stem}.js")), wasm_path))
}

fn widget() -> Result<(), String> {
    let root = workspace_root();
    let (glue_path, wasm_path) = wasm_app("widget", "feedback-widget")?;

    let glue = read(&glue_path)?;
    let wasm = read(&wasm_path)?;
    let css = minify(&read_text(&root.join("widget/style/widget.css"))?);
    let names = [
        ("__GLUE__", hashed("feedback-widget", &glue, "js")),
        ("__WASM__", hashed("feedback-widget_bg", &wasm, "wasm")),
        ("__CSS__", hashed("widget", css.as_bytes(), "css")),
    ];
    let loader = fill(
        &minify(&read_text(&root.join("widget/loader/widget.js"))?),
        &names,
    )?;

    let dist = root.join("dist").join("widget");
    recreate_dir(&dist)?;
    let files: [(&str, &[u8]); 4] = [
        ("widget.js", loader.as_bytes()),
        (&names[0].1, &glue),
        (&names[1].1, &wasm),
        (&names[2].1, css.as_bytes()),
    ];
    let mut table = String::new();
    let mut loader_gzip = 0;
    for (name, bytes) in files {
        let path = dist.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("write {}: {e}", path.display()))?;
        // The server sends these as they are, by the request's Accept-Encoding.
        let (gzip, brotli) = crate::compress::write_beside(&path, bytes)?;
        if name == "widget.js" {
            loader_gzip = gzip;
        }
        let _ = writeln!(
            table,
            "  {name:<40} {:>9} bytes  {:>8} gzipped  {:>8} brotli",
            bytes.len(),
            gzip,
            brotli
        );
    }
    println!("Widget written to {}:\n{table}", dist.display());
    if loader_gzip > LOADER_BUDGET {
        println!(
            "warning: the loader is {loader_gzip} bytes gzipped, over its {LOADER_BUDGET}-byte budget"
        );
    }
    Ok(())
}

/// GOV.UK Frontend and MOJ Frontend, pinned in `console/npm/package.json` and installed
/// there with `npm ci`: the console ships their compiled CSS, fonts and images.
const CONSOLE_NPM_DIR: &str = "console/npm";

/// `cargo xtask build console`: the officer console, ready to serve from `dist/console/`.
///
/// ```text
/// dist/console/index.html                        the page (served for every console path)
/// dist/console/boot.<hash>.js                    loads the glue and the wasm
/// dist/console/feedback-console.<hash>.js        wasm-bindgen's glue
/// dist/console/feedback-console_bg.<hash>.wasm   the app
/// dist/console/govuk-frontend.<hash>.css         GOV.UK Frontend's compiled CSS
/// dist/console/moj-frontend.<hash>.css           MOJ Frontend's compiled CSS
/// dist/console/assets/{fonts,images}/            what the CSS refers to
/// ```
fn console() -> Result<(), String> {
    let root = workspace_root();
    let (glue_path, wasm_path) = wasm_app("console", "feedback-console")?;
    let glue = read(&glue_path)?;
    let wasm = read(&wasm_path)?;

    let npm_dir = root.join(CONSOLE_NPM_DIR);
    if !installed_from_lock(&npm_dir) {
        let mut npm = Command::new("npm");
        npm.current_dir(&npm_dir)
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"]);
        run_step(
            &format!("npm ci ({CONSOLE_NPM_DIR}: govuk-frontend, @ministryofjustice/frontend)"),
            npm,
        )?;
    }
    let modules = npm_dir.join("node_modules");
    let govuk = modules.join("govuk-frontend/dist/govuk");
    let moj = modules.join("@ministryofjustice/frontend/moj");
    let govuk_css = relative_assets(&read_text(&govuk.join("govuk-frontend.min.css"))?);
    let moj_css = relative_assets(&read_text(&moj.join("moj-frontend.min.css"))?);

    let glue_name = hashed("feedback-console", &glue, "js");
    let wasm_name = hashed("feedback-console_bg", &wasm, "wasm");
    let boot = fill(
        &read_text(&root.join("console/boot.js"))?,
        &[
            ("__GLUE__", glue_name.clone()),
            ("__WASM__", wasm_name.clone()),
        ],
    )?;
    let names = [
        ("__BOOT__", hashed("boot", boot.as_bytes(), "js")),
        (
            "__GOVUK_CSS__",
            hashed("govuk-frontend", govuk_css.as_bytes(), "css"),
        ),
        (
            "__MOJ_CSS__",
            hashed("moj-frontend", moj_css.as_bytes(), "css"),
        ),
    ];
    let index = fill(&read_text(&root.join("console/index.html"))?, &names)?;

    let dist = root.join("dist").join("console");
    recreate_dir(&dist)?;
    let files: [(&str, &[u8]); 6] = [
        ("index.html", index.as_bytes()),
        (&names[0].1, boot.as_bytes()),
        (&glue_name, &glue),
        (&wasm_name, &wasm),
        (&names[1].1, govuk_css.as_bytes()),
        (&names[2].1, moj_css.as_bytes()),
    ];
    let mut table = String::new();
    let mut app_gzip = 0;
    for (name, bytes) in files {
        let path = dist.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("write {}: {e}", path.display()))?;
        let gzip = gzip_size(&path)?;
        if name.ends_with(".wasm") || name.starts_with("feedback-console.") {
            app_gzip += gzip;
        }
        let _ = writeln!(
            table,
            "  {name:<42} {:>9} bytes  {:>8} gzipped",
            bytes.len(),
            gzip
        );
    }
    // GOV.UK's fonts and images, then MOJ's images (which include a few of GOV.UK's).
    copy_dir(&govuk.join("assets"), &dist.join("assets"))?;
    copy_dir(&moj.join("assets"), &dist.join("assets"))?;
    println!(
        "Console written to {}:
{table}  the app (glue and wasm): {app_gzip} bytes gzipped",
        dist.display()
    );
    Ok(())
}

/// GOV.UK and MOJ Frontend's CSS refer to `/assets/…` at the site's root; the console
/// serves them beside the CSS, under `/console/`.
fn relative_assets(css: &str) -> String {
    css.replace("url(/assets/", "url(assets/")
        .replace("url(\"/assets/", "url(\"assets/")
        .replace("url('/assets/", "url('assets/")
}

/// Copies the files under `from` into `to`, keeping their paths; existing files are
/// replaced.
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("read {}: {e}", from.display()))?;
        let (source, dest) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &dest)?;
        } else {
            std::fs::copy(&source, &dest).map_err(|e| format!("copy {}: {e}", source.display()))?;
        }
    }
    Ok(())
}

/// Adds the wasm32 target with rustup when it is missing.
fn ensure_wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if installed.lines().any(|t| t.trim() == WASM_TARGET) {
        return Ok(());
    }
    let mut cmd = Command::new("rustup");
    cmd.args(["target", "add", WASM_TARGET]);
    run_step("install the wasm32 target", cmd)
}

/// The version of `package` in Cargo.lock; an error when it is missing or locked at more
/// than one version (the CLI must match the one the widget links).
fn locked_version(lock: &Path, package: &str) -> Result<String, String> {
    let text = read_text(lock)?;
    let wanted = format!("name = \"{package}\"");
    let mut versions: Vec<String> = text
        .split("[[package]]")
        .filter(|block| block.lines().any(|line| line.trim() == wanted))
        .filter_map(|block| {
            block.lines().find_map(|line| {
                line.trim()
                    .strip_prefix("version = \"")
                    .and_then(|rest| rest.strip_suffix('"'))
                    .map(str::to_owned)
            })
        })
        .collect();
    versions.dedup();
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!("{package} is not in {}", lock.display())),
        many => Err(format!(
            "{package} is locked at several versions ({}); the widget needs one",
            many.join(", ")
        )),
    }
}

/// `target/tools/bin/wasm-bindgen` at exactly `version`, installed with `cargo install`
/// into the workspace (so CI caches it with `target/` and nothing global changes).
fn ensure_wasm_bindgen(target: &Path, version: &str) -> Result<PathBuf, String> {
    let tools = target.join("tools");
    let bin = tools
        .join("bin")
        .join(format!("wasm-bindgen{}", std::env::consts::EXE_SUFFIX));
    let installed = Command::new(&bin)
        .arg("--version")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned());
    // `wasm-bindgen --version` prints `wasm-bindgen 0.2.x`.
    if installed
        .as_deref()
        .map(str::split_whitespace)
        .and_then(|mut words| words.nth(1))
        == Some(version)
    {
        return Ok(bin);
    }
    // `--locked` builds the CLI with the dependency versions it was released with; when
    // one of those can no longer be had (yanked from the registry), fall back to fresh ones.
    let step = format!(
        "install wasm-bindgen-cli {version} into {}",
        tools.display()
    );
    if run_step(&step, install_wasm_bindgen(&tools, version, true)).is_err() {
        println!("note: `cargo install --locked` failed; trying again without --locked");
        run_step(&step, install_wasm_bindgen(&tools, version, false))?;
    }
    Ok(bin)
}

/// `cargo install wasm-bindgen-cli --version =VERSION --root TOOLS [--locked]`.
fn install_wasm_bindgen(tools: &Path, version: &str, locked: bool) -> Command {
    let mut install = cargo();
    install
        .args(["install", "wasm-bindgen-cli", "--version"])
        .arg(format!("={version}"))
        .arg("--root")
        .arg(tools);
    if locked {
        install.arg("--locked");
    }
    install
}

/// binaryen's `wasm-opt`, pinned in `xtask/tools/package.json` and installed there with
/// `npm ci`.
const TOOLS_DIR: &str = "xtask/tools";

/// `wasm-opt`'s options for wasm-bindgen's output.
///
/// The features are those rustc 1.95 enables by default for wasm32-unknown-unknown
/// (`rustc --print cfg --target wasm32-unknown-unknown`); wasm-opt also reads them from
/// the `target_features` section, which it then strips.
///
/// `-ocimfs 0` stops `-Oz` from inlining every function that has one caller: measured on
/// the widget, that inlining saves 15 KB raw but costs 21 KB gzipped, because the many
/// alike small functions compress far better than the unique large ones they melt into.
const WASM_OPT_ARGS: &[&str] = &[
    "-Oz",
    "--one-caller-inline-max-function-size",
    "0",
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--strip-target-features",
];

/// Runs `wasm-opt` over `wasm` in place: the pinned one under `xtask/tools` (installed with
/// `npm ci` when missing or stale), else one on the PATH; when there is neither (no npm),
/// says so and carries on with the wasm as wasm-bindgen wrote it.
fn optimise(wasm: &Path) -> Result<(), String> {
    let Some(mut cmd) = wasm_opt() else {
        println!(
            "note: wasm-opt not found and npm could not install it (npm package `binaryen`, \
             pinned in {TOOLS_DIR}/package.json); the wasm is not optimised further"
        );
        return Ok(());
    };
    let optimised = wasm.with_extension("opt.wasm");
    cmd.args(WASM_OPT_ARGS).arg(wasm).arg("-o").arg(&optimised);
    run_step("wasm-opt -Oz", cmd)?;
    std::fs::rename(&optimised, wasm).map_err(|e| format!("replace {}: {e}", wasm.display()))
}

/// A command that runs `wasm-opt`, or `None` when there is none to be had.
fn wasm_opt() -> Option<Command> {
    let tools = workspace_root().join(TOOLS_DIR);
    // binaryen's `wasm-opt` is a Node script (binaryen compiled to wasm): run it with node
    // rather than through `node_modules/.bin`, whose shims differ between platforms.
    let script = tools.join("node_modules/binaryen/bin/wasm-opt");
    let installed = (installed_from_lock(&tools) && script.exists()) || {
        let mut npm = Command::new("npm");
        npm.current_dir(&tools)
            .args(["ci", "--no-audit", "--no-fund"]);
        match run_step(&format!("npm ci ({TOOLS_DIR}: binaryen)"), npm) {
            Ok(()) => true,
            Err(e) => {
                println!("note: {e}");
                false
            }
        }
    };
    if installed {
        let mut node = Command::new("node");
        node.arg(script);
        return Some(node);
    }
    let on_path = Command::new("wasm-opt")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    on_path.then(|| Command::new("wasm-opt"))
}

/// Whether `dir/node_modules` was installed from the current `dir/package-lock.json`
/// (npm writes `node_modules/.package-lock.json` after it).
fn installed_from_lock(dir: &Path) -> bool {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    matches!(
        (
            modified(&dir.join("node_modules/.package-lock.json")),
            modified(&dir.join("package-lock.json")),
        ),
        (Some(installed), Some(lock)) if installed >= lock
    )
}

/// `stem.<hash>.ext`, the hash being FNV-1a (64-bit) of `bytes`: stable across Rust
/// versions and platforms, unlike `DefaultHasher`.
fn hashed(stem: &str, bytes: &[u8], ext: &str) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let hex = format!("{hash:016x}");
    format!("{stem}.{}.{ext}", &hex[..HASH_LEN])
}

/// Replaces each placeholder in the loader with its file name; every one must be there.
fn fill(loader: &str, names: &[(&str, String)]) -> Result<String, String> {
    let mut out = loader.to_owned();
    for (placeholder, name) in names {
        if !out.contains(placeholder) {
            return Err(format!("the loader has no {placeholder} placeholder"));
        }
        out = out.replace(placeholder, name);
    }
    Ok(out)
}

/// A simple minifier for the hand-written loader and CSS: drops `/* … */` comments that
/// start a line, `//` comment lines, blank lines and indentation. Comments after code on
/// the same line are kept, so the sources keep comments on lines of their own.
fn minify(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_block = false;
    for line in source.lines() {
        let mut line = line.trim();
        if in_block {
            match line.find("*/") {
                Some(end) => {
                    in_block = false;
                    line = line[end + 2..].trim();
                }
                None => continue,
            }
        }
        if line.starts_with("/*") {
            match line.find("*/") {
                Some(end) => line = line[end + 2..].trim(),
                None => {
                    in_block = true;
                    continue;
                }
            }
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The size of `path` gzipped at the highest level, as a server would send it.
fn gzip_size(path: &Path) -> Result<usize, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("could not run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip {} failed", path.display()));
    }
    Ok(out.stdout.len())
}

fn recreate_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("create {}: {e}", dir.display()))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_drops_comment_lines_and_indentation() {
        let source = "/* a\n   b */\n(() => {\n  // note\n  const u = 'https://x/';\n\n  /* one */ go(u);\n})();\n";
        assert_eq!(
            minify(source),
            "(() => {\nconst u = 'https://x/';\ngo(u);\n})();\n"
        );
    }

    #[test]
    fn hashed_names_change_with_the_bytes() {
        let a = hashed("widget", b"a", "css");
        assert_eq!(a.len(), "widget..css".len() + HASH_LEN);
        assert_eq!(a, hashed("widget", b"a", "css"));
        assert_ne!(a, hashed("widget", b"b", "css"));
    }

    #[test]
    fn fill_needs_every_placeholder() {
        let names = [("__CSS__", "widget.0123456789.css".to_owned())];
        assert_eq!(
            fill("at('__CSS__')", &names).as_deref(),
            Ok("at('widget.0123456789.css')")
        );
        assert!(fill("at('x')", &names).is_err());
    }

    #[test]
    fn frontend_css_finds_its_assets_beside_it() {
        assert_eq!(
            relative_assets(
                "a{src:url(/assets/fonts/x.woff2)}b{background:url(\"/assets/images/y.svg\")}"
            ),
            "a{src:url(assets/fonts/x.woff2)}b{background:url(\"assets/images/y.svg\")}"
        );
    }

    /// The loader draws the first question before the wasm arrives, so it carries a copy
    /// of the app's words: each `NAME: { en: 'English', cy: 'Welsh' },` in its `TEXT` must be
    /// text.rs's `NAME = "English", "Welsh";` letter for letter.
    #[test]
    fn the_loaders_words_are_the_apps() {
        let root = workspace_root();
        let loader = read_text(&root.join("widget/loader/widget.js")).unwrap();
        let text = read_text(&root.join("widget/src/text.rs")).unwrap();
        let start = loader
            .find("const TEXT = {")
            .expect("the loader has a TEXT table");
        let end = start + loader[start..].find("};").expect("TEXT ends");
        let mut checked = Vec::new();
        for line in loader[start..end].lines().skip(1) {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (name, words) = line
                .split_once(": { en: '")
                .unwrap_or_else(|| panic!("a TEXT line not in the expected form: {line}"));
            let (en, cy) = words
                .strip_suffix("' },")
                .and_then(|w| w.split_once("', cy: '"))
                .unwrap_or_else(|| panic!("{name}: not {{ en: 'English', cy: 'Welsh' }},"));
            let apps = text
                .lines()
                .find_map(|l| l.trim().strip_prefix(&format!("{name} = \"")))
                .and_then(|w| w.strip_suffix("\";"))
                .and_then(|w| w.split_once("\", \""))
                .unwrap_or_else(|| panic!("text.rs has no {name}"));
            assert_eq!((en, cy), apps, "{name} differs from text.rs");
            checked.push(name);
        }
        for name in ["HEADING", "KIND_LEGEND", "KIND_COMPLAINT_HINT", "CONTINUE"] {
            assert!(checked.contains(&name), "{name} not checked: {checked:?}");
        }
    }

    #[test]
    fn the_locked_wasm_bindgen_has_one_version() {
        let lock = workspace_root().join("Cargo.lock");
        let version = locked_version(&lock, "wasm-bindgen").unwrap();
        assert!(version.starts_with("0.2."), "{version}");
    }
}
