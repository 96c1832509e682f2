//! The report's figures as dated facts. Each case contributes facts, each on the London
//! date it happened (received, acknowledged, responded, closed, referred); a period's
//! report counts the facts dated inside it. So the figures can be kept as running sums
//! by date (a store adds a case's change to them in the same write as the case) and a
//! report reads the sums for the period's dates, never every case.
//!
//! A fact is a short text key, stored as it is by both stores: `recv|kind|complaint`,
//! `resp|1|2026-11-02|timely` (a stage 1 response to a stage started on 2 November, on
//! time; the working days are counted from that date when the report is made, so a
//! changed calendar needs no rebuild). Keys never hold personal data: the only free text
//! is a not-accepted reason, which the report prints as it is.

use super::Learning;
use crate::case::{Case, Status};
use crate::feedback::{Channel, Kind};
use crate::language::Language;
use crate::outcome::{OmbudsmanDecision, Outcome, Remedy};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use time::Date;

/// How a response stood against its stage's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Timeliness {
    /// On or before the original response date.
    Timely,
    /// After it, on or before the extended date.
    Extended,
    Late,
}

impl Timeliness {
    fn as_str(self) -> &'static str {
        match self {
            Timeliness::Timely => "timely",
            Timeliness::Extended => "extended",
            Timeliness::Late => "late",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "timely" => Some(Timeliness::Timely),
            "extended" => Some(Timeliness::Extended),
            "late" => Some(Timeliness::Late),
            _ => None,
        }
    }
}

/// One counted fact. Its date is kept beside it, not in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// Feedback received, and its kind, channel and service.
    Received,
    ReceivedKind(Kind),
    ReceivedChannel(Channel),
    ReceivedService(String),
    /// Raised through an MP or councillor.
    ReceivedMp,
    /// A complaint entering stage 1.
    EnteredStage1,
    /// An escalation to stage 2 requested.
    Escalated,
    /// A stage acknowledged; the stage started on `started`.
    Acknowledged {
        stage: u8,
        started: Date,
    },
    /// A stage's response sent.
    Responded {
        stage: u8,
        started: Date,
        timeliness: Timeliness,
    },
    /// A decision at a stage (a response's outcome, or withdrawn or not accepted).
    Decided {
        stage: u8,
        outcome: Outcome,
        service: String,
    },
    Remedy(Remedy),
    /// Not accepted, for this reason (trimmed).
    NotAccepted(String),
    ReferredToOmbudsman,
    OmbudsmanDecided(OmbudsmanDecision),
    /// An action promised in a response (Code 6.6), on the day it was recorded.
    ActionPromised,
    /// A promised action completed, on the day it was done: by its due date or late.
    ActionCompleted {
        on_time: bool,
    },
    /// A promised action still open, on the day it was recorded: it goes when the action
    /// is completed, so the sums always hold the actions open now.
    ActionOpen,
    /// A stage 2 response, on the day it was sent: by someone who did not handle stage 1
    /// (`by_another`), or by someone who did.
    Stage2Handled {
        by_another: bool,
    },
    /// A complaint made in Welsh, on the day it was received.
    ComplaintInWelsh,
    /// A stage response to a complaint made in Welsh, on the day it was sent: in Welsh,
    /// as every message follows the language the complaint was made in.
    ResponseInWelsh,
}

/// A unit enum's serde name (`complaint`, `mp_or_councillor`).
fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn from_name<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

fn day(text: &str) -> Option<Date> {
    crate::input::parse_iso_date(text).ok()
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Received => f.write_str("recv"),
            Fact::ReceivedKind(kind) => write!(f, "recv|kind|{}", name(kind)),
            Fact::ReceivedChannel(channel) => write!(f, "recv|channel|{}", name(channel)),
            Fact::ReceivedService(service) => write!(f, "recv|service|{service}"),
            Fact::ReceivedMp => f.write_str("recv|mp"),
            Fact::EnteredStage1 => f.write_str("recv|stage1"),
            Fact::Escalated => f.write_str("esc"),
            Fact::Acknowledged { stage, started } => write!(f, "ack|{stage}|{started}"),
            Fact::Responded {
                stage,
                started,
                timeliness,
            } => write!(f, "resp|{stage}|{started}|{}", timeliness.as_str()),
            Fact::Decided {
                stage,
                outcome,
                service,
            } => write!(f, "out|{stage}|{}|{service}", name(outcome)),
            Fact::Remedy(remedy) => write!(f, "remedy|{}", name(remedy)),
            Fact::NotAccepted(reason) => write!(f, "na|{reason}"),
            Fact::ReferredToOmbudsman => f.write_str("omb|referred"),
            Fact::OmbudsmanDecided(decision) => write!(f, "omb|decided|{}", name(decision)),
            Fact::ActionPromised => f.write_str("act|promised"),
            Fact::ActionCompleted { on_time: true } => f.write_str("act|done|on_time"),
            Fact::ActionCompleted { on_time: false } => f.write_str("act|done|late"),
            Fact::ActionOpen => f.write_str("act|open"),
            Fact::Stage2Handled { by_another: true } => f.write_str("s2by|other"),
            Fact::Stage2Handled { by_another: false } => f.write_str("s2by|same"),
            Fact::ComplaintInWelsh => f.write_str("cy|complaint"),
            Fact::ResponseInWelsh => f.write_str("cy|response"),
        }
    }
}

