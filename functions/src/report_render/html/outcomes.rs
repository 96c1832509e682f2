//! How complaints ended: the outcomes by stage and service, the remedies given, and the
//! complaints not accepted.

use super::blocks::{heading, paragraph, table};
use crate::report_render::charts::{self, Scale, Series, Stack};
use crate::report_render::csv::reason_label;
use feedback_shared::Language;
use feedback_shared::outcome::{Outcome, Remedy};
use feedback_shared::report::Report;

/// Colours of the outcomes, in the order of [`Outcome::ALL`].
pub(super) const OUTCOME_COLOURS: [&str; 5] =
    ["#4c2c92", "#1d70b8", "#00703c", "#505a5f", "#8f6b00"];

/// A stage and service, with a count per outcome in the order of [`Outcome::ALL`].
type Group<'r> = (u8, &'r str, [u32; 5]);

/// The report's outcomes gathered by stage, then service.
fn by_stage_and_service(r: &Report) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    for o in &r.outcomes {
        let slot = Outcome::ALL
            .iter()
            .position(|x| *x == o.outcome)
            .unwrap_or(0);
        match groups
            .iter_mut()
            .find(|(stage, service, _)| *stage == o.stage && *service == o.service)
        {
            Some(group) => group.2[slot] += o.count,
            None => {
                let mut counts = [0; 5];
                counts[slot] = o.count;
                groups.push((o.stage, &o.service, counts));
            }
        }
    }
    groups.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    groups
}

/// Outcomes: a stacked chart per stage and service, with its figures in a table.
pub(super) fn outcomes(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-outcomes"),
        "Outcomes by stage and service",
    );
    let groups = by_stage_and_service(r);
    if groups.is_empty() {
        paragraph(out, "No outcomes were recorded in this period.");
        return;
    }
    paragraph(
        out,
        "Decisions on responses sent in the period, and cases withdrawn or not accepted in \
         the period, at the stage each case had reached.",
    );
    let series: Vec<Series> = Outcome::ALL
        .iter()
        .zip(OUTCOME_COLOURS)
        .map(|(o, colour)| Series {
            label: o.label(Language::En),
            colour,
        })
        .collect();
    let label = |stage: u8, service: &str| format!("Stage {stage}: {service}");
    let stacks: Vec<Stack> = groups
        .iter()
        .map(|(stage, service, counts)| Stack {
            label: label(*stage, service),
            values: counts.to_vec(),
        })
        .collect();
    let desc = groups
        .iter()
        .map(|(stage, service, counts)| {
            let parts: Vec<String> = Outcome::ALL
                .iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(o, n)| format!("{} {n}", o.label(Language::En).to_lowercase()))
                .collect();
            format!("{}: {}", label(*stage, service), parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    out.push_str("<figure>\n");
    out.push_str(&charts::stacked_bars(
        &format!("{id}-chart-outcomes"),
        "Outcomes by stage and service",
        &format!("Stacked bar chart of outcomes for each stage and service. {desc}."),
        &series,
        &stacks,
        Scale::Count,
        "None",
    ));
    let mut head = vec!["Stage and service"];
    head.extend(Outcome::ALL.iter().map(|o| o.label(Language::En)));
    head.push("Total");
    let rows: Vec<(String, Vec<String>)> = groups
        .iter()
        .map(|(stage, service, counts)| {
            let mut cells: Vec<String> = counts.iter().map(u32::to_string).collect();
            cells.push(counts.iter().sum::<u32>().to_string());
            (label(*stage, service), cells)
        })
        .collect();
    table(
        out,
        "Outcomes by stage and service (the figures in the chart above)",
        &head,
        &rows,
        true,
    );
    out.push_str("</figure>\n");
}

pub(super) fn remedies(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(out, level, &format!("{id}-remedies"), "Remedies");
    if r.remedies.values().all(|n| *n == 0) {
        paragraph(out, "No remedies were recorded in this period.");
        return;
    }
    paragraph(
        out,
        "What the council did to put things right; one response can give several remedies.",
    );
    let rows: Vec<(String, Vec<String>)> = Remedy::ALL
        .iter()
        .map(|remedy| {
            let n = r.remedies.get(remedy).copied().unwrap_or(0);
            (remedy.label().to_owned(), vec![n.to_string()])
        })
        .collect();
    table(out, "Remedies given", &["Remedy", "Given"], &rows, true);
}

pub(super) fn not_accepted(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-not-accepted"),
        "Complaints not accepted",
    );
    if r.not_accepted.is_empty() {
        paragraph(out, "No complaints were not accepted in this period.");
        return;
    }
    paragraph(
        out,
        "Complaints not taken into the procedure, by the ground recorded when each was closed (the officer’s reason for refusals recorded before grounds were).",
    );
    let rows: Vec<(String, Vec<String>)> = r
        .not_accepted
        .iter()
        .map(|n| {
            (
                reason_label(&n.reason).to_owned(),
                vec![n.count.to_string()],
            )
        })
        .collect();
    table(
        out,
        "Complaints not accepted, by reason",
        &["Reason", "Complaints"],
        &rows,
        true,
    );
}
