//! Deep links: every officer email about a case (assignment, reminder, overdue escalation)
//! links to the case's page in the console, at the council's `console_url`.

mod support;

use feedback_functions::config::{CouncilConfig, load_council};
use feedback_functions::notify::recipients;
use feedback_functions::outbox::OutboxMessage;
use feedback_shared::OfficerId;
use feedback_shared::case::{Action, Actor, CaseEvent};
use std::path::PathBuf;
use support::fixtures;
use time::macros::datetime;

const CONSOLE: &str = "https://complaints.demo.example/console/";
const CASE_PAGE: &str = "https://complaints.demo.example/console/cases/DEMO-2026-000001";

fn demo(console_url: Option<&str>) -> CouncilConfig {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    let mut council = load_council(&dir, "demo").unwrap();
    council.console_url = console_url.map(str::to_owned);
    council
}

fn assignment(council: &CouncilConfig) -> Vec<OutboxMessage> {
    let (mut record, _) = fixtures::complaint("demo", 1);
    let at = datetime!(2026-11-24 11:00 UTC);
    let event: CaseEvent = record
        .case
        .apply(
            fixtures::rules(),
            Actor::Officer(OfficerId("ann".into())),
            at,
            Action::Assign {
                officer: OfficerId("ben".into()),
            },
        )
        .unwrap();
    recipients::for_event(fixtures::rules(), council, &record, &event, at)
}

fn assert_links_to_the_case(messages: &[OutboxMessage]) {
    assert_eq!(messages.len(), 1, "one message expected");
    let email = &messages[0].email;
    assert!(email.text.contains(CASE_PAGE), "text: {}", email.text);
    assert!(
        email.html.contains(&format!("<a href=\"{CASE_PAGE}\">")),
        "html: {}",
        email.html
    );
}

#[test]
fn an_assignment_email_links_to_the_case_in_the_console() {
    assert_links_to_the_case(&assignment(&demo(Some(CONSOLE))));
}

#[test]
fn reminder_and_overdue_emails_link_to_the_case_in_the_console() {
    let council = demo(Some(CONSOLE));
    let (record, _) = fixtures::complaint("demo", 1);
    let point = record
        .case
        .next_reminder
        .expect("a new complaint has a reminder");
    let reminder = recipients::for_reminder(fixtures::rules(), &council, &record, &point, point.at);
    assert!(reminder[0].id.ends_with("-reminder"), "{}", reminder[0].id);
    assert_links_to_the_case(&reminder);
    // Weeks after the acknowledgement was due: the manager's escalation.
    let late = datetime!(2027-01-20 09:00 UTC);
    let overdue = recipients::for_reminder(fixtures::rules(), &council, &record, &point, late);
    assert!(overdue[0].id.ends_with("-overdue"), "{}", overdue[0].id);
    assert_links_to_the_case(&overdue);
}

#[test]
fn without_a_console_url_officer_emails_carry_no_link() {
    let messages = assignment(&demo(None));
    assert!(!messages[0].email.text.contains("/cases/"));
    assert!(!messages[0].email.html.contains("<a href"));
}
