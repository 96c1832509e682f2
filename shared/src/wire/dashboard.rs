//! Bodies of the dashboard routes: the council's figures at a glance, each with the
//! queue's filters that list its cases, and the messages that could not be delivered.

use crate::case::Status;
use crate::report::{Escalation, Period, StageFigures};
use crate::wire::CaseListQuery;
use crate::{Kind, Stage};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// `GET /v1/councils/{council}/dashboard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// The London date the figures are for.
    pub today: Date,
    /// Open cases: complaints by stage, other feedback by kind; each by status.
    pub open: Vec<OpenCases>,
    /// Open cases whose next deadline falls between today and Sunday, not yet passed.
    pub due_this_week: CaseCount,
    /// Open cases whose next deadline has passed.
    pub overdue: CaseCount,
    /// Timeliness and escalation in the current quarter of the financial year.
    pub quarter: Timeliness,
    /// The same from the start of the financial year to today.
    pub year_to_date: Timeliness,
    /// How many messages could not be delivered and wait for an officer.
    pub undelivered: u32,
}

/// A number of cases, and the queue's filters (the list route's query) that list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseCount {
    pub count: u32,
    /// The list route's query parameters that list these cases; unset filters are null.
    pub query: CaseListQuery,
}

/// One row of open cases: complaints at a stage, or feedback of a kind with no stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenCases {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 2))]
    pub stage: Option<Stage>,
    /// Set for feedback outside the two stages (comments, compliments, service requests).
    pub kind: Option<Kind>,
    /// One count per open status, in the procedure's order.
    pub by_status: Vec<StatusCount>,
}

/// Open cases of one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: Status,
    pub count: u32,
    /// The list route's query parameters that list these cases; unset filters are null.
    pub query: CaseListQuery,
}

/// Responses within the Code's time at each stage, and the escalation rate, over a
/// period: the annual report's own figures, for a shorter period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timeliness {
    pub period: Period,
    pub stages: Vec<StageFigures>,
    pub escalation: Escalation,
}

/// A message the sender gave up on (`GET /v1/councils/{council}/outbox/undelivered`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UndeliveredMessage {
    /// Send it again with `POST …/outbox/undelivered/{message}/retry`.
    pub id: String,
    /// The case it is about, if any.
    pub reference: Option<String>,
    /// The recipients, each masked (`r…@example.com`): the case shows them in full.
    pub to: Vec<String>,
    pub subject: String,
    /// Why the last attempt failed.
    pub reason: String,
    /// Attempts made, the last included.
    pub attempts: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub given_up_at: OffsetDateTime,
}

/// An email address with all of its local part but the first character hidden, so a
/// list on a shared screen does not show whole addresses.
pub fn mask_address(address: &str) -> String {
    // "Name <a@b>" keeps only the address.
    let bare = address
        .rsplit_once('<')
        .map(|(_, rest)| rest.trim_end_matches('>'))
        .unwrap_or(address)
        .trim();
    match bare.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => "…".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::mask_address;

    #[test]
    fn addresses_are_masked_to_their_first_character_and_domain() {
        assert_eq!(mask_address("rhian@example.com"), "r…@example.com");
        assert_eq!(
            mask_address("Demo Council <complaints@demo.example>"),
            "c…@demo.example"
        );
        assert_eq!(mask_address("not an address"), "…");
    }
}
