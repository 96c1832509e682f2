//! Messages given up on, kept in a partition per council (`UNDELIVERED#{council}`), so
//! listing one council's reads only that partition.

use super::DynamoStore;
use super::items::{
    LEASE_OWNER, MESSAGE, OUTBOX_PK, from_json, outbox_item, outbox_sk, s, string, to_json,
    undelivered_pk,
};
use super::requests::{CONDITION_FAILED, backend, cancelled};
use super::{PK, SK};
use crate::outbox::{OutboxMessage, Undelivered};
use crate::store::{StoreError, StoreResult};
use aws_sdk_dynamodb::types::{Delete, TransactWriteItem};
use feedback_shared::CouncilId;
use std::collections::HashMap;
use time::OffsetDateTime;

pub(super) async fn give_up_outbox(
    store: &DynamoStore,
    message: &OutboxMessage,
    owner: &str,
    reason: &str,
    at: OffsetDateTime,
) -> StoreResult<()> {
    let kept = Undelivered {
        message: message.clone(),
        reason: reason.to_owned(),
        given_up_at: at,
    };
    let delete = Delete::builder()
        .table_name(&store.table)
        .key(PK, s(OUTBOX_PK))
        .key(SK, s(outbox_sk(message)))
        .condition_expression("#owner = :owner")
        .expression_attribute_names("#owner", LEASE_OWNER)
        .expression_attribute_values(":owner", s(owner))
        .build()
        .map_err(backend)?;
    let item = HashMap::from([
        (PK.to_owned(), s(undelivered_pk(&message.council))),
        (SK.to_owned(), s(message.id.clone())),
        (MESSAGE.to_owned(), s(to_json(&kept)?)),
    ]);
    let put = aws_sdk_dynamodb::types::Put::builder()
        .table_name(&store.table)
        .set_item(Some(item))
        .build()
        .map_err(backend)?;
    let items = vec![
        TransactWriteItem::builder().delete(delete).build(),
        TransactWriteItem::builder().put(put).build(),
    ];
    match store.transact(items).await? {
        Ok(()) => Ok(()),
        Err(codes) if codes.first().is_some_and(|c| c == CONDITION_FAILED) => {
            Err(StoreError::Backend("the message's lease was lost".into()))
        }
        Err(codes) => Err(cancelled(&codes)),
    }
}

pub(super) async fn undelivered(
    store: &DynamoStore,
    council: &CouncilId,
) -> StoreResult<Vec<Undelivered>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_values(":pk", s(undelivered_pk(council)))
        .consistent_read(true);
    let mut kept = store
        .query_all(query)
        .await?
        .iter()
        .map(|item| from_json::<Undelivered>(string(item, MESSAGE)?))
        .collect::<StoreResult<Vec<_>>>()?;
    kept.sort_by(|a, b| {
        b.given_up_at
            .cmp(&a.given_up_at)
            .then_with(|| a.message.id.cmp(&b.message.id))
    });
    Ok(kept)
}

pub(super) async fn retry_undelivered(
    store: &DynamoStore,
    council: &CouncilId,
    id: &str,
    now: OffsetDateTime,
) -> StoreResult<OutboxMessage> {
    let item = store
        .client
        .get_item()
        .table_name(&store.table)
        .key(PK, s(undelivered_pk(council)))
        .key(SK, s(id))
        .consistent_read(true)
        .send()
        .await
        .map_err(super::requests::sdk)?;
    let Some(item) = item.item() else {
        return Err(StoreError::NotFound);
    };
    let kept: Undelivered = from_json(string(item, MESSAGE)?)?;
    let mut message = kept.message;
    message.not_before = now;
    // Removing the kept copy is the condition: of two retries, one queues the message.
    let delete = Delete::builder()
        .table_name(&store.table)
        .key(PK, s(undelivered_pk(council)))
        .key(SK, s(id))
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .build()
        .map_err(backend)?;
    let items = vec![
        TransactWriteItem::builder().delete(delete).build(),
        store.put_new(outbox_item(&message)?)?,
    ];
    match store.transact(items).await? {
        Ok(()) => Ok(message),
        Err(codes) if codes.first().is_some_and(|c| c == CONDITION_FAILED) => {
            Err(StoreError::NotFound)
        }
        Err(codes) => Err(cancelled(&codes)),
    }
}
