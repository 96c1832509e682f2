//! Annual records on every adapter (`Store::annual_record`, `put_annual_record`): one per
//! council per year, saved first once, then only over the version read.

use crate::support::fixtures::{RECEIVED, council};
use feedback_functions::store::{Store, StoreError};
use feedback_shared::OfficerId;
use feedback_shared::wire::{AnnualRecord, Assessment, OmbudsmanLetter};
use std::sync::Arc;

fn record(year: i32, version: u64, evidence: &str) -> AnnualRecord {
    AnnualRecord {
        year,
        version,
        assessment: vec![Assessment {
            requirement: "s6-stage2-person".into(),
            compliant: Some(false),
            evidence: evidence.into(),
            actions: "Train the team".into(),
        }],
        improvements: Vec::new(),
        ombudsman_letter: Some(OmbudsmanLetter {
            url: Some("https://www.lgo.org.uk/letter".into()),
            text: "Dear chief executive".into(),
            response: "We accept it".into(),
        }),
        saved_by: OfficerId("mo".into()),
        saved_at: RECEIVED,
    }
}

pub async fn annual_records_are_kept_per_council_and_year_and_saved_over_the_version_read(
    store: Arc<dyn Store>,
) {
    let demo = council("demo");
    assert_eq!(store.annual_record(&demo, 2026).await.unwrap(), None);
    store
        .put_annual_record(&demo, &record(2026, 1, "first"), None)
        .await
        .unwrap();
    // A second first save (a colleague's, made meanwhile) is a conflict, not an overwrite.
    assert!(matches!(
        store
            .put_annual_record(&demo, &record(2026, 1, "theirs"), None)
            .await,
        Err(StoreError::VersionConflict { .. })
    ));
    assert_eq!(
        store.annual_record(&demo, 2026).await.unwrap(),
        Some(record(2026, 1, "first"))
    );
    store
        .put_annual_record(&demo, &record(2026, 2, "second"), Some(1))
        .await
        .unwrap();
    // Saved over a version no longer there: refused, the newer record kept.
    assert!(matches!(
        store
            .put_annual_record(&demo, &record(2026, 2, "stale"), Some(1))
            .await,
        Err(StoreError::VersionConflict { expected: 1 })
    ));
    assert!(matches!(
        store
            .put_annual_record(&demo, &record(2027, 2, "none yet"), Some(1))
            .await,
        Err(StoreError::NotFound)
    ));
    let kept = store.annual_record(&demo, 2026).await.unwrap().unwrap();
    assert_eq!(
        (kept.version, kept.assessment[0].evidence.as_str()),
        (2, "second")
    );
    // Another year and another council are apart.
    assert_eq!(store.annual_record(&demo, 2027).await.unwrap(), None);
    assert_eq!(
        store
            .annual_record(&council("north-glen"), 2026)
            .await
            .unwrap(),
        None
    );
}
