//! `POST …/cases/{reference}/preview`: the messages an action would send, written out
//! but not sent, so an officer reads the resident's letter (in the resident's language)
//! before acting. The request is the same [`Action`](crate::case::Action) body as the
//! actions route.

use crate::Language;
use serde::{Deserialize, Serialize};

/// Who a previewed message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    Resident,
    Officer,
}

/// One message as it would be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessagePreview {
    pub recipient: Recipient,
    /// The addresses it would be emailed to. Empty for a resident who is not emailed (no
    /// address, or they prefer post or phone): the officer sends it another way.
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    /// A whole HTML document, as emailed.
    pub html: String,
    pub language: Language,
}

/// Every message the action would send; empty when it tells nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionPreview {
    pub messages: Vec<MessagePreview>,
}
