//! What waits to be sent: an email and its place in the store's outbox. Its own module,
//! so the store keeps messages without knowing how they are written or sent, and the
//! notifiers send them without knowing how they are stored.

use feedback_shared::{CouncilId, Language, Reference};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// One message, ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    /// Unique and stable across retries: every message carries it in its
    /// `X-Feedback-Email-Id` header (and builds its `Message-ID` from it, which SES
    /// replaces), so a receiving system can drop a duplicate delivery.
    pub id: String,
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub language: Language,
}

/// A notification waiting in the store's outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    /// Unique; also the email's id.
    pub id: String,
    pub council: CouncilId,
    pub reference: Option<Reference>,
    pub email: Email,
    /// Not to be sent before this instant (a retry waits here).
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    /// Failed attempts so far.
    pub attempts: u32,
}

/// A message the sender gave up on after its last attempt, kept per council so officers
/// see who did not hear from them, and may send it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Undelivered {
    /// As it was on its last attempt (`attempts` counts the earlier failures).
    pub message: OutboxMessage,
    /// Why the last attempt failed, in the notifier's words.
    pub reason: String,
    #[serde(with = "time::serde::rfc3339")]
    pub given_up_at: OffsetDateTime,
}
