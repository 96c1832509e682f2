//! A message as a handful of blocks, written out once as plain text and once as a simple,
//! accessible HTML document, so both carry the same facts.

use crate::html::escape;
use feedback_shared::Language;

/// One piece of a message.
#[derive(Debug, Clone)]
pub(super) enum Block {
    /// A section heading (`<h2>`).
    Heading(String),
    /// A paragraph. Blank lines in it start new paragraphs; single line breaks are kept.
    Para(String),
    /// Labelled facts: "Reference: DEMO-2026-000001".
    Facts(Vec<(String, String)>),
    /// A bulleted list.
    List(Vec<String>),
    /// A labelled web address: "Check progress: https://…".
    Link { label: String, url: String },
}

/// A whole message body: a title (`<h1>`) and blocks.
#[derive(Debug, Clone)]
pub(super) struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn new(title: impl Into<String>) -> Self {
        Doc {
            title: title.into(),
            blocks: Vec::new(),
        }
    }

    pub fn heading(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Heading(text.into()));
        self
    }

    pub fn para(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Para(text.into()));
        self
    }

    pub fn facts(&mut self, facts: Vec<(String, String)>) -> &mut Self {
        if !facts.is_empty() {
            self.blocks.push(Block::Facts(facts));
        }
        self
    }

    pub fn list(&mut self, items: Vec<String>) -> &mut Self {
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
        self
    }

    pub fn link(&mut self, label: impl Into<String>, url: Option<&str>) -> &mut Self {
        if let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) {
            self.blocks.push(Block::Link {
                label: label.into(),
                url: url.to_owned(),
            });
        }
        self
    }

    /// The plain-text body.
    pub fn text(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.title);
        out.push('\n');
        out.push_str(&"=".repeat(self.title.chars().count()));
        out.push('\n');
        for block in &self.blocks {
            out.push('\n');
            match block {
                Block::Heading(h) => {
                    out.push_str(h);
                    out.push('\n');
                    out.push_str(&"-".repeat(h.chars().count()));
                    out.push('\n');
                }
                Block::Para(p) => {
                    out.push_str(&normalise(p));
                    out.push('\n');
                }
                Block::Facts(facts) => {
                    for (label, value) in facts {
                        out.push_str(&format!("{label}: {value}\n"));
                    }
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {item}\n"));
                    }
                }
                Block::Link { label, url } => out.push_str(&format!("{label}: {url}\n")),
            }
        }
        out
    }

    /// The inner HTML of the body: everything between `<body>` and `</body>`.
    pub fn html_body(&self) -> String {
        let mut out = format!("<h1>{}</h1>\n", escape(&self.title));
        for block in &self.blocks {
            match block {
                Block::Heading(h) => out.push_str(&format!("<h2>{}</h2>\n", escape(h))),
                Block::Para(p) => out.push_str(&paragraphs_html(p)),
                Block::Facts(facts) => {
                    out.push_str("<ul>\n");
                    for (label, value) in facts {
                        out.push_str(&format!(
                            "<li><strong>{}:</strong> {}</li>\n",
                            escape(label),
                            escape(value)
                        ));
                    }
                    out.push_str("</ul>\n");
                }
                Block::List(items) => out.push_str(&list_html(items)),
                Block::Link { label, url } => {
                    out.push_str(&format!("<p>{}: {}</p>\n", escape(label), link_html(url)))
                }
            }
        }
        out
    }
}

/// A whole HTML document around `body` (inner HTML, already escaped).
pub(super) fn html_document(language: Language, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n\
         <body style=\"font-family: Arial, sans-serif; font-size: 19px; line-height: 1.5; max-width: 40em;\">\n\
         {body}</body>\n</html>\n",
        lang = language.tag(),
        title = escape(title),
    )
}

/// Line endings as `\n`, surrounding blank space trimmed.
fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_owned()
}

/// Text as `<p>` elements: blank lines split paragraphs, single breaks become `<br>`.
pub(super) fn paragraphs_html(text: &str) -> String {
    let text = normalise(text);
    let mut out = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<String> = para.lines().map(|l| escape(l.trim_end())).collect();
        out.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
    }
    out
}

pub(super) fn list_html(items: &[String]) -> String {
    let mut out = String::from("<ul>\n");
    for item in items {
        out.push_str(&format!("<li>{}</li>\n", escape(item)));
    }
    out.push_str("</ul>\n");
    out
}

/// A link when the address is a web address; otherwise the escaped text alone.
pub(super) fn link_html(url: &str) -> String {
    let safe = url.starts_with("https://") || url.starts_with("http://");
    if safe {
        format!("<a href=\"{0}\">{0}</a>", escape(url))
    } else {
        escape(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_html_carry_the_same_content() {
        let mut doc = Doc::new("Title <1>");
        doc.para("One\n\nTwo\nlines")
            .facts(vec![("Reference".into(), "DEMO-2026-000001".into())])
            .list(vec!["An apology".into()])
            .link("Contact us", Some("https://example.gov.uk/?a=1&b=2"));
        let text = doc.text();
        assert!(text.contains("Reference: DEMO-2026-000001"));
        assert!(text.contains("- An apology"));
        let html = doc.html_body();
        assert!(html.contains("<h1>Title &lt;1&gt;</h1>"));
        assert!(html.contains("<p>One</p>\n<p>Two<br>\nlines</p>"));
        assert!(html.contains("href=\"https://example.gov.uk/?a=1&amp;b=2\""));
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(link_html("javascript:alert(1)"), "javascript:alert(1)");
    }
}
