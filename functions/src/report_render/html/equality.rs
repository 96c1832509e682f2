//! Equality monitoring: how many responded and the rate, a table per question, and the
//! note saying which calendar years are counted; a partnership's side by side. A count
//! of 1 to 4 is written "Fewer than 5".

use super::blocks::{heading, paragraph, table};
use super::words::{join_words, percent_text, plural};
use crate::html::escape;
use feedback_shared::report::{Equality, Report, SUPPRESS_BELOW};
use std::fmt::Write;

fn shown(count: Option<u32>) -> String {
    count.map_or_else(|| format!("Fewer than {SUPPRESS_BELOW}"), |n| n.to_string())
}

fn years_text(e: &Equality) -> String {
    let years: Vec<String> = e.years.iter().map(i32::to_string).collect();
    let years: Vec<&str> = years.iter().map(String::as_str).collect();
    join_words(&years)
}

/// The responses and the rate, in a sentence.
fn responses_text(e: &Equality) -> String {
    let years = years_text(e);
    match e.responses {
        Some(0) => format!("No equality monitoring responses were given in {years}."),
        Some(n) => match e.response_rate_percent {
            Some(rate) => format!(
                "{} given in {years}: {rate}% of the {} received in the same years.",
                plural(n, "response was", "responses were"),
                plural(e.received, "piece of feedback", "pieces of feedback"),
            ),
            None => format!(
                "{} given in {years}, when no feedback was received, so there is no rate.",
                plural(n, "response was", "responses were"),
            ),
        },
        None => format!(
            "Fewer than {SUPPRESS_BELOW} responses were given in {years}; the number and the \
             rate are not shown so that no one can be identified."
        ),
    }
}

pub(super) fn equality(out: &mut String, r: &Report, id: &str, level: u8) {
    let e = &r.equality;
    heading(out, level, &format!("{id}-equality"), "Equality monitoring");
    paragraph(out, &responses_text(e));
    for q in &e.questions {
        let rows: Vec<(String, Vec<String>)> = q
            .answers
            .iter()
            .map(|a| (a.label.clone(), vec![shown(a.count)]))
            .collect();
        table(out, &q.text, &["Answer", "Responses"], &rows, true);
    }
    if !e.note.trim().is_empty() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&e.note));
    }
}

/// A partnership's equality figures, a column per council: the responses and rate, then
/// every question's answers.
pub(super) fn equality_comparison(out: &mut String, reports: &[Report]) {
    heading(
        out,
        2,
        "equality-comparison",
        "Equality monitoring across the partnership",
    );
    let mut head = vec!["Answer"];
    head.extend(reports.iter().map(|r| r.council_name.as_str()));
    let per_council = |f: &dyn Fn(&Equality) -> String| -> Vec<String> {
        reports.iter().map(|r| f(&r.equality)).collect()
    };
    let summary = vec![
        (
            "Calendar years counted".to_owned(),
            per_council(&years_text),
        ),
        ("Responses".to_owned(), per_council(&|e| shown(e.responses))),
        (
            "Response rate".to_owned(),
            per_council(&|e| match e.responses {
                None => "Not shown".to_owned(),
                Some(_) => percent_text(e.response_rate_percent),
            }),
        ),
    ];
    table(
        out,
        "Equality monitoring responses by council",
        &head,
        &summary,
        true,
    );
    let Some(first) = reports.first() else {
        return;
    };
    // Every report lists the same questions and answers in the same order.
    for (i, q) in first.equality.questions.iter().enumerate() {
        let rows: Vec<(String, Vec<String>)> = q
            .answers
            .iter()
            .enumerate()
            .map(|(j, a)| {
                let counts = reports
                    .iter()
                    .map(|r| {
                        r.equality
                            .questions
                            .get(i)
                            .and_then(|q| q.answers.get(j))
                            .map_or_else(String::new, |a| shown(a.count))
                    })
                    .collect();
                (a.label.clone(), counts)
            })
            .collect();
        table(out, &format!("{} (by council)", q.text), &head, &rows, true);
    }
}
