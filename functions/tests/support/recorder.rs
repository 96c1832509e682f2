//! A notifier that keeps every message it is asked to send with the (test) clock's time,
//! for the tests that check who is told what, and on which working day.

use async_trait::async_trait;
use feedback_functions::clock::{Clock, FixedClock};
use feedback_functions::notify::{Notifier, NotifyError};
use feedback_functions::outbox::Email;
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

pub struct Recorder {
    pub clock: Arc<FixedClock>,
    pub sent: Mutex<Vec<(OffsetDateTime, Email)>>,
}

impl Recorder {
    pub fn new(clock: Arc<FixedClock>) -> Recorder {
        Recorder {
            clock,
            sent: Mutex::new(Vec::new()),
        }
    }
}

#[async_trait]
impl Notifier for Recorder {
    async fn send(&self, email: &Email) -> Result<(), NotifyError> {
        self.sent
            .lock()
            .unwrap()
            .push((self.clock.now(), email.clone()));
        Ok(())
    }
}
