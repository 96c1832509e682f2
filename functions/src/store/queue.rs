//! The queue's reads: one page of a council's cases, filtered, sorted and searched, as
//! every adapter answers it, and the keys both adapters index a case by.
//!
//! A case's **position** under a sort is one string, `{value}#{year:04}{sequence:010}#{reference}`,
//! whose text order is the queue's order (the reference breaks ties, newest last). The
//! stores index these strings (SQLite columns, DynamoDB index sort keys) and a page
//! resumes after the position of the last case it read, so a page costs what it reads,
//! never the council's whole caseload, and a case that changes between two pages is seen
//! at most once (at its old or its new place).
//!
//! A search's **terms** are whole words, written once here for both the case (what it is
//! indexed under) and the query (what is looked up), so both stores match alike.

use super::{CaseFilter, CaseRecord};
use feedback_shared::case::Status;
use feedback_shared::contact::Submitter;
use feedback_shared::input::UkPhone;
use feedback_shared::wire::{CaseSort, SortOrder};
use feedback_shared::{Field, Kind, Reference};

/// The most items one page may read from an index before it answers (with a cursor to
/// go on from), when filters skip many of the entries it reads.
pub const READ_BUDGET: usize = 1_000;

/// The most search terms a case is indexed under: each is an index item written in the
/// case's own transaction, which DynamoDB limits to 100 items.
pub const MAX_CASE_TERMS: usize = 64;

/// The most words of a query looked up.
pub const MAX_QUERY_TERMS: usize = 8;

/// A page of the queue, as a store is asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseQuery {
    pub filter: CaseFilter,
    /// Search terms from [`query_terms`]: only cases with every one match, newest
    /// reference first (`sort` and `order` then do not apply).
    pub terms: Vec<String>,
    pub sort: CaseSort,
    pub order: SortOrder,
    /// The most cases to return (1 or more).
    pub limit: usize,
    /// The position (under this sort) of the last case the previous page read.
    pub after: Option<String>,
}

impl CaseQuery {
    /// The sort and order actually applied: a search lists newest first.
    pub fn effective_sort(&self) -> (CaseSort, SortOrder) {
        if self.terms.is_empty() {
            (self.sort, self.order)
        } else {
            (CaseSort::Reference, SortOrder::Desc)
        }
    }
}

/// What a store read for one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePage {
    pub records: Vec<CaseRecord>,
    /// Where the next page starts; `None` when there is nothing after this page.
    pub next: Option<String>,
    /// Items the store read: index entries and cases.
    pub items_read: u64,
}

/// The queue's counts, as a store makes them: by status, stage and kind (their wire
/// names; stage `1` or `2`), open and overdue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueCounts {
    pub status: std::collections::BTreeMap<String, u64>,
    pub stage: std::collections::BTreeMap<String, u64>,
    pub kind: std::collections::BTreeMap<String, u64>,
    pub open: u64,
    pub overdue: u64,
    pub items_read: u64,
}

impl QueueCounts {
    /// Counts `n` cases with these values.
    pub fn add(&mut self, status: &str, stage: u8, kind: &str, overdue: bool, n: u64) {
        *self.status.entry(status.to_owned()).or_default() += n;
        if stage > 0 {
            *self.stage.entry(stage.to_string()).or_default() += n;
        }
        *self.kind.entry(kind.to_owned()).or_default() += n;
        if open_statuses().iter().any(|s| s == status) {
            self.open += n;
        }
        if overdue {
            self.overdue += n;
        }
    }
}

/// The sortable value of `record` under `sort`; see the module documentation.
pub fn sort_value(record: &CaseRecord, sort: CaseSort) -> String {
    let case = &record.case;
    match sort {
        // No deadline left (a finished case) sorts after every date.
        CaseSort::Deadline => case
            .next_deadline()
            .map(date_key)
            .unwrap_or_else(|| "9999-12-31".into()),
        CaseSort::Received => format!("{:012}", case.received_at.unix_timestamp().max(0)),
        CaseSort::Reference => String::new(),
        // The order cases move through the procedure, not the alphabet.
        CaseSort::Status => {
            let rank = match case.status {
                Status::Received => 1,
                Status::Acknowledged => 2,
                Status::Responded => 3,
                Status::Closed => 4,
                Status::Withdrawn => 5,
                Status::NotAccepted => 6,
            };
            rank.to_string()
        }
        CaseSort::Kind => Kind::ALL
            .iter()
            .position(|k| *k == case.kind)
            .unwrap_or_default()
            .to_string(),
        CaseSort::Service => record.details.service.clone(),
        CaseSort::Stage => case.stage().map_or(0, u8::from).to_string(),
        // Unassigned ("") first.
        CaseSort::Assigned => case
            .assigned_to
            .as_ref()
            .map(|o| o.0.clone())
            .unwrap_or_default(),
    }
}

/// What both stores index a case by for the queue: the filtered values as text (enums by
/// their wire names) and its position under every sort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    pub status: String,
    pub kind: String,
    pub channel: String,
    pub service: String,
    /// 0 when the case is not at a stage.
    pub stage: u8,
    /// "" when nobody is assigned.
    pub assigned: String,
    pub received_on: String,
    pub next_due: Option<String>,
    /// The position under each of [`CaseSort::ALL`], in that order.
    pub positions: Vec<String>,
    pub terms: Vec<String>,
}

