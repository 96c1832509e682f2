//! What officers read: a council's cases, filtered, and one case with its timeline.

use super::CaseError;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::store::{CaseFilter, CaseRecord, MessageRecord};
use feedback_shared::Reference;
use feedback_shared::case::CaseEvent;
use time::Date;

/// A case and everything that has happened to it, oldest first.
#[derive(Debug, Clone)]
pub struct CaseWithTimeline {
    pub record: CaseRecord,
    pub timeline: Vec<CaseEvent>,
    /// Every message queued about it, oldest first.
    pub messages: Vec<MessageRecord>,
}

/// The council's cases matching `filter` on `today` (a London date, for "overdue"),
/// newest first.
pub async fn list(
    app: &App,
    council: &CouncilConfig,
    mut filter: CaseFilter,
    today: Date,
) -> Result<Vec<CaseRecord>, CaseError> {
    filter.today = Some(today);
    Ok(app.store.list_cases(&council.id, &filter).await?)
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
