//! The calls behind the Restrictions pages (managers only): the council's contact
//! restrictions, recording one, reading one and reviewing it.

use crate::api::{Failure, Session, answer, at_api};
use feedback_shared::restriction::Restriction;
use feedback_shared::wire::{RestrictionDraft, RestrictionReviewDraft};
use gloo_net::http::Request;

fn url(session: &Session, rest: &str) -> String {
    at_api(&format!(
        "/v1/councils/{}/restrictions{rest}",
        session.council
    ))
}

/// The council's restrictions, in force and ended, newest decision first.
pub async fn list(session: &Session) -> Result<Vec<Restriction>, Failure> {
    answer(
        session
            .authorised(Request::get(&url(session, "")))
            .send()
            .await?,
    )
    .await
}

/// Records a restriction.
pub async fn record(session: &Session, draft: &RestrictionDraft) -> Result<Restriction, Failure> {
    let request = session
        .authorised(Request::post(&url(session, "")))
        .json(draft)?;
    answer(request.send().await?).await
}

/// One restriction with its reviews.
pub async fn get(session: &Session, id: &str) -> Result<Restriction, Failure> {
    let request = session.authorised(Request::get(&url(session, &format!("/{id}"))));
    answer(request.send().await?).await
}

/// Reviews a restriction: continued to a new date, or ended.
pub async fn review(
    session: &Session,
    id: &str,
    draft: &RestrictionReviewDraft,
) -> Result<Restriction, Failure> {
    let request = session
        .authorised(Request::post(&url(session, &format!("/{id}/review"))))
        .json(draft)?;
    answer(request.send().await?).await
}
