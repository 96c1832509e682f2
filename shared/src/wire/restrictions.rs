//! Restrictions on how a person contacts the council (see [`crate::restriction`]):
//! recorded and reviewed by managers, listed for them, and shown on every case of the
//! person as a notice that says what is restricted and when it is reviewed.

use crate::restriction::{NewRestriction, Restricted, Restriction, RestrictionFields};
use crate::validation::FieldErrors;
use serde::{Deserialize, Serialize};
use time::Date;

/// `POST /v1/councils/{council}/restrictions`: the form as typed. Every field is text
/// (blank: not given), so that each bad one comes back as a field error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct RestrictionDraft {
    /// The person's name (required).
    pub name: String,
    /// Their email address, matched exactly (case aside) against their cases.
    pub email: String,
    /// Their phone number, matched by its digits.
    pub phone: String,
    /// At least one of `single_point_of_contact`, `one_channel`, `set_times`, `other`.
    pub kinds: Vec<String>,
    /// With `single_point_of_contact`: the officer's name.
    pub contact_officer: String,
    /// With `one_channel`: `email`, `phone`, `post` or `in_person`.
    pub channel: String,
    /// With `set_times`: when they may contact the council.
    pub times: String,
    /// With `other`: what is restricted.
    pub other: String,
    /// The behaviour that led to it.
    pub behaviour: String,
    /// The deciding manager's officer id: the caller when blank. The review reminder goes
    /// to this officer's address.
    pub decided_by: String,
    /// The deciding manager's name.
    pub decided_by_name: String,
    /// `YYYY-MM-DD`, today or earlier.
    pub decided_on: String,
    /// `YYYY-MM-DD`, on or after the decision, today or earlier.
    pub explained_on: String,
    /// `YYYY-MM-DD`, after today and at most 12 months after the decision.
    pub review_on: String,
}

impl RestrictionDraft {
    /// The draft parsed by the domain's rules, every bad field at once.
    pub fn parse(&self, today: Date) -> Result<NewRestriction, FieldErrors> {
        NewRestriction::parse(
            &RestrictionFields {
                name: &self.name,
                email: &self.email,
                phone: &self.phone,
                kinds: &self.kinds,
                contact_officer: &self.contact_officer,
                channel: &self.channel,
                times: &self.times,
                other: &self.other,
                behaviour: &self.behaviour,
                decided_by_name: &self.decided_by_name,
                decided_on: &self.decided_on,
                explained_on: &self.explained_on,
                review_on: &self.review_on,
            },
            today,
        )
    }
}

/// `POST /v1/councils/{council}/restrictions/{id}/review`: continue (with the next review
/// date) or end (with the reason).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct RestrictionReviewDraft {
    /// `continue` or `end`.
    pub outcome: String,
    /// With `continue`: `YYYY-MM-DD`, after today and at most 12 months on.
    pub next_review: String,
    /// With `end`: why.
    pub reason: String,
}

/// A restriction in force as a case page shows it: what is restricted and when it is
/// reviewed, never the behaviour behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestrictionNotice {
    pub id: String,
    pub restricted: Vec<Restricted>,
    pub review_on: Date,
    pub decided_by_name: String,
    pub decided_on: Date,
}

impl From<&Restriction> for RestrictionNotice {
    fn from(r: &Restriction) -> Self {
        RestrictionNotice {
            id: r.id.clone(),
            restricted: r.restricted.clone(),
            review_on: r.review_on,
            decided_by_name: r.decided_by.name.clone(),
            decided_on: r.decided_on,
        }
    }
}
