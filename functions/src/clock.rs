//! The time, behind a trait so tests (and the local server's clock override) can move it.

use std::sync::Mutex;
use time::OffsetDateTime;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> OffsetDateTime;
}

/// The real time.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that stands still until moved: for tests and demonstrations.
#[derive(Debug)]
pub struct FixedClock(Mutex<OffsetDateTime>);

impl FixedClock {
    pub fn new(at: OffsetDateTime) -> Self {
        FixedClock(Mutex::new(at))
    }

    pub fn set(&self, at: OffsetDateTime) {
        *self.0.lock().expect("clock lock") = at;
    }

    pub fn advance(&self, by: time::Duration) {
        let mut now = self.0.lock().expect("clock lock");
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().expect("clock lock")
    }
}

/// Real time shifted to start at a chosen instant: the local server's clock override, so
/// a demonstration can jump to a deadline and watch the reminders happen.
#[derive(Debug)]
pub struct OffsetClock {
    offset: time::Duration,
}

impl OffsetClock {
    /// A clock that reads `start` now and moves on in real time.
    pub fn starting_at(start: OffsetDateTime) -> Self {
        OffsetClock {
            offset: start - OffsetDateTime::now_utc(),
        }
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + self.offset
    }
}
