//! Actions promised in responses (Code 6.6): how many were promised, and how they were
//! kept.

use super::blocks::{heading, paragraph, table};
use super::words::plural;
use feedback_shared::report::Report;

pub(super) fn promised_actions(out: &mut String, r: &Report, id: &str, level: u8) {
    let a = &r.actions;
    heading(
        out,
        level,
        &format!("{id}-actions"),
        "Actions promised in responses",
    );
    paragraph(
        out,
        &format!(
            "{} promised in responses in this period.",
            plural(a.promised, "action was", "actions were")
        ),
    );
    let rows = vec![
        ("Promised".to_owned(), vec![a.promised.to_string()]),
        (
            "Completed by the date promised".to_owned(),
            vec![a.completed_on_time.to_string()],
        ),
        (
            "Completed after the date promised".to_owned(),
            vec![a.completed_late.to_string()],
        ),
        (
            "Promised in this period and still open".to_owned(),
            vec![a.open.to_string()],
        ),
    ];
    table(
        out,
        "Promised actions and how they were kept",
        &["Actions", "Number"],
        &rows,
        true,
    );
}
