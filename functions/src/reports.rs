//! The annual report from a store: reads a council's cases, and its equality answers for
//! every calendar year the period touches, and computes the figures with the domain's
//! one definition of each. The answers are read apart from the cases and never joined.

use crate::app::App;
use crate::cases::CaseError;
use crate::config::CouncilConfig;
use crate::store::CaseFilter;
use feedback_shared::report::{Period, Report, ReportCase, compute, equality};

/// One council's report for `period`, and how many cases were read to make it.
///
/// Every case of the council is read: a case received years ago can still be answered,
/// escalated or decided by the Ombudsman within the period.
pub async fn council_report(
    app: &App,
    council: &CouncilConfig,
    period: Period,
) -> Result<(Report, usize), CaseError> {
    let records = app
        .store
        .list_cases(&council.id, &CaseFilter::default())
        .await?;
    let cases: Vec<ReportCase> = records
        .iter()
        .map(|r| ReportCase {
            case: &r.case,
            service: r.details.service.as_str(),
        })
        .collect();
    let mut answers = Vec::new();
    for year in equality::years(period) {
        answers.extend(app.store.equality_answers(&council.id, year).await?);
    }
    let mut report = compute(
        council.id.as_str(),
        &council.name,
        &cases,
        period,
        &app.calendar,
        council.policy.division,
    );
    report.equality = equality::figures(period, &cases, &answers);
    Ok((report, records.len()))
}
