//! The report's equality monitoring figures: how residents answered each of
//! [`QUESTIONS`], counted from the answers alone, never joined to a case.
//!
//! Answers carry no date finer than the calendar year they were given in (see
//! `equality.rs`), so a period cannot pick out its own answers: the figures count the
//! answers of **every calendar year the period touches** (a financial year touches two),
//! and the note says which years. For the same reason the response rate compares them
//! with the feedback received in those same calendar years, not in the period: both sides
//! of the fraction then cover the same days.
//!
//! Every count from 1 to 4 is published as "fewer than 5" ([`suppress`]), the number of
//! responses too, and the rate with it.

use super::{Period, percent, suppress};
use crate::equality::{EqualityAnswers, QUESTIONS};
use serde::{Deserialize, Serialize};

/// The code and words of the row counting the responses that skipped a question.
pub const NOT_ANSWERED: (&str, &str) = ("not_answered", "Not answered");

/// Aggregate equality monitoring, safe to publish: every count is `None` ("fewer than
/// 5") when it is 1 to 4.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Equality {
    /// The calendar years whose answers are counted: every year the period touches.
    pub years: Vec<i32>,
    /// Sets of answers given in those years; none when fewer than 5.
    pub responses: Option<u32>,
    /// Feedback received in the same calendar years: what the rate is taken of.
    pub received: u32,
    /// `responses` as a percentage of `received`, one decimal place; none when the
    /// responses are fewer than 5 or nothing was received.
    pub response_rate_percent: Option<f64>,
    /// Every question, in the order the widget asks them.
    pub questions: Vec<EqualityQuestion>,
    pub note: String,
}

/// One question's answers, in the order the widget offers them, then "Not answered".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EqualityQuestion {
    /// The question's name, as the widget sends it (`age`).
    pub question: String,
    /// The question as residents read it in English.
    pub text: String,
    pub answers: Vec<EqualityCount>,
}

/// How many responses gave one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EqualityCount {
    /// The answer's code (`25_44`), or `not_answered`.
    pub answer: String,
    /// The answer as residents read it in English.
    pub label: String,
    /// None when fewer than 5 (1 to 4) gave it.
    pub count: Option<u32>,
}

/// The calendar years `period` touches, first to last.
pub fn years(period: Period) -> Vec<i32> {
    (period.from.year()..=period.to.year()).collect()
}

/// The first and last dates of the calendar years `period` touches: the dates whose
/// feedback received the response rate divides by.
pub fn years_span(period: Period) -> (time::Date, time::Date) {
    let first = time::Date::from_calendar_date(period.from.year(), time::Month::January, 1);
    let last = time::Date::from_calendar_date(period.to.year(), time::Month::December, 31);
    (first.unwrap_or(period.from), last.unwrap_or(period.to))
}

/// The equality figures for `period` from `answers`, which must be every set of answers
/// kept for the council in [`years`]`(period)`, and `received`, the feedback the council
/// received in those years (for the rate). Pure: the caller reads both.
pub fn figures(period: Period, received: u32, answers: &[EqualityAnswers]) -> Equality {
    let years = years(period);
    let responses = u32::try_from(answers.len()).unwrap_or(u32::MAX);
    let questions = QUESTIONS
        .iter()
        .map(|q| {
            let given = |code: &str| {
                answers
                    .iter()
                    .filter(|a| a.0.get(q.name).map(String::as_str) == Some(code))
                    .count()
            };
            let mut rows: Vec<EqualityCount> = q
                .answers
                .iter()
                .map(|(code, en, _)| EqualityCount {
                    answer: (*code).to_owned(),
                    label: (*en).to_owned(),
                    count: suppress(u32::try_from(given(code)).unwrap_or(u32::MAX)),
                })
                .collect();
            // Skipped, or (from data kept before a code was withdrawn) no longer a known
            // answer: either way not one of the answers above.
            let known = |a: &EqualityAnswers| {
                a.0.get(q.name)
                    .is_some_and(|code| q.answers.iter().any(|(c, _, _)| c == code))
            };
            let not_answered = answers.iter().filter(|a| !known(a)).count();
            rows.push(EqualityCount {
                answer: NOT_ANSWERED.0.to_owned(),
                label: NOT_ANSWERED.1.to_owned(),
                count: suppress(u32::try_from(not_answered).unwrap_or(u32::MAX)),
            });
            EqualityQuestion {
                question: q.name.to_owned(),
                text: q.en.to_owned(),
                answers: rows,
            }
        })
        .collect();
    let shown = suppress(responses);
    Equality {
        response_rate_percent: shown.and_then(|n| percent(n, received)),
        responses: shown,
        received,
        questions,
        note: note(&years),
        years,
    }
}

