//! The report as one tidy CSV (RFC 4180): a row per figure, so a partnership's councils
//! line up side by side in a spreadsheet's pivot table.
//!
//! Columns: `council,period_from,period_to,section,measure,dimension,value`. Kinds,
//! channels, outcomes, remedies and Ombudsman decisions are always listed in full (zero
//! where none), so every council has the same rows; services, reasons and learning are
//! the council's own. Labels are the ones people read ("Partly upheld"). Equality
//! counts of 1 to 4 are written "fewer than 5".

use super::number;
use feedback_shared::Language;
use feedback_shared::feedback::{Channel, Kind};
use feedback_shared::outcome::{OmbudsmanDecision, Remedy};
use feedback_shared::report::{Report, SUPPRESS_BELOW};
use std::fmt::Write;

/// The header row.
pub const CSV_HEADER: &str = "council,period_from,period_to,section,measure,dimension,value";

/// Every figure of every report, one row each, CRLF line ends.
pub fn to_csv(reports: &[Report]) -> String {
    let mut out = String::new();
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for report in reports {
        let mut rows = Rows {
            out: &mut out,
            prefix: [
                cell(&report.council),
                cell(&report.period.from.to_string()),
                cell(&report.period.to.to_string()),
            ]
            .join(","),
        };
        write_report(&mut rows, report);
    }
    out
}

pub(super) struct Rows<'a> {
    out: &'a mut String,
    prefix: String,
}

impl Rows<'_> {
    pub(super) fn row(&mut self, section: &str, measure: &str, dimension: &str, value: &str) {
        let _ = write!(
            self.out,
            "{},{},{},{},{}\r\n",
            self.prefix,
            cell(section),
            cell(measure),
            cell(dimension),
            cell(value)
        );
    }

    pub(super) fn count(&mut self, section: &str, measure: &str, dimension: &str, value: u32) {
        self.row(section, measure, dimension, &value.to_string());
    }
}

/// Every figure of one report, section by section.
fn write_report(rows: &mut Rows<'_>, r: &Report) {
    volumes(rows, r);
    timeliness(rows, r);
    outcomes(rows, r);
    further(rows, r);
    promised_actions(rows, r);
    rows.count("welsh", "complaints_made_in_welsh", "", r.welsh.complaints);
    rows.count("welsh", "responses_sent_in_welsh", "", r.welsh.responses);
    restrictions(rows, r);
    closing_sections(rows, r);
    super::csv_annual::annual(rows, r);
}

/// Contact restrictions in number only, when the report was read from a store.
fn restrictions(rows: &mut Rows<'_>, r: &Report) {
    if let Some(f) = r.restrictions {
        rows.count("restrictions", "in_force_at_end", "", f.in_force_at_end);
        rows.count("restrictions", "imposed", "", f.imposed);
        rows.count("restrictions", "ended", "", f.ended);
    }
}

/// Actions promised in responses (Code 6.6) and how they were kept.
fn promised_actions(rows: &mut Rows<'_>, r: &Report) {
    let a = &r.actions;
    rows.count("actions", "promised", "", a.promised);
    rows.count("actions", "completed_on_time", "", a.completed_on_time);
    rows.count("actions", "completed_late", "", a.completed_late);
    rows.count("actions", "open", "", a.open);
}

fn volumes(rows: &mut Rows<'_>, r: &Report) {
    let v = &r.volumes;
    rows.count("volumes", "total", "", v.total);
    for kind in Kind::ALL {
        let n = v.by_kind.get(&kind).copied().unwrap_or(0);
        rows.count("volumes", "by_kind", kind.label(Language::En), n);
    }
    for channel in Channel::ALL {
        let n = v.by_channel.get(&channel).copied().unwrap_or(0);
        rows.count("volumes", "by_channel", channel.label(), n);
    }
    for (service, n) in &v.by_service {
        rows.count("volumes", "by_service", service, *n);
    }
    for (month, n) in &v.by_month {
        rows.count("volumes", "by_month", month, *n);
    }
    rows.count("volumes", "stage1", "", v.stage1);
    rows.count("volumes", "stage2", "", v.stage2);
    rows.count("volumes", "mp_or_councillor", "", v.mp_or_councillor);
}

