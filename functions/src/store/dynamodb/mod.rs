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
//! - eight more, the queue's indexes ([`queue::QUEUE_INDEXES`]: `queue-deadline`,
//!   `queue-received`, `queue-reference`, `queue-status`, `queue-kind`, `queue-service`,
//!   `queue-stage`, `queue-assigned`): partition key `q_pk` (S, `C#{council}`), sort key
//!   `q_{sort}` (S, the case's position under that sort, see [`crate::store::queue`]),
//!   projection `INCLUDE` of the filtered attributes [`queue::FILTERED`];
//! - and [`RETENTION_INDEX`] (`retention-index`): partition key `ret_pk` (S, `C#{council}`),
//!   sort key `ret_sk` (S, `{closed_on}#{reference}`), projection `KEYS_ONLY`; sparse:
//!   only closed cases not yet anonymised carry these (see `retention.rs`);
//! - time to live enabled on [`TTL_ATTRIBUTE`] (`expires_at`, N, epoch seconds). Counted
//!   uses carry it, and so do idempotency bindings (30 days after they are written; the
//!   retention job cannot find a binding by its case). A case's personal data goes by
//!   anonymisation, not by time to live: the case must stay for the figures.
//!
//! # The items
//!
//! | item        | `pk`                       | `sk`                   | other attributes |
//! |-------------|----------------------------|------------------------|------------------|
//! | case        | `C#{council}`              | `CASE#{reference}`     | `record` (S, the [`CaseRecord`] as JSON), `version`, `year`, `sequence` (N); when the case has a next deadline, `due_day` (S, `YYYY-MM-DD`) and `due_sk` (S, `{council}#{reference}`); the queue's `q_pk`, `q_{sort}` and `f_*` attributes and `terms` (SS) |
//! | search term | `T#{council}#{term}`       | the case's reference position | `reference` (S) |
//! | event       | `E#{council}#{reference}`  | `V#{version:010}` for a change; `V#{version:010}#{appended}` for an event appended at that version (a note, [`appended_key`](crate::store::appended_key)) | `event` (S, the [`CaseEvent`] as JSON) |
//! | counter     | `C#{council}`              | `COUNTER#{year}`       | `seq` (N) |
//! | idempotency | `C#{council}`              | `IDEM#{key}`           | `body_hash` (S), `reference` (S) |
//! | outbox      | `OUTBOX`                   | `{not_before:012}#{id}` | `message` (S, JSON), `lease_owner` (S), `lease_until` (N) |
//! | message record | `M#{council}#{reference}` | `{queued_at:012}#{id}` | `message` (S, the [`MessageRecord`] as JSON: to whom, subject, when; written with the change that queued the message, kept after it is sent) |
//! | undelivered | `UNDELIVERED#{council}`    | `{message id}`         | `message` (S, the [`Undelivered`] as JSON) |
//! | once marker | `ONCE`                     | `{message id}`         | (none: its existence makes a message once only) |
//! | counted use | `USE#{key}`                | `USE`                  | `uses` (N), `expires_at` (N, time to live) |
//! | API key     | `C#{council}`              | `APIKEY#{id}`          | `record` (S, the [`ApiKeyRecord`](crate::store::ApiKeyRecord) as JSON, the secret only hashed) |
//! | legal hold  | `C#{council}`              | `HOLD#{reference}`     | `record` (S, the [`LegalHold`] as JSON) |
//! | response template | `C#{council}`        | `TEMPLATE#{id}`        | `record` (S, the [`ResponseTemplate`] as JSON), `version` (N, which a change or removal is conditional on) |
//!
//! Every key names the council, so no [`Store`] call can reach another council's items
//! ([`DynamoStore::due_on`], for the reminder job, spans every council on purpose). A case
//! and its event (and binding) are written in one `TransactWriteItems`; updates are
//! conditional on the stored `version`; an appended event (a note) is one `PutItem` of a
//! new key, which touches no other item and so meets no condition or transaction conflict
//! (or, with a version to hold to, a transaction with a `ConditionCheck` on the case);
//! sequences come from an atomic `ADD`.
//!
//! Nothing here logs a record, an event or a key: they may hold personal data.
//!
//! The [`Store`] operations are written by what they touch: `cases.rs` (cases, events,
//! counters, idempotency and the reminder index), `outbox.rs` (and `undelivered.rs`, what it gave up on), `equality.rs`, `usage.rs`
//! (counted uses), `api_keys.rs`, `templates.rs` (response templates), `queue.rs` (the queue's pages and search, and the
//! index attributes and term items they read); `items.rs`
//! holds the keys and attributes above, `requests.rs` the requests they are all made of
//! (paging, conditional puts, transactions and their retries), `table.rs` the table.

mod aggregates;
mod annual;
mod api_keys;
mod cases;
mod equality;
mod items;
mod outbox;
mod queue;
mod requests;
mod restrictions;
mod retention;
mod rewrite;
mod table;
mod templates;
mod undelivered;
mod usage;

