//! The pieces every section is written with: headings, paragraphs and tables, all
//! escaped here.

use crate::html::escape;
use std::fmt::Write;

/// A table: a caption, column headings, and rows each led by a row heading. All text is
/// escaped here. With `numeric`, the cells after the row heading are right-aligned.
pub(super) fn table(
    out: &mut String,
    caption: &str,
    head: &[&str],
    rows: &[(String, Vec<String>)],
    numeric: bool,
) {
    let _ = write!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(caption)
    );
    for (i, h) in head.iter().enumerate() {
        let class = if numeric && i > 0 {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let class = if numeric { " class=\"num\"" } else { "" };
    for (heading, cells) in rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(heading));
        for cell in cells {
            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

pub(super) fn heading(out: &mut String, level: u8, id: &str, text: &str) {
    let _ = writeln!(out, "<h{level} id=\"{id}\">{}</h{level}>", escape(text));
}

pub(super) fn paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p>{}</p>", escape(text));
}
