//! The wire contract: every request and response body of the public and officer API.
//!
//! The server builds these types, and the widget and the console read and write them, so
//! one file of this module says what a route takes and answers:
//!
//! - [`public`]: what residents reach through the widget (the council's description, a
//!   submission and its answer, status and escalation);
//! - [`officer`]: the case list and case detail with its timeline, logging a case,
//!   actions (the domain's [`Action`](crate::case::Action)) and the report's query;
//! - [`problem`]: the `application/problem+json` body of every error, with field errors;
//! - [`queue`]: the queue's sorting, status filter and pages (with their cursor);
//! - [`signin`]: the console's one-time local sign-in code and the token it is exchanged for.
//!
//! Every type derives serde; with the `openapi` feature (only the server turns it on, so
//! the widget's wasm does not grow) each also derives `utoipa::ToSchema`. The widget
//! reads and writes the types it uses through the serde-free codec in [`json`].

mod domain;
pub mod json;
pub mod officer;
pub mod problem;
pub mod public;
pub mod queue;
#[cfg(feature = "openapi")]
mod schema;
pub mod signin;

pub use json::{
    FromJson, JsonValue, ObjectWriter, ToJson, expect_object, from_json, member_or_default,
    or_stand_in,
};
pub use officer::{
    ApiKeyView, CaseDetail, CaseListQuery, CaseSummary, IssuedApiKey, LogCase, NewApiKey,
    ReportQuery,
};
pub use problem::{FieldProblem, Problem};
pub use public::{
    CaseCode, CouncilView, FeedbackSubmission, OutOfScopeView, ServiceView, StageTimescaleView,
    StatusView, Submitted,
};
pub use queue::{CaseCounts, CaseList, CaseSort, SortOrder, StatusFilter, ValueCount};
pub use signin::{SignInRequest, SignedIn};
