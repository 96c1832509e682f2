//! The AWS store: one DynamoDB table (single-table design), on-demand billing.
//!
//! # The table, as [`DynamoStore::create_table`] creates it (and the SAM template must)
//!
//! - key: partition key [`PK`] (`pk`, S), sort key [`SK`] (`sk`, S);
//! - billing mode `PAY_PER_REQUEST`;
//! - one global secondary index, [`DUE_INDEX`] (`due-index`): partition key [`DUE_DAY`]
//!   (`due_day`, S), sort key [`DUE_SK`] (`due_sk`, S), projection `ALL`. It is sparse: only
//!   cases with a reminder pending carry these attributes, `due_day` being the London date
//!   the next reminder is due;
//! - time to live enabled on [`TTL_ATTRIBUTE`] (`expires_at`, N, epoch seconds). No item
//!   carries it yet: idempotency bindings are kept for good, as the [`Store`] contract says.
//!
//! # The items
//!
//! | item        | `pk`                       | `sk`                   | other attributes |
//! |-------------|----------------------------|------------------------|------------------|
//! | case        | `C#{council}`              | `CASE#{reference}`     | `record` (S, the [`CaseRecord`] as JSON), `version`, `year`, `sequence` (N); when the case has a next deadline, `due_day` (S, `YYYY-MM-DD`) and `due_sk` (S, `{council}#{reference}`) |
//! | event       | `E#{council}#{reference}`  | `V#{version:010}`      | `event` (S, the [`CaseEvent`] as JSON) |
//! | counter     | `C#{council}`              | `COUNTER#{year}`       | `seq` (N) |
//! | idempotency | `C#{council}`              | `IDEM#{key}`           | `body_hash` (S), `reference` (S) |
//! | outbox      | `OUTBOX`                   | `{not_before:012}#{id}` | `message` (S, JSON), `lease_owner` (S), `lease_until` (N) |
//! | once marker | `ONCE`                     | `{message id}`         | (none: its existence makes a message once only) |
//!
//! Every key names the council, so no [`Store`] call can reach another council's items
//! ([`DynamoStore::due_on`], for the reminder job, spans every council on purpose). A case
//! and its event (and binding) are written in one `TransactWriteItems`; updates are
//! conditional on the stored `version`; sequences come from an atomic `ADD`.
//!
//! Nothing here logs a record, an event or a key: they may hold personal data.

use super::{
    CaseFilter, CaseRecord, IdempotencyBinding, Inserted, REMINDER_LOOKBACK_DAYS, Store,
    StoreError, StoreResult, sort_newest_first,
};
use crate::outbox::OutboxMessage;
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, Delete, GlobalSecondaryIndex, IndexStatus,
    KeySchemaElement, KeyType, Projection, ProjectionType, Put, ReturnValue, ScalarAttributeType,
    TableStatus, TimeToLiveSpecification, TransactWriteItem,
};
use feedback_shared::case::CaseEvent;
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::{CouncilId, Reference};
use std::collections::HashMap;
use std::time::Duration;
use time::{Date, OffsetDateTime};

/// The table's partition key.
pub const PK: &str = "pk";
/// The table's sort key.
pub const SK: &str = "sk";
/// The sparse index of cases by the day their next deadline falls on.
pub const DUE_INDEX: &str = "due-index";
/// [`DUE_INDEX`]'s partition key: the next deadline, `YYYY-MM-DD`.
pub const DUE_DAY: &str = "due_day";
/// [`DUE_INDEX`]'s sort key: `{council}#{reference}`.
pub const DUE_SK: &str = "due_sk";
/// The attribute DynamoDB's time to live reads (epoch seconds).
pub const TTL_ATTRIBUTE: &str = "expires_at";

const RECORD: &str = "record";
const EVENT: &str = "event";
const VERSION: &str = "version";
const YEAR: &str = "year";
const SEQUENCE: &str = "sequence";
const SEQ: &str = "seq";
const BODY_HASH: &str = "body_hash";
const REFERENCE: &str = "reference";

const CASE_PREFIX: &str = "CASE#";

/// The cancellation reason DynamoDB gives a transaction item whose condition failed.
const CONDITION_FAILED: &str = "ConditionalCheckFailed";
/// Reasons worth trying the whole transaction again for.
const RETRYABLE: [&str; 2] = ["TransactionConflict", "ThrottlingError"];
/// How many times a transaction is sent when it keeps meeting conflicts.
const TRANSACT_ATTEMPTS: u32 = 6;

