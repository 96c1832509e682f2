//! Every Welsh string residents and officers read, written out for the Welsh spelling
//! check (`tests/welsh-spelling/`, run by `cargo xtask test`): the domain's labels, field
//! errors and equality questions, each council's Welsh names, as the code gives them;
//! the widget's words and the loader's, read from their source (the widget's text is
//! constants its own code alone lists). The emails are written out by `templates.rs`,
//! which renders every message.

mod support;

use feedback_functions::config::load_councils;
use feedback_shared::case::Status;
use feedback_shared::equality::{PREFER_NOT_TO_SAY, QUESTIONS};
use feedback_shared::labels::long_date;
use feedback_shared::validation::{FieldError, Problem};
use feedback_shared::{Field, Kind, Language, Outcome, Remedy};
use std::path::{Path, PathBuf};
use support::welsh;
use time::macros::date;

const CY: Language = Language::Cy;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every status, listed through a match so that a new one fails to compile here.
fn statuses() -> Vec<Status> {
    let all = [
        Status::Received,
        Status::Acknowledged,
        Status::Responded,
        Status::Closed,
        Status::Withdrawn,
        Status::NotAccepted,
    ];
    for status in all {
        match status {
            Status::Received
            | Status::Acknowledged
            | Status::Responded
            | Status::Closed
            | Status::Withdrawn
            | Status::NotAccepted => {}
        }
    }
    all.to_vec()
}

/// Every problem a field can have, with figures as the code fills them in; listed
/// through a match so that a new one fails to compile here.
fn problems() -> Vec<Problem> {
    let all = vec![
        Problem::Required,
        Problem::TooLong { max: 100 },
        Problem::Email,
        Problem::Phone,
        Problem::Postcode,
        Problem::NotARealDate,
        Problem::DateInFuture,
        Problem::DateTooEarly,
        Problem::YearOutOfRange,
        Problem::ControlCharacters,
        Problem::NotAnOption,
        Problem::EmailOrPhoneRequired,
        Problem::NotLater,
        Problem::ExtensionTooLong {
            max_working_days: 20,
            latest: long_date(date!(2026 - 12 - 22), CY),
        },
        Problem::UnknownPlaceholder {
            placeholder: "((enw))".into(),
            known: "((name)), ((reference))".into(),
        },
        Problem::UnclosedPlaceholder,
        Problem::DateNotInFuture,
        Problem::BeforeDecision,
        Problem::ReviewTooLate {
            latest: long_date(date!(2027 - 11 - 20), CY),
        },
        Problem::SpanNotFound,
        Problem::SpanInFixedValue,
    ];
    for problem in &all {
        match problem {
            Problem::Required
            | Problem::TooLong { .. }
            | Problem::Email
            | Problem::Phone
            | Problem::Postcode
            | Problem::NotARealDate
            | Problem::DateInFuture
            | Problem::DateTooEarly
            | Problem::YearOutOfRange
            | Problem::ControlCharacters
            | Problem::NotAnOption
            | Problem::EmailOrPhoneRequired
            | Problem::NotLater
            | Problem::ExtensionTooLong { .. }
            | Problem::UnknownPlaceholder { .. }
            | Problem::UnclosedPlaceholder
            | Problem::DateNotInFuture
            | Problem::BeforeDecision
            | Problem::ReviewTooLate { .. }
            | Problem::SpanNotFound
            | Problem::SpanInFixedValue => {}
        }
    }
    all
}

#[test]
fn the_domains_welsh_is_written_out() {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |source: &str, text: &str| out.push((source.to_owned(), text.to_owned()));
    for kind in Kind::ALL {
        add("shared/src/labels.rs (Kind)", kind.label(CY));
    }
    for status in statuses() {
        add("shared/src/labels.rs (Status)", status.label(CY));
    }
    for outcome in Outcome::ALL {
        add("shared/src/labels.rs (Outcome)", outcome.label(CY));
    }
    for remedy in Remedy::ALL {
        add("shared/src/labels.rs (Remedy)", remedy.described(CY));
    }
    // A week of days, then the first of every month.
    let dates = (0..7)
        .map(|d| date!(2026 - 11 - 23) + time::Duration::days(d))
        .chain((1..=12).map(|m| {
            time::Date::from_calendar_date(2026, time::Month::try_from(m).unwrap(), 1).unwrap()
        }));
    for day in dates {
        add("shared/src/labels.rs (long_date)", &long_date(day, CY));
    }
    let mut errors = 0;
    for field in Field::ALL {
        for problem in problems() {
            let text = FieldError::new(field, problem).text(CY);
            add(&format!("shared/src/validation.rs ({field})"), &text);
            errors += 1;
        }
    }
    assert!(errors > 100);
    for question in QUESTIONS {
        add("shared/src/equality.rs", question.cy);
        for (_, _, cy) in question.answers {
            add("shared/src/equality.rs", cy);
        }
    }
    add("shared/src/equality.rs", PREFER_NOT_TO_SAY.2);
    for (path, source) in [("shared/src/template.rs", "shared/src/template.rs")] {
        for text in welsh::scan(&read(&root().join(source)), false, true) {
            add(path, &text);
        }
    }
    welsh::write("domain", &out);
}

