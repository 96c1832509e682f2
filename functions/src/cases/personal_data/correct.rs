//! Rectification and redaction: an officer corrects the resident's contact details, or
//! removes a span of their words, with a reason; the old value is gone from every copy the
//! store keeps ([`Store::rewrite_case`](crate::store::Store::rewrite_case)) and, with a
//! notifier that keeps copies (the local outbox folder), from its copies of the case's
//! emails, which are removed (a copy cannot be rewritten faithfully: its parts are
//! encoded, a span may be cut by a line break).
//!
//! Who may: any officer of the council (managers too). Article 16 gives the resident the
//! right to have inaccurate data corrected without undue delay, and the officer working
//! the case is the one who hears of it (a phone call: "my email address has changed"), so
//! waiting for a manager would only delay it. Nothing is lost that the council needs: the
//! timeline says who corrected what and why. A redaction is the same kind of change to
//! the record (someone else's data that should not be there, article 5(1)(c)), and the
//! officer who reads the case is the one who finds it.

use crate::app::App;
use crate::cases::CaseError;
use crate::cases::personal_data::erase::forget_copies;
use crate::config::CouncilConfig;
use crate::notify::Notifier;
use crate::store::{CaseRecord, Rewrite, StoreError, rewrite};
use feedback_shared::case::{Correction, CorrectionRefused, correct_contact, redact};
use feedback_shared::contact::{Contact, Representative};
use feedback_shared::input::LongText;
use feedback_shared::validation::{Field, FieldError, FieldErrors, Problem};
use feedback_shared::wire::{ContactCorrection, Corrected, RedactionRequest};
use feedback_shared::{Language, OfficerId, Reference};

/// Corrects the case's contact details as `request` gives them.
pub async fn rectify(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    request: &ContactCorrection,
    officer: &OfficerId,
    notifier: Option<&dyn Notifier>,
) -> Result<Corrected, CaseError> {
    let mut errors = FieldErrors::default();
    let contact = match Contact::parse(&request.contact) {
        Ok(contact) => Some(contact),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    let representative = match &request.representative {
        None => None,
        Some(r) => match Representative::parse(&r.represented_name, &r.relationship, true) {
            Ok(rep) => Some(rep),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        },
    };
    let reason = errors.take(LongText::parse(Field::Reason, &request.reason));
    let (Some(contact), Some(reason)) = (contact, reason) else {
        return Err(invalid(errors));
    };
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let previous = read(app, council, reference, request.version).await?;
    let correction = correct_contact(
        &previous.case,
        &previous.details,
        contact,
        representative,
        reason,
        officer,
        app.clock.now(),
    )
    .map_err(refused)?;
    let corrected = store(app, &previous, correction, notifier).await?;
    tracing::info!(council = %council.id, reference = %reference, "contact details corrected");
    Ok(corrected)
}

/// Redacts `request.span` from the resident's words.
pub async fn redact_text(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    request: &RedactionRequest,
    officer: &OfficerId,
    notifier: Option<&dyn Notifier>,
) -> Result<Corrected, CaseError> {
    let mut errors = FieldErrors::default();
    let reason = errors.take(LongText::parse(Field::Reason, &request.reason));
    if request.span.chars().count() > 2_000 {
        errors.push(FieldError::new(
            Field::Span,
            Problem::TooLong { max: 2_000 },
        ));
    }
    let Some(reason) = reason.filter(|_| errors.is_empty()) else {
        return Err(invalid(errors));
    };
    let previous = read(app, council, reference, request.version).await?;
    let correction = redact(
        &previous.case,
        &previous.details,
        request.field,
        &request.span,
        reason,
        officer,
        app.clock.now(),
    )
    .map_err(refused)?;
    // The span must not be part of a fixed value of the timeline (a date, an officer's
    // id, an action's name): rewritten, an event would no longer read back.
    let timeline = app.store.events(&council.id, reference).await?;
    if timeline
        .iter()
        .any(|event| rewrite::event(event, &correction.changes).is_err())
    {
        let mut errors = FieldErrors::default();
        errors.push(FieldError::new(Field::Span, Problem::SpanInFixedValue));
        return Err(invalid(errors));
    }
    let corrected = store(app, &previous, correction, notifier).await?;
    tracing::info!(council = %council.id, reference = %reference, "text redacted");
    Ok(corrected)
}

fn invalid(errors: FieldErrors) -> CaseError {
    CaseError::Validation {
        errors,
        language: Language::En,
    }
}

fn refused(refusal: CorrectionRefused) -> CaseError {
    match refusal {
        CorrectionRefused::Anonymised => {
            CaseError::Conflict("this case's personal data has already been removed".into())
        }
        CorrectionRefused::NoContactDetails => {
            CaseError::Conflict("this feedback was anonymous: it has no contact details".into())
        }
        CorrectionRefused::NoRepresentative => {
            CaseError::BadInput("representative: this case was not made by a representative".into())
        }
        CorrectionRefused::NothingChanged => {
            CaseError::BadInput("nothing to correct: the details given are the ones held".into())
        }
        CorrectionRefused::Fields(errors) => invalid(errors),
    }
}

/// The case at the version the officer read.
async fn read(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    version: u64,
) -> Result<CaseRecord, CaseError> {
    let record = app
        .store
        .get_case(&council.id, reference)
        .await?
        .ok_or(CaseError::NotFound)?;
    if record.case.version != version {
        return Err(CaseError::VersionConflict);
    }
    Ok(record)
}

/// Writes the correction (its own event's reason changed too, should it quote the old
/// value), then removes the notifier's copies of the case's emails. A stored event is
/// rewritten leniently (`rewrite::event_leniently`): a redaction's span was checked
/// against the timeline already; a corrected name that is also a fixed value of an event
/// ("complaint") is not the person's data there.
async fn store(
    app: &App,
    previous: &CaseRecord,
    correction: Correction,
    notifier: Option<&dyn Notifier>,
) -> Result<Corrected, CaseError> {
    let Correction {
        case,
        details,
        event,
        changes,
    } = correction;
    let event = rewrite::event_leniently(&event, &changes)?;
    let (contact_fields, text_fields) = match &event.action {
        feedback_shared::case::Action::CorrectContactDetails { fields, .. } => {
            (fields.clone(), Vec::new())
        }
        feedback_shared::case::Action::Redact { fields, .. } => (Vec::new(), fields.clone()),
        _ => (Vec::new(), Vec::new()),
    };
    let at = event.at;
    let rewrite = Rewrite {
        record: CaseRecord { case, details },
        event,
        changes,
    };
    match app.store.rewrite_case(previous, &rewrite).await {
        Ok(()) => {}
        Err(StoreError::VersionConflict { .. }) => return Err(CaseError::VersionConflict),
        Err(e) => return Err(e.into()),
    }
    if let Some(notifier) = notifier {
        forget_copies(app, notifier, previous.council(), previous.reference()).await?;
    }
    Ok(Corrected {
        reference: previous.reference().clone(),
        contact_fields,
        text_fields,
        version: rewrite.record.case.version,
        at,
    })
}
