//! Corrections on every adapter (`Store::rewrite_case`): a rectification moves the case,
//! its search terms, the timeline's text, the message records and the queued and
//! undelivered messages to the new values in one write conditional on the version; a
//! redaction removes a span from all of them; a message queued only to a removed address
//! is not sent.

use crate::support::fixtures::{RECEIVED, complaint, council, rules};
use feedback_functions::outbox::{Email, OutboxMessage};
use feedback_functions::store::queue::query_terms;
use feedback_functions::store::{CaseFilter, CaseQuery, CaseRecord, Rewrite, Store, StoreError};
use feedback_shared::case::{
    Action, Actor, ContactField, Correction, FreeTextField, correct_contact, redact,
};
use feedback_shared::contact::{Contact, ContactForm};
use feedback_shared::input::LongText;
use feedback_shared::wire::{CaseSort, SortOrder};
use feedback_shared::{Field, OfficerId, Reference};
use std::sync::Arc;
use time::Duration;

fn ann() -> OfficerId {
    OfficerId("ann".into())
}

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

fn email(id: &str, to: &str, body: &str) -> OutboxMessage {
    OutboxMessage {
        id: id.into(),
        council: council("demo"),
        reference: Some(Reference::new("DEMO", 2026, 1).unwrap()),
        email: Email {
            id: id.into(),
            from: "complaints@demo.example".into(),
            to: vec![to.into()],
            subject: format!("About DEMO-2026-000001: {body}"),
            text: format!("Dear Ann Jones,\n{body}"),
            html: format!("<p>Dear Ann Jones,</p><p>{body}</p>"),
            language: feedback_shared::Language::En,
        },
        not_before: RECEIVED,
        attempts: 0,
    }
}

/// Case 1 (Ann Jones, ann@example.com, "Case number 1."), received with a message to
/// Ann queued, one given up on, and a note quoting her address; the case as stored.
async fn worked_case(store: &Arc<dyn Store>, what_happened: &str) -> CaseRecord {
    let (mut record, received) = complaint("demo", 1);
    record.details.what_happened =
        feedback_shared::input::Description::parse(Field::WhatHappened, what_happened).unwrap();
    let queued = [
        email("m-queued", "ann@example.com", what_happened),
        email("m-lost", "ann@example.com", "We could not reach you"),
    ];
    store
        .insert_case(&record, &received, None, &queued)
        .await
        .unwrap();
    let leased = store
        .claim_outbox(RECEIVED, "sender", Duration::minutes(5), 10)
        .await
        .unwrap();
    let lost = leased.iter().find(|m| m.id == "m-lost").unwrap();
    store
        .give_up_outbox(lost, "sender", "refused", RECEIVED)
        .await
        .unwrap();
    let queued = leased.iter().find(|m| m.id == "m-queued").unwrap();
    store
        .retry_outbox(queued, "sender", RECEIVED + Duration::seconds(1))
        .await
        .unwrap();
    let mut case = record.case.clone();
    let note = case
        .apply(
            rules(),
            Actor::Officer(ann()),
            RECEIVED,
            Action::Note {
                text: text("Rang ann@example.com about what she wrote"),
            },
        )
        .unwrap();
    store
        .append_event(&council("demo"), record.reference(), &note, None)
        .await
        .unwrap();
    store
        .get_case(&council("demo"), record.reference())
        .await
        .unwrap()
        .unwrap()
}

fn rewrite_of(correction: Correction) -> Rewrite {
    Rewrite {
        record: CaseRecord {
            case: correction.case,
            details: correction.details,
        },
        event: correction.event,
        changes: correction.changes,
    }
}

async fn found_by(store: &Arc<dyn Store>, q: &str) -> usize {
    let query = CaseQuery {
        filter: CaseFilter::default(),
        terms: query_terms(q),
        sort: CaseSort::Reference,
        order: SortOrder::Desc,
        limit: 10,
        after: None,
    };
    store
        .case_page(&council("demo"), &query)
        .await
        .unwrap()
        .records
        .len()
}

/// Every string the store gives back about the case: the case, its timeline, its
/// message records, the queued and undelivered messages.
async fn everything(store: &Arc<dyn Store>) -> String {
    let demo = council("demo");
    let reference = Reference::new("DEMO", 2026, 1).unwrap();
    let case = store.get_case(&demo, &reference).await.unwrap();
    let events = store.events(&demo, &reference).await.unwrap();
    let records = store.messages(&demo, &reference).await.unwrap();
    let later = RECEIVED + Duration::hours(1);
    let queued = store
        .claim_outbox(later, "reader", Duration::seconds(1), 10)
        .await
        .unwrap();
    let undelivered = store.undelivered(&demo).await.unwrap();
    format!("{case:?}{events:?}{records:?}{queued:?}{undelivered:?}")
}

