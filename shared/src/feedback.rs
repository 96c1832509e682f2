//! What kind of feedback a case is, how it arrived, and which stage it is at.

use serde::{Deserialize, Serialize};

/// The four kinds of feedback (Complaint Handling Code 1.2 and 1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Dissatisfaction with a service, action or lack of action: the two-stage procedure.
    Complaint,
    /// A request to provide, fix or reconsider something (a missed bin): not a complaint.
    ServiceRequest,
    /// A suggestion or view.
    Comment,
    /// Praise for a service or a named member of staff.
    Compliment,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Complaint,
        Kind::ServiceRequest,
        Kind::Comment,
        Kind::Compliment,
    ];

    /// Only complaints have stages and deadlines.
    pub fn has_deadlines(self) -> bool {
        self == Kind::Complaint
    }

    /// Whether anonymous feedback of this kind is accepted (it can never get a reply, so a
    /// complaint needs a way to reach the person).
    pub fn may_be_anonymous(self) -> bool {
        matches!(self, Kind::Comment | Kind::Compliment)
    }
}

/// How the feedback reached the council. All are logged on one system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Phone,
    Email,
    Letter,
    InPerson,
    /// Raised on the person's behalf by their MP or a councillor (an MP/member enquiry).
    MpOrCouncillor,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Web,
        Channel::Phone,
        Channel::Email,
        Channel::Letter,
        Channel::InPerson,
        Channel::MpOrCouncillor,
    ];
}

/// The two stages of the complaints procedure. There is no "stage 0".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Stage {
    One,
    Two,
}

impl Stage {
    pub fn number(self) -> u8 {
        match self {
            Stage::One => 1,
            Stage::Two => 2,
        }
    }
}

impl From<Stage> for u8 {
    fn from(stage: Stage) -> u8 {
        stage.number()
    }
}

impl TryFrom<u8> for Stage {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        match n {
            1 => Ok(Stage::One),
            2 => Ok(Stage::Two),
            other => Err(format!("stage must be 1 or 2, not {other}")),
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stage {}", self.number())
    }
}
