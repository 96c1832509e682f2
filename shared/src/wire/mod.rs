//! The wire contract: every request and response body of the public and officer API.
//!
//! The server builds these types, and the widget and the console read and write them, so
//! one file of this module says what a route takes and answers:
//!
//! - [`public`]: what residents reach through the widget (the council's description, a
//!   submission and its answer, status and escalation);
//! - [`officer`]: the case list and case detail with its timeline, logging a case,
//!   actions (the domain's [`Action`](crate::case::Action)) and the report's query;
//! - [`message`]: a message queued about a case, as its timeline shows it;
//! - [`ombudsman`]: the council's Ombudsman, named after a final response;
//! - [`palette`]: the widget's colours, checked for contrast;
//! - [`preview`]: the messages an action would send, written out before it is taken;
//! - [`annual`]: the self-assessment, service improvements and Ombudsman's letter of a year;
//! - [`dashboard`]: the dashboard's figures and the undelivered messages;
//! - [`holds`]: legal holds, which keep a case from the retention job;
//! - [`personal_data`]: finding a person's cases, subject access bundles and erasure;
//! - [`restrictions`]: restrictions on how a person contacts the council;
//! - [`problem`]: the `application/problem+json` body of every error, with field errors;
//! - [`queue`]: the queue's sorting, status filter and pages (with their cursor);
//! - [`signin`]: the console's one-time local sign-in code and the token it is exchanged for.
//!
//! Every type derives serde; with the `openapi` feature (only the server turns it on, so
//! the widget's wasm does not grow) each also derives `utoipa::ToSchema`. The widget
//! reads and writes the types it uses through the serde-free codec in [`json`].

pub mod annual;
pub mod correction;
pub mod dashboard;
mod domain;
pub mod holds;
pub mod json;
pub mod message;
pub mod officer;
pub mod ombudsman;
pub mod palette;
pub mod personal_data;
pub mod preview;
pub mod problem;
pub mod public;
pub mod queue;
pub mod restrictions;
#[cfg(feature = "openapi")]
mod schema;
pub mod signin;

pub use annual::{
    AnnualDraft, AnnualRecord, AnnualView, Assessment, Improvement, ImprovementStatus,
    OmbudsmanLetter, RequirementView,
};
pub use correction::{ContactCorrection, Corrected, RedactionRequest, RepresentativeCorrection};
pub use dashboard::{
    CaseCount, Dashboard, OpenCases, StatusCount, Timeliness, UndeliveredMessage, mask_address,
};
pub use holds::{LegalHold, NewLegalHold};
pub use json::{
    FromJson, JsonValue, ObjectWriter, ToJson, expect_object, from_json, member_or_default,
    or_stand_in,
};
pub use message::MessageSent;
pub use officer::{
    ApiKeyView, CaseDetail, CaseListQuery, CaseSummary, IssuedApiKey, LogCase, NewApiKey,
    ReportQuery,
};
pub use ombudsman::OmbudsmanView;
pub use palette::PaletteView;
pub use personal_data::{
    BundleCase, Erased, ErasureRequest, MatchedField, PersonMatch, PersonSearch,
    SubjectAccessBundle, SubjectAccessRequest,
};
pub use preview::{ActionPreview, MessagePreview, Recipient};
pub use problem::{FieldProblem, Problem};
pub use public::{
    CaseCode, CouncilView, FeedbackSubmission, OutOfScopeView, ServiceView, StageTimescaleView,
    StatusView, Submitted,
};
pub use queue::{CaseCounts, CaseList, CaseSort, SortOrder, StatusFilter, ValueCount};
pub use restrictions::{RestrictionDraft, RestrictionNotice, RestrictionReviewDraft};
pub use signin::{ConsoleSettings, HostedSignIn, SignInRequest, SignedIn};
