//! `cargo xtask bench console`: the officer console's size, and its queue at scale.
//!
//! - the console's files as served (`dist/console/`), raw and gzipped: the wasm, the
//!   JavaScript and the CSS;
//! - the queue's list route at each size on SQLite and on DynamoDB (DynamoDB Local): p50 and p99 of
//!   the default queue, a filter, another sort, two searches and the filter counts, and the
//!   items each request read (the `bench_queue` example), against the target: read
//!   O(page), not O(cases);
//! - in Debian's Chromium, over the same loaded cases, the time from opening a one-time
//!   sign-in link to the queue's first page on screen, and from a click on a reference to
//!   its case page (`tests/browser/bench/console-timing.mjs`, served by the
//!   `bench_console_server` example);
//! - a summary per store and size, with the first page's time at the largest size as a
//!   ratio of the smallest, beside the target (at most 1.5x).
//!
//! Everything timed is a release build. Timings are printed, never judged by a test.

use crate::dynamodb_local::DynamoDbLocal;
use crate::workspace::{cargo, run_step, target_dir, workspace_root};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str = "usage: cargo xtask bench console [--sizes 1000,100000] \
[--dynamodb-sizes 1000,10000] [--stores sqlite,dynamodb] [--runs 5] [--requests 100] \
[--dynamodb-requests 3] [--api-only]";

/// The first page at the largest size may take at most this times the smallest's.
const RATIO_TARGET: f64 = 1.5;

pub fn bench(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args)?;
    let root = workspace_root();
    crate::build::build(&["console".into()])?;
    sizes()?;

    let mut build = cargo();
    build.args([
        "build",
        "--release",
        "--package",
        "feedback-functions",
        "--bin",
        "feedback",
        "--example",
        "bench_queue",
        "--example",
        "bench_console_server",
    ]);
    run_step("build the benchmark (release)", build)?;
    let release = target_dir(&root).join("release");
    let examples = release.join("examples");

    // The loaded stores and the figures files; a fresh folder each run.
    let work = target_dir(&root).join("bench-console");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("create {}: {e}", work.display()))?;
    let (api_figures, browser_figures) = (work.join("api.tsv"), work.join("chromium.tsv"));

    let dynamodb = if options.stores.contains(&Store::Dynamodb) {
        Some(DynamoDbLocal::start()?)
    } else {
        None
    };
    let mut queue = Command::new(examples.join("bench_queue"));
    queue
        .args(["--sizes", &join(&options.sizes)])
        .args(["--dynamodb-sizes", &join(&options.dynamodb_sizes)])
        .args(["--stores", &options.store_names()])
        .args(["--requests", &options.requests.to_string()])
        .args([
            "--dynamodb-requests",
            &options.dynamodb_requests.to_string(),
        ])
        .arg("--keep")
        .arg(&work)
        .arg("--figures")
        .arg(&api_figures);
    if let Some(dynamodb) = &dynamodb {
        queue.args(["--dynamodb-endpoint", &dynamodb.endpoint]);
    }
    run_step("the queue's list route (bench_queue)", queue)?;

    let mut browser_note = None;
    if !options.api_only {
        let browser_dir = root.join("tests").join("browser");
        match crate::browser::ensure_node_modules(&browser_dir)
            .and_then(|()| crate::browser::ensure_chromium())
        {
            Err(e) => browser_note = Some(format!("Chromium timings skipped: {e}")),
            Ok(()) => {
                for (store, total) in options.runs_of_stores() {
                    let data = kept(&work, store, total);
                    let mut node = Command::new("node");
                    node.current_dir(&browser_dir)
                        .arg("bench/console-timing.mjs")
                        .args(["--store", store.name()])
                        .arg("--data")
                        .arg(&data)
                        .args(["--cases", &total.to_string()])
                        .args(["--runs", &options.runs.to_string()])
                        .arg("--figures")
                        .arg(&browser_figures)
                        .env("CF_ROOT", &root)
                        .env("CF_FEEDBACK_BIN", release.join("feedback"))
                        .env("CF_BENCH_SERVER", examples.join("bench_console_server"))
                        .env("CF_CONSOLE_DIR", root.join("dist").join("console"))
                        .env("CF_ARTIFACTS", target_dir(&root).join("browser"))
                        .env("CF_CHROMIUM", crate::browser::CHROMIUM);
                    if let (Store::Dynamodb, Some(dynamodb)) = (store, &dynamodb) {
                        let table = std::fs::read_to_string(data.join("table"))
                            .map_err(|e| format!("the table loaded for {total} cases: {e}"))?;
                        node.args(["--endpoint", &dynamodb.endpoint, "--table", table.trim()]);
                    }
                    run_step(
                        &format!(
                            "time the console in Chromium on {} at {total} cases",
                            store.name()
                        ),
                        node,
                    )?;
                }
            }
        }
    }
    drop(dynamodb);

    let api = std::fs::read_to_string(&api_figures).unwrap_or_default();
    let browser = std::fs::read_to_string(&browser_figures).unwrap_or_default();
    print!("{}", summary(&api, &browser));
    if let Some(note) = browser_note {
        println!("{note}");
    }
    // The 100,000-case database is hundreds of megabytes.
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Store {
    Sqlite,
    Dynamodb,
}

