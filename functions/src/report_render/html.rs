//! The report as one printable, accessible HTML document: headline figures, then each
//! section of the annual complaints performance and service improvement report, with
//! three inline SVG charts each followed by a table of the same figures. A partnership's
//! reports start with a side-by-side comparison of the headline figures.
//!
//! Everything that comes from the report (council and service names, reasons, learning)
//! is escaped.

use super::charts::{self, Bar, Scale, Series, Stack};
use super::csv::reason_label;
use super::{percent, upheld};
use crate::html::escape;
use feedback_shared::Language;
use feedback_shared::feedback::{Channel, Kind};
use feedback_shared::outcome::{OmbudsmanDecision, Outcome, Remedy};
use feedback_shared::report::{Period, Report, StageFigures, suppress};
use std::fmt::Write;
use time::Date;

const STYLE: &str = "\
:root { color: #0b0c0c; background: #fff; }
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.45; margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid #0b0c0c; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p { margin: .5rem 0; }
a { color: #1d70b8; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.period, .note { color: #505a5f; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.25rem; font-size: .95rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
tbody th { min-width: 5rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
.headlines { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem; margin: .5rem 0 1rem; }
.headlines div { border-left: 4px solid #1d70b8; padding: .25rem .75rem; }
.headlines dt { font-size: .9rem; }
.headlines dd { margin: 0; font-size: 1.3rem; font-weight: bold; }
table, figure, .headlines, .keep { break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
thead { display: table-header-group; }
@page { size: A4; margin: 15mm }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  .council + .council { break-before: page; page-break-before: always; }
  a { color: #0b0c0c; text-decoration: none; }
}
";

/// Timeliness: within timescale, within an agreed extension, late.
const TIMELINESS: [Series; 3] = [
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

/// Colours of the outcomes, in the order of [`Outcome::ALL`].
const OUTCOME_COLOURS: [&str; 5] = ["#4c2c92", "#1d70b8", "#00703c", "#505a5f", "#8f6b00"];

/// Months as people write them.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The whole document: one report, or a partnership's several.
pub fn to_html(reports: &[Report]) -> String {
    let mut out = String::new();
    let title = document_title(reports);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(&title)
    );
    match reports {
        [] => {
            out.push_str(
                "<h1>Complaints performance and service improvement report</h1>\n\
                 <p>There is no report to show.</p>\n",
            );
        }
        [report] => {
            let _ = writeln!(
                out,
                "<h1>{}: complaints performance and service improvement report</h1>",
                escape(&report.council_name)
            );
            council_body(&mut out, report, "c0", 2);
        }
        several => {
            out.push_str("<h1>Complaints performance and service improvement report</h1>\n");
            let names: Vec<&str> = several.iter().map(|r| r.council_name.as_str()).collect();
            let _ = writeln!(
                out,
                "<p>A partnership report for {}.</p>",
                escape(&join_words(&names))
            );
            if let Some(period) = shared_period(several) {
                let _ = writeln!(out, "<p class=\"period\">{}</p>", period_text(period));
            }
            out.push_str("<nav aria-label=\"Councils in this report\"><ul>\n");
            for (i, r) in several.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "<li><a href=\"#c{i}\">{}</a></li>",
                    escape(&r.council_name)
                );
            }
            out.push_str("</ul></nav>\n");
            comparison(&mut out, several);
            for (i, r) in several.iter().enumerate() {
                let id = format!("c{i}");
                let _ = write!(
                    out,
                    "<section class=\"council\" id=\"{id}\" aria-labelledby=\"{id}-heading\">\n\
                     <h2 id=\"{id}-heading\">{}</h2>\n",
                    escape(&r.council_name)
                );
                council_body(&mut out, r, &id, 3);
                out.push_str("</section>\n");
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn document_title(reports: &[Report]) -> String {
    let names: Vec<&str> = reports.iter().map(|r| r.council_name.as_str()).collect();
    let mut title = "Complaints performance and service improvement report".to_owned();
    if !names.is_empty() {
        title.push_str(": ");
        title.push_str(&join_words(&names));
    }
    if let Some(period) = shared_period(reports) {
        let _ = write!(title, ", {}", period_text(period));
    }
    title
}

/// The period all the reports share, if they do.
fn shared_period(reports: &[Report]) -> Option<Period> {
    let first = reports.first()?.period;
    reports.iter().all(|r| r.period == first).then_some(first)
}

/// `A`, `A and B`, `A, B and C`.
fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn date_text(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[usize::from(date.month() as u8 - 1)],
        date.year()
    )
}

fn period_text(period: Period) -> String {
    format!("{} to {}", date_text(period.from), date_text(period.to))
}

/// `2026-04` as (`April`, `2026`); anything else as it is.
fn month_parts(month: &str) -> (String, String) {
    let parsed = month
        .split_once('-')
        .and_then(|(y, m)| Some((y, m.parse::<usize>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m));
    match parsed {
        Some((year, m)) => (MONTHS[m - 1].to_owned(), year.to_owned()),
        None => (month.to_owned(), String::new()),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn percent_text(value: Option<f64>) -> String {
    value.map_or_else(|| "Not applicable".to_owned(), |v| format!("{v}%"))
}

fn days_text(value: Option<f64>) -> String {
    value.map_or_else(|| "No responses".to_owned(), |v| format!("{v}"))
}

/// `10 (83.3%)`, or just `0` when there is nothing to take a share of.
fn count_and_percent(count: u32, percent: Option<f64>) -> String {
    match percent {
        Some(p) => format!("{count} ({p}%)"),
        None => count.to_string(),
    }
}

/// A table: a caption, column headings, and rows each led by a row heading. All text is
/// escaped here. With `numeric`, the cells after the row heading are right-aligned.
fn table(
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

fn heading(out: &mut String, level: u8, id: &str, text: &str) {
    let _ = writeln!(out, "<h{level} id=\"{id}\">{}</h{level}>", escape(text));
}

fn paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p>{}</p>", escape(text));
}

fn stage(report: &Report, number: u8) -> Option<&StageFigures> {
    report.stages.iter().find(|s| s.stage == number)
}

/// The headline figures of a report, as (label, value) pairs.
fn headlines(r: &Report) -> Vec<(String, String)> {
    let v = &r.volumes;
    let mut rows = vec![
        ("Feedback received".to_owned(), v.total.to_string()),
        (
            "Complaints received (stage 1)".to_owned(),
            v.stage1.to_string(),
        ),
        ("Escalations to stage 2".to_owned(), v.stage2.to_string()),
        (
            "Compliments received".to_owned(),
            v.by_kind
                .get(&Kind::Compliment)
                .copied()
                .unwrap_or(0)
                .to_string(),
        ),
    ];
    for n in [1, 2] {
        let value = match stage(r, n) {
            Some(s) if s.responses > 0 => format!(
                "{} ({} of {})",
                percent_text(
                    s.percent_within_timescale
                        .or_else(|| percent(s.within_timescale, s.responses))
                ),
                s.within_timescale,
                s.responses
            ),
            _ => "No responses".to_owned(),
        };
        rows.push((format!("Stage {n} responses within timescale"), value));
    }
    rows.push((
        "Average working days to respond at stage 1".to_owned(),
        days_text(stage(r, 1).and_then(|s| s.mean_working_days_to_respond)),
    ));
    rows.push((
        "Escalation rate, stage 1 to stage 2".to_owned(),
        percent_text(r.escalation.rate_percent),
    ));
    let (upheld, decided) = upheld(r);
    rows.push((
        "Complaints upheld or partly upheld".to_owned(),
        match percent(upheld, decided) {
            Some(p) => format!("{p}% ({upheld} of {decided} decided)"),
            None => "No decisions".to_owned(),
        },
    ));
    rows.push((
        "Ombudsman referrals".to_owned(),
        r.ombudsman.referrals.to_string(),
    ));
    rows.push((
        "MP and councillor enquiries".to_owned(),
        v.mp_or_councillor.to_string(),
    ));
    rows.push((
        "Complaints not accepted".to_owned(),
        r.not_accepted
            .iter()
            .map(|n| n.count)
            .sum::<u32>()
            .to_string(),
    ));
    rows
}

/// The partnership's headline figures side by side, a column per council.
fn comparison(out: &mut String, reports: &[Report]) {
    heading(out, 2, "comparison", "Comparison across the partnership");
    let mut head = vec!["Figure"];
    head.extend(reports.iter().map(|r| r.council_name.as_str()));
    let per_council: Vec<Vec<(String, String)>> = reports.iter().map(headlines).collect();
    let rows: Vec<(String, Vec<String>)> = per_council[0]
        .iter()
        .enumerate()
        .map(|(i, (label, _))| {
            (
                label.clone(),
                per_council.iter().map(|h| h[i].1.clone()).collect(),
            )
        })
        .collect();
    table(out, "Headline figures by council", &head, &rows, true);
    if shared_period(reports).is_none() {
        paragraph(
            out,
            "The councils' reports cover different periods; each council's section gives its own.",
        );
    }
}

/// One council's report, its section headings at `level`, its ids starting `id`.
fn council_body(out: &mut String, r: &Report, id: &str, level: u8) {
    let _ = writeln!(out, "<p class=\"period\">{}</p>", period_text(r.period));

    heading(out, level, &format!("{id}-headlines"), "Headline figures");
    out.push_str("<dl class=\"headlines\">\n");
    for (label, value) in headlines(r) {
        let _ = writeln!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            escape(&label),
            escape(&value)
        );
    }
    out.push_str("</dl>\n");

    volumes(out, r, id, level);
    timeliness(out, r, id, level);
    outcomes(out, r, id, level);
    remedies(out, r, id, level);
    escalation(out, r, id, level);
    ombudsman(out, r, id, level);
    mp_enquiries(out, r, id, level);
    not_accepted(out, r, id, level);
    learning(out, r, id, level);
    equality(out, r, id, level);
}

fn volumes(out: &mut String, r: &Report, id: &str, level: u8) {
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

fn timeliness(out: &mut String, r: &Report, id: &str, level: u8) {
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
    let rows: Vec<(String, Vec<String>)> = r
        .stages
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

fn outcomes(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-outcomes"),
        "Outcomes by stage and service",
    );
    // (stage, service) in the report's order, with a count per outcome.
    let mut groups: Vec<(u8, &str, [u32; 5])> = Vec::new();
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

fn remedies(out: &mut String, r: &Report, id: &str, level: u8) {
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

fn escalation(out: &mut String, r: &Report, id: &str, level: u8) {
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

fn ombudsman(out: &mut String, r: &Report, id: &str, level: u8) {
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

fn mp_enquiries(out: &mut String, r: &Report, id: &str, level: u8) {
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

fn not_accepted(out: &mut String, r: &Report, id: &str, level: u8) {
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
        "Complaints not taken into the procedure, and why, as recorded when each was closed.",
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

fn learning(out: &mut String, r: &Report, id: &str, level: u8) {
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

fn equality(out: &mut String, r: &Report, id: &str, level: u8) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_dates() {
        assert_eq!(join_words(&["A"]), "A");
        assert_eq!(join_words(&["A", "B", "C"]), "A, B and C");
        assert_eq!(
            period_text(Period::financial_year(2026)),
            "1 April 2026 to 31 March 2027"
        );
        assert_eq!(month_parts("2027-01"), ("January".into(), "2027".into()));
        assert_eq!(month_parts("odd"), ("odd".into(), String::new()));
    }
}
