//! The domain of Council Feedback: kinds of feedback, the two-stage complaints procedure,
//! working-day deadlines under the Complaint Handling Code, and the parsing of everything
//! a resident or officer types.
//!
//! No I/O, so the same rules run in the widget (wasm32) and in the backend.

pub mod calendar;
pub mod case;
pub mod colour;
pub mod contact;
pub mod council;
pub mod crockford;
pub mod deadlines;
pub mod equality;
pub mod feedback;
pub mod input;
pub mod labels;
pub mod language;
pub mod london;
pub mod outcome;
pub mod policy;
pub mod reference;
pub mod reminders;
pub mod report;
pub mod restriction;
pub mod submission;
pub mod template;
pub mod validation;
pub mod wire;

pub use calendar::{Calendar, Division};
pub use council::{CouncilId, OfficerId};
pub use feedback::{Channel, Kind, Stage};
pub use language::Language;
pub use outcome::{Outcome, Remedy};
pub use policy::Policy;
pub use reference::Reference;
pub use validation::{Field, FieldError, FieldErrors, Problem};
