//! The running sums both stores keep beside the cases, in the same write as each case
//! change, so that the annual report and the dashboard read what their figures need and
//! never every case:
//!
//! - the report's facts summed by date ([`Tally`], one record a council a day), and the
//!   learning recorded with responses (one record each, dated by the response);
//! - the **census**: the council's cases counted by where they stand now (status, stage
//!   and kind) and its open cases by their next deadline, one record a council, from
//!   which the dashboard's and the queue's counts are read.
//!
//! A change is the case's new contribution less its old one ([`AggregateChange::of`]); the
//! adapters add it. `feedback aggregates --rebuild` recomputes everything from the cases
//! ([`Aggregates::of_cases`]) should the sums ever be in doubt, or a new figure need them.

use super::CaseRecord;
use super::queue::{QueueCounts, QueueEntry, date_key};
use feedback_shared::report::{CaseFacts, Learning, LearningChange, Tally, case_facts};
use std::collections::BTreeMap;
use time::Date;

/// The census's counts, by key: `n|{status}|{stage}|{kind}` (wire names; stage 0 when
/// the case is at no stage) for every case, and `due|{YYYY-MM-DD}` for every case with a
/// deadline ahead of it. A zero count is never kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Census {
    pub counts: BTreeMap<String, i64>,
}

/// One case's place in the census, read back from a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CensusKey {
    Standing {
        status: String,
        stage: u8,
        kind: String,
    },
    Due(String),
}

impl CensusKey {
    pub fn parse(key: &str) -> Option<CensusKey> {
        match key.split('|').collect::<Vec<_>>().as_slice() {
            ["n", status, stage, kind] => Some(CensusKey::Standing {
                status: (*status).to_owned(),
                stage: stage.parse().ok()?,
                kind: (*kind).to_owned(),
            }),
            ["due", day] => Some(CensusKey::Due((*day).to_owned())),
            _ => None,
        }
    }
}

impl Census {
    fn keys(record: &CaseRecord) -> Vec<String> {
        let entry = QueueEntry::of(record);
        let mut keys = vec![format!("n|{}|{}|{}", entry.status, entry.stage, entry.kind)];
        if let Some(due) = entry.next_due {
            keys.push(format!("due|{due}"));
        }
        keys
    }

    pub fn add(&mut self, key: &str, n: i64) {
        if n == 0 {
            return;
        }
        let count = self.counts.entry(key.to_owned()).or_default();
        *count += n;
        if *count == 0 {
            self.counts.remove(key);
        }
    }

    pub fn merge(&mut self, other: &Census) {
        for (key, n) in &other.counts {
            self.add(key, *n);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The queue's counts on the London date `today`: one record read.
    pub fn queue_counts(&self, today: Date) -> QueueCounts {
        let today = date_key(today);
        let mut counts = QueueCounts {
            items_read: 1,
            ..QueueCounts::default()
        };
        for (key, n) in &self.counts {
            let n = u64::try_from(*n).unwrap_or(0);
            match CensusKey::parse(key) {
                Some(CensusKey::Standing {
                    status,
                    stage,
                    kind,
                }) => counts.add(&status, stage, &kind, false, n),
                Some(CensusKey::Due(day)) if day < today => counts.overdue += n,
                _ => {}
            }
        }
        counts
    }

    /// Cases whose next deadline falls from `from` to `to` (both included, either open).
    pub fn due_between(&self, from: Option<Date>, to: Option<Date>) -> u64 {
        let (from, to) = (from.map(date_key), to.map(date_key));
        self.counts
            .iter()
            .filter_map(|(key, n)| match CensusKey::parse(key) {
                Some(CensusKey::Due(day))
                    if from.as_ref().is_none_or(|f| &day >= f)
                        && to.as_ref().is_none_or(|t| &day <= t) =>
                {
                    Some(u64::try_from(*n).unwrap_or(0))
                }
                _ => None,
            })
            .sum()
    }

    /// Cases standing where `matches(status, stage, kind)` says.
    pub fn standing(&self, matches: impl Fn(&str, u8, &str) -> bool) -> u64 {
        self.counts
            .iter()
            .filter_map(|(key, n)| match CensusKey::parse(key) {
                Some(CensusKey::Standing {
                    status,
                    stage,
                    kind,
                }) if matches(&status, stage, &kind) => Some(u64::try_from(*n).unwrap_or(0)),
                _ => None,
            })
            .sum()
    }
}

/// What one case write does to the sums.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AggregateChange {
    pub tally: Tally,
    pub learning: LearningChange,
    pub census: Census,
}

fn facts(record: &CaseRecord) -> CaseFacts {
    case_facts(
        &record.case,
        &record.details.service,
        record.details.language,
    )
}

impl AggregateChange {
    /// The change from `old` (none for a new case) to `new`.
    pub fn of(old: Option<&CaseRecord>, new: &CaseRecord) -> Self {
        let (old_facts, new_facts) = (old.map(facts), facts(new));
        let mut census = Census::default();
        for key in Census::keys(new) {
            census.add(&key, 1);
        }
        for key in old.map(Census::keys).unwrap_or_default() {
            census.add(&key, -1);
        }
        AggregateChange {
            tally: Tally::change(old_facts.as_ref(), &new_facts),
            learning: LearningChange::of(old_facts.as_ref(), &new_facts),
            census,
        }
    }
}

/// A council's sums, whole: what the rebuild writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aggregates {
    pub tally: Tally,
    pub learning: Vec<(Date, Learning)>,
    pub census: Census,
}

impl Aggregates {
    /// The sums of `records` (every case of one council), computed afresh.
    pub fn of_cases<'a>(records: impl IntoIterator<Item = &'a CaseRecord>) -> Self {
        let mut all = Aggregates::default();
        for record in records {
            let change = AggregateChange::of(None, record);
            all.add(&change);
        }
        all
    }

    /// Adds a change (a new case's contribution, or a case write's).
    pub fn add(&mut self, change: &AggregateChange) {
        self.tally.merge(&change.tally);
        self.census.merge(&change.census);
        self.learning
            .retain(|entry| !change.learning.removed.contains(entry));
        self.learning.extend(change.learning.added.iter().cloned());
    }
}

impl From<&Aggregates> for AggregateChange {
    /// Everything in `all`, to add (to empty sums, or to the sums of other cases).
    fn from(all: &Aggregates) -> Self {
        AggregateChange {
            tally: all.tally.clone(),
            learning: LearningChange {
                removed: Vec::new(),
                added: all.learning.clone(),
            },
            census: all.census.clone(),
        }
    }
}

/// The record key of a learning entry: the date, the case and the stage, so one
/// response's learning has one record, found by the response's date.
pub fn learning_key(on: Date, learning: &Learning) -> String {
    format!("{}#{}#{}", date_key(on), learning.reference, learning.stage)
}
