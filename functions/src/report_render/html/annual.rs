//! What the Code's 8.1 asks the annual report to hold beside the figures: the
//! self-assessment against the Code, any finding of non-compliance (the self-assessment's
//! "no" answers and the Ombudsman's decisions finding fault), the service improvements
//! made from learning, and the Ombudsman's annual letter with the council's response.
//! A report without a saved annual record says so in each section, so a reader sees what
//! is missing rather than nothing.

use super::blocks::{heading, paragraph, table};
use crate::html::escape;
use feedback_shared::outcome::OmbudsmanDecision;
use feedback_shared::report::Report;
use feedback_shared::report::code::requirement;
use std::fmt::Write;

/// "6.7 Stage 2 is handled by …" for a requirement id.
fn requirement_label(id: &str) -> String {
    requirement(id).map_or_else(|| id.to_owned(), |r| format!("{} {}", r.section, r.text))
}

fn answer_label(compliant: Option<bool>) -> &'static str {
    match compliant {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "Not answered",
    }
}

pub(super) fn self_assessment(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-self-assessment"),
        "Self-assessment against the Complaint Handling Code",
    );
    let Some(annual) = r.annual.as_ref().filter(|a| !a.assessment.is_empty()) else {
        paragraph(
            out,
            "The self-assessment for this year has not been completed in the system.",
        );
        return;
    };
    let yes = annual
        .assessment
        .iter()
        .filter(|a| a.compliant == Some(true))
        .count();
    paragraph(
        out,
        &format!(
            "The council assessed itself against {} requirements of the Code: compliant with {yes}.",
            annual.assessment.len()
        ),
    );
    let rows: Vec<(String, Vec<String>)> = annual
        .assessment
        .iter()
        .map(|a| {
            (
                requirement_label(&a.requirement),
                vec![
                    answer_label(a.compliant).to_owned(),
                    a.evidence.clone(),
                    a.actions.clone(),
                ],
            )
        })
        .collect();
    table(
        out,
        "Self-assessment, requirement by requirement",
        &["Requirement", "Compliant", "Evidence", "Actions"],
        &rows,
        false,
    );
}

pub(super) fn non_compliance(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-non-compliance"),
        "Findings of non-compliance with the Code",
    );
    let fault: u32 = [
        OmbudsmanDecision::FaultNoInjustice,
        OmbudsmanDecision::FaultWithInjustice,
    ]
    .iter()
    .filter_map(|d| r.ombudsman.decisions.get(d))
    .sum();
    paragraph(
        out,
        &format!("Ombudsman decisions finding fault in this period: {fault}."),
    );
    let findings: Vec<_> = r.annual.iter().flat_map(|a| a.non_compliant()).collect();
    if findings.is_empty() {
        paragraph(
            out,
            "The self-assessment records no requirement the council does not meet.",
        );
        return;
    }
    let rows: Vec<(String, Vec<String>)> = findings
        .iter()
        .map(|a| (requirement_label(&a.requirement), vec![a.actions.clone()]))
        .collect();
    table(
        out,
        "Requirements not met, and what the council will do",
        &["Requirement", "Actions"],
        &rows,
        false,
    );
}

pub(super) fn improvements(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-improvements"),
        "Service improvements made from learning",
    );
    let Some(annual) = r.annual.as_ref().filter(|a| !a.improvements.is_empty()) else {
        paragraph(out, "No service improvements are recorded for this year.");
        return;
    };
    let rows: Vec<(String, Vec<String>)> = annual
        .improvements
        .iter()
        .map(|i| {
            (
                i.description.clone(),
                vec![
                    i.status.label().to_owned(),
                    i.owner.clone(),
                    i.date.map(|d| d.to_string()).unwrap_or_default(),
                    i.from_case.clone().unwrap_or_default(),
                ],
            )
        })
        .collect();
    table(
        out,
        "Service improvements and where they stand",
        &["Improvement", "Status", "Owner", "Date", "From case"],
        &rows,
        false,
    );
}

pub(super) fn ombudsman_letter(out: &mut String, r: &Report, id: &str, level: u8) {
    heading(
        out,
        level,
        &format!("{id}-ombudsman-letter"),
        "The Ombudsman's annual letter and the council's response",
    );
    let Some(letter) = r.annual.as_ref().and_then(|a| a.ombudsman_letter.as_ref()) else {
        paragraph(
            out,
            "The Ombudsman's annual letter for this year has not been recorded in the system.",
        );
        return;
    };
    if let Some(url) = &letter.url {
        let _ = writeln!(
            out,
            "<p>The letter is published at <a href=\"{0}\">{0}</a>.</p>",
            escape(url)
        );
    }
    if !letter.text.is_empty() {
        let _ = writeln!(
            out,
            "<blockquote class=\"letter\">{}</blockquote>",
            paragraphs(&letter.text)
        );
    }
    let _ = writeln!(
        out,
        "<h{0}>The council's response</h{0}>\n{1}",
        level + 1,
        paragraphs(&letter.response)
    );
}

/// Text with blank lines between paragraphs, as escaped `<p>` elements.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect()
}
