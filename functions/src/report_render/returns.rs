//! The returns the Welsh and Scottish schemes ask for, written from the same figures as
//! the annual report (one definition of each figure):
//!
//! - **WCSA**: the quarterly data return to the Complaints Standards Authority of the
//!   Public Services Ombudsman for Wales. One tidy CSV row per figure per quarter:
//!   `council,quarter,period_from,period_to,measure,category,value`, where `quarter` is
//!   `2026-Q1` (financial year 2026, April to June) and `category` is a service id for
//!   the rows by category, empty for totals. Measures: `received` (complaints entering
//!   stage 1), `received_per_1000` (when the council sets `population`), `closed_stage1`,
//!   `closed_stage2`, `within_timescale_stage1`, `within_timescale_stage2`,
//!   `escalated_stage2`, `upheld`, `partly_upheld`, `not_upheld`, `withdrawn`,
//!   `not_accepted`, `referred_to_ombudsman`, and `received` by category (service).
//! - **SPSO**: the SPSO's complaints handling performance indicators for the period.
//!   `council,period_from,period_to,indicator,stage,value`, `stage` empty for
//!   indicators over both stages: `received`, `received_per_1000`, `closed` (by stage),
//!   `upheld_percent`, `partly_upheld_percent`, `not_upheld_percent` (of the stage's
//!   decided complaints), `average_working_days` (to respond), `within_timescale_percent`
//!   and `extended` (responses sent within an extension).

use feedback_shared::outcome::Outcome;
use feedback_shared::report::{Period, Report};
use std::fmt::Write;

/// The header of the WCSA return.
pub const WCSA_HEADER: &str = "council,quarter,period_from,period_to,measure,category,value";
/// The header of the SPSO indicators.
pub const SPSO_HEADER: &str = "council,period_from,period_to,indicator,stage,value";

/// Which return a request asks for (`format=wcsa` or `format=spso`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Return {
    Wcsa,
    Spso,
}

impl Return {
    pub fn parse(format: &str) -> Option<Return> {
        match format.trim().to_ascii_lowercase().as_str() {
            "wcsa" => Some(Return::Wcsa),
            "spso" => Some(Return::Spso),
            _ => None,
        }
    }

    /// The periods to compute: the WCSA return is quarterly, so a longer period is cut
    /// into the financial quarters it covers; the SPSO's indicators cover the period.
    pub fn periods(self, period: Period) -> Vec<Period> {
        match self {
            Return::Spso => vec![period],
            Return::Wcsa => quarters_within(period),
        }
    }
}

/// The financial quarters wholly or partly inside `period`, each cut to it.
fn quarters_within(period: Period) -> Vec<Period> {
    let mut out = Vec::new();
    let start_year = period.from.year() - 1;
    for year in start_year..=period.to.year() {
        for q in 1..=4 {
            let Ok(quarter) = Period::quarter(year, q) else {
                continue;
            };
            if quarter.to < period.from || quarter.from > period.to {
                continue;
            }
            out.push(Period {
                from: quarter.from.max(period.from),
                to: quarter.to.min(period.to),
            });
        }
    }
    out
}

/// `2026-Q1` for the quarter starting April 2026.
fn quarter_name(period: Period) -> String {
    let month = period.from.month() as u8;
    let (year, q) = match month {
        4..=6 => (period.from.year(), 1),
        7..=9 => (period.from.year(), 2),
        10..=12 => (period.from.year(), 3),
        _ => (period.from.year() - 1, 4),
    };
    format!("{year}-Q{q}")
}

fn per_thousand(count: u32, population: Option<u32>) -> Option<String> {
    population
        .filter(|p| *p > 0)
        .map(|p| format!("{:.2}", f64::from(count) * 1000.0 / f64::from(p)))
}

fn outcome_count(r: &Report, stage: Option<u8>, outcome: Outcome) -> u32 {
    r.outcomes
        .iter()
        .filter(|o| o.outcome == outcome && stage.is_none_or(|s| o.stage == s))
        .map(|o| o.count)
        .sum()
}

