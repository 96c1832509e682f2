//! The annual report rendered as JSON, CSV and HTML, from a report built by hand.

use feedback_functions::report_render::{ReportFormat, render, to_csv, to_html};
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::feedback::{Channel, Kind};
use feedback_shared::outcome::{OmbudsmanDecision, Outcome, Remedy};
use feedback_shared::report::{
    ActionFigures, Equality, Escalation, Learning, OmbudsmanFigures, OutcomeCount, Period,
    ReasonCount, Report, StageFigures, Volumes, WelshFigures, equality,
};
use feedback_shared::restriction::RestrictionFigures;
use std::collections::BTreeMap;

const PARKS: &str = r#"Parks & <Open> "Spaces""#;
const MONTH_COUNTS: [u32; 12] = [3, 1, 0, 2, 0, 0, 1, 0, 2, 0, 1, 2];

fn report(council: &str, name: &str) -> Report {
    let period = Period::financial_year(2026).unwrap();
    let by_month = period.months().into_iter().zip(MONTH_COUNTS).collect();
    Report {
        council: council.into(),
        council_name: name.into(),
        period,
        volumes: Volumes {
            total: 12,
            by_kind: BTreeMap::from([
                (Kind::Complaint, 8),
                (Kind::Compliment, 3),
                (Kind::Comment, 1),
            ]),
            by_channel: BTreeMap::from([
                (Channel::Web, 6),
                (Channel::Email, 3),
                (Channel::MpOrCouncillor, 2),
                (Channel::Phone, 1),
            ]),
            by_service: BTreeMap::from([
                ("Housing, repairs".to_owned(), 3),
                (PARKS.to_owned(), 4),
                ("Waste".to_owned(), 5),
            ]),
            by_month,
            stage1: 8,
            stage2: 2,
            mp_or_councillor: 2,
        },
        stages: vec![
            StageFigures {
                stage: 1,
                responses: 6,
                within_timescale: 4,
                within_extension: 1,
                late: 1,
                percent_within_timescale: Some(66.7),
                percent_within_extension: Some(16.7),
                percent_late: Some(16.7),
                acknowledged: 8,
                mean_working_days_to_acknowledge: Some(2.5),
                median_working_days_to_acknowledge: Some(2.0),
                mean_working_days_to_respond: Some(8.3),
                median_working_days_to_respond: Some(9.0),
            },
            StageFigures {
                stage: 2,
                ..StageFigures::default()
            },
        ],
        outcomes: vec![
            OutcomeCount {
                stage: 1,
                service: PARKS.into(),
                outcome: Outcome::Upheld,
                count: 2,
            },
            OutcomeCount {
                stage: 1,
                service: PARKS.into(),
                outcome: Outcome::NotUpheld,
                count: 1,
            },
            OutcomeCount {
                stage: 1,
                service: "Waste".into(),
                outcome: Outcome::PartlyUpheld,
                count: 3,
            },
            OutcomeCount {
                stage: 1,
                service: "Waste".into(),
                outcome: Outcome::NotAccepted,
                count: 1,
            },
        ],
        remedies: BTreeMap::from([(Remedy::Apology, 3), (Remedy::FinancialRemedy, 1)]),
        escalation: Escalation {
            stage1_responses: 6,
            escalations: 2,
            rate_percent: Some(33.3),
        },
        ombudsman: OmbudsmanFigures {
            referrals: 1,
            decisions: BTreeMap::from([(OmbudsmanDecision::FaultWithInjustice, 1)]),
        },
        not_accepted: vec![ReasonCount {
            reason: "Out of time <12 months>".into(),
            count: 1,
        }],
        learning: vec![Learning {
            reference: "DEMO-2026-0001".into(),
            service: PARKS.into(),
            stage: 1,
            learning: "=cmd|' /C calc'!A0".into(),
        }],
        actions: ActionFigures {
            promised: 7,
            completed_on_time: 4,
            completed_late: 2,
            open: 1,
        },
        stage2_handling: Default::default(),
        restrictions: Some(RestrictionFigures {
            in_force_at_end: 4,
            imposed: 3,
            ended: 2,
        }),
        annual: None,
        equality: equality_figures(period),
        welsh: WelshFigures {
            complaints: 3,
            responses: 2,
        },
    }
}

/// 6 answered 25 to 44 and female, 2 under 25 and preferred not to say their sex: 8 of 40.
fn equality_figures(period: Period) -> Equality {
    let set = |age: &str, sex: &str| {
        EqualityAnswers(BTreeMap::from([
            ("age".to_owned(), age.to_owned()),
            ("sex".to_owned(), sex.to_owned()),
        ]))
    };
    let mut answers = vec![set("25_44", "female"); 6];
    answers.extend(vec![set("under_25", "prefer_not_to_say"); 2]);
    let mut e = equality::figures(period, 0, &answers);
    e.received = 40;
    e.response_rate_percent = Some(20.0);
    e
}

