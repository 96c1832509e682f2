//! Welsh strings written out for the Welsh spelling check (`tests/welsh-spelling/`, run by
//! `cargo xtask test`): each test that takes them from the code writes one JSON file of
//! `{"source", "text"}` entries into `target/tmp/welsh-spelling/`.

use std::path::PathBuf;

/// Where the spelling check reads the strings.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("welsh-spelling")
}

/// Writes `entries` (where each came from, the Welsh text) as `dir()/name.json`; empty
/// texts are left out. Panics when there are none: a collector that finds nothing is
/// broken, not done.
pub fn write(name: &str, entries: &[(String, String)]) {
    let entries: Vec<serde_json::Value> = entries
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(source, text)| serde_json::json!({ "source": source, "text": text }))
        .collect();
    assert!(!entries.is_empty(), "no Welsh strings for {name}");
    std::fs::create_dir_all(dir()).unwrap();
    let path = dir().join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_vec_pretty(&entries).unwrap()).unwrap();
}

/// The Welsh side of every English/Welsh pair in Rust or JavaScript source: the string
/// after `cy:` or `Cy =>`, and where `pairs` (a file of words, where two strings side by
/// side are always English and Welsh) the second string of a `text!` entry
/// (`NAME = "en", "cy";`), of a pair (`("en", "cy")`, `pick(lang, "en", "cy")`) and the
/// third of a triple (`("code", "en", "cy")`). Tests (after `#[cfg(test)]`) are not
/// read. For code whose words are constants no test can list (the widget's, which other
/// code may not change).
pub fn scan(source: &str, javascript: bool, pairs: bool) -> Vec<String> {
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    let tokens = tokens(source, javascript);
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let at = |j: usize| tokens.get(i + j);
        let string = |j: usize| match at(j) {
            Some(Token::Str(s)) => Some(s.clone()),
            _ => None,
        };
        let punct = |j: usize, c: char| at(j) == Some(&Token::Punct(c));
        match token {
            // `cy: "…"` and `cy: '…'`.
            Token::Ident(name) if name == "cy" && punct(1, ':') => found.extend(string(2)),
            // `Language::Cy => "…"`.
            Token::Ident(name) if name == "Cy" && punct(1, '=') && punct(2, '>') => {
                found.extend(string(3))
            }
            // `"en", "cy")` or `"en", "cy";` after `(`, `,` or `=`: a pair, a text!
            // entry, a call's last two arguments.
            Token::Str(_)
                if pairs
                    && i > 0
                    && matches!(tokens[i - 1], Token::Punct('(' | ',' | '='))
                    && punct(1, ',')
                    && string(2).is_some()
                    && (punct(3, ')') || punct(3, ';') || (punct(3, ',') && punct(4, ')'))) =>
            {
                // A triple `("code", "en", "cy")` has its Welsh last; its first pair is
                // the code and the English, so skip it.
                let third_of_triple = i > 2
                    && matches!(tokens[i - 1], Token::Punct(','))
                    && matches!(tokens[i - 2], Token::Str(_))
                    && matches!(tokens[i - 3], Token::Punct('('));
                let first_of_triple = punct(3, ',') && matches!(at(4), Some(Token::Str(_)));
                if !first_of_triple || third_of_triple {
                    found.extend(string(2));
                }
            }
            _ => {}
        }
    }
    found
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Str(String),
    Ident(String),
    Punct(char),
}

/// Rust's (or JavaScript's) strings, identifiers and punctuation; comments are dropped.
/// A `'` opens a string in JavaScript only (in Rust: a char or a lifetime).
fn tokens(source: &str, javascript: bool) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '\'' && !javascript {
            // A char (`'"'`, `'\''`) is skipped whole; a lifetime's quote alone.
            if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else if chars.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else {
                i += 1;
            }
        } else if c == '"' || c == '\'' {
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                    text.push(match chars[i] {
                        'n' => '\n',
                        other => other,
                    });
                } else {
                    text.push(chars[i]);
                }
                i += 1;
            }
            i += 1;
            out.push(Token::Str(text));
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}
