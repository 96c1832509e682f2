//! TEMPORARY smoke test of the DynamoDB store against moto (to be deleted).

#[path = "support/moto.rs"]
mod moto;

use feedback_functions::store::{
    CaseFilter, CaseRecord, IdempotencyBinding, Inserted, Store, StoreError,
};
use feedback_shared::case::{Action, Actor, Case, CaseEvent, Rules, Status};
use feedback_shared::contact::ContactForm;
use feedback_shared::input::LongText;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, CouncilId, Field, Kind, OfficerId, Policy, Reference};
use std::collections::BTreeSet;
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

const AT: OffsetDateTime = datetime!(2026-11-24 10:00 UTC);

struct World {
    calendar: Calendar,
    policy: Policy,
}

impl World {
    fn new() -> Self {
        World {
            calendar: Calendar::bundled(),
            policy: Policy::default(),
        }
    }
    fn rules(&self) -> Rules<'_> {
        Rules {
            calendar: &self.calendar,
            policy: &self.policy,
        }
    }
    fn received(&self, council: &str, seq: u64) -> (CaseRecord, CaseEvent) {
        self.received_with(council, seq, "My bin was missed three weeks running.")
    }
    fn received_with(&self, council: &str, seq: u64, what: &str) -> (CaseRecord, CaseEvent) {
        let form = FeedbackForm {
            kind: Some(Kind::Complaint),
            service: "waste".into(),
            what_happened: what.into(),
            put_right: what.into(),
            contact: ContactForm {
                name: "Rhian Evans".into(),
                email: "rhian@example.com".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let details = form.parse(&["waste"], date!(2026 - 11 - 24)).unwrap();
        let council = CouncilId::parse(council).unwrap();
        let reference = Reference::new("ABC", 2026, seq).unwrap();
        let (case, event) = Case::receive(
            self.rules(),
            council,
            reference,
            Kind::Complaint,
            Channel::Web,
            AT,
            Actor::Resident,
        );
        (CaseRecord { case, details }, event)
    }
    fn apply(&self, record: &CaseRecord, action: Action) -> (CaseRecord, CaseEvent) {
        let mut next = record.clone();
        let event = next
            .case
            .apply(
                self.rules(),
                Actor::Officer(OfficerId("o1".into())),
                AT + Duration::days(1),
                action,
            )
            .unwrap();
        (next, event)
    }
}

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sequences_are_atomic() {
    let store = moto::dynamo_store().await;
    let council = CouncilId::parse("cardiff").unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (store, council) = (store.clone(), council.clone());
            tokio::spawn(async move { store.next_sequence(&council, 2026).await.unwrap() })
        })
        .collect();
    let mut got = BTreeSet::new();
    for t in tasks {
        assert!(got.insert(t.await.unwrap()));
    }
    assert_eq!(got, (1..=20).collect());
    assert_eq!(store.next_sequence(&council, 2027).await.unwrap(), 1);
    assert_eq!(
        store
            .next_sequence(&CouncilId::parse("swansea").unwrap(), 2026)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn the_whole_lifecycle() {
    let w = World::new();
    let store = moto::dynamo_store().await;
    let council = CouncilId::parse("cardiff").unwrap();

    // insert + idempotency
    let (r1, e1) = w.received("cardiff", 1);
    let b1 = IdempotencyBinding {
        key: "key-1".into(),
        body_hash: "h1".into(),
        reference: r1.reference().clone(),
    };
    assert_eq!(
        store.insert_case(&r1, &e1, Some(&b1)).await.unwrap(),
        Inserted::New
    );
    assert_eq!(
        store.idempotency(&council, "key-1").await.unwrap(),
        Some(b1.clone())
    );
    assert_eq!(store.idempotency(&council, "key-2").await.unwrap(), None);

    let (r2, e2) = w.received("cardiff", 2);
    let b2 = IdempotencyBinding {
        key: "key-1".into(),
        body_hash: "h2".into(),
        reference: r2.reference().clone(),
    };
    assert_eq!(
        store.insert_case(&r2, &e2, Some(&b2)).await.unwrap(),
        Inserted::AlreadyBound(b1.clone())
    );
    assert_eq!(
        store.get_case(&council, r2.reference()).await.unwrap(),
        None,
        "nothing written"
    );
    assert!(
        store
            .events(&council, r2.reference())
            .await
            .unwrap()
            .is_empty()
    );

    // same reference again, with or without a fresh key
    let err = store.insert_case(&r1, &e1, None).await.unwrap_err();
    assert!(
        matches!(err, StoreError::DuplicateReference(ref r) if r == r1.reference()),
        "{err:?}"
    );
    let b3 = IdempotencyBinding {
        key: "key-3".into(),
        body_hash: "h3".into(),
        reference: r1.reference().clone(),
    };
    let err = store.insert_case(&r1, &e1, Some(&b3)).await.unwrap_err();
    assert!(matches!(err, StoreError::DuplicateReference(_)), "{err:?}");
    assert_eq!(
        store.idempotency(&council, "key-3").await.unwrap(),
        None,
        "binding not written"
    );
    // both the key and the reference clash: the binding wins
    assert_eq!(
        store.insert_case(&r1, &e1, Some(&b2)).await.unwrap(),
        Inserted::AlreadyBound(b1.clone())
    );

    assert_eq!(
        store.get_case(&council, r1.reference()).await.unwrap(),
        Some(r1.clone())
    );
    assert_eq!(
        store
            .get_case(&CouncilId::parse("swansea").unwrap(), r1.reference())
            .await
            .unwrap(),
        None
    );

    // r2 for real, then due_on
    assert_eq!(
        store.insert_case(&r2, &e2, None).await.unwrap(),
        Inserted::New
    );
    let ack_by = r1.next_due().unwrap();
    assert_eq!(r2.next_due(), Some(ack_by));
    let due: Vec<_> = store
        .due_on(ack_by)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.reference().clone())
        .collect();
    assert_eq!(due, [r1.reference().clone(), r2.reference().clone()]);

    // update: acknowledge r1
    let (r1a, ack) = w.apply(
        &r1,
        Action::Acknowledge {
            on: date!(2026 - 11 - 25),
        },
    );
    store.update_case(&r1a, 1, &ack).await.unwrap();
    assert_eq!(
        store.get_case(&council, r1.reference()).await.unwrap(),
        Some(r1a.clone())
    );
    let err = store.update_case(&r1a, 1, &ack).await.unwrap_err();
    assert!(
        matches!(err, StoreError::VersionConflict { expected: 1 }),
        "{err:?}"
    );
    let (r9, e9) = w.received("cardiff", 9);
    let (r9a, ack9) = w.apply(
        &r9,
        Action::Acknowledge {
            on: date!(2026 - 11 - 25),
        },
    );
    let _ = e9;
    let err = store.update_case(&r9a, 1, &ack9).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    let respond_by = r1a.next_due().unwrap();
    assert_ne!(respond_by, ack_by);
    let due: Vec<_> = store
        .due_on(ack_by)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.reference().clone())
        .collect();
    assert_eq!(due, [r2.reference().clone()]);
    assert_eq!(
        store.due_on(respond_by).await.unwrap(),
        std::slice::from_ref(&r1a)
    );

    // many events: order survives version 10+
    let mut current = r1a;
    let mut timeline = vec![e1.clone(), ack];
    for i in 0..10 {
        let (next, event) = w.apply(
            &current,
            Action::Note {
                text: text(&format!("note {i}")),
            },
        );
        store
            .update_case(&next, current.case.version, &event)
            .await
            .unwrap();
        current = next;
        timeline.push(event);
    }
    assert_eq!(current.case.version, 12);
    assert_eq!(
        store.events(&council, r1.reference()).await.unwrap(),
        timeline
    );

    // withdraw: no deadline any more, out of the index
    let (withdrawn, event) = w.apply(
        &current,
        Action::Withdraw {
            reason: text("sorted"),
        },
    );
    assert_eq!(withdrawn.next_due(), None);
    store
        .update_case(&withdrawn, current.case.version, &event)
        .await
        .unwrap();
    assert!(store.due_on(respond_by).await.unwrap().is_empty());

    // list with filters, newest first, council-scoped
    let (other, other_event) = w.received("swansea", 3);
    store.insert_case(&other, &other_event, None).await.unwrap();
    let all = store
        .list_cases(&council, &CaseFilter::default())
        .await
        .unwrap();
    assert_eq!(all, [r2.clone(), withdrawn.clone()]);
    let received = CaseFilter {
        status: Some(Status::Received),
        ..Default::default()
    };
    assert_eq!(
        store.list_cases(&council, &received).await.unwrap(),
        std::slice::from_ref(&r2)
    );
    let withdrawn_filter = CaseFilter {
        status: Some(Status::Withdrawn),
        ..Default::default()
    };
    assert_eq!(
        store.list_cases(&council, &withdrawn_filter).await.unwrap(),
        [withdrawn]
    );
}

