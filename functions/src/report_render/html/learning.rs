//! What the council will change, and how many equality monitoring responses came in.

use super::blocks::{heading, paragraph, table};
use super::words::plural;
use crate::html::escape;
use feedback_shared::report::{Report, suppress};
use std::fmt::Write;

pub(super) fn learning(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-learning"),
        "Learning and service improvements",
    );
    if r.learning.is_empty() {
        paragraph(out, "No learning was recorded in this period.");
        return;
    }
    let rows: Vec<(String, Vec<String>)> = r
        .learning
        .iter()
        .map(|l| {
            (
                l.reference.clone(),
                vec![
                    l.service.clone(),
                    format!("Stage {}", l.stage),
                    l.learning.clone(),
                ],
            )
        })
        .collect();
    table(
        out,
        "What the council will change",
        &["Reference", "Service", "Stage", "Learning"],
        &rows,
        false,
    );
}

pub(super) fn equality(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(out, level, &format!("{id}-equality"), "Equality monitoring");
    let responses = match suppress(r.equality.responses) {
        Some(0) => "No equality monitoring responses were received in this period.".to_owned(),
        Some(n) => format!("{} received.", plural(n, "response was", "responses were")),
        None => "Fewer than 5 responses were received; the figures are not shown so that no \
                 one can be identified."
            .to_owned(),
    };
    paragraph(out, &responses);
    if !r.equality.note.trim().is_empty() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&r.equality.note));
    }
}