impl Fact {
    /// The fact a key names; `None` for a key this version does not know.
    pub fn parse(key: &str) -> Option<Fact> {
        let stage = |text: &str| text.parse::<u8>().ok().filter(|n| matches!(n, 1 | 2));
        Some(match key.split_once('|') {
            None if key == "recv" => Fact::Received,
            None if key == "esc" => Fact::Escalated,
            None => return None,
            Some(("recv", rest)) => match rest.split_once('|') {
                Some(("kind", kind)) => Fact::ReceivedKind(from_name(kind)?),
                Some(("channel", channel)) => Fact::ReceivedChannel(from_name(channel)?),
                Some(("service", service)) => Fact::ReceivedService(service.to_owned()),
                None if rest == "mp" => Fact::ReceivedMp,
                None if rest == "stage1" => Fact::EnteredStage1,
                _ => return None,
            },
            Some(("ack", rest)) => {
                let (n, started) = rest.split_once('|')?;
                Fact::Acknowledged {
                    stage: stage(n)?,
                    started: day(started)?,
                }
            }
            Some(("resp", rest)) => {
                let mut parts = rest.splitn(3, '|');
                Fact::Responded {
                    stage: stage(parts.next()?)?,
                    started: day(parts.next()?)?,
                    timeliness: Timeliness::parse(parts.next()?)?,
                }
            }
            Some(("out", rest)) => {
                let mut parts = rest.splitn(3, '|');
                Fact::Decided {
                    stage: stage(parts.next()?)?,
                    outcome: from_name(parts.next()?)?,
                    service: parts.next()?.to_owned(),
                }
            }
            Some(("remedy", remedy)) => Fact::Remedy(from_name(remedy)?),
            Some(("na", reason)) => Fact::NotAccepted(reason.to_owned()),
            Some(("omb", "referred")) => Fact::ReferredToOmbudsman,
            Some(("omb", rest)) => {
                Fact::OmbudsmanDecided(from_name(rest.strip_prefix("decided|")?)?)
            }
            Some(("act", "promised")) => Fact::ActionPromised,
            Some(("act", "open")) => Fact::ActionOpen,
            Some(("act", "done|on_time")) => Fact::ActionCompleted { on_time: true },
            Some(("act", "done|late")) => Fact::ActionCompleted { on_time: false },
            Some(("s2by", "other")) => Fact::Stage2Handled { by_another: true },
            Some(("s2by", "same")) => Fact::Stage2Handled { by_another: false },
            Some(("cy", "complaint")) => Fact::ComplaintInWelsh,
            Some(("cy", "response")) => Fact::ResponseInWelsh,
            Some(_) => return None,
        })
    }
}

/// Everything one case contributes to the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// Each counted fact with its London date, once per occurrence.
    pub counted: Vec<(Date, Fact)>,
    /// The learning recorded with its responses, dated by the response.
    pub learning: Vec<(Date, Learning)>,
}

