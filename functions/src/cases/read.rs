//! What officers read: a council's cases, filtered, and one case with its timeline.

use super::CaseError;
use super::cursor;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::store::queue::query_terms;
use crate::store::{CaseFilter, CaseQuery, CaseRecord, MessageRecord};
use feedback_shared::Reference;
use feedback_shared::case::CaseEvent;
use feedback_shared::wire::{
    CaseCounts, CaseListQuery, CaseSort, ValueCount, queue::DEFAULT_PAGE, queue::MAX_PAGE,
};
use time::Date;

/// The longest search the queue takes, in characters.
pub const MAX_SEARCH: usize = 200;

/// One page of the queue, as the API answers it.
#[derive(Debug, Clone)]
pub struct QueuePage {
    pub records: Vec<CaseRecord>,
    /// The cursor for the next page, if there is one.
    pub next_cursor: Option<String>,
    pub items_read: u64,
}

/// A case and everything that has happened to it, oldest first.
#[derive(Debug, Clone)]
pub struct CaseWithTimeline {
    pub record: CaseRecord,
    pub timeline: Vec<CaseEvent>,
    /// Every message queued about it, oldest first.
    pub messages: Vec<MessageRecord>,
}

/// One page of the council's cases as `query` asks, on `today` (a London date, for
/// "overdue"). A bad `limit`, search or cursor is refused, naming the parameter.
pub async fn page(
    app: &App,
    council: &CouncilConfig,
    query: &CaseListQuery,
    today: Date,
) -> Result<QueuePage, CaseError> {
    let limit = match query.limit.as_deref().map(str::trim) {
        None | Some("") => DEFAULT_PAGE,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or_else(|| {
                CaseError::BadInput(format!(
                    "limit: give a whole number of cases from 1 to {MAX_PAGE}"
                ))
            })?,
    };
    let search = query.q.as_deref().unwrap_or_default();
    if search.chars().count() > MAX_SEARCH {
        return Err(CaseError::BadInput(format!(
            "q: search with at most {MAX_SEARCH} characters"
        )));
    }
    if let (Some(from), Some(to)) = (query.received_from, query.received_to)
        && from > to
    {
        return Err(CaseError::BadInput(
            "received_from: give a date on or before received_to".into(),
        ));
    }
    let sort = query.sort.unwrap_or_default();
    let order = query.order.unwrap_or(sort.natural_order());
    let fingerprint = fingerprint(query);
    let after = match query.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(given) => Some(
            cursor::open(&app.status_secret, &council.id, &fingerprint, given).ok_or_else(
                || {
                    CaseError::BadInput(
                        "cursor: not a cursor given for these filters and sort; start again from the first page".into(),
                    )
                },
            )?,
        ),
    };
    let mut filter = CaseFilter::from(query);
    filter.today = Some(today);
    let store_query = CaseQuery {
        filter,
        terms: query_terms(search),
        sort,
        order,
        limit: limit as usize,
        after,
    };
    let page = app.store.case_page(&council.id, &store_query).await?;
    Ok(QueuePage {
        records: page.records,
        next_cursor: page
            .next
            .map(|position| cursor::seal(&app.status_secret, &council.id, &fingerprint, &position)),
        items_read: page.items_read,
    })
}

/// The counts beside the queue's filters, on `today` (a London date, for "overdue").
pub async fn counts(
    app: &App,
    council: &CouncilConfig,
    today: Date,
) -> Result<CaseCounts, CaseError> {
    let counts = app.store.case_counts(&council.id, today).await?;
    let list = |map: std::collections::BTreeMap<String, u64>| {
        map.into_iter()
            .map(|(value, count)| ValueCount { value, count })
            .collect()
    };
    Ok(CaseCounts {
        status: list(counts.status),
        stage: list(counts.stage),
        kind: list(counts.kind),
        open: counts.open,
        overdue: counts.overdue,
        items_read: counts.items_read,
    })
}

/// What a cursor is bound to: the query without its page size and cursor (a page size
/// may change between pages).
fn fingerprint(query: &CaseListQuery) -> String {
    let bound = CaseListQuery {
        limit: None,
        cursor: None,
        sort: Some(query.sort.unwrap_or(CaseSort::Deadline)),
        ..query.clone()
    };
    serde_json::to_string(&bound).unwrap_or_default()
}

/// One case of the council, with its timeline.
pub async fn case(
    app: &App,
    council: &CouncilConfig,
    reference: &Reference,
) -> Result<CaseWithTimeline, CaseError> {
    let record = app
        .store
        .get_case(&council.id, reference)
        .await?
        .ok_or(CaseError::NotFound)?;
    with_timeline(app, council, record).await
}

/// `record` with its timeline and messages read fresh from the store, so after a change it ends with
/// that change.
pub async fn with_timeline(
    app: &App,
    council: &CouncilConfig,
    record: CaseRecord,
) -> Result<CaseWithTimeline, CaseError> {
    let timeline = app.store.events(&council.id, record.reference()).await?;
    let messages = app.store.messages(&council.id, record.reference()).await?;
    Ok(CaseWithTimeline {
        record,
        timeline,
        messages,
    })
}
