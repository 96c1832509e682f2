//! Counted uses with a limit: rate limits, form tokens, automatic emails a day. A counter
//! lives until `expires_at` (its window's end, or its token's); the stores drop it after
//! (DynamoDB's time to live, the local job's sweep), and never count against a dead one.

use time::OffsetDateTime;

/// One counter to count a use against. The key is opaque to the store and made by the
/// use case; it never holds personal data in the clear (addresses are keyed hashes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UseCounter {
    pub key: String,
    /// Uses allowed before `expires_at`; the use that would pass it is refused.
    pub limit: u64,
    pub expires_at: OffsetDateTime,
}

/// What counting came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Every counter took the use.
    Counted,
    /// The counter at this index was at its limit, so none was counted.
    AtLimit(usize),
}
