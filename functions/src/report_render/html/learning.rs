//! What the council will change.

use super::blocks::{heading, paragraph, table};
use feedback_shared::report::Report;

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
