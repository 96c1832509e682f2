//! The annual record of the Code's section 8: a manager completes the self-assessment
//! against each requirement, keeps the service improvements made from learning, and
//! records the Ombudsman's annual letter with the council's response. The checklist comes
//! pre-filled from the year's figures where a figure speaks to a requirement; the manager
//! confirms or overrides it. Saved whole, over the version read.

use crate::app::App;
use crate::cases::CaseError;
use crate::config::CouncilConfig;
use feedback_shared::report::Period;
use feedback_shared::report::code::{REQUIREMENTS, suggest};
use feedback_shared::wire::{AnnualDraft, AnnualRecord, AnnualView, RequirementView};
use feedback_shared::{Language, OfficerId};

/// The financial year starting in `year`, or why it cannot be one.
fn year_period(year: i32) -> Result<Period, CaseError> {
    Period::financial_year(year).map_err(|e| CaseError::BadInput(e.to_string()))
}

/// The checklist for `year` with the figures' suggestions and the saved answers.
pub async fn view(app: &App, council: &CouncilConfig, year: i32) -> Result<AnnualView, CaseError> {
    let period = year_period(year)?;
    let (report, _) = crate::reports::council_report(app, council, period).await?;
    let record = report.annual.clone();
    let requirements = REQUIREMENTS
        .iter()
        .map(|r| RequirementView {
            id: r.id.to_owned(),
            section: r.section.to_owned(),
            heading: r.heading.to_owned(),
            text: r.text.to_owned(),
            suggestion: r.measure.and_then(|m| suggest(m, &report, &council.policy)),
            answer: record
                .as_ref()
                .and_then(|rec| rec.assessment.iter().find(|a| a.requirement == r.id))
                .cloned(),
        })
        .collect();
    Ok(AnnualView {
        year,
        requirements,
        record,
    })
}

/// Saves the manager's `draft` for `year`: the first save when `expected` is `None`,
/// else over version `expected`.
pub async fn save(
    app: &App,
    council: &CouncilConfig,
    year: i32,
    draft: &AnnualDraft,
    expected: Option<u64>,
    manager: &OfficerId,
) -> Result<AnnualRecord, CaseError> {
    year_period(year)?;
    let draft = draft
        .parse()
        .map_err(|e| CaseError::BadInput(e.to_string()))?
        .map_err(|errors| CaseError::Validation {
            errors,
            language: Language::En,
        })?;
    let record = AnnualRecord {
        year,
        version: expected.unwrap_or(0) + 1,
        assessment: draft.assessment,
        improvements: draft.improvements,
        ombudsman_letter: draft.ombudsman_letter,
        saved_by: manager.clone(),
        saved_at: app.clock.now(),
    };
    app.store
        .put_annual_record(&council.id, &record, expected)
        .await?;
    tracing::info!(council = %council.id, year, version = record.version, "annual record saved");
    Ok(record)
}
