//! Retention on every adapter (`Store::due_for_retention`, `anonymise_case` and legal
//! holds): the index lists closed cases not yet anonymised by closure, follows a
//! reopened case, and an anonymisation removes the personal data in one write, once.

use crate::support::fixtures::{RECEIVED, case, complaint, council, rules};
use feedback_functions::outbox::{Email, OutboxMessage};
use feedback_functions::store::{
    Anonymisation, CaseRecord, IdempotencyBinding, Removal, RetentionDue, Store, StoreError,
};
use feedback_shared::case::{Action, Actor, Anonymised, ResponseDetails, Status};
use feedback_shared::contact::Submitter;
use feedback_shared::input::LongText;
use feedback_shared::outcome::{Outcome, Remedy};
use feedback_shared::wire::LegalHold;
use feedback_shared::{Field, Kind, OfficerId, Reference};
use std::sync::Arc;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

const LATER: OffsetDateTime = datetime!(2033-01-10 09:00 UTC);

fn officer(name: &str) -> Actor {
    Actor::Officer(OfficerId(name.into()))
}

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

/// Applies `action` and stores the change.
async fn act(store: &Arc<dyn Store>, record: &mut CaseRecord, at: OffsetDateTime, action: Action) {
    let read = record.case.version;
    let event = record
        .case
        .apply(rules(), officer("ann"), at, action)
        .unwrap();
    store.update_case(record, read, &event, &[]).await.unwrap();
}

/// A comment (which closes at any time) inserted and closed on `closed_on`.
async fn closed_comment(store: &Arc<dyn Store>, council_id: &str, seq: u64, closed_on: Date) {
    let (mut record, received) = case(council_id, seq, Kind::Comment, "waste");
    store
        .insert_case(&record, &received, None, &[])
        .await
        .unwrap();
    act(
        store,
        &mut record,
        datetime!(2026-12-20 10:00 UTC),
        Action::Close {
            on: Some(closed_on),
        },
    )
    .await;
}

fn due(seq: u64, closed_on: Date) -> RetentionDue {
    RetentionDue {
        reference: Reference::new("DEMO", 2026, seq).unwrap(),
        closed_on,
    }
}

fn removal(seq: u64, closed_before: Option<Date>) -> Removal {
    Removal {
        reference: Reference::new("DEMO", 2026, seq).unwrap(),
        rule: "retention: 6 years after closure".into(),
        at: LATER,
        expected_version: None,
        closed_before,
    }
}

pub async fn closed_cases_are_listed_by_closure_through_the_index(store: Arc<dyn Store>) {
    let demo = council("demo");
    closed_comment(&store, "demo", 1, date!(2026 - 12 - 02)).await;
    closed_comment(&store, "demo", 2, date!(2026 - 12 - 01)).await;
    closed_comment(&store, "demo", 3, date!(2026 - 12 - 03)).await;
    closed_comment(&store, "other", 4, date!(2026 - 12 - 01)).await;
    let (open, received) = complaint("demo", 5);
    store
        .insert_case(&open, &received, None, &[])
        .await
        .unwrap();

    let list = |before: Date, after: Option<RetentionDue>, limit: usize| {
        let (store, demo) = (store.clone(), demo.clone());
        async move {
            store
                .due_for_retention(&demo, before, after.as_ref(), limit)
                .await
                .unwrap()
        }
    };
    assert_eq!(list(date!(2026 - 12 - 01), None, 10).await, []);
    assert_eq!(
        list(date!(2026 - 12 - 02), None, 10).await,
        [due(2, date!(2026 - 12 - 01))],
        "closed the day before the cutoff: due; on it: not yet"
    );
    assert_eq!(
        list(date!(2027 - 01 - 01), None, 10).await,
        [
            due(2, date!(2026 - 12 - 01)),
            due(1, date!(2026 - 12 - 02)),
            due(3, date!(2026 - 12 - 03))
        ],
        "oldest closure first; the open case and the other council's are not listed"
    );
    // Page by page.
    let first = list(date!(2027 - 01 - 01), None, 2).await;
    assert_eq!(first.len(), 2);
    let rest = list(date!(2027 - 01 - 01), first.last().cloned(), 2).await;
    assert_eq!(rest, [due(3, date!(2026 - 12 - 03))]);
    assert_eq!(
        list(date!(2027 - 01 - 01), rest.last().cloned(), 2).await,
        []
    );
}

/// An outbox message about case 1 of demo, whose body names the resident.
fn message(id: &str) -> OutboxMessage {
    OutboxMessage {
        id: id.into(),
        council: council("demo"),
        reference: Some(Reference::new("DEMO", 2026, 1).unwrap()),
        email: Email {
            id: id.into(),
            from: "complaints@demo.example".into(),
            to: vec!["ann@example.com".into()],
            subject: "Your complaint".into(),
            text: "Dear Ann Jones".into(),
            html: "<p>Dear Ann Jones</p>".into(),
            language: feedback_shared::Language::En,
        },
        not_before: RECEIVED,
        attempts: 0,
    }
}

