//! Retention on DynamoDB: the sparse index [`RETENTION_INDEX`] lists the council's closed
//! cases not yet anonymised by closure date. A case item carries its keys only while it
//! is closed and not anonymised ([`retention_attributes`], written by every `Put` of the
//! case), so a reopened or anonymised case leaves the index in the write that changes it.
//! Cases closed before the index existed get their keys from `feedback aggregates
//! --rebuild` ([`DynamoStore::index_for_retention`]).
//!
//! A hold is an item `C#{council}` / `HOLD#{reference}`; an anonymisation is one
//! transaction that checks it is absent, so a hold set after the job listed the case still
//! holds it. The bodies of the case's messages (outbox, undelivered) are deleted with it.

use super::DynamoStore;
use super::items::{
    EVENT, Item, MESSAGE, OUTBOX_PK, RECORD, VERSION, case_item, case_pk, case_sk, day_key,
    event_item, event_pk, from_json, messages_pk, number, record_of, s, string, to_json,
    undelivered_pk,
};
use super::requests::{CONDITION_FAILED, backend, cancelled, is_condition_failure, sdk};
use super::{PK, SK, aggregates, queue};
use crate::store::aggregates::AggregateChange;
use crate::store::queue::QueueEntry;
use crate::store::retention::{Anonymisation, Removal, RetentionDue, anonymise_message, plan};
use crate::store::{CaseRecord, MessageRecord, StoreError, StoreResult};
use aws_sdk_dynamodb::types::{AttributeValue, ConditionCheck, Delete, Put, TransactWriteItem};
use feedback_shared::case::{CaseEvent, anonymise_event};
use feedback_shared::wire::LegalHold;
use feedback_shared::{CouncilId, Reference};
use std::collections::HashMap;
use time::Date;

/// The sparse index of closed cases not yet anonymised.
pub const RETENTION_INDEX: &str = "retention-index";
/// [`RETENTION_INDEX`]'s partition key: `C#{council}`.
pub const RET_PK: &str = "ret_pk";
/// [`RETENTION_INDEX`]'s sort key: `{closed_on}#{reference}`.
pub const RET_SK: &str = "ret_sk";

const HOLD_PREFIX: &str = "HOLD#";
/// The most writes one transaction may hold.
pub(super) const TRANSACTION_LIMIT: usize = 100;

fn hold_sk(reference: &Reference) -> String {
    format!("{HOLD_PREFIX}{reference}")
}

/// The index keys a case item carries while it is closed and not anonymised.
pub(super) fn retention_attributes(item: &mut Item, record: &CaseRecord) {
    if let (Some(closed_on), None) = (record.case.closed_on, &record.case.anonymised) {
        item.insert(RET_PK.to_owned(), s(case_pk(record.council())));
        item.insert(
            RET_SK.to_owned(),
            s(format!("{}#{}", day_key(closed_on), record.reference())),
        );
    }
}

pub(super) async fn due_for_retention(
    store: &DynamoStore,
    council: &CouncilId,
    closed_before: Date,
    after: Option<&RetentionDue>,
    limit: usize,
) -> StoreResult<Vec<RetentionDue>> {
    let pk = case_pk(council);
    // Where the last page stopped, as the index's key (its own and the table's).
    let start = after.map(|due| {
        HashMap::from([
            (PK.to_owned(), s(pk.clone())),
            (SK.to_owned(), s(case_sk(&due.reference))),
            (RET_PK.to_owned(), s(pk.clone())),
            (
                RET_SK.to_owned(),
                s(format!("{}#{}", day_key(due.closed_on), due.reference)),
            ),
        ])
    });
    let out = store
        .client
        .query()
        .table_name(&store.table)
        .index_name(RETENTION_INDEX)
        .key_condition_expression("#pk = :pk AND #sk < :before")
        .expression_attribute_names("#pk", RET_PK)
        .expression_attribute_names("#sk", RET_SK)
        .expression_attribute_values(":pk", s(pk.clone()))
        .expression_attribute_values(":before", s(day_key(closed_before)))
        .set_exclusive_start_key(start)
        .limit(limit.clamp(1, 1000) as i32)
        .send()
        .await
        .map_err(sdk)?;
    out.items()
        .iter()
        .map(|item| {
            let key = string(item, RET_SK)?;
            let (day, reference) = key
                .split_once('#')
                .ok_or_else(|| StoreError::Backend(format!("bad retention key {key}")))?;
            Ok(RetentionDue {
                reference: reference.parse().map_err(StoreError::backend)?,
                closed_on: feedback_shared::input::parse_iso_date(day)
                    .map_err(|e| StoreError::Backend(e.0))?,
            })
        })
        .collect()
}

