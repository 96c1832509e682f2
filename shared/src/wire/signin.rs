//! The console's local sign-in: a one-time code from a sign-in link, exchanged once for a
//! short-lived officer token. In AWS the console signs in through Cognito instead, and
//! this route is not there.

use serde::{Deserialize, Serialize};

/// `POST /v1/signin`: the code from a link `feedback signin` printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub code: String,
}

/// The answer to a sign-in: a bearer token for the officer routes, and who it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedIn {
    /// Send it as `Authorization: Bearer …`; keep it in memory only.
    pub token: String,
    /// When the token stops working (unix seconds).
    pub expires_at: i64,
    /// The officer's id, as cases are assigned to it.
    pub officer: String,
    pub name: String,
    /// The councils the officer works for, the first being their own.
    pub councils: Vec<String>,
    /// `officer` or `manager`.
    pub role: String,
}

/// `GET /console/config.json`: how the console signs officers in where it is served. In
/// AWS the deployment writes it beside the console (README, "Deploy"); the local server
/// answers it from its own settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleSettings {
    /// The API's base URL when it is not the console's own origin (in AWS, API Gateway's
    /// address; the API answers CORS for the council's `console_url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
    /// The hosted sign-in, when there is one; without it the console takes one-time
    /// sign-in links.
    #[serde(default)]
    pub hosted_sign_in: Option<HostedSignIn>,
}

/// An OpenID provider laid out like a Cognito user pool's hosted UI: authorization code
/// with PKCE at `{domain}/oauth2/authorize` and `{domain}/oauth2/token`, signing out at
/// `{domain}/logout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostedSignIn {
    /// `https://{prefix}.auth.{region}.amazoncognito.com`, no trailing slash.
    pub domain: String,
    /// The console's app client: public, no secret.
    pub client_id: String,
}