impl Store {
    fn name(self) -> &'static str {
        match self {
            Store::Sqlite => "sqlite",
            Store::Dynamodb => "dynamodb",
        }
    }
}

#[derive(Debug)]
struct Options {
    sizes: Vec<usize>,
    dynamodb_sizes: Vec<usize>,
    stores: Vec<Store>,
    runs: u32,
    requests: u32,
    dynamodb_requests: u32,
    api_only: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            sizes: vec![1_000, 100_000],
            // DynamoDB Local loads about 70 cases a second through the store (one transaction each).
            dynamodb_sizes: vec![1_000, 10_000],
            stores: vec![Store::Sqlite, Store::Dynamodb],
            runs: 5,
            requests: 100,
            dynamodb_requests: 3,
            api_only: false,
        };
        let mut args = args.iter();
        let bad = |what: &str| format!("{what}\n{USAGE}");
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .ok_or_else(|| bad(&format!("{arg} needs a value")))
            };
            let number = |text: &String| -> Result<u32, String> {
                text.parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| bad(&format!("{arg} needs a positive number, not `{text}`")))
            };
            match arg.as_str() {
                "--sizes" => options.sizes = size_list(arg, value()?)?,
                "--dynamodb-sizes" => options.dynamodb_sizes = size_list(arg, value()?)?,
                "--stores" => {
                    options.stores = value()?
                        .split(',')
                        .map(|s| match s.trim() {
                            "sqlite" => Ok(Store::Sqlite),
                            "dynamodb" => Ok(Store::Dynamodb),
                            other => Err(bad(&format!("unknown store `{other}`"))),
                        })
                        .collect::<Result<_, _>>()?;
                }
                "--runs" => options.runs = number(value()?)?,
                "--requests" => options.requests = number(value()?)?,
                "--dynamodb-requests" => options.dynamodb_requests = number(value()?)?,
                "--api-only" => options.api_only = true,
                other => return Err(bad(&format!("unknown option `{other}`"))),
            }
        }
        Ok(options)
    }

    fn store_names(&self) -> String {
        self.stores
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Each store at each of its sizes, in the order `bench_queue` loads them.
    fn runs_of_stores(&self) -> Vec<(Store, usize)> {
        let mut runs = Vec::new();
        for &total in &self.sizes {
            for &store in &self.stores {
                let sizes = match store {
                    Store::Sqlite => &self.sizes,
                    Store::Dynamodb => &self.dynamodb_sizes,
                };
                if sizes.contains(&total) {
                    runs.push((store, total));
                }
            }
        }
        // DynamoDB's own sizes that are not SQLite's.
        if self.stores.contains(&Store::Dynamodb) {
            for &total in &self.dynamodb_sizes {
                if !self.sizes.contains(&total) {
                    runs.push((Store::Dynamodb, total));
                }
            }
        }
        runs
    }
}

fn size_list(arg: &str, text: &str) -> Result<Vec<usize>, String> {
    let sizes: Vec<usize> = text
        .split(',')
        .map(|n| n.trim().parse().ok().filter(|&n| n > 0))
        .collect::<Option<_>>()
        .ok_or_else(|| format!("{arg} needs numbers like 1000,100000, not `{text}`\n{USAGE}"))?;
    Ok(sizes)
}

fn join(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// One line of `bench_queue --figures`: store, cases, query, p50, p99, avg read, max read.
struct ApiRow<'a> {
    store: &'a str,
    cases: usize,
    query: &'a str,
    p50: f64,
    p99: f64,
    max_read: u64,
}

