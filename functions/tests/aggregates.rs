//! The running sums against the cases they sum, on both stores: after a random history of
//! cases logged and worked through the use cases (most actions allowed, some refused),
//! the stored sums (the report's facts by date, the learning, the census) equal the sums
//! computed afresh from the cases, every report made from them equals the report made
//! from the cases, and the rebuild puts back the same sums.

mod support;

use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::cases::limits::Gate;
use feedback_functions::cases::{NewSubmission, act, submit};
use feedback_functions::clock::FixedClock;
use feedback_functions::config::load_councils;
use feedback_functions::reports::{council_report, rebuild_aggregates};
use feedback_functions::store::aggregates::Aggregates;
use feedback_functions::store::{CaseFilter, Store};
use feedback_shared::case::{Action, Actor, RefusalGround, ResponseDetails};
use feedback_shared::contact::ContactForm;
use feedback_shared::input::LongText;
use feedback_shared::outcome::{Ombudsman, OmbudsmanDecision, Outcome, Remedy};
use feedback_shared::report::{Period, ReportCase, compute};
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, Field, Kind, OfficerId, Reference};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};

/// The last day of the history: cases arrive from January 2026 to here.
const NOW: OffsetDateTime = datetime!(2027-06-30 12:00 UTC);
const FIRST: Date = date!(2026 - 01 - 05);

fn app(store: Arc<dyn Store>) -> App {
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    App {
        councils: load_councils(&config).unwrap(),
        calendar: Calendar::bundled(),
        store,
        clock: Arc::new(FixedClock::new(NOW)),
        auth: Authenticator::ApiGatewayJwt,
        status_secret: SigningKey::generate(),
    }
}

/// One step of a history: a case logged, or an action tried on one already logged.
#[derive(Debug, Clone)]
enum Step {
    Log {
        kind: u8,
        service: u8,
        channel: u8,
        day: i64,
    },
    Act {
        case: usize,
        action: u8,
        after: i64,
        pick: u8,
    },
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let log =
        (0u8..4, 0u8..8, 0u8..6, 0i64..530).prop_map(|(kind, service, channel, day)| Step::Log {
            kind,
            service,
            channel,
            day,
        });
    let act = (0usize..64, 0u8..15, 0i64..40, 0u8..=255).prop_map(|(case, action, after, pick)| {
        Step::Act {
            case,
            action,
            after,
            pick,
        }
    });
    // Cases first (each action needs one to act on), then work mixed with more cases.
    (
        prop::collection::vec(log.clone(), 4..10),
        prop::collection::vec(prop_oneof![1 => log, 4 => act], 10..60),
    )
        .prop_map(|(first, rest)| first.into_iter().chain(rest).collect())
}

fn text(words: &str) -> LongText {
    LongText::parse(Field::Note, words).unwrap()
}

fn ann() -> Actor {
    Actor::Officer(OfficerId("ann".into()))
}

