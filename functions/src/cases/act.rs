//! An officer's (or a resident's) action on a case, checked by the domain's rules and
//! stored with the messages it causes.

use super::CaseError;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::notify::recipients;
use crate::store::{CaseRecord, StoreError};
use feedback_shared::Reference;
use feedback_shared::case::{Action, Actor, CaseEvent};

/// Applies an action to a case. With `expected_version`, a stale view is refused;
/// without, a lost race is retried against the fresh case (the rules are checked again).
pub async fn act(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    actor: Actor,
    action: Action,
    expected_version: Option<u64>,
) -> Result<(CaseRecord, CaseEvent), CaseError> {
    const ATTEMPTS: usize = 3;
    for attempt in 1..=ATTEMPTS {
        let mut record = app
            .store
            .get_case(&council.id, reference)
            .await?
            .ok_or(CaseError::NotFound)?;
        let read_version = record.case.version;
        if expected_version.is_some_and(|v| v != read_version) {
            return Err(CaseError::VersionConflict);
        }
        let event = record.case.apply(
            app.rules(council),
            actor.clone(),
            app.clock.now(),
            action.clone(),
        )?;
        match app
            .store
            .update_case(
                &record,
                read_version,
                &event,
                &recipients::for_event(
                    app.rules(council),
                    council,
                    &record,
                    &event,
                    app.clock.now(),
                ),
            )
            .await
        {
            Ok(()) => return Ok((record, event)),
            Err(StoreError::VersionConflict { .. })
                if expected_version.is_none() && attempt < ATTEMPTS =>
            {
                continue;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(CaseError::VersionConflict)
}