/// Complaint 1 of demo: a note, an outbox message, a stage 1 response, closed 25 Nov.
async fn worked_complaint(store: &Arc<dyn Store>) -> CaseRecord {
    let (mut record, received) = complaint("demo", 1);
    let binding = IdempotencyBinding {
        key: "key-1".into(),
        body_hash: "hash".into(),
        reference: record.reference().clone(),
    };
    store
        .insert_case(&record, &received, Some(&binding), &[message("ack-1")])
        .await
        .unwrap();
    let note = record
        .case
        .apply(
            rules(),
            officer("ann"),
            RECEIVED,
            Action::Note {
                text: text("Ann Jones rang about the bins"),
            },
        )
        .unwrap();
    store
        .append_event(record.council(), record.reference(), &note, None)
        .await
        .unwrap();
    act(
        store,
        &mut record,
        RECEIVED,
        Action::Acknowledge {
            on: date!(2026 - 11 - 24),
        },
    )
    .await;
    act(
        store,
        &mut record,
        datetime!(2026-11-25 10:00 UTC),
        Action::Respond {
            response: ResponseDetails {
                responded_on: date!(2026 - 11 - 25),
                outcome: Outcome::Upheld,
                reasons: text("Ann Jones was right about the bins"),
                remedies: vec![Remedy::Apology],
                learning: Some(text("Crews check the whole street")),
                outstanding_actions: None,
                responder: None,
            },
        },
    )
    .await;
    act(
        store,
        &mut record,
        datetime!(2026-11-25 11:00 UTC),
        Action::Close {
            on: Some(date!(2026 - 11 - 25)),
        },
    )
    .await;
    record
}

pub async fn anonymising_removes_the_personal_data_once_and_keeps_the_figures(
    store: Arc<dyn Store>,
) {
    let demo = council("demo");
    let record = worked_complaint(&store).await;
    let reference = record.reference().clone();
    let (from, to) = (date!(2026 - 01 - 01), date!(2026 - 12 - 31));
    let tally = store.report_tally(&demo, from, to).await.unwrap();
    let learning = store.report_learning(&demo, from, to).await.unwrap();
    let census = store.census(&demo).await.unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 1);

    assert_eq!(
        store
            .anonymise_case(&demo, &removal(1, Some(date!(2026 - 11 - 25))))
            .await
            .unwrap(),
        Anonymisation::NotDue,
        "closed on the cutoff: not yet"
    );
    assert_eq!(
        store
            .anonymise_case(&demo, &removal(1, Some(date!(2026 - 11 - 26))))
            .await
            .unwrap(),
        Anonymisation::Done
    );

    let stored = store.get_case(&demo, &reference).await.unwrap().unwrap();
    assert_eq!(stored.details.submitter, Submitter::Anonymous);
    assert_eq!(stored.case.version, record.case.version + 1);
    assert_eq!(
        stored.case.anonymised,
        Some(Anonymised {
            at: LATER,
            rule: "retention: 6 years after closure".into()
        })
    );
    assert_eq!(
        (stored.case.status, stored.case.closed_on),
        (Status::Closed, Some(date!(2026 - 11 - 25)))
    );
    let events = store.events(&demo, &reference).await.unwrap();
    let timeline = serde_json::to_string(&events).unwrap();
    assert!(!timeline.contains("Ann Jones"), "{timeline}");
    assert_eq!(
        events.last().map(|e| (&e.action, e.version)),
        Some((
            &Action::Anonymise {
                rule: "retention: 6 years after closure".into()
            },
            stored.case.version
        ))
    );
    assert_eq!(events.len(), 6, "every event kept, its text removed");
    let messages = store.messages(&demo, &reference).await.unwrap();
    assert_eq!(
        messages
            .iter()
            .map(|m| (m.id.as_str(), m.to.len(), m.subject.as_str()))
            .collect::<Vec<_>>(),
        [("ack-1", 0, "Your complaint")]
    );
    assert_eq!(store.outbox_len().await.unwrap(), 0, "the body is gone");

    // The figures are as they were, and the case has left the index.
    assert_eq!(store.report_tally(&demo, from, to).await.unwrap(), tally);
    assert_eq!(
        store.report_learning(&demo, from, to).await.unwrap(),
        learning
    );
    assert_eq!(store.census(&demo).await.unwrap(), census);
    assert_eq!(
        store
            .due_for_retention(&demo, date!(2030 - 01 - 01), None, 10)
            .await
            .unwrap(),
        []
    );

    // Once only: nothing is written again.
    assert_eq!(
        store
            .anonymise_case(&demo, &removal(1, None))
            .await
            .unwrap(),
        Anonymisation::AlreadyAnonymised
    );
    assert_eq!(
        store.get_case(&demo, &reference).await.unwrap(),
        Some(stored)
    );
    assert_eq!(store.events(&demo, &reference).await.unwrap(), events);
    assert!(matches!(
        store.anonymise_case(&demo, &removal(9, None)).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .anonymise_case(
                &demo,
                &Removal {
                    expected_version: Some(1),
                    ..removal(1, None)
                }
            )
            .await,
        Err(StoreError::VersionConflict { .. })
    ));
}