#[tokio::test]
async fn lots_of_cases_page_through() {
    // ~10 KB records × 250 push the council's partition past several 1 MB query pages.
    let w = World::new();
    let store = moto::dynamo_store().await;
    let council = CouncilId::parse("cardiff").unwrap();
    let what = "x".repeat(5000);
    for seq in 1..=250 {
        let (record, event) = w.received_with("cardiff", seq, &what);
        store.insert_case(&record, &event, None).await.unwrap();
    }
    let all = store
        .list_cases(&council, &CaseFilter::default())
        .await
        .unwrap();
    let seqs: Vec<u64> = all.iter().map(|r| r.reference().sequence()).collect();
    assert_eq!(seqs, (1..=250).rev().collect::<Vec<_>>());
    assert_eq!(
        store
            .due_on(all[0].next_due().unwrap())
            .await
            .unwrap()
            .len(),
        250
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn races_have_one_winner() {
    let w = World::new();
    let store = moto::dynamo_store().await;
    let tasks: Vec<_> = (1..=10)
        .map(|seq| {
            let store = store.clone();
            let (record, event) = w.received("cardiff", seq);
            tokio::spawn(async move {
                let binding = IdempotencyBinding {
                    key: "same".into(),
                    body_hash: "h".into(),
                    reference: record.reference().clone(),
                };
                store
                    .insert_case(&record, &event, Some(&binding))
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut new = 0;
    for t in tasks {
        match t.await.unwrap() {
            Inserted::New => new += 1,
            Inserted::AlreadyBound(_) => {}
        }
    }
    assert_eq!(new, 1);

    let council = CouncilId::parse("cardiff").unwrap();
    let winner = store
        .list_cases(&council, &CaseFilter::default())
        .await
        .unwrap()
        .pop()
        .unwrap();
    let tasks: Vec<_> = (0..10)
        .map(|i| {
            let store = store.clone();
            let (next, event) = w.apply(
                &winner,
                Action::Note {
                    text: text(&format!("n{i}")),
                },
            );
            tokio::spawn(async move { store.update_case(&next, 1, &event).await })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => ok += 1,
            Err(StoreError::VersionConflict { expected: 1 }) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(
        store
            .events(&council, winner.reference())
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn errors_say_what_went_wrong() {
    let store = feedback_functions::store::dynamodb::DynamoStore::new(
        moto::client().await,
        "no-such-table",
    );
    let err = store
        .get_case(
            &CouncilId::parse("cardiff").unwrap(),
            &Reference::new("ABC", 2026, 1).unwrap(),
        )
        .await
        .unwrap_err();
    eprintln!("ERR: {err}");
}
