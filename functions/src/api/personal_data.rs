//! Personal data on request (managers only): find a person's cases across the council
//! (or the partnership's councils the caller manages), export a subject access bundle,
//! and erase a closed case's personal data. Searches go in the body, never the address,
//! so no access log keeps what was looked for.

use super::correct::LocalCopies;
use super::extract::{Caller, JsonBody, PathParams};
use super::officer::parse_reference;
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::personal_data::{erase, export, find};
use axum::extract::State;
use axum::{Extension, Json};
use feedback_shared::wire::{
    Erased, ErasureRequest, PersonMatch, PersonSearch, Problem, SubjectAccessBundle,
    SubjectAccessRequest,
};

/// Every case of the council whose resident has the email address (exact, case aside),
/// phone number (its digits), name (case, accents and spacing aside) or reference given,
/// newest first, each saying which matched. Managers only.
#[utoipa::path(post, path = "/v1/councils/{council}/personal-data/search", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)), request_body = PersonSearch,
    responses((status = 200, body = Vec<PersonMatch>),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn search_person(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
    JsonBody(search): JsonBody<PersonSearch>,
) -> Result<Json<Vec<PersonMatch>>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let wanted = find::Wanted::parse(&search)?;
    Ok(Json(find::find(&app, council, &wanted).await?))
}

/// The same search across every council of a partnership the caller manages (never one
/// it does not), council by council.
#[utoipa::path(post, path = "/v1/partnerships/{partnership}/personal-data/search", tag = "officer", security(("bearer" = [])),
    params(("partnership" = String, Path)), request_body = PersonSearch,
    responses((status = 200, body = Vec<PersonMatch>),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn search_partnership(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(partnership): PathParams<String>,
    JsonBody(search): JsonBody<PersonSearch>,
) -> Result<Json<Vec<PersonMatch>>, ApiError> {
    let councils: Vec<_> = app
        .councils
        .values()
        .filter(|c| c.partnership.as_deref() == Some(partnership.as_str()))
        .filter(|c| caller.0.role_at(&c.id) == Some(Role::Manager))
        .collect();
    if councils.is_empty() {
        return Err(ApiError::Forbidden(
            "you manage no council of this partnership",
        ));
    }
    let wanted = find::Wanted::parse(&search)?;
    let mut found = Vec::new();
    for council in councils {
        found.extend(find::find(&app, council, &wanted).await?);
    }
    Ok(Json(found))
}

/// A subject access bundle of the chosen cases: JSON, with the printable page in `html`.
/// Officers are named by their role when the council's `redact_officer_names` is on (the
/// default); each `redact` span is blanked. Records the export on each case's timeline
/// (once, however often a request is retried within minutes). Managers only.
#[utoipa::path(post, path = "/v1/councils/{council}/personal-data/export", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)), request_body = SubjectAccessRequest,
    responses((status = 200, body = SubjectAccessBundle),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json", description = "A chosen case does not exist"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn export_bundle(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
    JsonBody(request): JsonBody<SubjectAccessRequest>,
) -> Result<Json<SubjectAccessBundle>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let bundle = export::export(&app, council, &request, &caller.0.officer).await?;
    Ok(Json(bundle))
}

/// Removes a closed case's personal data before its time, as the retention job would,
/// recording `erasure on request: {reason}` on its timeline. Refused (409) while the case
/// is open or under a legal hold, the hold named. Managers only.
#[utoipa::path(post, path = "/v1/councils/{council}/cases/{reference}/erasure", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path)), request_body = ErasureRequest,
    responses((status = 200, body = Erased),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Open, already erased, under a legal hold, or changed meanwhile"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn erase_case(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, reference)): PathParams<(String, String)>,
    copies: Option<Extension<LocalCopies>>,
    JsonBody(request): JsonBody<ErasureRequest>,
) -> Result<Json<Erased>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let reference = parse_reference(&reference)?;
    let copies = super::correct::notifier(&copies);
    Ok(Json(
        erase::erase(&app, council, &reference, &request, copies).await?,
    ))
}
