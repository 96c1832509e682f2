//! The running sums on DynamoDB (see [`crate::store::aggregates`]), in the council's case
//! partition, apart from the cases by their sort keys:
//!
//! ```text
//! pk = C#{council}  sk = AGG#DAY#{YYYY-MM-DD}                  one attribute per fact: its count
//! pk = C#{council}  sk = AGG#LEARN#{YYYY-MM-DD}#{reference}#{stage}   a response's learning
//! pk = C#{council}  sk = AGG#CENSUS                            one attribute per census key
//! ```
//!
//! A case write adds its change with `ADD` updates in its own transaction, one per day
//! touched and one to the census (DynamoDB refuses two actions on one item in a
//! transaction, so the change is grouped by item first). A report reads the day items of
//! its dates with one query (a year is 365 small items: one or two pages), never a case.
//!
//! A count that comes back to zero stays as a zero attribute (an update cannot remove an
//! attribute only when it reaches zero); readers ignore zeros, and the rebuild drops them.

use super::items::{Item, case_pk, day_key, s};
use super::requests::{backend, sdk};
use super::{DynamoStore, PK, SK};
use crate::store::aggregates::{AggregateChange, Aggregates, Census, learning_key};
use crate::store::{StoreError, StoreResult};
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem, Update};
use feedback_shared::CouncilId;
use feedback_shared::report::{Learning, Tally};
use std::collections::{BTreeMap, HashMap};
use time::Date;

const DAY_PREFIX: &str = "AGG#DAY#";
const LEARN_PREFIX: &str = "AGG#LEARN#";
const CENSUS_SK: &str = "AGG#CENSUS";
/// Everything the rebuild replaces.
const PREFIX: &str = "AGG#";

const SERVICE: &str = "service";
const LEARNING: &str = "learning";
const REFERENCE: &str = "reference";
const STAGE: &str = "stage";

fn key(council: &CouncilId, sk: String) -> Item {
    HashMap::from([(PK.to_owned(), s(case_pk(council))), (SK.to_owned(), s(sk))])
}

/// One `ADD` update of `counts` on the item at `sk`.
fn add_counts(
    store: &DynamoStore,
    council: &CouncilId,
    sk: String,
    counts: &BTreeMap<String, i64>,
) -> StoreResult<Option<TransactWriteItem>> {
    let counts: Vec<(&String, &i64)> = counts.iter().filter(|(_, n)| **n != 0).collect();
    if counts.is_empty() {
        return Ok(None);
    }
    let mut names = HashMap::new();
    let mut values = HashMap::new();
    let mut adds = Vec::new();
    for (i, (name, n)) in counts.into_iter().enumerate() {
        names.insert(format!("#a{i}"), name.clone());
        values.insert(format!(":a{i}"), AttributeValue::N(n.to_string()));
        adds.push(format!("#a{i} :a{i}"));
    }
    let update = Update::builder()
        .table_name(&store.table)
        .set_key(Some(key(council, sk)))
        .update_expression(format!("ADD {}", adds.join(", ")))
        .set_expression_attribute_names(Some(names))
        .set_expression_attribute_values(Some(values))
        .build()
        .map_err(backend)?;
    Ok(Some(TransactWriteItem::builder().update(update).build()))
}

fn learning_item(council: &CouncilId, on: Date, learning: &Learning) -> Item {
    let mut item = key(
        council,
        format!("{LEARN_PREFIX}{}", learning_key(on, learning)),
    );
    item.insert(REFERENCE.to_owned(), s(learning.reference.clone()));
    item.insert(
        STAGE.to_owned(),
        AttributeValue::N(learning.stage.to_string()),
    );
    item.insert(SERVICE.to_owned(), s(learning.service.clone()));
    item.insert(LEARNING.to_owned(), s(learning.learning.clone()));
    item
}

/// The writes that add `change` to the council's sums, for the case write's transaction.
pub(super) fn change_writes(
    store: &DynamoStore,
    council: &CouncilId,
    change: &AggregateChange,
) -> StoreResult<Vec<TransactWriteItem>> {
    let mut writes = Vec::new();
    for (day, counts) in &change.tally.days {
        writes.extend(add_counts(
            store,
            council,
            format!("{DAY_PREFIX}{}", day_key(*day)),
            counts,
        )?);
    }
    writes.extend(add_counts(
        store,
        council,
        CENSUS_SK.to_owned(),
        &change.census.counts,
    )?);
    let added: Vec<String> = change
        .learning
        .added
        .iter()
        .map(|(on, l)| learning_key(*on, l))
        .collect();
    for (on, learning) in &change.learning.removed {
        // An entry replaced under the same key is put below; one action per item.
        if added.contains(&learning_key(*on, learning)) {
            continue;
        }
        let delete = Delete::builder()
            .table_name(&store.table)
            .set_key(Some(key(
                council,
                format!("{LEARN_PREFIX}{}", learning_key(*on, learning)),
            )))
            .build()
            .map_err(backend)?;
        writes.push(TransactWriteItem::builder().delete(delete).build());
    }
    for (on, learning) in &change.learning.added {
        let put = Put::builder()
            .table_name(&store.table)
            .set_item(Some(learning_item(council, *on, learning)))
            .build()
            .map_err(backend)?;
        writes.push(TransactWriteItem::builder().put(put).build());
    }
    Ok(writes)
}

/// The counts of an aggregate item: every number attribute but the keys.
fn counts_of(item: &Item) -> impl Iterator<Item = (&str, i64)> {
    item.iter().filter_map(|(name, value)| match value {
        AttributeValue::N(n) if name != PK && name != SK => {
            Some((name.as_str(), n.parse::<i64>().ok()?))
        }
        _ => None,
    })
}

