//! The use cases behind the routes: submitting, logging, working and checking a case.
//! Handlers parse HTTP; these functions hold the rules of storage and replay.

use crate::api::problem::ApiError;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::notify::messages;
use crate::store::{CaseRecord, IdempotencyBinding, Inserted};
use feedback_shared::case::{Action, Actor, Case, CaseEvent};
use feedback_shared::london::london_date;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Channel, Reference};
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};

/// What a submission answers: enough for the confirmation page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Submitted {
    #[schema(value_type = String, example = "DEMO-2026-000042")]
    pub reference: Reference,
    /// The resident's code for checking status and escalating; shown once, never stored.
    pub status_token: String,
    #[schema(value_type = String)]
    pub kind: feedback_shared::Kind,
    #[schema(value_type = String, format = Date)]
    pub received_on: Date,
    /// Null where the kind has no deadline (comments, compliments, service requests).
    #[schema(value_type = Option<String>, format = Date)]
    pub acknowledge_by: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    pub respond_by: Option<Date>,
}

/// SHA-256 of the request body's JSON in canonical form (keys sorted, no spacing), so the
/// same answers sent again match whatever the client's formatting.
pub fn body_hash(body: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(
        serde_json::to_vec(body).expect("JSON values serialise"),
    ))
}

fn submitted(app: &App, record: &CaseRecord) -> Submitted {
    let stage1 = record.case.stage1.as_ref();
    Submitted {
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
}

/// Stores a new case exactly once per idempotency key.
pub async fn submit(app: &App, new: NewSubmission<'_>) -> Result<(Submitted, bool), ApiError> {
    let council = new.council;
    let today = london_date(app.clock.now());
    let feedback = new
        .form
        .parse(&council.service_ids(), today)
        .map_err(|errors| ApiError::Validation {
            errors,
            language: new.form.language,
        })?;
    if let Some((key, hash)) = &new.idempotency
        && let Some(binding) = app.store.idempotency(&council.id, key).await?
    {
        return replay(app, council, &binding, hash)
            .await
            .map(|s| (s, false));
    }
    let year = london_date(new.received_at).year();
    let sequence = app.store.next_sequence(&council.id, year).await?;
    let reference = Reference::new(&council.reference_prefix(), year, sequence)
        .ok_or_else(|| ApiError::Internal("reference out of range".into()))?;
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
    match app
        .store
        .insert_case(
            &record,
            &received,
            binding.as_ref(),
            &messages::for_received(app, council, &record, app.clock.now()),
        )
        .await?
    {
        Inserted::New => {
            tracing::info!(council = %council.id, reference = %record.reference(), kind = ?record.case.kind, "case received");
            Ok((submitted(app, &record), true))
        }
        // Another request with the same key won the race; answer as it did.
        Inserted::AlreadyBound(existing) => {
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
) -> Result<Submitted, ApiError> {
    if binding.body_hash != hash {
        return Err(ApiError::IdempotencyMismatch);
    }
    let record = app
        .store
        .get_case(&council.id, &binding.reference)
        .await?
        .ok_or_else(|| ApiError::Internal("idempotency binding without its case".into()))?;
    Ok(submitted(app, &record))
}

/// Applies an action to a case. With `expected_version`, a stale view is refused;
/// without, a lost race is retried against the fresh case (the rules are checked again).
pub async fn act(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
    actor: Actor,
    action: Action,
    expected_version: Option<u64>,
) -> Result<(CaseRecord, CaseEvent), ApiError> {
    const ATTEMPTS: usize = 3;
    for attempt in 1..=ATTEMPTS {
        let mut record = app
            .store
            .get_case(&council.id, reference)
            .await?
            .ok_or(ApiError::NotFound)?;
        let read_version = record.case.version;
        if expected_version.is_some_and(|v| v != read_version) {
            return Err(ApiError::VersionConflict);
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
                &messages::for_event(app, council, &record, &event, app.clock.now()),
            )
            .await
        {
            Ok(()) => return Ok((record, event)),
            Err(crate::store::StoreError::VersionConflict { .. })
                if expected_version.is_none() && attempt < ATTEMPTS =>
            {
                continue;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::VersionConflict)
}