fn lines(csv: &str) -> Vec<&str> {
    csv.split("\r\n").filter(|l| !l.is_empty()).collect()
}

#[test]
fn csv_has_a_row_per_figure() {
    let csv = to_csv(&[report("demo", "Demo Council")]);
    let rows = lines(&csv);
    assert_eq!(
        rows[0],
        "council,period_from,period_to,section,measure,dimension,value"
    );
    for row in [
        "demo,2026-04-01,2027-03-31,volumes,total,,12",
        "demo,2026-04-01,2027-03-31,volumes,by_kind,Complaint,8",
        "demo,2026-04-01,2027-03-31,volumes,by_kind,Service request,0",
        "demo,2026-04-01,2027-03-31,volumes,by_channel,MP or councillor,2",
        "demo,2026-04-01,2027-03-31,volumes,by_channel,In person,0",
        "demo,2026-04-01,2027-03-31,volumes,by_month,2026-04,3",
        "demo,2026-04-01,2027-03-31,volumes,by_month,2027-03,2",
        "demo,2026-04-01,2027-03-31,volumes,stage1,,8",
        "demo,2026-04-01,2027-03-31,volumes,mp_or_councillor,,2",
        "demo,2026-04-01,2027-03-31,timeliness,responses,stage 1,6",
        "demo,2026-04-01,2027-03-31,timeliness,percent_within_timescale,stage 1,66.7",
        "demo,2026-04-01,2027-03-31,timeliness,median_working_days_to_respond,stage 1,9",
        "demo,2026-04-01,2027-03-31,timeliness,percent_late,stage 2,",
        "demo,2026-04-01,2027-03-31,outcomes,stage 1,Waste / Partly upheld,3",
        "demo,2026-04-01,2027-03-31,remedies,count,Financial remedy,1",
        "demo,2026-04-01,2027-03-31,escalation,rate_percent,,33.3",
        "demo,2026-04-01,2027-03-31,ombudsman,referrals,,1",
        "demo,2026-04-01,2027-03-31,ombudsman,decisions,Fault with injustice,1",
        "demo,2026-04-01,2027-03-31,not_accepted,count,Out of time <12 months>,1",
    ] {
        assert!(rows.contains(&row), "missing row {row:?} in\n{csv}");
    }
    // Every row has the seven columns (none of these fields holds a quoted comma).
    assert!(csv.ends_with("\r\n"));
}

#[test]
fn csv_quotes_and_guards_cells() {
    let csv = to_csv(&[report("demo", "Demo Council")]);
    let rows = lines(&csv);
    assert!(rows.contains(
        &r#"demo,2026-04-01,2027-03-31,volumes,by_service,"Parks & <Open> ""Spaces""",4"#
    ));
    assert!(
        rows.contains(&r#"demo,2026-04-01,2027-03-31,volumes,by_service,"Housing, repairs",3"#)
    );
    assert!(rows.contains(
        &r#"demo,2026-04-01,2027-03-31,outcomes,stage 1,"Parks & <Open> ""Spaces"" / Upheld",2"#
    ));
    // The learning text would be a formula in a spreadsheet: it is defused.
    assert!(rows.contains(
        &r#"demo,2026-04-01,2027-03-31,learning,stage 1,"DEMO-2026-0001 / Parks & <Open> ""Spaces""",'=cmd|' /C calc'!A0"#
    ));
    assert!(!csv.contains(",=cmd"));
}

#[test]
fn csv_lines_up_a_partnership() {
    let csv = to_csv(&[
        report("demo", "Demo Council"),
        report("other", "Other Council"),
    ]);
    let rows = lines(&csv);
    assert_eq!(rows.iter().filter(|r| r.starts_with("council,")).count(), 1);
    assert!(rows.contains(&"demo,2026-04-01,2027-03-31,volumes,total,,12"));
    assert!(rows.contains(&"other,2026-04-01,2027-03-31,volumes,total,,12"));
    let demo: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.strip_prefix("demo,"))
        .collect();
    let other: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.strip_prefix("other,"))
        .collect();
    assert_eq!(demo, other, "the same figures in the same order");
    assert_eq!(rows.len(), 1 + demo.len() + other.len());
}

