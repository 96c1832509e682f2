//! `cargo xtask build lambda`: the two Lambda functions as the SAM template deploys them,
//! and `cfn-lint` over that template.
//!
//! `cargo lambda build --release --arm64` cross-compiles `api` and `reminders` for
//! Graviton (linking with zig, which the PyPI package `cargo-lambda` brings) and writes one
//! zip per function:
//!
//! ```text
//! target/lambda/api/bootstrap.zip         bootstrap + config/ (the councils, their templates)
//! target/lambda/reminders/bootstrap.zip   the same for the reminder job
//! ```
//!
//! The council configuration ships inside each zip (Lambda unpacks it to `/var/task`, and
//! the template sets `FEEDBACK_CONFIG=/var/task/config/councils`), so adding or changing a
//! council is a rebuild and a `sam deploy`, reviewed like any other change.

use crate::python;
use crate::workspace::{run_step, target_dir, workspace_root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Lambda binaries of the `feedback-functions` package, as the template names them.
pub const FUNCTIONS: [&str; 2] = ["api", "reminders"];

/// Where the zips go, relative to the workspace (the template's `CodeUri`s point here).
pub const LAMBDA_DIR: &str = "target/lambda";

/// The folder shipped in every zip beside `bootstrap`.
pub const CONFIG_DIR: &str = "config";

/// The SAM template.
pub const TEMPLATE: &str = "infra/template.yaml";

const ARM_TARGET: &str = "aarch64-unknown-linux-gnu";

/// One built function.
pub struct Built {
    pub name: &'static str,
    pub zip: PathBuf,
    pub bytes: u64,
}

/// The zip of `function`, as `cargo xtask build lambda` writes it.
pub fn zip_path(root: &Path, function: &str) -> PathBuf {
    root.join(LAMBDA_DIR).join(function).join("bootstrap.zip")
}

/// Builds both functions' zips and checks what is inside each.
pub fn build() -> Result<Vec<Built>, String> {
    let root = workspace_root();
    python::ensure_tools(&[python::CARGO_LAMBDA])?;
    ensure_arm_target()?;

    let mut cmd = Command::new(python::venv_program("cargo-lambda"));
    cmd.current_dir(&root)
        // zig comes from the `ziglang` package in the same virtual environment.
        .env("PATH", path_with(&python::venv_bin()))
        .args(["lambda", "build", "--release", "--arm64"])
        .args(["--package", "feedback-functions"]);
    for function in FUNCTIONS {
        cmd.args(["--bin", function]);
    }
    cmd.args(["--output-format", "zip", "--include", CONFIG_DIR])
        .arg("--lambda-dir")
        .arg(root.join(LAMBDA_DIR));
    run_step("cargo lambda build --release --arm64 (api, reminders)", cmd)?;

    let councils = council_files(&root)?;
    let binaries = target_dir(&root).join(ARM_TARGET).join("release");
    let mut built = Vec::new();
    for name in FUNCTIONS {
        let binary = binaries.join(name);
        let head = read_head(&binary)?;
        if elf_machine(&head) != Some(ELF_AARCH64) {
            return Err(format!("{} is not an arm64 ELF file", binary.display()));
        }
        let zip = zip_path(&root, name);
        let bytes = std::fs::read(&zip).map_err(|e| format!("read {}: {e}", zip.display()))?;
        let entries = crate::zip::entries(&bytes).map_err(|e| format!("{}: {e}", zip.display()))?;
        check_contents(&entries, &councils).map_err(|e| format!("{}: {e}", zip.display()))?;
        built.push(Built {
            name,
            zip,
            bytes: bytes.len() as u64,
        });
    }
    println!("Lambda zips (arm64, provided.al2023):");
    for b in &built {
        println!(
            "  {:<10} {:>10} bytes  {}",
            b.name,
            b.bytes,
            b.zip.display()
        );
    }
    Ok(built)
}

/// Every zip needs an executable `bootstrap` at its top and every council file.
fn check_contents(entries: &[crate::zip::Entry], councils: &[String]) -> Result<(), String> {
    let bootstrap = entries
        .iter()
        .find(|e| e.name == "bootstrap")
        .ok_or("no bootstrap at the top of the zip")?;
    if bootstrap.unix_mode & 0o111 == 0 {
        return Err("bootstrap is not executable".into());
    }
    for council in councils {
        let wanted = format!("{CONFIG_DIR}/councils/{council}");
        if !entries.iter().any(|e| e.name == wanted) {
            return Err(format!("{wanted} is missing"));
        }
    }
    Ok(())
}

/// `e_machine` of an AArch64 ELF file.
const ELF_AARCH64: u16 = 183;

/// The machine an ELF file is built for (`e_machine`), if `head` starts one (little-endian).
fn elf_machine(head: &[u8]) -> Option<u16> {
    if head.get(..4)? != b"\x7fELF" || head.get(5)? != &1 {
        return None;
    }
    Some(u16::from_le_bytes(head.get(18..20)?.try_into().ok()?))
}

/// The first 64 bytes of `path`.
fn read_head(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(64);
    std::fs::File::open(path)
        .and_then(|f| f.take(64).read_to_end(&mut head))
        .map_err(|e| format!("read {}: {e}", path.display()))?;
    Ok(head)
}

/// The names of `config/councils/*.toml`.
fn council_files(root: &Path) -> Result<Vec<String>, String> {
    let dir = root.join(CONFIG_DIR).join("councils");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no council files in {}", dir.display()));
    }
    Ok(names)
}

