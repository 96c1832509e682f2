//! A correction of a case's personal data as every adapter answers it (rectification,
//! redaction: [`feedback_shared::case::Correction`]): the old values gone from every copy
//! the store keeps, in one write conditional on the version the officer's change was made
//! from.
//!
//! What [`Store::rewrite_case`](super::Store::rewrite_case) writes:
//! - the case as corrected, and its event;
//! - its search terms, moved to the new values (the old ones deleted);
//! - every stored event with each change made in each of its strings (an officer's note
//!   that quoted the old email address quotes the new one; a redacted span is
//!   `[redacted]` there too);
//! - every message record's recipients and subject, and every queued or undelivered
//!   message's recipients, subject and bodies (text and HTML), changed the same way. A
//!   message still queued goes to the new address: the resident asked to be reached
//!   there, and the old one may be someone else's. A message whose only recipients were
//!   removed without a successor is not sent: it leaves the outbox (its record stays).
//!
//! What the store cannot reach: an email already sent. The local outbox folder's copies
//! are removed by the use case (`Notifier::forget`), as after an erasure.

use super::{CaseRecord, MessageRecord, StoreError, StoreResult};
use crate::outbox::{Email, OutboxMessage, Undelivered};
use feedback_shared::case::{CaseEvent, TextChange};
use serde_json::Value;

/// The case as corrected (at its next version), the event saying so, and the changes
/// to make in every other copy.
#[derive(Debug, Clone)]
pub struct Rewrite {
    pub record: CaseRecord,
    pub event: CaseEvent,
    pub changes: Vec<TextChange>,
}

/// `text` with every change made, in order.
pub fn text(text: &str, changes: &[TextChange]) -> String {
    changes
        .iter()
        .fold(text.to_owned(), |text, change| change.apply(&text))
}

/// An HTML body with every change made, to the text as written and as escaped (a name
/// with an apostrophe is `&#39;` there).
fn html(body: &str, changes: &[TextChange]) -> String {
    changes.iter().fold(body.to_owned(), |body, change| {
        let escaped = TextChange {
            from: crate::html::escape(&change.from),
            to: crate::html::escape(change.replacement()),
            whole_words: change.whole_words,
        };
        escaped.apply(&change.apply(&body))
    })
}

/// Recipients with a changed address replaced (case aside, as addresses compare), and a
/// removed one dropped.
fn recipients(to: &[String], changes: &[TextChange]) -> Vec<String> {
    to.iter()
        .filter_map(|address| {
            match changes
                .iter()
                .find(|c| c.from.eq_ignore_ascii_case(address))
            {
                Some(change) if change.to.is_empty() => None,
                Some(change) => Some(change.to.clone()),
                None => Some(address.clone()),
            }
        })
        .collect()
}

/// The event with every change made in each of its strings; the same event when none
/// applies. [`StoreError::Backend`] if a change would break a value the event must parse
/// (a date, an action's name, an officer's id): a redaction checks this first and refuses
/// such a span.
pub fn event(event: &CaseEvent, changes: &[TextChange]) -> StoreResult<CaseEvent> {
    let mut json = serde_json::to_value(event).map_err(StoreError::backend)?;
    rewrite_strings(&mut json, changes);
    serde_json::from_value(json).map_err(|e| {
        StoreError::Backend(format!(
            "a correction would break event {}: {e}",
            event.version
        ))
    })
}

/// [`event`], leaving alone any string whose change would break the event: what the
/// store writes. A corrected name that happens to be a fixed value ("complaint") is not
/// the person's data there; a redaction's span never gets this far (it is refused).
pub fn event_leniently(event: &CaseEvent, changes: &[TextChange]) -> StoreResult<CaseEvent> {
    if let Ok(changed) = self::event(event, changes) {
        return Ok(changed);
    }
    let original = serde_json::to_value(event).map_err(StoreError::backend)?;
    let mut json = original.clone();
    let mut leaves = Vec::new();
    string_paths(&json, &mut Vec::new(), &mut leaves);
    for path in leaves {
        let Some(Value::String(text)) = pointer_mut(&mut json, &path) else {
            continue;
        };
        let before = text.clone();
        let after = self::text(&before, changes);
        if after == before {
            continue;
        }
        *text = after;
        if serde_json::from_value::<CaseEvent>(json.clone()).is_err()
            && let Some(Value::String(text)) = pointer_mut(&mut json, &path)
        {
            *text = before;
        }
    }
    serde_json::from_value(json).map_err(StoreError::backend)
}