/// The `<svg role="img" …>…</svg>` elements, each with the text after it.
fn charts(html: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg role=\"img\"") {
        let from = &rest[start..];
        let end = from.find("</svg>").expect("a closed svg") + "</svg>".len();
        found.push((&from[..end], &from[end..]));
        rest = &from[end..];
    }
    found
}

fn attribute<'a>(element: &'a str, name: &str) -> &'a str {
    let key = format!("{name}=\"");
    let start = element.find(&key).expect("the attribute") + key.len();
    let len = element[start..].find('"').expect("a closing quote");
    &element[start..start + len]
}

#[test]
fn html_is_one_accessible_printable_document() {
    let html = to_html(&[report("demo", "Demo Council")]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<html").count(), 1);
    assert_eq!(html.matches("</html>").count(), 1);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("<title>") && html.contains("Demo Council"));
    assert!(html.contains("@page { size: A4; margin: 15mm }"));
    assert!(html.contains("break-inside: avoid"));

    let charts = charts(&html);
    assert_eq!(charts.len(), 3);
    assert_eq!(html.matches("<svg").count(), 3);
    for (svg, after) in &charts {
        assert!(svg.contains("viewBox=") && svg.contains("width=\"100%\""));
        let ids = attribute(svg, "aria-labelledby");
        for id in ids.split_whitespace() {
            assert!(
                svg.contains(&format!("id=\"{id}\"")),
                "{id} is not in {svg}"
            );
        }
        assert!(svg.contains("<title id=") && svg.contains("<desc id="));
        let after = after.trim_start();
        assert!(after.starts_with("<table>"), "no table after the chart");
        let table = &after[..after.find("</table>").unwrap()];
        assert!(table.contains("<caption>") && table.contains("<th scope=\"col\""));
        assert!(table.contains("<th scope=\"row\""));
    }

    // The month chart's table has the month counts.
    let (months_svg, months_table) = charts[0];
    let months_table = &months_table[..months_table.find("</table>").unwrap()];
    let names = [
        "April 2026",
        "May 2026",
        "June 2026",
        "July 2026",
        "August 2026",
        "September 2026",
        "October 2026",
        "November 2026",
        "December 2026",
        "January 2027",
        "February 2027",
        "March 2027",
    ];
    for (name, count) in names.iter().zip(MONTH_COUNTS) {
        assert!(
            months_table.contains(&format!(
                "<th scope=\"row\">{name}</th><td class=\"num\">{count}</td>"
            )),
            "{name}: {count}"
        );
        assert!(months_svg.contains(&format!("{name}: {count}")));
    }
    // The timeliness chart and its table.
    let (timeliness_svg, timeliness_table) = charts[1];
    assert!(timeliness_svg.contains(">4</text>"));
    assert!(timeliness_table.contains("<td class=\"num\">4 (66.7%)</td>"));
    assert!(timeliness_table.contains("<td class=\"num\">1 (16.7%)</td>"));
    // The outcomes chart and its table, with the tricky name escaped in both.
    let (outcomes_svg, outcomes_table) = charts[2];
    let escaped = "Parks &amp; &lt;Open&gt; &quot;Spaces&quot;";
    assert!(outcomes_svg.contains(escaped));
    assert!(outcomes_table.contains(&format!(
        "<th scope=\"row\">Stage 1: {escaped}</th><td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">1</td>"
    )));

    assert!(html.contains(escaped));
    assert!(!html.contains("<Open>"));
    assert!(!html.contains("<12 months>"));
    assert!(html.contains("Out of time &lt;12 months&gt;"));
    assert!(html.contains("=cmd|&#39; /C calc&#39;!A0"));
    assert!(html.contains("Fault with injustice"));
    assert!(html.contains("MP or councillor"));
    assert!(!html.contains("Comparison across the partnership"));
}

#[test]
fn complaints_made_in_welsh_are_in_the_csv_and_the_html() {
    let csv = to_csv(&[report("demo", "Demo Council")]);
    let rows = lines(&csv);
    for row in [
        "demo,2026-04-01,2027-03-31,welsh,complaints_made_in_welsh,,3",
        "demo,2026-04-01,2027-03-31,welsh,responses_sent_in_welsh,,2",
    ] {
        assert!(rows.contains(&row), "missing row {row:?} in\n{csv}");
    }
    let html = to_html(&[report("demo", "Demo Council")]);
    assert!(html.contains("3 complaints were made in Welsh in this period."));
    for (label, n) in [
        ("Complaints made in Welsh", 3),
        ("Responses sent in Welsh", 2),
    ] {
        assert!(
            html.contains(&format!(
                "<th scope=\"row\">{label}</th><td class=\"num\">{n}</td>"
            )),
            "{label}"
        );
    }
}

