//! Telling people things, in three parts:
//!
//! - who hears: [`recipients`] turns a case change, a claimed reminder or a day's digest
//!   into the messages it causes;
//! - what it says: [`templates`], residents' and officers' messages in English and Welsh;
//! - how it goes: the [`Notifier`] port and its [`adapters`] (an outbox folder of `.eml`
//!   files locally, SMTP where configured, SES in AWS), built by one factory.
//!
//! Sending is never part of a case change: the change queues an [`Email`] in the store's
//! outbox ([`crate::outbox`]) in the same atomic write, and the delivery job sends it,
//! retrying on failure.

use crate::outbox::Email;
use async_trait::async_trait;

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

    /// Whether it keeps a copy of what it sent that [`Notifier::forget`] can remove (the
    /// outbox folder does; a mail server or SES cannot unsend).
    fn keeps_copies(&self) -> bool {
        false
    }

    /// Removes its copy of the email `id`, if it has one: the retention job's, for the
    /// messages of a case whose personal data it removed.
    async fn forget(&self, _id: &str) -> Result<(), NotifyError> {
        Ok(())
    }
}

pub mod adapters;
pub mod member_summary;
pub mod recipients;
pub mod restriction_review;
pub mod templates;
