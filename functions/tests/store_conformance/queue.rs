//! The queue's pages (`Store::case_page`) on every adapter: each sort and order, the
//! filters, search, and paging while a case changes.

use crate::support::fixtures::{RECEIVED, council, rules};
use feedback_functions::store::aggregates::Aggregates;
use feedback_functions::store::queue::{CaseQuery, position, query_terms};
use feedback_functions::store::{CaseFilter, CaseRecord, Store, StoreError};
use feedback_shared::case::{Action, Actor, Case};
use feedback_shared::input::LongText;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::wire::{CaseSort, SortOrder, StatusFilter};
use feedback_shared::{Channel, Field, Kind, OfficerId, Reference, Stage};
use std::collections::BTreeSet;
use std::sync::Arc;
use time::macros::date;

struct Made {
    kind: Kind,
    service: &'static str,
    channel: Channel,
    days_ago: i64,
    name: &'static str,
    email: &'static str,
    phone: &'static str,
    words: &'static str,
}

const MADE: [Made; 9] = [
    Made {
        kind: Kind::Complaint,
        service: "waste",
        channel: Channel::Web,
        days_ago: 9,
        name: "Ann Jones",
        email: "ann@example.com",
        phone: "07700 900001",
        words: "The bin was not collected.",
    },
    Made {
        kind: Kind::Complaint,
        service: "parking",
        channel: Channel::Phone,
        days_ago: 8,
        name: "Bob Smith",
        email: "",
        phone: "07700 900002",
        words: "A parking fine was wrong.",
    },
    Made {
        kind: Kind::Comment,
        service: "waste",
        channel: Channel::Email,
        days_ago: 7,
        name: "Cara Siân Hughes",
        email: "cara@example.org",
        phone: "",
        words: "Bins are noisy early.",
    },
    Made {
        kind: Kind::Compliment,
        service: "parking",
        channel: Channel::Web,
        days_ago: 6,
        name: "Dev Patel",
        email: "dev@example.net",
        phone: "",
        words: "The warden was kind.",
    },
    Made {
        kind: Kind::Complaint,
        service: "waste",
        channel: Channel::Letter,
        days_ago: 5,
        name: "Eve Jones",
        email: "",
        phone: "01632 960123",
        words: "Broken bin lid left on the road.",
    },
    Made {
        kind: Kind::ServiceRequest,
        service: "waste",
        channel: Channel::Web,
        days_ago: 4,
        name: "Finn Wood",
        email: "finn@example.com",
        phone: "",
        words: "Please bring a new bin.",
    },
    Made {
        kind: Kind::Complaint,
        service: "parking",
        channel: Channel::InPerson,
        days_ago: 3,
        name: "Gail Jones",
        email: "gail@example.com",
        phone: "",
        words: "The car park lights are broken.",
    },
    Made {
        kind: Kind::Complaint,
        service: "waste",
        channel: Channel::Web,
        days_ago: 2,
        name: "Hal Evans",
        email: "hal@example.com",
        phone: "",
        words: "Missed collection again.",
    },
    Made {
        kind: Kind::Comment,
        service: "parking",
        channel: Channel::Phone,
        days_ago: 1,
        name: "Ivy Shaw",
        email: "ivy@example.com",
        phone: "",
        words: "More disabled bays please.",
    },
];

