//! How a deadline reads in the console: an MOJ badge for the queue (overdue, due today,
//! due soon) and words for working days left.

use feedback_shared::deadlines::DeadlineStatus;
use time::Date;

/// Working days left at which a deadline is "due soon".
pub const DUE_SOON_WORKING_DAYS: u32 = 2;

/// An MOJ badge: its words and its modifier class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Badge {
    pub text: &'static str,
    pub class: &'static str,
}

/// The badge for a deadline's standing, if it needs one: overdue, due today, or due
/// within [`DUE_SOON_WORKING_DAYS`] working days.
pub fn badge(status: &DeadlineStatus) -> Option<Badge> {
    match *status {
        DeadlineStatus::Overdue { .. } => Some(Badge {
            text: "Overdue",
            class: "moj-badge moj-badge--red",
        }),
        DeadlineStatus::DueToday => Some(Badge {
            text: "Due today",
            class: "moj-badge moj-badge--purple",
        }),
        DeadlineStatus::Remaining { working_days } if working_days <= DUE_SOON_WORKING_DAYS => {
            Some(Badge {
                text: "Due soon",
                class: "moj-badge moj-badge--blue",
            })
        }
        DeadlineStatus::Remaining { .. } => None,
    }
}

/// "3 working days left", "Due today", "1 working day overdue".
pub fn working_days_text(status: &DeadlineStatus) -> String {
    let days = |n: u32| {
        if n == 1 {
            "1 working day".to_owned()
        } else {
            format!("{n} working days")
        }
    };
    match *status {
        DeadlineStatus::Remaining { working_days } => format!("{} left", days(working_days)),
        DeadlineStatus::DueToday => "Due today".to_owned(),
        DeadlineStatus::Overdue { working_days } => format!("{} overdue", days(working_days)),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as GOV.UK writes it: "24 November 2026".
pub fn long_date(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[usize::from(u8::from(date.month())) - 1],
        date.year()
    )
}

/// A date as GOV.UK writes it in a table: "24 Nov 2026".
pub fn short_date(date: Date) -> String {
    let month = MONTHS[usize::from(u8::from(date.month())) - 1];
    format!("{} {} {}", date.day(), &month[..3], date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn badges_mark_overdue_due_today_and_due_soon_only() {
        let overdue = DeadlineStatus::Overdue { working_days: 1 };
        assert_eq!(badge(&overdue).unwrap().text, "Overdue");
        assert_eq!(badge(&DeadlineStatus::DueToday).unwrap().text, "Due today");
        let soon = DeadlineStatus::Remaining { working_days: 2 };
        assert_eq!(badge(&soon).unwrap().text, "Due soon");
        assert_eq!(badge(&DeadlineStatus::Remaining { working_days: 3 }), None);
    }

    #[test]
    fn working_days_read_as_words() {
        assert_eq!(
            working_days_text(&DeadlineStatus::Remaining { working_days: 1 }),
            "1 working day left"
        );
        assert_eq!(
            working_days_text(&DeadlineStatus::Overdue { working_days: 4 }),
            "4 working days overdue"
        );
    }

    #[test]
    fn dates_are_written_out() {
        assert_eq!(long_date(date!(2026 - 11 - 24)), "24 November 2026");
        assert_eq!(long_date(date!(2027 - 01 - 01)), "1 January 2027");
        assert_eq!(short_date(date!(2026 - 09 - 02)), "2 Sep 2026");
    }
}
