//! The queue on DynamoDB.
//!
//! **Lists** read one of the [`QUEUE_INDEXES`] (one per sort, partition key [`QUEUE_PK`],
//! `C#{council}`, sort key the case's position under that sort, projecting only the
//! filtered attributes), with the filters as a `FilterExpression`, from after the cursor's
//! position, then fetch the page's cases with one `BatchGetItem`. The index attributes are
//! on the case item itself, so every write of the case moves it in every index at once.
//! A filter that skips many entries makes a page read more than it returns: each request
//! reads at most [`READ_BUDGET`] index entries (growing its reads from the page size),
//! then answers with what it found and a cursor at the last entry read.
//!
//! **Search** reads term items: one per search term of a case, `pk` `T#{council}#{term}`,
//! `sk` the case's reference position, written in the case's own transaction (and the
//! ones that change its terms, which delete those it no longer has). The longest term's
//! items are read newest first; the other terms are looked up by key for those cases,
//! then the cases themselves are read and filtered. Term items hold personal data (words
//! of a name, an email address, a phone number): erasing a case must delete them too
//! (the case item's `terms` attribute lists them).

use super::DynamoStore;
use super::items::{Item, case_pk, case_sk, record_of, s};
use super::requests::{backend, sdk};
use super::{PK, SK};
use crate::store::queue::{
    CasePage, CaseQuery, QueueEntry, READ_BUDGET, open_statuses, position_reference, wire_name,
};
use crate::store::{CaseFilter, CaseRecord, StoreResult};
use aws_sdk_dynamodb::types::{AttributeValue, Delete, KeysAndAttributes, Put, TransactWriteItem};
use feedback_shared::wire::{CaseSort, SortOrder};
use feedback_shared::{CouncilId, Reference};
use std::collections::HashMap;

/// The queue indexes' partition key: `C#{council}`.
pub const QUEUE_PK: &str = "q_pk";
/// The case item's list of its search terms (a string set), so a change can delete the
/// term items of words it no longer has.
pub(super) const TERMS: &str = "terms";
const REFERENCE_ATTR: &str = "reference";

/// The filtered attributes, projected into every queue index.
pub const FILTERED: [&str; 8] = [
    "f_status",
    "f_kind",
    "f_channel",
    "f_service",
    "f_stage",
    "f_assigned",
    "f_received",
    "f_due",
];

/// One index per sort: its name and its sort key attribute.
pub const QUEUE_INDEXES: [(CaseSort, &str, &str); 8] = [
    (CaseSort::Deadline, "queue-deadline", "q_deadline"),
    (CaseSort::Received, "queue-received", "q_received"),
    (CaseSort::Reference, "queue-reference", "q_reference"),
    (CaseSort::Status, "queue-status", "q_status"),
    (CaseSort::Kind, "queue-kind", "q_kind"),
    (CaseSort::Service, "queue-service", "q_service"),
    (CaseSort::Stage, "queue-stage", "q_stage"),
    (CaseSort::Assigned, "queue-assigned", "q_assigned"),
];

fn index_of(sort: CaseSort) -> (&'static str, &'static str) {
    QUEUE_INDEXES
        .iter()
        .find(|(s, _, _)| *s == sort)
        .map(|(_, name, key)| (*name, *key))
        .unwrap_or(("queue-deadline", "q_deadline"))
}

/// Adds the queue's attributes to a case item.
pub(super) fn add_queue_attributes(item: &mut Item, record: &CaseRecord, entry: &QueueEntry) {
    item.insert(QUEUE_PK.to_owned(), s(case_pk(record.council())));
    for (sort, _, key) in QUEUE_INDEXES {
        item.insert(key.to_owned(), s(entry.position(sort)));
    }
    let values = [
        s(entry.status.clone()),
        s(entry.kind.clone()),
        s(entry.channel.clone()),
        s(entry.service.clone()),
        AttributeValue::N(entry.stage.to_string()),
        s(entry.assigned.clone()),
        s(entry.received_on.clone()),
    ];
    for (name, value) in FILTERED.iter().zip(values) {
        item.insert((*name).to_owned(), value);
    }
    if let Some(due) = &entry.next_due {
        item.insert("f_due".to_owned(), s(due.clone()));
    }
    if !entry.terms.is_empty() {
        item.insert(TERMS.to_owned(), AttributeValue::Ss(entry.terms.clone()));
    }
}

