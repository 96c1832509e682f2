//! The items of the table, as the module documentation lists them: their keys, their
//! attributes, and a case, event or message to and from one.

use super::{DUE_DAY, DUE_SK, PK, SK};
use crate::outbox::OutboxMessage;
use crate::store::queue::QueueEntry;
use crate::store::{CaseRecord, MessageRecord, StoreError, StoreResult, appended_key};
use aws_sdk_dynamodb::types::AttributeValue;
use feedback_shared::case::CaseEvent;
use feedback_shared::{CouncilId, Reference};
use std::collections::HashMap;
use time::Date;

pub(super) const RECORD: &str = "record";
pub(super) const EVENT: &str = "event";
pub(super) const VERSION: &str = "version";
pub(super) const YEAR: &str = "year";
pub(super) const SEQUENCE: &str = "sequence";
pub(super) const SEQ: &str = "seq";
pub(super) const BODY_HASH: &str = "body_hash";
pub(super) const REFERENCE: &str = "reference";

pub(super) const CASE_PREFIX: &str = "CASE#";

pub(super) type Item = HashMap<String, AttributeValue>;

pub(super) fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub(super) fn case_pk(council: &CouncilId) -> String {
    format!("C#{}", council.as_str())
}

pub(super) fn case_sk(reference: &Reference) -> String {
    format!("{CASE_PREFIX}{reference}")
}

pub(super) fn event_pk(council: &CouncilId, reference: &Reference) -> String {
    format!("E#{}#{reference}", council.as_str())
}

pub(super) fn idempotency_sk(key: &str) -> String {
    format!("IDEM#{key}")
}

pub(super) fn day_key(day: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// The whole case item; without the index attributes when there is no deadline to meet,
/// so a `Put` of it also takes the case out of [`DUE_INDEX`].
pub(super) fn case_item(record: &CaseRecord) -> StoreResult<Item> {
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
    super::queue::add_queue_attributes(&mut item, record, &QueueEntry::of(record));
    super::retention::retention_attributes(&mut item, record);
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

pub(super) const OUTBOX_PK: &str = "OUTBOX";
pub(super) const ANSWERS: &str = "answers";

/// The partition holding one council's equality answers for one year.
pub(super) fn equality_pk(council: &CouncilId, year: i32) -> String {
    format!("EQUALITY#{council}#{year}")
}
pub(super) const ONCE_PK: &str = "ONCE";

/// The partition of one council's undelivered messages.
pub(super) fn undelivered_pk(council: &CouncilId) -> String {
    format!("UNDELIVERED#{council}")
}
pub(super) const MESSAGE: &str = "message";
pub(super) const LEASE_OWNER: &str = "lease_owner";
pub(super) const LEASE_UNTIL: &str = "lease_until";

/// Sorts by when the message may be sent, so a range query finds what is due.
pub(super) fn outbox_sk(message: &OutboxMessage) -> String {
    format!(
        "{:012}#{}",
        message.not_before.unix_timestamp().max(0),
        message.id
    )
}

pub(super) fn outbox_item(message: &OutboxMessage) -> StoreResult<Item> {
    Ok(HashMap::from([
        (PK.to_owned(), s(OUTBOX_PK)),
        (SK.to_owned(), s(outbox_sk(message))),
        (MESSAGE.to_owned(), s(to_json(message)?)),
    ]))
}

/// The partition of a case's message records, apart from its events.
pub(super) fn messages_pk(council: &CouncilId, reference: &Reference) -> String {
    format!("M#{}#{reference}", council.as_str())
}

/// A queued message's record on its case's timeline, sorted by when it was queued.
pub(super) fn message_record_item(message: &OutboxMessage) -> StoreResult<Option<Item>> {
    let Some(reference) = &message.reference else {
        return Ok(None);
    };
    let record = MessageRecord::of(message);
    Ok(Some(HashMap::from([
        (PK.to_owned(), s(messages_pk(&message.council, reference))),
        (
            SK.to_owned(),
            s(format!(
                "{:012}#{}",
                record.queued_at.unix_timestamp().max(0),
                record.id
            )),
        ),
        (MESSAGE.to_owned(), s(to_json(&record)?)),
    ])))
}

pub(super) fn event_item(
    council: &CouncilId,
    reference: &Reference,
    event: &CaseEvent,
) -> StoreResult<Item> {
    Ok(HashMap::from([
        (PK.to_owned(), s(event_pk(council, reference))),
        (SK.to_owned(), s(format!("V#{:010}", event.version))),
        (EVENT.to_owned(), s(to_json(event)?)),
    ]))
}

/// An event appended at its version without changing the case (a note): its key sorts it
/// after the change that made the version and is its own, so no append meets another.
pub(super) fn appended_event_item(
    council: &CouncilId,
    reference: &Reference,
    event: &CaseEvent,
) -> StoreResult<Item> {
    Ok(HashMap::from([
        (PK.to_owned(), s(event_pk(council, reference))),
        (
            SK.to_owned(),
            s(format!("V#{:010}#{}", event.version, appended_key(event))),
        ),
        (EVENT.to_owned(), s(to_json(event)?)),
    ]))
}

pub(super) fn record_of(item: &Item) -> StoreResult<CaseRecord> {
    from_json(string(item, RECORD)?)
}

pub(super) fn string<'a>(item: &'a Item, name: &str) -> StoreResult<&'a str> {
    match item.get(name) {
        Some(AttributeValue::S(text)) => Ok(text),
        _ => Err(StoreError::Backend(format!(
            "stored item has no string attribute `{name}`"
        ))),
    }
}

pub(super) fn number(item: &Item, name: &str) -> StoreResult<u64> {
    match item.get(name) {
        Some(AttributeValue::N(text)) => text.parse().map_err(StoreError::backend),
        _ => Err(StoreError::Backend(format!(
            "stored item has no number attribute `{name}`"
        ))),
    }
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(StoreError::backend)
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(StoreError::backend)
}
