//! A new case, from the widget or logged by an officer, stored exactly once per
//! idempotency key.

use super::CaseError;
use super::limits::{Gate, may_email_resident};
use crate::app::App;
use crate::config::CouncilConfig;
use crate::notify::recipients;
use crate::store::{CaseRecord, IdempotencyBinding, Inserted};
use feedback_shared::case::{Actor, Case};
use feedback_shared::london::london_date;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::wire::Submitted;
use feedback_shared::{Channel, Reference};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// SHA-256 of the request body's JSON in canonical form (keys sorted, no spacing), so the
/// same answers sent again match whatever the client's formatting.
pub fn body_hash(body: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(
        serde_json::to_vec(body).expect("JSON values serialise"),
    ))
}

/// The answer to a submission; `emailed` says whether an acknowledgement to the resident
/// was queued, so the widget tells them truthfully whether to expect one.
fn submitted(app: &App, record: &CaseRecord, emailed: bool) -> Submitted {
    let stage1 = record.case.stage1.as_ref();
    Submitted {
        emailed,
        reference: record.reference().clone(),
        status_token: app.status_token(record.council(), record.reference()),
        kind: record.case.kind,
        received_on: record.case.received_on(),
        acknowledge_by: stage1.map(|s| s.acknowledge_by),
        respond_by: stage1.map(|s| s.respond_by),
    }
}

/// A new case from the widget (`Channel::Web`, received now) or logged by an officer.
pub struct NewSubmission<'a> {
    pub council: &'a CouncilConfig,
    pub form: FeedbackForm,
    pub channel: Channel,
    pub received_at: OffsetDateTime,
    pub actor: Actor,
    /// The client's key and the hash of what it sent, when it gave one.
    pub idempotency: Option<(String, String)>,
    /// The limits a new case must pass; a replay of an earlier one passes none, so a
    /// resident's retry is never refused for a limit.
    pub gate: Gate,
}

/// Stores a new case exactly once per idempotency key. True when this call stored it;
/// false when it answers again for the case an earlier call with the key stored.
pub async fn submit(app: &App, new: NewSubmission<'_>) -> Result<(Submitted, bool), CaseError> {
    let council = new.council;
    let today = london_date(app.clock.now());
    let feedback = new
        .form
        .parse(&council.service_ids(), today)
        .map_err(|errors| CaseError::Validation {
            errors,
            language: new.form.language,
        })?;
    // Nothing is read before the write: the insert is conditional on the idempotency key
    // being unbound, and a replay reads the case it is bound to only once that condition
    // fails (two DynamoDB requests on the normal path: the counter and one transaction).
    // A replay therefore costs a reference number that is never used.
    if let Err(refused) = new.gate.pass(app, app.clock.now()).await {
        // A replay passes no limit, so a resident's retry is never refused for one; the
        // binding is looked up only when a limit refuses.
        if matches!(refused, CaseError::TooMany { .. } | CaseError::FormExpired)
            && let Some((key, hash)) = &new.idempotency
            && let Some(binding) = app.store.idempotency(&council.id, key).await?
        {
            return replay(app, council, &binding, hash)
                .await
                .map(|s| (s, false));
        }
        return Err(refused);
    }
    let from_resident = matches!(new.actor, Actor::Resident);
    let year = london_date(new.received_at).year();
    let sequence = app.store.next_sequence(&council.id, year).await?;
    let reference = Reference::new(&council.reference_prefix(), year, sequence)
        .ok_or_else(|| CaseError::Unexpected("reference out of range".into()))?;
    let (case, received) = Case::receive(
        app.rules(council),
        council.id.clone(),
        reference.clone(),
        feedback.kind,
        new.channel,
        new.received_at,
        new.actor,
    );
    let record = CaseRecord {
        case,
        details: feedback,
    };
    let binding = new
        .idempotency
        .as_ref()
        .map(|(key, hash)| IdempotencyBinding {
            key: key.clone(),
            body_hash: hash.clone(),
            reference,
        });
    let code = app.status_token(record.council(), record.reference());
    let mut messages = recipients::for_received(
        app.rules(council),
        council,
        &record,
        Some(&code),
        app.clock.now(),
    );
    // A resident's own submissions email them only so often a day: otherwise anyone
    // could aim the council's acknowledgements at an address. The case is stored anyway.
    if from_resident
        && let Some(address) = messages.first().and_then(|m| m.email.to.first())
        && !may_email_resident(app, council, address, app.clock.now()).await?
    {
        tracing::info!(council = %council.id, reference = %record.reference(), "acknowledgement not emailed: the address's daily limit is reached");
        messages.clear();
    }
    // Every message of a case just received is to the resident (`for_received`).
    let emailed = !messages.is_empty();
    match app
        .store
        .insert_case(&record, &received, binding.as_ref(), &messages)
        .await?
    {
        Inserted::New => {
            tracing::info!(council = %council.id, reference = %record.reference(), kind = ?record.case.kind, "case received");
            Ok((submitted(app, &record, emailed), true))
        }
        // An earlier request with the same key stored its case (or won the race): answer
        // as it did, and give back the limits' use, so that replays never count.
        Inserted::AlreadyBound(existing) => {
            new.gate.refund(app).await;
            let hash = binding.map(|b| b.body_hash).unwrap_or_default();
            replay(app, council, &existing, &hash)
                .await
                .map(|s| (s, false))
        }
    }
}

async fn replay(
    app: &App,
    council: &CouncilConfig,
    binding: &IdempotencyBinding,
    hash: &str,
) -> Result<Submitted, CaseError> {
    if binding.body_hash != hash {
        return Err(CaseError::IdempotencyMismatch);
    }
    let record = app
        .store
        .get_case(&council.id, &binding.reference)
        .await?
        .ok_or_else(|| CaseError::Unexpected("idempotency binding without its case".into()))?;
    // The first request's answer said whether it queued an acknowledgement; a replay says
    // the same, from the case's messages (one read, and only on a replay).
    let emailed = !app
        .store
        .messages(&council.id, &binding.reference)
        .await?
        .is_empty();
    Ok(submitted(app, &record, emailed))
}