/// The action `code` on the case as it stands, dated `after` days past the date it
/// follows (never past today). Some are refused, as they would be from an officer.
fn action(case: &feedback_shared::case::Case, code: u8, after: i64, pick: u8) -> Action {
    let today = NOW.date();
    let stage = case.current_stage();
    let base = stage
        .and_then(|s| {
            s.response
                .as_ref()
                .map(|r| r.responded_on)
                .or(s.acknowledged_on)
        })
        .or(stage.map(|s| s.started_on))
        .unwrap_or(case.received_on());
    let on = (base + Duration::days(after)).min(today);
    let outcomes = [Outcome::Upheld, Outcome::PartlyUpheld, Outcome::NotUpheld];
    let remedies = [
        Remedy::Apology,
        Remedy::Explanation,
        Remedy::FinancialRemedy,
    ];
    match code {
        0 => Action::Acknowledge { on },
        1 => Action::Respond {
            response: ResponseDetails {
                responded_on: on,
                outcome: outcomes[usize::from(pick) % 3],
                reasons: text("We looked into what happened."),
                remedies: remedies[..usize::from(pick) % 4].to_vec(),
                learning: (pick % 2 == 0).then(|| text(&format!("Lesson {pick}"))),
                outstanding_actions: None,
                responder: None,
            },
        },
        2 => Action::Extend {
            to: stage.map_or(on, |s| s.respond_by) + Duration::days(5),
            reason: text("We need a site visit."),
        },
        3 => Action::Escalate {
            requested_on: on,
            handler: None,
        },
        4 => Action::Close { on: Some(on) },
        5 => Action::Withdraw {
            reason: text("Resolved informally."),
            on: Some(on),
        },
        6 => Action::NotAccept {
            reason: text(["Out of time", "Legal proceedings"][usize::from(pick) % 2]),
            on: Some(on),
            // Old refusals (no ground) and new ones both feed the report.
            ground: [None, Some(RefusalGround::OutOfTime)][usize::from(pick / 2) % 2],
        },
        7 => Action::ReferToOmbudsman {
            ombudsman: Ombudsman::Lgsco,
            on,
        },
        8 => Action::RecordOmbudsmanDecision {
            decision: OmbudsmanDecision::NoFault,
            on,
        },
        9 => Action::ReclassifyAsServiceRequest {
            reason: text("A missed bin to collect."),
        },
        10 => Action::PromoteToComplaint { on },
        // Promised actions: due from today (the clock stands still, so none is late).
        11 => Action::PromiseAction {
            description: text("Repair the fence"),
            owner: OfficerId("ben".into()),
            due: today + Duration::days(i64::from(pick % 10)),
        },
        12 => Action::CompleteAction {
            id: u32::from(pick % 3) + 1,
            note: text("Done"),
            on: None,
        },
        13 => Action::CloseOverridingActions {
            reason: text("Passed to the contractor."),
            on: Some(on),
        },
        _ => Action::Assign {
            officer: OfficerId("ben".into()),
        },
    }
}