/// Takes a case item out of the queue: the attributes [`add_queue_attributes`] adds.
pub(super) fn remove_queue_attributes(item: &mut Item) {
    item.remove(QUEUE_PK);
    item.remove(TERMS);
    for (_, _, key) in QUEUE_INDEXES {
        item.remove(key);
    }
    for name in FILTERED {
        item.remove(name);
    }
}

fn term_pk(council: &CouncilId, term: &str) -> String {
    format!("T#{}#{term}", council.as_str())
}

/// The writes that bring `record`'s term items from `old` terms to its own.
pub(super) fn term_writes(
    store: &DynamoStore,
    record: &CaseRecord,
    entry: &QueueEntry,
    old: &[String],
) -> StoreResult<Vec<TransactWriteItem>> {
    let council = record.council();
    let position = entry.position(CaseSort::Reference).to_owned();
    let mut writes = Vec::new();
    for term in entry.terms.iter().filter(|t| !old.contains(t)) {
        let put = Put::builder()
            .table_name(&store.table)
            .item(PK, s(term_pk(council, term)))
            .item(SK, s(position.clone()))
            .item(REFERENCE_ATTR, s(record.reference().to_string()))
            .build()
            .map_err(backend)?;
        writes.push(TransactWriteItem::builder().put(put).build());
    }
    for term in old.iter().filter(|t| !entry.terms.contains(t)) {
        let delete = Delete::builder()
            .table_name(&store.table)
            .key(PK, s(term_pk(council, term)))
            .key(SK, s(position.clone()))
            .build()
            .map_err(backend)?;
        writes.push(TransactWriteItem::builder().delete(delete).build());
    }
    Ok(writes)
}

/// The term items of new cases, for a bulk load.
pub(super) fn term_items(record: &CaseRecord, entry: &QueueEntry) -> Vec<Item> {
    let position = entry.position(CaseSort::Reference);
    entry
        .terms
        .iter()
        .map(|term| {
            HashMap::from([
                (PK.to_owned(), s(term_pk(record.council(), term))),
                (SK.to_owned(), s(position)),
                (REFERENCE_ATTR.to_owned(), s(record.reference().to_string())),
            ])
        })
        .collect()
}

/// The terms a stored case item says it is found by.
pub(super) fn terms_of(item: &Item) -> Vec<String> {
    match item.get(TERMS) {
        Some(AttributeValue::Ss(terms)) => terms.clone(),
        _ => Vec::new(),
    }
}

/// The filter as a `FilterExpression` over the projected attributes, with its values.
fn filter_expression(filter: &CaseFilter) -> (Option<String>, HashMap<String, AttributeValue>) {
    let mut clauses = Vec::new();
    let mut values = HashMap::new();
    let mut bind = |value: AttributeValue| {
        let name = format!(":f{}", values.len());
        values.insert(name.clone(), value);
        name
    };
    let date = crate::store::queue::date_key;
    if let Some(status) = filter.status {
        match status.status() {
            Some(one) => clauses.push(format!("f_status = {}", bind(s(wire_name(&one))))),
            None => {
                let marks: Vec<String> = open_statuses().into_iter().map(|n| bind(s(n))).collect();
                clauses.push(format!("f_status IN ({})", marks.join(", ")));
            }
        }
    }
    if let Some(kind) = filter.kind {
        clauses.push(format!("f_kind = {}", bind(s(wire_name(&kind)))));
    }
    if let Some(channel) = filter.channel {
        clauses.push(format!("f_channel = {}", bind(s(wire_name(&channel)))));
    }
    if let Some(service) = &filter.service {
        clauses.push(format!("f_service = {}", bind(s(service.clone()))));
    }
    if let Some(stage) = filter.stage {
        let n = AttributeValue::N(u8::from(stage).to_string());
        clauses.push(format!("f_stage = {}", bind(n)));
    }
    if let Some(officer) = &filter.assigned_to {
        clauses.push(format!("f_assigned = {}", bind(s(officer.0.clone()))));
    }
    if filter.unassigned {
        clauses.push(format!("f_assigned = {}", bind(s(""))));
    }
    if let Some(from) = filter.received_from {
        clauses.push(format!("f_received >= {}", bind(s(date(from)))));
    }
    if let Some(to) = filter.received_to {
        clauses.push(format!("f_received <= {}", bind(s(date(to)))));
    }
    if let Some(before) = filter.due_before {
        clauses.push(format!("f_due <= {}", bind(s(date(before)))));
    }
    if let Some(overdue) = filter.overdue {
        let today = bind(s(date(filter.today.unwrap_or(time::Date::MIN))));
        clauses.push(if overdue {
            format!("f_due < {today}")
        } else {
            format!("(attribute_not_exists(f_due) OR f_due >= {today})")
        });
    }
    let expression = (!clauses.is_empty()).then(|| clauses.join(" AND "));
    (expression, values)
}

