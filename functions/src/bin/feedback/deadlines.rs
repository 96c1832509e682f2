//! `feedback deadlines`: a stage's dates for a complaint received on a given day. Only
//! the command line asks this, so it lives with the command.

use feedback_shared::deadlines::stage_deadlines;
use feedback_shared::input::parse_iso_date;
use feedback_shared::london::london_date;
use feedback_shared::policy::StageTimescale;
use feedback_shared::{Calendar, CouncilId, Division, Policy, Stage};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// An RFC 3339 instant (dated in London time) or a plain `YYYY-MM-DD` date.
pub fn parse_received(raw: &str) -> Result<Date, String> {
    let trimmed = raw.trim();
    if trimmed.len() > 10 {
        OffsetDateTime::parse(trimmed, &Rfc3339)
            .map(london_date)
            .map_err(|_| format!("`{raw}` is not an RFC 3339 instant like 2026-11-24T09:30:00Z or a date like 2026-11-24"))
    } else {
        parse_iso_date(trimmed).map_err(|e| e.to_string())
    }
}

/// The answer, printed as one JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineAnswer {
    pub council: Option<CouncilId>,
    pub division: Division,
    pub stage: Stage,
    pub timescales: StageTimescale,
    #[serde(with = "iso")]
    pub received_on: Date,
    #[serde(with = "iso::option")]
    pub acknowledged_on: Option<Date>,
    #[serde(with = "iso")]
    pub acknowledge_by: Date,
    #[serde(with = "iso")]
    pub respond_by: Date,
    #[serde(with = "iso")]
    pub latest_extended_respond_by: Date,
    /// True when a date falls in a year GOV.UK has not published, so an announced one-off
    /// holiday could still move it.
    pub projected: bool,
}

time::serde::format_description!(iso, Date, "[year]-[month]-[day]");

/// What went wrong, naming the argument at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{argument}: {message}")]
pub struct ArgumentError {
    pub argument: &'static str,
    pub message: String,
}

/// The dates of `stage` under `policy`. `received_on` is the escalation request at stage 2.
pub fn answer(
    calendar: &Calendar,
    policy: &Policy,
    council: Option<CouncilId>,
    stage: Stage,
    received_on: Date,
    acknowledged_on: Option<Date>,
) -> Result<DeadlineAnswer, ArgumentError> {
    if let Some(ack) = acknowledged_on.filter(|ack| *ack < received_on) {
        return Err(ArgumentError {
            argument: "--acknowledged",
            message: format!("{ack} is before the complaint was received on {received_on}"),
        });
    }
    let d = stage_deadlines(calendar, policy, stage, received_on, acknowledged_on);
    let projected = [d.acknowledge_by, d.respond_by, d.latest_extended_respond_by]
        .iter()
        .any(|date| calendar.is_projected(policy.division, date.year()));
    Ok(DeadlineAnswer {
        council,
        division: policy.division,
        stage,
        timescales: policy.timescales.stage(stage),
        received_on,
        acknowledged_on,
        acknowledge_by: d.acknowledge_by,
        respond_by: d.respond_by,
        latest_extended_respond_by: d.latest_extended_respond_by,
        projected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn received_accepts_instants_in_london_time_and_plain_dates() {
        assert_eq!(
            parse_received("2026-05-31T23:30:00Z"),
            Ok(date!(2026 - 06 - 01))
        );
        assert_eq!(
            parse_received("2026-05-31T23:30:00+00:00"),
            Ok(date!(2026 - 06 - 01))
        );
        assert_eq!(parse_received("2026-11-24"), Ok(date!(2026 - 11 - 24)));
        assert!(parse_received("24/11/2026").is_err());
        assert!(parse_received("2026-11-24T25:00:00Z").is_err());
    }

    #[test]
    fn acknowledgement_before_receipt_names_the_argument() {
        let policy = Policy::default();
        let err = answer(
            &Calendar::bundled(),
            &policy,
            None,
            Stage::One,
            date!(2026 - 11 - 23),
            Some(date!(2026 - 11 - 20)),
        )
        .unwrap_err();
        assert_eq!(err.argument, "--acknowledged");
    }

    #[test]
    fn dates_in_projected_years_are_flagged() {
        let cal = Calendar::bundled();
        let policy = Policy::default();
        let published =
            answer(&cal, &policy, None, Stage::One, date!(2026 - 11 - 23), None).unwrap();
        let projected =
            answer(&cal, &policy, None, Stage::One, date!(2027 - 12 - 20), None).unwrap();
        assert!(!published.projected);
        // Respond-by runs into January 2028, which GOV.UK has not published in the bundled copy.
        assert!(projected.projected);
    }
}
