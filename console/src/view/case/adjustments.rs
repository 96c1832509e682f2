//! The timeline's words for the reasonable adjustments agreed with a resident (Code 5.6)
//! and their reviews. Recording and reviewing them from the case page is still to come;
//! the API's actions route takes both today.

use crate::deadline::long_date;
use feedback_shared::case::{Action, Format, ReviewDecision};
use feedback_shared::contact::{Adjustment, ContactMethod};

fn need(need: Adjustment) -> &'static str {
    match need {
        Adjustment::LargePrint => "large print",
        Adjustment::EasyRead => "easy read",
        Adjustment::PhoneInsteadOfWriting => "phone instead of writing",
        Adjustment::WritingInsteadOfPhone => "writing instead of phone",
        Adjustment::Advocate => "an advocate",
        Adjustment::ExtraTime => "extra time",
        Adjustment::SinglePointOfContact => "a single point of contact",
        Adjustment::Interpreter => "an interpreter",
        Adjustment::Other => "other",
    }
}

fn contact(method: ContactMethod) -> &'static str {
    match method {
        ContactMethod::Email => "by email",
        ContactMethod::Phone => "by phone",
        ContactMethod::Post => "by post",
    }
}

fn format(format: Format) -> &'static str {
    match format {
        Format::Standard => "",
        Format::LargePrint => ", in large print",
        Format::EasyRead => ", in easy read",
    }
}

/// The timeline's title and words for an adjustments event.
pub(super) fn describe(action: &Action) -> Option<(String, String)> {
    Some(match action {
        Action::AgreeAdjustments { terms } => {
            let needs: Vec<_> = terms.needs.iter().map(|n| need(*n)).collect();
            let needs = if needs.is_empty() {
                String::new()
            } else {
                format!("{}. ", needs.join(", "))
            };
            (
                "Adjustments agreed".into(),
                format!(
                    "{needs}Contact {}{}. Review by {}",
                    contact(terms.contact),
                    format(terms.format),
                    long_date(terms.review_by)
                ),
            )
        }
        Action::ReviewAdjustments {
            decision,
            note,
            next_review,
        } => {
            let title = match decision {
                ReviewDecision::Kept => "Adjustments reviewed: kept",
                ReviewDecision::Changed => "Adjustments reviewed: changed",
                ReviewDecision::Ended => "Adjustments ended",
            };
            let next = next_review
                .map(|d| format!(" Next review by {}.", long_date(d)))
                .unwrap_or_default();
            (title.into(), format!("{note}{next}"))
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use feedback_shared::Field;
    use feedback_shared::case::AdjustmentTerms;
    use feedback_shared::input::LongText;
    use time::macros::date;

    #[test]
    fn the_timeline_says_what_was_agreed_and_when_it_is_reviewed() {
        let agreed = Action::AgreeAdjustments {
            terms: AdjustmentTerms {
                needs: vec![Adjustment::LargePrint, Adjustment::Advocate],
                notes: None,
                format: Format::LargePrint,
                contact: ContactMethod::Post,
                review_by: date!(2027 - 05 - 24),
            },
        };
        let (title, words) = describe(&agreed).unwrap();
        assert_eq!(title, "Adjustments agreed");
        assert!(words.starts_with("large print, an advocate. Contact by post, in large print."));
        assert!(words.contains("Review by"), "{words}");
        let ended = Action::ReviewAdjustments {
            decision: ReviewDecision::Ended,
            note: LongText::parse(Field::Note, "No longer needed").unwrap(),
            next_review: None,
        };
        assert_eq!(
            describe(&ended).unwrap(),
            ("Adjustments ended".into(), "No longer needed".into())
        );
    }
}