fn made(sequence: u64, m: &Made) -> (CaseRecord, feedback_shared::case::CaseEvent) {
    let received = RECEIVED - time::Duration::days(m.days_ago);
    let form = FeedbackForm {
        kind: Some(m.kind),
        service: m.service.to_owned(),
        what_happened: m.words.into(),
        put_right: "Put it right.".into(),
        contact: feedback_shared::contact::ContactForm {
            name: m.name.into(),
            email: m.email.into(),
            phone: m.phone.into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let details = form
        .parse(&[m.service], date!(2026 - 11 - 24))
        .expect("fixture parses");
    let reference = Reference::new("DEMO", 2026, sequence).unwrap();
    let (case, event) = Case::receive(
        rules(),
        council("demo"),
        reference,
        m.kind,
        m.channel,
        received,
        Actor::Resident,
    );
    (CaseRecord { case, details }, event)
}

fn officer() -> Actor {
    Actor::Officer(OfficerId("ann".into()))
}

/// Applies `action` and stores it.
async fn change(store: &Arc<dyn Store>, record: &mut CaseRecord, action: Action) {
    let before = record.case.version;
    let event = record
        .case
        .apply(rules(), officer(), RECEIVED, action)
        .unwrap();
    store
        .update_case(record, before, &event, &[])
        .await
        .unwrap();
}

/// Nine cases, some assigned, acknowledged or closed; the stored records.
async fn queue_of_cases(store: &Arc<dyn Store>) -> Vec<CaseRecord> {
    let mut records = Vec::new();
    for (i, m) in MADE.iter().enumerate() {
        let (record, event) = made(i as u64 + 1, m);
        store.insert_case(&record, &event, None, &[]).await.unwrap();
        records.push(record);
    }
    let officer_id = |id: &str| OfficerId(id.into());
    change(
        store,
        &mut records[0],
        Action::Assign {
            officer: officer_id("ann"),
        },
    )
    .await;
    change(
        store,
        &mut records[0],
        Action::Acknowledge {
            on: date!(2026 - 11 - 17),
        },
    )
    .await;
    change(
        store,
        &mut records[4],
        Action::Assign {
            officer: officer_id("bo"),
        },
    )
    .await;
    change(store, &mut records[3], Action::Close { on: None }).await;
    change(
        store,
        &mut records[5],
        Action::Withdraw {
            reason: LongText::parse(Field::Note, "Sorted already.").unwrap(),
            on: None,
        },
    )
    .await;
    records
}

fn query(sort: CaseSort, order: SortOrder, limit: usize) -> CaseQuery {
    CaseQuery {
        filter: CaseFilter {
            today: Some(date!(2026 - 11 - 24)),
            ..Default::default()
        },
        terms: Vec::new(),
        sort,
        order,
        limit,
        after: None,
    }
}

/// Every page of `query`, followed cursor by cursor; the sequences in order.
async fn all_pages(store: &Arc<dyn Store>, mut query: CaseQuery) -> Vec<u64> {
    let mut seen = Vec::new();
    for _ in 0..100 {
        let page = store.case_page(&council("demo"), &query).await.unwrap();
        assert!(page.records.len() <= query.limit);
        assert!(
            page.items_read <= 3 * (query.limit as u64 + 1) + 3,
            "a page of {} read {} items",
            query.limit,
            page.items_read
        );
        seen.extend(page.records.iter().map(|r| r.reference().sequence()));
        match page.next {
            Some(next) => query.after = Some(next),
            None => return seen,
        }
    }
    panic!("the pages never ended");
}

pub async fn every_sort_pages_through_every_case_once_in_order(store: Arc<dyn Store>) {
    let records = queue_of_cases(&store).await;
    for sort in CaseSort::ALL {
        for order in [SortOrder::Asc, SortOrder::Desc] {
            let mut expected: Vec<&CaseRecord> = records.iter().collect();
            expected.sort_by_key(|r| position(r, sort));
            if order == SortOrder::Desc {
                expected.reverse();
            }
            let expected: Vec<u64> = expected.iter().map(|r| r.reference().sequence()).collect();
            for limit in [2, 4, 100] {
                let seen = all_pages(&store, query(sort, order, limit)).await;
                assert_eq!(seen, expected, "{sort:?} {order:?}, {limit} a page");
            }
        }
    }
    // What an officer sees first by default: the oldest unacknowledged complaint's
    // deadline (case 1 was received first but is acknowledged, so 2's comes first), and
    // the cases with no deadline left (comments, the closed and withdrawn) come last.
    let default = all_pages(&store, query(CaseSort::Deadline, SortOrder::Asc, 25)).await;
    assert_eq!(default[0], 2);
    let without: BTreeSet<u64> = records
        .iter()
        .filter(|r| r.case.next_deadline().is_none())
        .map(|r| r.reference().sequence())
        .collect();
    assert!(without.contains(&4) && without.contains(&6), "{without:?}");
    assert_eq!(
        default[default.len() - without.len()..]
            .iter()
            .copied()
            .collect::<BTreeSet<_>>(),
        without
    );
    let newest = all_pages(&store, query(CaseSort::Received, SortOrder::Desc, 3)).await;
    assert_eq!(newest, [9, 8, 7, 6, 5, 4, 3, 2, 1]);
}

pub async fn filters_select_the_same_cases_page_by_page(store: Arc<dyn Store>) {
    let records = queue_of_cases(&store).await;
    let today = date!(2026 - 11 - 24);
    let filters = [
        CaseFilter {
            status: Some(StatusFilter::Open),
            ..Default::default()
        },
        CaseFilter {
            status: Some(StatusFilter::Closed),
            ..Default::default()
        },
        CaseFilter {
            kind: Some(Kind::Complaint),
            stage: Some(Stage::One),
            ..Default::default()
        },
        CaseFilter {
            channel: Some(Channel::Phone),
            ..Default::default()
        },
        CaseFilter {
            service: Some("parking".into()),
            ..Default::default()
        },
        CaseFilter {
            unassigned: true,
            status: Some(StatusFilter::Open),
            ..Default::default()
        },
        CaseFilter {
            assigned_to: Some(OfficerId("bo".into())),
            ..Default::default()
        },
        CaseFilter {
            received_from: Some(date!(2026 - 11 - 17)),
            received_to: Some(date!(2026 - 11 - 20)),
            ..Default::default()
        },
        CaseFilter {
            due_before: Some(date!(2026 - 11 - 24)),
            ..Default::default()
        },
        CaseFilter {
            overdue: Some(true),
            ..Default::default()
        },
        CaseFilter {
            overdue: Some(false),
            ..Default::default()
        },
    ];
    let expected_counts = [7, 1, 5, 2, 4, 5, 1, 4];
    for (i, filter) in filters.into_iter().enumerate() {
        let filter = CaseFilter {
            today: Some(today),
            ..filter
        };
        let mut expected: Vec<&CaseRecord> = records.iter().filter(|r| filter.matches(r)).collect();
        expected.sort_by_key(|r| position(r, CaseSort::Deadline));
        let expected: Vec<u64> = expected.iter().map(|r| r.reference().sequence()).collect();
        if let Some(count) = expected_counts.get(i) {
            assert_eq!(expected.len(), *count, "the fixture for {filter:?}");
        }
        let q = CaseQuery {
            filter: filter.clone(),
            ..query(CaseSort::Deadline, SortOrder::Asc, 2)
        };
        assert_eq!(all_pages(&store, q).await, expected, "{filter:?}");
    }
}

pub async fn search_finds_cases_by_reference_name_email_phone_and_words(store: Arc<dyn Store>) {
    queue_of_cases(&store).await;
    let search = |q: &str, filter: CaseFilter| {
        let store = store.clone();
        let q = q.to_owned();
        async move {
            let query = CaseQuery {
                filter,
                terms: query_terms(&q),
                ..query(CaseSort::Deadline, SortOrder::Asc, 2)
            };
            all_pages(&store, query).await
        }
    };
    let any = CaseFilter::default;
    assert_eq!(search("DEMO-2026-000005", any()).await, [5]);
    assert_eq!(search("demo-2026-000005", any()).await, [5]);
    assert_eq!(search("jones", any()).await, [7, 5, 1], "newest first");
    assert_eq!(
        search("Eve Jones", any()).await,
        [5],
        "every word must match"
    );
    assert_eq!(search("CARA@example.org", any()).await, [3]);
    assert_eq!(search("07700 900002", any()).await, [2]);
    assert_eq!(search("+44 1632 960123", any()).await, [5]);
    assert_eq!(search("siân", any()).await, [3]);
    assert_eq!(search("bin", any()).await, [6, 5, 1]);
    assert_eq!(search("broken", any()).await, [7, 5]);
    assert_eq!(search("broken bin", any()).await, [5]);
    assert_eq!(search("nothing-like-it", any()).await, Vec::<u64>::new());
    let parking = CaseFilter {
        service: Some("parking".into()),
        ..Default::default()
    };
    assert_eq!(search("jones", parking).await, [7]);
    // Search is by council: another council's cases are not found.
    let other = store
        .case_page(
            &council("north-glen"),
            &CaseQuery {
                terms: query_terms("jones"),
                ..query(CaseSort::Deadline, SortOrder::Asc, 10)
            },
        )
        .await
        .unwrap();
    assert!(other.records.is_empty());
}

pub async fn a_change_moves_the_case_in_the_index_and_its_words_with_it(store: Arc<dyn Store>) {
    let mut records = queue_of_cases(&store).await;
    let by_status = |status| CaseQuery {
        filter: CaseFilter {
            status: Some(status),
            ..Default::default()
        },
        ..query(CaseSort::Deadline, SortOrder::Asc, 50)
    };
    assert!(
        !all_pages(&store, by_status(StatusFilter::Closed))
            .await
            .contains(&9)
    );
    change(&store, &mut records[8], Action::Close { on: None }).await;
    assert!(
        all_pages(&store, by_status(StatusFilter::Closed))
            .await
            .contains(&9)
    );
    assert!(
        !all_pages(&store, by_status(StatusFilter::Open))
            .await
            .contains(&9)
    );
    // When what a case says changes (a redaction, say), its old words no longer find it.
    let mut redacted = records[7].clone();
    let before = redacted.case.version;
    redacted.details.what_happened =
        feedback_shared::input::Description::parse(Field::WhatHappened, "[redacted]").unwrap();
    let event = redacted
        .case
        .apply(
            rules(),
            officer(),
            RECEIVED,
            Action::Assign {
                officer: OfficerId("cy".into()),
            },
        )
        .unwrap();
    store
        .update_case(&redacted, before, &event, &[])
        .await
        .unwrap();
    let find = |q: &str| CaseQuery {
        terms: query_terms(q),
        ..query(CaseSort::Deadline, SortOrder::Asc, 10)
    };
    assert!(
        all_pages(&store, find("missed collection"))
            .await
            .is_empty()
    );
    assert_eq!(all_pages(&store, find("redacted")).await, [8]);
    assert_eq!(all_pages(&store, find("hal@example.com")).await, [8]);
}

/// The census without its zero counts (a store may keep a key it has counted down to 0).
async fn census_counts(store: &Arc<dyn Store>) -> std::collections::BTreeMap<String, i64> {
    let mut counts = store.census(&council("demo")).await.unwrap().counts;
    counts.retain(|_, n| *n != 0);
    counts
}

pub async fn replacing_the_case_as_read_holds_to_its_version_and_moves_its_words_and_sums(
    store: Arc<dyn Store>,
) {
    let records = queue_of_cases(&store).await;
    let read = records[7].clone();
    let mut changed = read.clone();
    changed.details.what_happened =
        feedback_shared::input::Description::parse(Field::WhatHappened, "[redacted]").unwrap();
    let event = changed
        .case
        .apply(
            rules(),
            officer(),
            RECEIVED,
            Action::Assign {
                officer: OfficerId("cy".into()),
            },
        )
        .unwrap();
    let find = |q: &str| CaseQuery {
        terms: query_terms(q),
        ..query(CaseSort::Deadline, SortOrder::Asc, 10)
    };
    let census_before = census_counts(&store).await;

    // Replacing a case read before a change that has since been stored is refused and
    // writes nothing: not the case, its words nor its sums.
    let mut stale = read.clone();
    stale.case.version -= 1;
    let refused = store.replace_case(&stale, &changed, &event, &[]).await;
    assert!(
        matches!(refused, Err(StoreError::VersionConflict { .. })),
        "{refused:?}"
    );
    assert!(all_pages(&store, find("redacted")).await.is_empty());
    assert_eq!(census_counts(&store).await, census_before);

    store
        .replace_case(&read, &changed, &event, &[])
        .await
        .unwrap();
    let stored = store
        .get_case(&council("demo"), changed.reference())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.case.version, changed.case.version);
    assert!(
        all_pages(&store, find("missed collection"))
            .await
            .is_empty()
    );
    assert_eq!(all_pages(&store, find("redacted")).await, [8]);
    // The sums moved the case from its old place to its new one.
    let mut now: Vec<CaseRecord> = records.clone();
    now[7] = changed.clone();
    let mut expected = Aggregates::of_cases(&now).census.counts;
    expected.retain(|_, n| *n != 0);
    assert_eq!(census_counts(&store).await, expected);

    // A case that is not there is not replaced.
    let mut ghost = read.clone();
    ghost.case.reference = Reference::new("DEMO", 2026, 999).unwrap();
    ghost.details = changed.details.clone();
    let mut ghost_changed = ghost.clone();
    let event = ghost_changed
        .case
        .apply(
            rules(),
            officer(),
            RECEIVED,
            Action::Assign {
                officer: OfficerId("dee".into()),
            },
        )
        .unwrap();
    assert!(matches!(
        store
            .replace_case(&ghost, &ghost_changed, &event, &[])
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn paging_while_a_case_changes_misses_and_repeats_no_other_case(store: Arc<dyn Store>) {
    let mut records = queue_of_cases(&store).await;
    let demo = council("demo");
    let mut q = query(CaseSort::Deadline, SortOrder::Asc, 3);
    let first = store.case_page(&demo, &q).await.unwrap();
    let mut seen: Vec<u64> = first
        .records
        .iter()
        .map(|r| r.reference().sequence())
        .collect();
    // A case on the first page is acknowledged (its deadline moves later) and one not
    // yet read is closed (it moves to the end): neither shifts the others.
    let moved_back = seen[0];
    let index = records
        .iter()
        .position(|r| r.reference().sequence() == moved_back)
        .unwrap();
    change(
        &store,
        &mut records[index],
        Action::Acknowledge {
            on: date!(2026 - 11 - 24),
        },
    )
    .await;
    change(&store, &mut records[8], Action::Close { on: None }).await;
    q.after = first.next;
    seen.extend(all_pages(&store, q).await);
    let others: Vec<u64> = seen
        .iter()
        .copied()
        .filter(|s| *s != moved_back && *s != 9)
        .collect();
    let unique: BTreeSet<u64> = others.iter().copied().collect();
    assert_eq!(
        unique.len(),
        others.len(),
        "no case but the changed ones is read twice: {seen:?}"
    );
    assert_eq!(
        unique,
        (1..=8).filter(|s| *s != moved_back).collect(),
        "{seen:?}"
    );
    assert!(
        seen.contains(&9),
        "a case that moved ahead of the cursor is still read"
    );
}

macro_rules! queue_conformance {
    ($adapter:ident, $make:expr) => {
        mod $adapter {
            use super::*;

            async fn store() -> Arc<dyn Store> {
                $make
            }

            #[tokio::test]
            async fn every_sort_pages_through_every_case_once_in_order() {
                super::every_sort_pages_through_every_case_once_in_order(store().await).await
            }

            #[tokio::test]
            async fn filters_select_the_same_cases_page_by_page() {
                super::filters_select_the_same_cases_page_by_page(store().await).await
            }

            #[tokio::test]
            async fn search_finds_cases_by_reference_name_email_phone_and_words() {
                super::search_finds_cases_by_reference_name_email_phone_and_words(store().await)
                    .await
            }

            #[tokio::test]
            async fn a_change_moves_the_case_in_the_index_and_its_words_with_it() {
                super::a_change_moves_the_case_in_the_index_and_its_words_with_it(store().await)
                    .await
            }

            #[tokio::test]
            async fn counts_count_every_case_by_status_stage_and_kind() {
                super::counts_count_every_case_by_status_stage_and_kind(store().await).await
            }

            #[tokio::test]
            async fn replacing_the_case_as_read_holds_to_its_version_and_moves_its_words_and_sums()
            {
                super::replacing_the_case_as_read_holds_to_its_version_and_moves_its_words_and_sums(
                    store().await,
                )
                .await
            }

            #[tokio::test]
            async fn paging_while_a_case_changes_misses_and_repeats_no_other_case() {
                super::paging_while_a_case_changes_misses_and_repeats_no_other_case(store().await)
                    .await
            }
        }
    };
}

queue_conformance!(sqlite, {
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    Arc::new(
        feedback_functions::store::sqlite::SqliteStore::open(&dir.path().join("cases.sqlite3"))
            .unwrap(),
    )
});

queue_conformance!(
    dynamodb,
    Arc::new(crate::support::dynamodb::dynamo_store().await)
);

pub async fn counts_count_every_case_by_status_stage_and_kind(store: Arc<dyn Store>) {
    let records = queue_of_cases(&store).await;
    let today = date!(2026 - 11 - 24);
    let counts = store.case_counts(&council("demo"), today).await.unwrap();
    let filter = |f: CaseFilter| {
        let f = CaseFilter {
            today: Some(today),
            ..f
        };
        records.iter().filter(|r| f.matches(r)).count() as u64
    };
    assert_eq!(
        counts.open,
        filter(CaseFilter {
            status: Some(StatusFilter::Open),
            ..Default::default()
        })
    );
    assert_eq!(counts.open, 7);
    assert_eq!(
        counts.overdue,
        filter(CaseFilter {
            overdue: Some(true),
            ..Default::default()
        })
    );
    assert_eq!(counts.status.get("closed"), Some(&1));
    assert_eq!(counts.status.get("withdrawn"), Some(&1));
    assert_eq!(counts.kind.get("complaint"), Some(&5));
    assert_eq!(
        counts.stage.get("1").copied(),
        Some(filter(CaseFilter {
            stage: Some(Stage::One),
            ..Default::default()
        }))
    );
    assert_eq!(counts.status.values().sum::<u64>(), 9);
    let none = store
        .case_counts(&council("north-glen"), today)
        .await
        .unwrap();
    assert_eq!(none.status.values().sum::<u64>(), 0);
}
