//! What a resident can do with a case of theirs, proved by its reference and status
//! code: see where it stands, and ask for stage 2. And their equality answers, which are
//! kept apart from any case.

use super::{CaseError, act};
use crate::app::App;
use crate::config::CouncilConfig;
use crate::store::CaseRecord;
use feedback_shared::Reference;
use feedback_shared::case::{Action, Actor};
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::london::london_date;

/// The council's case with `reference` if `status_token` is its code. Whether the
/// reference or the code is wrong, the answer is the same [`CaseError::NoMatchingCase`],
/// so neither can be guessed one at a time.
pub async fn find(
    app: &App,
    council: &CouncilConfig,
    reference: &str,
    status_token: &str,
) -> Result<CaseRecord, CaseError> {
    let reference: Reference = reference.parse().map_err(|_| CaseError::NoMatchingCase)?;
    if !app.status_token_matches(&council.id, &reference, status_token) {
        return Err(CaseError::NoMatchingCase);
    }
    app.store
        .get_case(&council.id, &reference)
        .await?
        .ok_or(CaseError::NoMatchingCase)
}

/// Asks for stage 2 of the resident's case, today. No reason is needed; the procedure
/// refuses it outside the escalation window.
pub async fn escalate(
    app: &App,
    council: &CouncilConfig,
    reference: &str,
    status_token: &str,
) -> Result<CaseRecord, CaseError> {
    let record = find(app, council, reference, status_token).await?;
    let action = Action::Escalate {
        requested_on: london_date(app.clock.now()),
        handler: None,
    };
    let (record, _) = act(
        app,
        council,
        record.reference(),
        Actor::Resident,
        action,
        None,
    )
    .await?;
    Ok(record)
}

/// Keeps one resident's equality answers for this year, with nothing linking them to a
/// case or a person.
pub async fn record_equality(
    app: &App,
    council: &CouncilConfig,
    answers: &EqualityAnswers,
) -> Result<(), CaseError> {
    answers.check()?;
    let year = london_date(app.clock.now()).year();
    app.store
        .record_equality(&council.id, year, answers)
        .await?;
    Ok(())
}
