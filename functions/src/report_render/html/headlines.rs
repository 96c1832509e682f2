//! The headline figures of a report, and a partnership's side by side.

use super::blocks::{heading, paragraph, table};
use super::shared_period;
use super::words::{days_text, percent_text};
use crate::report_render::{percent, upheld};
use feedback_shared::feedback::Kind;
use feedback_shared::report::{Report, StageFigures};

pub(super) fn stage(report: &Report, number: u8) -> Option<&StageFigures> {
    report.stages.iter().find(|s| s.stage == number)
}

/// The headline figures of a report, as (label, value) pairs.
pub(super) fn headlines(r: &Report) -> Vec<(String, String)> {
    let v = &r.volumes;
    let mut rows = vec![
        ("Feedback received".to_owned(), v.total.to_string()),
        (
            "Complaints received (stage 1)".to_owned(),
            v.stage1.to_string(),
        ),
        ("Escalations to stage 2".to_owned(), v.stage2.to_string()),
        (
            "Compliments received".to_owned(),
            v.by_kind
                .get(&Kind::Compliment)
                .copied()
                .unwrap_or(0)
                .to_string(),
        ),
    ];
    for n in [1, 2] {
        let value = match stage(r, n) {
            Some(s) if s.responses > 0 => format!(
                "{} ({} of {})",
                percent_text(
                    s.percent_within_timescale
                        .or_else(|| percent(s.within_timescale, s.responses))
                ),
                s.within_timescale,
                s.responses
            ),
            _ => "No responses".to_owned(),
        };
        rows.push((format!("Stage {n} responses within timescale"), value));
    }
    rows.push((
        "Average working days to respond at stage 1".to_owned(),
        days_text(stage(r, 1).and_then(|s| s.mean_working_days_to_respond)),
    ));
    rows.push((
        "Escalation rate, stage 1 to stage 2".to_owned(),
        percent_text(r.escalation.rate_percent),
    ));
    let (upheld, decided) = upheld(r);
    rows.push((
        "Complaints upheld or partly upheld".to_owned(),
        match percent(upheld, decided) {
            Some(p) => format!("{p}% ({upheld} of {decided} decided)"),
            None => "No decisions".to_owned(),
        },
    ));
    rows.push((
        "Ombudsman referrals".to_owned(),
        r.ombudsman.referrals.to_string(),
    ));
    rows.push((
        "MP and councillor enquiries".to_owned(),
        v.mp_or_councillor.to_string(),
    ));
    rows.push((
        "Complaints not accepted".to_owned(),
        r.not_accepted
            .iter()
            .map(|n| n.count)
            .sum::<u32>()
            .to_string(),
    ));
    rows
}

/// The partnership's headline figures side by side, a column per council.
pub(super) fn comparison(out: &mut String, reports: &[Report]) {
    heading(out, 2, "comparison", "Comparison across the partnership");
    let mut head = vec!["Figure"];
    head.extend(reports.iter().map(|r| r.council_name.as_str()));
    let per_council: Vec<Vec<(String, String)>> = reports.iter().map(headlines).collect();
    let rows: Vec<(String, Vec<String>)> = per_council[0]
        .iter()
        .enumerate()
        .map(|(i, (label, _))| {
            (
                label.clone(),
                per_council.iter().map(|h| h[i].1.clone()).collect(),
            )
        })
        .collect();
    table(out, "Headline figures by council", &head, &rows, true);
    if shared_period(reports).is_none() {
        paragraph(
            out,
            "The councils' reports cover different periods; each council's section gives its own.",
        );
    }
}
