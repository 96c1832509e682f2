//! `feedback rectify` and `feedback redact`: a resident's contact details corrected, or a
//! span of their words redacted, on the local data, through the same use cases as the
//! API (the outbox folder's copies of the case's emails go too).

use crate::deadlines::ArgumentError;
use crate::personal_data::{Local, council, fail, refused};
use feedback_functions::cases::personal_data::correct;
use feedback_functions::cases::read;
use feedback_functions::clock::FixedClock;
use feedback_functions::server::{LocalMail, local_app, local_notifier};
use feedback_shared::case::FreeTextField;
use feedback_shared::contact::{ContactForm, ContactMethod, Submitter};
use feedback_shared::wire::{ContactCorrection, RedactionRequest};
use feedback_shared::{OfficerId, Reference};
use std::sync::Arc;

/// The contact details an officer gives: `None` keeps what is held, `Some("")` removes
/// it (a rectification may drop a detail that was wrong).
#[derive(Debug, Default)]
pub struct ContactChanges {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub preferred: Option<String>,
}

fn reference(text: &str) -> Result<Reference, ArgumentError> {
    text.trim().parse().map_err(|_| {
        fail("--reference")(format!("`{text}` is not a reference like DEMO-2026-000042"))
    })
}

/// `feedback rectify`: the case's contact details as held, with `changes` applied.
pub fn rectify_command(
    local: Local,
    reference_text: String,
    changes: ContactChanges,
    reason: String,
    officer: String,
) -> Result<String, ArgumentError> {
    let reference = reference(&reference_text)?;
    let preferred = match changes.preferred.as_deref() {
        None => None,
        Some(text) => Some(
            serde_json::from_value::<ContactMethod>(serde_json::Value::String(text.into()))
                .map_err(|_| {
                    fail("--preferred")(format!("`{text}` is not email, post or phone"))
                })?,
        ),
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("rectify")(e.to_string()))?;
    runtime.block_on(async {
        let paths = local.paths();
        let now = time::OffsetDateTime::now_utc();
        let app = local_app(&paths, Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        let council = council(&app, &local.council)?;
        let notifier = local_notifier(&paths, &LocalMail { smtp: None })
            .await
            .map_err(fail("--data"))?;
        let held = read::case(&app, council, &reference)
            .await
            .map_err(refused("--reference"))?
            .record;
        let Submitter::Identified(person) = &held.details.submitter else {
            return Err(fail("--reference")(
                "the case was made anonymously: it holds no contact details".into(),
            ));
        };
        let c = &person.contact;
        let text = |held: Option<String>, given: Option<String>| {
            given.unwrap_or_else(|| held.unwrap_or_default())
        };
        let contact = ContactForm {
            name: text(Some(c.name.to_string()), changes.name),
            email: text(c.email.as_ref().map(|e| e.to_string()), changes.email),
            phone: text(c.phone.as_ref().map(|p| p.to_string()), changes.phone),
            address: text(c.address.as_ref().map(|a| a.to_string()), changes.address),
            postcode: text(c.postcode.as_ref().map(|p| p.to_string()), changes.postcode),
            preferred: Some(preferred.unwrap_or(c.preferred)),
        };
        let request = ContactCorrection {
            contact,
            representative: None,
            reason,
            version: held.case.version,
        };
        let corrected = correct::rectify(
            &app,
            council,
            &reference,
            &request,
            &OfficerId(officer),
            Some(notifier.as_ref()),
        )
        .await
        .map_err(refused("rectify"))?;
        serde_json::to_string(&corrected).map_err(|e| fail("rectify")(e.to_string()))
    })
}

/// `feedback redact`: `span` removed from the resident's `field` (and every copy of it).
pub fn redact_command(
    local: Local,
    reference_text: String,
    field: String,
    span: String,
    reason: String,
    officer: String,
) -> Result<String, ArgumentError> {
    let reference = reference(&reference_text)?;
    let field: FreeTextField = serde_json::from_value(serde_json::Value::String(field.clone()))
        .map_err(|_| {
            fail("--field")(format!(
                "`{field}` is not one of what_happened, put_right, staff_name, relationship, adjustment_details"
            ))
        })?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("redact")(e.to_string()))?;
    runtime.block_on(async {
        let paths = local.paths();
        let now = time::OffsetDateTime::now_utc();
        let app = local_app(&paths, Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        let council = council(&app, &local.council)?;
        let notifier = local_notifier(&paths, &LocalMail { smtp: None })
            .await
            .map_err(fail("--data"))?;
        let held = read::case(&app, council, &reference)
            .await
            .map_err(refused("--reference"))?
            .record;
        let request = RedactionRequest {
            field,
            span,
            reason,
            version: held.case.version,
        };
        let corrected = correct::redact_text(
            &app,
            council,
            &reference,
            &request,
            &OfficerId(officer),
            Some(notifier.as_ref()),
        )
        .await
        .map_err(refused("redact"))?;
        serde_json::to_string(&corrected).map_err(|e| fail("redact")(e.to_string()))
    })
}
