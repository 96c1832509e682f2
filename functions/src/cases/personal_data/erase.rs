//! Erasure on request: a closed case's personal data removed before its time, exactly as
//! the retention job removes it ([`Store::anonymise_case`](crate::store::Store::anonymise_case),
//! one write conditional on the version read and on no legal hold), under the rule
//! `erasure on request: {reason}`, which its timeline records.
//!
//! Only a finished case (closed, withdrawn or not accepted) is erased. An open case is
//! refused rather than closed here: how it ends (withdrawn, closed with a response) is a
//! figure of the annual report and the council's decision to record, so the manager
//! closes it first, then erases. A held case is refused, naming the hold.

use crate::app::App;
use crate::cases::CaseError;
use crate::config::CouncilConfig;
use crate::notify::Notifier;
use crate::store::{Anonymisation, Removal, StoreError};
use feedback_shared::input::LongText;
use feedback_shared::labels::long_date;
use feedback_shared::validation::{Field, FieldErrors};
use feedback_shared::wire::{Erased, ErasureRequest};
use feedback_shared::{CouncilId, Language, Reference};

/// The rule an erasure's timeline event records.
pub fn erasure_rule(reason: &str) -> String {
    format!("erasure on request: {reason}")
}

/// Erases the case's personal data; with a `notifier` that keeps copies (the local outbox
/// folder), its copies of the case's messages too. The API has none to hand: there the
/// folder's copies go with the retention job's sweep of the case's messages, or
/// `feedback erase`.
pub async fn erase(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    request: &ErasureRequest,
    notifier: Option<&dyn Notifier>,
) -> Result<Erased, CaseError> {
    let reason = LongText::parse(Field::Reason, &request.reason).map_err(|error| {
        let mut errors = FieldErrors::default();
        errors.push(error);
        CaseError::Validation {
            errors,
            language: Language::En,
        }
    })?;
    let record = app
        .store
        .get_case(&council.id, reference)
        .await?
        .ok_or(CaseError::NotFound)?;
    if record.case.anonymised.is_some() {
        return Err(CaseError::Conflict(format!(
            "{reference}'s personal data has already been removed"
        )));
    }
    if !record.case.status.is_finished() {
        return Err(CaseError::Conflict(format!(
            "{reference} is still open: close it (or record its withdrawal) first, then erase"
        )));
    }
    refuse_if_held(app, council, reference).await?;
    let at = app.clock.now();
    let rule = erasure_rule(reason.as_str());
    let removal = Removal {
        reference: reference.clone(),
        rule: rule.clone(),
        at,
        expected_version: Some(record.case.version),
        closed_before: None,
    };
    match app.store.anonymise_case(&council.id, &removal).await? {
        Anonymisation::Done => {}
        // A hold set since the read above.
        Anonymisation::Held => {
            refuse_if_held(app, council, reference).await?;
            return Err(CaseError::VersionConflict);
        }
        Anonymisation::AlreadyAnonymised | Anonymisation::NotDue => {
            return Err(CaseError::VersionConflict);
        }
    }
    tracing::info!(council = %council.id, reference = %reference, "personal data erased on request");
    if let Some(notifier) = notifier {
        forget_copies(app, notifier, &council.id, reference).await?;
    }
    Ok(Erased {
        reference: reference.clone(),
        rule,
        at,
    })
}

/// [`CaseError::Conflict`] naming the hold, when the case has one.
async fn refuse_if_held(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
) -> Result<(), CaseError> {
    let holds = app.store.holds(&council.id).await?;
    if let Some(hold) = holds.iter().find(|h| &h.reference == reference) {
        return Err(CaseError::Conflict(format!(
            "{reference} is under a legal hold set by {} on {} ({}): lift the hold before erasing",
            hold.by.0,
            long_date(hold.at.date(), Language::En),
            hold.reason
        )));
    }
    Ok(())
}

/// Removes the notifier's copies of the case's messages (their records keep their ids):
/// after an erasure here, and after the retention job's anonymisation (`jobs::retention`).
/// A copy that cannot be removed now is logged, not retried: the case is anonymised.
pub(crate) async fn forget_copies(
    app: &App,
    notifier: &dyn Notifier,
    council: &CouncilId,
    reference: &feedback_shared::Reference,
) -> Result<(), StoreError> {
    if !notifier.keeps_copies() {
        return Ok(());
    }
    for message in app.store.messages(council, reference).await? {
        if let Err(e) = notifier.forget(&message.id).await {
            tracing::warn!(council = %council, email_id = %message.id, error = %e, "a sent copy was not removed");
        }
    }
    Ok(())
}