pub(super) async fn anonymise_case(
    store: &DynamoStore,
    council: &CouncilId,
    removal: &Removal,
) -> StoreResult<Anonymisation> {
    let reference = &removal.reference;
    let Some(stored) = store.get_item(case_pk(council), case_sk(reference)).await? else {
        return Err(StoreError::NotFound);
    };
    let version = number(&stored, VERSION)?;
    if let Some(expected) = removal.expected_version.filter(|v| *v != version) {
        return Err(StoreError::VersionConflict { expected });
    }
    if store
        .get_item(case_pk(council), hold_sk(reference))
        .await?
        .is_some()
    {
        return Ok(Anonymisation::Held);
    }
    let old = record_of(&stored)?;
    let (new, event) = match plan(&old, removal) {
        Ok(planned) => planned,
        Err(nothing) => return Ok(nothing),
    };

    let put_case = Put::builder()
        .table_name(&store.table)
        .set_item(Some(case_item(&new)?))
        .condition_expression("#version = :read")
        .expression_attribute_names("#version", VERSION)
        .expression_attribute_values(":read", AttributeValue::N(version.to_string()))
        .build()
        .map_err(backend)?;
    let no_hold = ConditionCheck::builder()
        .table_name(&store.table)
        .key(PK, s(case_pk(council)))
        .key(SK, s(hold_sk(reference)))
        .condition_expression("attribute_not_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .build()
        .map_err(backend)?;
    let main = vec![
        TransactWriteItem::builder().put(put_case).build(),
        TransactWriteItem::builder()
            .condition_check(no_hold)
            .build(),
        store.put_new(event_item(council, reference, &event)?)?,
    ];
    let mut side = rewrite_events(store, council, reference).await?;
    side.extend(rewrite_messages(store, council, reference).await?);
    side.extend(queue::term_writes(
        store,
        &new,
        &QueueEntry::of(&new),
        &queue::terms_of(&stored),
    )?);
    side.extend(aggregates::change_writes(
        store,
        council,
        &AggregateChange::of(Some(&old), &new),
    )?);
    // Usually one transaction. A case with more events than one holds has them rewritten
    // first (each rewrite is the same however often it is made), so the case is marked
    // anonymised, and leaves the index, only once everything else is gone.
    let mut items = main;
    if items.len() + side.len() > TRANSACTION_LIMIT {
        for chunk in side.chunks(TRANSACTION_LIMIT) {
            if let Err(codes) = store.transact(chunk.to_vec()).await? {
                return Err(cancelled(&codes));
            }
        }
    } else {
        items.extend(side);
    }
    let codes = match store.transact(items).await? {
        Ok(()) => return Ok(Anonymisation::Done),
        Err(codes) => codes,
    };
    let failed = |i: usize| codes.get(i).is_some_and(|c| c == CONDITION_FAILED);
    if failed(0) {
        return Err(StoreError::VersionConflict { expected: version });
    }
    if failed(1) {
        return Ok(Anonymisation::Held);
    }
    Err(cancelled(&codes))
}

/// A `Put` of `item` as it is, for rewriting an item in place.
pub(super) fn put(store: &DynamoStore, item: Item) -> StoreResult<TransactWriteItem> {
    let put = Put::builder()
        .table_name(&store.table)
        .set_item(Some(item))
        .build()
        .map_err(backend)?;
    Ok(TransactWriteItem::builder().put(put).build())
}

pub(super) fn delete(
    store: &DynamoStore,
    pk: String,
    sk: String,
) -> StoreResult<TransactWriteItem> {
    let delete = Delete::builder()
        .table_name(&store.table)
        .key(PK, s(pk))
        .key(SK, s(sk))
        .build()
        .map_err(backend)?;
    Ok(TransactWriteItem::builder().delete(delete).build())
}

pub(super) async fn partition(store: &DynamoStore, pk: String) -> StoreResult<Vec<Item>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_values(":pk", s(pk))
        .consistent_read(true);
    store.query_all(query).await
}

