//! When officers are reminded of a deadline, and when an overdue one is escalated.
//!
//! For each deadline still to be met (acknowledge while received, respond while
//! acknowledged) the policy gives reminder points: some working days before (2 and 0, "on
//! the day", by default) to the handler, then, once it has passed, an overdue escalation to
//! the complaints manager on every working day until someone acts. Every point is at the
//! start of the working window (08:00 Europe/London) of a working day; the job sends only
//! inside the window.

use crate::calendar::{Calendar, Division};
use crate::feedback::Stage;
use crate::london::{from_london, london_date, to_london};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};

/// Which deadline a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Acknowledge,
    Respond,
    /// A promised action's due date (Code 6.6): the point's `action` says which.
    CompleteAction,
    /// The review date of the adjustments agreed with the resident (Code 5.6): reminded
    /// once, to the case's officer, on the working day it falls (or the next one).
    ReviewAdjustments,
}

impl DeadlineKind {
    /// Whether the date is reminded once, on the day, with no reminders ahead and no
    /// overdue escalation: a review is a conversation to have, not a deadline to chase.
    pub fn reminded_once(self) -> bool {
        self == DeadlineKind::ReviewAdjustments
    }
}

/// What kind of reminder a point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReminderKind {
    /// To the handler, `working_days` before the deadline (0: on the day).
    Before { working_days: u32 },
    /// To the complaints manager, on the `working_days`th working day past the deadline.
    Overdue { working_days: u32 },
}

/// One moment a reminder is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderPoint {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub stage: Stage,
    pub deadline: DeadlineKind,
    /// The deadline's date.
    pub due: Date,
    #[serde(flatten)]
    pub kind: ReminderKind,
    /// The promised action's number on its case, for a [`DeadlineKind::CompleteAction`]
    /// point; absent for a stage's deadlines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<u32>,
}

impl ReminderPoint {
    /// Whether both points are about the same deadline (same stage, kind, date and
    /// promised action).
    pub fn same_deadline(&self, other: &ReminderPoint) -> bool {
        (self.stage, self.deadline, self.due, self.action)
            == (other.stage, other.deadline, other.due, other.action)
    }
}

/// The deadline a schedule is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub stage: Stage,
    pub deadline: DeadlineKind,
    pub due: Date,
    /// The promised action's number, for a promised action's due date.
    pub action: Option<u32>,
}

/// A council's reminder settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ReminderPolicy {
    /// Working days before each deadline to remind the handler; 0 is the day itself.
    pub before: Vec<u32>,
    /// Repeat the overdue escalation every working day (otherwise only once).
    pub overdue_every_working_day: bool,
    /// The sending window, London hours: from `window_start` to `window_end` o'clock.
    pub window_start: u8,
    pub window_end: u8,
    /// Send each officer a digest of their open cases at the start of each working day.
    pub daily_digest: bool,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        ReminderPolicy {
            before: vec![2, 0],
            overdue_every_working_day: true,
            window_start: 8,
            window_end: 18,
            daily_digest: false,
        }
    }
}

impl ReminderPolicy {
    fn at(&self, day: Date) -> OffsetDateTime {
        let start = Time::from_hms(self.window_start.min(23), 0, 0).expect("an hour of the day");
        from_london(PrimitiveDateTime::new(day, start))
    }

    /// Whether `now` is inside the sending window on a working day of `division`.
    pub fn in_window(&self, calendar: &Calendar, division: Division, now: OffsetDateTime) -> bool {
        let local = to_london(now);
        calendar.is_working_day(division, local.date())
            && local.hour() >= self.window_start
            && local.hour() < self.window_end
    }

    /// Every reminder point of one deadline, in time order. Overdue points go on for
    /// as long as the caller keeps asking (up to the last day `time` holds).
    pub fn points<'a>(
        &'a self,
        calendar: &'a Calendar,
        division: Division,
        target: Target,
    ) -> impl Iterator<Item = ReminderPoint> + 'a {
        let Target {
            stage,
            deadline,
            due,
            action,
        } = target;
        let once = deadline.reminded_once();
        let mut before = if once {
            Vec::new()
        } else {
            self.before.clone()
        };
        before.sort_unstable_by(|a, b| b.cmp(a));
        before.dedup();
        let point = move |day: Date, kind: ReminderKind| ReminderPoint {
            at: self.at(day),
            stage,
            deadline,
            due,
            kind,
            action,
        };
        let ahead = before.into_iter().map(move |n| {
            point(
                calendar.sub_working_days(division, due, n),
                ReminderKind::Before { working_days: n },
            )
        });
        let overdue_count = if once {
            0
        } else if self.overdue_every_working_day {
            u32::MAX
        } else {
            1
        };
        let on_the_day = once.then(|| {
            point(
                calendar.next_working_day_on_or_after(division, due),
                ReminderKind::Before { working_days: 0 },
            )
        });
        // Each overdue day is the working day after the last one; at the last day `time`
        // holds there is no next one, and the points end.
        let overdue = (1..=overdue_count)
            .scan(due, move |day, k| {
                let next = calendar.add_working_days(division, *day, 1);
                (next > *day).then(|| {
                    *day = next;
                    (next, k)
                })
            })
            .map(move |(day, k)| point(day, ReminderKind::Overdue { working_days: k }));
        on_the_day.into_iter().chain(ahead).chain(overdue)
    }

    /// The first point after `after` (or the first of all).
    pub fn next_after(
        &self,
        calendar: &Calendar,
        division: Division,
        target: Target,
        after: Option<OffsetDateTime>,
    ) -> Option<ReminderPoint> {
        self.points(calendar, division, target)
            .find(|p| after.is_none_or(|a| p.at > a))
    }

    /// The latest point at or before `now` and after `after`: when a job catches up after
    /// a gap, one reminder is sent for where things stand, not a burst of stale ones.
    pub fn latest_due(
        &self,
        calendar: &Calendar,
        division: Division,
        target: Target,
        after: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Option<ReminderPoint> {
        self.points(calendar, division, target)
            .skip_while(|p| after.is_some_and(|a| p.at <= a))
            .take_while(|p| p.at <= now)
            .last()
    }
}

