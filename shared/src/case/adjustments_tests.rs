//! Agreed adjustments on the state machine: recorded with a review date, reminded once on
//! the review's working day, reviewed (kept, changed, ended); and the one rule for how a
//! message reaches the resident.

use super::tests::{MON_30_NOV, complaint, officer, responded_by_ann, rules};
use super::*;
use crate::contact::{
    Adjustment, Adjustments, Contact, ContactForm, ContactMethod, Person, Submitter,
};
use crate::input::LongText;
use crate::reminders::{DeadlineKind, ReminderKind};
use crate::validation::Field;
use time::macros::{date, datetime};

fn agree(contact: ContactMethod, format: Format, review_by: Date) -> Action {
    Action::AgreeAdjustments {
        terms: AdjustmentTerms {
            needs: vec![
                Adjustment::LargePrint,
                Adjustment::LargePrint,
                Adjustment::Advocate,
            ],
            notes: Some(LongText::parse(Field::Adjustments, "Letters in 16pt").unwrap()),
            format,
            contact,
            review_by,
        },
    }
}

fn review(decision: ReviewDecision, next_review: Option<Date>) -> Action {
    Action::ReviewAdjustments {
        decision,
        note: LongText::parse(Field::Note, "Spoke to Mrs Evans").unwrap(),
        next_review,
    }
}

#[test]
fn adjustments_are_recorded_with_who_agreed_them_and_a_review_date_not_past() {
    let mut case = complaint();
    let err = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            agree(
                ContactMethod::Post,
                Format::LargePrint,
                date!(2026 - 11 - 27),
            ),
        )
        .unwrap_err();
    assert!(
        matches!(err, TransitionError::DueDatePassed { .. }),
        "{err}"
    );
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        agree(
            ContactMethod::Post,
            Format::LargePrint,
            date!(2027 - 03 - 01),
        ),
    )
    .unwrap();
    let agreed = case.adjustments.as_ref().unwrap();
    assert_eq!(agreed.needs, [Adjustment::LargePrint, Adjustment::Advocate]);
    assert_eq!(agreed.agreed_by, OfficerId("ann".into()));
    assert_eq!(agreed.agreed_on, date!(2026 - 11 - 30));
    assert_eq!(agreed.review_by, Some(date!(2027 - 03 - 01)));
    assert!(agreed.in_force());
}

#[test]
fn a_review_on_a_bank_holiday_is_reminded_once_on_the_next_working_day_at_the_window() {
    // Answered, so the stage has no deadline of its own to remind.
    let mut case = responded_by_ann();
    // Review due Friday 25 December 2026: Christmas, then a weekend and the Boxing Day
    // substitute (Monday 28th): the first working day is Tuesday 29th, 08:00 GMT.
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        agree(
            ContactMethod::Email,
            Format::Standard,
            date!(2026 - 12 - 25),
        ),
    )
    .unwrap();
    let point = case.next_reminder.expect("the review is indexed");
    assert_eq!(point.deadline, DeadlineKind::ReviewAdjustments);
    assert_eq!(point.at, datetime!(2026-12-29 08:00 UTC));
    assert_eq!(point.kind, ReminderKind::Before { working_days: 0 });
    assert_eq!(point.due, date!(2026 - 12 - 25));
    assert_eq!(
        case.reminder_due(rules(), datetime!(2026-12-29 07:59 UTC)),
        None,
        "nothing before the working day's window"
    );
    let at = datetime!(2026-12-29 09:00 UTC);
    assert_eq!(case.reminder_due(rules(), at), Some(point));
    case.apply(rules(), Actor::System, at, Action::SendReminder { point })
        .unwrap();
    // Never again, however late it gets: no overdue escalation for a review.
    assert_eq!(case.next_reminder, None);
    assert_eq!(
        case.reminder_due(rules(), datetime!(2027-02-01 09:00 UTC)),
        None
    );
    assert_eq!(
        case.apply(rules(), Actor::System, at, Action::SendReminder { point })
            .unwrap_err(),
        TransitionError::ReminderNotDue
    );
    // A review kept sets the next date, reminded in its turn.
    case.apply(
        rules(),
        officer("ann"),
        at,
        review(ReviewDecision::Kept, Some(date!(2027 - 06 - 29))),
    )
    .unwrap();
    assert_eq!(
        case.next_reminder.map(|p| p.at),
        Some(datetime!(2027-06-29 07:00 UTC)),
        "08:00 BST"
    );
}

