//! A council's annual record for the Code's section 8, as stored and as the report
//! prints it: the self-assessment against each requirement, the service improvements
//! made from learning, and the Ombudsman's annual letter with the council's response.
//! One per council per financial year. The API's bodies around it are in
//! `wire::annual`.

use crate::OfficerId;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// One requirement as assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The requirement's id from the checklist (`s6-stage2-person`).
    pub requirement: String,
    /// Compliant or not; unanswered while `None`.
    #[serde(default)]
    pub compliant: Option<bool>,
    #[serde(default)]
    pub evidence: String,
    /// What the council will do where it falls short.
    #[serde(default)]
    pub actions: String,
}

/// Where a service improvement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImprovementStatus {
    #[default]
    Proposed,
    InProgress,
    Done,
}

impl ImprovementStatus {
    pub fn label(self) -> &'static str {
        match self {
            ImprovementStatus::Proposed => "Proposed",
            ImprovementStatus::InProgress => "In progress",
            ImprovementStatus::Done => "Done",
        }
    }
}

/// A change to a service made from what complaints showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Improvement {
    /// What will change (required).
    pub description: String,
    /// The case whose learning it came from, when there is one.
    #[serde(default)]
    pub from_case: Option<String>,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub status: ImprovementStatus,
    /// Who is doing it (a name or team; required).
    pub owner: String,
    /// When it is due, or was done (`YYYY-MM-DD`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub date: Option<Date>,
}

/// The Ombudsman's annual letter to the council, and the council's response to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OmbudsmanLetter {
    /// Where the letter is published (`https://…`).
    #[serde(default)]
    pub url: Option<String>,
    /// The letter's text, pasted in.
    #[serde(default)]
    pub text: String,
    /// The council's response (required).
    pub response: String,
}

/// The stored record: the draft, checked, with who saved it last and its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualRecord {
    /// The financial year it covers, by the year it starts (2026 is April 2026 to March 2027).
    pub year: i32,
    /// Starts at 1; a change names the version read (`If-Match`).
    pub version: u64,
    pub assessment: Vec<Assessment>,
    pub improvements: Vec<Improvement>,
    pub ombudsman_letter: Option<OmbudsmanLetter>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub saved_by: OfficerId,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub saved_at: OffsetDateTime,
}

impl AnnualRecord {
    /// The requirements answered "no": the year's findings of non-compliance.
    pub fn non_compliant(&self) -> impl Iterator<Item = &Assessment> {
        self.assessment
            .iter()
            .filter(|a| a.compliant == Some(false))
    }
}
