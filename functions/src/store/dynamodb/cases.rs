//! Cases, their timelines, reference counters and idempotency bindings, and the reminder
//! index: written together in one transaction, read consistently.

use super::DynamoStore;
use super::items::{
    BODY_HASH, CASE_PREFIX, EVENT, MESSAGE, RECORD, REFERENCE, SEQ, VERSION, appended_event_item,
    case_item, case_pk, case_sk, day_key, event_item, event_pk, from_json, idempotency_sk,
    message_record_item, messages_pk, number, outbox_item, record_of, s, string,
};
use super::requests::{CONDITION_FAILED, backend, cancelled, is_condition_failure, sdk};
use super::{DUE_DAY, DUE_INDEX, PK, SK, aggregates, queue};
use crate::outbox::OutboxMessage;
use crate::store::aggregates::{AggregateChange, Aggregates};
use crate::store::queue::QueueEntry;
use crate::store::{
    CaseFilter, CaseRecord, IdempotencyBinding, Inserted, MessageRecord, REMINDER_LOOKBACK_DAYS,
    StoreError, StoreResult, sort_newest_first,
};
use aws_sdk_dynamodb::types::{
    AttributeValue, ConditionCheck, Put, ReturnValue, TransactWriteItem,
};
use feedback_shared::case::CaseEvent;
use feedback_shared::{CouncilId, Reference};
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

impl DynamoStore {
    /// The cases whose next deadline falls on `day`, across every council, in council then
    /// reference order. Reads the index, so a write made a moment ago may not show yet.
    pub async fn due_on(&self, day: Date) -> StoreResult<Vec<CaseRecord>> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(DUE_INDEX)
            .key_condition_expression("#due = :day")
            .expression_attribute_names("#due", DUE_DAY)
            .expression_attribute_values(":day", s(day_key(day)));
        self.query_all(query).await?.iter().map(record_of).collect()
    }

    /// Loads many cases (and their search terms) with `BatchWriteItem` (25 items a
    /// request), without events or messages:
    /// for benchmarks and migrations, never for cases residents are waiting on.
    pub async fn bulk_load(&self, records: &[CaseRecord]) -> StoreResult<()> {
        self.bulk_load_cases(records, true).await?;
        self.bulk_add_sums(records).await
    }

    /// Loads the case items alone, without events, messages or the sums: for a benchmark
    /// that loads more cases than it keeps in memory at once, and then writes the sums of
    /// them all with [`Store::replace_aggregates`]. With `queue` false the cases are left
    /// out of the queue (no queue index attributes, no search terms), for a benchmark of
    /// what never reads the queue: DynamoDB Local writes eight index entries a case
    /// otherwise, which makes a million cases an hour's load.
    ///
    /// [`Store::replace_aggregates`]: crate::store::Store::replace_aggregates
    pub async fn bulk_load_cases(&self, records: &[CaseRecord], queue: bool) -> StoreResult<()> {
        let mut items = Vec::new();
        for record in records {
            let mut item = case_item(record)?;
            if queue {
                items.push(item);
                items.extend(queue::term_items(record, &QueueEntry::of(record)));
            } else {
                queue::remove_queue_attributes(&mut item);
                items.push(item);
            }
        }
        self.batch_put(items).await
    }

    /// Adds the sums of `records` to their councils' (100 actions a transaction).
    async fn bulk_add_sums(&self, records: &[CaseRecord]) -> StoreResult<()> {
        let councils: std::collections::BTreeSet<&CouncilId> =
            records.iter().map(|r| r.council()).collect();
        for council in councils {
            let theirs = records.iter().filter(|r| r.council() == council);
            let change = AggregateChange::from(&Aggregates::of_cases(theirs));
            let writes = aggregates::change_writes(self, council, &change)?;
            for chunk in writes.chunks(100) {
                if let Err(codes) = self.transact(chunk.to_vec()).await? {
                    return Err(cancelled(&codes));
                }
            }
        }
        Ok(())
    }
}

pub(super) async fn next_sequence(
    store: &DynamoStore,
    council: &CouncilId,
    year: i32,
) -> StoreResult<u64> {
    let out = store
        .client
        .update_item()
        .table_name(&store.table)
        .key(PK, s(case_pk(council)))
        .key(SK, s(format!("COUNTER#{year}")))
        .update_expression("ADD #seq :one")
        .expression_attribute_names("#seq", SEQ)
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .return_values(ReturnValue::UpdatedNew)
        .send()
        .await
        .map_err(sdk)?;
    let item = out
        .attributes()
        .ok_or_else(|| StoreError::Backend("the counter update returned nothing".into()))?;
    number(item, SEQ)
}

pub(super) async fn idempotency(
    store: &DynamoStore,
    council: &CouncilId,
    key: &str,
) -> StoreResult<Option<IdempotencyBinding>> {
    let Some(item) = store
        .get_item(case_pk(council), idempotency_sk(key))
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(IdempotencyBinding {
        key: key.to_owned(),
        body_hash: string(&item, BODY_HASH)?.to_owned(),
        reference: string(&item, REFERENCE)?
            .parse()
            .map_err(StoreError::backend)?,
    }))
}

