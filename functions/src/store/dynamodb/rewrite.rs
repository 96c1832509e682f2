//! A correction on DynamoDB ([`crate::store::rewrite`]): one transaction holding the
//! case's `Put` (conditional on the version the correction was made from), its event, the
//! rewritten events, message records and message bodies, and the search terms moved.
//!
//! A queued message is rewritten only while it is still queued (`attribute_exists`): one
//! sent meanwhile cancels the transaction, which is reported as a version conflict for the
//! caller to read again and retry. A case with more rewrites than one transaction holds
//! has its copies rewritten first (a rewrite made twice changes nothing more), the case
//! last.

use super::DynamoStore;
use super::items::{
    EVENT, Item, MESSAGE, OUTBOX_PK, VERSION, case_item, case_pk, case_sk, event_item, event_pk,
    from_json, messages_pk, number, s, string, to_json, undelivered_pk,
};
use super::requests::{CONDITION_FAILED, backend, cancelled};
use super::retention::{TRANSACTION_LIMIT, delete, partition, put};
use super::{PK, SK, aggregates, queue};
use crate::outbox::{OutboxMessage, Undelivered};
use crate::store::aggregates::AggregateChange;
use crate::store::queue::QueueEntry;
use crate::store::rewrite::{self, Rewrite};
use crate::store::{CaseRecord, MessageRecord, StoreError, StoreResult};
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem};
use feedback_shared::case::{CaseEvent, TextChange};
use feedback_shared::{CouncilId, Reference};

pub(super) async fn rewrite_case(
    store: &DynamoStore,
    previous: &CaseRecord,
    rewrite: &Rewrite,
) -> StoreResult<()> {
    let council = previous.council();
    let reference = previous.reference();
    let expected = previous.case.version;
    let Some(stored) = store.get_item(case_pk(council), case_sk(reference)).await? else {
        return Err(StoreError::NotFound);
    };
    if number(&stored, VERSION)? != expected {
        return Err(StoreError::VersionConflict { expected });
    }
    let new = &rewrite.record;
    let put_case = Put::builder()
        .table_name(&store.table)
        .set_item(Some(case_item(new)?))
        .condition_expression("#version = :read")
        .expression_attribute_names("#version", VERSION)
        .expression_attribute_values(":read", AttributeValue::N(expected.to_string()))
        .build()
        .map_err(backend)?;
    let main = vec![
        TransactWriteItem::builder().put(put_case).build(),
        store.put_new(event_item(council, reference, &rewrite.event)?)?,
    ];
    let changes = &rewrite.changes;
    let mut side = rewrite_events(store, council, reference, changes).await?;
    side.extend(rewrite_messages(store, council, reference, changes).await?);
    side.extend(queue::term_writes(
        store,
        new,
        &QueueEntry::of(new),
        &queue::terms_of(&stored),
    )?);
    side.extend(aggregates::change_writes(
        store,
        council,
        &AggregateChange::of(Some(previous), new),
    )?);
    let mut items = main;
    if items.len() + side.len() > TRANSACTION_LIMIT {
        for chunk in side.chunks(TRANSACTION_LIMIT) {
            if let Err(codes) = store.transact(chunk.to_vec()).await? {
                return Err(refused(&codes, expected));
            }
        }
    } else {
        items.extend(side);
    }
    match store.transact(items).await? {
        Ok(()) => Ok(()),
        Err(codes) => Err(refused(&codes, expected)),
    }
}

/// A cancelled transaction: a failed condition (the case's version, or a queued message
/// sent meanwhile) is a version conflict, to read again and retry.
fn refused(codes: &[String], expected: u64) -> StoreError {
    if codes.iter().any(|c| c == CONDITION_FAILED) {
        StoreError::VersionConflict { expected }
    } else {
        cancelled(codes)
    }
}

/// Puts of every event of the case a change applies to.
async fn rewrite_events(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
    changes: &[TextChange],
) -> StoreResult<Vec<TransactWriteItem>> {
    let mut writes = Vec::new();
    for mut item in partition(store, event_pk(council, reference)).await? {
        let event: CaseEvent = from_json(string(&item, EVENT)?)?;
        let changed = rewrite::event_leniently(&event, changes)?;
        if changed != event {
            item.insert(EVENT.to_owned(), s(to_json(&changed)?));
            writes.push(put(store, item)?);
        }
    }
    Ok(writes)
}

/// Puts of the case's changed message records, and of its undelivered and still queued
/// messages changed (deletes of those left with no recipient).
async fn rewrite_messages(
    store: &DynamoStore,
    council: &CouncilId,
    reference: &Reference,
    changes: &[TextChange],
) -> StoreResult<Vec<TransactWriteItem>> {
    let mut writes = Vec::new();
    for mut item in partition(store, messages_pk(council, reference)).await? {
        let record: MessageRecord = from_json(string(&item, MESSAGE)?)?;
        let changed = rewrite::message_record(&record, changes);
        if changed != record {
            item.insert(MESSAGE.to_owned(), s(to_json(&changed)?));
            writes.push(put(store, item)?);
        }
        let Some(mut kept_item) = store
            .get_item(undelivered_pk(council), record.id.clone())
            .await?
        else {
            continue;
        };
        let kept: Undelivered = from_json(string(&kept_item, MESSAGE)?)?;
        match rewrite::undelivered(&kept, changes) {
            Some(changed) => {
                kept_item.insert(MESSAGE.to_owned(), s(to_json(&changed)?));
                writes.push(put(store, kept_item)?);
            }
            None => writes.push(delete(store, undelivered_pk(council), record.id)?),
        }
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
    for mut item in store.query_all(query).await? {
        let message: OutboxMessage = from_json(string(&item, MESSAGE)?)?;
        if message.council != *council {
            continue;
        }
        let sk = string(&item, SK)?.to_owned();
        match rewrite::outbox_message(&message, changes) {
            Some(changed) => {
                item.insert(MESSAGE.to_owned(), s(to_json(&changed)?));
                writes.push(still_queued_put(store, item)?);
            }
            None => writes.push(still_queued_delete(store, sk)?),
        }
    }
    Ok(writes)
}

/// A `Put` of a queued message over itself, only while it is still queued (its lease
/// attributes kept as they were).
fn still_queued_put(store: &DynamoStore, item: Item) -> StoreResult<TransactWriteItem> {
    let put = Put::builder()
        .table_name(&store.table)
        .set_item(Some(item))
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .build()
        .map_err(backend)?;
    Ok(TransactWriteItem::builder().put(put).build())
}

fn still_queued_delete(store: &DynamoStore, sk: String) -> StoreResult<TransactWriteItem> {
    let delete = Delete::builder()
        .table_name(&store.table)
        .key(PK, s(OUTBOX_PK))
        .key(SK, s(sk))
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .build()
        .map_err(backend)?;
    Ok(TransactWriteItem::builder().delete(delete).build())
}
