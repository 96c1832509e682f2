//! Counted uses: one item a counter, counted with a conditional `ADD` (several counters in
//! one transaction), so racing Lambda instances can never count past a limit. Items carry
//! [`TTL_ATTRIBUTE`], so DynamoDB deletes them once their window is over.

use super::items::{Item, s};
use super::requests::{CONDITION_FAILED, backend, cancelled, is_condition_failure, sdk};
use super::{DynamoStore, PK, SK, TTL_ATTRIBUTE};
use crate::store::{Counted, StoreResult, UseCounter};
use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};
use std::collections::HashMap;
use time::OffsetDateTime;

pub(super) const USES: &str = "uses";
const USE_SK: &str = "USE";

fn use_pk(counter: &UseCounter) -> String {
    format!("USE#{}", counter.key)
}

const UPDATE: &str = "ADD #uses :one SET #ttl = if_not_exists(#ttl, :expires)";
/// Counted while under the limit; an item whose time is up (DynamoDB deletes expired items
/// within days, not at once) counts as a fresh one would only under a new key, which is
/// why every key names its window.
const CONDITION: &str = "attribute_not_exists(#uses) OR #uses < :limit";

fn names() -> HashMap<String, String> {
    HashMap::from([
        ("#uses".to_owned(), USES.to_owned()),
        ("#ttl".to_owned(), TTL_ATTRIBUTE.to_owned()),
    ])
}

fn values(counter: &UseCounter) -> HashMap<String, AttributeValue> {
    HashMap::from([
        (":one".to_owned(), AttributeValue::N("1".into())),
        (
            ":expires".to_owned(),
            AttributeValue::N(counter.expires_at.unix_timestamp().to_string()),
        ),
        (
            ":limit".to_owned(),
            AttributeValue::N(counter.limit.to_string()),
        ),
    ])
}

fn key(counter: &UseCounter) -> Item {
    HashMap::from([
        (PK.to_owned(), s(use_pk(counter))),
        (SK.to_owned(), s(USE_SK)),
    ])
}

pub(super) async fn count_uses(
    store: &DynamoStore,
    counters: &[UseCounter],
    _now: OffsetDateTime,
) -> StoreResult<Counted> {
    match counters {
        [] => Ok(Counted::Counted),
        // One counter: a plain conditional update, half the cost of a transaction.
        [counter] => {
            let result = store
                .client
                .update_item()
                .table_name(&store.table)
                .set_key(Some(key(counter)))
                .update_expression(UPDATE)
                .condition_expression(CONDITION)
                .set_expression_attribute_names(Some(names()))
                .set_expression_attribute_values(Some(values(counter)))
                .send()
                .await;
            match result {
                Ok(_) => Ok(Counted::Counted),
                Err(e) if is_condition_failure(&e) => Ok(Counted::AtLimit(0)),
                Err(e) => Err(sdk(e)),
            }
        }
        _ => {
            let items = counters
                .iter()
                .map(|counter| {
                    let update = Update::builder()
                        .table_name(&store.table)
                        .set_key(Some(key(counter)))
                        .update_expression(UPDATE)
                        .condition_expression(CONDITION)
                        .set_expression_attribute_names(Some(names()))
                        .set_expression_attribute_values(Some(values(counter)))
                        .build()
                        .map_err(backend)?;
                    Ok(TransactWriteItem::builder().update(update).build())
                })
                .collect::<StoreResult<Vec<_>>>()?;
            match store.transact(items).await? {
                Ok(()) => Ok(Counted::Counted),
                Err(codes) => match codes.iter().position(|c| c == CONDITION_FAILED) {
                    Some(index) => Ok(Counted::AtLimit(index)),
                    None => Err(cancelled(&codes)),
                },
            }
        }
    }
}

/// One conditional `ADD -1` a counter: refunds are rare (a replay), and each stands alone.
/// A counter that DynamoDB has already expired is not brought back.
pub(super) async fn refund_uses(store: &DynamoStore, counters: &[UseCounter]) -> StoreResult<()> {
    for counter in counters {
        let result = store
            .client
            .update_item()
            .table_name(&store.table)
            .set_key(Some(key(counter)))
            .update_expression("ADD #uses :minus_one")
            .condition_expression("#uses > :zero")
            .expression_attribute_names("#uses", USES)
            .expression_attribute_values(":minus_one", AttributeValue::N("-1".into()))
            .expression_attribute_values(":zero", AttributeValue::N("0".into()))
            .send()
            .await;
        match result {
            Ok(_) => {}
            Err(e) if is_condition_failure(&e) => {}
            Err(e) => return Err(sdk(e)),
        }
    }
    Ok(())
}
