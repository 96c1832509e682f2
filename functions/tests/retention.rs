//! The retention job under a controlled clock, on both stores: a case closed exactly
//! `retention_years` ago stays, one closed a day longer ago goes; held cases stay; an
//! anonymised case is left alone; a run with a limit stops and the next carries on. And
//! the property the issue insists on: after retention, or a manager's erasure on request,
//! no personal value of the cases (promised actions' words included) is anywhere in the
//! SQLite files (WAL included), the outbox folder, a scan of the DynamoDB table, or the
//! subject access bundle of the cases; and after an officer's rectification, no old
//! contact detail, and after a redaction, no redacted span (a random part of a word the
//! resident wrote, quoted in a note too), anywhere in them either.

mod support;

use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::cases::personal_data::{correct, erase, export};
use feedback_functions::cases::{NewSubmission, submit};
use feedback_functions::clock::{Clock, FixedClock};
use feedback_functions::config::load_councils;
use feedback_functions::jobs::{delivery, retention};
use feedback_functions::notify::adapters::eml::OutboxFolder;
use feedback_functions::notify::recipients;
use feedback_functions::store::Store;
use feedback_shared::case::{Action, Actor, FreeTextField, ResponseDetails};
use feedback_shared::contact::{ContactForm, Submitter};
use feedback_shared::input::LongText;
use feedback_shared::outcome::{Outcome, Remedy};
use feedback_shared::submission::FeedbackForm;
use feedback_shared::wire::{
    ContactCorrection, ErasureRequest, LegalHold, RedactionRequest, SubjectAccessRequest,
};
use feedback_shared::{Calendar, Channel, CouncilId, Field, Kind, OfficerId, Reference};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

fn app(store: Arc<dyn Store>, clock: Arc<FixedClock>) -> App {
    App {
        councils: load_councils(&config_dir()).unwrap(),
        calendar: Calendar::bundled(),
        store,
        clock,
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    }
}

fn demo() -> CouncilId {
    CouncilId::parse("demo").unwrap()
}

fn reference(seq: u64) -> Reference {
    Reference::new("DEMO", 2026, seq).unwrap()
}

fn officer() -> Actor {
    Actor::Officer(OfficerId("ann".into()))
}

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

/// Submits `form` to demo as a resident would, now.
async fn receive(app: &App, key: &str, form: FeedbackForm) -> Reference {
    let new = NewSubmission {
        council: app.council("demo").unwrap(),
        form,
        channel: Channel::Web,
        received_at: app.clock.now(),
        actor: Actor::Resident,
        idempotency: Some((key.into(), "hash".into())),
        gate: Default::default(),
    };
    submit(app, new).await.unwrap().0.reference
}

/// Applies `action` by an officer at `at`, storing the change.
async fn act(app: &App, reference: &Reference, at: OffsetDateTime, action: Action) {
    let mut record = app
        .store
        .get_case(&demo(), reference)
        .await
        .unwrap()
        .unwrap();
    let read = record.case.version;
    let rules = feedback_functions_rules(app);
    let event = record.case.apply(rules, officer(), at, action).unwrap();
    // The messages the change sends, as the API would queue them: bodies to remove later.
    let council = app.council("demo").unwrap();
    let outbox = recipients::for_event(rules, council, &record, &event, at);
    app.store
        .update_case(&record, read, &event, &outbox)
        .await
        .unwrap();
}

/// Acknowledges and answers the complaint on 24 November 2026, with `promised` an action
/// the response promised and the note of its completion, then closes it on `on`.
async fn answer_and_close(
    app: &App,
    reference: &Reference,
    on: Date,
    reasons: &str,
    promised: Option<(String, String)>,
) {
    let at = datetime!(2026-11-24 10:00 UTC);
    let day = date!(2026 - 11 - 24);
    act(app, reference, at, Action::Acknowledge { on: day }).await;
    act(
        app,
        reference,
        at,
        Action::Respond {
            response: ResponseDetails {
                responded_on: day,
                outcome: Outcome::PartlyUpheld,
                reasons: text(reasons),
                remedies: vec![Remedy::Apology],
                learning: Some(text("Crews check the whole street")),
                outstanding_actions: None,
                responder: None,
            },
        },
    )
    .await;
    if let Some((description, note)) = promised {
        let promise = Action::PromiseAction {
            description: text(&description),
            owner: OfficerId("ann".into()),
            due: date!(2026 - 12 - 10),
        };
        act(app, reference, at, promise).await;
        let done = Action::CompleteAction {
            id: 1,
            note: text(&note),
            on: None,
        };
        act(app, reference, at, done).await;
    }
    close(app, reference, on).await;
}

