//! Where cases live. One trait, two real adapters: SQLite for the local server, DynamoDB
//! for AWS. Both pass the same conformance suite (`functions/tests/store_conformance.rs`).
//!
//! What every adapter guarantees:
//! - a case and its receipt event are written together or not at all;
//! - an idempotency key is bound to one case (until its case is anonymised; on DynamoDB
//!   for 30 days, its time to live): a second insert with the same key
//!   writes nothing and returns the first binding;
//! - reference sequences are allocated atomically per council per year, so concurrent
//!   submissions never share a reference (a failed insert may leave a gap, never a clash);
//! - an update is conditional on the version the caller read, and appends its event in the
//!   same write: a lost race is reported as [`StoreError::VersionConflict`], never applied;
//! - the case's next reminder is indexed in the same write as the change, so a changed
//!   deadline moves or removes its reminder atomically, and [`Store::due_reminders`] reads
//!   only what is due;
//! - messages queued with an insert or update are written in the same atomic write, so a
//!   case change and the notifications it causes are stored together or not at all; a
//!   message is handed to one sender at a time (a lease) and stays queued until sent;
//!   each is also recorded against its case ([`Store::messages`]: to whom, the subject,
//!   when), a record that stays once the message is sent;
//! - counted uses ([`Store::count_uses`]) are counted all or none, atomically, and never
//!   past their limit however many callers race;
//! - an event that changes nothing on the case (a note: see
//!   [`Action::appends_only`](feedback_shared::case::Action::appends_only)) is appended
//!   without rewriting the case, under a key of its own: appends never conflict, with each
//!   other or with updates, and none is lost or overwritten; only a caller that names the
//!   version it read is refused, with [`StoreError::VersionConflict`], if the case has
//!   changed since;
//! - the council's running sums ([`aggregates`]: the report's facts by date, the learning,
//!   the census of where its cases stand) change in the same write as the case, by the
//!   case's new contribution less its old one, so they always equal the sums of the cases;
//! - the timeline comes back in version order, each change followed by what was appended at
//!   its version, in the order of their times (events appended at the same instant come in
//!   an arbitrary order, the same on every read).

pub mod aggregates;
mod api_keys;
pub mod dynamodb;
mod filter;
pub mod fold;
mod messages;
pub mod queue;
pub mod retention;
pub mod rewrite;
pub mod sqlite;
mod usage;

pub use api_keys::ApiKeyRecord;
pub use filter::CaseFilter;
pub use messages::MessageRecord;
pub use queue::{CasePage, CaseQuery, QueueCounts};
pub use retention::{Anonymisation, Removal, RetentionDue};
pub use rewrite::Rewrite;
pub use usage::{Counted, UseCounter};

use feedback_shared::equality::EqualityAnswers;

use crate::outbox::{OutboxMessage, Undelivered};
use async_trait::async_trait;
use feedback_shared::case::{Case, CaseEvent};
use feedback_shared::restriction::Restriction;
use feedback_shared::submission::Feedback;
use feedback_shared::template::ResponseTemplate;
use feedback_shared::wire::{AnnualRecord, LegalHold};
use feedback_shared::{CouncilId, Reference};
use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

/// A case with everything stored beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRecord {
    pub case: Case,
    /// What the resident (or the officer logging it) said, and who they are.
    pub details: Feedback,
}

impl CaseRecord {
    pub fn council(&self) -> &CouncilId {
        &self.case.council
    }

    pub fn reference(&self) -> &Reference {
        &self.case.reference
    }

    /// The next deadline still to be met, for the officers' filters.
    pub fn next_due(&self) -> Option<Date> {
        self.case.next_deadline()
    }

    /// When the next reminder is due; the stores index it.
    pub fn reminder_at(&self) -> Option<OffsetDateTime> {
        self.case.next_reminder.map(|p| p.at)
    }
}

/// An idempotency key and the hash of the body first sent with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyBinding {
    pub key: String,
    pub body_hash: String,
    pub reference: Reference,
}