pub async fn a_reopened_case_leaves_the_index_and_returns_with_its_new_closure(
    store: Arc<dyn Store>,
) {
    let demo = council("demo");
    let mut record = worked_complaint(&store).await;
    let listed = |before: Date| {
        let (store, demo) = (store.clone(), demo.clone());
        async move {
            store
                .due_for_retention(&demo, before, None, 10)
                .await
                .unwrap()
        }
    };
    let cutoff = date!(2027 - 01 - 01);
    assert_eq!(listed(cutoff).await, [due(1, date!(2026 - 11 - 25))]);
    act(
        &store,
        &mut record,
        datetime!(2026-11-27 10:00 UTC),
        Action::Escalate {
            requested_on: date!(2026 - 11 - 27),
            handler: None,
        },
    )
    .await;
    assert_eq!(listed(cutoff).await, [], "reopened: not closed");
    assert_eq!(
        store
            .anonymise_case(&demo, &removal(1, Some(cutoff)))
            .await
            .unwrap(),
        Anonymisation::NotDue
    );
    act(
        &store,
        &mut record,
        datetime!(2026-12-01 10:00 UTC),
        Action::Withdraw {
            reason: text("Ann Jones moved away"),
            on: Some(date!(2026 - 12 - 01)),
        },
    )
    .await;
    assert_eq!(
        listed(cutoff).await,
        [due(1, date!(2026 - 12 - 01))],
        "closed again: due from the new date"
    );
    assert_eq!(listed(date!(2026 - 12 - 01)).await, []);
}

pub async fn a_legal_hold_keeps_a_case_until_lifted(store: Arc<dyn Store>) {
    let demo = council("demo");
    worked_complaint(&store).await;
    let reference = Reference::new("DEMO", 2026, 1).unwrap();
    let hold = |reference: Reference| LegalHold {
        reference,
        reason: "Ombudsman investigation 24 001 234".into(),
        by: OfficerId("mia".into()),
        at: LATER,
    };
    assert!(matches!(
        store
            .put_hold(&demo, &hold(Reference::new("DEMO", 2026, 9).unwrap()))
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .put_hold(&demo, &hold(reference.clone()))
        .await
        .unwrap();
    assert_eq!(store.holds(&demo).await.unwrap(), [hold(reference.clone())]);
    assert_eq!(store.holds(&council("other")).await.unwrap(), []);
    assert_eq!(
        store
            .anonymise_case(&demo, &removal(1, None))
            .await
            .unwrap(),
        Anonymisation::Held
    );
    let kept = store.get_case(&demo, &reference).await.unwrap().unwrap();
    assert!(kept.case.anonymised.is_none());
    assert_eq!(
        store
            .due_for_retention(&demo, date!(2030 - 01 - 01), None, 10)
            .await
            .unwrap()
            .len(),
        1,
        "a held case stays listed: the job skips it"
    );

    store.remove_hold(&demo, &reference).await.unwrap();
    assert!(matches!(
        store.remove_hold(&demo, &reference).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.holds(&demo).await.unwrap(), []);
    assert_eq!(
        store
            .anonymise_case(&demo, &removal(1, None))
            .await
            .unwrap(),
        Anonymisation::Done
    );
}

macro_rules! retention_conformance {
    ($adapter:ident, $make:expr) => {
        mod $adapter {
            use super::*;

            async fn store() -> Arc<dyn Store> {
                $make
            }

            #[tokio::test]
            async fn closed_cases_are_listed_by_closure_through_the_index() {
                super::closed_cases_are_listed_by_closure_through_the_index(store().await).await
            }

            #[tokio::test]
            async fn anonymising_removes_the_personal_data_once_and_keeps_the_figures() {
                super::anonymising_removes_the_personal_data_once_and_keeps_the_figures(
                    store().await,
                )
                .await
            }

            #[tokio::test]
            async fn a_reopened_case_leaves_the_index_and_returns_with_its_new_closure() {
                super::a_reopened_case_leaves_the_index_and_returns_with_its_new_closure(
                    store().await,
                )
                .await
            }

            #[tokio::test]
            async fn a_legal_hold_keeps_a_case_until_lifted() {
                super::a_legal_hold_keeps_a_case_until_lifted(store().await).await
            }
        }
    };
}

retention_conformance!(sqlite, {
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    Arc::new(
        feedback_functions::store::sqlite::SqliteStore::open(&dir.path().join("cases.sqlite3"))
            .unwrap(),
    )
});

retention_conformance!(
    dynamodb,
    Arc::new(crate::support::dynamodb::dynamo_store().await)
);
