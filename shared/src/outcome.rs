//! How a case ends and what puts things right.

use crate::Language;
use serde::{Deserialize, Serialize};

/// The outcome of a stage, as reports count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Upheld,
    PartlyUpheld,
    NotUpheld,
    Withdrawn,
    /// Not accepted into the procedure, with a reason shown in reports.
    NotAccepted,
}

impl Outcome {
    /// Every outcome, in the order reports show them.
    pub const ALL: [Outcome; 5] = [
        Outcome::Upheld,
        Outcome::PartlyUpheld,
        Outcome::NotUpheld,
        Outcome::Withdrawn,
        Outcome::NotAccepted,
    ];

    /// Whether a response can carry this outcome; withdrawal and non-acceptance are
    /// actions of their own.
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            Outcome::Upheld | Outcome::PartlyUpheld | Outcome::NotUpheld
        )
    }
}

/// What the council does to put things right: "what will happen and by when".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    Apology,
    Acknowledgement,
    Explanation,
    Action,
    ChangedDecision,
    AmendedRecord,
    FinancialRemedy,
    ChangedPolicyOrPractice,
}

impl Remedy {
    /// Every remedy, in the order reports and messages show them.
    pub const ALL: [Remedy; 8] = [
        Remedy::Apology,
        Remedy::Acknowledgement,
        Remedy::Explanation,
        Remedy::Action,
        Remedy::ChangedDecision,
        Remedy::AmendedRecord,
        Remedy::FinancialRemedy,
        Remedy::ChangedPolicyOrPractice,
    ];
}

/// The Ombudsman a council's complaints go to after stage 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Ombudsman {
    /// Local Government and Social Care Ombudsman.
    Lgsco,
    /// Housing Ombudsman Service, for landlord complaints.
    Housing,
    /// Scottish Public Services Ombudsman.
    Spso,
    /// Public Services Ombudsman for Wales.
    Psow,
    /// Northern Ireland Public Services Ombudsman.
    Nipso,
}

impl Ombudsman {
    /// The Ombudsman's name in `language`.
    pub fn name(self, language: Language) -> &'static str {
        let (en, cy) = match self {
            Ombudsman::Lgsco => (
                "Local Government and Social Care Ombudsman",
                "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol",
            ),
            Ombudsman::Housing => ("Housing Ombudsman Service", "Gwasanaeth yr Ombwdsmon Tai"),
            Ombudsman::Spso => (
                "Scottish Public Services Ombudsman",
                "Ombwdsmon Gwasanaethau Cyhoeddus yr Alban",
            ),
            Ombudsman::Psow => (
                "Public Services Ombudsman for Wales",
                "Ombwdsmon Gwasanaethau Cyhoeddus Cymru",
            ),
            Ombudsman::Nipso => (
                "Northern Ireland Public Services Ombudsman",
                "Ombwdsmon Gwasanaethau Cyhoeddus Gogledd Iwerddon",
            ),
        };
        language.pick(en, cy)
    }

    /// Where a resident complains to the Ombudsman online.
    pub fn website(self) -> &'static str {
        match self {
            Ombudsman::Lgsco => "https://www.lgo.org.uk/make-a-complaint",
            Ombudsman::Housing => "https://www.housing-ombudsman.org.uk/residents/",
            Ombudsman::Spso => "https://www.spso.org.uk/how-to-complain-about-public-service",
            Ombudsman::Psow => "https://www.ombudsman.wales/complaints/",
            Ombudsman::Nipso => "https://nipso.org.uk/nipso/making-a-complaint/",
        }
    }

    /// Postal address and phone number, for letters and templates.
    pub fn contact(self) -> (&'static str, &'static str) {
        match self {
            Ombudsman::Lgsco => (
                "Local Government and Social Care Ombudsman, PO Box 4771, Coventry CV4 0EH",
                "0300 061 0614",
            ),
            Ombudsman::Housing => (
                "Housing Ombudsman Service, PO Box 1484, Unit D, Preston PR2 0ET",
                "0300 111 3000",
            ),
            Ombudsman::Spso => (
                "Scottish Public Services Ombudsman, Bridgeside House, 99 McDonald Road, Edinburgh EH7 4NS",
                "0800 377 7330",
            ),
            Ombudsman::Psow => (
                "Public Services Ombudsman for Wales, 1 Ffordd yr Hen Gae, Pencoed CF35 5LJ",
                "0300 790 0203",
            ),
            Ombudsman::Nipso => (
                "Northern Ireland Public Services Ombudsman, Progressive House, 33 Wellington Place, Belfast BT1 6HN",
                "0800 34 34 24",
            ),
        }
    }
}

/// What the Ombudsman decided about a referred case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OmbudsmanDecision {
    NotInvestigated,
    PrematureReferredBack,
    NoFault,
    FaultNoInjustice,
    FaultWithInjustice,
    Settled,
}

impl OmbudsmanDecision {
    /// Every decision, in the order reports show them.
    pub const ALL: [OmbudsmanDecision; 6] = [
        OmbudsmanDecision::NotInvestigated,
        OmbudsmanDecision::PrematureReferredBack,
        OmbudsmanDecision::NoFault,
        OmbudsmanDecision::FaultNoInjustice,
        OmbudsmanDecision::FaultWithInjustice,
        OmbudsmanDecision::Settled,
    ];
}
