//! Telling people things: the notifier port and its adapters (an outbox folder of `.eml`
//! files locally, SMTP where configured, SES in AWS), and the templates of every message.
//!
//! Sending is never part of a case change: the change queues an [`Email`] in the store's
//! outbox in the same atomic write, and the delivery job sends it, retrying on failure.

use async_trait::async_trait;
use feedback_shared::Language;
use serde::{Deserialize, Serialize};

/// One message, ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    /// Unique and stable across retries: the `Message-ID` is built from it, so a receiving
    /// system can drop a duplicate delivery.
    pub id: String,
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub language: Language,
}

/// Why a send failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotifyError {
    /// Worth retrying later (connection refused, throttling, a 4xx SMTP reply).
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// Retrying will not help (a malformed address, a 5xx SMTP reply).
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// The port every delivery adapter implements.
#[async_trait]
pub trait Notifier: Send + Sync + 'static {
    async fn send(&self, email: &Email) -> Result<(), NotifyError>;
}

pub mod adapters;
pub mod messages;
pub mod templates;
