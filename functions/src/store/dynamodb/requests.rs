//! The requests every operation is made of: reading every page of a query, reading one
//! item, a put that must not overwrite, and a transaction sent again while DynamoDB
//! cancels it only for conflicts or throttling. And how the SDK's errors become
//! [`StoreError`]s without losing their causes.

use super::DynamoStore;
use super::items::{Item, s};
use super::{PK, SK};
use crate::store::{StoreError, StoreResult};
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{Put, TransactWriteItem};
use std::time::Duration;

/// The cancellation reason DynamoDB gives a transaction item whose condition failed.
pub(super) const CONDITION_FAILED: &str = "ConditionalCheckFailed";
/// Reasons worth trying the whole transaction again for.
const RETRYABLE: [&str; 2] = ["TransactionConflict", "ThrottlingError"];
/// How many times a transaction is sent when it keeps meeting conflicts.
const TRANSACT_ATTEMPTS: u32 = 6;

impl DynamoStore {
    /// Every item under `pk` whose sort key starts with `prefix` (a council's API keys,
    /// its templates), read consistently, page by page.
    pub(super) async fn items_with_prefix(
        &self,
        pk: String,
        prefix: &str,
    ) -> StoreResult<Vec<Item>> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(pk))
            .expression_attribute_values(":prefix", s(prefix))
            .consistent_read(true);
        self.query_all(query).await
    }

    /// Every item `query` matches, following `LastEvaluatedKey` page by page.
    pub(super) async fn query_all(&self, query: QueryFluentBuilder) -> StoreResult<Vec<Item>> {
        let mut items = Vec::new();
        let mut start: Option<Item> = None;
        loop {
            let page = query
                .clone()
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(sdk)?;
            items.extend(page.items().iter().cloned());
            match page.last_evaluated_key() {
                Some(key) if !key.is_empty() => start = Some(key.clone()),
                _ => return Ok(items),
            }
        }
    }

    pub(super) async fn get_item(&self, pk: String, sk: String) -> StoreResult<Option<Item>> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(sdk)?;
        Ok(out.item().filter(|item| !item.is_empty()).cloned())
    }

    /// A `Put` of `item` on the condition that no item has its key.
    pub(super) fn put_new(&self, item: Item) -> StoreResult<TransactWriteItem> {
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .map_err(backend)?;
        Ok(TransactWriteItem::builder().put(put).build())
    }

    /// Sends one transaction, sending it again (with back-off) while DynamoDB cancels it
    /// only for conflicts or throttling. A cancellation for any other reason is returned as
    /// the cancellation reason codes, one per item ("None" where the item was fine).
    pub(super) async fn transact(
        &self,
        items: Vec<TransactWriteItem>,
    ) -> StoreResult<Result<(), Vec<String>>> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = self
                .client
                .transact_write_items()
                .set_transact_items(Some(items.clone()))
                .send()
                .await;
            let err = match result {
                Ok(_) => return Ok(Ok(())),
                Err(err) => err,
            };
            let Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) =
                err.as_service_error()
            else {
                return Err(sdk(err));
            };
            let codes: Vec<String> = cancelled
                .cancellation_reasons()
                .iter()
                .map(|r| r.code().unwrap_or("None").to_owned())
                .collect();
            let failed = codes.iter().any(|c| c == CONDITION_FAILED);
            let retryable = codes.iter().any(|c| RETRYABLE.contains(&c.as_str()));
            if !failed && retryable && attempt < TRANSACT_ATTEMPTS {
                tokio::time::sleep(Duration::from_millis(25 << attempt)).await;
                continue;
            }
            if codes.is_empty() {
                // Without reasons there is nothing to decide on: report what DynamoDB said.
                return Err(sdk(err));
            }
            return Ok(Err(codes));
        }
    }
}

/// Whether a single-item write failed its condition.
pub(super) fn is_condition_failure<E: aws_sdk_dynamodb::error::ProvideErrorMetadata, R>(
    e: &SdkError<E, R>,
) -> bool {
    e.as_service_error()
        .and_then(|s| s.code())
        .is_some_and(|code| code == "ConditionalCheckFailedException")
}

/// An SDK error with its whole chain of causes, which the SDK's own `Display` leaves out.
/// A service error is shown without the raw HTTP response (its code, message and
/// request id are what help); anything else (timeouts, connection failures) in full.
pub(super) fn sdk<E, R>(e: SdkError<E, R>) -> StoreError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match e.as_service_error() {
        Some(service) => StoreError::backend(DisplayErrorContext(service)),
        None => StoreError::backend(DisplayErrorContext(e)),
    }
}

/// A builder or other local error, with its chain of causes.
pub(super) fn backend<E: std::error::Error>(e: E) -> StoreError {
    StoreError::backend(DisplayErrorContext(e))
}

pub(super) fn cancelled(codes: &[String]) -> StoreError {
    StoreError::Backend(format!("the write was cancelled ({})", codes.join(", ")))
}