pub(super) async fn insert_case(
    store: &DynamoStore,
    record: &CaseRecord,
    received: &CaseEvent,
    idempotency: Option<&IdempotencyBinding>,
    outbox: &[OutboxMessage],
) -> StoreResult<Inserted> {
    let council = record.council();
    let mut items = vec![
        store.put_new(case_item(record)?)?,
        store.put_new(event_item(council, record.reference(), received)?)?,
    ];
    // The binding, when there is one, is item 2: the cancellation reasons below rely on it.
    if let Some(binding) = idempotency {
        items.push(store.put_new(HashMap::from([
            (PK.to_owned(), s(case_pk(council))),
            (SK.to_owned(), s(idempotency_sk(&binding.key))),
            (BODY_HASH.to_owned(), s(binding.body_hash.clone())),
            (REFERENCE.to_owned(), s(binding.reference.to_string())),
            (
                super::TTL_ATTRIBUTE.to_owned(),
                AttributeValue::N(binding_expires_at().to_string()),
            ),
        ]))?);
    }
    for message in outbox {
        items.push(store.put_new(outbox_item(message)?)?);
    }
    for message in outbox {
        if let Some(item) = message_record_item(message)? {
            items.push(store.put_new(item)?);
        }
    }
    // The search terms and the sums go last, so the cancellation reasons above keep
    // their places.
    items.extend(queue::term_writes(
        store,
        record,
        &QueueEntry::of(record),
        &[],
    )?);
    items.extend(aggregates::change_writes(
        store,
        council,
        &AggregateChange::of(None, record),
    )?);
    let codes = match store.transact(items).await? {
        Ok(()) => return Ok(Inserted::New),
        Err(codes) => codes,
    };
    let failed = |i: usize| codes.get(i).is_some_and(|c| c == CONDITION_FAILED);
    if let Some(binding) = idempotency.filter(|_| failed(2)) {
        return match self::idempotency(store, council, &binding.key).await? {
            Some(existing) => Ok(Inserted::AlreadyBound(existing)),
            None => Err(StoreError::Backend(
                "the idempotency key was bound, then unbound".into(),
            )),
        };
    }
    if failed(0) {
        return Err(StoreError::DuplicateReference(record.reference().clone()));
    }
    if failed(1) {
        return Err(StoreError::Backend(
            "the new case already has a receipt event".into(),
        ));
    }
    Err(cancelled(&codes))
}

/// How long DynamoDB keeps an idempotency binding: far longer than any client retries
/// (minutes), and it cannot outlive the case's personal data, since the retention job
/// cannot find a binding by its case.
const BINDING_DAYS: i64 = 30;

/// When a binding written now expires, in epoch seconds (DynamoDB's time to live).
fn binding_expires_at() -> i64 {
    (OffsetDateTime::now_utc() + time::Duration::days(BINDING_DAYS)).unix_timestamp()
}

