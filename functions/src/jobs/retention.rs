//! The retention job: removes the personal data of cases closed more than the council's
//! `retention_years` ago (its policy; 6 by default), leaving what the annual figures
//! need under the reference (see `feedback_shared::case::anonymise`).
//!
//! # What it guarantees
//!
//! - **It reads what is due, never every case.** Each council's due cases come from the
//!   store's retention index, oldest closure first.
//! - **A bounded batch a run.** At most [`BATCH`] cases are anonymised a run (the
//!   reminder schedule runs it every 15 minutes), so a Lambda run never nears its
//!   timeout; what is left goes next run.
//! - **A crash loses nothing.** Each case is anonymised in its own write, conditional on
//!   the version read; an anonymised case has left the index, so the next run carries on
//!   with the rest, and one anonymised twice is left alone.
//! - **Held cases stay.** A case under a legal hold is skipped (and the write itself is
//!   refused if a hold is set after the case was listed).
//! - **A reopened case stays.** The write is conditional on the case being closed before
//!   the cutoff when it is made; a case closed again is due from its new closure.

use crate::app::App;
use crate::notify::Notifier;
use crate::store::{Anonymisation, Removal, RetentionDue, StoreError, retention};
use feedback_shared::CouncilId;
use feedback_shared::case::retention_rule;
use std::collections::BTreeSet;
use time::OffsetDateTime;

/// The most cases one run anonymises.
pub const BATCH: usize = 100;

/// What one run did: counts only, never a name or a reference.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RetentionRun {
    /// Entries read from the retention index.
    pub read: usize,
    pub anonymised: usize,
    /// Due, but under a legal hold.
    pub held: usize,
    /// Changed (or reopened) since listed, or already anonymised: looked at again next
    /// run if still due.
    pub skipped: usize,
}

/// A council's case that a run would anonymise, for a dry run: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Due {
    pub council: CouncilId,
    #[serde(flatten)]
    pub case: RetentionDue,
    pub held: bool,
}

/// The councils a run covers: `only`, or every configured one.
fn councils<'a>(
    app: &'a App,
    only: Option<&'a CouncilId>,
) -> impl Iterator<Item = &'a crate::config::CouncilConfig> {
    app.councils
        .values()
        .filter(move |council| only.is_none_or(|id| *id == council.id))
}

/// Every case due at `now` (held ones marked), without changing anything.
pub async fn due(
    app: &App,
    now: OffsetDateTime,
    only: Option<&CouncilId>,
) -> Result<Vec<Due>, StoreError> {
    let today = feedback_shared::london::london_date(now);
    let mut due = Vec::new();
    for council in councils(app, only) {
        let before = retention::retention_cutoff(today, council.policy.retention_years);
        let held: BTreeSet<_> = app
            .store
            .holds(&council.id)
            .await?
            .into_iter()
            .map(|hold| hold.reference)
            .collect();
        let mut after: Option<RetentionDue> = None;
        loop {
            let page = app
                .store
                .due_for_retention(&council.id, before, after.as_ref(), BATCH)
                .await?;
            let Some(last) = page.last().cloned() else {
                break;
            };
            due.extend(page.into_iter().map(|case| Due {
                council: council.id.clone(),
                held: held.contains(&case.reference),
                case,
            }));
            after = Some(last);
        }
    }
    Ok(due)
}

/// One run at `now`: anonymises up to `limit` due cases, council by council, and has
/// `notifier` forget its copies of their messages (the local outbox folder's `.eml` files).
pub async fn run(
    app: &App,
    notifier: &dyn Notifier,
    now: OffsetDateTime,
    limit: usize,
    only: Option<&CouncilId>,
) -> Result<RetentionRun, StoreError> {
    let today = feedback_shared::london::london_date(now);
    let mut report = RetentionRun::default();
    for council in councils(app, only) {
        if report.anonymised >= limit {
            break;
        }
        let years = council.policy.retention_years;
        let before = retention::retention_cutoff(today, years);
        // Holds are few: read once, so a held case costs no read of its own.
        let held: BTreeSet<_> = app
            .store
            .holds(&council.id)
            .await?
            .into_iter()
            .map(|hold| hold.reference)
            .collect();
        let mut after: Option<RetentionDue> = None;
        'pages: loop {
            let want = limit - report.anonymised;
            let page = app
                .store
                .due_for_retention(&council.id, before, after.as_ref(), want)
                .await?;
            let Some(last) = page.last().cloned() else {
                break;
            };
            report.read += page.len();
            for case in page {
                if held.contains(&case.reference) {
                    report.held += 1;
                    continue;
                }
                let removal = Removal {
                    reference: case.reference.clone(),
                    rule: retention_rule(years),
                    at: now,
                    expected_version: None,
                    closed_before: Some(before),
                };
                match app.store.anonymise_case(&council.id, &removal).await {
                    Ok(Anonymisation::Done) => {
                        report.anonymised += 1;
                        crate::cases::personal_data::erase::forget_copies(
                            app,
                            notifier,
                            &council.id,
                            &case.reference,
                        )
                        .await?;
                    }
                    Ok(Anonymisation::Held) => report.held += 1,
                    Ok(Anonymisation::AlreadyAnonymised | Anonymisation::NotDue)
                    | Err(StoreError::VersionConflict { .. } | StoreError::NotFound) => {
                        report.skipped += 1
                    }
                    Err(e) => return Err(e),
                }
                if report.anonymised >= limit {
                    break 'pages;
                }
            }
            after = Some(last);
        }
        tracing::info!(council = %council.id, anonymised = report.anonymised, held = report.held, "retention run");
    }
    Ok(report)
}
