//! Complaints taken further: escalations to stage 2, and referrals to the Ombudsman and
//! its decisions.

use super::blocks::{heading, paragraph, table};
use super::words::plural;
use feedback_shared::outcome::OmbudsmanDecision;
use feedback_shared::report::Report;

pub(super) fn escalation(out: &mut String, r: &Report, id: &str, level: u8) {
    let e = &r.escalation;
    heading(
        out,
        level,
        &format!("{id}-escalation"),
        "Escalation to stage 2",
    );
    let text = match e.rate_percent {
        Some(rate) => format!(
            "{} to stage 2 {} requested against {} sent: an escalation rate of {rate}%.",
            plural(e.escalations, "escalation", "escalations"),
            if e.escalations == 1 { "was" } else { "were" },
            plural(e.stage1_responses, "stage 1 response", "stage 1 responses"),
        ),
        None => format!(
            "No stage 1 responses were sent in this period, so there is no escalation rate; {} \
             to stage 2 {} requested.",
            plural(e.escalations, "escalation", "escalations"),
            if e.escalations == 1 { "was" } else { "were" },
        ),
    };
    paragraph(out, &text);
}

pub(super) fn ombudsman(out: &mut String, r: &Report, id: &str, level: u8) {
    let o = &r.ombudsman;
    heading(
        out,
        level,
        &format!("{id}-ombudsman"),
        "Ombudsman referrals and decisions",
    );
    paragraph(
        out,
        &format!(
            "{} referred to the Ombudsman in this period.",
            plural(o.referrals, "complaint was", "complaints were")
        ),
    );
    if o.decisions.values().all(|n| *n == 0) {
        paragraph(out, "No Ombudsman decisions were received in this period.");
        return;
    }
    let rows: Vec<(String, Vec<String>)> = OmbudsmanDecision::ALL
        .iter()
        .map(|d| {
            let n = o.decisions.get(d).copied().unwrap_or(0);
            (d.label().to_owned(), vec![n.to_string()])
        })
        .collect();
    table(
        out,
        "Ombudsman decisions received",
        &["Decision", "Cases"],
        &rows,
        true,
    );
}
