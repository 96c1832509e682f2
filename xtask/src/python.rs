//! The Python tools the tests use (moto's DynamoDB server, aiosmtpd, schemathesis, cfn-lint,
//! AWS's SAM transform), kept in a virtual environment under `target/pyenv` so nothing is
//! installed outside the workspace, and [`Moto`], a running moto server for the benchmarks. Needs only `python3` on the PATH; each step is
//! skipped when already done.

use crate::workspace::{run_step, workspace_root};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// moto's stand-alone server, which the DynamoDB store's tests run against.
pub const MOTO: &str = "moto[server]==5.2.5";

/// aiosmtpd, the SMTP server the SMTP notifier's tests deliver to.
pub const AIOSMTPD: &str = "aiosmtpd==1.4.6";

/// Schemathesis, which attacks the API from its OpenAPI document (`schemathesis.rs`). Its
/// command line changed a great deal between 3.x and 4.x: move the pin with care.
pub const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// The CloudFormation linter the SAM template must pass (moto needs it too: one version).
pub const CFN_LINT: &str = "cfn-lint==1.58.0";

/// AWS's SAM transform (`samtranslator`), run over the template offline (`sam_transform.rs`).
/// It pins pydantic to 2.13.x; pip resolves it together with every pin above.
pub const SAM_TRANSLATOR: &str = "aws-sam-translator==1.115.0";

/// `cargo lambda`, which cross-builds the Lambda zips; it brings zig (`ziglang`) to link.
pub const CARGO_LAMBDA: &str = "cargo-lambda==1.9.2";

/// `<workspace>/target/pyenv`.
pub fn venv_dir() -> PathBuf {
    workspace_root().join("target").join("pyenv")
}

/// The folder of the virtual environment's programs.
pub fn venv_bin() -> PathBuf {
    venv_dir().join(if cfg!(windows) { "Scripts" } else { "bin" })
}

/// A program installed in the virtual environment.
pub fn venv_program(name: &str) -> PathBuf {
    let suffix = if cfg!(windows) { ".exe" } else { "" };
    venv_bin().join(format!("{name}{suffix}"))
}

/// The `moto_server` executable in the virtual environment.
pub fn moto_server_bin() -> PathBuf {
    venv_program("moto_server")
}

/// Creates the virtual environment if it is missing, then installs each requirement
/// (e.g. [`MOTO`]) that is not installed at the version it pins.
pub fn ensure_tools(packages: &[&str]) -> Result<(), String> {
    let venv = venv_dir();
    let pip = venv_program("pip");
    if !pip.exists() {
        let python = if cfg!(windows) { "python" } else { "python3" };
        let mut cmd = Command::new(python);
        cmd.args(["-m", "venv"]).arg(&venv);
        run_step("create the Python virtual environment", cmd)?;
    }
    for requirement in packages {
        let (name, pinned) = split_requirement(requirement);
        if installed_version(&pip, name).is_some_and(|v| pinned.is_none_or(|p| p == v)) {
            continue;
        }
        let mut cmd = Command::new(&pip);
        cmd.args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            requirement,
        ]);
        run_step(&format!("install {requirement}"), cmd)?;
    }
    Ok(())
}

/// A moto_server on a free loopback port, stopped when dropped.
pub(crate) struct Moto {
    child: Child,
    pub(crate) endpoint: String,
}

impl Moto {
    pub(crate) fn start() -> Result<Moto, String> {
        ensure_tools(&[MOTO])?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let child = Command::new(moto_server_bin())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start moto_server: {e}"))?;
        let moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("moto_server did not start within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(moto)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `moto[server]==5.2.5` gives `("moto", Some("5.2.5"))`; without `==`, no version.
fn split_requirement(requirement: &str) -> (&str, Option<&str>) {
    let end = requirement
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(requirement.len());
    let pinned = requirement
        .split_once("==")
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty());
    (&requirement[..end], pinned)
}

/// The version of `name` installed in the virtual environment, if any.
fn installed_version(pip: &Path, name: &str) -> Option<String> {
    let out = Command::new(pip)
        .args(["show", "--disable-pip-version-check", name])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Version:"))
        .map(|v| v.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::split_requirement;

    #[test]
    fn requirements_split_into_name_and_pin() {
        assert_eq!(
            split_requirement("moto[server]==5.2.5"),
            ("moto", Some("5.2.5"))
        );
        assert_eq!(split_requirement("boto3"), ("boto3", None));
        assert_eq!(split_requirement("flask>=3"), ("flask", None));
    }
}