fn cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) || value.starts_with(['=', '+', '-', '@']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The WCSA return: `quarters` are one council's reports, one per quarter.
pub fn wcsa(quarters: &[Report], population: Option<u32>) -> String {
    let mut out = format!("{WCSA_HEADER}\r\n");
    for r in quarters {
        let prefix = format!(
            "{},{},{},{}",
            cell(&r.council),
            quarter_name(r.period),
            r.period.from,
            r.period.to
        );
        let mut row = |measure: &str, category: &str, value: String| {
            let _ = write!(out, "{prefix},{measure},{},{value}\r\n", cell(category));
        };
        let stage = |n: usize| r.stages.get(n).cloned().unwrap_or_default();
        let (one, two) = (stage(0), stage(1));
        row("received", "", r.volumes.stage1.to_string());
        if let Some(rate) = per_thousand(r.volumes.stage1, population) {
            row("received_per_1000", "", rate);
        }
        row("closed_stage1", "", one.responses.to_string());
        row("closed_stage2", "", two.responses.to_string());
        row(
            "within_timescale_stage1",
            "",
            one.within_timescale.to_string(),
        );
        row(
            "within_timescale_stage2",
            "",
            two.within_timescale.to_string(),
        );
        row("escalated_stage2", "", r.volumes.stage2.to_string());
        for (measure, outcome) in [
            ("upheld", Outcome::Upheld),
            ("partly_upheld", Outcome::PartlyUpheld),
            ("not_upheld", Outcome::NotUpheld),
            ("withdrawn", Outcome::Withdrawn),
            ("not_accepted", Outcome::NotAccepted),
        ] {
            row(measure, "", outcome_count(r, None, outcome).to_string());
        }
        row(
            "referred_to_ombudsman",
            "",
            r.ombudsman.referrals.to_string(),
        );
        for (service, n) in &r.volumes.by_service {
            row("received", service, n.to_string());
        }
    }
    out
}

/// The SPSO's performance indicators of one council's `report`.
pub fn spso(report: &Report, population: Option<u32>) -> String {
    let r = report;
    let mut out = format!("{SPSO_HEADER}\r\n");
    let prefix = format!("{},{},{}", cell(&r.council), r.period.from, r.period.to);
    let mut row = |indicator: &str, stage: &str, value: String| {
        let _ = write!(out, "{prefix},{indicator},{stage},{value}\r\n");
    };
    row("received", "", r.volumes.stage1.to_string());
    if let Some(rate) = per_thousand(r.volumes.stage1, population) {
        row("received_per_1000", "", rate);
    }
    let number = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    for s in &r.stages {
        let stage = s.stage.to_string();
        row("closed", &stage, s.responses.to_string());
        let decided: u32 = [Outcome::Upheld, Outcome::PartlyUpheld, Outcome::NotUpheld]
            .iter()
            .map(|o| outcome_count(r, Some(s.stage), *o))
            .sum();
        for (indicator, outcome) in [
            ("upheld_percent", Outcome::Upheld),
            ("partly_upheld_percent", Outcome::PartlyUpheld),
            ("not_upheld_percent", Outcome::NotUpheld),
        ] {
            let n = outcome_count(r, Some(s.stage), outcome);
            row(indicator, &stage, number(super::percent(n, decided)));
        }
        row(
            "average_working_days",
            &stage,
            number(s.mean_working_days_to_respond),
        );
        row(
            "within_timescale_percent",
            &stage,
            number(s.percent_within_timescale),
        );
        row("extended", &stage, s.within_extension.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_year_is_cut_into_its_four_quarters() {
        let year = Period::financial_year(2026).unwrap();
        let quarters = quarters_within(year);
        assert_eq!(quarters.len(), 4);
        assert_eq!(quarters[0].from, date!(2026 - 04 - 01));
        assert_eq!(quarters[3].to, date!(2027 - 03 - 31));
        assert_eq!(quarter_name(quarters[3]), "2026-Q4");
        assert_eq!(quarter_name(quarters[1]), "2026-Q2");
        let q = Period::quarter(2026, 3).unwrap();
        assert_eq!(quarters_within(q), vec![q]);
    }

    #[test]
    fn rates_per_thousand_need_a_population() {
        assert_eq!(per_thousand(45, Some(90_000)).as_deref(), Some("0.50"));
        assert_eq!(per_thousand(45, None), None);
        assert_eq!(per_thousand(45, Some(0)), None);
    }
}
