//! The report as one printable, accessible HTML document: headline figures, then each
//! section of the annual complaints performance and service improvement report, with
//! three inline SVG charts each followed by a table of the same figures. A partnership's
//! reports start with a side-by-side comparison of the headline figures and of the
//! equality monitoring figures.
//!
//! Everything that comes from the report (council and service names, reasons, learning)
//! is escaped.

mod actions;
mod annual;
mod blocks;
mod equality;
mod escalation;
mod headlines;
mod learning;
mod outcomes;
mod restrictions;
mod style;
mod timeliness;
mod volumes;
mod welsh;
mod words;

use crate::html::escape;
use actions::promised_actions;
use annual::{improvements, non_compliance, ombudsman_letter, self_assessment};
use blocks::heading;
use equality::{equality, equality_comparison};
use escalation::{escalation, ombudsman};
use feedback_shared::report::{Period, Report};
use headlines::{comparison, headlines};
use learning::learning;
use outcomes::{not_accepted, outcomes, remedies};
use restrictions::restrictions;
use std::fmt::Write;
use style::STYLE;
use timeliness::timeliness;
use volumes::{mp_enquiries, volumes};
use welsh::welsh_language;
use words::{join_words, period_text};

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
            equality_comparison(&mut out, several);
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
pub(super) fn shared_period(reports: &[Report]) -> Option<Period> {
    let first = reports.first()?.period;
    reports.iter().all(|r| r.period == first).then_some(first)
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
    promised_actions(out, r, id, level);
    welsh_language(out, r, id, level);
    restrictions(out, r, id, level);
    mp_enquiries(out, r, id, level);
    not_accepted(out, r, id, level);
    learning(out, r, id, level);
    improvements(out, r, id, level);
    self_assessment(out, r, id, level);
    non_compliance(out, r, id, level);
    ombudsman_letter(out, r, id, level);
    equality(out, r, id, level);
}
