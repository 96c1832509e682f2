//! A council's annual record for the Code's section 8: the self-assessment against each
//! requirement, the service improvements made from learning, and the Ombudsman's annual
//! letter with the council's response. One per council per financial year (the year it
//! starts), read and written whole by a manager; the annual report prints it.
//!
//! The Ombudsman's letter is linked by address with its text pasted in, not uploaded: the
//! letter is published on the Ombudsman's site, and the report needs its words, not a file.

use crate::input::parse_iso_date;
pub use crate::report::annual::{
    AnnualRecord, Assessment, Improvement, ImprovementStatus, OmbudsmanLetter,
};
use crate::report::code::{REQUIREMENTS, Suggestion, requirement};
use crate::validation::{Field, FieldError, FieldErrors, Problem};
use serde::{Deserialize, Serialize};
use time::Date;

/// The longest evidence, action, description or letter text kept.
pub const MAX_TEXT: usize = 10_000;

/// `PUT /v1/councils/{council}/annual/{year}`: the whole record as the manager left it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AnnualDraft {
    pub assessment: Vec<Assessment>,
    pub improvements: Vec<Improvement>,
    pub ombudsman_letter: Option<OmbudsmanLetter>,
}

/// One requirement of the checklist as the console shows it: the Code's words, the
/// figure the system suggests, and the answer saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequirementView {
    pub id: String,
    pub section: String,
    pub heading: String,
    pub text: String,
    pub suggestion: Option<Suggestion>,
    /// The saved answer; the suggestion pre-fills the form while there is none.
    pub answer: Option<Assessment>,
}

/// `GET /v1/councils/{council}/annual/{year}`: the checklist with suggestions, and the
/// record saved so far (none before the first save).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnualView {
    pub year: i32,
    pub requirements: Vec<RequirementView>,
    pub record: Option<AnnualRecord>,
}

fn too_long(field: Field, text: &str) -> Option<FieldError> {
    (text.chars().count() > MAX_TEXT)
        .then(|| FieldError::new(field, Problem::TooLong { max: MAX_TEXT }))
}

fn trimmed(text: &str) -> String {
    text.trim().to_owned()
}

/// A draft that cannot be read as a form: an unknown or repeated requirement, or a
/// letter address that is not a web address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DraftRefused(pub String);

impl AnnualDraft {
    /// The draft with its text trimmed, or what is wrong: [`DraftRefused`] (the outer
    /// error), or field errors on the texts, named by the existing fields: evidence and
    /// actions on `note`, an improvement's description on `learning` and its owner on
    /// `officer`, the letter's text and response on `reason`.
    pub fn parse(&self) -> Result<Result<AnnualDraft, FieldErrors>, DraftRefused> {
        let mut errors = FieldErrors::default();
        let mut seen = std::collections::BTreeSet::new();
        let mut assessment = Vec::new();
        for a in &self.assessment {
            if requirement(&a.requirement).is_none() || !seen.insert(a.requirement.clone()) {
                return Err(DraftRefused(format!(
                    "`{}` is not a requirement of the Code's checklist, or is answered twice",
                    a.requirement
                )));
            }
            for text in [&a.evidence, &a.actions] {
                if let Some(e) = too_long(Field::Note, text) {
                    errors.push(e);
                }
            }
            assessment.push(Assessment {
                requirement: a.requirement.clone(),
                compliant: a.compliant,
                evidence: trimmed(&a.evidence),
                actions: trimmed(&a.actions),
            });
        }
        // The Code's order, whatever order they came in.
        assessment.sort_by_key(|a| REQUIREMENTS.iter().position(|r| r.id == a.requirement));
        let mut improvements = Vec::new();
        for i in &self.improvements {
            if i.description.trim().is_empty() {
                errors.push(FieldError::new(Field::Learning, Problem::Required));
            }
            if i.owner.trim().is_empty() {
                errors.push(FieldError::new(Field::Officer, Problem::Required));
            }
            if let Some(e) = too_long(Field::Learning, &i.description) {
                errors.push(e);
            }
            if i.owner.chars().count() > 200 {
                errors.push(FieldError::new(
                    Field::Officer,
                    Problem::TooLong { max: 200 },
                ));
            }
            improvements.push(Improvement {
                description: trimmed(&i.description),
                from_case: i
                    .from_case
                    .as_deref()
                    .map(trimmed)
                    .filter(|s| !s.is_empty()),
                service: i.service.as_deref().map(trimmed).filter(|s| !s.is_empty()),
                status: i.status,
                owner: trimmed(&i.owner),
                date: i.date,
            });
        }
        let ombudsman_letter = match &self.ombudsman_letter {
            None => None,
            Some(l) => {
                let url = l.url.as_deref().map(trimmed).filter(|u| !u.is_empty());
                if url
                    .as_deref()
                    .is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://")))
                {
                    return Err(DraftRefused(
                        "the Ombudsman's letter address must start https:// or http://".into(),
                    ));
                }
                if l.response.trim().is_empty() {
                    errors.push(FieldError::new(Field::Reason, Problem::Required));
                }
                for text in [&l.text, &l.response] {
                    if let Some(e) = too_long(Field::Reason, text) {
                        errors.push(e);
                    }
                }
                Some(OmbudsmanLetter {
                    url,
                    text: trimmed(&l.text),
                    response: trimmed(&l.response),
                })
            }
        };
        Ok(if errors.is_empty() {
            Ok(AnnualDraft {
                assessment,
                improvements,
                ombudsman_letter,
            })
        } else {
            Err(errors)
        })
    }
}

/// A date written `YYYY-MM-DD`, for forms that hold dates as text.
pub fn parse_date(text: &str) -> Option<Date> {
    parse_iso_date(text.trim()).ok()
}
