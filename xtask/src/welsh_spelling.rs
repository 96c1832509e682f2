//! The Welsh spelling check (part of `cargo xtask test`; alone: `cargo xtask test welsh`).
//!
//! The Rust tests that take every Welsh string from the code write them out under
//! `target/tmp/welsh-spelling/` (`functions/tests/welsh_strings.rs`: the domain's labels,
//! field errors and equality questions, the councils' Welsh names, the widget's words;
//! `functions/tests/templates.rs`: every email). Then `tests/welsh-spelling/`, an npm
//! package pinning `nspell` and the Welsh Hunspell dictionary `dictionary-cy` (installed
//! here with `npm ci`), looks up every word, beside its short list of accepted words, and
//! fails naming each unknown word and where it came from.

use crate::workspace::{cargo, run_step, target_dir, workspace_root};
use std::process::Command;

/// Writes the Welsh strings out and checks their spelling.
pub fn check() -> Result<(), String> {
    let root = workspace_root();
    let dir = root.join("tests").join("welsh-spelling");
    crate::browser::ensure_node_modules(&dir)?;

    let mut strings = cargo();
    strings.args([
        "test",
        "--package",
        "feedback-functions",
        "--test",
        "welsh_strings",
        "--test",
        "templates",
    ]);
    run_step("write out every Welsh string (cargo test)", strings)?;

    let mut node = Command::new("node");
    node.current_dir(&dir)
        .args(["--test", "welsh.test.mjs"])
        .env(
            "CF_WELSH_STRINGS",
            target_dir(&root).join("tmp").join("welsh-spelling"),
        );
    run_step(
        "Welsh spelling: nspell with dictionary-cy (tests/welsh-spelling)",
        node,
    )
}