pub async fn a_correction_moves_every_copy_to_the_new_details(store: Arc<dyn Store>) {
    let previous = worked_case(&store, "The bin was left").await;
    assert_eq!(found_by(&store, "ann@example.com").await, 1);
    let contact = Contact::parse(&ContactForm {
        name: "Bea Smith".into(),
        email: "bea@example.org".into(),
        ..Default::default()
    })
    .unwrap();
    let at = RECEIVED + Duration::minutes(10);
    let correction = correct_contact(
        &previous.case,
        &previous.details,
        contact,
        None,
        text("Resident rang with her new details"),
        &ann(),
        at,
    )
    .unwrap();
    let rewrite = rewrite_of(correction);
    store.rewrite_case(&previous, &rewrite).await.unwrap();

    let all = everything(&store).await;
    for old in ["ann@example.com", "Ann Jones"] {
        assert!(!all.contains(old), "{old} is still held: {all}");
    }
    assert!(
        all.contains("Dear Bea Smith"),
        "the queued body moved: {all}"
    );
    let demo = council("demo");
    let stored = store
        .get_case(&demo, previous.reference())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, rewrite.record);
    assert_eq!(stored.case.version, previous.case.version + 1);
    let events = store.events(&demo, previous.reference()).await.unwrap();
    assert!(matches!(
        &events.last().unwrap().action,
        Action::CorrectContactDetails { fields, .. }
            if fields == &[ContactField::Name, ContactField::Email]
    ));
    let records = store.messages(&demo, previous.reference()).await.unwrap();
    assert!(records.iter().all(|r| r.to == ["bea@example.org"]));
    let undelivered = store.undelivered(&demo).await.unwrap();
    assert_eq!(undelivered[0].message.email.to, ["bea@example.org"]);
    assert_eq!(found_by(&store, "ann@example.com").await, 0);
    assert_eq!(found_by(&store, "bea@example.org").await, 1);
    assert_eq!(found_by(&store, "Bea Smith").await, 1);
    assert_eq!(found_by(&store, "Ann Jones").await, 0);

    // The same correction again, from the version it was made from, is refused whole.
    let again = store.rewrite_case(&previous, &rewrite).await;
    assert!(
        matches!(again, Err(StoreError::VersionConflict { .. })),
        "{again:?}"
    );
    let missing = CaseRecord {
        case: feedback_shared::case::Case {
            reference: Reference::new("DEMO", 2026, 99).unwrap(),
            ..previous.case.clone()
        },
        ..previous.clone()
    };
    let nothing = store.rewrite_case(&missing, &rewrite).await;
    assert!(matches!(nothing, Err(StoreError::NotFound)), "{nothing:?}");
}

pub async fn a_redaction_removes_the_span_from_every_copy(store: Arc<dyn Store>) {
    let span = "Bob next door has diabetes";
    let previous = worked_case(&store, &format!("The bin was left. {span}, so")).await;
    assert_eq!(found_by(&store, "diabetes").await, 1);
    let correction = redact(
        &previous.case,
        &previous.details,
        FreeTextField::WhatHappened,
        span,
        text("A neighbour's health"),
        &ann(),
        RECEIVED + Duration::minutes(10),
    )
    .unwrap();
    store
        .rewrite_case(&previous, &rewrite_of(correction))
        .await
        .unwrap();
    let all = everything(&store).await;
    assert!(!all.contains(span), "the span is still held: {all}");
    assert!(all.contains("The bin was left. [redacted], so"), "{all}");
    assert_eq!(found_by(&store, "diabetes").await, 0);
    assert_eq!(found_by(&store, "bin").await, 1);
}

pub async fn a_message_queued_only_to_a_removed_address_is_not_sent(store: Arc<dyn Store>) {
    let previous = worked_case(&store, "The bin was left").await;
    // The email address was someone else's: removed, the phone number the way to reply.
    let contact = Contact::parse(&ContactForm {
        name: "Ann Jones".into(),
        phone: "07700 900982".into(),
        ..Default::default()
    })
    .unwrap();
    let correction = correct_contact(
        &previous.case,
        &previous.details,
        contact,
        None,
        text("Wrong email address"),
        &ann(),
        RECEIVED + Duration::minutes(10),
    )
    .unwrap();
    store
        .rewrite_case(&previous, &rewrite_of(correction))
        .await
        .unwrap();
    let later = RECEIVED + Duration::hours(1);
    let queued = store
        .claim_outbox(later, "sender", Duration::minutes(5), 10)
        .await
        .unwrap();
    assert!(queued.is_empty(), "{queued:?}");
    assert!(
        store
            .undelivered(&council("demo"))
            .await
            .unwrap()
            .is_empty()
    );
    let records = store
        .messages(&council("demo"), previous.reference())
        .await
        .unwrap();
    assert_eq!(records.len(), 2, "the records stay, for the timeline");
    assert!(records.iter().all(|r| r.to.is_empty()));
    assert!(!everything(&store).await.contains("ann@example.com"));
}

macro_rules! rewrite_conformance {
    ($adapter:ident, $make:expr) => {
        mod $adapter {
            use super::*;

            async fn store() -> Arc<dyn Store> {
                $make
            }

            #[tokio::test]
            async fn a_correction_moves_every_copy_to_the_new_details() {
                super::a_correction_moves_every_copy_to_the_new_details(store().await).await
            }

            #[tokio::test]
            async fn a_redaction_removes_the_span_from_every_copy() {
                super::a_redaction_removes_the_span_from_every_copy(store().await).await
            }

            #[tokio::test]
            async fn a_message_queued_only_to_a_removed_address_is_not_sent() {
                super::a_message_queued_only_to_a_removed_address_is_not_sent(store().await).await
            }
        }
    };
}

rewrite_conformance!(sqlite, {
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    Arc::new(
        feedback_functions::store::sqlite::SqliteStore::open(&dir.path().join("cases.sqlite3"))
            .unwrap(),
    )
});

rewrite_conformance!(
    dynamodb,
    Arc::new(crate::support::dynamodb::dynamo_store().await)
);