fn feedback_functions_rules(app: &App) -> feedback_shared::case::Rules<'_> {
    app.rules(app.council("demo").unwrap())
}

async fn note(app: &App, reference: &Reference, words: &str) {
    let record = app
        .store
        .get_case(&demo(), reference)
        .await
        .unwrap()
        .unwrap();
    let mut case = record.case.clone();
    let event = case
        .apply(
            feedback_functions_rules(app),
            officer(),
            app.clock.now(),
            Action::Note { text: text(words) },
        )
        .unwrap();
    app.store
        .append_event(&demo(), reference, &event, None)
        .await
        .unwrap();
}

fn complaint(name: &str, email: &str, words: &str) -> FeedbackForm {
    FeedbackForm {
        kind: Some(Kind::Complaint),
        service: "waste".into(),
        what_happened: words.into(),
        put_right: "Collect it".into(),
        contact: ContactForm {
            name: name.into(),
            email: email.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

async fn close(app: &App, reference: &Reference, on: Date) {
    act(
        app,
        reference,
        datetime!(2026-12-20 10:00 UTC),
        Action::Close { on: Some(on) },
    )
    .await;
}

async fn is_anonymised(app: &App, seq: u64) -> bool {
    let record = app
        .store
        .get_case(&demo(), &reference(seq))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        record.case.anonymised.is_some(),
        record.details.submitter == Submitter::Anonymous
    );
    record.case.anonymised.is_some()
}

/// Demo keeps cases 6 years after closure (the default).
async fn the_job_removes_only_what_is_past_retention(store: Arc<dyn Store>) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let app = app(store, clock.clone());
    let outbox = tempfile::tempdir().unwrap();
    let notifier = OutboxFolder::new(outbox.path());
    for seq in 1..=5 {
        let form = complaint("Rhian Evans", &format!("r{seq}@example.com"), "Bins");
        assert_eq!(
            receive(&app, &format!("k{seq}"), form).await,
            reference(seq)
        );
    }
    for (seq, on) in [
        (1, date!(2026 - 11 - 25)),
        (2, date!(2026 - 11 - 25)),
        (3, date!(2026 - 11 - 25)),
        (4, date!(2026 - 11 - 26)),
    ] {
        answer_and_close(&app, &reference(seq), on, "Rhian Evans was right", None).await;
    }
    app.store
        .put_hold(
            &demo(),
            &LegalHold {
                reference: reference(3),
                reason: "Litigation".into(),
                by: OfficerId("mia".into()),
                at: clock.now(),
            },
        )
        .await
        .unwrap();
    // Send the acknowledgements, so the folder holds copies.
    delivery::run(app.store.as_ref(), &notifier, clock.now(), "test")
        .await
        .unwrap();
    let copies = |seq: u64| {
        std::fs::read_dir(outbox.path())
            .unwrap()
            .filter(|f| {
                std::fs::read_to_string(f.as_ref().unwrap().path())
                    .unwrap()
                    .contains(&format!("r{seq}@example.com"))
            })
            .count()
    };
    assert_eq!(
        copies(1),
        3,
        "acknowledgements of receipt and of the complaint, and the response"
    );
    let run = |at: OffsetDateTime, limit: usize| {
        let (app, notifier) = (&app, &notifier);
        async move {
            retention::run(app, notifier, at, limit, None)
                .await
                .unwrap()
        }
    };

    // Six years to the day after the closure on 25 November: kept.
    let on_the_day = datetime!(2032-11-25 12:00 UTC);
    assert_eq!(run(on_the_day, 100).await.anonymised, 0);
    assert!(
        retention::due(&app, on_the_day, None)
            .await
            .unwrap()
            .is_empty()
    );

    // A day later, 1, 2 and 3 are due; 3 is held. A run of one, then another.
    let next_day = datetime!(2032-11-26 12:00 UTC);
    let due: Vec<_> = retention::due(&app, next_day, None)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.case.reference.sequence(), d.held))
        .collect();
    assert_eq!(due, [(1, false), (2, false), (3, true)]);
    let first = run(next_day, 1).await;
    assert_eq!((first.anonymised, first.read), (1, 1));
    assert!(is_anonymised(&app, 1).await && !is_anonymised(&app, 2).await);
    assert_eq!(
        copies(1),
        0,
        "the case's copy in the outbox folder went with it"
    );
    assert_eq!(copies(2), 3);
    // As if the first run had died here: the next one carries on.
    let second = run(next_day, 1).await;
    assert_eq!(second.anonymised, 1);
    assert!(is_anonymised(&app, 2).await);
    let third = run(next_day, 100).await;
    assert_eq!((third.anonymised, third.held), (0, 1));
    assert!(!is_anonymised(&app, 3).await, "held");
    assert!(!is_anonymised(&app, 4).await, "closed a day later");
    assert!(!is_anonymised(&app, 5).await, "open");

    // An anonymised case is left alone by later runs.
    let before = app.store.events(&demo(), &reference(1)).await.unwrap();
    let later = datetime!(2032-11-27 12:00 UTC);
    let fourth = run(later, 100).await;
    assert_eq!((fourth.anonymised, fourth.held), (1, 1), "4 goes, 3 stays");
    assert!(is_anonymised(&app, 4).await);
    assert_eq!(
        app.store.events(&demo(), &reference(1)).await.unwrap(),
        before
    );

    // Lifting the hold lets it go.
    app.store.remove_hold(&demo(), &reference(3)).await.unwrap();
    assert_eq!(run(later, 100).await.anonymised, 1);
    assert!(is_anonymised(&app, 3).await && !is_anonymised(&app, 5).await);
}

