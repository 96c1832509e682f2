//! A subject access bundle: the chosen cases as stored for the resident, their timelines
//! and the messages sent to the resident, with other people's personal data redacted
//! (officers named by their role when the council says so; spans of free text an officer
//! chose, such as a neighbour's name), as JSON and as one printable page.
//!
//! Redaction is of the bundle only: the stored case keeps its words. It works on the
//! bundle as JSON, so every string of it is covered whatever field it is in, then reads
//! the JSON back into the typed bundle (a span that would break a date or a reference is
//! refused). The export is recorded on each case's timeline.

use super::html;
use crate::app::App;
use crate::cases::CaseError;
use crate::cases::read::{self, CaseWithTimeline};
use crate::config::CouncilConfig;
use feedback_shared::case::{Action, Actor, CaseEvent};
use feedback_shared::contact::Submitter;
use feedback_shared::wire::{BundleCase, MessageSent, SubjectAccessBundle, SubjectAccessRequest};
use feedback_shared::{Language, OfficerId};
use serde_json::Value;
use std::collections::BTreeSet;
use time::Duration;

/// The most cases one bundle holds.
pub const MAX_CASES: usize = 50;
/// The most spans one export redacts.
pub const MAX_SPANS: usize = 100;
/// What a redacted span reads as.
pub const REDACTED: &str = "[redacted]";
/// A retried export within this long records nothing more on the timeline.
const RETRY_WINDOW: Duration = Duration::minutes(10);

/// Keys whose strings name an officer (an [`Actor::Officer`]'s `id`, assignments,
/// handlers, responders, promised actions' owners): what officer redaction replaces.
const OFFICER_KEYS: [&str; 7] = [
    "assigned_to",
    "officer",
    "handler",
    "handlers",
    "responder",
    "owner",
    "promised_by",
];

/// Checks the request, records the export on each case's timeline, and writes the
/// bundle of the cases as they then stand.
pub async fn export(
    app: &App,
    council: &CouncilConfig,
    request: &SubjectAccessRequest,
    manager: &OfficerId,
) -> Result<SubjectAccessBundle, CaseError> {
    check(request)?;
    let mut reads = Vec::new();
    for reference in unique(&request.references) {
        let read = read::case(app, council, reference).await?;
        record_export(app, council, &read, manager).await?;
        // Read again so the bundle's timeline shows the export it is.
        reads.push(read::case(app, council, reference).await?);
    }
    bundle(app, council, reads, &request.redact)
}

fn check(request: &SubjectAccessRequest) -> Result<(), CaseError> {
    if request.references.is_empty() || request.references.len() > MAX_CASES {
        return Err(CaseError::BadInput(format!(
            "references: choose from 1 to {MAX_CASES} cases"
        )));
    }
    if request.redact.len() > MAX_SPANS {
        return Err(CaseError::BadInput(format!(
            "redact: at most {MAX_SPANS} spans"
        )));
    }
    if request
        .redact
        .iter()
        .any(|span| span.trim().chars().count() < 2 || span.chars().count() > 2_000)
    {
        return Err(CaseError::BadInput(
            "redact: each span is the exact text to blank, from 2 to 2,000 characters".into(),
        ));
    }
    Ok(())
}

fn unique(references: &[feedback_shared::Reference]) -> Vec<&feedback_shared::Reference> {
    let mut seen = BTreeSet::new();
    references
        .iter()
        .filter(|r| seen.insert(r.to_string()))
        .collect()
}

/// Appends the export event, unless this manager's export is already the timeline's last
/// entry from the last few minutes (a retried request, or the JSON and the page fetched
/// one after the other). It changes nothing on the case, so it is appended without
/// rewriting it and races nothing.
async fn record_export(
    app: &App,
    council: &CouncilConfig,
    read: &CaseWithTimeline,
    manager: &OfficerId,
) -> Result<(), CaseError> {
    let now = app.clock.now();
    let actor = Actor::Officer(manager.clone());
    let retried = read.timeline.last().is_some_and(|last| {
        matches!(last.action, Action::SubjectAccessExport {})
            && last.actor == actor
            && now - last.at < RETRY_WINDOW
    });
    if retried {
        return Ok(());
    }
    let event = CaseEvent {
        at: now,
        actor,
        action: Action::SubjectAccessExport {},
        version: read.record.case.version,
    };
    app.store
        .append_event(&council.id, read.record.reference(), &event, None)
        .await?;
    tracing::info!(council = %council.id, reference = %read.record.reference(), "subject access export");
    Ok(())
}

