//! A message sent (or queued) about a case, as the case's timeline shows it: to whom, the
//! subject and when, never the body.

use crate::Language;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// One message queued about a case; the store keeps this record once it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageSent {
    /// The email's id (its `X-Feedback-Email-Id` header).
    pub id: String,
    /// When it was queued, by the change that caused it.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub queued_at: OffsetDateTime,
    pub to: Vec<String>,
    pub subject: String,
    pub language: Language,
}