fn sqlite_at(dir: &Path) -> Arc<dyn Store> {
    Arc::new(
        feedback_functions::store::sqlite::SqliteStore::open(&dir.join("cases.sqlite3")).unwrap(),
    )
}

#[tokio::test]
async fn sqlite_the_job_removes_only_what_is_past_retention() {
    let dir = tempfile::tempdir().unwrap();
    the_job_removes_only_what_is_past_retention(sqlite_at(dir.path())).await
}

#[tokio::test]
async fn dynamodb_the_job_removes_only_what_is_past_retention() {
    let store = support::dynamodb::dynamo_store().await;
    the_job_removes_only_what_is_past_retention(Arc::new(store)).await
}

/// One generated resident and what they wrote: every value distinctive, so finding it
/// anywhere after retention can only mean it was kept.
#[derive(Debug, Clone)]
struct Resident {
    complaint: bool,
    first: String,
    last: String,
    mailbox: String,
    phone: String,
    words: [String; 6],
}

/// Letters no English word or JSON key is made of alone.
fn token() -> impl Strategy<Value = String> {
    "[bcdfghjklmnpqrstvwxz]{10}"
}

fn resident() -> impl Strategy<Value = Resident> {
    (
        any::<bool>(),
        token(),
        token(),
        token(),
        0u32..100_000,
        [token(), token(), token(), token(), token(), token()],
    )
        .prop_map(|(complaint, first, last, mailbox, phone, words)| Resident {
            complaint,
            first,
            last,
            mailbox,
            phone: format!("07700 9{phone:05}"),
            words,
        })
}

