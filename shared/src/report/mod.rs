//! The annual complaints performance and service improvement report, computed from the
//! cases themselves. Every figure is defined here, once, and tested against cases whose
//! figures are known by hand.
//!
//! What counts where:
//! - **Volumes** count feedback received (London date) in the period, by kind, channel,
//!   service and month; stage 2 counts escalations requested in the period.
//! - **Timeliness** counts stage responses sent in the period: within the timescale (on or
//!   before the original response date), within an agreed extension (after it, on or
//!   before the extended date), or late. Working days to acknowledge and to respond are
//!   counted from the stage's start (receipt or escalation request).
//! - **Outcomes** count responses in the period by decision, plus cases withdrawn or not
//!   accepted in the period, each at the stage it was at.
//! - **Escalation rate** is escalations requested in the period over stage 1 responses
//!   sent in the period.
//! - **Promised actions** (Code 6.6) counts actions promised in the period, actions
//!   completed in the period by their due date and after it, and, of those promised in
//!   the period, the ones still open now.
//! - **Stage 2 handling** counts stage 2 responses sent in the period by whether their
//!   responder handled stage 1 (Code 6.7: a different person).
//! - **Equality** counts the answers of every calendar year the period touches, apart
//!   from the cases: see `equality.rs`.

pub mod annual;
pub mod code;
pub mod equality;
pub mod facts;
mod period;

pub use equality::{Equality, EqualityCount, EqualityQuestion};
pub use facts::{CaseFacts, Fact, LearningChange, Tally, Timeliness, case_facts};
pub use period::{Period, PeriodError};

use crate::calendar::{Calendar, Division};
use crate::case::Case;
use crate::feedback::{Channel, Kind, Stage};
use crate::language::Language;
use crate::outcome::{OmbudsmanDecision, Outcome, Remedy};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One case as the report needs it.
#[derive(Debug, Clone, Copy)]
pub struct ReportCase<'a> {
    pub case: &'a Case,
    pub service: &'a str,
    /// The language the feedback was made in.
    pub language: Language,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Volumes {
    pub total: u32,
    pub by_kind: BTreeMap<Kind, u32>,
    pub by_channel: BTreeMap<Channel, u32>,
    pub by_service: BTreeMap<String, u32>,
    /// Every month of the period, zero where nothing arrived.
    pub by_month: Vec<(String, u32)>,
    /// Complaints entering stage 1 (received in the period).
    pub stage1: u32,
    /// Escalations to stage 2 requested in the period.
    pub stage2: u32,
    /// Feedback raised through an MP or councillor.
    pub mp_or_councillor: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageFigures {
    pub stage: u8,
    pub responses: u32,
    pub within_timescale: u32,
    pub within_extension: u32,
    pub late: u32,
    /// Percentages of `responses`, one decimal place; none when there were no responses.
    pub percent_within_timescale: Option<f64>,
    pub percent_within_extension: Option<f64>,
    pub percent_late: Option<f64>,
    pub acknowledged: u32,
    pub mean_working_days_to_acknowledge: Option<f64>,
    pub median_working_days_to_acknowledge: Option<f64>,
    pub mean_working_days_to_respond: Option<f64>,
    pub median_working_days_to_respond: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeCount {
    pub stage: u8,
    pub service: String,
    pub outcome: Outcome,
    pub count: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Escalation {
    pub stage1_responses: u32,
    pub escalations: u32,
    pub rate_percent: Option<f64>,
}

/// Actions promised in responses (Code 6.6) and how they were kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionFigures {
    /// Promised in the period.
    pub promised: u32,
    /// Completed in the period, on or before their due date.
    pub completed_on_time: u32,
    /// Completed in the period, after their due date.
    pub completed_late: u32,
    /// Promised in the period and not yet completed.
    pub open: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OmbudsmanFigures {
    pub referrals: u32,
    pub decisions: BTreeMap<OmbudsmanDecision, u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonCount {
    pub reason: String,
    pub count: u32,
}

/// Learning recorded with a response: what the council will change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Learning {
    pub reference: String,
    pub service: String,
    pub stage: u8,
    pub learning: String,
}

/// Groups smaller than this are not shown.
pub const SUPPRESS_BELOW: u32 = 5;

/// A count safe to publish: `None` (shown as "fewer than 5") when small but not zero.
pub fn suppress(count: u32) -> Option<u32> {
    if count > 0 && count < SUPPRESS_BELOW {
        None
    } else {
        Some(count)
    }
}

/// The whole report for one council and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub council: String,
    pub council_name: String,
    pub period: Period,
    pub volumes: Volumes,
    pub stages: Vec<StageFigures>,
    pub outcomes: Vec<OutcomeCount>,
    pub remedies: BTreeMap<Remedy, u32>,
    pub escalation: Escalation,
    pub ombudsman: OmbudsmanFigures,
    pub not_accepted: Vec<ReasonCount>,
    pub learning: Vec<Learning>,
    /// Promised actions; absent from a report stored before they were counted.
    #[serde(default)]
    pub actions: ActionFigures,
    /// Stage 2 responses by whether their responder handled stage 1 (Code 6.7).
    #[serde(default)]
    pub stage2_handling: code::Stage2Handling,
    /// The year's self-assessment, service improvements and Ombudsman's letter (Code
    /// 8.1), when the report is read from a store that holds one.
    #[serde(default)]
    pub annual: Option<annual::AnnualRecord>,
    /// Contact restrictions in number only, when read from a store that keeps them.
    #[serde(default)]
    pub restrictions: Option<crate::restriction::RestrictionFigures>,
    pub equality: Equality,
    /// Complaints made in Welsh and the responses sent to them (in Welsh); absent from a
    /// report stored before they were counted.
    #[serde(default)]
    pub welsh: WelshFigures,
}

/// Complaints made in Welsh in the period, and stage responses sent to complaints made in
/// Welsh (every message to them is written in Welsh: the case's language drives it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WelshFigures {
    pub complaints: u32,
    pub responses: u32,
}

fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (1000.0 * f64::from(part) / f64::from(whole)).round() / 10.0)
}