/// `cfn-lint` over the template: any error or warning fails the step.
pub fn lint_template() -> Result<(), String> {
    python::ensure_tools(&[python::CFN_LINT])?;
    let mut cmd = Command::new(python::venv_program("cfn-lint"));
    cmd.current_dir(workspace_root()).arg(TEMPLATE);
    run_step(&format!("cfn-lint {TEMPLATE}"), cmd)
}

/// Adds the arm64 Linux target with rustup when it is missing.
fn ensure_arm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if installed.lines().any(|t| t.trim() == ARM_TARGET) {
        return Ok(());
    }
    let mut cmd = Command::new("rustup");
    cmd.args(["target", "add", ARM_TARGET]);
    run_step("install the arm64 Linux target", cmd)
}

/// `$PATH` with `dir` in front.
fn path_with(dir: &Path) -> std::ffi::OsString {
    let mut paths = vec![dir.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template deploys exactly the zips this module builds.
    #[test]
    fn the_template_deploys_the_zips_built_here() {
        let root = workspace_root();
        let template = std::fs::read_to_string(root.join(TEMPLATE)).unwrap();
        let code_uris: Vec<&str> = template
            .lines()
            .filter_map(|line| line.trim().strip_prefix("CodeUri:"))
            .map(str::trim)
            .collect();
        let infra = root.join("infra");
        let expected: Vec<String> = FUNCTIONS
            .iter()
            .map(|f| {
                let relative = Path::new("..")
                    .join(LAMBDA_DIR)
                    .join(f)
                    .join("bootstrap.zip");
                assert_eq!(
                    infra.join(&relative).components().count(),
                    zip_path(&root, f).components().count() + 2,
                    "the path from infra/ leads into the workspace"
                );
                relative.to_string_lossy().into_owned()
            })
            .collect();
        assert_eq!(code_uris, expected);
    }

    #[test]
    fn a_zip_needs_an_executable_bootstrap_and_every_council() {
        let entry = |name: &str, mode: u32| crate::zip::Entry {
            name: name.into(),
            unix_mode: mode,
        };
        let councils = vec!["demo.toml".to_owned()];
        let good = [
            entry("bootstrap", 0o100755),
            entry("config/councils/demo.toml", 0o100644),
        ];
        assert!(check_contents(&good, &councils).is_ok());
        let not_executable = [
            entry("bootstrap", 0o100644),
            entry("config/councils/demo.toml", 0o100644),
        ];
        assert!(check_contents(&not_executable, &councils).is_err());
        assert!(check_contents(&good[..1], &councils).is_err());
        assert!(check_contents(&good[1..], &councils).is_err());
    }

    #[test]
    fn elf_machine_reads_the_header() {
        let mut head = vec![0u8; 64];
        head[..4].copy_from_slice(b"\x7fELF");
        head[5] = 1;
        head[18..20].copy_from_slice(&ELF_AARCH64.to_le_bytes());
        assert_eq!(elf_machine(&head), Some(ELF_AARCH64));
        head[18..20].copy_from_slice(&62u16.to_le_bytes());
        assert_eq!(elf_machine(&head), Some(62));
        assert_eq!(elf_machine(b"#!/bin/sh"), None);
    }
}