impl Resident {
    fn form(&self) -> FeedbackForm {
        let [a, b, ..] = &self.words;
        FeedbackForm {
            kind: Some(if self.complaint {
                Kind::Complaint
            } else {
                Kind::Comment
            }),
            service: "waste".into(),
            what_happened: format!("The {a} was left out"),
            put_right: format!("Bring back {b}"),
            contact: ContactForm {
                name: format!("{} {}", self.first, self.last),
                email: format!("{}@example.com", self.mailbox),
                phone: self.phone.clone(),
                address: format!("1 {} Road", self.words[2]),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// What must not be found: the values as the store keeps them.
    fn personal(&self, stored_phone: &str) -> Vec<String> {
        let mut values = vec![
            self.first.clone(),
            self.last.clone(),
            format!("{}@example.com", self.mailbox),
            stored_phone.to_owned(),
        ];
        values.extend(self.words.iter().cloned());
        values
    }
}

/// How the personal data goes: the retention job 7 years on, or a manager's erasure on
/// request a week after closure; or how one value goes: an officer's rectification of
/// the contact details (the old ones must be gone) or redaction of a span of what the
/// resident wrote (`span`'s bounds inside their first word: it must be gone).
#[derive(Debug, Clone, Copy)]
enum How {
    Retention,
    Erasure,
    Rectification,
    Redaction { span: (usize, usize) },
}

/// `s` reversed: a new value that holds no old one (the tokens are 10 random letters).
fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

/// Receives, works and closes each resident's case (a complaint is acknowledged, answered
/// in words naming them, promises an action and completes it, and is noted), sends its
/// emails, then removes the personal data `how`; what must not be found anywhere
/// afterwards, and the subject access bundle of the cases as JSON (which must not hold
/// it either).
async fn retain(
    app: &App,
    clock: &FixedClock,
    outbox: &Path,
    residents: &[Resident],
    how: How,
) -> (Vec<String>, String) {
    let notifier = OutboxFolder::new(outbox);
    let mut personal = Vec::new();
    let mut references = Vec::new();
    for (n, resident) in residents.iter().enumerate() {
        clock.set(datetime!(2026-11-24 10:00 UTC));
        let reference = receive(app, &format!("key-{n}"), resident.form()).await;
        references.push(reference.clone());
        let stored = app
            .store
            .get_case(&demo(), &reference)
            .await
            .unwrap()
            .unwrap();
        let phone = match &stored.details.submitter {
            Submitter::Identified(person) => person.contact.phone.as_ref().unwrap().to_string(),
            Submitter::Anonymous => unreachable!("a named resident"),
        };
        match how {
            How::Retention | How::Erasure => personal.extend(resident.personal(&phone)),
            // The values as a whole: the officer's own words (a note naming the surname)
            // are theirs, and stay.
            How::Rectification => personal.extend([
                format!("{} {}", resident.first, resident.last),
                format!("{}@example.com", resident.mailbox),
                phone.clone(),
                format!("1 {} Road", resident.words[2]),
            ]),
            How::Redaction { span: (from, to) } => {
                let span = resident.words[0][from..to].to_owned();
                // An officer quoted it: the timeline's copy must go too.
                note(app, &reference, &format!("She wrote {span} here")).await;
                personal.push(span);
            }
        }
        let [_, _, c, d, e, f] = &resident.words;
        note(
            app,
            &reference,
            &format!("Rang {} about {d}", resident.last),
        )
        .await;
        let closed_on = date!(2026 - 11 - 25);
        if resident.complaint {
            let reasons = format!("{} was right about {c}", resident.first);
            let promised = (
                format!("Replace the {e} for {}", resident.last),
                format!("Replaced, {f} told"),
            );
            answer_and_close(app, &reference, closed_on, &reasons, Some(promised)).await;
        } else {
            close(app, &reference, closed_on).await;
        }
    }
    delivery::run(app.store.as_ref(), &notifier, clock.now(), "test")
        .await
        .unwrap();
    let council = app.council("demo").unwrap();
    match how {
        How::Retention => {
            clock.set(datetime!(2033-11-26 12:00 UTC));
            let run = retention::run(app, &notifier, clock.now(), 100, None)
                .await
                .unwrap();
            assert_eq!(run.anonymised, residents.len());
        }
        How::Erasure => {
            clock.set(datetime!(2026-12-01 12:00 UTC));
            for reference in &references {
                let request = ErasureRequest {
                    reason: "The resident asked".into(),
                };
                erase::erase(app, council, reference, &request, Some(&notifier))
                    .await
                    .unwrap();
            }
        }
        How::Rectification => {
            for (reference, resident) in references.iter().zip(residents) {
                let version = version_of(app, reference).await;
                let request = ContactCorrection {
                    contact: ContactForm {
                        name: format!("{} {}", reversed(&resident.first), reversed(&resident.last)),
                        email: format!("{}@example.org", reversed(&resident.mailbox)),
                        phone: "01632 960001".into(),
                        address: "2 New Street".into(),
                        ..Default::default()
                    },
                    representative: None,
                    reason: "The resident rang with new details".into(),
                    version,
                };
                correct::rectify(
                    app,
                    council,
                    reference,
                    &request,
                    &officer_id(),
                    Some(&notifier),
                )
                .await
                .unwrap();
            }
        }
        How::Redaction { span: (from, to) } => {
            for (reference, resident) in references.iter().zip(residents) {
                let version = version_of(app, reference).await;
                let request = RedactionRequest {
                    field: FreeTextField::WhatHappened,
                    span: resident.words[0][from..to].to_owned(),
                    reason: "Someone else's details".into(),
                    version,
                };
                correct::redact_text(
                    app,
                    council,
                    reference,
                    &request,
                    &officer_id(),
                    Some(&notifier),
                )
                .await
                .unwrap();
            }
        }
    }
    let request = SubjectAccessRequest {
        references,
        redact: Vec::new(),
    };
    let bundle = export::export(app, council, &request, &OfficerId("mia".into()))
        .await
        .unwrap();
    (personal, serde_json::to_string(&bundle).unwrap())
}

async fn version_of(app: &App, reference: &Reference) -> u64 {
    let record = app
        .store
        .get_case(&demo(), reference)
        .await
        .unwrap()
        .unwrap();
    record.case.version
}

fn officer_id() -> OfficerId {
    OfficerId("ann".into())
}

fn bytes_of_folder(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries {
            bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
        }
    }
    bytes
}

fn find(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

fn residents() -> impl Strategy<Value = Vec<Resident>> {
    prop::collection::vec(resident(), 1..4)
}

/// The SQLite file, its WAL, the outbox folder and the bundle hold none of it.
fn sqlite_keeps_no_personal_value(residents: &[Resident], how: How) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let store = sqlite_at(dir.path());
    let app = app(store.clone(), clock.clone());
    let outbox = dir.path().join("outbox");
    let (personal, bundle) = runtime.block_on(retain(&app, &clock, &outbox, residents, how));
    // Read while the store is open: closing it would checkpoint the WAL for us.
    let database = std::fs::read(dir.path().join("cases.sqlite3")).unwrap();
    let wal = std::fs::read(dir.path().join("cases.sqlite3-wal")).unwrap_or_default();
    let mails = bytes_of_folder(&outbox);
    prop_assert!(
        find(&database, "DEMO-2026-000001"),
        "the database file is the one written"
    );
    prop_assert!(
        bundle.contains("DEMO-2026-000001"),
        "the bundle holds the cases"
    );
    for value in &personal {
        prop_assert!(!find(&database, value), "{value} is in the database file");
        prop_assert!(!find(&wal, value), "{value} is in the WAL");
        prop_assert!(!find(&mails, value), "{value} is in the outbox folder");
        prop_assert!(!bundle.contains(value.as_str()), "{value} is in the bundle");
    }
    drop(app);
    drop(store);
    Ok(())
}

/// A scan of the whole DynamoDB table (fine in a test), the outbox folder and the bundle
/// hold none of it.
fn dynamodb_keeps_no_personal_value(residents: &[Resident], how: How) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let (personal, bundle, scanned, mails) = runtime.block_on(async {
        let store = support::dynamodb::dynamo_store().await;
        let table = store.table().to_owned();
        let app = app(Arc::new(store), clock.clone());
        let outbox = dir.path().join("outbox");
        let (personal, bundle) = retain(&app, &clock, &outbox, residents, how).await;
        let client = support::dynamodb::client().await;
        let mut scanned = String::new();
        let mut start = None;
        loop {
            let page = client
                .scan()
                .table_name(&table)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .unwrap();
            scanned.push_str(&format!("{:?}", page.items()));
            match page.last_evaluated_key() {
                Some(key) if !key.is_empty() => start = Some(key.clone()),
                _ => break,
            }
        }
        (personal, bundle, scanned, bytes_of_folder(&outbox))
    });
    prop_assert!(
        scanned.contains("DEMO-2026-000001"),
        "the scan read the cases"
    );
    for value in &personal {
        prop_assert!(!scanned.contains(value.as_str()), "{value} is in the table");
        prop_assert!(!find(&mails, value), "{value} is in the outbox folder");
        prop_assert!(!bundle.contains(value.as_str()), "{value} is in the bundle");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn sqlite_keeps_no_personal_value_after_retention(residents in residents()) {
        sqlite_keeps_no_personal_value(&residents, How::Retention)?;
    }

    #[test]
    fn sqlite_keeps_no_personal_value_after_erasure(residents in residents()) {
        sqlite_keeps_no_personal_value(&residents, How::Erasure)?;
    }

    #[test]
    fn dynamodb_keeps_no_personal_value_after_retention(residents in residents()) {
        dynamodb_keeps_no_personal_value(&residents, How::Retention)?;
    }

    #[test]
    fn dynamodb_keeps_no_personal_value_after_erasure(residents in residents()) {
        dynamodb_keeps_no_personal_value(&residents, How::Erasure)?;
    }

    #[test]
    fn sqlite_keeps_no_old_contact_detail_after_rectification(residents in residents()) {
        sqlite_keeps_no_personal_value(&residents, How::Rectification)?;
    }

    #[test]
    fn sqlite_keeps_no_redacted_span(residents in residents(), span in spans()) {
        sqlite_keeps_no_personal_value(&residents, How::Redaction { span })?;
    }

    #[test]
    fn dynamodb_keeps_no_old_contact_detail_after_rectification(residents in residents()) {
        dynamodb_keeps_no_personal_value(&residents, How::Rectification)?;
    }

    #[test]
    fn dynamodb_keeps_no_redacted_span(residents in residents(), span in spans()) {
        dynamodb_keeps_no_personal_value(&residents, How::Redaction { span })?;
    }
}

/// Where a redacted span starts and ends in a 10-letter word: 5 letters or more, so it is
/// distinctive (no other value holds it by chance).
fn spans() -> impl Strategy<Value = (usize, usize)> {
    (0usize..=5).prop_flat_map(|from| (Just(from), from + 5..=10))
}