/// One line of `console-timing.mjs --figures`: store, cases, first page median and worst,
/// list request median, case page median and worst.
struct BrowserRow<'a> {
    store: &'a str,
    cases: usize,
    first_page: f64,
    first_page_worst: f64,
    case_page: f64,
}

fn api_rows(text: &str) -> Vec<ApiRow<'_>> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Some(ApiRow {
                store: f.first()?,
                cases: f.get(1)?.parse().ok()?,
                query: f.get(2)?,
                p50: f.get(3)?.parse().ok()?,
                p99: f.get(4)?.parse().ok()?,
                max_read: f.get(6)?.parse().ok()?,
            })
        })
        .collect()
}

fn browser_rows(text: &str) -> Vec<BrowserRow<'_>> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Some(BrowserRow {
                store: f.first()?,
                cases: f.get(1)?.parse().ok()?,
                first_page: f.get(2)?.parse().ok()?,
                first_page_worst: f.get(3)?.parse().ok()?,
                case_page: f.get(5)?.parse().ok()?,
            })
        })
        .collect()
}

/// The table that answers the figures: per store and size, the list route's p50
/// and p99 and the items it read, a search's p50, and the first page and a case page in
/// Chromium; then each store's first page at its largest size against its smallest.
fn summary(api: &str, browser: &str) -> String {
    use std::fmt::Write as _;
    let api = api_rows(api);
    let browser = browser_rows(browser);
    let mut keys: Vec<(&str, usize)> = api.iter().map(|r| (r.store, r.cases)).collect();
    keys.extend(browser.iter().map(|r| (r.store, r.cases)));
    keys.sort();
    keys.dedup();
    let ms = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.1}"));
    let find = |store: &str, cases: usize, query: &str| {
        api.iter()
            .find(|r| r.store == store && r.cases == cases && r.query == query)
    };

    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nSummary (release build; times in ms; list: the default queue, 25 a page)\n{:>8} {:>8} {:>9} {:>9} {:>9} {:>11} {:>11} {:>12} {:>12} {:>10}",
        "store",
        "cases",
        "list p50",
        "list p99",
        "read/page",
        "search p50",
        "filter p50",
        "first page",
        "first worst",
        "case page"
    );
    for &(store, cases) in &keys {
        let list = find(store, cases, "default queue");
        let search = find(store, cases, "search name");
        let filter = find(store, cases, "open letters");
        let timing = browser
            .iter()
            .find(|r| r.store == store && r.cases == cases);
        let _ = writeln!(
            out,
            "{store:>8} {cases:>8} {:>9} {:>9} {:>9} {:>11} {:>11} {:>12} {:>12} {:>10}",
            ms(list.map(|r| r.p50)),
            ms(list.map(|r| r.p99)),
            list.map_or("-".to_owned(), |r| r.max_read.to_string()),
            ms(search.map(|r| r.p50)),
            ms(filter.map(|r| r.p50)),
            ms(timing.map(|r| r.first_page)),
            ms(timing.map(|r| r.first_page_worst)),
            ms(timing.map(|r| r.case_page)),
        );
    }
    let _ = writeln!(
        out,
        "(search: by a person's name; filter: open letters; first page: sign-in link opened to the queue's rows shown, median of the runs; case page: a click on a reference to the case shown, median)"
    );
    let mut stores: Vec<&str> = browser.iter().map(|r| r.store).collect();
    stores.sort();
    stores.dedup();
    for store in stores {
        let mut sized: Vec<&BrowserRow> = browser.iter().filter(|r| r.store == store).collect();
        sized.sort_by_key(|r| r.cases);
        let (Some(small), Some(large)) = (sized.first(), sized.last()) else {
            continue;
        };
        if small.cases == large.cases {
            continue;
        }
        let ratio = large.first_page / small.first_page;
        let _ = writeln!(
            out,
            "{store}: first page at {} cases / at {} cases = {ratio:.2}x (target at most {RATIO_TARGET}x: {})",
            large.cases,
            small.cases,
            if ratio <= RATIO_TARGET {
                "met"
            } else {
                "not met"
            }
        );
    }
    out
}

