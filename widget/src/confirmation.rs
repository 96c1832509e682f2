//! The confirmation as the widget keeps it once the council has the feedback.

use feedback_shared::wire::Submitted;

/// A confirmation as the widget keeps it: the API's answer and what the widget knows
/// besides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub answer: Submitted,
    /// Whether a reply can be sent by email.
    pub emailed: bool,
    pub anonymous: bool,
    /// The council had the resident's earlier answers under this key (see `send.rs`).
    pub earlier: bool,
}

// Kept in `sessionStorage`, so a reload does not lose the reference.
feedback_shared::json_struct!(Confirmation {
    answer,
    emailed,
    anonymous,
    earlier
});
