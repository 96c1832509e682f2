//! How long a resident has to ask for stage 2 once stage 1 has been answered: one rule,
//! used by the transition that refuses a late request and by everything that tells the
//! resident the date (the status page, the stage 1 response).

use super::{Case, Rules, Status};
use crate::feedback::Stage;
use crate::policy::EscalationWindow;
use time::{Date, Duration};

impl Rules<'_> {
    /// The last day to ask for stage 2 after a stage 1 response sent on `responded_on`.
    pub(super) fn escalation_closes_on(&self, responded_on: Date) -> Date {
        match self.policy.escalation_window {
            EscalationWindow::WorkingDays(n) => {
                self.calendar
                    .add_working_days(self.policy.division, responded_on, n)
            }
            EscalationWindow::CalendarDays(n) => responded_on + Duration::days(i64::from(n)),
        }
    }
}

impl Case {
    /// The last day the resident may ask for stage 2: known once stage 1 has been answered
    /// (and still while it is closed); none before then, at stage 2, or for feedback that
    /// is not a complaint. Officers may accept a later request; residents may not.
    pub fn escalate_by(&self, rules: Rules<'_>) -> Option<Date> {
        match (self.stage(), self.status) {
            (Some(Stage::One), Status::Responded | Status::Closed) => {
                let responded_on = self.stage1.as_ref()?.response.as_ref()?.responded_on;
                Some(rules.escalation_closes_on(responded_on))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{MON_30_NOV, complaint, officer, responded_by_ann, rules};
    use super::*;
    use crate::calendar::Calendar;
    use crate::case::{Action, Actor, TransitionError};
    use crate::council::CouncilId;
    use crate::feedback::{Channel, Kind};
    use crate::policy::Policy;
    use crate::reference::Reference;
    use time::macros::{date, datetime};

    #[test]
    fn known_only_once_stage1_is_answered() {
        assert_eq!(complaint().escalate_by(rules()), None);
        let mut case = responded_by_ann();
        // 20 working days after Mon 30 Nov 2026, skipping Christmas and Boxing Day.
        assert_eq!(case.escalate_by(rules()), Some(date!(2026 - 12 - 30)));
        case.apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            Action::Close { on: None },
        )
        .unwrap();
        assert_eq!(case.escalate_by(rules()), Some(date!(2026 - 12 - 30)));
        case.apply(
            rules(),
            Actor::Resident,
            MON_30_NOV,
            Action::Escalate {
                requested_on: date!(2026 - 11 - 30),
                handler: None,
            },
        )
        .unwrap();
        assert_eq!(case.escalate_by(rules()), None);
    }

    #[test]
    fn other_kinds_have_none() {
        let (mut comment, _) = Case::receive(
            rules(),
            CouncilId::parse("demo").unwrap(),
            Reference::new("DEMO", 2026, 1).unwrap(),
            Kind::Comment,
            Channel::Web,
            datetime!(2026-11-23 10:00 UTC),
            Actor::Resident,
        );
        comment
            .apply(
                rules(),
                officer("ann"),
                MON_30_NOV,
                Action::Close { on: None },
            )
            .unwrap();
        assert_eq!(comment.escalate_by(rules()), None);
    }

    #[test]
    fn a_window_in_calendar_days_counts_every_day() {
        let calendar = Calendar::bundled();
        let policy = Policy {
            escalation_window: EscalationWindow::CalendarDays(28),
            ..Policy::default()
        };
        let rules = Rules {
            calendar: &calendar,
            policy: &policy,
        };
        assert_eq!(
            responded_by_ann().escalate_by(rules),
            Some(date!(2026 - 12 - 28))
        );
    }

    #[test]
    fn a_resident_may_escalate_on_the_last_day_and_not_after() {
        let by = responded_by_ann().escalate_by(rules()).unwrap();
        let escalate = |on: Date| {
            responded_by_ann().apply(
                rules(),
                Actor::Resident,
                on.midnight().assume_utc() + Duration::hours(12),
                Action::Escalate {
                    requested_on: on,
                    handler: None,
                },
            )
        };
        assert!(escalate(by).is_ok());
        assert_eq!(
            escalate(by + Duration::days(1)).unwrap_err(),
            TransitionError::EscalationWindowClosed { closed_on: by }
        );
    }
}