/// Plays `steps`; how many actions were applied (the rest were refused).
async fn play(app: &App, steps: &[Step]) -> usize {
    let mut applied = 0;
    let council = app.council("demo").unwrap();
    let services = council.service_ids();
    let mut references: Vec<Reference> = Vec::new();
    for step in steps {
        match step {
            Step::Log {
                kind,
                service,
                channel,
                day,
            } => {
                let kind = [
                    Kind::Complaint,
                    Kind::Complaint,
                    Kind::Comment,
                    Kind::Compliment,
                ][usize::from(*kind)];
                let channel = [
                    Channel::Phone,
                    Channel::Letter,
                    Channel::Email,
                    Channel::InPerson,
                    Channel::MpOrCouncillor,
                    Channel::Phone,
                ][usize::from(*channel)];
                let received = (FIRST + Duration::days(*day)).min(NOW.date());
                let form = FeedbackForm {
                    kind: Some(kind),
                    service: services[usize::from(*service) % services.len()].to_owned(),
                    what_happened: "The bins were not collected.".into(),
                    put_right: "Collect them.".into(),
                    contact: ContactForm {
                        name: "Ann Jones".into(),
                        phone: "029 2087 2087".into(),
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let (submitted, _) = submit(
                    app,
                    NewSubmission {
                        council,
                        form,
                        channel,
                        received_at: received.midnight().assume_utc() + Duration::hours(11),
                        actor: ann(),
                        idempotency: None,
                        gate: Gate::new(),
                    },
                )
                .await
                .expect("an officer logs a case");
                references.push(submitted.reference);
            }
            Step::Act {
                case,
                action: code,
                after,
                pick,
            } => {
                let reference = &references[case % references.len()];
                let record = app
                    .store
                    .get_case(&council.id, reference)
                    .await
                    .unwrap()
                    .unwrap();
                let action = action(&record.case, *code, *after, *pick);
                // Refusals (a response before acknowledgement's date, a closed case) are
                // part of the history: they must change nothing.
                // Stage 2 is answered by someone who did not handle stage 1.
                let actor = match record.case.stage() {
                    Some(feedback_shared::Stage::Two) => Actor::Officer(OfficerId("ben".into())),
                    _ => ann(),
                };
                if act(app, council, reference, actor, action, None)
                    .await
                    .is_ok()
                {
                    applied += 1;
                }
            }
        }
    }
    applied
}

/// The stored sums equal the sums of the cases, and so do the reports made from them.
async fn check(app: &App) {
    let council = app.council("demo").unwrap();
    let records = app
        .store
        .list_cases(&council.id, &CaseFilter::default())
        .await
        .unwrap();
    let expected = Aggregates::of_cases(&records);
    let (from, to) = (date!(2000 - 01 - 01), date!(2100 - 12 - 31));
    let tally = app.store.report_tally(&council.id, from, to).await.unwrap();
    assert_eq!(tally, expected.tally, "the report's facts by date");
    let mut learning = app
        .store
        .report_learning(&council.id, from, to)
        .await
        .unwrap();
    let mut expected_learning = expected.learning.clone();
    learning
        .sort_by(|a, b| (a.0, &a.1.reference, a.1.stage).cmp(&(b.0, &b.1.reference, b.1.stage)));
    expected_learning
        .sort_by(|a, b| (a.0, &a.1.reference, a.1.stage).cmp(&(b.0, &b.1.reference, b.1.stage)));
    assert_eq!(learning, expected_learning, "the learning");
    let census = app.store.census(&council.id).await.unwrap();
    assert_eq!(census, expected.census, "the census");

    let cases: Vec<ReportCase> = records
        .iter()
        .map(|r| ReportCase {
            case: &r.case,
            service: &r.details.service,
            language: r.details.language,
        })
        .collect();
    for period in [
        Period::financial_year(2025).unwrap(),
        Period::financial_year(2026).unwrap(),
        Period::financial_year(2027).unwrap(),
        Period::quarter(2026, 3).unwrap(),
        Period::new(date!(2026 - 02 - 14), date!(2027 - 02 - 13)).unwrap(),
    ] {
        let (from_sums, _) = council_report(app, council, period).await.unwrap();
        let mut from_cases = compute(
            council.id.as_str(),
            &council.name,
            &cases,
            period,
            &app.calendar,
            council.policy.division,
        );
        // Restrictions are not the cases' to count; these histories record none.
        from_cases.restrictions = Some(Default::default());
        assert_eq!(from_sums, from_cases, "the report for {period:?}");
    }
}

/// Runs `future` to its end on a runtime of its own (proptest's cases are not async).
fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// Plays `steps` on `store` and checks the sums, before and after a rebuild; returns the
/// app and how many actions were applied.
fn history_holds(store: Arc<dyn Store>, steps: Vec<Step>) -> (App, usize) {
    block_on(async {
        let app = app(store);
        let applied = play(&app, &steps).await;
        check(&app).await;
        // The rebuild recomputes the same sums, and puts back sums that were lost.
        lose_the_sums(&app).await;
        let council = app.council("demo").unwrap();
        let rebuilt = rebuild_aggregates(&app, council).await.unwrap();
        assert!(rebuilt.cases > 0);
        check(&app).await;
        (app, applied)
    })
}

/// A history that certainly works a complaint through both stages, with learning, an
/// extension, the Ombudsman, and cases withdrawn and not accepted.
fn worked_history() -> Vec<Step> {
    let log = |kind, day| Step::Log {
        kind,
        service: 1,
        channel: 0,
        day,
    };
    let act = |case, action, after, pick| Step::Act {
        case,
        action,
        after,
        pick,
    };
    vec![
        log(0, 300),
        log(0, 310),
        log(0, 320),
        log(2, 330),
        act(0, 0, 2, 0),  // acknowledged
        act(0, 2, 0, 0),  // extended
        act(0, 1, 20, 0), // responded late-ish, with learning
        act(0, 3, 3, 0),  // escalated
        act(0, 0, 1, 0),
        act(0, 1, 5, 2),  // stage 2 response, with learning
        act(0, 7, 10, 0), // referred
        act(0, 8, 30, 0), // decided
        act(1, 5, 1, 0),  // withdrawn
        act(2, 6, 1, 1),  // not accepted
        act(3, 4, 2, 0),  // a comment closed
        act(0, 11, 0, 3), // two actions promised (on the clock's day, in 2027-28)
        act(0, 11, 0, 5),
        act(0, 12, 0, 0), // the first completed
    ]
}

#[test]
fn a_worked_history_sums_to_its_cases_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = feedback_functions::store::sqlite::SqliteStore::open(&dir.path().join("w.sqlite3"))
        .unwrap();
    let (app, applied) = history_holds(Arc::new(store), worked_history());
    assert_eq!(applied, 14, "every action of the worked history applies");
    worked_sums_are_not_empty(&app);
}

#[test]
fn a_worked_history_sums_to_its_cases_on_dynamodb() {
    let store = block_on(support::dynamodb::dynamo_store());
    let (app, applied) = history_holds(Arc::new(store), worked_history());
    assert_eq!(applied, 14, "every action of the worked history applies");
    worked_sums_are_not_empty(&app);
}

/// The sums compared above hold what the history did (so the comparison is not of two
/// empty things).
fn worked_sums_are_not_empty(app: &App) {
    block_on(async {
        let council = app.council("demo").unwrap();
        let (report, reads) = council_report(app, council, Period::financial_year(2026).unwrap())
            .await
            .unwrap();
        assert_eq!(report.volumes.total, 4);
        assert_eq!(
            (report.stages[0].responses, report.stages[1].responses),
            (1, 1)
        );
        assert_eq!(report.learning.len(), 2);
        assert_eq!(report.ombudsman.referrals, 1);
        assert_eq!(report.not_accepted.len(), 1);
        assert!(reads.days >= 8, "one record a day with facts: {reads:?}");
        let (later, _) = council_report(app, council, Period::financial_year(2027).unwrap())
            .await
            .unwrap();
        assert_eq!(
            (
                later.actions.promised,
                later.actions.completed_on_time,
                later.actions.open
            ),
            (2, 1, 1)
        );
        let census = app.store.census(&council.id).await.unwrap();
        assert_eq!(
            census.queue_counts(NOW.date()).status.values().sum::<u64>(),
            4
        );
    });
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 12,
        max_shrink_iters: 40,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn sqlite_sums_equal_the_cases(steps in steps()) {
        let dir = tempfile::tempdir().unwrap();
        let store = feedback_functions::store::sqlite::SqliteStore::open(&dir.path().join("a.sqlite3")).unwrap();
        history_holds(Arc::new(store), steps);
    }

    #[test]
    fn dynamodb_sums_equal_the_cases(steps in steps()) {
        let store = block_on(support::dynamodb::dynamo_store());
        history_holds(Arc::new(store), steps);
    }
}

/// Runs `feedback aggregates --rebuild` for the demo council with `args`; its JSON.
fn rebuild_command(args: &[&str], env: &[(&str, &str)]) -> serde_json::Value {
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_feedback"))
        .args(["aggregates", "--rebuild", "--council", "demo", "--config"])
        .arg(&config)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The sums wiped, as if lost: the census is empty until rebuilt.
async fn lose_the_sums(app: &App) {
    let council = app.council("demo").unwrap();
    app.store
        .replace_aggregates(&council.id, &Aggregates::default())
        .await
        .unwrap();
    assert!(app.store.census(&council.id).await.unwrap().is_empty());
}

#[test]
fn the_rebuild_command_puts_back_lost_sums_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedback.sqlite3");
    let store = feedback_functions::store::sqlite::SqliteStore::open(&path).unwrap();
    let (app, _) = history_holds(Arc::new(store), worked_history());
    block_on(lose_the_sums(&app));
    let answer = rebuild_command(&["--data", dir.path().to_str().unwrap()], &[]);
    assert_eq!(answer[0]["council"], "demo");
    assert_eq!(answer[0]["cases"], 4);
    assert_eq!(answer[0]["learning"], 2);
    block_on(check(&app));
}

#[test]
fn the_rebuild_command_puts_back_lost_sums_on_dynamodb() {
    let store = block_on(support::dynamodb::dynamo_store());
    let table = store.table().to_owned();
    let (app, _) = history_holds(Arc::new(store), worked_history());
    block_on(lose_the_sums(&app));
    let answer = rebuild_command(
        &[
            "--dynamodb-table",
            &table,
            "--dynamodb-endpoint",
            support::dynamodb::endpoint(),
        ],
        &[
            ("AWS_ACCESS_KEY_ID", "test"),
            ("AWS_SECRET_ACCESS_KEY", "test"),
            ("AWS_REGION", "eu-west-2"),
        ],
    );
    assert_eq!(answer[0]["cases"], 4);
    block_on(check(&app));
}
