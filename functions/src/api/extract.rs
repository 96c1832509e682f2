//! Extractors that turn bad requests into problem+json rather than axum's plain text.

use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::{Identity, Role};
use crate::config::CouncilConfig;
use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A query string, refused as a 400 problem when a parameter is unknown or malformed.
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| QueryParams(value))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}

/// The parameters of a path. A segment that does not decode (bad percent-encoding, or
/// invalid UTF-8 once decoded) names no resource, so it is a 404 problem.
pub struct PathParams<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PathParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(PathParams(value)),
            Err(e) if e.status().is_server_error() => Err(ApiError::Internal(format!(
                "path extraction: {}",
                e.body_text()
            ))),
            Err(_) => Err(ApiError::NotFound),
        }
    }
}

/// The largest body any route accepts.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A JSON body, refused as problem+json when it is too large or malformed.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(JsonBody(value)),
            Err(JsonRejection::BytesRejection(BytesRejection::FailedToBufferBody(e)))
                if e.to_string().contains("length limit") =>
            {
                Err(ApiError::TooLarge(BODY_LIMIT))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::BadRequest(
                "send the body as JSON with Content-Type: application/json".into(),
            )),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::BadRequest(e.body_text())),
            Err(JsonRejection::JsonSyntaxError(e)) => Err(ApiError::BadRequest(e.body_text())),
            Err(other) => {
                if other.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    Err(ApiError::TooLarge(BODY_LIMIT))
                } else {
                    Err(ApiError::BadRequest(other.body_text()))
                }
            }
        }
    }
}

/// The authenticated officer making the request.
pub struct Caller(pub Identity);

impl FromRequestParts<SharedApp> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &SharedApp,
    ) -> Result<Self, Self::Rejection> {
        let now = app.clock.now().unix_timestamp();
        app.auth
            .identify(parts, now)
            .await
            .map(Caller)
            .map_err(ApiError::Unauthenticated)
    }
}

impl Caller {
    /// The council at `council_id` if the caller holds at least `needed` there. A caller
    /// without any role at the council is refused before its existence is revealed.
    pub fn authorise<'a>(
        &self,
        app: &'a SharedApp,
        council_id: &str,
        needed: Role,
    ) -> Result<&'a CouncilConfig, ApiError> {
        let council =
            feedback_shared::CouncilId::parse(council_id).map_err(|_| ApiError::NotFound)?;
        match self.0.role_at(&council) {
            None => Err(ApiError::Forbidden(
                "your account does not work for this council",
            )),
            Some(role) if role < needed => {
                Err(ApiError::Forbidden("this needs a complaints manager"))
            }
            Some(_) => app.councils.get(&council).ok_or(ApiError::NotFound),
        }
    }
}

/// The version in an `If-Match` header (`3` or `"3"`), if one was sent; `what` names the
/// thing versioned for the error ("the case's version number").
pub fn if_match(headers: &axum::http::HeaderMap, what: &str) -> Result<Option<u64>, ApiError> {
    headers
        .get(axum::http::header::IF_MATCH)
        .map(|v| {
            v.to_str()
                .ok()
                .map(|s| s.trim().trim_matches('"'))
                .and_then(|s| s.parse::<u64>().ok())
                .ok_or_else(|| ApiError::BadRequest(format!("If-Match must be {what}")))
        })
        .transpose()
}