pub use retention::{RET_PK, RET_SK, RETENTION_INDEX};

use super::{
    Anonymisation, ApiKeyRecord, CaseFilter, CaseRecord, Counted, IdempotencyBinding, Inserted,
    MessageRecord, Removal, RetentionDue, Store, StoreResult, UseCounter,
};
use crate::outbox::{OutboxMessage, Undelivered};
use crate::store::aggregates::{Aggregates, Census};
use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use feedback_shared::case::CaseEvent;
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::report::{Learning, Tally};
use feedback_shared::template::ResponseTemplate;
use feedback_shared::wire::{AnnualRecord, LegalHold};
use feedback_shared::{CouncilId, Reference};
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
}

#[async_trait]
impl Store for DynamoStore {
    async fn next_sequence(&self, council: &CouncilId, year: i32) -> StoreResult<u64> {
        cases::next_sequence(self, council, year).await
    }

    async fn idempotency(
        &self,
        council: &CouncilId,
        key: &str,
    ) -> StoreResult<Option<IdempotencyBinding>> {
        cases::idempotency(self, council, key).await
    }

    async fn insert_case(
        &self,
        record: &CaseRecord,
        received: &CaseEvent,
        idempotency: Option<&IdempotencyBinding>,
        outbox: &[OutboxMessage],
    ) -> StoreResult<Inserted> {
        cases::insert_case(self, record, received, idempotency, outbox).await
    }