#[test]
fn reviews_keep_change_or_end_the_adjustments() {
    let mut case = complaint();
    let err = case
        .apply(
            rules(),
            officer("ann"),
            MON_30_NOV,
            review(ReviewDecision::Kept, None),
        )
        .unwrap_err();
    assert_eq!(err, TransitionError::NoAdjustments);
    case.apply(
        rules(),
        officer("ann"),
        MON_30_NOV,
        agree(ContactMethod::Post, Format::Standard, date!(2026 - 12 - 07)),
    )
    .unwrap();
    let at = datetime!(2026-12-07 10:00 UTC);
    assert_eq!(
        case.apply(
            rules(),
            officer("bob"),
            at,
            review(ReviewDecision::Kept, None)
        )
        .unwrap_err(),
        TransitionError::NextReviewNeeded
    );
    assert!(matches!(
        case.apply(
            rules(),
            officer("bob"),
            at,
            review(ReviewDecision::Kept, Some(date!(2026 - 12 - 07)))
        )
        .unwrap_err(),
        TransitionError::DueDatePassed { .. }
    ));
    case.apply(
        rules(),
        officer("bob"),
        at,
        review(ReviewDecision::Kept, Some(date!(2027 - 06 - 07))),
    )
    .unwrap();
    let agreed = case.adjustments.as_ref().unwrap();
    assert_eq!(agreed.review_by, Some(date!(2027 - 06 - 07)));
    assert_eq!(agreed.reviews.len(), 1);
    assert_eq!(agreed.reviews[0].by, OfficerId("bob".into()));
    // Recording new terms keeps the reviews so far.
    case.apply(
        rules(),
        officer("bob"),
        at,
        agree(
            ContactMethod::Phone,
            Format::Standard,
            date!(2027 - 06 - 07),
        ),
    )
    .unwrap();
    assert_eq!(case.adjustments.as_ref().unwrap().reviews.len(), 1);
    case.apply(
        rules(),
        officer("bob"),
        at,
        review(ReviewDecision::Ended, Some(date!(2027 - 06 - 07))),
    )
    .unwrap();
    let agreed = case.adjustments.as_ref().unwrap();
    assert!(!agreed.in_force());
    assert_eq!(agreed.reviews[1].next_review, None, "ended: no next review");
    assert!(
        case.reminder_due(rules(), datetime!(2027-06-07 10:00 UTC))
            .is_none_or(|p| p.deadline != DeadlineKind::ReviewAdjustments)
    );
}

fn person(preferred: ContactMethod, email: &str) -> Submitter {
    let contact = Contact::parse(&ContactForm {
        name: "Rhian Evans".into(),
        email: email.into(),
        phone: "01632 960001".into(),
        address: "1 High Street, Town".into(),
        postcode: "CF10 1AA".into(),
        preferred: Some(preferred),
    })
    .unwrap();
    Submitter::Identified(Box::new(Person {
        contact,
        representative: None,
        adjustments: Adjustments::default(),
    }))
}

fn terms(contact: ContactMethod, format: Format) -> AgreedAdjustments {
    AgreedAdjustments {
        needs: vec![],
        notes: None,
        format,
        contact,
        agreed_by: OfficerId("ann".into()),
        agreed_on: date!(2026 - 11 - 30),
        review_by: Some(date!(2027 - 03 - 01)),
        reviews: vec![],
        last_reminder: None,
    }
}

#[test]
fn email_goes_out_only_for_email_in_the_standard_format() {
    let email = person(ContactMethod::Email, "rhian@example.com");
    assert_eq!(
        delivery(&email, None),
        Delivery::Email("rhian@example.com".into())
    );
    assert_eq!(delivery(&Submitter::Anonymous, None), Delivery::Nobody);
    // The resident's own choice of post or phone: an officer sends it.
    assert_eq!(
        delivery(&person(ContactMethod::Post, "rhian@example.com"), None),
        Delivery::Officer {
            contact: ContactMethod::Post,
            format: Format::Standard
        }
    );
    // Agreed terms override the form: letters, though they gave an email address.
    assert_eq!(
        delivery(&email, Some(&terms(ContactMethod::Post, Format::Standard))),
        Delivery::Officer {
            contact: ContactMethod::Post,
            format: Format::Standard
        }
    );
    // Large print by email is still produced by an officer first.
    assert_eq!(
        delivery(
            &email,
            Some(&terms(ContactMethod::Email, Format::LargePrint))
        ),
        Delivery::Officer {
            contact: ContactMethod::Email,
            format: Format::LargePrint
        }
    );
    assert_eq!(
        delivery(
            &person(ContactMethod::Phone, ""),
            Some(&terms(ContactMethod::Phone, Format::EasyRead))
        ),
        Delivery::Officer {
            contact: ContactMethod::Phone,
            format: Format::EasyRead
        }
    );
    // Ended terms no longer apply: back to the resident's own choice.
    let mut ended = terms(ContactMethod::Post, Format::LargePrint);
    ended.review_by = None;
    assert_eq!(
        delivery(&email, Some(&ended)),
        Delivery::Email("rhian@example.com".into())
    );
}
