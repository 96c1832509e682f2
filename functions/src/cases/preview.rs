//! What an action would tell people, before an officer takes it: the action is checked
//! by the same rules as [`act`](super::act) against the case as it is now, and the
//! messages it causes are written by the same templates that send the real ones. Nothing
//! is stored.

use super::CaseError;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::notify::recipients::{self, Letter};
use feedback_shared::Reference;
use feedback_shared::case::{Action, Actor};

/// The messages `action` by `actor` would cause on the case now; the rules' refusal if
/// it is not allowed.
pub async fn preview(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    actor: Actor,
    action: Action,
) -> Result<Vec<Letter>, CaseError> {
    let mut record = app
        .store
        .get_case(&council.id, reference)
        .await?
        .ok_or(CaseError::NotFound)?;
    let now = app.clock.now();
    // Applied to this copy only: the stored case is not touched.
    let event = record.case.apply(app.rules(council), actor, now, action)?;
    Ok(recipients::letters_for_event(
        app.rules(council),
        council,
        &record,
        &event,
        now,
    ))
}
