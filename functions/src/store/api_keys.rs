//! A council's API keys for server-to-server submissions, as stored: only a hash of the
//! secret is kept, so a copy of the store cannot submit as the council.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRecord {
    /// The public part of the key, which finds the record.
    pub id: String,
    /// What the key is for, in the manager's words ("CRM integration").
    pub label: String,
    /// SHA-256 of the secret part, hex.
    pub secret_hash: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The manager who issued it (their officer id).
    pub created_by: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}
