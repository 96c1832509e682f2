//! Contact restrictions on every adapter (`Store::put_restriction`, `restrictions`): kept
//! per council, created once per id, changed only over the version read, never lost when
//! ended.

use crate::support::fixtures::council;
use feedback_functions::store::{Store, StoreError};
use feedback_shared::OfficerId;
use feedback_shared::restriction::{
    DecisionMaker, Restricted, RestrictedChannel, RestrictedPerson, Restriction,
};
use std::sync::Arc;
use time::Date;
use time::macros::date;

fn restriction(id: &str, decided_on: Date) -> Restriction {
    Restriction {
        id: id.into(),
        version: 1,
        person: RestrictedPerson {
            name: "Siân Jones".into(),
            email: Some("sian@example.com".into()),
            phone: None,
        },
        restricted: vec![Restricted::OneChannel {
            channel: RestrictedChannel::Email,
        }],
        behaviour: "Forty calls a day".into(),
        decided_by: DecisionMaker {
            id: OfficerId("mo".into()),
            name: "Morgan Price".into(),
        },
        decided_on,
        explained_on: decided_on,
        review_on: date!(2027 - 05 - 20),
        ended: None,
        reviews: Vec::new(),
    }
}

pub async fn restrictions_are_kept_per_council_and_changed_only_over_the_version_read(
    store: Arc<dyn Store>,
) {
    let (demo, other) = (council("demo"), council("other"));
    assert_eq!(store.restrictions(&demo).await.unwrap(), Vec::new());
    let older = restriction("r-older", date!(2026 - 10 - 01));
    let newer = restriction("r-newer", date!(2026 - 11 - 20));
    store.put_restriction(&demo, &older, None).await.unwrap();
    store.put_restriction(&demo, &newer, None).await.unwrap();
    // Another council's is its own.
    store
        .put_restriction(&other, &restriction("r-other", date!(2026 - 11 - 01)), None)
        .await
        .unwrap();
    // A second create under a taken id is refused, the first kept.
    let mut clash = restriction("r-older", date!(2026 - 10 - 01));
    clash.behaviour = "someone else's".into();
    assert!(matches!(
        store.put_restriction(&demo, &clash, None).await,
        Err(StoreError::VersionConflict { .. })
    ));
    assert_eq!(
        store.restrictions(&demo).await.unwrap(),
        vec![newer.clone(), older.clone()],
        "newest decision first, only the council's own"
    );
    // Ended: saved over version 1, and still listed.
    let mut ended = older.clone();
    ended
        .review(
            OfficerId("mo".into()),
            date!(2026 - 11 - 24),
            "end",
            "",
            "Calls are back to normal",
        )
        .unwrap();
    store.put_restriction(&demo, &ended, Some(1)).await.unwrap();
    // A stale review (over version 1 again) is refused; the ended one stays.
    assert!(matches!(
        store.put_restriction(&demo, &older, Some(1)).await,
        Err(StoreError::VersionConflict { expected: 1 })
    ));
    assert!(matches!(
        store
            .put_restriction(
                &demo,
                &restriction("r-gone", date!(2026 - 11 - 01)),
                Some(1)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    let listed = store.restrictions(&demo).await.unwrap();
    assert_eq!(listed, vec![newer, ended]);
    assert!(!listed[1].is_active());
    assert_eq!(listed[1].version, 2);
    assert_eq!(store.restrictions(&other).await.unwrap().len(), 1);
}