fn parse_day(text: &str) -> StoreResult<Date> {
    feedback_shared::input::parse_iso_date(text).map_err(StoreError::backend)
}

/// The council's items whose sort keys are from `from` to `to`, read consistently.
async fn sort_key_range(
    store: &DynamoStore,
    council: &CouncilId,
    from: String,
    to: String,
) -> StoreResult<Vec<Item>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk AND #sk BETWEEN :from AND :to")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#sk", SK)
        .expression_attribute_values(":pk", s(case_pk(council)))
        .expression_attribute_values(":from", s(from))
        .expression_attribute_values(":to", s(to))
        .consistent_read(true);
    store.query_all(query).await
}

pub(super) async fn report_tally(
    store: &DynamoStore,
    council: &CouncilId,
    from: Date,
    to: Date,
) -> StoreResult<Tally> {
    let items = sort_key_range(
        store,
        council,
        format!("{DAY_PREFIX}{}", day_key(from)),
        format!("{DAY_PREFIX}{}", day_key(to)),
    )
    .await?;
    let mut tally = Tally::default();
    for item in items {
        let sk = super::items::string(&item, SK)?;
        let day = parse_day(sk.trim_start_matches(DAY_PREFIX))?;
        for (fact, n) in counts_of(&item) {
            tally.add(day, fact, n);
        }
    }
    Ok(tally)
}

pub(super) async fn report_learning(
    store: &DynamoStore,
    council: &CouncilId,
    from: Date,
    to: Date,
) -> StoreResult<Vec<(Date, Learning)>> {
    sort_key_range(
        store,
        council,
        format!("{LEARN_PREFIX}{}", day_key(from)),
        // `~` sorts after every character of a reference, so the last day is included.
        format!("{LEARN_PREFIX}{}#~", day_key(to)),
    )
    .await?
    .iter()
    .map(|item| {
        let sk = super::items::string(item, SK)?;
        let day = sk
            .trim_start_matches(LEARN_PREFIX)
            .split('#')
            .next()
            .unwrap_or_default();
        Ok((
            parse_day(day)?,
            Learning {
                reference: super::items::string(item, REFERENCE)?.to_owned(),
                stage: u8::try_from(super::items::number(item, STAGE)?)
                    .map_err(StoreError::backend)?,
                service: super::items::string(item, SERVICE)?.to_owned(),
                learning: super::items::string(item, LEARNING)?.to_owned(),
            },
        ))
    })
    .collect()
}

pub(super) async fn census(store: &DynamoStore, council: &CouncilId) -> StoreResult<Census> {
    let mut census = Census::default();
    if let Some(item) = store
        .get_item(case_pk(council), CENSUS_SK.to_owned())
        .await?
    {
        for (key, n) in counts_of(&item) {
            census.add(key, n);
        }
    }
    Ok(census)
}

/// Deletes the council's sums and writes `all` in their place, with `BatchWriteItem`.
pub(super) async fn replace(
    store: &DynamoStore,
    council: &CouncilId,
    all: &Aggregates,
) -> StoreResult<()> {
    use aws_sdk_dynamodb::types::{DeleteRequest, WriteRequest};
    let mut requests = Vec::new();
    for item in store.items_with_prefix(case_pk(council), PREFIX).await? {
        let key: Item = item
            .into_iter()
            .filter(|(name, _)| name == PK || name == SK)
            .collect();
        let delete = DeleteRequest::builder()
            .set_key(Some(key))
            .build()
            .map_err(backend)?;
        requests.push(WriteRequest::builder().delete_request(delete).build());
    }
    store.batch_write(requests).await?;
    let counts_item = |sk: String, counts: &BTreeMap<String, i64>| {
        let mut item = key(council, sk);
        for (name, n) in counts.iter().filter(|(_, n)| **n != 0) {
            item.insert(name.clone(), AttributeValue::N(n.to_string()));
        }
        item
    };
    let mut items = vec![counts_item(CENSUS_SK.to_owned(), &all.census.counts)];
    for (day, counts) in &all.tally.days {
        items.push(counts_item(
            format!("{DAY_PREFIX}{}", day_key(*day)),
            counts,
        ));
    }
    for (on, learning) in &all.learning {
        items.push(learning_item(council, *on, learning));
    }
    store.batch_put(items).await
}

impl DynamoStore {
    /// Puts `items` with [`DynamoStore::batch_write`].
    pub(super) async fn batch_put(&self, items: Vec<Item>) -> StoreResult<()> {
        use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
        let requests = items
            .into_iter()
            .map(|item| {
                let put = PutRequest::builder()
                    .set_item(Some(item))
                    .build()
                    .map_err(backend)?;
                Ok(WriteRequest::builder().put_request(put).build())
            })
            .collect::<StoreResult<Vec<_>>>()?;
        self.batch_write(requests).await
    }

    /// Sends `requests` 25 at a time, sending again whatever DynamoDB leaves unprocessed.
    pub(super) async fn batch_write(
        &self,
        requests: Vec<aws_sdk_dynamodb::types::WriteRequest>,
    ) -> StoreResult<()> {
        for chunk in requests.chunks(25) {
            let mut pending = chunk.to_vec();
            while !pending.is_empty() {
                let out = self
                    .client
                    .batch_write_item()
                    .request_items(&self.table, pending)
                    .send()
                    .await
                    .map_err(sdk)?;
                pending = out
                    .unprocessed_items()
                    .and_then(|u| u.get(&self.table))
                    .cloned()
                    .unwrap_or_default();
            }
        }
        Ok(())
    }
}
