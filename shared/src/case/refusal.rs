//! Why a complaint is not accepted into the complaints procedure: the grounds the seed
//! councils' policies and the Ombudsman's Code allow (`DOMAIN.md`, "Acceptance and
//! exclusions"). The officer still writes the reason in their own words for the
//! resident; the ground is what the annual report summarises ("the types of complaint
//! refused", Code 8.1) without quoting anyone's free text, and what lets the letter
//! state the time limit of the council's own model when a complaint came too late.

use serde::{Deserialize, Serialize};

/// A ground for not accepting a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefusalGround {
    /// Made after the model's time limit (12 months under the Code, 6 under the Welsh
    /// and Scottish models) with no good reason for the delay.
    OutOfTime,
    /// A right of appeal or review applies (parking penalties, planning decisions,
    /// council tax banding, benefits, school admissions, Blue Badge, fixed penalties).
    StatutoryAppeal,
    /// A request for information (FOI, subject access): the Information Commissioner's
    /// route.
    InformationRequest,
    /// An insurance or compensation claim.
    InsuranceClaim,
    /// A matter in legal proceedings or before a tribunal.
    LegalProceedings,
    /// About a councillor's conduct: the code of conduct route.
    CouncillorConduct,
    /// About a school: its governing body's procedure.
    School,
    /// A personnel matter.
    Personnel,
    /// Adult or children's social care: their own statutory procedure.
    SocialCare,
    /// Already considered under the procedure.
    AlreadyConsidered,
    /// About another organisation.
    OtherOrganisation,
    /// An immediate safeguarding concern, passed to the urgent route.
    Safeguarding,
    /// Anything else; the reason says what.
    Other,
}

impl RefusalGround {
    pub const ALL: [RefusalGround; 13] = [
        RefusalGround::OutOfTime,
        RefusalGround::StatutoryAppeal,
        RefusalGround::InformationRequest,
        RefusalGround::InsuranceClaim,
        RefusalGround::LegalProceedings,
        RefusalGround::CouncillorConduct,
        RefusalGround::School,
        RefusalGround::Personnel,
        RefusalGround::SocialCare,
        RefusalGround::AlreadyConsidered,
        RefusalGround::OtherOrganisation,
        RefusalGround::Safeguarding,
        RefusalGround::Other,
    ];

    /// Its name in JSON and in forms.
    pub fn json_name(self) -> &'static str {
        match self {
            RefusalGround::OutOfTime => "out_of_time",
            RefusalGround::StatutoryAppeal => "statutory_appeal",
            RefusalGround::InformationRequest => "information_request",
            RefusalGround::InsuranceClaim => "insurance_claim",
            RefusalGround::LegalProceedings => "legal_proceedings",
            RefusalGround::CouncillorConduct => "councillor_conduct",
            RefusalGround::School => "school",
            RefusalGround::Personnel => "personnel",
            RefusalGround::SocialCare => "social_care",
            RefusalGround::AlreadyConsidered => "already_considered",
            RefusalGround::OtherOrganisation => "other_organisation",
            RefusalGround::Safeguarding => "safeguarding",
            RefusalGround::Other => "other",
        }
    }

    pub fn from_json_name(name: &str) -> Option<RefusalGround> {
        RefusalGround::ALL
            .into_iter()
            .find(|g| g.json_name() == name)
    }

    /// Its words for officers and the annual report (which are in English; the resident's
    /// letter carries the officer's own reason in the case's language).
    pub fn label(self) -> &'static str {
        match self {
            RefusalGround::OutOfTime => "Out of time",
            RefusalGround::StatutoryAppeal => "A right of appeal or review applies",
            RefusalGround::InformationRequest => "A request for information",
            RefusalGround::InsuranceClaim => "An insurance or compensation claim",
            RefusalGround::LegalProceedings => "In legal proceedings or at a tribunal",
            RefusalGround::CouncillorConduct => "A councillor’s conduct",
            RefusalGround::School => "About a school",
            RefusalGround::Personnel => "A personnel matter",
            RefusalGround::SocialCare => "Social care’s own procedure",
            RefusalGround::AlreadyConsidered => "Already considered",
            RefusalGround::OtherOrganisation => "Another organisation",
            RefusalGround::Safeguarding => "A safeguarding concern",
            RefusalGround::Other => "Other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for ground in RefusalGround::ALL {
            assert_eq!(
                RefusalGround::from_json_name(ground.json_name()),
                Some(ground)
            );
            assert_eq!(
                serde_json::to_string(&ground).unwrap(),
                format!("\"{}\"", ground.json_name())
            );
        }
        assert_eq!(RefusalGround::from_json_name("late"), None);
        let labels: std::collections::BTreeSet<_> =
            RefusalGround::ALL.iter().map(|g| g.label()).collect();
        assert_eq!(
            labels.len(),
            RefusalGround::ALL.len(),
            "labels are distinct"
        );
    }
}
