//! The Complaint Handling Code's requirements as a checklist for the annual
//! self-assessment (Code 8.1–8.3), and what the year's figures say about the ones a
//! system can measure. The list is data: one entry per requirement, with the Code's
//! section number and a short wording of our own (not the Code's text).

use super::Report;
use crate::policy::Policy;
use serde::{Deserialize, Serialize};

/// One requirement of the Code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    /// Stable id the self-assessment's answers name (`s1-definition`).
    pub id: &'static str,
    /// The Code's section (`5.4`).
    pub section: &'static str,
    /// The section's heading, for grouping.
    pub heading: &'static str,
    /// What the council must do, briefly.
    pub text: &'static str,
    /// A figure the system can offer as evidence, when there is one.
    pub measure: Option<Measure>,
}

/// A requirement the year's figures speak to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Stage1Timeliness,
    Stage2Timeliness,
    Stage2DifferentPerson,
    ExtensionsWithinCaps,
    RefusalsWithReasons,
    PromisedActions,
}

const DEFINITIONS: &str = "Definitions";
const EXCLUSIONS: &str = "Exclusions";
const ACCESS: &str = "Accessibility and awareness";
const STAFF: &str = "Complaint handling staff";
const PROCESS: &str = "The complaint handling process";
const STAGES: &str = "Complaint stages";
const REMEDIES: &str = "Putting things right";
const REPORTING: &str = "Self-assessment, reporting and compliance";
const OVERSIGHT: &str = "Scrutiny and oversight";

const fn req(
    id: &'static str,
    section: &'static str,
    heading: &'static str,
    text: &'static str,
    measure: Option<Measure>,
) -> Requirement {
    Requirement {
        id,
        section,
        heading,
        text,
        measure,
    }
}

/// Every requirement, in the Code's order.
pub const REQUIREMENTS: &[Requirement] = &[
    req(
        "s1-definition",
        "1.2",
        DEFINITIONS,
        "Uses the Code's definition of a complaint, whether or not the word is used.",
        None,
    ),
    req(
        "s1-service-requests",
        "1.3",
        DEFINITIONS,
        "Records service requests apart from complaints, and takes a complaint while a request is open.",
        None,
    ),
    req(
        "s2-accept",
        "2.1",
        EXCLUSIONS,
        "Accepts a complaint unless there is a valid reason not to; no blanket exclusions.",
        None,
    ),
    req(
        "s2-refusals",
        "2.4",
        EXCLUSIONS,
        "A refusal gives its reasons and tells the person they may go to the Ombudsman.",
        Some(Measure::RefusalsWithReasons),
    ),
    req(
        "s2-time-limit",
        "2.5",
        EXCLUSIONS,
        "Applies the time limit with discretion, never to refuse a complaint out of hand.",
        None,
    ),
    req(
        "s3-channels",
        "3.1",
        ACCESS,
        "Complaints can be made in several ways: in writing, online, by phone and in person.",
        None,
    ),
    req(
        "s3-adjustments",
        "3.2",
        ACCESS,
        "Considers reasonable adjustments and keeps them under review.",
        None,
    ),
    req(
        "s3-published",
        "3.4",
        ACCESS,
        "Publishes the complaints policy and this self-assessment where people can find them.",
        None,
    ),
    req(
        "s4-officer",
        "4.1",
        STAFF,
        "Has a person or team responsible for complaints, able to act across the council.",
        None,
    ),
    req(
        "s5-acknowledge",
        "5.1",
        PROCESS,
        "Logs and acknowledges a complaint within 5 working days of receipt.",
        None,
    ),
    req(
        "s5-response-content",
        "5.4",
        PROCESS,
        "Each response says what was decided and why, the remedy, and what happens next.",
        None,
    ),
    req(
        "s6-stage1",
        "6.1",
        STAGES,
        "Answers stage 1 within 10 working days, or within an extension told to the person.",
        Some(Measure::Stage1Timeliness),
    ),
    req(
        "s6-extensions",
        "6.3",
        STAGES,
        "Extends a deadline by no more than the Code allows, with the reason and new date told.",
        Some(Measure::ExtensionsWithinCaps),
    ),
    req(
        "s6-stage2-person",
        "6.7",
        STAGES,
        "Stage 2 is handled by a different person from stage 1.",
        Some(Measure::Stage2DifferentPerson),
    ),
    req(
        "s6-stage2",
        "6.9",
        STAGES,
        "Answers stage 2 within 20 working days, or within an extension told to the person.",
        Some(Measure::Stage2Timeliness),
    ),
    req(
        "s6-actions",
        "6.6",
        STAGES,
        "Tracks the actions a response promises until they are done, and tells the person.",
        Some(Measure::PromisedActions),
    ),
    req(
        "s7-remedy",
        "7.1",
        REMEDIES,
        "Puts things right where something went wrong, with the remedy and its date stated.",
        None,
    ),
    req(
        "s8-report",
        "8.1",
        REPORTING,
        "Publishes an annual complaints performance and service improvement report.",
        None,
    ),
    req(
        "s8-self-assessment",
        "8.2",
        REPORTING,
        "Completes this self-assessment each year and after a significant change.",
        None,
    ),
    req(
        "s9-member",
        "9.1",
        OVERSIGHT,
        "A member responsible for complaints receives regular reports on performance.",
        None,
    ),
    req(
        "s9-learning",
        "9.3",
        OVERSIGHT,
        "Uses what complaints show to improve services, and says what changed.",
        None,
    ),
];