/// The facts of `case`, whose service is `service` and which was made in `language`.
pub fn case_facts(case: &Case, service: &str, language: Language) -> CaseFacts {
    let mut counted = Vec::new();
    let mut learning = Vec::new();
    let mut count = |on: Date, fact: Fact| counted.push((on, fact));
    let received = case.received_on();
    count(received, Fact::Received);
    count(received, Fact::ReceivedKind(case.kind));
    count(received, Fact::ReceivedChannel(case.channel));
    count(received, Fact::ReceivedService(service.to_owned()));
    if case.channel == Channel::MpOrCouncillor {
        count(received, Fact::ReceivedMp);
    }
    if case.stage1.is_some() {
        count(received, Fact::EnteredStage1);
    }
    let in_welsh = language == Language::Cy;
    if in_welsh && case.kind == Kind::Complaint {
        count(received, Fact::ComplaintInWelsh);
    }
    for record in [&case.stage1, &case.stage2].into_iter().flatten() {
        let stage = record.stage.number();
        let started = record.started_on;
        if stage == 2 {
            count(started, Fact::Escalated);
        }
        if let Some(on) = record.acknowledged_on {
            count(on, Fact::Acknowledged { stage, started });
        }
        let Some(response) = &record.response else {
            continue;
        };
        let on = response.responded_on;
        if in_welsh {
            count(on, Fact::ResponseInWelsh);
        }
        let timeliness = if on <= record.original_respond_by {
            Timeliness::Timely
        } else if on <= record.respond_by {
            Timeliness::Extended
        } else {
            Timeliness::Late
        };
        count(
            on,
            Fact::Responded {
                stage,
                started,
                timeliness,
            },
        );
        count(
            on,
            Fact::Decided {
                stage,
                outcome: response.outcome,
                service: service.to_owned(),
            },
        );
        // Who answered stage 2, against everyone who handled stage 1 (a response stored
        // before responders were recorded names no one, and is not counted).
        if let (2, Some(first), Some(responder)) = (stage, &case.stage1, &response.responder) {
            let by_another = !first.handlers.contains(responder);
            count(on, Fact::Stage2Handled { by_another });
        }
        for remedy in &response.remedies {
            count(on, Fact::Remedy(*remedy));
        }
        if let Some(text) = &response.learning {
            learning.push((
                on,
                Learning {
                    reference: case.reference.to_string(),
                    service: service.to_owned(),
                    stage,
                    learning: text.to_string(),
                },
            ));
        }
    }
    if let Some(closed) = case.closed_on {
        let outcome = match case.status {
            Status::Withdrawn => Some(Outcome::Withdrawn),
            Status::NotAccepted => Some(Outcome::NotAccepted),
            _ => None,
        };
        if let (Some(outcome), Some(stage)) = (outcome, case.stage()) {
            count(
                closed,
                Fact::Decided {
                    stage: stage.number(),
                    outcome,
                    service: service.to_owned(),
                },
            );
        }
        if case.status == Status::NotAccepted {
            // The ground when given (the report's "types of complaint refused"); the
            // officer's reason for refusals recorded before grounds existed.
            let reason = match case.refusal_ground {
                Some(ground) => ground.label(),
                None => case.closure_reason.as_deref().unwrap_or_default().trim(),
            };
            count(closed, Fact::NotAccepted(reason.to_owned()));
        }
    }
    if let Some(referral) = &case.ombudsman {
        count(referral.referred_on, Fact::ReferredToOmbudsman);
        if let Some((on, decision)) = referral.decision {
            count(on, Fact::OmbudsmanDecided(decision));
        }
    }
    for action in &case.promised {
        count(action.promised_on, Fact::ActionPromised);
        match (&action.completed, action.on_time()) {
            (Some(done), Some(on_time)) => count(done.on, Fact::ActionCompleted { on_time }),
            _ => count(action.promised_on, Fact::ActionOpen),
        }
    }
    CaseFacts { counted, learning }
}

/// Counts by date and fact key: a case's facts, a change to them, or a council's sums.
/// A zero count is never kept, so two tallies of the same facts are equal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub days: BTreeMap<Date, BTreeMap<String, i64>>,
}

impl Tally {
    /// Adds `n` (which may be negative) to `key` on `on`.
    pub fn add(&mut self, on: Date, key: &str, n: i64) {
        if n == 0 {
            return;
        }
        let day = self.days.entry(on).or_default();
        let count = day.entry(key.to_owned()).or_default();
        *count += n;
        if *count == 0 {
            day.remove(key);
            if day.is_empty() {
                self.days.remove(&on);
            }
        }
    }

    /// Adds every fact of `facts`, `sign` times (1 to add a case, -1 to take it away).
    pub fn add_facts(&mut self, facts: &CaseFacts, sign: i64) {
        for (on, fact) in &facts.counted {
            self.add(*on, &fact.to_string(), sign);
        }
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: &Tally) {
        for (on, keys) in &other.days {
            for (key, n) in keys {
                self.add(*on, key, *n);
            }
        }
    }

    /// What a case's change does to the sums: its new facts less its old ones.
    pub fn change(old: Option<&CaseFacts>, new: &CaseFacts) -> Tally {
        let mut tally = Tally::default();
        tally.add_facts(new, 1);
        if let Some(old) = old {
            tally.add_facts(old, -1);
        }
        tally
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// How many times `fact` was counted from `from` to `to`, both included.
    pub fn count_between(&self, fact: &Fact, from: Date, to: Date) -> i64 {
        let key = fact.to_string();
        self.between(from, to)
            .filter(|(_, k, _)| *k == key)
            .map(|(_, _, n)| n)
            .sum()
    }

    /// The facts counted on the dates from `from` to `to`, both included.
    pub fn between(&self, from: Date, to: Date) -> impl Iterator<Item = (Date, &str, i64)> {
        self.days
            .range(from..=to)
            .flat_map(|(on, keys)| keys.iter().map(move |(k, n)| (*on, k.as_str(), *n)))
    }
}

/// The learning a change adds and removes (a response's learning, changed or gone).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearningChange {
    pub removed: Vec<(Date, Learning)>,
    pub added: Vec<(Date, Learning)>,
}

