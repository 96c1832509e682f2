//! What the store keeps of each message queued about a case, for its timeline: to whom,
//! the subject and when, never the body. The outbox forgets a message once it is sent;
//! this record stays, written in the same atomic write as the change that queued it.

use crate::outbox::OutboxMessage;
use feedback_shared::Language;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// One message queued about a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRecord {
    /// The message's id (the email's `X-Feedback-Email-Id`).
    pub id: String,
    /// When it was queued: the case change that caused it.
    #[serde(with = "time::serde::rfc3339")]
    pub queued_at: OffsetDateTime,
    pub to: Vec<String>,
    pub subject: String,
    pub language: Language,
}

impl MessageRecord {
    pub fn of(message: &OutboxMessage) -> Self {
        MessageRecord {
            id: message.id.clone(),
            queued_at: message.not_before,
            to: message.email.to.clone(),
            subject: message.email.subject.clone(),
            language: message.email.language,
        }
    }
}