type Item = HashMap<String, AttributeValue>;

/// Cases in one DynamoDB table.
#[derive(Debug, Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
        }
    }

    /// The table this store reads and writes.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// Creates the table as the module documentation describes, waits until it (and its
    /// index) is active, then enables time to live. For tests and first deployments by
    /// hand; the SAM template creates the same table in AWS.
    pub async fn create_table(&self) -> StoreResult<()> {
        let string_attribute = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .map_err(backend)
        };
        let key = |name: &str, key_type: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(key_type)
                .build()
                .map_err(backend)
        };
        let due_index = GlobalSecondaryIndex::builder()
            .index_name(DUE_INDEX)
            .key_schema(key(DUE_DAY, KeyType::Hash)?)
            .key_schema(key(DUE_SK, KeyType::Range)?)
            .projection(
                Projection::builder()
                    .projection_type(ProjectionType::All)
                    .build(),
            )
            .build()
            .map_err(backend)?;
        self.client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(string_attribute(PK)?)
            .attribute_definitions(string_attribute(SK)?)
            .attribute_definitions(string_attribute(DUE_DAY)?)
            .attribute_definitions(string_attribute(DUE_SK)?)
            .key_schema(key(PK, KeyType::Hash)?)
            .key_schema(key(SK, KeyType::Range)?)
            .global_secondary_indexes(due_index)
            .send()
            .await
            .map_err(sdk)?;
        self.wait_until_active().await?;
        self.client
            .update_time_to_live()
            .table_name(&self.table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(TTL_ATTRIBUTE)
                    .enabled(true)
                    .build()
                    .map_err(backend)?,
            )
            .send()
            .await
            .map_err(sdk)?;
        Ok(())
    }

    /// Polls until the table and every index on it are active (about five minutes at most).
    async fn wait_until_active(&self) -> StoreResult<()> {
        for _ in 0..300 {
            let described = self
                .client
                .describe_table()
                .table_name(&self.table)
                .send()
                .await
                .map_err(sdk)?;
            let table = described.table();
            let table_active = table.and_then(|t| t.table_status()) == Some(&TableStatus::Active);
            let indexes_active = table
                .map(|t| t.global_secondary_indexes())
                .unwrap_or_default()
                .iter()
                .all(|i| i.index_status() == Some(&IndexStatus::Active));
            if table_active && indexes_active {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        Err(StoreError::Backend(format!(
            "table {} did not become active",
            self.table
        )))
    }

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

    /// Loads many cases with `BatchWriteItem` (25 a request), without events or messages:
    /// for benchmarks and migrations, never for cases residents are waiting on.
    pub async fn bulk_load(&self, records: &[CaseRecord]) -> StoreResult<()> {
        use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
        for chunk in records.chunks(25) {
            let mut requests = chunk
                .iter()
                .map(|r| {
                    let put = PutRequest::builder()
                        .set_item(Some(case_item(r)?))
                        .build()
                        .map_err(backend)?;
                    Ok(WriteRequest::builder().put_request(put).build())
                })
                .collect::<StoreResult<Vec<_>>>()?;
            while !requests.is_empty() {
                let out = self
                    .client
                    .batch_write_item()
                    .request_items(&self.table, requests)
                    .send()
                    .await
                    .map_err(sdk)?;
                requests = out
                    .unprocessed_items()
                    .and_then(|u| u.get(&self.table))
                    .cloned()
                    .unwrap_or_default();
            }
        }
        Ok(())
    }

    /// Every item `query` matches, following `LastEvaluatedKey` page by page.
    async fn query_all(&self, query: QueryFluentBuilder) -> StoreResult<Vec<Item>> {
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

    async fn get_item(&self, pk: String, sk: String) -> StoreResult<Option<Item>> {
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
    fn put_new(&self, item: Item) -> StoreResult<TransactWriteItem> {
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
    async fn transact(
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

#[async_trait]
impl Store for DynamoStore {
    async fn next_sequence(&self, council: &CouncilId, year: i32) -> StoreResult<u64> {
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
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

    async fn idempotency(
        &self,
        council: &CouncilId,
        key: &str,
    ) -> StoreResult<Option<IdempotencyBinding>> {
        let Some(item) = self.get_item(case_pk(council), idempotency_sk(key)).await? else {
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

    async fn insert_case(
        &self,
        record: &CaseRecord,
        received: &CaseEvent,
        idempotency: Option<&IdempotencyBinding>,
        outbox: &[OutboxMessage],
    ) -> StoreResult<Inserted> {
        let council = record.council();
        let mut items = vec![
            self.put_new(case_item(record)?)?,
            self.put_new(event_item(council, record.reference(), received)?)?,
        ];
        // The binding, when there is one, is item 2: the cancellation reasons below rely on it.
        if let Some(binding) = idempotency {
            items.push(self.put_new(HashMap::from([
                (PK.to_owned(), s(case_pk(council))),
                (SK.to_owned(), s(idempotency_sk(&binding.key))),
                (BODY_HASH.to_owned(), s(binding.body_hash.clone())),
                (REFERENCE.to_owned(), s(binding.reference.to_string())),
            ]))?);
        }
        for message in outbox {
            items.push(self.put_new(outbox_item(message)?)?);
        }
        let codes = match self.transact(items).await? {
            Ok(()) => return Ok(Inserted::New),
            Err(codes) => codes,
        };
        let failed = |i: usize| codes.get(i).is_some_and(|c| c == CONDITION_FAILED);
        if let Some(binding) = idempotency.filter(|_| failed(2)) {
            return match self.idempotency(council, &binding.key).await? {
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

    async fn get_case(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Option<CaseRecord>> {
        self.get_item(case_pk(council), case_sk(reference))
            .await?
            .as_ref()
            .map(record_of)
            .transpose()
    }

    async fn update_case(
        &self,
        record: &CaseRecord,
        expected_version: u64,
        event: &CaseEvent,
        outbox: &[OutboxMessage],
    ) -> StoreResult<()> {
        let put_case = Put::builder()
            .table_name(&self.table)
            .set_item(Some(case_item(record)?))
            .condition_expression("#version = :expected")
            .expression_attribute_names("#version", VERSION)
            .expression_attribute_values(
                ":expected",
                AttributeValue::N(expected_version.to_string()),
            )
            .build()
            .map_err(backend)?;
        let mut items = vec![
            TransactWriteItem::builder().put(put_case).build(),
            self.put_new(event_item(record.council(), record.reference(), event)?)?,
        ];
        for message in outbox {
            items.push(self.put_new(outbox_item(message)?)?);
        }
        let codes = match self.transact(items).await? {
            Ok(()) => return Ok(()),
            Err(codes) => codes,
        };
        let failed = |i: usize| codes.get(i).is_some_and(|c| c == CONDITION_FAILED);
        if failed(0) {
            let exists = self
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

    async fn events(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Vec<CaseEvent>> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":pk", s(event_pk(council, reference)))
            .scan_index_forward(true)
            .consistent_read(true);
        self.query_all(query)
            .await?
            .iter()
            .map(|item| from_json(string(item, EVENT)?))
            .collect()
    }

    async fn list_cases(
        &self,
        council: &CouncilId,
        filter: &CaseFilter,
    ) -> StoreResult<Vec<CaseRecord>> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :case)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_names("#record", RECORD)
            .expression_attribute_values(":pk", s(case_pk(council)))
            .expression_attribute_values(":case", s(CASE_PREFIX))
            .projection_expression("#record")
            .consistent_read(true);
        let mut records = Vec::new();
        for item in self.query_all(query).await? {
            let record = record_of(&item)?;
            if filter.matches(&record) {
                records.push(record);
            }
        }
        sort_newest_first(&mut records);
        Ok(records)
    }

    async fn due_reminders(&self, now: OffsetDateTime) -> StoreResult<Vec<CaseRecord>> {
        // One query per London day of the look-back window: the cost follows what is due.
        let today = feedback_shared::london::london_date(now);
        let earliest = now - time::Duration::days(REMINDER_LOOKBACK_DAYS);
        let mut due = Vec::new();
        for back in (0..=REMINDER_LOOKBACK_DAYS).rev() {
            let day = today - time::Duration::days(back);
            for record in self.due_on(day).await? {
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

    async fn claim_outbox(
        &self,
        now: OffsetDateTime,
        owner: &str,
        lease: time::Duration,
        limit: usize,
    ) -> StoreResult<Vec<OutboxMessage>> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND #sk <= :upto")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(OUTBOX_PK))
            // Every key for `not_before` up to now sorts below "{now}#~".
            .expression_attribute_values(
                ":upto",
                s(format!("{:012}#~", now.unix_timestamp().max(0))),
            )
            .consistent_read(true);
        let mut claimed = Vec::new();
        for item in self.query_all(query).await? {
            if claimed.len() >= limit {
                break;
            }
            let sk = string(&item, SK)?.to_owned();
            let result = self
                .client
                .update_item()
                .table_name(&self.table)
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

    async fn complete_outbox(&self, message: &OutboxMessage, owner: &str) -> StoreResult<()> {
        self.client
            .delete_item()
            .table_name(&self.table)
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

    async fn retry_outbox(
        &self,
        message: &OutboxMessage,
        owner: &str,
        not_before: OffsetDateTime,
    ) -> StoreResult<()> {
        let mut next = message.clone();
        next.attempts += 1;
        next.not_before = not_before;
        // The sort key holds the time, so a retry moves the item: delete and put together.
        let delete = Delete::builder()
            .table_name(&self.table)
            .key(PK, s(OUTBOX_PK))
            .key(SK, s(outbox_sk(message)))
            .condition_expression("#owner = :owner")
            .expression_attribute_names("#owner", LEASE_OWNER)
            .expression_attribute_values(":owner", s(owner))
            .build()
            .map_err(backend)?;
        let items = vec![
            TransactWriteItem::builder().delete(delete).build(),
            self.put_new(outbox_item(&next)?)?,
        ];
        match self.transact(items).await? {
            Ok(()) => Ok(()),
            Err(codes) if codes.first().is_some_and(|c| c == CONDITION_FAILED) => {
                Err(StoreError::Backend("the message's lease was lost".into()))
            }
            Err(codes) => Err(cancelled(&codes)),
        }
    }

    async fn queue_once(&self, message: &OutboxMessage) -> StoreResult<bool> {
        // A marker item per id, written with the message: its condition makes it once only.
        let marker = HashMap::from([
            (PK.to_owned(), s(ONCE_PK)),
            (SK.to_owned(), s(message.id.clone())),
        ]);
        let items = vec![self.put_new(marker)?, self.put_new(outbox_item(message)?)?];
        match self.transact(items).await? {
            Ok(()) => Ok(true),
            Err(codes) if codes.first().is_some_and(|c| c == CONDITION_FAILED) => Ok(false),
            Err(codes) => Err(cancelled(&codes)),
        }
    }

    async fn outbox_len(&self) -> StoreResult<usize> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":pk", s(OUTBOX_PK))
            .consistent_read(true);
        Ok(self.query_all(query).await?.len())
    }

    async fn record_equality(
        &self,
        council: &CouncilId,
        year: i32,
        answers: &EqualityAnswers,
    ) -> StoreResult<()> {
        // A random sort key: nothing in the item says when in the year, or after which
        // case, the answers came.
        let sk = format!("{:032x}", rand::random::<u128>());
        self.client
            .put_item()
            .table_name(&self.table)
            .item(PK, s(equality_pk(council, year)))
            .item(SK, s(sk))
            .item(ANSWERS, s(to_json(answers)?))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .send()
            .await
            .map_err(sdk)?;
        Ok(())
    }

    async fn equality_answers(
        &self,
        council: &CouncilId,
        year: i32,
    ) -> StoreResult<Vec<EqualityAnswers>> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":pk", s(equality_pk(council, year)));
        self.query_all(query)
            .await?
            .iter()
            .map(|item| {
                let json = item
                    .get(ANSWERS)
                    .and_then(|v| v.as_s().ok())
                    .ok_or_else(|| StoreError::backend("an equality item has no answers"))?;
                serde_json::from_str(json).map_err(StoreError::backend)
            })
            .collect()
    }
}

/// Whether a single-item write failed its condition.
fn is_condition_failure<E: aws_sdk_dynamodb::error::ProvideErrorMetadata, R>(
    e: &SdkError<E, R>,
) -> bool {
    e.as_service_error()
        .and_then(|s| s.code())
        .is_some_and(|code| code == "ConditionalCheckFailedException")
}

/// An SDK error with its whole chain of causes, which the SDK's own `Display` leaves out.
/// A service error is shown without the raw HTTP response (its code, message and
/// request id are what help); anything else (timeouts, connection failures) in full.
fn sdk<E, R>(e: SdkError<E, R>) -> StoreError
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
fn backend<E: std::error::Error>(e: E) -> StoreError {
    StoreError::backend(DisplayErrorContext(e))
}

fn cancelled(codes: &[String]) -> StoreError {
    StoreError::Backend(format!("the write was cancelled ({})", codes.join(", ")))
}

fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

fn case_pk(council: &CouncilId) -> String {
    format!("C#{}", council.as_str())
}

fn case_sk(reference: &Reference) -> String {
    format!("{CASE_PREFIX}{reference}")
}

fn event_pk(council: &CouncilId, reference: &Reference) -> String {
    format!("E#{}#{reference}", council.as_str())
}

fn idempotency_sk(key: &str) -> String {
    format!("IDEM#{key}")
}

fn day_key(day: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// The whole case item; without the index attributes when there is no deadline to meet,
/// so a `Put` of it also takes the case out of [`DUE_INDEX`].
fn case_item(record: &CaseRecord) -> StoreResult<Item> {
    let reference = record.reference();
    let mut item = HashMap::from([
        (PK.to_owned(), s(case_pk(record.council()))),
        (SK.to_owned(), s(case_sk(reference))),
        (RECORD.to_owned(), s(to_json(record)?)),
        (
            VERSION.to_owned(),
            AttributeValue::N(record.case.version.to_string()),
        ),
        (
            YEAR.to_owned(),
            AttributeValue::N(reference.year().to_string()),
        ),
        (
            SEQUENCE.to_owned(),
            AttributeValue::N(reference.sequence().to_string()),
        ),
    ]);
    if let Some(at) = record.reminder_at() {
        item.insert(
            DUE_DAY.to_owned(),
            s(day_key(feedback_shared::london::london_date(at))),
        );
        item.insert(
            DUE_SK.to_owned(),
            s(format!("{}#{reference}", record.council().as_str())),
        );
    }
    Ok(item)
}

const OUTBOX_PK: &str = "OUTBOX";
const ANSWERS: &str = "answers";

/// The partition holding one council's equality answers for one year.
fn equality_pk(council: &CouncilId, year: i32) -> String {
    format!("EQUALITY#{council}#{year}")
}
const ONCE_PK: &str = "ONCE";
const MESSAGE: &str = "message";
const LEASE_OWNER: &str = "lease_owner";
const LEASE_UNTIL: &str = "lease_until";

/// Sorts by when the message may be sent, so a range query finds what is due.
fn outbox_sk(message: &OutboxMessage) -> String {
    format!(
        "{:012}#{}",
        message.not_before.unix_timestamp().max(0),
        message.id
    )
}

fn outbox_item(message: &OutboxMessage) -> StoreResult<Item> {
    Ok(HashMap::from([
        (PK.to_owned(), s(OUTBOX_PK)),
        (SK.to_owned(), s(outbox_sk(message))),
        (MESSAGE.to_owned(), s(to_json(message)?)),
    ]))
}

fn event_item(council: &CouncilId, reference: &Reference, event: &CaseEvent) -> StoreResult<Item> {
    Ok(HashMap::from([
        (PK.to_owned(), s(event_pk(council, reference))),
        (SK.to_owned(), s(format!("V#{:010}", event.version))),
        (EVENT.to_owned(), s(to_json(event)?)),
    ]))
}

fn record_of(item: &Item) -> StoreResult<CaseRecord> {
    from_json(string(item, RECORD)?)
}

fn string<'a>(item: &'a Item, name: &str) -> StoreResult<&'a str> {
    match item.get(name) {
        Some(AttributeValue::S(text)) => Ok(text),
        _ => Err(StoreError::Backend(format!(
            "stored item has no string attribute `{name}`"
        ))),
    }
}

fn number(item: &Item, name: &str) -> StoreResult<u64> {
    match item.get(name) {
        Some(AttributeValue::N(text)) => text.parse().map_err(StoreError::backend),
        _ => Err(StoreError::Backend(format!(
            "stored item has no number attribute `{name}`"
        ))),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(StoreError::backend)
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(StoreError::backend)
}
