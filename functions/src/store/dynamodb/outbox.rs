//! The outbox: messages queued with case changes, leased to one sender at a time, moved
//! on when a send fails, and marked once-only where they must go once.

use super::DynamoStore;
use super::items::{
    LEASE_OWNER, LEASE_UNTIL, MESSAGE, ONCE_PK, OUTBOX_PK, from_json, outbox_item, outbox_sk, s,
    string,
};
use super::requests::{CONDITION_FAILED, backend, cancelled, is_condition_failure, sdk};
use super::{PK, SK};
use crate::outbox::OutboxMessage;
use crate::store::{StoreError, StoreResult};
use aws_sdk_dynamodb::types::{AttributeValue, Delete, TransactWriteItem};
use std::collections::HashMap;
use time::OffsetDateTime;

pub(super) async fn claim_outbox(
    store: &DynamoStore,
    now: OffsetDateTime,
    owner: &str,
    lease: time::Duration,
    limit: usize,
) -> StoreResult<Vec<OutboxMessage>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk AND #sk <= :upto")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#sk", SK)
        .expression_attribute_values(":pk", s(OUTBOX_PK))
        // Every key for `not_before` up to now sorts below "{now}#~".
        .expression_attribute_values(":upto", s(format!("{:012}#~", now.unix_timestamp().max(0))))
        .consistent_read(true);
    let mut claimed = Vec::new();
    for item in store.query_all(query).await? {
        if claimed.len() >= limit {
            break;
        }
        let sk = string(&item, SK)?.to_owned();
        let result = store
            .client
            .update_item()
            .table_name(&store.table)
            .key(PK, s(OUTBOX_PK))
            .key(SK, s(sk))
            .update_expression("SET #owner = :owner, #until = :until")
            .condition_expression(
                "attribute_exists(#pk) AND (attribute_not_exists(#until) OR #until < :now)",
            )
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#owner", LEASE_OWNER)
            .expression_attribute_names("#until", LEASE_UNTIL)
            .expression_attribute_values(":owner", s(owner))
            .expression_attribute_values(
                ":until",
                AttributeValue::N((now + lease).unix_timestamp().to_string()),
            )
            .expression_attribute_values(
                ":now",
                AttributeValue::N(now.unix_timestamp().to_string()),
            )
            .send()
            .await;
        match result {
            Ok(_) => claimed.push(from_json(string(&item, MESSAGE)?)?),
            // Another sender holds it, or it was sent meanwhile.
            Err(e) if is_condition_failure(&e) => continue,
            Err(e) => return Err(sdk(e)),
        }
    }
    Ok(claimed)
}

pub(super) async fn complete_outbox(
    store: &DynamoStore,
    message: &OutboxMessage,
    owner: &str,
) -> StoreResult<()> {
    store
        .client
        .delete_item()
        .table_name(&store.table)
        .key(PK, s(OUTBOX_PK))
        .key(SK, s(outbox_sk(message)))
        .condition_expression("#owner = :owner")
        .expression_attribute_names("#owner", LEASE_OWNER)
        .expression_attribute_values(":owner", s(owner))
        .send()
        .await
        .map_err(|e| {
            if is_condition_failure(&e) {
                StoreError::Backend("the message's lease was lost".into())
            } else {
                sdk(e)
            }
        })?;
    Ok(())
}

pub(super) async fn retry_outbox(
    store: &DynamoStore,
    message: &OutboxMessage,
    owner: &str,
    not_before: OffsetDateTime,
) -> StoreResult<()> {
    let mut next = message.clone();
    next.attempts += 1;
    next.not_before = not_before;
    // The sort key holds the time, so a retry moves the item: delete and put together.
    let delete = Delete::builder()
        .table_name(&store.table)
        .key(PK, s(OUTBOX_PK))
        .key(SK, s(outbox_sk(message)))
        .condition_expression("#owner = :owner")
        .expression_attribute_names("#owner", LEASE_OWNER)
        .expression_attribute_values(":owner", s(owner))
        .build()
        .map_err(backend)?;
    let items = vec![
        TransactWriteItem::builder().delete(delete).build(),
        store.put_new(outbox_item(&next)?)?,
    ];
    match store.transact(items).await? {
        Ok(()) => Ok(()),
        Err(codes) if codes.first().is_some_and(|c| c == CONDITION_FAILED) => {
            Err(StoreError::Backend("the message's lease was lost".into()))
        }
        Err(codes) => Err(cancelled(&codes)),
    }
}

pub(super) async fn queue_once(store: &DynamoStore, message: &OutboxMessage) -> StoreResult<bool> {
    // A marker item per id, written with the message: its condition makes it once only.
    let marker = HashMap::from([
        (PK.to_owned(), s(ONCE_PK)),
        (SK.to_owned(), s(message.id.clone())),
    ]);
    let items = vec![
        store.put_new(marker)?,
        store.put_new(outbox_item(message)?)?,
    ];
    match store.transact(items).await? {
        Ok(()) => Ok(true),
        Err(codes) if codes.first().is_some_and(|c| c == CONDITION_FAILED) => Ok(false),
        Err(codes) => Err(cancelled(&codes)),
    }
}

pub(super) async fn outbox_len(store: &DynamoStore) -> StoreResult<usize> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_values(":pk", s(OUTBOX_PK))
        .consistent_read(true);
    Ok(store.query_all(query).await?.len())
}