impl QueueEntry {
    pub fn of(record: &CaseRecord) -> Self {
        let case = &record.case;
        QueueEntry {
            status: wire_name(&case.status),
            kind: wire_name(&case.kind),
            channel: wire_name(&case.channel),
            service: record.details.service.clone(),
            stage: case.stage().map_or(0, u8::from),
            assigned: case
                .assigned_to
                .as_ref()
                .map(|o| o.0.clone())
                .unwrap_or_default(),
            received_on: date_key(case.received_on()),
            next_due: case.next_deadline().map(date_key),
            positions: CaseSort::ALL
                .iter()
                .map(|sort| position(record, *sort))
                .collect(),
            terms: case_terms(record),
        }
    }

    pub fn position(&self, sort: CaseSort) -> &str {
        let i = CaseSort::ALL.iter().position(|s| *s == sort).unwrap_or(0);
        &self.positions[i]
    }
}

/// The JSON name of a wire enum's value (`not_accepted`), as the stores keep it.
pub fn wire_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// The statuses `open` admits, by their wire names.
pub fn open_statuses() -> Vec<String> {
    [Status::Received, Status::Acknowledged, Status::Responded]
        .iter()
        .map(wire_name)
        .collect()
}

/// `record`'s position under `sort`; see the module documentation.
pub fn position(record: &CaseRecord, sort: CaseSort) -> String {
    let reference = record.reference();
    format!(
        "{}#{:04}{:010}#{reference}",
        sort_value(record, sort),
        reference.year(),
        reference.sequence()
    )
}

/// The reference a position ends with, if it is a position at all.
pub fn position_reference(position: &str) -> Option<Reference> {
    let (head, reference) = position.rsplit_once('#')?;
    let reference: Reference = reference.parse().ok()?;
    let expected = format!("{:04}{:010}", reference.year(), reference.sequence());
    head.ends_with(&expected).then_some(reference)
}

/// `YYYY-MM-DD`, whose text order is date order.
pub fn date_key(day: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// The terms `record` is found by: its reference, the email address and phone number
/// (national digits) given, the words of the name (and of the represented person's
/// name) and of what happened. At most
/// [`MAX_CASE_TERMS`], the first words first.
pub fn case_terms(record: &CaseRecord) -> Vec<String> {
    let mut terms = vec![record.reference().to_string().to_lowercase()];
    let push = |term: String, terms: &mut Vec<String>| {
        if !term.is_empty() && !terms.contains(&term) && terms.len() < MAX_CASE_TERMS {
            terms.push(term);
        }
    };
    if let Submitter::Identified(person) = &record.details.submitter {
        let contact = &person.contact;
        if let Some(email) = &contact.email {
            push(email.as_str().to_lowercase(), &mut terms);
        }
        if let Some(phone) = &contact.phone {
            push(phone.as_str().to_owned(), &mut terms);
        }
        for word in words(contact.name.as_str()) {
            push(word, &mut terms);
        }
        // A person search finds the person a representative acted for by name too.
        if let Some(representative) = &person.representative {
            for word in words(representative.represented_name.as_str()) {
                push(word, &mut terms);
            }
        }
    }
    for word in words(record.details.what_happened.as_str()) {
        push(word, &mut terms);
    }
    terms
}

/// The terms a search for `q` looks up: a reference, an email address or a phone number
/// as one term each, otherwise up to [`MAX_QUERY_TERMS`] words.
pub fn query_terms(q: &str) -> Vec<String> {
    let q = q.trim();
    if q.is_empty() {
        return Vec::new();
    }
    if let Ok(reference) = q.parse::<Reference>() {
        return vec![reference.to_string().to_lowercase()];
    }
    if q.contains('@') && !q.contains(char::is_whitespace) {
        return vec![q.to_lowercase()];
    }
    if let Ok(phone) = UkPhone::parse(Field::Phone, q) {
        return vec![phone.as_str().to_owned()];
    }
    let mut terms: Vec<String> = Vec::new();
    for word in words(q) {
        if !terms.contains(&word) && terms.len() < MAX_QUERY_TERMS {
            terms.push(word);
        }
    }
    terms
}

/// The words of `text` (runs of letters and digits, two or more long), folded (case and
/// accents aside: [`super::fold`]), so that a search for "Sian" finds "Siân".
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(super::fold::fold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_one_term_for_a_reference_email_or_phone_else_its_words() {
        assert_eq!(query_terms(" demo-2026-000042 "), ["demo-2026-000042"]);
        assert_eq!(query_terms("Ann@Example.org"), ["ann@example.org"]);
        assert_eq!(query_terms("07700 900 123"), ["07700900123"]);
        assert_eq!(query_terms("+44 7700 900123"), ["07700900123"]);
        assert_eq!(
            query_terms("Broken  bin, broken LID"),
            ["broken", "bin", "lid"]
        );
        assert!(query_terms("  ").is_empty());
        assert!(
            query_terms("a ! ?").is_empty(),
            "one-letter words are not looked up"
        );
    }

    #[test]
    fn a_position_gives_back_its_reference_and_refuses_anything_else() {
        let reference: Reference = "DEMO-2026-000042".parse().unwrap();
        let position = format!("2026-12-01#20260000000042#{reference}");
        assert_eq!(position_reference(&position), Some(reference));
        assert_eq!(
            position_reference("2026-12-01#20260000000043#DEMO-2026-000042"),
            None
        );
        assert_eq!(position_reference("nonsense"), None);
    }
}