/// The requirement with `id`.
pub fn requirement(id: &str) -> Option<&'static Requirement> {
    REQUIREMENTS.iter().find(|r| r.id == id)
}

/// What the figures suggest for one requirement: the figure as evidence, and whether it
/// shows compliance. The manager confirms or overrides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub evidence: String,
    pub compliant: bool,
}

/// Stage 2 responses by whether their responder handled stage 1.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage2Handling {
    /// Answered by someone who did not handle stage 1.
    pub by_another_person: u32,
    /// Answered by someone who handled stage 1 (the procedure refuses this now; older
    /// records may hold it).
    pub by_the_same_person: u32,
}

/// The suggestion `measure` makes from `report` under `policy`; none where the year has
/// nothing to count.
pub fn suggest(measure: Measure, report: &Report, policy: &Policy) -> Option<Suggestion> {
    let stage = |n: usize| report.stages.get(n);
    match measure {
        Measure::Stage1Timeliness | Measure::Stage2Timeliness => {
            let (index, days) = if measure == Measure::Stage1Timeliness {
                (0, policy.timescales.stage1.respond)
            } else {
                (1, policy.timescales.stage2.respond)
            };
            let s = stage(index).filter(|s| s.responses > 0)?;
            Some(Suggestion {
                evidence: format!(
                    "{} of {} stage {} responses within {days} working days, {} within an extension, {} late.",
                    s.within_timescale,
                    s.responses,
                    index + 1,
                    s.within_extension,
                    s.late
                ),
                compliant: s.late == 0,
            })
        }
        Measure::ExtensionsWithinCaps => {
            let extended: u32 = report.stages.iter().map(|s| s.within_extension).sum();
            Some(Suggestion {
                evidence: format!(
                    "{extended} responses sent within an extension. The system refuses an extension beyond {} working days at stage 1 or {} at stage 2.",
                    policy.timescales.stage1.extension_cap, policy.timescales.stage2.extension_cap
                ),
                compliant: true,
            })
        }
        Measure::Stage2DifferentPerson => {
            let h = &report.stage2_handling;
            let total = h.by_another_person + h.by_the_same_person;
            (total > 0).then(|| Suggestion {
                evidence: format!(
                    "{} of {total} stage 2 responses sent by someone who did not handle stage 1; the system refuses a stage 2 response from a stage 1 handler.",
                    h.by_another_person
                ),
                compliant: h.by_the_same_person == 0,
            })
        }
        Measure::RefusalsWithReasons => {
            let refused: u32 = report.not_accepted.iter().map(|r| r.count).sum();
            let without: u32 = report
                .not_accepted
                .iter()
                .filter(|r| r.reason.trim().is_empty())
                .map(|r| r.count)
                .sum();
            Some(Suggestion {
                evidence: format!(
                    "{refused} complaints not accepted, {} with a reason recorded; the letter names the Ombudsman.",
                    refused - without
                ),
                compliant: without == 0,
            })
        }
        Measure::PromisedActions => {
            let a = &report.actions;
            (a.promised + a.completed_on_time + a.completed_late > 0).then(|| Suggestion {
                evidence: format!(
                    "{} actions promised; {} completed on time, {} late, {} still open.",
                    a.promised, a.completed_on_time, a.completed_late, a.open
                ),
                compliant: a.completed_late == 0,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_every_measure_is_used() {
        let ids: BTreeSet<_> = REQUIREMENTS.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), REQUIREMENTS.len());
        for measure in [
            Measure::Stage1Timeliness,
            Measure::Stage2Timeliness,
            Measure::Stage2DifferentPerson,
            Measure::ExtensionsWithinCaps,
            Measure::RefusalsWithReasons,
            Measure::PromisedActions,
        ] {
            assert!(REQUIREMENTS.iter().any(|r| r.measure == Some(measure)));
        }
        assert_eq!(requirement("s6-stage2-person").unwrap().section, "6.7");
        assert!(requirement("nope").is_none());
    }
}