fn mean(values: &[i64]) -> Option<f64> {
    (!values.is_empty())
        .then(|| (10.0 * values.iter().sum::<i64>() as f64 / values.len() as f64).round() / 10.0)
}

fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    })
}

#[derive(Default)]
struct StageTally {
    figures: StageFigures,
    to_acknowledge: Vec<i64>,
    to_respond: Vec<i64>,
}

/// Computes the report for `cases` (one council's) over `period`. Its equality figures
/// count no answers: a report to publish replaces them with [`equality::figures`] over
/// the answers kept for [`equality::years`]`(period)`.
pub fn compute(
    council: &str,
    council_name: &str,
    cases: &[ReportCase<'_>],
    period: Period,
    calendar: &Calendar,
    division: Division,
) -> Report {
    let mut tally = Tally::default();
    let mut learning = Vec::new();
    for rc in cases {
        let facts = case_facts(rc.case, rc.service, rc.language);
        tally.add_facts(&facts, 1);
        learning.extend(facts.learning);
    }
    compute_from(
        council,
        council_name,
        &tally,
        learning,
        period,
        calendar,
        division,
    )
}

/// Computes the report over `period` from the council's summed facts (`tally`, which
/// must hold at least the dates of the calendar years the period touches: see
/// [`equality::years_span`]) and the learning recorded in the period (any
/// outside it is left out). This is every figure's one definition: [`compute`] sums the
/// cases' facts and calls it, and so does a report made from a store's running sums.
pub fn compute_from(
    council: &str,
    council_name: &str,
    tally: &Tally,
    learning: Vec<(time::Date, Learning)>,
    period: Period,
    calendar: &Calendar,
    division: Division,
) -> Report {
    let mut volumes = Volumes {
        by_month: period.months().into_iter().map(|m| (m, 0)).collect(),
        ..Volumes::default()
    };
    let mut tallies = [StageTally::default(), StageTally::default()];
    let mut outcomes: BTreeMap<(u8, String, Outcome), u32> = BTreeMap::new();
    let mut remedies = BTreeMap::new();
    let mut ombudsman = OmbudsmanFigures::default();
    let mut not_accepted: BTreeMap<String, u32> = BTreeMap::new();
    let mut actions = ActionFigures::default();
    let mut stage2_handling = code::Stage2Handling::default();
    let mut welsh = WelshFigures::default();
    let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);

    for (on, key, n) in tally.between(period.from, period.to) {
        let Some(fact) = Fact::parse(key) else {
            continue;
        };
        let c = count(n);
        match fact {
            Fact::Received => {
                volumes.total += c;
                let month = format!("{:04}-{:02}", on.year(), on.month() as u8);
                if let Some(slot) = volumes.by_month.iter_mut().find(|(m, _)| *m == month) {
                    slot.1 += c;
                }
            }
            Fact::ReceivedKind(kind) => *volumes.by_kind.entry(kind).or_default() += c,
            Fact::ReceivedChannel(channel) => *volumes.by_channel.entry(channel).or_default() += c,
            Fact::ReceivedService(service) => *volumes.by_service.entry(service).or_default() += c,
            Fact::ReceivedMp => volumes.mp_or_councillor += c,
            Fact::EnteredStage1 => volumes.stage1 += c,
            Fact::Escalated => volumes.stage2 += c,
            Fact::Acknowledged { stage, started } => {
                let tally = &mut tallies[usize::from(stage - 1)];
                tally.figures.acknowledged += c;
                let days = calendar.working_days_between(division, started, on);
                tally
                    .to_acknowledge
                    .extend(std::iter::repeat_n(days, c as usize));
            }
            Fact::Responded {
                stage,
                started,
                timeliness,
            } => {
                let tally = &mut tallies[usize::from(stage - 1)];
                tally.figures.responses += c;
                match timeliness {
                    Timeliness::Timely => tally.figures.within_timescale += c,
                    Timeliness::Extended => tally.figures.within_extension += c,
                    Timeliness::Late => tally.figures.late += c,
                }
                let days = calendar.working_days_between(division, started, on);
                tally
                    .to_respond
                    .extend(std::iter::repeat_n(days, c as usize));
            }
            Fact::Decided {
                stage,
                outcome,
                service,
            } => *outcomes.entry((stage, service, outcome)).or_default() += c,
            Fact::Remedy(remedy) => *remedies.entry(remedy).or_default() += c,
            Fact::NotAccepted(reason) => *not_accepted.entry(reason).or_default() += c,
            Fact::ReferredToOmbudsman => ombudsman.referrals += c,
            Fact::OmbudsmanDecided(decision) => {
                *ombudsman.decisions.entry(decision).or_default() += c;
            }
            Fact::ActionPromised => actions.promised += c,
            Fact::ActionCompleted { on_time: true } => actions.completed_on_time += c,
            Fact::ActionCompleted { on_time: false } => actions.completed_late += c,
            Fact::ActionOpen => actions.open += c,
            Fact::Stage2Handled { by_another: true } => stage2_handling.by_another_person += c,
            Fact::Stage2Handled { by_another: false } => stage2_handling.by_the_same_person += c,
            Fact::ComplaintInWelsh => welsh.complaints += c,
            Fact::ResponseInWelsh => welsh.responses += c,
        }
    }
    let (first, last) = equality::years_span(period);
    let received_in_years = count(tally.count_between(&Fact::Received, first, last));
    let mut learning: Vec<Learning> = learning
        .into_iter()
        .filter(|(on, _)| period.contains(*on))
        .map(|(_, l)| l)
        .collect();
    // A service with no cases keeps no zero row; a month always has its row.
    volumes.by_kind.retain(|_, n| *n > 0);
    volumes.by_channel.retain(|_, n| *n > 0);
    volumes.by_service.retain(|_, n| *n > 0);
    outcomes.retain(|_, n| *n > 0);
    remedies.retain(|_, n| *n > 0);
    ombudsman.decisions.retain(|_, n| *n > 0);
    not_accepted.retain(|_, n| *n > 0);

    let stages = tallies
        .into_iter()
        .zip([Stage::One, Stage::Two])
        .map(|(mut t, stage)| {
            let f = &mut t.figures;
            f.stage = stage.number();
            f.percent_within_timescale = percent(f.within_timescale, f.responses);
            f.percent_within_extension = percent(f.within_extension, f.responses);
            f.percent_late = percent(f.late, f.responses);
            f.mean_working_days_to_acknowledge = mean(&t.to_acknowledge);
            f.median_working_days_to_acknowledge = median(&mut t.to_acknowledge);
            f.mean_working_days_to_respond = mean(&t.to_respond);
            f.median_working_days_to_respond = median(&mut t.to_respond);
            t.figures
        })
        .collect::<Vec<_>>();
    let stage1_responses = stages[0].responses;
    let escalation = Escalation {
        stage1_responses,
        escalations: volumes.stage2,
        rate_percent: percent(volumes.stage2, stage1_responses),
    };
    let mut not_accepted: Vec<ReasonCount> = not_accepted
        .into_iter()
        .map(|(reason, count)| ReasonCount { reason, count })
        .collect();
    not_accepted.sort_by(|a, b| b.count.cmp(&a.count).then(a.reason.cmp(&b.reason)));
    learning.sort_by(|a, b| a.reference.cmp(&b.reference).then(a.stage.cmp(&b.stage)));

    Report {
        council: council.to_owned(),
        council_name: council_name.to_owned(),
        period,
        volumes,
        stages,
        outcomes: outcomes
            .into_iter()
            .map(|((stage, service, outcome), count)| OutcomeCount {
                stage,
                service,
                outcome,
                count,
            })
            .collect(),
        remedies,
        escalation,
        ombudsman,
        not_accepted,
        learning,
        actions,
        stage2_handling,
        annual: None,
        restrictions: None,
        // No answers here: the caller passes the ones it read to `equality::figures`,
        // with this count of feedback received in the calendar years the period touches.
        equality: equality::figures(period, received_in_years, &[]),
        welsh,
    }
}