/// The bundle of `reads`, redacted as the council's setting and `spans` say.
pub fn bundle(
    app: &App,
    council: &CouncilConfig,
    reads: Vec<CaseWithTimeline>,
    spans: &[String],
) -> Result<SubjectAccessBundle, CaseError> {
    let mut cases = Vec::new();
    for read in reads {
        let language = read.record.details.language;
        let case = redact(
            resident_copy(read),
            council.redact_officer_names,
            spans,
            language,
        )?;
        cases.push(case);
    }
    let html = html::page(council, &cases);
    Ok(SubjectAccessBundle {
        council: council.id.clone(),
        exported_at: app.clock.now(),
        cases,
        html,
    })
}

/// The case with only the messages sent to the resident (officers' notifications are
/// about the case, not to the person).
fn resident_copy(read: CaseWithTimeline) -> BundleCase {
    let CaseWithTimeline {
        record,
        timeline,
        messages,
    } = read;
    let email = match &record.details.submitter {
        Submitter::Identified(person) => person
            .contact
            .email
            .as_ref()
            .map(|e| e.as_str().to_lowercase()),
        Submitter::Anonymous => None,
    };
    let messages = messages
        .into_iter()
        .filter(|m| {
            email
                .as_ref()
                .is_some_and(|e| m.to.iter().any(|to| to.to_lowercase() == *e))
        })
        .map(|m| MessageSent {
            id: m.id,
            queued_at: m.queued_at,
            to: m.to,
            subject: m.subject,
            language: m.language,
        })
        .collect();
    BundleCase {
        case: record.case,
        details: record.details,
        timeline,
        messages,
    }
}

/// The role an officer is named by in a redacted bundle.
pub fn officer_role(language: Language) -> &'static str {
    language.pick("Complaints officer", "Swyddog cwynion")
}

/// `case` with officers named by their role (when `officers` is set) and every span
/// blanked, in every string of it.
fn redact(
    case: BundleCase,
    officers: bool,
    spans: &[String],
    language: Language,
) -> Result<BundleCase, CaseError> {
    let mut json = serde_json::to_value(&case).map_err(|e| CaseError::Unexpected(e.to_string()))?;
    let mut ids = BTreeSet::new();
    if officers {
        officer_ids(&json, None, &mut ids);
    }
    let role = officer_role(language);
    rewrite(&mut json, &|text: &str| {
        if ids.contains(text) {
            return role.to_owned();
        }
        spans.iter().fold(text.to_owned(), |text, span| {
            text.replace(span.as_str(), REDACTED)
        })
    });
    serde_json::from_value(json).map_err(|_| {
        CaseError::BadInput(
            "redact: a span matches part of a date, reference or other fixed value: give the words to blank"
                .into(),
        )
    })
}

/// Collects the strings that name officers: an actor's id and the values of
/// [`OFFICER_KEYS`].
fn officer_ids(value: &Value, key: Option<&str>, ids: &mut BTreeSet<String>) {
    match value {
        Value::String(s) if key.is_some_and(|k| OFFICER_KEYS.contains(&k)) => {
            ids.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| officer_ids(v, key, ids)),
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("officer")
                && let Some(Value::String(id)) = map.get("id")
            {
                ids.insert(id.clone());
            }
            for (k, v) in map {
                officer_ids(v, Some(k), ids);
            }
        }
        _ => {}
    }
}

fn rewrite(value: &mut Value, change: &dyn Fn(&str) -> String) {
    match value {
        Value::String(s) => *s = change(s),
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite(v, change)),
        Value::Object(map) => map.values_mut().for_each(|v| rewrite(v, change)),
        _ => {}
    }
}
