//! Complaints made in Welsh and the responses sent to them. Every message to a resident
//! is written in the language their complaint was made in (the case carries it), so the
//! responses counted here went in Welsh; the figure lets a council show its Welsh
//! language duties kept beside its timeliness.

use super::blocks::{heading, paragraph, table};
use super::words::plural;
use feedback_shared::report::Report;

pub(super) fn welsh_language(out: &mut String, r: &Report, id: &str, level: u8) {
    let w = r.welsh;
    heading(
        out,
        level,
        &format!("{id}-welsh"),
        "Complaints made in Welsh",
    );
    paragraph(
        out,
        &format!(
            "{} made in Welsh in this period. Every letter and email about a complaint made in Welsh is written in Welsh.",
            plural(w.complaints, "complaint was", "complaints were")
        ),
    );
    let rows = vec![
        (
            "Complaints made in Welsh".to_owned(),
            vec![w.complaints.to_string()],
        ),
        (
            "Responses sent in Welsh".to_owned(),
            vec![w.responses.to_string()],
        ),
    ];
    table(
        out,
        "Complaints made in Welsh and the responses sent to them",
        &["Welsh", "Number"],
        &rows,
        true,
    );
}
