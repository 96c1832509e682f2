//! `feedback deadlines`: a stage's dates for a complaint received on a given day. Only
//! the command line asks this, so it lives with the command.

use feedback_shared::deadlines::{SUPPORTED_YEARS, stage_deadlines};
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
    let in_range = |argument: &'static str, date: Date| {
        if SUPPORTED_YEARS.contains(&date.year()) {
            Ok(())
        } else {
            Err(ArgumentError {
                argument,
                message: format!(
                    "{date} is outside the years {} to {} that deadlines are counted for",
                    SUPPORTED_YEARS.start(),
                    SUPPORTED_YEARS.end()
                ),
            })
        }
    };
    in_range("--received", received_on)?;
    if let Some(ack) = acknowledged_on {
        in_range("--acknowledged", ack)?;
    }
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
    fn dates_outside_the_supported_years_name_the_argument_rather_than_panic() {
        let (cal, policy) = (Calendar::bundled(), Policy::default());
        for (received, acknowledged, argument) in [
            (date!(9999 - 12 - 31), None, "--received"),
            (date!(0999 - 01 - 01), None, "--received"),
            (
                date!(2026 - 11 - 23),
                Some(date!(9999 - 12 - 31)),
                "--acknowledged",
            ),
        ] {
            let err = answer(&cal, &policy, None, Stage::One, received, acknowledged).unwrap_err();
            assert_eq!(err.argument, argument);
        }
        assert!(answer(&cal, &policy, None, Stage::Two, date!(2100 - 12 - 31), None).is_ok());
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
