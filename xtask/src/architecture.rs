//! The architecture's rules, checked on every `cargo test -p xtask` (and so on every
//! `cargo xtask test`). `ARCHITECTURE.md` states them; these tests keep them true:
//!
//! 1. `feedback-shared`, `feedback-widget` and `feedback-console` pull in no server crate,
//!    and `shared` no browser crate either; the workspace crates depend on each other in
//!    one direction.
//! 2. No crate's modules import each other in a circle (the widget's and the console's
//!    `view` pages count as modules of their own).
//! 3. The backend's use cases know nothing of HTTP.
//! 4. The domain crate does no I/O.
//! 5. `ARCHITECTURE.md` names every workspace folder and every top-level module of
//!    `functions`, `shared` and `console`, so its code map cannot silently go stale.
//!
//! The source checks read tokens, not a syntax tree: comments and literals are dropped and
//! paths are expanded (`use crate::{a, b::c}` mentions `crate::a` and `crate::b::c`).

use crate::workspace::{cargo, workspace_root};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A module graph: each module and the modules it mentions.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Open,
    Close,
    Comma,
    Star,
    Bang,
    /// A literal (string, char or number) or any other punctuation.
    Other,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

fn push(out: &mut Vec<Token>, tok: Tok, line: usize) {
    out.push(Token { tok, line });
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tokens of Rust `source` that matter here, without comments and literals. Rough but
/// safe for paths and braces: strings (raw ones too), chars and nested block comments are
/// skipped whole, so a `{` or `crate::` inside one is never seen.
fn tokens(source: &str) -> Vec<Token> {
    let s: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| s.get(i).copied().unwrap_or('\0');
    // Skips a "…" string whose opening quote is at `i`; returns the index after it.
    let skip_string = |mut i: usize, line: &mut usize| {
        i += 1;
        while i < s.len() && s[i] != '"' {
            if s[i] == '\\' {
                i += 1;
            }
            if at(i) == '\n' {
                *line += 1;
            }
            i += 1;
        }
        i + 1
    };
    while i < s.len() {
        let c = s[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            c if c.is_whitespace() => i += 1,
            '/' if at(i + 1) == '/' => {
                while i < s.len() && s[i] != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                let mut depth = 0;
                while i < s.len() {
                    if s[i] == '/' && at(i + 1) == '*' {
                        depth += 1;
                        i += 2;
                    } else if s[i] == '*' && at(i + 1) == '/' {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if s[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            '"' => {
                push(&mut out, Tok::Other, line);
                i = skip_string(i, &mut line);
            }
            '\'' => {
                push(&mut out, Tok::Other, line);
                if at(i + 1) == '\\' {
                    // An escaped char: '\n', '\'', '\u{…}'.
                    i += 2;
                    while i < s.len() && s[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if at(i + 2) == '\'' {
                    i += 3; // 'x'
                } else {
                    i += 1; // a lifetime or label: its name follows as an identifier
                }
            }
            '$' if is_ident_start(at(i + 1)) => {
                // `$crate` in a macro is this crate; other `$x` are macro variables.
                let start = i + 1;
                i += 1;
                while is_ident_char(at(i)) {
                    i += 1;
                }
                let name: String = s[start..i].iter().collect();
                let tok = if name == "crate" {
                    Tok::Ident(name)
                } else {
                    Tok::Other
                };
                push(&mut out, tok, line);
            }
            c if is_ident_start(c) => {
                let start = i;
                while is_ident_char(at(i)) {
                    i += 1;
                }
                let word: String = s[start..i].iter().collect();
                let next = at(i);
                if matches!(word.as_str(), "r" | "br" | "cr") && (next == '"' || next == '#') {
                    if word == "r" && next == '#' && is_ident_start(at(i + 1)) {
                        // r#ident
                        let start = i + 1;
                        i += 1;
                        while is_ident_char(at(i)) {
                            i += 1;
                        }
                        push(&mut out, Tok::Ident(s[start..i].iter().collect()), line);
                        continue;
                    }
                    // r"…", r#"…"#: ends at a quote followed by as many hashes.
                    let mut hashes = 0;
                    while at(i) == '#' {
                        hashes += 1;
                        i += 1;
                    }
                    i += 1; // the opening quote
                    loop {
                        if i >= s.len() {
                            break;
                        }
                        if s[i] == '"' && (1..=hashes).all(|h| at(i + h) == '#') {
                            i += 1 + hashes;
                            break;
                        }
                        if s[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                    push(&mut out, Tok::Other, line);
                } else if matches!(word.as_str(), "b" | "c") && next == '"' {
                    push(&mut out, Tok::Other, line);
                    i = skip_string(i, &mut line);
                } else if word == "b" && next == '\'' {
                    // b'x' or b'\n'
                    i += 1;
                    if at(i) == '\\' {
                        i += 1;
                    }
                    i += 1;
                    while i < s.len() && s[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                    push(&mut out, Tok::Other, line);
                } else {
                    push(&mut out, Tok::Ident(word), line);
                }
            }
            c if c.is_ascii_digit() => {
                while is_ident_char(at(i)) || (at(i) == '.' && at(i + 1).is_ascii_digit()) {
                    i += 1;
                }
                push(&mut out, Tok::Other, line);
            }
            ':' if at(i + 1) == ':' => {
                push(&mut out, Tok::PathSep, line);
                i += 2;
            }
            _ => {
                let tok = match c {
                    '{' => Tok::Open,
                    '}' => Tok::Close,
                    ',' => Tok::Comma,
                    '*' => Tok::Star,
                    '!' => Tok::Bang,
                    _ => Tok::Other,
                };
                push(&mut out, tok, line);
                i += 1;
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Paths

/// A path written in a file, expanded out of any `{…}` group.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mention {
    /// As written, e.g. `["super", "ctx", "Ctx"]`.
    segments: Vec<String>,
    /// The name it is imported as, for a `use`: the last segment or the `as` alias.
    alias: Option<String>,
    /// Whether it is a `use` item's path.
    in_use: bool,
    /// The inline modules (`mod tests { … }`) it is written inside, outermost first.
    inline: Vec<String>,
    line: usize,
}

fn ident(t: &[Token], i: usize) -> Option<&str> {
    match t.get(i).map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

fn is(t: &[Token], i: usize, tok: &Tok) -> bool {
    t.get(i).is_some_and(|t| &t.tok == tok)
}

/// Parses the path tree starting at `i`, below the segments `segs`: `a::b`,
/// `a::{b, c::d}`, `a::*`, `a as b`. Returns the expanded paths (each with its alias) and
/// the index after the tree.
fn path_tree(
    t: &[Token],
    mut i: usize,
    mut segs: Vec<String>,
) -> (Vec<(Vec<String>, String)>, usize) {
    loop {
        match t.get(i).map(|t| &t.tok) {
            Some(Tok::Ident(name)) => {
                segs.push(name.clone());
                i += 1;
            }
            Some(Tok::Star) => {
                segs.push("*".into());
                return (vec![(segs, "*".into())], i + 1);
            }
            Some(Tok::Open) => {
                i += 1;
                let mut out = Vec::new();
                while i < t.len() {
                    match &t[i].tok {
                        Tok::Close => {
                            i += 1;
                            break;
                        }
                        Tok::Comma => i += 1,
                        _ => {
                            let (found, next) = path_tree(t, i, segs.clone());
                            out.extend(found);
                            // Skip anything not understood up to the next item.
                            i = next.max(i + 1);
                            while i < t.len() && !matches!(t[i].tok, Tok::Comma | Tok::Close) {
                                i += 1;
                            }
                        }
                    }
                }
                return (out, i);
            }
            _ => {
                let alias = segs.last().cloned().unwrap_or_default();
                return (
                    if segs.is_empty() {
                        vec![]
                    } else {
                        vec![(segs, alias)]
                    },
                    i,
                );
            }
        }
        if is(t, i, &Tok::PathSep) {
            i += 1;
            continue;
        }
        let mut alias = segs.last().cloned().unwrap_or_default();
        if ident(t, i) == Some("as") {
            if let Some(name) = ident(t, i + 1) {
                alias = name.to_owned();
            }
            i += 2;
        }
        return (vec![(segs, alias)], i);
    }
}

/// Every path of two or more segments in `source` (`a::b`, `use a::{b, c}`), with the
/// inline modules it sits in. Single names are not paths and are not listed.
fn mentions(source: &str) -> Vec<Mention> {
    let t = tokens(source);
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Inline modules open at each depth.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match &t[i].tok {
            Tok::Open => {
                depth += 1;
                i += 1;
            }
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                i += 1;
            }
            Tok::Ident(word) if word == "mod" && is(&t, i + 2, &Tok::Open) => {
                if let Some(name) = ident(&t, i + 1) {
                    inline.push((name.to_owned(), depth));
                }
                i += 2; // the `{` is counted next
            }
            Tok::Ident(_)
                if is(&t, i + 1, &Tok::PathSep) && (i == 0 || !is(&t, i - 1, &Tok::PathSep)) =>
            {
                let in_use = i > 0 && ident(&t, i - 1) == Some("use");
                let line = t[i].line;
                let (paths, next) = path_tree(&t, i, Vec::new());
                for (segments, alias) in paths {
                    if segments.len() > 1 {
                        out.push(Mention {
                            segments,
                            alias: in_use.then_some(alias),
                            in_use,
                            inline: inline.iter().map(|(n, _)| n.clone()).collect(),
                            line,
                        });
                    }
                }
                i = next.max(i + 1);
            }
            _ => i += 1,
        }
    }
    out
}

/// `mention` as a path from the crate root, for one written in the module `module` (the
/// file's module path): `crate::`, `super::` and `self::` resolved, a `self` inside a
/// group dropped. `None` for paths that start elsewhere (an extern crate, a local name).
fn absolute(mention: &Mention, module: &[String]) -> Option<Vec<String>> {
    let segs = &mention.segments;
    let mut base: Vec<String> = module.iter().chain(&mention.inline).cloned().collect();
    let mut rest = segs.as_slice();
    match segs.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &segs[1..];
        }
        Some("self") => rest = &segs[1..],
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    base.extend(rest.iter().filter(|s| *s != "self").cloned());
    Some(base)
}

// ---------------------------------------------------------------------------------------
// Module graphs

/// One edge of a module graph and the first place that makes it.
#[derive(Debug, Clone)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub file: PathBuf,
    pub line: usize,
    pub written: String,
}

/// The `.rs` files under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The modules directly in `dir`: each `X.rs` (but `lib.rs`, `main.rs`, `mod.rs`) and
/// each folder `X/`.
fn modules_in(dir: &Path) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeSet::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let name = path.file_name()?.to_str()?.to_owned();
            if path.is_dir() {
                Some(name)
            } else {
                let stem = name.strip_suffix(".rs")?;
                (!matches!(stem, "lib" | "main" | "mod")).then(|| stem.to_owned())
            }
        })
        .collect()
}

/// The module path of a file below `src`: `store/sqlite.rs` is `["store", "sqlite"]`,
/// `store/mod.rs` is `["store"]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("file below src");
    let mut segs: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = segs.pop() {
        let stem = last.trim_end_matches(".rs");
        if !matches!(stem, "mod" | "lib" | "main") {
            segs.push(stem.to_owned());
        }
    }
    segs
}

/// The edges between the top-level modules of the crate whose source folder is
/// `crate_src`, each with the first place that makes it. A module named in `split` counts
/// each of its own submodules as a node of its own (`view::about`), beside itself.
///
/// A file of module A makes an edge A→B when it mentions `crate::B…`, or a `super::` or
/// `self::` path that lands in B, or `crate::N` for a name N that the crate root
/// re-exports from B. The crate root (`lib.rs`, `main.rs`) is not a node, and `src/bin/`
/// holds other crates, so neither is read.
pub fn module_edges(crate_src: &Path, split: &[&str]) -> Vec<Edge> {
    let top = modules_in(crate_src);
    let top: BTreeSet<String> = top.into_iter().filter(|m| m != "bin").collect();
    let subs: HashMap<&str, BTreeSet<String>> = split
        .iter()
        .map(|&m| (m, modules_in(&crate_src.join(m))))
        .collect();
    let node_of = |abs: &[String], reexports: &HashMap<String, String>| -> Option<String> {
        let first = abs.first()?;
        if top.contains(first) {
            match (subs.get(first.as_str()), abs.get(1)) {
                (Some(subs), Some(second)) if subs.contains(second) => {
                    Some(format!("{first}::{second}"))
                }
                _ => Some(first.clone()),
            }
        } else {
            reexports.get(first).cloned()
        }
    };

    // What the crate root re-exports: `pub use calendar::Calendar` makes `crate::Calendar`
    // a mention of `calendar`.
    let mut reexports = HashMap::new();
    let root = ["lib.rs", "main.rs"]
        .iter()
        .map(|f| crate_src.join(f))
        .find(|f| f.exists());
    if let Some(root) = &root {
        let source = std::fs::read_to_string(root).unwrap_or_default();
        for m in mentions(&source)
            .iter()
            .filter(|m| m.in_use && m.inline.is_empty())
        {
            let mut abs = m.segments.clone();
            if matches!(abs[0].as_str(), "crate" | "self") {
                abs.remove(0);
            }
            if let (Some(node), Some(alias)) = (node_of(&abs, &HashMap::new()), &m.alias) {
                reexports.insert(alias.clone(), node);
            }
        }
    }

    let mut edges: Vec<Edge> = Vec::new();
    let mut seen = BTreeSet::new();
    for file in rust_files(crate_src) {
        if Some(&file) == root.as_ref() || file.starts_with(crate_src.join("bin")) {
            continue;
        }
        let module = module_path(crate_src, &file);
        let Some(from) = node_of(&module, &reexports) else {
            continue;
        };
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        for m in mentions(&source) {
            let Some(abs) = absolute(&m, &module) else {
                continue;
            };
            let Some(to) = node_of(&abs, &reexports) else {
                continue;
            };
            if to != from && seen.insert((from.clone(), to.clone())) {
                edges.push(Edge {
                    from: from.clone(),
                    to,
                    file: file.clone(),
                    line: m.line,
                    written: m.segments.join("::"),
                });
            }
        }
    }
    edges
}

/// The graph of top-level modules of the crate whose source folder is `crate_src` (see
/// [`module_edges`]); every module is a key, with or without edges.
pub fn module_graph(crate_src: &Path) -> Graph {
    module_graph_split(crate_src, &[])
}

/// [`module_graph`], with each module in `split` also broken into its submodules.
pub fn module_graph_split(crate_src: &Path, split: &[&str]) -> Graph {
    let mut graph: Graph = modules_in(crate_src)
        .into_iter()
        .filter(|m| m != "bin")
        .map(|m| (m, BTreeSet::new()))
        .collect();
    for &m in split {
        for sub in modules_in(&crate_src.join(m)) {
            graph.insert(format!("{m}::{sub}"), BTreeSet::new());
        }
    }
    for edge in module_edges(crate_src, split) {
        graph.entry(edge.from).or_default().insert(edge.to);
    }
    graph
}

/// A circle in `graph`, as the modules along it with the first repeated at the end
/// (`["a", "b", "a"]`), or `None` when the graph is acyclic.
pub fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit<'a>(
        graph: &'a Graph,
        node: &'a str,
        marks: &mut HashMap<&'a str, Mark>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        marks.insert(node, Mark::Open);
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let start = stack.iter().position(|n| *n == next.as_str())?;
                    let mut cycle: Vec<String> =
                        stack[start..].iter().map(|n| n.to_string()).collect();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(graph, next, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = HashMap::new();
    for node in graph.keys() {
        if marks.get(node.as_str()).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(cycle) = visit(graph, node, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

/// The groups of modules that reach each other (strongly connected components of more
/// than one module): every circle lies inside one of them.
pub fn tangles(graph: &Graph) -> Vec<BTreeSet<String>> {
    let reaches = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(node) = todo.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|n| (n, reaches(n))).collect();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for (node, from_node) in &reach {
        if groups.iter().any(|g| g.contains(*node)) || !from_node.contains(*node) {
            continue;
        }
        let group = from_node
            .iter()
            .filter(|other| reach.get(other).is_some_and(|r| r.contains(*node)))
            .cloned()
            .collect();
        groups.push(group);
    }
    groups
}

/// `None` when the crate's module graph has no circle; else a report listing each group
/// of modules in a circle, one circle in it, and every edge inside the group with the
/// line that makes it.
fn circles(name: &str, crate_src: &Path, split: &[&str]) -> Option<String> {
    let graph = module_graph_split(crate_src, split);
    find_cycle(&graph)?;
    let root = workspace_root();
    let mut report = format!("{name}: modules import each other in a circle\n");
    // Sorted, so the report reads from module to module.
    let mut edges = module_edges(crate_src, split);
    edges.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    for group in tangles(&graph) {
        let sub: Graph = group
            .iter()
            .map(|n| {
                let to = graph[n].intersection(&group).cloned().collect();
                (n.clone(), to)
            })
            .collect();
        let cycle = find_cycle(&sub).expect("a tangle has a circle");
        report += &format!(
            "  tangled: {}\n  circle:  {}\n",
            group.iter().cloned().collect::<Vec<_>>().join(", "),
            cycle.join(" -> ")
        );
        report += "  every edge inside, with the first line that makes it:\n";
        for e in edges
            .iter()
            .filter(|e| group.contains(&e.from) && group.contains(&e.to))
        {
            let file = e.file.strip_prefix(&root).unwrap_or(&e.file);
            report += &format!(
                "    {} -> {}: {}:{} `{}`\n",
                e.from,
                e.to,
                file.display(),
                e.line,
                e.written
            );
        }
    }
    Some(report)
}

/// Fails with the report of every circle found in `crates` (name, source folder, split).
fn assert_no_circles(crates: &[(&str, &str, &[&str])]) {
    let reports: Vec<String> = crates
        .iter()
        .filter_map(|(name, src, split)| circles(name, &workspace_root().join(src), split))
        .collect();
    assert!(reports.is_empty(), "{}", reports.join("\n"));
}

// ---------------------------------------------------------------------------------------
// Dependencies

/// The resolved dependency graph of the workspace on one platform, from `cargo metadata`.
struct Deps {
    names: HashMap<String, String>,
    /// Each package's dependencies: (package id, whether any of its kinds is normal).
    deps: HashMap<String, Vec<(String, bool)>>,
    members: Vec<String>,
}

impl Deps {
    /// `cargo metadata --format-version 1 --filter-platform <platform>`, run by `$CARGO`
    /// in the workspace root.
    fn load(platform: &str) -> Deps {
        let out = cargo()
            .args(["metadata", "--format-version", "1", "--filter-platform"])
            .arg(platform)
            .output()
            .expect("cargo metadata starts");
        assert!(
            out.status.success(),
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata is JSON");
        let str_of = |v: &Value| v.as_str().expect("a string").to_owned();
        let names = meta["packages"]
            .as_array()
            .expect("packages")
            .iter()
            .map(|p| (str_of(&p["id"]), str_of(&p["name"])))
            .collect();
        let deps = meta["resolve"]["nodes"]
            .as_array()
            .expect("resolve.nodes")
            .iter()
            .map(|node| {
                let deps = node["deps"]
                    .as_array()
                    .expect("deps")
                    .iter()
                    .map(|d| {
                        let normal = d["dep_kinds"]
                            .as_array()
                            .expect("dep_kinds")
                            .iter()
                            .any(|k| k["kind"].is_null());
                        (str_of(&d["pkg"]), normal)
                    })
                    .collect();
                (str_of(&node["id"]), deps)
            })
            .collect();
        let members = meta["workspace_members"]
            .as_array()
            .expect("workspace_members")
            .iter()
            .map(str_of)
            .collect();
        Deps {
            names,
            deps,
            members,
        }
    }

    fn member(&self, name: &str) -> &str {
        self.members
            .iter()
            .find(|id| self.names[*id] == name)
            .unwrap_or_else(|| panic!("{name} is a workspace member"))
    }

    /// The workspace crates `name` depends on, of any kind (normal, dev or build).
    fn workspace_deps(&self, name: &str) -> BTreeSet<String> {
        let id = self.member(name);
        self.deps[id]
            .iter()
            .filter(|(dep, _)| self.members.contains(dep))
            .map(|(dep, _)| self.names[dep].clone())
            .collect()
    }
}

/// Every package `name`'s own build pulls in for `platform` (normal dependencies).
/// `cargo tree -p` resolves features for that package alone, as building it does;
/// `cargo metadata` resolves them for the whole workspace, where the server turns on
/// features (the domain's `openapi`) that the widget's build never sees.
fn build_closure(name: &str, platform: &str) -> BTreeSet<String> {
    let out = cargo()
        .args(["tree", "-p", name, "-e", "normal", "--target", platform])
        .args(["--prefix", "none", "--format", "{p}"])
        .output()
        .expect("cargo tree starts");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|dep| *dep != name)
        .map(str::to_owned)
        .collect()
}

/// How `name`'s build reaches `dep` on `platform`, as `cargo tree --invert` draws it.
fn chain_to(name: &str, dep: &str, platform: &str) -> String {
    let out = cargo()
        .args([
            "tree", "-p", name, "-e", "normal", "--target", platform, "-i", dep,
        ])
        .output()
        .expect("cargo tree starts");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The server side's crates: none may reach the browser or the domain.
fn is_server_crate(name: &str) -> bool {
    const SERVER: [&str; 12] = [
        "axum",
        "tokio",
        "hyper",
        "tower",
        "tower-http",
        "lambda_http",
        "lambda_runtime",
        "rusqlite",
        "aws-config",
        "lettre",
        "utoipa",
        "reqwest",
    ];
    SERVER.contains(&name) || name.starts_with("aws-sdk-")
}

/// The browser's crates: the domain crate runs in the browser but calls none of it.
fn is_browser_crate(name: &str) -> bool {
    matches!(name, "leptos" | "web-sys" | "js-sys" | "wasm-bindgen")
}

/// The platforms the workspace is built for: this machine (tests, the local server) and
/// the browser's wasm32. Dependencies only some other platform would take (say, tokio
/// under emscripten for wasm-bindgen-futures) are never built, so they are left out.
fn platforms() -> Vec<String> {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc -vV runs");
    let host = String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .trim()
        .to_owned();
    vec![host, "wasm32-unknown-unknown".to_owned()]
}

// ---------------------------------------------------------------------------------------
// Words

/// The places in the `.rs` files under each of `paths` (files or folders, relative to the
/// workspace) where `forbidden` finds something, as `file:line: what`.
fn find_in(paths: &[&str], forbidden: impl Fn(&[Token], usize) -> Option<String>) -> Vec<String> {
    let root = workspace_root();
    let mut found = Vec::new();
    for path in paths {
        let path = root.join(path);
        let files = if path.is_dir() {
            rust_files(&path)
        } else if path.exists() {
            vec![path]
        } else {
            vec![]
        };
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            let t = tokens(&source);
            for i in 0..t.len() {
                if let Some(what) = forbidden(&t, i) {
                    let rel = file.strip_prefix(&root).unwrap_or(&file);
                    found.push(format!("{}:{}: {what}", rel.display(), t[i].line));
                }
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------
// The checks

#[test]
fn shared_widget_and_console_pull_in_no_server_crate() {
    let mut wrong = Vec::new();
    for platform in platforms() {
        for name in ["feedback-shared", "feedback-widget", "feedback-console"] {
            for dep in build_closure(name, &platform) {
                let browser = name == "feedback-shared" && is_browser_crate(&dep);
                if is_server_crate(&dep) || browser {
                    wrong.push(format!(
                        "{platform}: {name} -> {dep}\n{}",
                        chain_to(name, &dep, &platform)
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the domain, the widget or the console depends on a server (or, for the domain, browser) crate:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn workspace_crates_depend_in_one_direction() {
    let deps = Deps::load(&platforms()[0]);
    let shared = deps.workspace_deps("feedback-shared");
    assert!(shared.is_empty(), "feedback-shared depends on {shared:?}");
    let widget = deps.workspace_deps("feedback-widget");
    assert!(
        widget.iter().all(|d| d == "feedback-shared"),
        "feedback-widget depends on {widget:?}; only feedback-shared may be among them"
    );
    let console = deps.workspace_deps("feedback-console");
    assert!(
        console.iter().all(|d| d == "feedback-shared"),
        "feedback-console depends on {console:?}; only feedback-shared may be among them"
    );
    let functions = deps.workspace_deps("feedback-functions");
    assert!(
        !functions.contains("feedback-widget") && !functions.contains("feedback-console"),
        "feedback-functions depends on a browser app"
    );
}

#[test]
fn functions_modules_have_no_circles() {
    assert_no_circles(&[("functions", "functions/src", &[])]);
}

#[test]
fn shared_modules_have_no_circles() {
    assert_no_circles(&[("shared", "shared/src", &[])]);
}

/// The widget's top-level modules, and then its `view` pages as modules of their own.
#[test]
fn widget_modules_and_pages_have_no_circles() {
    assert_no_circles(&[
        ("widget", "widget/src", &[]),
        ("widget (each view page apart)", "widget/src", &["view"]),
    ]);
}

/// The console's top-level modules, and then its `view` pages as modules of their own.
#[test]
fn console_modules_and_pages_have_no_circles() {
    assert_no_circles(&[
        ("console", "console/src", &[]),
        ("console (each view page apart)", "console/src", &["view"]),
    ]);
}

#[test]
fn xtask_modules_have_no_circles() {
    assert_no_circles(&[("xtask", "xtask/src", &[])]);
}

#[test]
fn xtask_helpers_use_no_other_module() {
    let graph = module_graph(&workspace_root().join("xtask/src"));
    assert_eq!(
        graph.get("workspace"),
        Some(&BTreeSet::new()),
        "xtask/src/workspace.rs holds what every step shares; it must use no other module"
    );
}

#[test]
fn use_cases_know_no_http() {
    let found = find_in(
        &[
            "functions/src/cases.rs",
            "functions/src/cases",
            "functions/src/jobs",
            "functions/src/reports.rs",
            "functions/src/reports",
        ],
        |t, i| match ident(t, i)? {
            w @ ("axum" | "StatusCode" | "utoipa" | "lambda_http") => Some(format!("`{w}`")),
            "http" if is(t, i + 1, &Tok::PathSep) => Some("`http::`".into()),
            _ => None,
        },
    );
    assert!(
        found.is_empty(),
        "the use cases mention HTTP; that belongs in functions/src/api:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn shared_does_no_io() {
    let found = find_in(&["shared/src"], |t, i| match ident(t, i)? {
        "tokio" => Some("`tokio`".into()),
        w @ ("println" | "print" | "eprintln" | "eprint" | "dbg") if is(t, i + 1, &Tok::Bang) => {
            Some(format!("`{w}!`"))
        }
        _ => None,
    });
    let mut found = found;
    for file in rust_files(&workspace_root().join("shared/src")) {
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        for m in mentions(&source) {
            let s = &m.segments;
            if s[0] == "std" && matches!(s[1].as_str(), "fs" | "net" | "process" | "env") {
                let rel = file.strip_prefix(workspace_root()).unwrap_or(&file);
                found.push(format!("{}:{}: `std::{}`", rel.display(), m.line, s[1]));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the domain crate does I/O; it must run the same in the browser and on the server:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn architecture_md_names_every_folder_and_module() {
    let root = workspace_root();
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let named = |x: &str| {
        [format!("`{x}`"), format!("{x}.rs"), format!("{x}/")]
            .iter()
            .any(|form| {
                doc.match_indices(form.as_str()).any(|(at, _)| {
                    // Not the tail of a longer name (`store.rs` inside `restore.rs`).
                    form.starts_with('`')
                        || !doc[..at].chars().next_back().is_some_and(is_ident_char)
                })
            })
    };
    let mut missing = Vec::new();
    for member in ["shared", "functions", "widget", "console", "xtask"] {
        if !named(member) {
            missing.push(format!("the folder {member}/"));
        }
    }
    for krate in ["functions", "shared", "console"] {
        for module in modules_in(&root.join(krate).join("src")) {
            if !named(&module) {
                missing.push(format!("{krate}/src: `{module}`"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name:\n  {}",
        missing.join("\n  ")
    );
}

// ---------------------------------------------------------------------------------------
// The checker itself

mod tests {
    use super::*;

    fn written(source: &str) -> Vec<String> {
        mentions(source)
            .into_iter()
            .map(|m| m.segments.join("::"))
            .collect()
    }

    #[test]
    fn groups_expand_and_aliases_are_kept() {
        let m = mentions("pub use crate::{a, b::{c, d as e}, f::*};");
        let paths: Vec<_> = m
            .iter()
            .map(|m| (m.segments.join("::"), m.alias.clone().unwrap()))
            .collect();
        assert_eq!(
            paths,
            [
                ("crate::a".to_owned(), "a".to_owned()),
                ("crate::b::c".into(), "c".into()),
                ("crate::b::d".into(), "e".into()),
                ("crate::f::*".into(), "*".into()),
            ]
        );
        assert!(m.iter().all(|m| m.in_use));
    }

    #[test]
    fn comments_and_literals_hide_paths() {
        let source = r##"
            // crate::a::x
            /* crate::b /* nested */ crate::c */
            let s = "crate::d {";
            let r = r#"crate::e "{" "#;
            let c = '{';
            let b = b'}';
            fn f<'a>(x: &'a str) { crate::g::h(x) }
        "##;
        assert_eq!(written(source), ["crate::g::h"]);
    }

    #[test]
    fn inline_paths_and_super_resolve_from_the_file() {
        let source = "
            fn f() { let x = crate::store::Store::new(); }
            mod tests {
                use super::*;
                use super::super::cases::Case;
            }
            fn g() { super::ctx::Ctx::new(); }
        ";
        let module = ["view".to_owned(), "about".to_owned()];
        let abs: Vec<_> = mentions(source)
            .iter()
            .filter_map(|m| absolute(m, &module))
            .map(|p| p.join("::"))
            .collect();
        assert_eq!(
            abs,
            [
                "store::Store::new",
                "view::about::*",
                "view::cases::Case",
                "view::ctx::Ctx::new"
            ]
        );
    }

    #[test]
    fn cycles_are_found_and_named() {
        let graph = |edges: &[(&str, &str)]| {
            let mut g = Graph::new();
            for (a, b) in edges {
                g.entry(a.to_string()).or_default().insert(b.to_string());
                g.entry(b.to_string()).or_default();
            }
            g
        };
        assert_eq!(find_cycle(&graph(&[("a", "b"), ("b", "c")])), None);
        let g = graph(&[
            ("a", "b"),
            ("b", "c"),
            ("c", "a"),
            ("c", "d"),
            ("x", "y"),
            ("y", "x"),
        ]);
        assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
        let groups: Vec<Vec<_>> = tangles(&g)
            .into_iter()
            .map(|g| g.into_iter().collect())
            .collect();
        assert_eq!(groups, [vec!["a", "b", "c"], vec!["x", "y"]]);
    }
}