/// A step into a JSON value: a member's key or an item's index.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn string_paths(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::String(_) => out.push(at.clone()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                string_paths(item, at, out);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                at.push(Step::Key(key.clone()));
                string_paths(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn pointer_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.get_mut(key.as_str()),
        Step::Index(i) => value.get_mut(*i),
    })
}

fn rewrite_strings(value: &mut Value, changes: &[TextChange]) {
    match value {
        Value::String(s) => *s = text(s, changes),
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_strings(v, changes)),
        Value::Object(map) => map.values_mut().for_each(|v| rewrite_strings(v, changes)),
        _ => {}
    }
}

/// A message record with its recipients and subject changed.
pub fn message_record(record: &MessageRecord, changes: &[TextChange]) -> MessageRecord {
    MessageRecord {
        to: recipients(&record.to, changes),
        subject: text(&record.subject, changes),
        ..record.clone()
    }
}

fn email(email: &Email, changes: &[TextChange]) -> Email {
    Email {
        to: recipients(&email.to, changes),
        subject: text(&email.subject, changes),
        text: text(&email.text, changes),
        html: html(&email.html, changes),
        ..email.clone()
    }
}

/// A queued message changed; `None` when no recipient is left (it must not be sent).
pub fn outbox_message(message: &OutboxMessage, changes: &[TextChange]) -> Option<OutboxMessage> {
    let email = email(&message.email, changes);
    (!email.to.is_empty()).then(|| OutboxMessage {
        email,
        ..message.clone()
    })
}

/// An undelivered message changed; `None` when no recipient is left (sending it again
/// could only go nowhere).
pub fn undelivered(kept: &Undelivered, changes: &[TextChange]) -> Option<Undelivered> {
    outbox_message(&kept.message, changes).map(|message| Undelivered {
        message,
        ..kept.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(from: &str, to: &str) -> TextChange {
        TextChange {
            from: from.into(),
            to: to.into(),
            whole_words: true,
        }
    }

    #[test]
    fn recipients_move_to_the_new_address_and_a_removed_one_goes() {
        let to = vec![
            "Ann@Example.com".to_owned(),
            "officer@council.gov.uk".to_owned(),
        ];
        assert_eq!(
            recipients(&to, &[change("ann@example.com", "ann@example.org")]),
            ["ann@example.org", "officer@council.gov.uk"]
        );
        assert_eq!(
            recipients(&to, &[change("ann@example.com", "")]),
            ["officer@council.gov.uk"]
        );
    }

    #[test]
    fn a_corrected_name_that_is_also_a_fixed_value_leaves_the_fixed_value_alone() {
        let event = CaseEvent {
            at: time::macros::datetime!(2026-11-24 10:00 UTC),
            actor: feedback_shared::case::Actor::Resident,
            action: feedback_shared::case::Action::Receive {
                kind: feedback_shared::Kind::Complaint,
                channel: feedback_shared::Channel::Web,
            },
            version: 0,
        };
        let changes = [change("complaint", "Ann")];
        assert!(super::event(&event, &changes).is_err());
        assert_eq!(event_leniently(&event, &changes).unwrap(), event);
    }

    #[test]
    fn html_bodies_change_escaped_text_too() {
        let body = "<p>Dear Ann O&#39;Brien</p>";
        assert_eq!(
            html(body, &[change("Ann O'Brien", "Ann Jones")]),
            "<p>Dear Ann Jones</p>"
        );
        assert_eq!(text("Dear Ann", &[change("Ann", "")]), "Dear [removed]");
    }
}
