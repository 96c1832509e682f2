//! Personal data (UK GDPR): a manager finds every case that mentions a person, exports a
//! subject access bundle of chosen cases, and erases a closed case's personal data on
//! request.

use super::MessageSent;
use crate::case::{Case, CaseEvent, Status};
use crate::submission::Feedback;
use crate::{CouncilId, Kind, Reference};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// `POST …/personal-data/search`: who to look for. Give at least one; a case matches any
/// one given. Sent in the body, not the address, so no access log keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct PersonSearch {
    /// Matched exactly, case aside.
    pub email: String,
    /// A UK number, matched on its national digits (`+44 7700 900123` is `07700900123`).
    pub phone: String,
    /// Matched whole, with case, accents, punctuation and extra spaces aside, against the
    /// name of whoever made the feedback and of the person a representative made it for.
    pub name: String,
    /// A case reference (`DEMO-2026-000042`).
    pub reference: String,
}

/// Which of the searched details a case matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchedField {
    Email,
    Phone,
    Name,
    /// The name searched for is the person a representative made the feedback for.
    RepresentedName,
    Reference,
}

/// One case found for a person: no personal data beyond what matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonMatch {
    pub council: CouncilId,
    pub reference: Reference,
    pub kind: Kind,
    pub status: Status,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub received_on: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub closed_on: Option<Date>,
    /// Whether its personal data was already removed (retention or erasure).
    pub anonymised: bool,
    pub matched: Vec<MatchedField>,
}

/// `POST …/personal-data/export`: the cases to release, and the spans of free text to
/// blank in the bundle (other people's data: a neighbour's name, their health).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SubjectAccessRequest {
    /// One to 50 of the council's cases.
    pub references: Vec<Reference>,
    /// Exact text to replace with "[redacted]" wherever it appears in the bundle (the
    /// stored case is not changed).
    #[serde(default)]
    pub redact: Vec<String>,
}

/// A subject access bundle: each case as stored for the resident with its timeline and
/// the messages sent to them, redacted, and the same as one printable HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectAccessBundle {
    pub council: CouncilId,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub exported_at: OffsetDateTime,
    pub cases: Vec<BundleCase>,
    /// Every case as the resident would see it, one printable document (English or
    /// Welsh by each case's language).
    pub html: String,
}

/// One case of a bundle: as stored, what the resident told the council, the timeline
/// (the export itself included) and the messages sent to the resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BundleCase {
    pub case: Case,
    pub details: Feedback,
    pub timeline: Vec<CaseEvent>,
    pub messages: Vec<MessageSent>,
}

/// `POST …/cases/{reference}/erasure`: why the resident's personal data goes before its
/// time (the timeline records it as the rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ErasureRequest {
    /// Why, e.g. "Resident's request of 20 November 2026" (required, at most 2,000
    /// characters).
    pub reason: String,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Erased {
    pub reference: Reference,
    /// The rule the timeline records: `erasure on request: {reason}`.
    pub rule: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}
