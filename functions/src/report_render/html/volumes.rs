//! What was received: by kind, channel, service and month, and through MPs and
//! councillors.

use super::blocks::{heading, paragraph, table};
use super::words::{month_parts, plural};
use crate::report_render::charts::{self, Bar};
use crate::report_render::percent;
use feedback_shared::Language;
use feedback_shared::feedback::{Channel, Kind};
use feedback_shared::report::{Report, Volumes};

/// Volumes: the counts by kind, channel and service, and the months.
pub(super) fn volumes(out: &mut String, r: &Report, id: &str, level: u8) {
    let v = &r.volumes;
    heading(out, level, &format!("{id}-volumes"), "Volumes");
    paragraph(
        out,
        &format!(
            "{} received in this period, of which {} entered stage 1 of the complaints \
             procedure; {} to stage 2 {} requested.",
            plural(v.total, "piece of feedback was", "pieces of feedback were"),
            plural(v.stage1, "complaint", "complaints"),
            plural(v.stage2, "escalation", "escalations"),
            if v.stage2 == 1 { "was" } else { "were" }
        ),
    );
    let kinds: Vec<(String, Vec<String>)> = Kind::ALL
        .iter()
        .map(|k| {
            let n = v.by_kind.get(k).copied().unwrap_or(0);
            (k.label(Language::En).to_owned(), vec![n.to_string()])
        })
        .collect();
    table(
        out,
        "Feedback received by kind",
        &["Kind", "Received"],
        &kinds,
        true,
    );
    let channels: Vec<(String, Vec<String>)> = Channel::ALL
        .iter()
        .map(|c| {
            let n = v.by_channel.get(c).copied().unwrap_or(0);
            (c.label().to_owned(), vec![n.to_string()])
        })
        .collect();
    table(
        out,
        "Feedback received by channel",
        &["Channel", "Received"],
        &channels,
        true,
    );
    if v.by_service.is_empty() {
        paragraph(
            out,
            "No feedback was received for any service in this period.",
        );
    } else {
        let services: Vec<(String, Vec<String>)> = v
            .by_service
            .iter()
            .map(|(s, n)| (s.clone(), vec![n.to_string()]))
            .collect();
        table(
            out,
            "Feedback received by service",
            &["Service", "Received"],
            &services,
            true,
        );
    }
    by_month(out, v, id);
}

/// The month-by-month chart, with its figures in a table under it.
fn by_month(out: &mut String, v: &Volumes, id: &str) {
    let bars: Vec<Bar> = v
        .by_month
        .iter()
        .map(|(month, n)| {
            let (name, year) = month_parts(month);
            Bar {
                label: name.chars().take(3).collect(),
                sublabel: year,
                value: *n,
            }
        })
        .collect();
    let desc = format!(
        "Bar chart of feedback received each month. {}.",
        v.by_month
            .iter()
            .map(|(m, n)| {
                let (name, year) = month_parts(m);
                format!("{name} {year}: {n}")
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    out.push_str("<figure>\n");
    out.push_str(&charts::bar_chart(
        &format!("{id}-chart-months"),
        "Feedback received by month",
        &desc,
        "#1d70b8",
        &bars,
    ));
    let rows: Vec<(String, Vec<String>)> = v
        .by_month
        .iter()
        .map(|(m, n)| {
            let (name, year) = month_parts(m);
            (
                format!("{name} {year}").trim().to_owned(),
                vec![n.to_string()],
            )
        })
        .collect();
    table(
        out,
        "Feedback received by month (the figures in the chart above)",
        &["Month", "Received"],
        &rows,
        true,
    );
    out.push_str("</figure>\n");
}

pub(super) fn mp_enquiries(out: &mut String, r: &Report, id: &str, level: u8) {
    let v = &r.volumes;
    heading(
        out,
        level,
        &format!("{id}-mp"),
        "MP and councillor enquiries",
    );
    let text = match percent(v.mp_or_councillor, v.total) {
        Some(p) if v.mp_or_councillor > 0 => format!(
            "{} raised by an MP or councillor on someone's behalf ({p}% of all feedback received).",
            plural(
                v.mp_or_councillor,
                "piece of feedback was",
                "pieces of feedback were"
            )
        ),
        _ => "No feedback was raised by an MP or councillor in this period.".to_owned(),
    };
    paragraph(out, &text);
}