/// The London date a point falls on (the key of the due-reminder index).
pub fn due_day(point: &ReminderPoint) -> Date {
    london_date(point.at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn target(due: Date) -> Target {
        Target {
            stage: Stage::One,
            deadline: DeadlineKind::Respond,
            due,
            action: None,
        }
    }

    fn points(due: Date, n: usize) -> Vec<(OffsetDateTime, ReminderKind)> {
        let cal = Calendar::bundled();
        let policy = ReminderPolicy::default();
        policy
            .points(&cal, Division::EnglandAndWales, target(due))
            .take(n)
            .map(|p| (p.at, p.kind))
            .collect()
    }

    #[test]
    fn two_days_before_on_the_day_then_every_working_day_overdue() {
        // Due Monday 30 November 2026 (GMT): 2 working days before is Thursday 26th.
        assert_eq!(
            points(date!(2026 - 11 - 30), 4),
            [
                (
                    datetime!(2026-11-26 08:00 UTC),
                    ReminderKind::Before { working_days: 2 }
                ),
                (
                    datetime!(2026-11-30 08:00 UTC),
                    ReminderKind::Before { working_days: 0 }
                ),
                (
                    datetime!(2026-12-01 08:00 UTC),
                    ReminderKind::Overdue { working_days: 1 }
                ),
                (
                    datetime!(2026-12-02 08:00 UTC),
                    ReminderKind::Overdue { working_days: 2 }
                ),
            ]
        );
    }

    #[test]
    fn points_skip_weekends_and_bank_holidays_and_follow_summer_time() {
        // Due Tuesday 7 April 2026, after Easter: counting back skips Easter Monday (6th)
        // and Good Friday (3rd): Thursday 2nd is one working day before, Wednesday 1st two.
        // 08:00 BST is 07:00 UTC.
        let p = points(date!(2026 - 04 - 07), 3);
        assert_eq!(p[0].0, datetime!(2026-04-01 07:00 UTC));
        assert_eq!(p[1].0, datetime!(2026-04-07 07:00 UTC));
        // Due Friday 23 October 2026 (BST); the first overdue day is Monday 26th, in GMT.
        let p = points(date!(2026 - 10 - 23), 3);
        assert_eq!(
            p[2],
            (
                datetime!(2026-10-26 08:00 UTC),
                ReminderKind::Overdue { working_days: 1 }
            )
        );
    }

    #[test]
    fn catching_up_sends_only_the_latest_point() {
        let cal = Calendar::bundled();
        let policy = ReminderPolicy::default();
        let due = date!(2026 - 11 - 30);
        let latest = policy
            .latest_due(
                &cal,
                Division::EnglandAndWales,
                target(due),
                None,
                datetime!(2026-12-02 09:00 UTC),
            )
            .unwrap();
        assert_eq!(latest.kind, ReminderKind::Overdue { working_days: 2 });
        let after = policy.latest_due(
            &cal,
            Division::EnglandAndWales,
            target(due),
            Some(latest.at),
            datetime!(2026-12-02 17:00 UTC),
        );
        assert_eq!(after, None, "nothing new until the next point");
    }

    #[test]
    fn the_window_is_working_days_eight_to_six_london_time() {
        let cal = Calendar::bundled();
        let p = ReminderPolicy::default();
        let ew = Division::EnglandAndWales;
        assert!(p.in_window(&cal, ew, datetime!(2026-11-24 08:00 UTC)));
        assert!(!p.in_window(&cal, ew, datetime!(2026-11-24 07:59 UTC)));
        assert!(!p.in_window(&cal, ew, datetime!(2026-11-24 18:00 UTC)));
        // In summer, 07:30 UTC is 08:30 BST.
        assert!(p.in_window(&cal, ew, datetime!(2026-06-02 07:30 UTC)));
        assert!(
            !p.in_window(&cal, ew, datetime!(2026-11-28 10:00 UTC)),
            "Saturday"
        );
        assert!(
            !p.in_window(&cal, ew, datetime!(2026-12-28 10:00 UTC)),
            "Boxing Day substitute"
        );
    }

    #[test]
    fn a_single_overdue_escalation_when_not_repeating() {
        let cal = Calendar::bundled();
        let policy = ReminderPolicy {
            overdue_every_working_day: false,
            ..ReminderPolicy::default()
        };
        let all: Vec<_> = policy
            .points(
                &cal,
                Division::EnglandAndWales,
                target(date!(2026 - 11 - 30)),
            )
            .collect();
        assert_eq!(all.len(), 3);
    }
}
