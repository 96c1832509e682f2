//! The body of every error the API answers: `application/problem+json` (RFC 9457), with
//! field-level details a form shows beside each input.

use super::json::member;
use super::{FromJson, JsonValue, ObjectWriter, ToJson, member_or_default};
use crate::Field;
use serde::{Deserialize, Serialize};

/// Where the problem types' URLs start; the last segment is a [`ProblemType`].
pub const PROBLEM_TYPE_BASE: &str = "https://council-feedback.example/problems/";

/// Every kind of problem the API reports, named by the last segment of its `type` URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemType {
    /// Some answers need changing: see `errors`.
    Validation,
    BadRequest,
    NotFound,
    /// No case has that reference and code (the same whichever is wrong).
    NoMatchingCase,
    Unauthenticated,
    Forbidden,
    /// The `Idempotency-Key` was first used with a different body.
    IdempotencyKeyReused,
    /// The case changed since it was read (`If-Match`).
    VersionConflict,
    /// The action is not allowed at the case's stage or status.
    NotAllowedNow,
    TooLarge,
    MethodNotAllowed,
    Internal,
    /// Sent faster than a person fills the form in: wait for `Retry-After`.
    TooSoon,
    /// The spam trap was filled in or the form token is forged.
    NotAccepted,
    /// Too many requests from this client or to this council: wait for `Retry-After`.
    RateLimited,
    /// The form token's lifetime or uses are over: fetch the council's description again
    /// for a fresh one, and send again.
    FormExpired,
}

impl ProblemType {
    pub const ALL: [ProblemType; 16] = [
        ProblemType::Validation,
        ProblemType::BadRequest,
        ProblemType::NotFound,
        ProblemType::NoMatchingCase,
        ProblemType::Unauthenticated,
        ProblemType::Forbidden,
        ProblemType::IdempotencyKeyReused,
        ProblemType::VersionConflict,
        ProblemType::NotAllowedNow,
        ProblemType::TooLarge,
        ProblemType::MethodNotAllowed,
        ProblemType::Internal,
        ProblemType::TooSoon,
        ProblemType::NotAccepted,
        ProblemType::RateLimited,
        ProblemType::FormExpired,
    ];

    #[inline]
    pub const fn slug(self) -> &'static str {
        match self {
            ProblemType::Validation => "validation",
            ProblemType::BadRequest => "bad-request",
            ProblemType::NotFound => "not-found",
            ProblemType::NoMatchingCase => "no-matching-case",
            ProblemType::Unauthenticated => "unauthenticated",
            ProblemType::Forbidden => "forbidden",
            ProblemType::IdempotencyKeyReused => "idempotency-key-reused",
            ProblemType::VersionConflict => "version-conflict",
            ProblemType::NotAllowedNow => "not-allowed-now",
            ProblemType::TooLarge => "too-large",
            ProblemType::MethodNotAllowed => "method-not-allowed",
            ProblemType::Internal => "internal",
            ProblemType::TooSoon => "too-soon",
            ProblemType::NotAccepted => "not-accepted",
            ProblemType::RateLimited => "rate-limited",
            ProblemType::FormExpired => "form-expired",
        }
    }

    /// The `type` URL of a problem of this kind.
    pub fn url(self) -> String {
        format!("{PROBLEM_TYPE_BASE}{}", self.slug())
    }
}

/// One field's problem, as a form's error summary needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// The form field (`what_happened`, `email`, …).
    pub field: Field,
    /// A stable message key (`required`, `email.invalid`, …).
    pub key: String,
    /// The message in the request's language.
    pub message: String,
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URL naming the kind of problem; its last segment is stable (`validation`, …).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

impl Problem {
    /// Whether this is a problem of kind `kind`. (Inlined, so a caller that names one kind
    /// does not carry every kind's name.)
    #[inline]
    pub fn is(&self, kind: ProblemType) -> bool {
        self.kind.strip_prefix(PROBLEM_TYPE_BASE) == Some(kind.slug())
    }
}

crate::json_struct!(FieldProblem {
    field,
    key,
    message
});

/// Written by hand for the `type` member, which is a keyword in Rust.
impl ToJson for Problem {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::start(out);
        object.member("type", &self.kind);
        object.member("title", &self.title);
        object.member("status", &self.status);
        object.member("detail", &self.detail);
        if !self.errors.is_empty() {
            object.member("errors", &self.errors);
        }
        object.end();
    }
}

impl FromJson for Problem {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        super::expect_object(json, ok);
        Problem {
            kind: member(json, "type", ok),
            title: member(json, "title", ok),
            status: member(json, "status", ok),
            detail: member(json, "detail", ok),
            errors: member_or_default(json, "errors"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_recognised() {
        let mut slugs: Vec<_> = ProblemType::ALL.iter().map(|t| t.slug()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), ProblemType::ALL.len());
        let problem = Problem {
            kind: ProblemType::IdempotencyKeyReused.url(),
            title: "Unprocessable Entity".into(),
            status: 422,
            detail: String::new(),
            errors: Vec::new(),
        };
        assert!(problem.is(ProblemType::IdempotencyKeyReused));
        assert!(!problem.is(ProblemType::Validation));
    }
}