#[test]
fn the_councils_welsh_names_are_written_out() {
    let mut out = Vec::new();
    let councils = load_councils(&root().join("config/councils")).unwrap();
    for council in councils.values() {
        let source = format!("config/councils/{}.toml", council.id.as_str());
        let names = council
            .name_cy
            .iter()
            .chain(council.services.iter().flat_map(|s| {
                s.name_cy.iter().chain(
                    s.out_of_scope
                        .iter()
                        .flat_map(|m| m.matter_cy.iter().chain(m.route_cy.iter())),
                )
            }));
        out.extend(names.map(|text| (source.clone(), text.clone())));
    }
    welsh::write("councils", &out);
}

/// The widget's own words (`widget/src/`) and the loader's (`widget/loader/widget.js`).
#[test]
fn the_widgets_welsh_is_written_out() {
    let mut out = Vec::new();
    let mut files = vec![root().join("widget/loader/widget.js")];
    let mut dirs = vec![root().join("widget/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in &files {
        let javascript = path.extension().is_some_and(|e| e == "js");
        // `text.rs` is the widget's words; elsewhere two strings side by side are code
        // (a header and its value).
        let pairs = path.ends_with("text.rs");
        let source = path
            .strip_prefix(root())
            .unwrap_or(path)
            .display()
            .to_string();
        for text in welsh::scan(&read(path), javascript, pairs) {
            out.push((source.clone(), text));
        }
    }
    // The widget has hundreds of Welsh strings; far fewer means the scan broke.
    assert!(
        out.len() > 150,
        "only {} Welsh strings in the widget",
        out.len()
    );
    welsh::write("widget", &out);
}

#[test]
fn the_scan_finds_the_welsh_side_of_each_form() {
    let rust = r#"
        text! {
            HEADING = "Tell us what you think", "Dywedwch wrthym beth yw eich barn";
            BACK = "Back", "Yn ôl";
        }
        const MONTHS: [(&str, &str); 2] = [("January", "Ionawr"), ("February", "Chwefror"),];
        pub fn f(lang: Language) -> &'static str { pick(lang, "Easy read", "Hawdd ei ddarllen") }
        const N: Text = Text { en: "Letters", cy: "Llythyrau" };
        const A: [(&str, &str, &str); 1] = [("yes", "Yes", "Oes")];
        fn g(l: Language) -> &'static str { match l { Language::En => "Close", Language::Cy => "Cau" } }
        fn h() -> char { '"' }
        #[cfg(test)]
        mod tests { fn t() { assert_eq!("a", "Ddim"); } }
    "#;
    assert_eq!(
        welsh::scan(rust, false, true),
        [
            "Dywedwch wrthym beth yw eich barn",
            "Yn ôl",
            "Ionawr",
            "Chwefror",
            "Hawdd ei ddarllen",
            "Llythyrau",
            "Oes",
            "Cau",
        ]
    );
    // Outside a file of words, only what is marked Welsh.
    assert_eq!(welsh::scan(rust, false, false), ["Llythyrau", "Cau"]);
    let js = "const CLOSE = { en: 'Close', cy: 'Cau' }; // cy: 'not this'\nb.setAttribute('role', 'alert');";
    assert_eq!(welsh::scan(js, true, false), ["Cau"]);
}

/// The quarterly summary to the member responsible for complaints, as a bilingual
/// council's member reads it (its Welsh half).
#[test]
fn the_member_summarys_welsh_is_written_out() {
    use feedback_functions::notify::member_summary::render;
    use feedback_shared::report::{Period, compute};
    let councils = load_councils(&root().join("config/councils")).unwrap();
    let aberwen = councils
        .values()
        .find(|c| c.id.as_str() == "aberwen")
        .unwrap();
    let calendar = feedback_shared::Calendar::bundled();
    let report = |q| {
        compute(
            "aberwen",
            "Aberwen",
            &[],
            Period::quarter(2026, q).unwrap(),
            &calendar,
            aberwen.policy.division,
        )
    };
    let earlier = vec![("2026-Q2".to_owned(), report(2))];
    let rendered = render(aberwen, &report(3), &earlier, "2026-Q3");
    let welsh_half = rendered.text.split("\n---\n").next().unwrap().to_owned();
    assert!(
        welsh_half.contains("Adborth a ddaeth i law"),
        "{welsh_half}"
    );
    let source = "functions/src/notify/member_summary.rs".to_owned();
    welsh::write(
        "member-summary",
        &[
            (
                source.clone(),
                rendered.subject.split(" / ").next().unwrap().to_owned(),
            ),
            (source, welsh_half),
        ],
    );
}
