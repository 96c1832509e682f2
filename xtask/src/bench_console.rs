//! `cargo xtask bench console`: the officer console's size, and its queue at scale.
//!
//! - the console's files as served (`dist/console/`), raw and gzipped: the wasm, the
//!   JavaScript and the CSS;
//! - the queue's list route at 1,000 and 100,000 cases on SQLite and on DynamoDB (moto),
//!   p50 and p99 of the default queue, a filter, another sort and two searches, and the
//!   items each request read (the `bench_queue` example), against the target: read
//!   O(page), not O(cases).
//!
//! Arguments after `console` go to the example: `--sizes 1000,100000` and
//! `--dynamodb-sizes 1000,10000` (moto is slow to load: a case is a dozen items with its
//! search terms).

use crate::python::Moto;
use crate::workspace::{cargo, run_step, workspace_root};
use std::io::Write;

pub fn bench(args: &[String]) -> Result<(), String> {
    crate::build::build(&["console".into()])?;
    sizes()?;
    let moto = Moto::start()?;
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--quiet",
        "--release",
        "--package",
        "feedback-functions",
        "--example",
        "bench_queue",
        "--",
    ])
    .args(["--dynamodb-endpoint", &moto.endpoint])
    .args(args);
    run_step("bench_queue", cmd)
}

/// Prints each kind of file's size, raw and gzipped, and the total.
fn sizes() -> Result<(), String> {
    let dir = workspace_root().join("dist").join("console");
    let mut totals = [(0usize, 0usize); 3];
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let slot = match name.rsplit('.').next() {
            Some("wasm") => 0,
            Some("js") => 1,
            Some("css") => 2,
            _ => continue,
        };
        let bytes = std::fs::read(entry.path()).map_err(|e| format!("read {name}: {e}"))?;
        totals[slot].0 += bytes.len();
        totals[slot].1 += gzip(&bytes)?.len();
    }
    println!("The console as served (dist/console), bytes");
    println!("{:>6} {:>10} {:>10}", "files", "raw", "gzipped");
    for (label, (raw, gz)) in ["wasm", "js", "css"].iter().zip(totals) {
        println!("{label:>6} {raw:>10} {gz:>10}");
    }
    let (raw, gz) = totals
        .iter()
        .fold((0, 0), |(r, g), (raw, gz)| (r + raw, g + gz));
    println!("{:>6} {raw:>10} {gz:>10}", "total");
    Ok(())
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn gzip_shrinks_what_repeats() {
        let text = "the queue ".repeat(100);
        let packed = super::gzip(text.as_bytes()).unwrap();
        assert!(packed.len() < text.len() / 5);
    }
}
