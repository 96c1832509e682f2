//! Bodies of the officer routes, which need a bearer token for the council in the path.
//! Actions on a case are the domain's own [`Action`](crate::case::Action), tagged by
//! `action`.

use crate::case::{Case, CaseEvent, Status};
use crate::deadlines::DeadlineStatus;
use crate::input::parse_iso_date;
use crate::outcome::Ombudsman;
use crate::report::Period;
use crate::submission::{Feedback, FeedbackForm};
use crate::wire::queue::{CaseSort, SortOrder, StatusFilter};
use crate::{Channel, Kind, OfficerId, Reference, Stage};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// One row of an officer's case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "DEMO-2026-000042"))]
    pub reference: Reference,
    pub kind: Kind,
    pub channel: Channel,
    /// The service's id.
    pub service: String,
    pub status: Status,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 2))]
    pub stage: Option<Stage>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub assigned_to: Option<OfficerId>,
    pub received_on: Date,
    /// The next deadline still to be met: acknowledgement, then response.
    pub next_due: Option<Date>,
    /// How that deadline stands today, in working days.
    pub next_due_status: Option<DeadlineStatus>,
    /// Send it back in `If-Match` with an action.
    pub version: u64,
}

/// A case with everything recorded on it and its whole timeline, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub case: Case,
    pub details: Feedback,
    pub timeline: Vec<CaseEvent>,
    /// The council's Ombudsman: where the resident may go once the council has answered
    /// or refused, which the console tells the officer to say.
    pub council_ombudsman: Ombudsman,
    /// Every message queued about the case (to the resident and to officers), oldest
    /// first: the timeline shows them beside the events.
    #[serde(default)]
    pub messages: Vec<super::MessageSent>,
    /// The restrictions in force on how the case's resident contacts the council (matched
    /// by email, phone, or name when a restriction has neither): shown on every case of
    /// theirs; they never stop the case being handled.
    #[serde(default)]
    pub restrictions: Vec<super::RestrictionNotice>,
}

/// `POST /v1/councils/{council}/cases`: a case received another way, logged by an officer
/// with its real receipt time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LogCase {
    #[cfg_attr(feature = "openapi", schema(example = "phone"))]
    pub channel: Channel,
    /// When it reached the council (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub received_at: OffsetDateTime,
    pub feedback: FeedbackForm,
}

/// `GET /v1/councils/{council}/cases`: the officer's filters. Empty means everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default, deny_unknown_fields)]
pub struct CaseListQuery {
    /// A status, or `open` for every case still in the procedure.
    #[cfg_attr(feature = "openapi", param(value_type = Option<StatusFilter>))]
    pub status: Option<StatusFilter>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub kind: Option<Kind>,
    /// A service's id.
    pub service: Option<String>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<u8>, minimum = 1, maximum = 2))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 2))]
    pub stage: Option<Stage>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub assigned_to: Option<OfficerId>,
    /// Cases whose next deadline is on or before this date (`YYYY-MM-DD`).
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub due_before: Option<Date>,
    /// Cases whose next deadline has passed (true) or has not (false).
    pub overdue: Option<bool>,
    /// `true` for cases nobody is assigned to (with `assigned_to`, nothing matches).
    pub unassigned: Option<bool>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, example = "phone"))]
    pub channel: Option<Channel>,
    /// Cases received on or after this date (`YYYY-MM-DD`).
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub received_from: Option<Date>,
    /// Cases received on or before this date (`YYYY-MM-DD`).
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date))]
    pub received_to: Option<Date>,
    /// Search: a reference, a name, an email address, a phone number or words of what
    /// happened. Every word must match a whole word of the case. Matches come newest
    /// reference first, whatever `sort` says.
    pub q: Option<String>,
    /// The column to sort by; `deadline` (the most overdue, then the soonest, first) by
    /// default.
    #[cfg_attr(feature = "openapi", param(value_type = Option<CaseSort>))]
    pub sort: Option<CaseSort>,
    /// `asc` or `desc`; each column's natural order by default.
    #[cfg_attr(feature = "openapi", param(value_type = Option<SortOrder>))]
    pub order: Option<SortOrder>,
    /// Cases a page, 1 to 100 (25 by default).
    #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, maximum = 100))]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page, with the same filters and sort.
    pub cursor: Option<String>,
}

/// `GET …/reports`: the period is `from` and `to` (both `YYYY-MM-DD`), or `year` (the
/// financial year starting that April) and optionally `quarter`, or by default the
/// current financial year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default, deny_unknown_fields)]
pub struct ReportQuery {
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub from: Option<String>,
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub to: Option<String>,
    pub year: Option<i32>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 4))]
    pub quarter: Option<u8>,
    /// `json`, `csv` or `html`; otherwise the `Accept` header decides. For one council,
    /// also `wcsa` (the Welsh quarterly data return) or `spso` (the SPSO's indicators),
    /// both CSV.
    pub format: Option<String>,
}

impl ReportQuery {
    /// The period asked for, where `today` is the London date; a message saying what is
    /// wrong otherwise.
    pub fn period(&self, today: Date) -> Result<Period, String> {
        match (&self.from, &self.to, self.year, self.quarter) {
            (Some(from), Some(to), None, None) => {
                let parse = |s: &str| parse_iso_date(s).map_err(|e| e.to_string());
                Period::new(parse(from)?, parse(to)?).map_err(|e| e.to_string())
            }
            (None, None, Some(year), None) => {
                Period::financial_year(year).map_err(|e| e.to_string())
            }
            (None, None, year, Some(quarter)) => {
                let year = match year {
                    Some(year) => year,
                    None => Period::financial_year_of(today)
                        .map_err(|e| e.to_string())?
                        .from
                        .year(),
                };
                Period::quarter(year, quarter).map_err(|e| e.to_string())
            }
            (None, None, None, None) => Period::financial_year_of(today).map_err(|e| e.to_string()),
            _ => Err("give from and to together, or year (and quarter), not both".into()),
        }
    }
}

/// A manager's request for a new API key, for a council system that submits cases
/// server to server (no browser, so no form token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    /// What the key is for, e.g. "CRM integration" (1 to 100 characters).
    pub label: String,
}

/// An API key as listed: never its secret, which is shown once when issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyView {
    pub id: String,
    pub label: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    /// The manager who issued it.
    pub created_by: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub revoked_at: Option<OffsetDateTime>,
}

/// A newly issued key: `key` goes in the `X-Api-Key` header of server-to-server
/// submissions. It is shown this once; only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedApiKey {
    pub key: String,
    pub api_key: ApiKeyView,
}
