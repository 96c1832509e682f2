//! Work done on a schedule rather than on request: the reminder job, and the delivery of
//! queued notifications. The Lambda binary `reminders` runs both every 15 minutes; the
//! local server runs them on a timer.

pub mod delivery;
pub mod reminders;
