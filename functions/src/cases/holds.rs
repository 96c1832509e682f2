//! Legal holds, set and lifted by managers: a held case is kept from the retention job
//! (see `jobs::retention`) until the hold is lifted. The hold names who set it and why.

use super::CaseError;
use crate::app::App;
use crate::config::CouncilConfig;
use feedback_shared::wire::{LegalHold, NewLegalHold};
use feedback_shared::{Language, OfficerId, Reference};

/// Sets (or replaces) the hold on one of the council's cases.
pub async fn set(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    new: &NewLegalHold,
    manager: &OfficerId,
) -> Result<LegalHold, CaseError> {
    let reason = new.parse().map_err(|errors| CaseError::Validation {
        errors,
        language: Language::En,
    })?;
    let hold = LegalHold {
        reference: reference.clone(),
        reason: reason.to_string(),
        by: manager.clone(),
        at: app.clock.now(),
    };
    app.store.put_hold(&council.id, &hold).await?;
    tracing::info!(council = %council.id, reference = %reference, "legal hold set");
    Ok(hold)
}

/// Lifts the hold on a case; [`CaseError::NotFound`] when there is none.
pub async fn lift(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
) -> Result<(), CaseError> {
    app.store.remove_hold(&council.id, reference).await?;
    tracing::info!(council = %council.id, reference = %reference, "legal hold lifted");
    Ok(())
}

/// The council's holds, by reference.
pub async fn list(app: &App, council: &CouncilConfig) -> Result<Vec<LegalHold>, CaseError> {
    Ok(app.store.holds(&council.id).await?)
}
