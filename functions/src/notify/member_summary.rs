//! The quarterly summary for the member responsible for complaints (Code 9.x): the
//! quarter's volumes, categories (services), outcomes, timeliness and escalations, with
//! the trend over the quarters before it. Written in each of the council's languages, its
//! first language first.

use super::templates::Rendered;
use crate::config::CouncilConfig;
use crate::html::escape;
use feedback_shared::feedback::Kind;
use feedback_shared::outcome::Outcome;
use feedback_shared::report::{Period, Report};
use feedback_shared::{Language, labels::day_month_year};

/// `2026-Q3` for a quarter of the financial year starting in 2026.
pub fn quarter_name(year: i32, quarter: u8) -> String {
    format!("{year}-Q{quarter}")
}

fn period_line(period: Period, lang: Language) -> String {
    let (from, to) = (
        day_month_year(period.from, lang),
        day_month_year(period.to, lang),
    );
    lang.pick(
        format!("Quarter: {from} to {to}"),
        format!("Chwarter: {from} i {to}"),
    )
}

fn within(
    figures: Option<&feedback_shared::report::StageFigures>,
    stage: u8,
    lang: Language,
) -> String {
    let (n, of) = figures.map_or((0, 0), |s| (s.within_timescale, s.responses));
    let percent = figures
        .and_then(|s| s.percent_within_timescale)
        .map(|p| format!(" ({p}%)"))
        .unwrap_or_default();
    lang.pick(
        format!("Stage {stage} responses within the timescale: {n} of {of}{percent}"),
        format!("Ymatebion cam {stage} o fewn yr amserlen: {n} o {of}{percent}"),
    )
}

/// The summary's lines in one language. `earlier` are the quarters before, oldest first,
/// each with its name.
fn lines(
    council: &CouncilConfig,
    quarter: &Report,
    earlier: &[(String, Report)],
    this: &str,
    lang: Language,
) -> Vec<String> {
    let v = &quarter.volumes;
    let kind = |k: Kind| v.by_kind.get(&k).copied().unwrap_or(0);
    let mut out = vec![
        period_line(quarter.period, lang),
        lang.pick(
            format!(
                "Feedback received: {} (complaints {}, comments {}, compliments {})",
                v.total,
                kind(Kind::Complaint),
                kind(Kind::Comment),
                kind(Kind::Compliment)
            ),
            format!(
                "Adborth a ddaeth i law: {} (cwynion {}, sylwadau {}, canmoliaeth {})",
                v.total,
                kind(Kind::Complaint),
                kind(Kind::Comment),
                kind(Kind::Compliment)
            ),
        ),
    ];
    let services: Vec<String> = v
        .by_service
        .iter()
        .map(|(id, n)| {
            let service = council.services.iter().find(|s| s.id == *id);
            let name = match (lang, service) {
                (Language::Cy, Some(s)) => s.name_cy.as_deref().unwrap_or(&s.name),
                (Language::En, Some(s)) => s.name.as_str(),
                (_, None) => id.as_str(),
            };
            format!("{name} {n}")
        })
        .collect();
    out.push(format!(
        "{}: {}",
        lang.pick("By service", "Fesul gwasanaeth"),
        if services.is_empty() {
            "0".to_owned()
        } else {
            services.join(", ")
        }
    ));
    let outcomes: Vec<String> = [Outcome::Upheld, Outcome::PartlyUpheld, Outcome::NotUpheld]
        .iter()
        .map(|o| {
            let n: u32 = quarter
                .outcomes
                .iter()
                .filter(|c| c.outcome == *o)
                .map(|c| c.count)
                .sum();
            format!("{} {n}", o.label(lang))
        })
        .collect();
    out.push(format!(
        "{}: {}",
        lang.pick("Outcomes", "Canlyniadau"),
        outcomes.join(", ")
    ));
    out.push(within(quarter.stages.first(), 1, lang));
    out.push(within(quarter.stages.get(1), 2, lang));
    let rate = quarter
        .escalation
        .rate_percent
        .map(|p| format!(" ({p}%)"))
        .unwrap_or_default();
    out.push(lang.pick(
        format!(
            "Escalated to stage 2: {}{rate}",
            quarter.escalation.escalations
        ),
        format!("Symud i gam 2: {}{rate}", quarter.escalation.escalations),
    ));
    let trend: Vec<String> = earlier
        .iter()
        .map(|(name, r)| format!("{name} {}", r.volumes.total))
        .chain(std::iter::once(format!("{this} {}", v.total)))
        .collect();
    out.push(format!(
        "{}: {}",
        lang.pick(
            "Feedback received by quarter",
            "Adborth a ddaeth i law fesul chwarter"
        ),
        trend.join(", ")
    ));
    out
}

/// The whole message: subject, text and HTML, in each of the council's languages.
pub fn render(
    council: &CouncilConfig,
    quarter: &Report,
    earlier: &[(String, Report)],
    this: &str,
) -> Rendered {
    let languages = if council.languages.is_empty() {
        vec![Language::En]
    } else {
        council.languages.clone()
    };
    let name = |lang: Language| match lang {
        Language::Cy => council
            .name_cy
            .clone()
            .unwrap_or_else(|| council.name.clone()),
        Language::En => council.name.clone(),
    };
    let subject = languages
        .iter()
        .map(|lang| {
            lang.pick(
                format!("Quarterly complaints summary: {}, {this}", name(*lang)),
                format!("Crynodeb chwarterol o gwynion: {}, {this}", name(*lang)),
            )
        })
        .collect::<Vec<_>>()
        .join(" / ");
    let mut text = String::new();
    let mut html = String::from("<!DOCTYPE html>\n<html><body>\n");
    for lang in &languages {
        let lines = lines(council, quarter, earlier, this, *lang);
        if !text.is_empty() {
            text.push_str("\n---\n\n");
        }
        text.push_str(&lines.join("\n"));
        text.push('\n');
        let code = lang.pick("en", "cy");
        html.push_str(&format!("<div lang=\"{code}\">\n<ul>\n"));
        for line in &lines {
            html.push_str(&format!("<li>{}</li>\n", escape(line)));
        }
        html.push_str("</ul>\n</div>\n");
    }
    html.push_str("</body></html>\n");
    Rendered {
        subject,
        text,
        html,
    }
}