impl LearningChange {
    pub fn of(old: Option<&CaseFacts>, new: &CaseFacts) -> Self {
        let key =
            |(on, l): &(Date, Learning)| (*on, l.stage, l.learning.clone(), l.service.clone());
        let before: BTreeSet<_> = old
            .iter()
            .flat_map(|o| o.learning.iter().map(key))
            .collect();
        let after: BTreeSet<_> = new.learning.iter().map(key).collect();
        LearningChange {
            removed: old
                .iter()
                .flat_map(|o| o.learning.iter())
                .filter(|l| !after.contains(&key(l)))
                .cloned()
                .collect(),
            added: new
                .learning
                .iter()
                .filter(|l| !before.contains(&key(l)))
                .cloned()
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn every_fact_reads_back_from_its_key() {
        let started = date!(2026 - 11 - 02);
        let facts = [
            Fact::Received,
            Fact::ReceivedKind(Kind::ServiceRequest),
            Fact::ReceivedChannel(Channel::MpOrCouncillor),
            Fact::ReceivedService("waste|bins".into()),
            Fact::ReceivedMp,
            Fact::EnteredStage1,
            Fact::Escalated,
            Fact::Acknowledged { stage: 2, started },
            Fact::Responded {
                stage: 1,
                started,
                timeliness: Timeliness::Extended,
            },
            Fact::Decided {
                stage: 2,
                outcome: Outcome::PartlyUpheld,
                service: "roads|and paths".into(),
            },
            Fact::Remedy(Remedy::Apology),
            Fact::NotAccepted("Out of time | over a year".into()),
            Fact::NotAccepted(String::new()),
            Fact::ReferredToOmbudsman,
            Fact::OmbudsmanDecided(OmbudsmanDecision::FaultWithInjustice),
            Fact::ActionPromised,
            Fact::ActionCompleted { on_time: true },
            Fact::ActionCompleted { on_time: false },
            Fact::ActionOpen,
            Fact::ComplaintInWelsh,
            Fact::ResponseInWelsh,
        ];
        for fact in facts {
            let key = fact.to_string();
            assert_eq!(Fact::parse(&key), Some(fact), "{key}");
        }
        assert_eq!(Fact::parse("resp|3|2026-11-02|timely"), None);
        assert_eq!(Fact::parse("recv|kind|parcel"), None);
        assert_eq!(Fact::parse("later|fact"), None);
    }

    #[test]
    fn a_change_is_the_new_facts_less_the_old_and_zeros_are_dropped() {
        let day = date!(2026 - 11 - 02);
        let next = date!(2026 - 11 - 03);
        let old = CaseFacts {
            counted: vec![(day, Fact::Received), (day, Fact::ReceivedMp)],
            learning: Vec::new(),
        };
        let new = CaseFacts {
            counted: vec![(day, Fact::Received), (next, Fact::Escalated)],
            learning: Vec::new(),
        };
        let change = Tally::change(Some(&old), &new);
        let mut expected = Tally::default();
        expected.add(day, "recv|mp", -1);
        expected.add(next, "esc", 1);
        assert_eq!(change, expected);
        let mut sums = Tally::default();
        sums.add_facts(&old, 1);
        sums.merge(&change);
        let mut direct = Tally::default();
        direct.add_facts(&new, 1);
        assert_eq!(sums, direct);
        assert!(Tally::change(Some(&new), &new).is_empty());
    }

    #[test]
    fn learning_changes_name_what_went_and_what_came() {
        let on = date!(2026 - 11 - 20);
        let entry = |text: &str| {
            (
                on,
                Learning {
                    reference: "DEMO-2026-000001".into(),
                    service: "waste".into(),
                    stage: 1,
                    learning: text.into(),
                },
            )
        };
        let old = CaseFacts {
            counted: Vec::new(),
            learning: vec![entry("Check the round sheet")],
        };
        let new = CaseFacts {
            counted: Vec::new(),
            learning: vec![entry("Check the round sheet daily")],
        };
        let change = LearningChange::of(Some(&old), &new);
        assert_eq!(change.removed, old.learning);
        assert_eq!(change.added, new.learning);
        assert_eq!(
            LearningChange::of(Some(&new), &new),
            LearningChange::default()
        );
    }
}