#[test]
fn the_promised_actions_are_in_the_csv_and_the_html() {
    let csv = to_csv(&[report("demo", "Demo Council")]);
    let rows = lines(&csv);
    for row in [
        "demo,2026-04-01,2027-03-31,actions,promised,,7",
        "demo,2026-04-01,2027-03-31,actions,completed_on_time,,4",
        "demo,2026-04-01,2027-03-31,actions,completed_late,,2",
        "demo,2026-04-01,2027-03-31,actions,open,,1",
    ] {
        assert!(rows.contains(&row), "missing row {row:?} in\n{csv}");
    }
    let html = to_html(&[report("demo", "Demo Council")]);
    assert!(html.contains("Actions promised in responses"));
    assert!(html.contains("7 actions were promised in responses in this period."));
    for (label, n) in [
        ("Completed by the date promised", 4),
        ("Completed after the date promised", 2),
        ("Promised in this period and still open", 1),
    ] {
        assert!(
            html.contains(&format!(
                "<th scope=\"row\">{label}</th><td class=\"num\">{n}</td>"
            )),
            "{label}"
        );
    }
}

#[test]
fn restrictions_are_in_the_csv_and_the_html_in_number_only() {
    let csv = to_csv(&[report("demo", "Demo Council")]);
    let rows = lines(&csv);
    for row in [
        "demo,2026-04-01,2027-03-31,restrictions,in_force_at_end,,4",
        "demo,2026-04-01,2027-03-31,restrictions,imposed,,3",
        "demo,2026-04-01,2027-03-31,restrictions,ended,,2",
    ] {
        assert!(rows.contains(&row), "missing row {row:?} in\n{csv}");
    }
    let html = to_html(&[report("demo", "Demo Council")]);
    assert!(html.contains("Restrictions on contact"));
    for (label, n) in [
        ("In force at the end of the period", 4),
        ("Imposed in the period", 3),
        ("Ended in the period", 2),
    ] {
        assert!(
            html.contains(&format!(
                "<th scope=\"row\">{label}</th><td class=\"num\">{n}</td>"
            )),
            "{label}"
        );
    }
    // A report that does not know them (read from no store) says nothing of them.
    let mut unknown = report("demo", "Demo Council");
    unknown.restrictions = None;
    assert!(!to_html(&[unknown.clone()]).contains("Restrictions on contact"));
    assert!(!to_csv(&[unknown]).contains("restrictions"));
}

#[test]
fn html_says_when_a_section_is_empty() {
    let mut r = report("demo", "Demo Council");
    r.not_accepted.clear();
    r.learning.clear();
    r.remedies.clear();
    r.ombudsman.decisions.clear();
    let html = to_html(&[r]);
    assert!(html.contains("No complaints were not accepted in this period"));
    assert!(html.contains("No learning was recorded in this period"));
    assert!(html.contains("No remedies were recorded in this period"));
    assert!(html.contains("No Ombudsman decisions were received in this period"));
}

#[test]
fn html_compares_a_partnership() {
    let mut other = report("other", "Other & Sons Council");
    other.volumes.total = 30;
    let html = to_html(&[report("demo", "Demo Council"), other]);
    assert_eq!(html.matches("<html").count(), 1);
    assert!(html.contains("Comparison across the partnership"));
    let start = html
        .find("<caption>Headline figures by council</caption>")
        .unwrap();
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    assert!(table.contains("<th scope=\"col\" class=\"num\">Demo Council</th>"));
    assert!(table.contains("Other &amp; Sons Council"));
    assert!(table.contains(
        "<th scope=\"row\">Feedback received</th><td class=\"num\">12</td><td class=\"num\">30</td>"
    ));
    // Each council's own section, with its own three charts and unique ids.
    assert_eq!(charts(&html).len(), 6);
    assert!(html.contains("id=\"c0\"") && html.contains("id=\"c1\""));
    let mut ids: Vec<&str> = charts(&html)
        .iter()
        .map(|(svg, _)| attribute(svg, "id"))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 6);
}

