use super::CaseRecord;
use feedback_shared::case::Status;
use feedback_shared::wire::CaseListQuery;
use feedback_shared::{Kind, OfficerId, Stage};
use time::Date;

/// The officer's filters over a council's cases (the API's [`CaseListQuery`]) and the
/// day they are applied on. Empty means everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub service: Option<String>,
    pub stage: Option<Stage>,
    pub assigned_to: Option<OfficerId>,
    /// Cases whose next deadline is on or before this date.
    pub due_before: Option<Date>,
    /// Cases whose next deadline has passed as of `today`.
    pub overdue: Option<bool>,
    /// The London date the filter is applied on (set by the API, not the caller).
    pub today: Option<Date>,
}

impl From<CaseListQuery> for CaseFilter {
    fn from(q: CaseListQuery) -> Self {
        CaseFilter {
            status: q.status,
            kind: q.kind,
            service: q.service,
            stage: q.stage,
            assigned_to: q.assigned_to,
            due_before: q.due_before,
            overdue: q.overdue,
            today: None,
        }
    }
}

impl CaseFilter {
    /// One definition of each filter, used by every adapter.
    pub fn matches(&self, record: &CaseRecord) -> bool {
        let case = &record.case;
        let next_due = record.next_due();
        self.status.is_none_or(|s| case.status == s)
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
            && self
                .due_before
                .is_none_or(|d| next_due.is_some_and(|due| due <= d))
            && self.overdue.is_none_or(|want| {
                let today = self.today.unwrap_or(Date::MIN);
                next_due.is_some_and(|due| due < today) == want
            })
    }
}
