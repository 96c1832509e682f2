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
/// (the use case checks first, so this means an event appended since).
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
    fn html_bodies_change_escaped_text_too() {
        let body = "<p>Dear Ann O&#39;Brien</p>";
        assert_eq!(
            html(body, &[change("Ann O'Brien", "Ann Jones")]),
            "<p>Dear Ann Jones</p>"
        );
        assert_eq!(text("Dear Ann", &[change("Ann", "")]), "Dear [removed]");
    }
}
