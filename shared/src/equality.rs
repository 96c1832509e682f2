//! Optional equality monitoring. The answers help a council see whether some groups
//! complain less or fare worse; they are never joined to a case, so they carry no
//! reference, no name and no date finer than the year.
//!
//! Every question offers "Prefer not to say", and every question may be skipped.

use serde::{Deserialize, Serialize};

/// One equality question: its JSON name, its words, and its answers as (code, en, cy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub name: &'static str,
    pub en: &'static str,
    pub cy: &'static str,
    pub answers: &'static [(&'static str, &'static str, &'static str)],
}

/// The answer every question offers.
pub const PREFER_NOT_TO_SAY: (&str, &str, &str) = (
    "prefer_not_to_say",
    "Prefer not to say",
    "Mae’n well gennyf beidio â dweud",
);

/// The questions, in the order the widget asks them. Broad groups only (the 2021 Census
/// headings, in the wording used in Wales, which also fits England), so a small council's
/// figures cannot point to a person.
pub const QUESTIONS: [Question; 4] = [
    Question {
        name: "age",
        en: "What is your age?",
        cy: "Beth yw eich oed?",
        answers: &[
            ("under_25", "Under 25", "O dan 25"),
            ("25_44", "25 to 44", "25 i 44"),
            ("45_64", "45 to 64", "45 i 64"),
            ("65_plus", "65 or over", "65 neu’n hŷn"),
            PREFER_NOT_TO_SAY,
        ],
    },
    Question {
        name: "disability",
        en: "Do you have a disability or a long-term health condition?",
        cy: "Oes gennych chi anabledd neu gyflwr iechyd hirdymor?",
        answers: &[
            ("yes", "Yes", "Oes"),
            ("no", "No", "Nac oes"),
            PREFER_NOT_TO_SAY,
        ],
    },
    Question {
        name: "ethnic_group",
        en: "What is your ethnic group?",
        cy: "Beth yw eich grŵp ethnig?",
        answers: &[
            (
                "asian",
                "Asian or Asian British",
                "Asiaidd neu Asiaidd Prydeinig",
            ),
            (
                "black",
                "Black, Black British, Caribbean or African",
                "Du, Du Prydeinig, Caribïaidd neu Affricanaidd",
            ),
            (
                "mixed",
                "Mixed or multiple ethnic groups",
                "Grwpiau ethnig cymysg neu luosog",
            ),
            ("white", "White", "Gwyn"),
            ("other", "Another ethnic group", "Grŵp ethnig arall"),
            PREFER_NOT_TO_SAY,
        ],
    },
    Question {
        name: "sex",
        en: "What is your sex?",
        cy: "Beth yw eich rhyw?",
        answers: &[
            ("female", "Female", "Benyw"),
            ("male", "Male", "Gwryw"),
            PREFER_NOT_TO_SAY,
        ],
    },
];

/// A set of answers: question name to answer code. Unanswered questions are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct EqualityAnswers(pub std::collections::BTreeMap<String, String>);

/// Why a set of answers was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EqualityError {
    #[error("`{0}` is not an equality question")]
    UnknownQuestion(String),
    #[error("`{answer}` is not an answer to `{question}`")]
    UnknownAnswer { question: String, answer: String },
    #[error("no question was answered")]
    Empty,
}

impl EqualityAnswers {
    /// Accepts only the questions and answer codes in [`QUESTIONS`], and at least one.
    pub fn check(&self) -> Result<(), EqualityError> {
        if self.0.is_empty() {
            return Err(EqualityError::Empty);
        }
        for (question, answer) in &self.0 {
            let q = QUESTIONS
                .iter()
                .find(|q| q.name == question)
                .ok_or_else(|| EqualityError::UnknownQuestion(question.clone()))?;
            if !q.answers.iter().any(|(code, _, _)| code == answer) {
                return Err(EqualityError::UnknownAnswer {
                    question: question.clone(),
                    answer: answer.clone(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> EqualityAnswers {
        EqualityAnswers(
            pairs
                .iter()
                .map(|(q, a)| (q.to_string(), a.to_string()))
                .collect(),
        )
    }

    #[test]
    fn every_question_offers_prefer_not_to_say() {
        for q in QUESTIONS {
            assert!(q.answers.contains(&PREFER_NOT_TO_SAY), "{}", q.name);
        }
    }

    #[test]
    fn known_answers_pass_and_unknown_ones_are_named() {
        assert_eq!(
            answers(&[("age", "25_44"), ("sex", "prefer_not_to_say")]).check(),
            Ok(())
        );
        assert_eq!(
            answers(&[("age", "30")]).check(),
            Err(EqualityError::UnknownAnswer {
                question: "age".into(),
                answer: "30".into()
            })
        );
        assert_eq!(
            answers(&[("postcode", "AB1")]).check(),
            Err(EqualityError::UnknownQuestion("postcode".into()))
        );
        assert_eq!(answers(&[]).check(), Err(EqualityError::Empty));
    }
}
