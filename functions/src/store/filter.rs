use super::CaseRecord;
use feedback_shared::wire::{CaseListQuery, StatusFilter};
use feedback_shared::{Channel, Kind, OfficerId, Stage};
use time::Date;

/// The officer's filters over a council's cases (the API's [`CaseListQuery`]) and the
/// day they are applied on. Empty means everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<StatusFilter>,
    pub kind: Option<Kind>,
    pub service: Option<String>,
    pub stage: Option<Stage>,
    pub assigned_to: Option<OfficerId>,
    /// Only cases nobody is assigned to.
    pub unassigned: bool,
    pub channel: Option<Channel>,
    /// Received on or after this date.
    pub received_from: Option<Date>,
    /// Received on or before this date.
    pub received_to: Option<Date>,
    /// Cases whose next deadline is on or before this date.
    pub due_before: Option<Date>,
    /// Cases whose next deadline has passed as of `today`.
    pub overdue: Option<bool>,
    /// The London date the filter is applied on (set by the API, not the caller).
    pub today: Option<Date>,
}

impl From<&CaseListQuery> for CaseFilter {
    fn from(q: &CaseListQuery) -> Self {
        CaseFilter {
            status: q.status,
            kind: q.kind,
            service: q.service.clone().filter(|s| !s.is_empty()),
            stage: q.stage,
            assigned_to: q.assigned_to.clone(),
            unassigned: q.unassigned == Some(true),
            channel: q.channel,
            received_from: q.received_from,
            received_to: q.received_to,
            due_before: q.due_before,
            overdue: q.overdue,
            today: None,
        }
    }
}

impl From<CaseListQuery> for CaseFilter {
    fn from(q: CaseListQuery) -> Self {
        CaseFilter::from(&q)
    }
}

impl CaseFilter {
    /// One definition of each filter, used by every adapter.
    pub fn matches(&self, record: &CaseRecord) -> bool {
        let case = &record.case;
        let next_due = record.next_due();
        let received = case.received_on();
        self.status.is_none_or(|s| s.admits(case.status))
            && self.kind.is_none_or(|k| case.kind == k)
            && self
                .service
                .as_ref()
                .is_none_or(|s| &record.details.service == s)
            && self.stage.is_none_or(|s| case.stage() == Some(s))
            && self
                .assigned_to
                .as_ref()
                .is_none_or(|o| case.assigned_to.as_ref() == Some(o))
            && (!self.unassigned || case.assigned_to.is_none())
            && self.channel.is_none_or(|c| case.channel == c)
            && self.received_from.is_none_or(|d| received >= d)
            && self.received_to.is_none_or(|d| received <= d)
            && self
                .due_before
                .is_none_or(|d| next_due.is_some_and(|due| due <= d))
            && self.overdue.is_none_or(|want| {
                let today = self.today.unwrap_or(Date::MIN);
                next_due.is_some_and(|due| due < today) == want
            })
    }
}
