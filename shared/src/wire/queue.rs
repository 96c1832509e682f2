//! The queue's paging and sorting: what `GET /v1/councils/{council}/cases` takes beside
//! its filters ([`CaseListQuery`](super::CaseListQuery)) and the page it answers with.

use super::officer::CaseSummary;
use crate::case::Status;
use serde::{Deserialize, Serialize};

/// The status filter: one status, or `open` for every case still in the procedure
/// (received, acknowledged or responded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    Open,
    Received,
    Acknowledged,
    Responded,
    Closed,
    Withdrawn,
    NotAccepted,
}

impl StatusFilter {
    /// Whether a case with `status` passes.
    pub fn admits(self, status: Status) -> bool {
        match self.status() {
            None => !status.is_finished(),
            Some(one) => one == status,
        }
    }

    /// The one status this filter names; `None` for `open`.
    pub fn status(self) -> Option<Status> {
        match self {
            StatusFilter::Open => None,
            StatusFilter::Received => Some(Status::Received),
            StatusFilter::Acknowledged => Some(Status::Acknowledged),
            StatusFilter::Responded => Some(Status::Responded),
            StatusFilter::Closed => Some(Status::Closed),
            StatusFilter::Withdrawn => Some(Status::Withdrawn),
            StatusFilter::NotAccepted => Some(Status::NotAccepted),
        }
    }
}

impl From<Status> for StatusFilter {
    fn from(status: Status) -> Self {
        match status {
            Status::Received => StatusFilter::Received,
            Status::Acknowledged => StatusFilter::Acknowledged,
            Status::Responded => StatusFilter::Responded,
            Status::Closed => StatusFilter::Closed,
            Status::Withdrawn => StatusFilter::Withdrawn,
            Status::NotAccepted => StatusFilter::NotAccepted,
        }
    }
}

/// The column the queue is sorted by. The default, `deadline`, puts the most overdue
/// and then the soonest next deadline first (cases with no deadline left, the finished
/// ones, come last): what a complaints team works through from the top.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    #[default]
    Deadline,
    Received,
    Reference,
    Status,
    Kind,
    Service,
    Stage,
    Assigned,
}

impl CaseSort {
    pub const ALL: [CaseSort; 8] = [
        CaseSort::Deadline,
        CaseSort::Received,
        CaseSort::Reference,
        CaseSort::Status,
        CaseSort::Kind,
        CaseSort::Service,
        CaseSort::Stage,
        CaseSort::Assigned,
    ];

    /// The parameter's value (`deadline`, `received`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CaseSort::Deadline => "deadline",
            CaseSort::Received => "received",
            CaseSort::Reference => "reference",
            CaseSort::Status => "status",
            CaseSort::Kind => "kind",
            CaseSort::Service => "service",
            CaseSort::Stage => "stage",
            CaseSort::Assigned => "assigned",
        }
    }

    /// The order a column is first sorted in when its header is chosen: newest first for
    /// references and receipt, soonest first for deadlines, A to Z for the rest.
    pub fn natural_order(self) -> SortOrder {
        match self {
            CaseSort::Received | CaseSort::Reference => SortOrder::Desc,
            _ => SortOrder::Asc,
        }
    }
}

/// Ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    Asc,
    Desc,
}

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }
    }

    pub fn reversed(self) -> SortOrder {
        match self {
            SortOrder::Asc => SortOrder::Desc,
            SortOrder::Desc => SortOrder::Asc,
        }
    }
}

/// The largest page the list route gives, and the page it gives by default.
pub const MAX_PAGE: u32 = 100;
pub const DEFAULT_PAGE: u32 = 25;

/// One page of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseList {
    pub cases: Vec<CaseSummary>,
    /// Send it back as `cursor`, with the same filters and sort, for the next page;
    /// absent on the last page. A page may hold fewer than `limit` cases (even none)
    /// and still have a next one: a read stops after a bounded number of items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// How many stored items the store read to answer (index entries and cases), so
    /// that the cost of a query can be watched.
    pub items_read: u64,
}

/// `GET /v1/councils/{council}/case-counts`: how many of the council's cases have each
/// status, stage and kind, and how many are open and overdue, for the queue's filters.
/// A request of its own, so that a page of the queue costs only the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseCounts {
    /// By status's wire name (`received`, …); statuses no case has are left out.
    pub status: Vec<ValueCount>,
    /// By stage (`1`, `2`); cases at no stage are left out.
    pub stage: Vec<ValueCount>,
    /// By kind's wire name.
    pub kind: Vec<ValueCount>,
    /// Cases not yet finished.
    pub open: u64,
    /// Cases whose next deadline has passed.
    pub overdue: u64,
    /// How many stored items the store read to count them.
    pub items_read: u64,
}

/// How many cases have one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValueCount {
    pub value: String,
    pub count: u64,
}

impl CaseCounts {
    /// The count for `value` in `list` (0 when no case has it).
    pub fn of(list: &[ValueCount], value: &str) -> u64 {
        list.iter()
            .find(|c| c.value == value)
            .map_or(0, |c| c.count)
    }
}
