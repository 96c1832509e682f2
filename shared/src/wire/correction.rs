//! Correcting a case's personal data: an officer's rectification of the resident's
//! contact details, and redaction of a span of their words. Neither answer carries the
//! old value.

use crate::Reference;
use crate::case::{ContactField, FreeTextField};
use crate::contact::ContactForm;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// `POST …/cases/{reference}/rectification`: the contact details as they should be (the
/// whole set, as the resident's form has them: what is left empty is not held), why,
/// and the case's version the officer read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactCorrection {
    pub contact: ContactForm,
    /// Only for a case made by a representative: the person represented and the
    /// relationship, as they should be.
    #[serde(default)]
    pub representative: Option<RepresentativeCorrection>,
    /// Why, e.g. "Resident rang: new email address" (required, at most 2,000
    /// characters). The timeline shows it: do not quote the old details.
    pub reason: String,
    /// The case's version the officer read; refused (409) if it has changed since.
    pub version: u64,
}

/// A representative's details as they should be.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct RepresentativeCorrection {
    pub represented_name: String,
    pub relationship: String,
}

/// `POST …/cases/{reference}/redaction`: the exact text to remove from one of the
/// resident's fields, why, and the case's version the officer read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RedactionRequest {
    pub field: FreeTextField,
    /// The exact text, as it appears in the field (at least 2 characters). It becomes
    /// "[redacted]" there, in any other of the resident's fields that holds it, and in
    /// every stored copy (the timeline, messages not yet sent).
    pub span: String,
    /// Why, e.g. "A neighbour's health details" (required). The timeline shows it: do
    /// not quote the text.
    pub reason: String,
    pub version: u64,
}

/// What a rectification or a redaction did: which fields, the case's new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Corrected {
    pub reference: Reference,
    /// The contact details corrected (rectification); empty for a redaction.
    #[serde(default)]
    pub contact_fields: Vec<ContactField>,
    /// The fields a span was redacted from (redaction); empty for a rectification.
    #[serde(default)]
    pub text_fields: Vec<FreeTextField>,
    pub version: u64,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}