    async fn get_case(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Option<CaseRecord>> {
        cases::get_case(self, council, reference).await
    }

    async fn update_case(
        &self,
        record: &CaseRecord,
        expected_version: u64,
        event: &CaseEvent,
        outbox: &[OutboxMessage],
    ) -> StoreResult<()> {
        cases::update_case(self, record, expected_version, event, outbox).await
    }

    async fn replace_case(
        &self,
        previous: &CaseRecord,
        record: &CaseRecord,
        event: &CaseEvent,
        outbox: &[OutboxMessage],
    ) -> StoreResult<()> {
        let old_terms = crate::store::queue::QueueEntry::of(previous).terms;
        cases::replace_case(self, previous, old_terms, record, event, outbox).await
    }

    async fn append_event(
        &self,
        council: &CouncilId,
        reference: &Reference,
        event: &CaseEvent,
        expected_version: Option<u64>,
    ) -> StoreResult<()> {
        cases::append_event(self, council, reference, event, expected_version).await
    }

    async fn events(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Vec<CaseEvent>> {
        cases::events(self, council, reference).await
    }

    async fn messages(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Vec<MessageRecord>> {
        cases::messages(self, council, reference).await
    }

    async fn list_cases(
        &self,
        council: &CouncilId,
        filter: &CaseFilter,
    ) -> StoreResult<Vec<CaseRecord>> {
        cases::list_cases(self, council, filter).await
    }

    async fn case_page(
        &self,
        council: &CouncilId,
        query: &super::CaseQuery,
    ) -> StoreResult<super::CasePage> {
        queue::case_page(self, council, query).await
    }

    async fn census(&self, council: &CouncilId) -> StoreResult<Census> {
        aggregates::census(self, council).await
    }

    async fn report_tally(&self, council: &CouncilId, from: Date, to: Date) -> StoreResult<Tally> {
        aggregates::report_tally(self, council, from, to).await
    }

    async fn report_learning(
        &self,
        council: &CouncilId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<(Date, Learning)>> {
        aggregates::report_learning(self, council, from, to).await
    }

    async fn replace_aggregates(&self, council: &CouncilId, all: &Aggregates) -> StoreResult<()> {
        aggregates::replace(self, council, all).await
    }

    async fn due_reminders(&self, now: OffsetDateTime) -> StoreResult<Vec<CaseRecord>> {
        cases::due_reminders(self, now).await
    }

    async fn claim_outbox(
        &self,
        now: OffsetDateTime,
        owner: &str,
        lease: time::Duration,
        limit: usize,
    ) -> StoreResult<Vec<OutboxMessage>> {
        outbox::claim_outbox(self, now, owner, lease, limit).await
    }

    async fn complete_outbox(&self, message: &OutboxMessage, owner: &str) -> StoreResult<()> {
        outbox::complete_outbox(self, message, owner).await
    }

    async fn retry_outbox(
        &self,
        message: &OutboxMessage,
        owner: &str,
        not_before: OffsetDateTime,
    ) -> StoreResult<()> {
        outbox::retry_outbox(self, message, owner, not_before).await
    }

    async fn queue_once(&self, message: &OutboxMessage) -> StoreResult<bool> {
        outbox::queue_once(self, message).await
    }

    async fn outbox_len(&self) -> StoreResult<usize> {
        outbox::outbox_len(self).await
    }

    async fn give_up_outbox(
        &self,
        message: &OutboxMessage,
        owner: &str,
        reason: &str,
        at: OffsetDateTime,
    ) -> StoreResult<()> {
        undelivered::give_up_outbox(self, message, owner, reason, at).await
    }

    async fn undelivered(&self, council: &CouncilId) -> StoreResult<Vec<Undelivered>> {
        undelivered::undelivered(self, council).await
    }

    async fn retry_undelivered(
        &self,
        council: &CouncilId,
        id: &str,
        now: OffsetDateTime,
    ) -> StoreResult<OutboxMessage> {
        undelivered::retry_undelivered(self, council, id, now).await
    }

    async fn record_equality(
        &self,
        council: &CouncilId,
        year: i32,
        answers: &EqualityAnswers,
    ) -> StoreResult<()> {
        equality::record_equality(self, council, year, answers).await
    }

    async fn equality_answers(
        &self,
        council: &CouncilId,
        year: i32,
    ) -> StoreResult<Vec<EqualityAnswers>> {
        equality::equality_answers(self, council, year).await
    }

    async fn count_uses(
        &self,
        counters: &[UseCounter],
        now: OffsetDateTime,
    ) -> StoreResult<Counted> {
        usage::count_uses(self, counters, now).await
    }

    async fn refund_uses(&self, counters: &[UseCounter]) -> StoreResult<()> {
        usage::refund_uses(self, counters).await
    }

    /// DynamoDB's time to live removes expired counters by itself.
    async fn sweep_expired(&self, _now: OffsetDateTime) -> StoreResult<u64> {
        Ok(0)
    }

    async fn put_api_key(&self, council: &CouncilId, key: &ApiKeyRecord) -> StoreResult<()> {
        api_keys::put_api_key(self, council, key).await
    }

    async fn api_keys(&self, council: &CouncilId) -> StoreResult<Vec<ApiKeyRecord>> {
        api_keys::api_keys(self, council).await
    }

    async fn revoke_api_key(
        &self,
        council: &CouncilId,
        id: &str,
        at: OffsetDateTime,
    ) -> StoreResult<ApiKeyRecord> {
        api_keys::revoke_api_key(self, council, id, at).await
    }

    async fn put_template(
        &self,
        council: &CouncilId,
        template: &ResponseTemplate,
        expected: Option<u64>,
    ) -> StoreResult<()> {
        templates::put_template(self, council, template, expected).await
    }

    async fn templates(&self, council: &CouncilId) -> StoreResult<Vec<ResponseTemplate>> {
        templates::templates(self, council).await
    }

    async fn delete_template(
        &self,
        council: &CouncilId,
        id: &str,
        expected: u64,
    ) -> StoreResult<()> {
        templates::delete_template(self, council, id, expected).await
    }

    async fn due_for_retention(
        &self,
        council: &CouncilId,
        closed_before: Date,
        after: Option<&RetentionDue>,
        limit: usize,
    ) -> StoreResult<Vec<RetentionDue>> {
        retention::due_for_retention(self, council, closed_before, after, limit).await
    }

    async fn anonymise_case(
        &self,
        council: &CouncilId,
        removal: &Removal,
    ) -> StoreResult<Anonymisation> {
        retention::anonymise_case(self, council, removal).await
    }

    async fn rewrite_case(
        &self,
        previous: &CaseRecord,
        rewrite: &crate::store::Rewrite,
    ) -> StoreResult<()> {
        rewrite::rewrite_case(self, previous, rewrite).await
    }

    async fn put_hold(&self, council: &CouncilId, hold: &LegalHold) -> StoreResult<()> {
        retention::put_hold(self, council, hold).await
    }

    async fn remove_hold(&self, council: &CouncilId, reference: &Reference) -> StoreResult<()> {
        retention::remove_hold(self, council, reference).await
    }

    async fn holds(&self, council: &CouncilId) -> StoreResult<Vec<LegalHold>> {
        retention::holds(self, council).await
    }

    async fn annual_record(
        &self,
        council: &CouncilId,
        year: i32,
    ) -> StoreResult<Option<AnnualRecord>> {
        annual::annual_record(self, council, year).await
    }

    async fn put_annual_record(
        &self,
        council: &CouncilId,
        record: &AnnualRecord,
        expected: Option<u64>,
    ) -> StoreResult<()> {
        annual::put_annual_record(self, council, record, expected).await
    }

    async fn put_restriction(
        &self,
        council: &CouncilId,
        restriction: &feedback_shared::restriction::Restriction,
        expected: Option<u64>,
    ) -> StoreResult<()> {
        restrictions::put_restriction(self, council, restriction, expected).await
    }

    async fn restrictions(
        &self,
        council: &CouncilId,
    ) -> StoreResult<Vec<feedback_shared::restriction::Restriction>> {
        restrictions::restrictions(self, council).await
    }

    async fn index_for_retention(&self, records: &[CaseRecord]) -> StoreResult<usize> {
        DynamoStore::index_for_retention(self, records).await
    }
}