pub(super) async fn case_page(
    store: &DynamoStore,
    council: &CouncilId,
    query: &CaseQuery,
) -> StoreResult<CasePage> {
    if query.terms.is_empty() {
        list_page(store, council, query).await
    } else {
        search_page(store, council, query).await
    }
}

/// How many entries the next read asks for: the page (and one to learn whether another
/// follows) at first, then twice what was read so far, within the budget.
fn next_limit(wanted: usize, read: usize) -> i32 {
    let ask = wanted
        .max(read)
        .min(READ_BUDGET.saturating_sub(read))
        .max(1);
    i32::try_from(ask).unwrap_or(i32::MAX)
}

async fn list_page(
    store: &DynamoStore,
    council: &CouncilId,
    query: &CaseQuery,
) -> StoreResult<CasePage> {
    let (sort, order) = query.effective_sort();
    let (index, key) = index_of(sort);
    let (filter, mut values) = filter_expression(&query.filter);
    values.insert(":pk".into(), s(case_pk(council)));
    let mut condition = "#qpk = :pk".to_owned();
    let mut names = HashMap::from([("#qpk".to_owned(), QUEUE_PK.to_owned())]);
    if let Some(after) = &query.after {
        values.insert(":after".into(), s(after.clone()));
        names.insert("#key".into(), key.to_owned());
        condition.push_str(match order {
            SortOrder::Asc => " AND #key > :after",
            SortOrder::Desc => " AND #key < :after",
        });
    }
    let wanted = query.limit + 1;
    let (mut found, mut read, mut start): (Vec<String>, usize, Option<Item>) =
        (Vec::new(), 0, None);
    let mut last_read: Option<String> = None;
    let exhausted = loop {
        let out = store
            .client
            .query()
            .table_name(&store.table)
            .index_name(index)
            .key_condition_expression(&condition)
            .set_filter_expression(filter.clone())
            .set_expression_attribute_names(Some(names.clone()))
            .set_expression_attribute_values(Some(values.clone()))
            .scan_index_forward(order == SortOrder::Asc)
            .limit(next_limit(wanted, read))
            .set_exclusive_start_key(start.take())
            .send()
            .await
            .map_err(sdk)?;
        read += usize::try_from(out.scanned_count()).unwrap_or(0);
        for item in out.items() {
            if let Some(AttributeValue::S(position)) = item.get(key) {
                found.push(position.clone());
            }
        }
        match out.last_evaluated_key().filter(|k| !k.is_empty()) {
            Some(last) => {
                if let Some(AttributeValue::S(position)) = last.get(key) {
                    last_read = Some(position.clone());
                }
                start = Some(last.clone());
            }
            None => break true,
        }
        if found.len() >= wanted || read >= READ_BUDGET {
            break false;
        }
    };
    let more = found.len() > query.limit;
    found.truncate(query.limit);
    let next = if more {
        found.last().cloned()
    } else if exhausted {
        None
    } else {
        // The budget ran out: go on from the last entry read.
        last_read
    };
    let references: Vec<Reference> = found.iter().filter_map(|p| position_reference(p)).collect();
    let records = read_cases(store, council, &references).await?;
    Ok(CasePage {
        items_read: (read + records.len()) as u64,
        records,
        next,
    })
}

