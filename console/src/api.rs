//! Calls to the officer API on the console's own origin, with `gloo-net`. Every failure is
//! a [`Failure`]: the API's problem+json, or a network error in words an officer reads.

use feedback_shared::Reference;
use feedback_shared::case::Action;
use feedback_shared::wire::{
    CaseCounts, CaseDetail, CaseList, CaseListQuery, LogCase, Problem, SignInRequest, SignedIn,
    Submitted,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

/// Who is signed in: the token is held in memory only, so a reload signs the officer out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token: String,
    pub officer: String,
    pub name: String,
    /// The council worked in: the officer's own, the first they were given.
    pub council: String,
    pub role: String,
    pub expires_at: i64,
}

impl Session {
    /// The session a sign-in answered; `None` if it names no council.
    pub fn from_signed_in(signed_in: SignedIn) -> Option<Session> {
        let council = signed_in.councils.first()?.clone();
        Some(Session {
            token: signed_in.token,
            officer: signed_in.officer,
            name: signed_in.name,
            council,
            role: signed_in.role,
            expires_at: signed_in.expires_at,
        })
    }

    fn authorised(&self, request: RequestBuilder) -> RequestBuilder {
        request.header("Authorization", &format!("Bearer {}", self.token))
    }

    fn cases_url(&self) -> String {
        format!("/v1/councils/{}/cases", self.council)
    }
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The API answered with a problem.
    Problem(Problem),
    /// No answer, or one that was not understood.
    Network(String),
}

impl Failure {
    /// Whether the API said the officer is not (or no longer) signed in.
    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, Failure::Problem(p) if p.status == 401)
    }

    /// Words for the officer.
    pub fn message(&self) -> String {
        match self {
            Failure::Problem(problem) => crate::forms::sentence(&problem.detail),
            Failure::Network(message) => message.clone(),
        }
    }
}

impl From<gloo_net::Error> for Failure {
    fn from(_: gloo_net::Error) -> Self {
        Failure::Network(
            "The console could not reach the server. Check your connection and try again.".into(),
        )
    }
}

async fn answer<T: DeserializeOwned>(response: Response) -> Result<T, Failure> {
    if response.ok() {
        return Ok(response.json::<T>().await?);
    }
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    Err(match serde_json::from_str::<Problem>(&text) {
        Ok(problem) => Failure::Problem(problem),
        Err(_) => Failure::Network(format!("The server answered with status {status}.")),
    })
}

/// Exchanges a sign-in link's code for a session.
pub async fn sign_in(code: &str) -> Result<SignedIn, Failure> {
    let body = SignInRequest {
        code: code.to_owned(),
    };
    answer(Request::post("/v1/signin").json(&body)?.send().await?).await
}

/// One page of the council's cases, as `query` asks.
pub async fn cases(session: &Session, query: &CaseListQuery) -> Result<CaseList, Failure> {
    let url = format!("{}{}", session.cases_url(), crate::route::list_query(query));
    answer(session.authorised(Request::get(&url)).send().await?).await
}

/// How many of the council's cases have each status, stage and kind, open and overdue.
pub async fn case_counts(session: &Session) -> Result<CaseCounts, Failure> {
    let url = format!("/v1/councils/{}/case-counts", session.council);
    answer(session.authorised(Request::get(&url)).send().await?).await
}

/// One case with its timeline.
pub async fn case(session: &Session, reference: &Reference) -> Result<CaseDetail, Failure> {
    let url = format!("{}/{reference}", session.cases_url());
    answer(session.authorised(Request::get(&url)).send().await?).await
}

/// Applies `action` to the case, refused if it changed since `version` was read.
pub async fn act(
    session: &Session,
    reference: &Reference,
    version: u64,
    action: &Action,
) -> Result<CaseDetail, Failure> {
    let url = format!("{}/{reference}/actions", session.cases_url());
    let request = session
        .authorised(Request::post(&url))
        .header("If-Match", &version.to_string())
        .json(action)?;
    answer(request.send().await?).await
}

/// Logs a case received another way.
pub async fn log_case(
    session: &Session,
    log: &LogCase,
    idempotency_key: &str,
) -> Result<Submitted, Failure> {
    let request = session
        .authorised(Request::post(&session.cases_url()))
        .header("Idempotency-Key", idempotency_key)
        .json(log)?;
    answer(request.send().await?).await
}

/// The council's public description: its name and services.
pub async fn council(council: &str) -> Result<feedback_shared::wire::CouncilView, Failure> {
    answer(
        Request::get(&format!("/v1/councils/{council}"))
            .send()
            .await?,
    )
    .await
}