/// What an insert did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    New,
    /// The idempotency key was already bound; nothing was written.
    AlreadyBound(IdempotencyBinding),
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("the case changed since it was read (expected version {expected})")]
    VersionConflict { expected: u64 },
    #[error("a case with reference {0} already exists")]
    DuplicateReference(Reference),
    #[error("no such case")]
    NotFound,
    #[error("storage failed: {0}")]
    Backend(String),
}

impl StoreError {
    pub fn backend(e: impl std::fmt::Display) -> Self {
        StoreError::Backend(e.to_string())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The port every storage adapter implements. All calls are scoped to one council: no
/// call can read or change another council's data.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Allocates the next reference sequence number for `council` in `year` (from 1).
    async fn next_sequence(&self, council: &CouncilId, year: i32) -> StoreResult<u64>;

    /// The binding of an idempotency key, if it has been used.
    async fn idempotency(
        &self,
        council: &CouncilId,
        key: &str,
    ) -> StoreResult<Option<IdempotencyBinding>>;

    /// Writes a new case, its receipt event and (when given) its idempotency binding in one
    /// atomic write. If the key is already bound, writes nothing.
    async fn insert_case(
        &self,
        record: &CaseRecord,
        received: &CaseEvent,
        idempotency: Option<&IdempotencyBinding>,
        outbox: &[OutboxMessage],
    ) -> StoreResult<Inserted>;

    async fn get_case(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Option<CaseRecord>>;

    /// Replaces the case with `record` and appends `event`, only if the stored version is
    /// still `expected_version`. `record.case.version` must be `event.version`.
    async fn update_case(
        &self,
        record: &CaseRecord,
        expected_version: u64,
        event: &CaseEvent,
        outbox: &[OutboxMessage],
    ) -> StoreResult<()>;

    /// [`Store::update_case`] for a caller that holds the case as it read it
    /// (`previous`): the write is conditional on `previous`'s version, and a store that
    /// would otherwise read the stored case first (for what its indexes and sums held)
    /// takes them from `previous` instead, so a change costs no read of its own.
    async fn replace_case(
        &self,
        previous: &CaseRecord,
        record: &CaseRecord,
        event: &CaseEvent,
        outbox: &[OutboxMessage],
    ) -> StoreResult<()> {
        self.update_case(record, previous.case.version, event, outbox)
            .await
    }

    /// Appends `event`, whose action [appends only](feedback_shared::case::Action::appends_only)
    /// (a note, made at `event.version` and queuing no messages), to the timeline without
    /// rewriting the case, so that it never races another write. With `expected_version`,
    /// only if the stored version is still that; without, whatever the case's version is now
    /// (the action was allowed in every state). The case must exist: the caller has just
    /// read it, and cases are never removed. Only an append that names a version is sure to
    /// be refused with [`StoreError::NotFound`] when it does not.
    async fn append_event(
        &self,
        council: &CouncilId,
        reference: &Reference,
        event: &CaseEvent,
        expected_version: Option<u64>,
    ) -> StoreResult<()>;

    /// The timeline, oldest first.
    async fn events(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Vec<CaseEvent>>;

    /// Every message queued about the case with its inserts and updates, oldest first
    /// (by when queued, then id): sent or not, the record stays.
    async fn messages(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Vec<MessageRecord>>;

    /// The council's cases matching `filter`, newest reference first.
    async fn list_cases(
        &self,
        council: &CouncilId,
        filter: &CaseFilter,
    ) -> StoreResult<Vec<CaseRecord>>;

    /// One page of the council's cases (see [`queue`]): those matching `query`'s filter
    /// and terms, in its order, after its position. Reads what the page needs, through
    /// indexes, never every case; with filters that skip many entries, at most
    /// [`queue::READ_BUDGET`] index entries before answering with what it has.
    async fn case_page(&self, council: &CouncilId, query: &CaseQuery) -> StoreResult<CasePage>;

    /// How many of the council's cases have each status, stage and kind, are open, and
    /// are overdue on `today`: the census, one record read.
    async fn case_counts(&self, council: &CouncilId, today: Date) -> StoreResult<QueueCounts> {
        Ok(self.census(council).await?.queue_counts(today))
    }

    /// The council's census: its cases counted by where they stand (one record).
    async fn census(&self, council: &CouncilId) -> StoreResult<aggregates::Census>;

    /// The council's report facts summed by date, from `from` to `to` (both included):
    /// at most one record a day, whatever the number of cases.
    async fn report_tally(
        &self,
        council: &CouncilId,
        from: Date,
        to: Date,
    ) -> StoreResult<feedback_shared::report::Tally>;

    /// The learning recorded with the council's responses sent from `from` to `to`.
    async fn report_learning(
        &self,
        council: &CouncilId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<(Date, feedback_shared::report::Learning)>>;

    /// Replaces the council's running sums with `all`, computed from its cases by the
    /// rebuild (`feedback aggregates --rebuild`). Not atomic with case writes on DynamoDB:
    /// run it while no one is changing the council's cases.
    async fn replace_aggregates(
        &self,
        council: &CouncilId,
        all: &aggregates::Aggregates,
    ) -> StoreResult<()>;

    /// Every council's cases whose next reminder is due at `now`, read through the reminder
    /// index (never a scan). Reminders more than [`REMINDER_LOOKBACK_DAYS`] days overdue
    /// are not looked for: the job runs every 15 minutes.
    async fn due_reminders(&self, now: OffsetDateTime) -> StoreResult<Vec<CaseRecord>>;

    /// Leases up to `limit` queued messages due at `now` to `owner` until `now + lease`.
    /// A message leased to another owner whose lease has not run out is not returned.
    async fn claim_outbox(
        &self,
        now: OffsetDateTime,
        owner: &str,
        lease: Duration,
        limit: usize,
    ) -> StoreResult<Vec<OutboxMessage>>;

    /// Removes a sent message; only its lease holder may.
    async fn complete_outbox(&self, message: &OutboxMessage, owner: &str) -> StoreResult<()>;

    /// Puts a message back to be tried again at `not_before`, counting the attempt.
    async fn retry_outbox(
        &self,
        message: &OutboxMessage,
        owner: &str,
        not_before: OffsetDateTime,
    ) -> StoreResult<()>;

    /// Queues `message` unless a message with its id was ever queued before (sent or not):
    /// for messages that must go once only, such as a day's digest. True if queued.
    async fn queue_once(&self, message: &OutboxMessage) -> StoreResult<bool>;

    /// How many messages are queued, sent or not yet.
    async fn outbox_len(&self) -> StoreResult<usize>;

    /// Takes a message its lease holder gives up on out of the queue and keeps it, in the
    /// same write, among its council's undelivered messages.
    async fn give_up_outbox(
        &self,
        message: &OutboxMessage,
        owner: &str,
        reason: &str,
        at: OffsetDateTime,
    ) -> StoreResult<()>;

    /// The council's undelivered messages, the latest given up first, read by council
    /// (never a scan).
    async fn undelivered(&self, council: &CouncilId) -> StoreResult<Vec<Undelivered>>;

    /// Queues the council's undelivered message `id` again, due at `now`, as it was (so its
    /// next failure gives it up again), and no longer lists it, in one write. Once only:
    /// [`StoreError::NotFound`] when it is not (or no longer) listed.
    async fn retry_undelivered(
        &self,
        council: &CouncilId,
        id: &str,
        now: OffsetDateTime,
    ) -> StoreResult<OutboxMessage>;

    /// Keeps one resident's equality answers for `year`, with nothing linking them to
    /// a case or a person.
    async fn record_equality(
        &self,
        council: &CouncilId,
        year: i32,
        answers: &EqualityAnswers,
    ) -> StoreResult<()>;

    /// Every set of equality answers kept for `council` in `year`.
    async fn equality_answers(
        &self,
        council: &CouncilId,
        year: i32,
    ) -> StoreResult<Vec<EqualityAnswers>>;

    /// Counts one use against every counter in one atomic write, unless one of them is
    /// already at its limit (then none is counted). A key names its window (the hour,
    /// the day, the form token): once `expires_at` has passed it is not counted again.
    async fn count_uses(
        &self,
        counters: &[UseCounter],
        now: OffsetDateTime,
    ) -> StoreResult<Counted>;

    /// Gives back one use counted against each counter (a replay that turned out to need
    /// none); a counter already at zero, or gone, is left alone.
    async fn refund_uses(&self, counters: &[UseCounter]) -> StoreResult<()>;

    /// Removes counters that expired before `now`; how many went. (DynamoDB's time to
    /// live does this by itself there, so its adapter removes nothing.)
    async fn sweep_expired(&self, now: OffsetDateTime) -> StoreResult<u64>;

    /// Stores a new API key of `council`; refuses an id already used.
    async fn put_api_key(&self, council: &CouncilId, key: &ApiKeyRecord) -> StoreResult<()>;

    /// The council's API keys, revoked ones too, oldest first.
    async fn api_keys(&self, council: &CouncilId) -> StoreResult<Vec<ApiKeyRecord>>;

    /// Marks the key revoked at `at`; [`StoreError::NotFound`] when the council has no such
    /// key. Revoking twice keeps the first time.
    async fn revoke_api_key(
        &self,
        council: &CouncilId,
        id: &str,
        at: OffsetDateTime,
    ) -> StoreResult<ApiKeyRecord>;

    /// Stores a response template of `council`: a new one when `expected` is `None`
    /// (refused if its id is taken), otherwise only over the stored version `expected`:
    /// [`StoreError::VersionConflict`] if it has changed since, [`StoreError::NotFound`]
    /// if it is gone. Two managers editing one template never overwrite each other.
    async fn put_template(
        &self,
        council: &CouncilId,
        template: &ResponseTemplate,
        expected: Option<u64>,
    ) -> StoreResult<()>;

    /// The council's response templates, by title.
    async fn templates(&self, council: &CouncilId) -> StoreResult<Vec<ResponseTemplate>>;

    /// Removes a template, only at the version `expected` (errors as for
    /// [`Store::put_template`]).
    async fn delete_template(
        &self,
        council: &CouncilId,
        id: &str,
        expected: u64,
    ) -> StoreResult<()>;

    /// Up to `limit` of the council's closed cases not yet anonymised that were closed
    /// before `closed_before`, by closure date then reference, after `after` (the last of
    /// the previous page): read through the retention index, never every case. Held
    /// cases are listed too (see [`Store::holds`]).
    async fn due_for_retention(
        &self,
        council: &CouncilId,
        closed_before: Date,
        after: Option<&RetentionDue>,
        limit: usize,
    ) -> StoreResult<Vec<RetentionDue>>;

    /// Removes one case's personal data (see [`retention`] for all it touches) in one
    /// write, conditional on the version read (and `removal`'s), and on no legal hold.
    /// [`StoreError::VersionConflict`] if the case changed meanwhile, [`StoreError::NotFound`]
    /// if there is no such case.
    async fn anonymise_case(
        &self,
        council: &CouncilId,
        removal: &Removal,
    ) -> StoreResult<Anonymisation>;

    /// Corrects a case's personal data (rectification, redaction: see [`rewrite`] for all
    /// it touches) in one write, conditional on `previous`'s version: the case, its
    /// event, its search terms, and every copy of the old values in its events, message
    /// records and queued or undelivered messages. [`StoreError::VersionConflict`] if the
    /// case changed meanwhile (or a queued message was sent while it was rewritten),
    /// [`StoreError::NotFound`] if there is no such case.
    async fn rewrite_case(&self, previous: &CaseRecord, rewrite: &Rewrite) -> StoreResult<()>;

    /// Sets (or replaces) a legal hold on one of the council's cases, which must exist
    /// ([`StoreError::NotFound`] otherwise).
    async fn put_hold(&self, council: &CouncilId, hold: &LegalHold) -> StoreResult<()>;

    /// Lifts the hold on a case; [`StoreError::NotFound`] when there is none.
    async fn remove_hold(&self, council: &CouncilId, reference: &Reference) -> StoreResult<()>;

    /// The council's legal holds, by reference.
    async fn holds(&self, council: &CouncilId) -> StoreResult<Vec<LegalHold>>;

    /// The council's annual record (self-assessment, improvements, Ombudsman's letter)
    /// for the financial year starting in `year`, if one was saved.
    async fn annual_record(
        &self,
        council: &CouncilId,
        year: i32,
    ) -> StoreResult<Option<AnnualRecord>>;

    /// Saves `record` (carrying its new version) for its year: the first save when
    /// `expected` is `None` (refused with a conflict if one was saved meanwhile), else
    /// only over version `expected` ([`StoreError::VersionConflict`] if it changed).
    async fn put_annual_record(
        &self,
        council: &CouncilId,
        record: &AnnualRecord,
        expected: Option<u64>,
    ) -> StoreResult<()>;

    /// Stores a contact restriction of `council`: a new one when `expected` is `None`
    /// (refused with a conflict if its id is taken), otherwise only over the stored version
    /// `expected` ([`StoreError::VersionConflict`] if it changed, [`StoreError::NotFound`]
    /// if there is none). Restrictions are never deleted.
    async fn put_restriction(
        &self,
        council: &CouncilId,
        restriction: &Restriction,
        expected: Option<u64>,
    ) -> StoreResult<()>;

    /// The council's contact restrictions, in force and ended, newest decision first:
    /// read by council (DynamoDB: a Query on its partition), never a scan. A council has
    /// tens, so the reminder job and a case page read them whole.
    async fn restrictions(&self, council: &CouncilId) -> StoreResult<Vec<Restriction>>;

    /// Puts `records` (every case of a council, as the rebuild of the sums reads them)
    /// in the retention index where a store's index needs writing and they were written
    /// before it existed; how many it indexed. SQLite's index needs no writes.
    async fn index_for_retention(&self, _records: &[CaseRecord]) -> StoreResult<usize> {
        Ok(0)
    }
}

/// Templates by title as people read them (case aside), then by id so equal titles keep
/// one order.
pub(crate) fn sort_templates(templates: &mut [ResponseTemplate]) {
    templates.sort_by(|a, b| (a.title.to_lowercase(), &a.id).cmp(&(b.title.to_lowercase(), &b.id)));
}

/// Restrictions newest decision first, then by id so one day's keep one order.
pub(crate) fn sort_restrictions(all: &mut [Restriction]) {
    all.sort_by(|a, b| (b.decided_on, &a.id).cmp(&(a.decided_on, &b.id)));
}

/// How far back the reminder index is read.
pub const REMINDER_LOOKBACK_DAYS: i64 = 14;

/// Where an appended event sorts among those appended at its version: by its time (in
/// nanoseconds, zero-padded so text order is time order), then by a random part, so two
/// appends never share a key, even at the same instant, and need no counter to contend on.
pub(crate) fn appended_key(event: &CaseEvent) -> String {
    let nanos = u128::try_from(event.at.unix_timestamp_nanos()).unwrap_or(0);
    format!("{nanos:020}#{:032x}", rand::random::<u128>())
}

/// Newest first: by year, then sequence, descending.
pub(crate) fn sort_newest_first(records: &mut [CaseRecord]) {
    records.sort_by(|a, b| {
        let key = |r: &CaseRecord| (r.reference().year(), r.reference().sequence());
        key(b).cmp(&key(a))
    });
}