async fn search_page(
    store: &DynamoStore,
    council: &CouncilId,
    query: &CaseQuery,
) -> StoreResult<CasePage> {
    // The longest term is likely the rarest, so the fewest items are read through it.
    let mut terms = query.terms.clone();
    terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    let (driver, others) = terms.split_first().expect("a search has terms");
    let mut values = HashMap::from([(":pk".to_owned(), s(term_pk(council, driver)))]);
    let mut condition = "#pk = :pk".to_owned();
    let mut names = HashMap::from([("#pk".to_owned(), PK.to_owned())]);
    if let Some(after) = &query.after {
        values.insert(":after".into(), s(after.clone()));
        names.insert("#sk".into(), SK.to_owned());
        condition.push_str(" AND #sk < :after");
    }
    let wanted = query.limit + 1;
    let mut found: Vec<CaseRecord> = Vec::new();
    let (mut read, mut start, mut last_read): (usize, Option<Item>, Option<String>) =
        (0, None, None);
    let exhausted = loop {
        let out = store
            .client
            .query()
            .table_name(&store.table)
            .key_condition_expression(&condition)
            .set_expression_attribute_names(Some(names.clone()))
            .set_expression_attribute_values(Some(values.clone()))
            .scan_index_forward(false)
            .limit(next_limit(wanted, read))
            .set_exclusive_start_key(start.take())
            .consistent_read(true)
            .send()
            .await
            .map_err(sdk)?;
        read += usize::try_from(out.scanned_count()).unwrap_or(0);
        let mut candidates: Vec<String> = out
            .items()
            .iter()
            .filter_map(|item| match item.get(SK) {
                Some(AttributeValue::S(p)) => Some(p.clone()),
                _ => None,
            })
            .collect();
        for term in others {
            let keys: Vec<Item> = candidates
                .iter()
                .map(|p| {
                    HashMap::from([
                        (PK.to_owned(), s(term_pk(council, term))),
                        (SK.to_owned(), s(p.clone())),
                    ])
                })
                .collect();
            let present = batch_get(store, keys).await?;
            read += present.len();
            candidates.retain(|p| {
                present
                    .iter()
                    .any(|item| item.get(SK) == Some(&s(p.clone())))
            });
        }
        let references: Vec<Reference> = candidates
            .iter()
            .filter_map(|p| position_reference(p))
            .collect();
        let records = read_cases(store, council, &references).await?;
        read += records.len();
        found.extend(records.into_iter().filter(|r| query.filter.matches(r)));
        match out.last_evaluated_key().filter(|k| !k.is_empty()) {
            Some(last) => {
                if let Some(AttributeValue::S(position)) = last.get(SK) {
                    last_read = Some(position.clone());
                }
                start = Some(last.clone());
            }
            None => break true,
        }
        if found.len() >= wanted || read >= READ_BUDGET {
            break false;
        }
    };
    let more = found.len() > query.limit;
    found.truncate(query.limit);
    let next = if more {
        found
            .last()
            .map(|r| QueueEntry::of(r).position(CaseSort::Reference).to_owned())
    } else if exhausted {
        None
    } else {
        last_read
    };
    Ok(CasePage {
        records: found,
        next,
        items_read: read as u64,
    })
}

/// The cases with `references`, in that order, read consistently (a case removed since
/// its index entry was read is left out).
async fn read_cases(
    store: &DynamoStore,
    council: &CouncilId,
    references: &[Reference],
) -> StoreResult<Vec<CaseRecord>> {
    let keys: Vec<Item> = references
        .iter()
        .map(|r| {
            HashMap::from([
                (PK.to_owned(), s(case_pk(council))),
                (SK.to_owned(), s(case_sk(r))),
            ])
        })
        .collect();
    let items = batch_get(store, keys).await?;
    let mut by_key: HashMap<String, CaseRecord> = HashMap::new();
    for item in &items {
        if let Some(AttributeValue::S(sk)) = item.get(SK) {
            by_key.insert(sk.clone(), record_of(item)?);
        }
    }
    Ok(references
        .iter()
        .filter_map(|r| by_key.remove(&case_sk(r)))
        .collect())
}

/// Every item of `keys` that exists (100 keys a request, unprocessed keys sent again),
/// read consistently, in no particular order.
async fn batch_get(store: &DynamoStore, keys: Vec<Item>) -> StoreResult<Vec<Item>> {
    let mut items = Vec::new();
    for chunk in keys.chunks(100) {
        let mut pending = Some(
            KeysAndAttributes::builder()
                .set_keys(Some(chunk.to_vec()))
                .consistent_read(true)
                .build()
                .map_err(backend)?,
        );
        while let Some(request) = pending.take() {
            if request.keys().is_empty() {
                break;
            }
            let out = store
                .client
                .batch_get_item()
                .request_items(&store.table, request)
                .send()
                .await
                .map_err(sdk)?;
            if let Some(found) = out.responses().and_then(|r| r.get(&store.table)) {
                items.extend(found.iter().cloned());
            }
            pending = out
                .unprocessed_keys()
                .and_then(|u| u.get(&store.table))
                .cloned();
        }
    }
    Ok(items)
}
