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
/// without, a change that loses a race is retried against the fresh case (the rules are
/// checked again), and a note is never refused for a race: it is appended, not a change.
pub async fn act(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    actor: Actor,
    action: Action,
    expected_version: Option<u64>,
) -> Result<(CaseRecord, CaseEvent), CaseError> {
    if action.appends_only() {
        return append(app, council, reference, actor, action, expected_version).await;
    }
    const ATTEMPTS: usize = 3;
    for attempt in 1..=ATTEMPTS {
        let mut record = app
            .store
            .get_case(&council.id, reference)
            .await?
            .ok_or(CaseError::NotFound)?;
        let read = record.clone();
        if expected_version.is_some_and(|v| v != read.case.version) {
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
            .replace_case(
                &read,
                &record,
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

/// An action that only adds to the timeline (a note): checked against the case as read,
/// which it leaves as it is, and appended without rewriting the case, so that any number
/// of notes at once all land. It queues no messages: a note tells no one, and message ids
/// follow the case's version, which a note does not move.
async fn append(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    actor: Actor,
    action: Action,
    expected_version: Option<u64>,
) -> Result<(CaseRecord, CaseEvent), CaseError> {
    let mut record = app
        .store
        .get_case(&council.id, reference)
        .await?
        .ok_or(CaseError::NotFound)?;
    if expected_version.is_some_and(|v| v != record.case.version) {
        return Err(CaseError::VersionConflict);
    }
    let event = record
        .case
        .apply(app.rules(council), actor, app.clock.now(), action)?;
    app.store
        .append_event(&council.id, reference, &event, expected_version)
        .await?;
    Ok((record, event))
}
