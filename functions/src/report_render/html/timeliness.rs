//! How promptly each stage was acknowledged and answered.

use super::blocks::{heading, paragraph, table};
use super::words::{count_and_percent, days_text, plural};
use crate::report_render::charts::{self, Scale, Series, Stack};
use feedback_shared::report::{Report, StageFigures};

/// Timeliness: within timescale, within an agreed extension, late.
pub(super) const TIMELINESS: [Series; 3] = [
    Series {
        label: "Within timescale",
        colour: "#00703c",
    },
    Series {
        label: "Within extension",
        colour: "#1d70b8",
    },
    Series {
        label: "Late",
        colour: "#d4351c",
    },
];

/// Timeliness: a chart of each stage's responses on time, within an extension and late,
/// with its figures in a table, then the working days taken.
pub(super) fn timeliness(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-timeliness"),
        "Timeliness by stage",
    );
    paragraph(
        out,
        "Responses sent in the period: within the timescale, within an extension agreed with \
         the complainant, or late.",
    );
    let stacks: Vec<Stack> = r
        .stages
        .iter()
        .map(|s| Stack {
            label: format!("Stage {}", s.stage),
            values: vec![s.within_timescale, s.within_extension, s.late],
        })
        .collect();
    let desc = r
        .stages
        .iter()
        .map(|s| {
            if s.responses == 0 {
                format!("Stage {}: no responses", s.stage)
            } else {
                format!(
                    "Stage {}: {} within timescale, {} within extension, {} late, of {}",
                    s.stage,
                    count_and_percent(s.within_timescale, s.percent_within_timescale),
                    count_and_percent(s.within_extension, s.percent_within_extension),
                    count_and_percent(s.late, s.percent_late),
                    plural(s.responses, "response", "responses")
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    out.push_str("<figure>\n");
    out.push_str(&charts::stacked_bars(
        &format!("{id}-chart-timeliness"),
        "Responses by timeliness and stage",
        &format!("Stacked bar chart of each stage's responses as shares of 100%. {desc}."),
        &TIMELINESS,
        &stacks,
        Scale::Percent,
        "No responses",
    ));
    let rows: Vec<(String, Vec<String>)> = r
        .stages
        .iter()
        .map(|s| {
            (
                format!("Stage {}", s.stage),
                vec![
                    s.responses.to_string(),
                    count_and_percent(s.within_timescale, s.percent_within_timescale),
                    count_and_percent(s.within_extension, s.percent_within_extension),
                    count_and_percent(s.late, s.percent_late),
                ],
            )
        })
        .collect();
    table(
        out,
        "Responses by timeliness and stage (the figures in the chart above)",
        &[
            "Stage",
            "Responses",
            "Within timescale",
            "Within extension",
            "Late",
        ],
        &rows,
        true,
    );
    out.push_str("</figure>\n");
    working_days(out, &r.stages);
}

/// The working days each stage took to acknowledge and to respond.
fn working_days(out: &mut String, stages: &[StageFigures]) {
    let rows: Vec<(String, Vec<String>)> = stages
        .iter()
        .map(|s| {
            (
                format!("Stage {}", s.stage),
                vec![
                    s.acknowledged.to_string(),
                    days_text(s.mean_working_days_to_acknowledge),
                    days_text(s.median_working_days_to_acknowledge),
                    days_text(s.mean_working_days_to_respond),
                    days_text(s.median_working_days_to_respond),
                ],
            )
        })
        .collect();
    table(
        out,
        "Working days to acknowledge and to respond",
        &[
            "Stage",
            "Acknowledged",
            "Mean days to acknowledge",
            "Median days to acknowledge",
            "Mean days to respond",
            "Median days to respond",
        ],
        &rows,
        true,
    );
}