/// Says which years are counted, and why, in words a reader of the report follows.
fn note(years: &[i32]) -> String {
    let words: Vec<String> = years.iter().map(i32::to_string).collect();
    let listed = match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let outside = if years.len() > 1 {
        ", so some may have been given outside the period"
    } else {
        ""
    };
    format!(
        "Equality answers are kept apart from cases and by calendar year only; this report \
         counts those given in {listed}{outside}. The response rate compares them with the \
         feedback received in the same calendar years. Groups of fewer than 5 are not \
         shown, so that no one can be identified."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn set(pairs: &[(&str, &str)]) -> EqualityAnswers {
        EqualityAnswers(
            pairs
                .iter()
                .map(|(q, a)| ((*q).to_owned(), (*a).to_owned()))
                .collect(),
        )
    }

    fn count(e: &Equality, question: &str, answer: &str) -> Option<u32> {
        e.questions
            .iter()
            .find(|q| q.question == question)
            .and_then(|q| q.answers.iter().find(|a| a.answer == answer))
            .unwrap_or_else(|| panic!("no row {question}/{answer}"))
            .count
    }

    #[test]
    fn five_are_shown_four_are_fewer_than_five_and_none_is_zero() {
        let mut answers = vec![set(&[("age", "25_44"), ("sex", "female")]); 5];
        answers.extend(vec![
            set(&[("age", "65_plus"), ("sex", "prefer_not_to_say")]);
            4
        ]);
        answers.push(set(&[("disability", "prefer_not_to_say")]));
        let fy = Period::financial_year(2026).unwrap();
        let e = figures(fy, 0, &answers);

        assert_eq!(e.responses, Some(10));
        assert_eq!(count(&e, "age", "25_44"), Some(5));
        assert_eq!(count(&e, "age", "65_plus"), None, "4 is fewer than 5");
        assert_eq!(count(&e, "age", "under_25"), Some(0));
        assert_eq!(count(&e, "age", "not_answered"), None, "1 skipped it");
        assert_eq!(count(&e, "sex", "female"), Some(5));
        assert_eq!(count(&e, "sex", "prefer_not_to_say"), None);
        assert_eq!(count(&e, "disability", "prefer_not_to_say"), None);
        assert_eq!(count(&e, "disability", "not_answered"), Some(9));
        assert_eq!(count(&e, "ethnic_group", "not_answered"), Some(10));
        assert_eq!(count(&e, "ethnic_group", "white"), Some(0));
    }

    #[test]
    fn every_question_and_answer_in_order_then_not_answered() {
        let e = figures(Period::financial_year(2026).unwrap(), 0, &[]);
        let names: Vec<&str> = e.questions.iter().map(|q| q.question.as_str()).collect();
        assert_eq!(names, ["age", "disability", "ethnic_group", "sex"]);
        for (q, question) in e.questions.iter().zip(QUESTIONS) {
            let codes: Vec<&str> = q.answers.iter().map(|a| a.answer.as_str()).collect();
            let mut expected: Vec<&str> = question.answers.iter().map(|(c, _, _)| *c).collect();
            expected.push("not_answered");
            assert_eq!(codes, expected);
            assert_eq!(codes[codes.len() - 2], "prefer_not_to_say");
            assert!(q.answers.iter().all(|a| a.count == Some(0)));
        }
        assert_eq!(e.questions[0].answers[1].label, "25 to 44");
        assert_eq!(e.responses, Some(0));
        assert_eq!(e.response_rate_percent, None, "nothing received");
    }

    #[test]
    fn prefer_not_to_say_is_an_answer_not_a_skip() {
        let answers = vec![set(&[("sex", "prefer_not_to_say")]); 6];
        let e = figures(Period::financial_year(2026).unwrap(), 0, &answers);
        assert_eq!(count(&e, "sex", "prefer_not_to_say"), Some(6));
        assert_eq!(count(&e, "sex", "not_answered"), Some(0));
        assert_eq!(count(&e, "age", "not_answered"), Some(6));
    }

    #[test]
    fn fewer_than_five_responses_hide_the_count_and_the_rate() {
        let answers = vec![set(&[("age", "under_25")]); 4];
        let e = figures(Period::financial_year(2026).unwrap(), 0, &answers);
        assert_eq!(e.responses, None);
        assert_eq!(e.response_rate_percent, None);
    }

    #[test]
    fn the_note_names_every_calendar_year_the_period_touches() {
        let fy = Period::financial_year(2026).unwrap();
        assert_eq!(years(fy), [2026, 2027]);
        let e = figures(fy, 0, &[]);
        assert_eq!(e.years, [2026, 2027]);
        assert!(
            e.note
                .contains("counts those given in 2026 and 2027, so some may"),
            "{}",
            e.note
        );
        let q2 = Period::quarter(2026, 2).unwrap();
        let one = figures(q2, 0, &[]);
        assert_eq!(one.years, [2026]);
        assert!(
            one.note.contains("given in 2026. The response rate"),
            "{}",
            one.note
        );
        let three = Period::new(date!(2026 - 12 - 01), date!(2028 - 01 - 31)).unwrap();
        assert!(
            figures(three, 0, &[])
                .note
                .contains("given in 2026, 2027 and 2028,")
        );
    }
}
