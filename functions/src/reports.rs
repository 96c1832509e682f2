//! The annual report from a store: reads the council's running sums for the dates the
//! report needs (the report's facts by date, the learning recorded in the period) and its
//! equality answers for every calendar year the period touches, and computes the figures
//! with the domain's one definition of each. No case is read: a case received years ago
//! that is answered, escalated or decided in the period counts through the fact dated
//! then. The answers are read apart from the cases' sums and never joined.

use crate::app::App;
use crate::cases::CaseError;
use crate::config::CouncilConfig;
use crate::report_render::returns::{self, Return};
use crate::store::CaseRecord;
use crate::store::aggregates::Aggregates;
use feedback_shared::report::{Period, Report, compute_from, equality};

/// What a report read: the day records of its dates that held any fact, and the learning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportReads {
    pub days: usize,
    pub learning: usize,
}

/// One council's report for `period`, and what was read to make it.
pub async fn council_report(
    app: &App,
    council: &CouncilConfig,
    period: Period,
) -> Result<(Report, ReportReads), CaseError> {
    // The response rate of the equality figures divides by the feedback received in the
    // calendar years the period touches, so those whole years' sums are read.
    let (from, to) = equality::years_span(period);
    let tally = app
        .store
        .report_tally(&council.id, from.min(period.from), to.max(period.to))
        .await?;
    let learning = app
        .store
        .report_learning(&council.id, period.from, period.to)
        .await?;
    let reads = ReportReads {
        days: tally.days.len(),
        learning: learning.len(),
    };
    let mut answers = Vec::new();
    for year in equality::years(period) {
        answers.extend(app.store.equality_answers(&council.id, year).await?);
    }
    let mut report = compute_from(
        council.id.as_str(),
        &council.name,
        &tally,
        learning,
        period,
        &app.calendar,
        council.policy.division,
    );
    report.equality = equality::figures(period, report.equality.received, &answers);
    // A whole financial year's report carries that year's self-assessment, improvements
    // and Ombudsman's letter (Code 8.1).
    let year = period.from.year() - i32::from((period.from.month() as u8) < 4);
    if Period::financial_year(year) == Ok(period) {
        report.annual = app.store.annual_record(&council.id, year).await?;
    }
    // Restrictions in number only: a council has tens, read whole.
    let restrictions = app.store.restrictions(&council.id).await?;
    report.restrictions = Some(feedback_shared::restriction::figures(
        &restrictions,
        period.from,
        period.to,
    ));
    Ok((report, reads))
}

/// One of the Welsh or Scottish returns (`format=wcsa|spso`) for `period`, as CSV: the
/// WCSA return computes one report per financial quarter in the period.
pub async fn council_return(
    app: &App,
    council: &CouncilConfig,
    period: Period,
    kind: Return,
) -> Result<String, CaseError> {
    let mut reports = Vec::new();
    for part in kind.periods(period) {
        reports.push(council_report(app, council, part).await?.0);
    }
    Ok(match kind {
        Return::Wcsa => returns::wcsa(&reports, council.population),
        Return::Spso => reports
            .first()
            .map(|r| returns::spso(r, council.population))
            .unwrap_or_default(),
    })
}

/// What the rebuild did for one council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    /// Closed cases put in the retention index that were not yet in it (DynamoDB).
    pub indexed_for_retention: usize,
    pub cases: usize,
    pub days: usize,
    pub learning: usize,
}

/// Recomputes the council's running sums from its cases and puts them in place of the
/// stored ones (`feedback aggregates --rebuild`): for sums in doubt, or after a change to
/// what is summed. Reads every case of the council; run it while no one is working them.
pub async fn rebuild_aggregates(app: &App, council: &CouncilConfig) -> Result<Rebuilt, CaseError> {
    let records: Vec<CaseRecord> = app
        .store
        .list_cases(&council.id, &Default::default())
        .await?;
    let all = Aggregates::of_cases(&records);
    app.store.replace_aggregates(&council.id, &all).await?;
    // Cases closed before the retention index existed enter it here (DynamoDB).
    let indexed_for_retention = app.store.index_for_retention(&records).await?;
    Ok(Rebuilt {
        indexed_for_retention,
        cases: records.len(),
        days: all.tally.days.len(),
        learning: all.learning.len(),
    })
}