fn timeliness(rows: &mut Rows<'_>, r: &Report) {
    for s in &r.stages {
        let stage = format!("stage {}", s.stage);
        let counts = [
            ("responses", s.responses),
            ("within_timescale", s.within_timescale),
            ("within_extension", s.within_extension),
            ("late", s.late),
        ];
        for (measure, n) in counts {
            rows.count("timeliness", measure, &stage, n);
        }
        let figures = [
            ("percent_within_timescale", s.percent_within_timescale),
            ("percent_within_extension", s.percent_within_extension),
            ("percent_late", s.percent_late),
        ];
        for (measure, value) in figures {
            rows.row("timeliness", measure, &stage, &number(value));
        }
        rows.count("timeliness", "acknowledged", &stage, s.acknowledged);
        let days = [
            (
                "mean_working_days_to_acknowledge",
                s.mean_working_days_to_acknowledge,
            ),
            (
                "median_working_days_to_acknowledge",
                s.median_working_days_to_acknowledge,
            ),
            (
                "mean_working_days_to_respond",
                s.mean_working_days_to_respond,
            ),
            (
                "median_working_days_to_respond",
                s.median_working_days_to_respond,
            ),
        ];
        for (measure, value) in days {
            rows.row("timeliness", measure, &stage, &number(value));
        }
    }
}

/// Outcomes by stage and service, and remedies.
fn outcomes(rows: &mut Rows<'_>, r: &Report) {
    for o in &r.outcomes {
        rows.count(
            "outcomes",
            &format!("stage {}", o.stage),
            &format!("{} / {}", o.service, o.outcome.label(Language::En)),
            o.count,
        );
    }
    for remedy in Remedy::ALL {
        let n = r.remedies.get(&remedy).copied().unwrap_or(0);
        rows.count("remedies", "count", remedy.label(), n);
    }
}

/// Escalations to stage 2, and the Ombudsman.
fn further(rows: &mut Rows<'_>, r: &Report) {
    let e = &r.escalation;
    rows.count("escalation", "stage1_responses", "", e.stage1_responses);
    rows.count("escalation", "escalations", "", e.escalations);
    rows.row("escalation", "rate_percent", "", &number(e.rate_percent));

    rows.count("ombudsman", "referrals", "", r.ombudsman.referrals);
    for decision in OmbudsmanDecision::ALL {
        let n = r.ombudsman.decisions.get(&decision).copied().unwrap_or(0);
        rows.count("ombudsman", "decisions", decision.label(), n);
    }
}

/// The closing sections: complaints not accepted, learning and equality monitoring.
fn closing_sections(rows: &mut Rows<'_>, r: &Report) {
    for reason in &r.not_accepted {
        rows.count(
            "not_accepted",
            "count",
            reason_label(&reason.reason),
            reason.count,
        );
    }
    for l in &r.learning {
        rows.row(
            "learning",
            &format!("stage {}", l.stage),
            &format!("{} / {}", l.reference, l.service),
            &l.learning,
        );
    }

    equality(rows, r);
}

/// Equality monitoring: the years counted, responses and rate, then a row per question
/// and answer (every one, zero where none), a suppressed count written "fewer than 5".
fn equality(rows: &mut Rows<'_>, r: &Report) {
    let e = &r.equality;
    let years: Vec<String> = e.years.iter().map(i32::to_string).collect();
    rows.row("equality", "calendar_years", "", &years.join(" "));
    rows.row("equality", "responses", "", &shown(e.responses));
    rows.count("equality", "received", "", e.received);
    rows.row(
        "equality",
        "response_rate_percent",
        "",
        &number(e.response_rate_percent),
    );
    for q in &e.questions {
        for a in &q.answers {
            rows.row("equality", &q.question, &a.label, &shown(a.count));
        }
    }
    rows.row("equality", "note", "", &e.note);
}

/// A count that may be suppressed: the number, or "fewer than 5".
fn shown(count: Option<u32>) -> String {
    count.map_or_else(|| format!("fewer than {SUPPRESS_BELOW}"), |n| n.to_string())
}

/// A refusal reason as shown: an empty one is named as such.
pub(super) fn reason_label(reason: &str) -> &str {
    if reason.trim().is_empty() {
        "No reason recorded"
    } else {
        reason
    }
}

/// One field: guarded against formula injection (a leading `=`, `+`, `-`, `@`, tab or
/// carriage return gets a `'`), then quoted when it holds a comma, quote or line break.
fn cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-1,2"), "\"'-1,2\"");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(cell(""), "");
    }
}
