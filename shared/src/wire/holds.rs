//! Legal holds: a manager keeps a case from the retention job (litigation, an open
//! Ombudsman investigation) until the hold is lifted; the council's holds are listed.

use crate::input::LongText;
use crate::validation::{Field, FieldErrors};
use crate::{OfficerId, Reference};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// `PUT /v1/councils/{council}/cases/{reference}/hold`: why the case is held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewLegalHold {
    /// Why, e.g. "Ombudsman investigation 24 001 234" (required, at most 2,000 characters).
    pub reason: String,
}

impl NewLegalHold {
    /// The reason, parsed as any officer's long text is (error on the `reason` field).
    pub fn parse(&self) -> Result<LongText, FieldErrors> {
        LongText::parse(Field::Reason, &self.reason).map_err(|error| {
            let mut errors = FieldErrors::default();
            errors.push(error);
            errors
        })
    }
}

/// A case kept from the retention job: why, by whom, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegalHold {
    pub reference: Reference,
    pub reason: String,
    /// The manager who set it.
    pub by: OfficerId,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}