pub(super) async fn get_case(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<Option<CaseRecord>> {
    store
        .get_item(case_pk(council), case_sk(reference))
        .await?
        .as_ref()
        .map(record_of)
        .transpose()
}

pub(super) async fn update_case(
    store: &DynamoStore,
    record: &CaseRecord,
    expected_version: u64,
    event: &CaseEvent,
    outbox: &[OutboxMessage],
) -> StoreResult<()> {
    // The stored case: what it is found by and its contribution to the sums, which this
    // write replaces. The transaction holds to the version read here.
    let Some(stored) = store
        .get_item(case_pk(record.council()), case_sk(record.reference()))
        .await?
    else {
        return Err(StoreError::NotFound);
    };
    if number(&stored, VERSION)? != expected_version {
        return Err(StoreError::VersionConflict {
            expected: expected_version,
        });
    }
    let old_terms = queue::terms_of(&stored);
    replace_case(
        store,
        &record_of(&stored)?,
        old_terms,
        record,
        event,
        outbox,
    )
    .await
}

/// Replaces `old` (the case as its caller read it) with `record`, conditional on `old`'s
/// version: whatever the stored case's search terms and sums were, they were written
/// from `old` if that condition holds. `old_terms` are the terms to delete where not
/// kept: the stored item's own when it was read, else those `old` gives. The two differ
/// only if the way terms are made changed since `old` was written; the term items left
/// behind then still find the case by a word it no longer holds.
pub(super) async fn replace_case(
    store: &DynamoStore,
    old: &CaseRecord,
    old_terms: Vec<String>,
    record: &CaseRecord,
    event: &CaseEvent,
    outbox: &[OutboxMessage],
) -> StoreResult<()> {
    let expected_version = old.case.version;
    let put_case = Put::builder()
        .table_name(&store.table)
        .set_item(Some(case_item(record)?))
        .condition_expression("#version = :expected")
        .expression_attribute_names("#version", VERSION)
        .expression_attribute_values(":expected", AttributeValue::N(expected_version.to_string()))
        .build()
        .map_err(backend)?;
    let mut items = vec![
        TransactWriteItem::builder().put(put_case).build(),
        store.put_new(event_item(record.council(), record.reference(), event)?)?,
    ];
    for message in outbox {
        items.push(store.put_new(outbox_item(message)?)?);
    }
    for message in outbox {
        if let Some(item) = message_record_item(message)? {
            items.push(store.put_new(item)?);
        }
    }
    items.extend(queue::term_writes(
        store,
        record,
        &QueueEntry::of(record),
        &old_terms,
    )?);
    items.extend(aggregates::change_writes(
        store,
        record.council(),
        &AggregateChange::of(Some(old), record),
    )?);
    let codes = match store.transact(items).await? {
        Ok(()) => return Ok(()),
        Err(codes) => codes,
    };
    let failed = |i: usize| codes.get(i).is_some_and(|c| c == CONDITION_FAILED);
    if failed(0) {
        let exists = store
            .get_item(case_pk(record.council()), case_sk(record.reference()))
            .await?
            .is_some();
        return Err(if exists {
            StoreError::VersionConflict {
                expected: expected_version,
            }
        } else {
            StoreError::NotFound
        });
    }
    if failed(1) {
        return Err(StoreError::Backend(format!(
            "an event with version {} is already recorded",
            event.version
        )));
    }
    Err(cancelled(&codes))
}

pub(super) async fn append_event(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
    event: &CaseEvent,
    expected_version: Option<u64>,
) -> StoreResult<()> {
    let item = appended_event_item(council, reference, event)?;
    let Some(expected) = expected_version else {
        // A put of a key no one else writes. The condition keeps it from ever replacing
        // another event, yet lets a put the SDK sends again after a lost reply succeed.
        let text = item[EVENT].clone();
        return match store
            .client
            .put_item()
            .table_name(&store.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(#pk) OR #event = :event")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#event", EVENT)
            .expression_attribute_values(":event", text)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if is_condition_failure(&e) => Err(StoreError::Backend(
                "an appended event's key was already taken".into(),
            )),
            Err(e) => Err(sdk(e)),
        };
    };
    let check = ConditionCheck::builder()
        .table_name(&store.table)
        .key(PK, s(case_pk(council)))
        .key(SK, s(case_sk(reference)))
        .condition_expression("#version = :expected")
        .expression_attribute_names("#version", VERSION)
        .expression_attribute_values(":expected", AttributeValue::N(expected.to_string()))
        .build()
        .map_err(backend)?;
    let items = vec![
        TransactWriteItem::builder().condition_check(check).build(),
        store.put_new(item)?,
    ];
    let codes = match store.transact(items).await? {
        Ok(()) => return Ok(()),
        Err(codes) => codes,
    };
    if codes.first().is_some_and(|c| c == CONDITION_FAILED) {
        let exists = store
            .get_item(case_pk(council), case_sk(reference))
            .await?
            .is_some();
        return Err(if exists {
            StoreError::VersionConflict { expected }
        } else {
            StoreError::NotFound
        });
    }
    Err(cancelled(&codes))
}

pub(super) async fn events(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<Vec<CaseEvent>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_values(":pk", s(event_pk(council, reference)))
        .scan_index_forward(true)
        .consistent_read(true);
    store
        .query_all(query)
        .await?
        .iter()
        .map(|item| from_json(string(item, EVENT)?))
        .collect()
}

pub(super) async fn messages(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<Vec<MessageRecord>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_values(":pk", s(messages_pk(council, reference)))
        .scan_index_forward(true)
        .consistent_read(true);
    store
        .query_all(query)
        .await?
        .iter()
        .map(|item| from_json(string(item, MESSAGE)?))
        .collect()
}

pub(super) async fn list_cases(
    store: &DynamoStore,
    council: &CouncilId,
    filter: &CaseFilter,
) -> StoreResult<Vec<CaseRecord>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk AND begins_with(#sk, :case)")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#sk", SK)
        .expression_attribute_names("#record", RECORD)
        .expression_attribute_values(":pk", s(case_pk(council)))
        .expression_attribute_values(":case", s(CASE_PREFIX))
        .projection_expression("#record")
        .consistent_read(true);
    let mut records = Vec::new();
    for item in store.query_all(query).await? {
        let record = record_of(&item)?;
        if filter.matches(&record) {
            records.push(record);
        }
    }
    sort_newest_first(&mut records);
    Ok(records)
}

pub(super) async fn due_reminders(
    store: &DynamoStore,
    now: OffsetDateTime,
) -> StoreResult<Vec<CaseRecord>> {
    // One query per London day of the look-back window: the cost follows what is due.
    let today = feedback_shared::london::london_date(now);
    let earliest = now - time::Duration::days(REMINDER_LOOKBACK_DAYS);
    let mut due = Vec::new();
    for back in (0..=REMINDER_LOOKBACK_DAYS).rev() {
        let day = today - time::Duration::days(back);
        for record in store.due_on(day).await? {
            if record
                .reminder_at()
                .is_some_and(|at| at <= now && at >= earliest)
            {
                due.push(record);
            }
        }
    }
    Ok(due)
}
