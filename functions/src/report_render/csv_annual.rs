//! The CSV rows of the Code's 8.1 contents: stage 2 handling, the self-assessment (one
//! row per requirement and column), the findings of non-compliance, the service
//! improvements and the Ombudsman's letter. Free text is written as it was saved; the
//! CSV writer neutralises spreadsheet formulas.

use super::csv::Rows;
use feedback_shared::outcome::OmbudsmanDecision;
use feedback_shared::report::Report;

pub(super) fn annual(rows: &mut Rows<'_>, r: &Report) {
    let h = &r.stage2_handling;
    rows.count(
        "stage2_handling",
        "by_another_person",
        "",
        h.by_another_person,
    );
    rows.count(
        "stage2_handling",
        "by_the_same_person",
        "",
        h.by_the_same_person,
    );
    let fault: u32 = [
        OmbudsmanDecision::FaultNoInjustice,
        OmbudsmanDecision::FaultWithInjustice,
    ]
    .iter()
    .filter_map(|d| r.ombudsman.decisions.get(d))
    .sum();
    rows.count("non_compliance", "ombudsman_fault_decisions", "", fault);
    let Some(annual) = &r.annual else {
        rows.count("non_compliance", "self_assessment_no", "", 0);
        return;
    };
    rows.count(
        "non_compliance",
        "self_assessment_no",
        "",
        annual.non_compliant().count() as u32,
    );
    for a in &annual.assessment {
        let answer = match a.compliant {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        rows.row("self_assessment", &a.requirement, "compliant", answer);
        rows.row("self_assessment", &a.requirement, "evidence", &a.evidence);
        rows.row("self_assessment", &a.requirement, "actions", &a.actions);
    }
    for (n, i) in annual.improvements.iter().enumerate() {
        let n = (n + 1).to_string();
        rows.row("improvements", &n, "description", &i.description);
        rows.row("improvements", &n, "status", i.status.label());
        rows.row("improvements", &n, "owner", &i.owner);
        let date = i.date.map(|d| d.to_string()).unwrap_or_default();
        rows.row("improvements", &n, "date", &date);
        let from = i.from_case.as_deref().unwrap_or_default();
        rows.row("improvements", &n, "from_case", from);
    }
    if let Some(letter) = &annual.ombudsman_letter {
        let url = letter.url.as_deref().unwrap_or_default();
        rows.row("ombudsman_letter", "url", "", url);
        rows.row("ombudsman_letter", "text", "", &letter.text);
        rows.row("ombudsman_letter", "response", "", &letter.response);
    }
}