/// Puts of every event of the case that has free text, without it.
async fn rewrite_events(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<Vec<TransactWriteItem>> {
    let mut writes = Vec::new();
    for mut item in partition(store, event_pk(council, reference)).await? {
        let event: CaseEvent = from_json(string(&item, EVENT)?)?;
        let scrubbed = anonymise_event(&event);
        if scrubbed != event {
            item.insert(EVENT.to_owned(), s(to_json(&scrubbed)?));
            writes.push(put(store, item)?);
        }
    }
    Ok(writes)
}

/// The case's message records without recipients, and deletes of its messages' bodies:
/// undelivered (keyed by id) and still queued (found in the outbox by their reference).
async fn rewrite_messages(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<Vec<TransactWriteItem>> {
    let mut writes = Vec::new();
    for mut item in partition(store, messages_pk(council, reference)).await? {
        let record: MessageRecord = from_json(string(&item, MESSAGE)?)?;
        item.insert(MESSAGE.to_owned(), s(to_json(&anonymise_message(&record))?));
        writes.push(put(store, item)?);
        writes.push(delete(store, undelivered_pk(council), record.id)?);
    }
    // The outbox holds what is waiting to go: a handful of items, not a case's history.
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk")
        .filter_expression("contains(#message, :reference)")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#message", MESSAGE)
        .expression_attribute_values(":pk", s(OUTBOX_PK))
        .expression_attribute_values(":reference", s(format!("\"reference\":\"{reference}\"")))
        .consistent_read(true);
    for item in store.query_all(query).await? {
        let message: crate::outbox::OutboxMessage = from_json(string(&item, MESSAGE)?)?;
        if message.council == *council {
            writes.push(delete(
                store,
                OUTBOX_PK.to_owned(),
                string(&item, SK)?.to_owned(),
            )?);
        }
    }
    Ok(writes)
}

pub(super) async fn put_hold(
    store: &DynamoStore,
    council: &CouncilId,
    hold: &LegalHold,
) -> StoreResult<()> {
    let case_exists = ConditionCheck::builder()
        .table_name(&store.table)
        .key(PK, s(case_pk(council)))
        .key(SK, s(case_sk(&hold.reference)))
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .build()
        .map_err(backend)?;
    let item = HashMap::from([
        (PK.to_owned(), s(case_pk(council))),
        (SK.to_owned(), s(hold_sk(&hold.reference))),
        (RECORD.to_owned(), s(to_json(hold)?)),
    ]);
    let items = vec![
        TransactWriteItem::builder()
            .condition_check(case_exists)
            .build(),
        put(store, item)?,
    ];
    match store.transact(items).await? {
        Ok(()) => Ok(()),
        Err(codes) if codes.first().is_some_and(|c| c == CONDITION_FAILED) => {
            Err(StoreError::NotFound)
        }
        Err(codes) => Err(cancelled(&codes)),
    }
}

pub(super) async fn remove_hold(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<()> {
    let result = store
        .client
        .delete_item()
        .table_name(&store.table)
        .key(PK, s(case_pk(council)))
        .key(SK, s(hold_sk(reference)))
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if is_condition_failure(&e) => Err(StoreError::NotFound),
        Err(e) => Err(sdk(e)),
    }
}

pub(super) async fn holds(store: &DynamoStore, council: &CouncilId) -> StoreResult<Vec<LegalHold>> {
    let mut holds = store
        .items_with_prefix(case_pk(council), HOLD_PREFIX)
        .await?
        .iter()
        .map(|item| from_json(string(item, RECORD)?))
        .collect::<StoreResult<Vec<LegalHold>>>()?;
    holds.sort_by(|a, b| a.reference.cmp(&b.reference));
    Ok(holds)
}

impl DynamoStore {
    /// Gives the council's closed cases written before the retention index existed their
    /// index keys (an update of those two attributes, conditional on the version read, so
    /// a case changed meanwhile keeps what its own write gave it); how many it indexed.
    /// Part of `feedback aggregates --rebuild`, which reads every case anyway.
    pub async fn index_for_retention(&self, records: &[CaseRecord]) -> StoreResult<usize> {
        let mut indexed = 0;
        for record in records {
            let mut keys = HashMap::new();
            retention_attributes(&mut keys, record);
            let (Some(pk), Some(sk)) = (keys.remove(RET_PK), keys.remove(RET_SK)) else {
                continue;
            };
            let result = self
                .client
                .update_item()
                .table_name(&self.table)
                .key(PK, s(case_pk(record.council())))
                .key(SK, s(case_sk(record.reference())))
                .update_expression("SET #rp = :rp, #rs = :rs")
                .condition_expression("#version = :version AND attribute_not_exists(#rs)")
                .expression_attribute_names("#rp", RET_PK)
                .expression_attribute_names("#rs", RET_SK)
                .expression_attribute_names("#version", VERSION)
                .expression_attribute_values(":rp", pk)
                .expression_attribute_values(":rs", sk)
                .expression_attribute_values(
                    ":version",
                    AttributeValue::N(record.case.version.to_string()),
                )
                .send()
                .await;
            match result {
                Ok(_) => indexed += 1,
                Err(e) if is_condition_failure(&e) => {}
                Err(e) => return Err(sdk(e)),
            }
        }
        Ok(indexed)
    }
}
