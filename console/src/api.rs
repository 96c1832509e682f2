//! Calls to the officer API on the console's own origin, with `gloo-net`. Every failure is
//! a [`Failure`]: the API's problem+json, or a network error in words an officer reads.

use feedback_shared::Reference;
use feedback_shared::case::Action;
use feedback_shared::template::{ResponseTemplate, TemplateDraft};
use feedback_shared::wire::{
    ActionPreview, AnnualDraft, AnnualRecord, AnnualView, CaseCounts, CaseDetail, CaseList,
    CaseListQuery, ConsoleSettings, HostedSignIn, LogCase, Problem, SignInRequest, SignedIn,
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
    /// Every council the officer works for (the identity bar switches between them).
    pub councils: Vec<String>,
    pub role: String,
    pub expires_at: i64,
    /// How to refresh and end it, when the hosted sign-in gave it (not a one-time link).
    pub hosted: Option<HostedSession>,
}

/// The token the console sends, which a refresh replaces without redrawing the pages
/// that hold a [`Session`] (and with them what an officer is typing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub token: String,
    pub expires_at: i64,
    /// When these were obtained (unix seconds): a refresh is due a third of the way
    /// before the end of their life, at most a minute before.
    pub obtained_at: i64,
    /// Providers may rotate it at each refresh; the latest is kept.
    pub refresh_token: Option<String>,
}

impl Credentials {
    /// When to ask for fresh ones.
    pub fn refresh_at(&self) -> i64 {
        let margin = ((self.expires_at - self.obtained_at) / 3).clamp(0, 60);
        self.expires_at - margin
    }
}

thread_local! {
    /// The API's origin when it is not the console's (from `config.json`); empty for
    /// the same origin.
    static API_BASE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    static CREDENTIALS: std::cell::RefCell<Option<Credentials>> = const { std::cell::RefCell::new(None) };
}

/// Where the API is, from `config.json`: `None` for this origin.
pub fn set_api_base(base: Option<String>) {
    let base = base.unwrap_or_default().trim_end_matches('/').to_owned();
    API_BASE.with(|b| *b.borrow_mut() = base);
}

/// `path` (`/v1/…`) at the API.
pub fn at_api(path: &str) -> String {
    API_BASE.with(|b| format!("{}{path}", b.borrow()))
}

/// The credentials in use, if signed in.
pub fn credentials() -> Option<Credentials> {
    CREDENTIALS.with(|c| c.borrow().clone())
}

/// Replaces (or, with `None`, forgets) the credentials in use.
pub fn set_credentials(credentials: Option<Credentials>) {
    CREDENTIALS.with(|c| *c.borrow_mut() = credentials);
}

/// A session from the hosted sign-in: where it came from and the refresh token, in
/// memory only like the ID token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostedSession {
    pub sign_in: HostedSignIn,
    pub refresh_token: Option<String>,
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
            councils: signed_in.councils,
            role: signed_in.role,
            expires_at: signed_in.expires_at,
            hosted: None,
        })
    }

    /// Whether the officer is a complaints manager, who sees reports and configuration.
    pub fn is_manager(&self) -> bool {
        self.role == "manager"
    }

    /// The credentials a new session starts with.
    pub fn credentials(&self, now: i64) -> Credentials {
        Credentials {
            token: self.token.clone(),
            expires_at: self.expires_at,
            obtained_at: now,
            refresh_token: self.hosted.as_ref().and_then(|h| h.refresh_token.clone()),
        }
    }

    pub(crate) fn authorised(&self, request: RequestBuilder) -> RequestBuilder {
        let token = credentials().map_or_else(|| self.token.clone(), |c| c.token);
        request.header("Authorization", &format!("Bearer {token}"))
    }

    fn cases_url(&self) -> String {
        at_api(&format!("/v1/councils/{}/cases", self.council))
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

pub(crate) async fn answer<T: DeserializeOwned>(response: Response) -> Result<T, Failure> {
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

/// How officers sign in where the console is served (`config.json` beside it). Without
/// one, one-time links.
pub async fn console_settings() -> ConsoleSettings {
    match Request::get(&format!("{}config.json", crate::route::BASE))
        .send()
        .await
    {
        Ok(response) if response.ok() => response.json().await.unwrap_or_default(),
        _ => ConsoleSettings::default(),
    }
}

/// GETs `path` (`/v1/…`) at the API as the signed-in officer and reads the JSON answer.
pub(crate) async fn get<T: DeserializeOwned>(session: &Session, path: &str) -> Result<T, Failure> {
    answer(
        session
            .authorised(Request::get(&at_api(path)))
            .send()
            .await?,
    )
    .await
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

/// The messages `action` would send, written out; nothing is changed.
pub async fn preview(
    session: &Session,
    reference: &Reference,
    action: &Action,
) -> Result<ActionPreview, Failure> {
    let url = format!("{}/{reference}/preview", session.cases_url());
    let request = session.authorised(Request::post(&url)).json(action)?;
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
        Request::get(&at_api(&format!("/v1/councils/{council}")))
            .send()
            .await?,
    )
    .await
}

/// The council's response templates, by title.
pub async fn templates(session: &Session) -> Result<Vec<ResponseTemplate>, Failure> {
    get(session, &templates_path(session)).await
}

fn templates_path(session: &Session) -> String {
    format!("/v1/councils/{}/templates", session.council)
}

/// The year's self-assessment checklist and annual record (managers only).
pub async fn annual(session: &Session, year: i32) -> Result<AnnualView, Failure> {
    get(
        session,
        &format!("/v1/councils/{}/annual/{year}", session.council),
    )
    .await
}

/// Saves the year's annual record over `version` (none for the first save).
pub async fn save_annual(
    session: &Session,
    year: i32,
    version: Option<u64>,
    draft: &AnnualDraft,
) -> Result<AnnualRecord, Failure> {
    let url = at_api(&format!("/v1/councils/{}/annual/{year}", session.council));
    let mut request = session.authorised(Request::put(&url));
    if let Some(version) = version {
        request = request.header("If-Match", &version.to_string());
    }
    answer(request.json(draft)?.send().await?).await
}

/// Adds a response template (managers only).
pub async fn add_template(
    session: &Session,
    draft: &TemplateDraft,
) -> Result<ResponseTemplate, Failure> {
    let request = session
        .authorised(Request::post(&at_api(&templates_path(session))))
        .json(draft)?;
    answer(request.send().await?).await
}

/// Changes a template, refused if it changed since `version` was read.
pub async fn change_template(
    session: &Session,
    id: &str,
    version: u64,
    draft: &TemplateDraft,
) -> Result<ResponseTemplate, Failure> {
    let url = at_api(&format!("{}/{id}", templates_path(session)));
    let request = session
        .authorised(Request::put(&url))
        .header("If-Match", &version.to_string())
        .json(draft)?;
    answer(request.send().await?).await
}

/// Removes a template, refused if it changed since `version` was read.
pub async fn remove_template(session: &Session, id: &str, version: u64) -> Result<(), Failure> {
    let url = at_api(&format!("{}/{id}", templates_path(session)));
    let response = session
        .authorised(Request::delete(&url))
        .header("If-Match", &version.to_string())
        .send()
        .await?;
    if response.ok() {
        return Ok(());
    }
    answer::<()>(response).await
}
