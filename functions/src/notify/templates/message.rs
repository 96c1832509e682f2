//! A message between building and writing out: its blocks, its subject, and its
//! placeholders' values, which a council's overrides may use in place of the built-in
//! wording.

use super::Rendered;
use super::doc::{Doc, html_document, list_html, paragraphs_html};
use crate::config::overrides::{self, Part, TemplateOverrides};
use crate::html::escape;
use feedback_shared::Language;
use std::collections::BTreeMap;

/// A placeholder's value as plain text and as HTML.
pub(super) struct Var {
    pub(super) text: String,
    pub(super) html: String,
}

impl Var {
    pub(super) fn plain(text: impl Into<String>) -> Var {
        let text = text.into();
        let html = escape(&text);
        Var { text, html }
    }

    /// Text that may run to several paragraphs.
    pub(super) fn paragraphs(text: impl Into<String>) -> Var {
        let text = text.into();
        let html = paragraphs_html(&text);
        Var { text, html }
    }

    pub(super) fn list(items: Vec<String>) -> Var {
        if items.is_empty() {
            return Var::plain("");
        }
        let text = items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let html = list_html(&items);
        Var { text, html }
    }
}

pub(super) type Vars = BTreeMap<&'static str, Var>;

/// A message before it is written out.
pub(super) struct Built {
    pub(super) subject: String,
    pub(super) doc: Doc,
    pub(super) vars: Vars,
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn finish(
    key: &str,
    built: Built,
    language: Language,
    overrides: &TemplateOverrides,
) -> Rendered {
    let Built { subject, doc, vars } = built;
    let text_value = |name: &str, default: &str| -> Option<String> {
        if name == "default" {
            Some(default.to_owned())
        } else {
            vars.get(name).map(|v| v.text.clone())
        }
    };
    let subject = match overrides.get(key, language, Part::Subject) {
        Some(t) => one_line(&overrides::substitute(t, |n| text_value(n, &subject))),
        None => subject,
    };
    let default_text = doc.text();
    let text = match overrides.get(key, language, Part::Text) {
        Some(t) => overrides::substitute(t, |n| text_value(n, &default_text)),
        None => default_text,
    };
    let default_body = doc.html_body();
    let body = match overrides.get(key, language, Part::Html) {
        Some(t) => overrides::substitute(t, |n| {
            if n == "default" {
                Some(default_body.clone())
            } else {
                vars.get(n).map(|v| v.html.clone())
            }
        }),
        None => default_body,
    };
    let html = html_document(language, &subject, &body);
    Rendered {
        subject,
        text,
        html,
    }
}
