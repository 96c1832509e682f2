//! Contact restrictions (unreasonable behaviour), recorded, reviewed and listed by
//! managers, and found for a case: the restrictions in force whose person is the case's
//! resident. Nothing here is asked when a case is submitted or logged: a restriction
//! limits how a person contacts the council, never whether their complaint is taken.

use super::CaseError;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::store::StoreError;
use crate::store::fold::normalise_name;
use feedback_shared::contact::Submitter;
use feedback_shared::london::london_date;
use feedback_shared::restriction::Restriction;
use feedback_shared::submission::Feedback;
use feedback_shared::wire::{RestrictionDraft, RestrictionNotice, RestrictionReviewDraft};
use feedback_shared::{FieldErrors, Language, OfficerId};

fn invalid(errors: FieldErrors) -> CaseError {
    CaseError::Validation {
        errors,
        language: Language::En,
    }
}

fn changed(e: StoreError) -> CaseError {
    match e {
        StoreError::VersionConflict { .. } => {
            CaseError::Conflict("the restriction changed since it was read: read it again".into())
        }
        other => other.into(),
    }
}

/// Records a restriction decided by `draft.decided_by` (the caller when blank).
pub async fn record(
    app: &App,
    council: &CouncilConfig,
    draft: &RestrictionDraft,
    caller: &OfficerId,
) -> Result<Restriction, CaseError> {
    let today = london_date(app.clock.now());
    let new = draft.parse(today).map_err(invalid)?;
    let decided_by = match draft.decided_by.trim() {
        "" => caller.clone(),
        id if id.chars().count() > 200 || id.chars().any(char::is_control) => {
            return Err(CaseError::BadInput(
                "decided_by: give the deciding manager's officer id, or leave it blank".into(),
            ));
        }
        id => OfficerId(id.to_owned()),
    };
    let id = format!("{:016x}", rand::random::<u64>());
    let restriction = Restriction::record(id, new, decided_by);
    app.store
        .put_restriction(&council.id, &restriction, None)
        .await
        .map_err(changed)?;
    tracing::info!(council = %council.id, restriction = %restriction.id, "contact restriction recorded");
    Ok(restriction)
}

/// The council's restrictions, in force and ended, newest decision first.
pub async fn list(app: &App, council: &CouncilConfig) -> Result<Vec<Restriction>, CaseError> {
    Ok(app.store.restrictions(&council.id).await?)
}

/// One of the council's restrictions; [`CaseError::NotFound`] when there is no such id.
pub async fn get(app: &App, council: &CouncilConfig, id: &str) -> Result<Restriction, CaseError> {
    list(app, council)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(CaseError::NotFound)
}

/// Records a review by `caller`: continued to a new date, or ended. Stored only over the
/// version read, so two managers' reviews never overwrite each other.
pub async fn review(
    app: &App,
    council: &CouncilConfig,
    id: &str,
    draft: &RestrictionReviewDraft,
    caller: &OfficerId,
) -> Result<Restriction, CaseError> {
    let mut restriction = get(app, council, id).await?;
    let read = restriction.version;
    let today = london_date(app.clock.now());
    restriction
        .review(
            caller.clone(),
            today,
            &draft.outcome,
            &draft.next_review,
            &draft.reason,
        )
        .map_err(invalid)?;
    app.store
        .put_restriction(&council.id, &restriction, Some(read))
        .await
        .map_err(changed)?;
    tracing::info!(council = %council.id, restriction = %restriction.id, active = restriction.is_active(), "contact restriction reviewed");
    Ok(restriction)
}

/// Whether `restriction` is about the resident of `details`: the same email address (case
/// aside) or the same phone number (as parsed, so spacing aside); by the folded name only
/// when the restriction names neither, as a name alone is a weaker match.
pub fn concerns(restriction: &Restriction, details: &Feedback) -> bool {
    let Submitter::Identified(person) = &details.submitter else {
        return false;
    };
    let contact = &person.contact;
    let wanted = &restriction.person;
    if wanted.email.is_none() && wanted.phone.is_none() {
        return normalise_name(contact.name.as_str()) == normalise_name(&wanted.name);
    }
    let email = contact.email.as_ref().map(|e| e.as_str().to_lowercase());
    let phone = contact.phone.as_ref().map(|p| p.as_str().to_owned());
    (wanted.email.is_some() && email == wanted.email)
        || (wanted.phone.is_some() && phone == wanted.phone)
}

/// The restrictions in force on the resident of a case, as its page shows them.
pub async fn for_case(
    app: &App,
    council: &CouncilConfig,
    details: &Feedback,
) -> Result<Vec<RestrictionNotice>, CaseError> {
    Ok(app
        .store
        .restrictions(&council.id)
        .await?
        .iter()
        .filter(|r| r.is_active() && concerns(r, details))
        .map(RestrictionNotice::from)
        .collect())
}