/// Prints each kind of file's size, raw and gzipped, and the total.
fn sizes() -> Result<(), String> {
    let dir = workspace_root().join("dist").join("console");
    let totals = console_sizes(&dir)?;
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

/// The wasm's, the JavaScript's and the CSS's bytes in `dir`, each raw and gzipped.
fn console_sizes(dir: &Path) -> Result<[(usize, usize); 3], String> {
    let mut totals = [(0usize, 0usize); 3];
    let entries = std::fs::read_dir(dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
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
    Ok(totals)
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}

/// Where `bench_queue --keep` leaves a store's data: SQLite's data folder, or the
/// DynamoDB table's name (in `table`) and its server's data folder.
fn kept(work: &Path, store: Store, total: usize) -> PathBuf {
    work.join(format!("{}-{total}", store.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn gzip_shrinks_what_repeats() {
        let text = "the queue ".repeat(100);
        let packed = super::gzip(text.as_bytes()).unwrap();
        assert!(packed.len() < text.len() / 5);
    }

    #[test]
    fn options_choose_sizes_and_stores_and_refuse_what_they_do_not_know() {
        let options = Options::parse(&args(&[
            "--sizes", "1000", "--stores", "sqlite", "--runs", "2",
        ]))
        .unwrap();
        assert_eq!(options.sizes, vec![1000]);
        assert_eq!(options.stores, vec![Store::Sqlite]);
        assert_eq!(options.runs, 2);
        assert_eq!(options.runs_of_stores(), vec![(Store::Sqlite, 1000)]);
        let defaults = Options::parse(&[]).unwrap();
        assert_eq!(
            defaults.runs_of_stores(),
            vec![
                (Store::Sqlite, 1000),
                (Store::Dynamodb, 1000),
                (Store::Sqlite, 100_000),
                (Store::Dynamodb, 10_000),
            ]
        );
        assert!(Options::parse(&args(&["--stores", "postgres"])).is_err());
        assert!(Options::parse(&args(&["--sizes", "1000,many"])).is_err());
        assert!(Options::parse(&args(&["--runs", "0"])).is_err());
        assert!(Options::parse(&args(&["--runs"])).is_err());
        assert!(Options::parse(&args(&["--fast"])).is_err());
    }

    #[test]
    fn the_summary_joins_both_figures_and_judges_the_ratio_against_the_target() {
        let api = "sqlite\t1000\tdefault queue\t2.10\t5.00\t26.0\t26\n\
                   sqlite\t1000\tsearch name\t0.30\t1.00\t1.0\t1\n\
                   sqlite\t100000\tdefault queue\t2.50\t6.00\t26.0\t26\n\
                   dynamodb\t1000\tdefault queue\t400.00\t900.00\t51.0\t51\n";
        let browser = "sqlite\t1000\t400.0\t450.0\t12.0\t80.0\t95.0\n\
                       sqlite\t100000\t500.0\t700.0\t14.0\t85.0\t99.0\n\
                       dynamodb\t1000\t1200.0\t1500.0\t700.0\t900.0\t950.0\n\
                       dynamodb\t10000\t2400.0\t2600.0\t1800.0\t950.0\t990.0\n";
        let text = summary(api, browser);
        let line = |start: &str| {
            text.lines()
                .find(|l| {
                    l.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .starts_with(start)
                })
                .unwrap_or_else(|| panic!("no `{start}` line in\n{text}"))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            line("sqlite 1000"),
            "sqlite 1000 2.1 5.0 26 0.3 - 400.0 450.0 80.0"
        );
        assert_eq!(
            line("dynamodb 10000"),
            "dynamodb 10000 - - - - - 2400.0 2600.0 950.0"
        );
        assert!(text.contains("sqlite: first page at 100000 cases / at 1000 cases = 1.25x (target at most 1.5x: met)"), "{text}");
        assert!(text.contains("dynamodb: first page at 10000 cases / at 1000 cases = 2.00x (target at most 1.5x: not met)"), "{text}");
    }

    #[test]
    fn the_sizes_add_up_each_kind_of_file_and_skip_the_rest() {
        let dir = std::env::temp_dir().join(format!("bench-console-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("app.wasm"), vec![0u8; 1000]).unwrap();
        std::fs::write(dir.join("boot.js"), "x".repeat(300)).unwrap();
        std::fs::write(dir.join("glue.js"), "y".repeat(200)).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        let sizes = console_sizes(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(sizes[0].0, 1000);
        assert_eq!(sizes[1].0, 500);
        assert_eq!(sizes[2], (0, 0));
        assert!(sizes[0].1 < 100, "zeros compress: {sizes:?}");
    }
}