#[test]
fn formats_are_negotiated() {
    let f = ReportFormat::from_query_or_accept;
    assert_eq!(f(None, None), Ok(ReportFormat::Json));
    assert_eq!(f(Some("csv"), None), Ok(ReportFormat::Csv));
    assert_eq!(f(Some("HTML"), None), Ok(ReportFormat::Html));
    assert_eq!(f(Some("json"), Some("text/csv")), Ok(ReportFormat::Json));
    assert_eq!(f(None, Some("text/csv")), Ok(ReportFormat::Csv));
    assert_eq!(
        f(
            None,
            Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        ),
        Ok(ReportFormat::Html)
    );
    assert_eq!(f(None, Some("*/*")), Ok(ReportFormat::Json));
    assert_eq!(f(None, Some("application/json")), Ok(ReportFormat::Json));
    let err = f(Some("xml"), Some("text/csv")).unwrap_err();
    assert!(err.contains("xml"), "{err}");

    assert_eq!(ReportFormat::Json.content_type(), "application/json");
    assert_eq!(ReportFormat::Csv.content_type(), "text/csv; charset=utf-8");
    assert_eq!(
        ReportFormat::Html.content_type(),
        "text/html; charset=utf-8"
    );
}

#[test]
fn render_picks_the_shape() {
    let one = render(&[report("demo", "Demo Council")], ReportFormat::Json);
    let value: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(value["council"], "demo");
    assert_eq!(value["volumes"]["by_kind"]["complaint"], 8);
    assert_eq!(value["period"]["from"], "2026-04-01");

    let two = render(
        &[report("demo", "Demo"), report("other", "Other")],
        ReportFormat::Json,
    );
    let value: serde_json::Value = serde_json::from_str(&two).unwrap();
    assert_eq!(value.as_array().map(Vec::len), Some(2));
    assert_eq!(value[1]["council"], "other");

    assert!(render(&[report("demo", "Demo")], ReportFormat::Csv).starts_with("council,"));
    assert!(render(&[report("demo", "Demo")], ReportFormat::Html).starts_with("<!DOCTYPE html>"));
}

#[test]
fn equality_is_a_table_per_question_with_small_groups_shown_as_fewer_than_5() {
    let csv = to_csv(&[report("demo", "Demo Council")]);
    let rows = lines(&csv);
    for row in [
        "demo,2026-04-01,2027-03-31,equality,calendar_years,,2026 2027",
        "demo,2026-04-01,2027-03-31,equality,responses,,8",
        "demo,2026-04-01,2027-03-31,equality,received,,40",
        "demo,2026-04-01,2027-03-31,equality,response_rate_percent,,20",
        "demo,2026-04-01,2027-03-31,equality,age,25 to 44,6",
        "demo,2026-04-01,2027-03-31,equality,age,Under 25,fewer than 5",
        "demo,2026-04-01,2027-03-31,equality,age,65 or over,0",
        "demo,2026-04-01,2027-03-31,equality,age,Not answered,0",
        "demo,2026-04-01,2027-03-31,equality,sex,Prefer not to say,fewer than 5",
        "demo,2026-04-01,2027-03-31,equality,disability,Not answered,8",
    ] {
        assert!(rows.contains(&row), "missing row {row:?} in\n{csv}");
    }
    assert!(csv.contains("counts those given in 2026 and 2027"));

    let html = to_html(&[report("demo", "Demo Council")]);
    let section = &html[html
        .find("id=\"c0-equality\"")
        .expect("an equality section")..];
    assert!(section.contains("8 responses were given in 2026 and 2027: 20% of the 40"));
    for caption in [
        "What is your age?",
        "Do you have a disability or a long-term health condition?",
        "What is your ethnic group?",
        "What is your sex?",
    ] {
        assert!(
            section.contains(&format!("<caption>{caption}</caption>")),
            "no table for {caption}"
        );
    }
    assert!(
        section.contains(
            "<tr><th scope=\"row\">Under 25</th><td class=\"num\">Fewer than 5</td></tr>"
        )
    );
    assert!(section.contains("<tr><th scope=\"row\">25 to 44</th><td class=\"num\">6</td></tr>"));
    assert!(section.contains("<th scope=\"col\">Answer</th>"));
    assert!(!html.contains("Equality monitoring across the partnership"));

    let mut unrated = report("demo", "Demo Council");
    unrated.equality.received = 0;
    unrated.equality.response_rate_percent = None;
    assert!(to_html(&[unrated]).contains(
        "8 responses were given in 2026 and 2027, when no feedback was received, so there is no rate."
    ));

    let both = to_html(&[
        report("demo", "Demo Council"),
        report("other", "Other Council"),
    ]);
    let side = &both[both
        .find("Equality monitoring across the partnership")
        .expect("side by side")..];
    assert!(side.contains("<caption>What is your age? (by council)</caption>"));
    assert!(side.contains(
        "<tr><th scope=\"row\">Under 25</th><td class=\"num\">Fewer than 5</td><td class=\"num\">Fewer than 5</td></tr>"
    ));
    assert!(side.contains("<th scope=\"col\" class=\"num\">Other Council</th>"));
}
