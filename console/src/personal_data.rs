//! The calls behind the "Personal data" pages (managers only): a person search, a subject
//! access bundle, an erasure, and the council's legal holds; and a case's correction and
//! redaction (any officer).

use crate::api::{Failure, Session, answer, at_api};
use feedback_shared::Reference;
use feedback_shared::wire::{
    ContactCorrection, Corrected, Erased, ErasureRequest, LegalHold, NewLegalHold, PersonMatch,
    PersonSearch, RedactionRequest, SubjectAccessBundle, SubjectAccessRequest,
};
use gloo_net::http::Request;

fn council_path(session: &Session, rest: &str) -> String {
    at_api(&format!("/v1/councils/{}/{rest}", session.council))
}

/// The council's cases of the person described (the details go in the body).
pub async fn search(session: &Session, search: &PersonSearch) -> Result<Vec<PersonMatch>, Failure> {
    let url = council_path(session, "personal-data/search");
    let request = session.authorised(Request::post(&url)).json(search)?;
    answer(request.send().await?).await
}

/// The bundle of the chosen cases; the export is recorded on each case's timeline.
pub async fn export(
    session: &Session,
    request: &SubjectAccessRequest,
) -> Result<SubjectAccessBundle, Failure> {
    let url = council_path(session, "personal-data/export");
    let request = session.authorised(Request::post(&url)).json(request)?;
    answer(request.send().await?).await
}

/// Erases a closed case's personal data.
pub async fn erase(
    session: &Session,
    reference: &Reference,
    reason: &str,
) -> Result<Erased, Failure> {
    let url = council_path(session, &format!("cases/{reference}/erasure"));
    let body = ErasureRequest {
        reason: reason.to_owned(),
    };
    let request = session.authorised(Request::post(&url)).json(&body)?;
    answer(request.send().await?).await
}

/// Corrects the case's contact details (any officer).
pub async fn rectify(
    session: &Session,
    reference: &Reference,
    body: &ContactCorrection,
) -> Result<Corrected, Failure> {
    let url = council_path(session, &format!("cases/{reference}/rectification"));
    let request = session.authorised(Request::post(&url)).json(body)?;
    answer(request.send().await?).await
}

/// Redacts a span of the resident's words (any officer).
pub async fn redact(
    session: &Session,
    reference: &Reference,
    body: &RedactionRequest,
) -> Result<Corrected, Failure> {
    let url = council_path(session, &format!("cases/{reference}/redaction"));
    let request = session.authorised(Request::post(&url)).json(body)?;
    answer(request.send().await?).await
}

/// The council's legal holds, by reference.
pub async fn holds(session: &Session) -> Result<Vec<LegalHold>, Failure> {
    let url = council_path(session, "holds");
    answer(session.authorised(Request::get(&url)).send().await?).await
}

/// Sets (or replaces) the hold on a case.
pub async fn set_hold(
    session: &Session,
    reference: &Reference,
    reason: &str,
) -> Result<LegalHold, Failure> {
    let url = council_path(session, &format!("cases/{reference}/hold"));
    let body = NewLegalHold {
        reason: reason.to_owned(),
    };
    let request = session.authorised(Request::put(&url)).json(&body)?;
    answer(request.send().await?).await
}

/// Lifts the hold on a case.
pub async fn lift_hold(session: &Session, reference: &Reference) -> Result<(), Failure> {
    let url = council_path(session, &format!("cases/{reference}/hold"));
    let response = session.authorised(Request::delete(&url)).send().await?;
    if response.ok() {
        return Ok(());
    }
    answer::<()>(response).await
}
