use serde::{Deserialize, Serialize};

/// Where a case is in its current stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Logged, not yet acknowledged (a complaint) or not yet dealt with (other kinds).
    Received,
    /// Acknowledged and under investigation.
    Acknowledged,
    /// The stage's response has been sent; at stage 1 the resident may still escalate.
    Responded,
    Closed,
    Withdrawn,
    NotAccepted,
}

impl Status {
    /// Withdrawn and not-accepted cases take no further part in the procedure.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            Status::Withdrawn | Status::NotAccepted | Status::Closed
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Acknowledged => "acknowledged",
            Status::Responded => "responded",
            Status::Closed => "closed",
            Status::Withdrawn => "withdrawn",
            Status::NotAccepted => "not_accepted",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
