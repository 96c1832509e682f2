//! Contact restrictions (unreasonable behaviour), in number only: no names, no details.

use super::blocks::{heading, paragraph, table};
use feedback_shared::report::Report;

pub(super) fn restrictions(out: &mut String, r: &Report, id: &str, level: u8) {
    // A report read from no store (a partnership's comparison, a report built by hand)
    // says nothing of them rather than a wrong nought.
    let Some(f) = r.restrictions else {
        return;
    };
    heading(
        out,
        level,
        &format!("{id}-restrictions"),
        "Restrictions on contact",
    );
    paragraph(
        out,
        "Restrictions on how a person contacts the council after unreasonable behaviour, counted only: a restriction never stops a complaint being handled.",
    );
    let rows = vec![
        (
            "In force at the end of the period".to_owned(),
            vec![f.in_force_at_end.to_string()],
        ),
        (
            "Imposed in the period".to_owned(),
            vec![f.imposed.to_string()],
        ),
        ("Ended in the period".to_owned(), vec![f.ended.to_string()]),
    ];
    table(
        out,
        "Restrictions on contact",
        &["Restrictions", "Number"],
        &rows,
        true,
    );
}
