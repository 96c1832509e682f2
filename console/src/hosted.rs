//! Signing in through the hosted sign-in: in AWS, the Cognito user pool's hosted UI; off
//! AWS, any OpenID provider laid out like it (`feedback serve --oidc-issuer`).
//!
//! The console is a public client, so it uses the authorization code flow with PKCE
//! (RFC 7636): it sends the officer to `{domain}/oauth2/authorize` with the SHA-256 of a
//! random verifier, and exchanges the code that comes back, with the verifier, at
//! `{domain}/oauth2/token`. Only the verifier, the `state` and the page to return to wait
//! in `sessionStorage` across that round trip; the tokens live in memory only, so closing
//! the tab signs the officer out. The ID token is the bearer token: it names the client
//! in `aud` (which API Gateway's JWT authorizer checks), and carries the officer's name
//! and `cognito:groups`, which the access token does not.
//!
//! The pure parts (addresses, bodies, reading tokens) are plain functions that native
//! tests reach; the browser parts (randomness, hashing, storage, HTTP) are below them.

use crate::api::{Credentials, HostedSession, Session};
use crate::route::BASE;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use feedback_shared::wire::HostedSignIn;
use serde::{Deserialize, Serialize};

/// What waits in `sessionStorage` while the officer is at the provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// Sent as `state` and compared on return: the answer is to this request.
    pub state: String,
    /// The PKCE code verifier: only its hash went to the provider.
    pub verifier: String,
    /// The console page the officer was on (a deep link from an email), to go back to.
    pub return_to: String,
}

/// The one address the provider sends officers back to (registered with the client).
pub fn redirect_uri(origin: &str) -> String {
    format!("{origin}{BASE}")
}

/// Where the officer signs in.
pub fn authorize_url(
    hosted: &HostedSignIn,
    redirect_uri: &str,
    state: &str,
    challenge: &str,
) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", &hosted.client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", "openid email profile")
        .append_pair("state", state)
        .append_pair("code_challenge", challenge)
        .append_pair("code_challenge_method", "S256")
        .finish();
    format!("{}/oauth2/authorize?{query}", hosted.domain)
}

/// The token endpoint.
pub fn token_url(hosted: &HostedSignIn) -> String {
    format!("{}/oauth2/token", hosted.domain)
}

/// The form that exchanges the code for tokens.
pub fn code_exchange_body(
    hosted: &HostedSignIn,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("client_id", &hosted.client_id)
        .append_pair("code", code)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("code_verifier", verifier)
        .finish()
}

/// The form that asks for fresh tokens before the ID token expires.
pub fn refresh_body(hosted: &HostedSignIn, refresh_token: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "refresh_token")
        .append_pair("client_id", &hosted.client_id)
        .append_pair("refresh_token", refresh_token)
        .finish()
}

/// Where signing out ends the provider's session too, so the next "Sign in" asks again:
/// Cognito reads `client_id` and `logout_uri`; other providers `post_logout_redirect_uri`.
pub fn logout_url(hosted: &HostedSignIn, redirect_uri: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", &hosted.client_id)
        .append_pair("logout_uri", redirect_uri)
        .append_pair("post_logout_redirect_uri", redirect_uri)
        .finish();
    format!("{}/logout?{query}", hosted.domain)
}

/// What the provider's redirect back carries: a code and its state, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    Code { code: String, state: String },
    Refused { error: String },
}

/// The callback in a URL's query (`?code=…&state=…`), if it is one.
pub fn callback(search: &str) -> Option<Callback> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    match (get("code"), get("state"), get("error")) {
        (Some(code), Some(state), None) => Some(Callback::Code { code, state }),
        (_, _, Some(error)) => Some(Callback::Refused { error }),
        _ => None,
    }
}

/// The token endpoint's answer.
#[derive(Debug, Clone, Deserialize)]
pub struct Tokens {
    pub id_token: String,
    /// Only the code exchange returns one; a refresh keeps the old.
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// The claims the console reads from the ID token, unverified: the API verifies the
/// token on every request, the console only shows who is signed in and for how long.
#[derive(Debug, Deserialize)]
struct IdClaims {
    sub: String,
    exp: i64,
    name: Option<String>,
    email: Option<String>,
    #[serde(rename = "cognito:groups", default)]
    groups: Vec<String>,
}

fn claims(id_token: &str) -> Result<IdClaims, String> {
    let unreadable = || "The sign-in service sent a token the console cannot read.".to_owned();
    let payload = id_token.split('.').nth(1).ok_or_else(unreadable)?;
    URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(unreadable)
}

/// The credentials a refresh gave, keeping the refresh token unless it was rotated.
pub fn refreshed(tokens: &Tokens, previous: &Credentials, now: i64) -> Result<Credentials, String> {
    Ok(Credentials {
        token: tokens.id_token.clone(),
        expires_at: claims(&tokens.id_token)?.exp,
        obtained_at: now,
        refresh_token: tokens
            .refresh_token
            .clone()
            .or_else(|| previous.refresh_token.clone()),
    })
}

/// The session an ID token gives: the councils of its `{council}:{role}` groups, the
/// first being the one worked in, at its highest role.
pub fn session_from(
    tokens: &Tokens,
    hosted: &HostedSignIn,
    refresh_token: Option<String>,
) -> Result<Session, String> {
    let claims = claims(&tokens.id_token)?;
    let grants: Vec<(String, String)> = claims
        .groups
        .iter()
        .filter_map(|g| g.split_once(':'))
        .filter(|(_, role)| matches!(*role, "officer" | "manager"))
        .map(|(c, r)| (c.to_owned(), r.to_owned()))
        .collect();
    let council = grants
        .first()
        .map(|(c, _)| c.clone())
        .ok_or("Your account does not work for any council here. Ask your manager to add you to your council's group.")?;
    let mut councils: Vec<String> = Vec::new();
    for (c, _) in &grants {
        if !councils.contains(c) {
            councils.push(c.clone());
        }
    }
    let role = if grants.iter().any(|(c, r)| *c == council && r == "manager") {
        "manager"
    } else {
        "officer"
    };
    Ok(Session {
        token: tokens.id_token.clone(),
        officer: claims.sub.clone(),
        name: claims.name.or(claims.email).unwrap_or(claims.sub),
        council,
        councils,
        role: role.to_owned(),
        expires_at: claims.exp,
        hosted: Some(HostedSession {
            sign_in: hosted.clone(),
            refresh_token: refresh_token.or_else(|| tokens.refresh_token.clone()),
        }),
    })
}

// Compiled everywhere like the views (native builds check them), run only in a browser.
pub use browser::{begin, finish, refresh};

mod browser {
    use super::*;
    use crate::api::Failure;
    use gloo_net::http::Request;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    const PENDING: &str = "council-feedback-console-sign-in";

    /// `bytes` random bytes from the browser's CSPRNG, base64url.
    fn random(bytes: usize) -> Result<String, String> {
        let mut buffer = vec![0u8; bytes];
        web_sys::window()
            .and_then(|w| w.crypto().ok())
            .and_then(|c| c.get_random_values_with_u8_array(&mut buffer).ok())
            .ok_or("This browser cannot make a secure sign-in.")?;
        Ok(URL_SAFE_NO_PAD.encode(buffer))
    }

    /// The PKCE S256 challenge of `verifier`, hashed by the browser's Web Crypto.
    async fn challenge(verifier: &str) -> Result<String, String> {
        let fail = || "This browser cannot make a secure sign-in.".to_owned();
        let subtle = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .ok_or_else(fail)?
            .subtle();
        let data = verifier.as_bytes().to_vec();
        let promise = subtle
            .digest_with_str_and_u8_array("SHA-256", &data)
            .map_err(|_| fail())?;
        let digest = JsFuture::from(promise).await.map_err(|_| fail())?;
        let buffer: js_sys::ArrayBuffer = digest.dyn_into().map_err(|_| fail())?;
        let digest = js_sys::Uint8Array::new(&buffer);
        Ok(URL_SAFE_NO_PAD.encode(digest.to_vec()))
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    fn origin() -> String {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }

    /// Sends the officer to the provider, to come back to `return_to`.
    pub async fn begin(hosted: &HostedSignIn, return_to: String) -> Result<(), String> {
        let pending = Pending {
            state: random(16)?,
            verifier: random(32)?,
            return_to,
        };
        let challenge = challenge(&pending.verifier).await?;
        let text = serde_json::to_string(&pending).map_err(|e| e.to_string())?;
        storage()
            .and_then(|s| s.set_item(PENDING, &text).ok())
            .ok_or("This browser does not let the console remember your sign-in. Allow site data for this address.")?;
        let url = authorize_url(hosted, &redirect_uri(&origin()), &pending.state, &challenge);
        web_sys::window()
            .ok_or("No window.")?
            .location()
            .assign(&url)
            .map_err(|_| "The console could not open the sign-in page.".to_owned())
    }

    /// Exchanges the provider's code for a session: once, and only for the request this
    /// tab made. Resolves the session and the page to return to.
    pub async fn finish(
        hosted: &HostedSignIn,
        code: &str,
        state: &str,
    ) -> Result<(Session, String), String> {
        let pending: Option<Pending> = storage().and_then(|s| {
            let text = s.get_item(PENDING).ok().flatten();
            let _ = s.remove_item(PENDING);
            serde_json::from_str(&text?).ok()
        });
        let pending = pending
            .filter(|p| p.state == state)
            .ok_or("This sign-in was not started here, or has been used already. Sign in again.")?;
        let body = code_exchange_body(hosted, code, &redirect_uri(&origin()), &pending.verifier);
        let tokens = post_form(&token_url(hosted), body).await?;
        Ok((session_from(&tokens, hosted, None)?, pending.return_to))
    }

    /// Fresh credentials from `hosted` before the current ones expire.
    pub async fn refresh(
        hosted: &HostedSignIn,
        current: &Credentials,
        now: i64,
    ) -> Result<Credentials, String> {
        let refresh_token = current
            .refresh_token
            .as_deref()
            .ok_or("Nothing to refresh.")?;
        let tokens = post_form(&token_url(hosted), refresh_body(hosted, refresh_token)).await?;
        refreshed(&tokens, current, now)
    }

    async fn post_form(url: &str, body: String) -> Result<Tokens, String> {
        let request = Request::post(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .map_err(|e| Failure::from(e).message())?;
        let response = request
            .send()
            .await
            .map_err(|e| Failure::from(e).message())?;
        if !response.ok() {
            return Err("The sign-in service refused. Sign in again.".into());
        }
        response
            .json::<Tokens>()
            .await
            .map_err(|_| "The sign-in service sent an answer the console cannot read.".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosted() -> HostedSignIn {
        HostedSignIn {
            domain: "https://officers.auth.eu-west-2.amazoncognito.com".into(),
            client_id: "abc123".into(),
        }
    }

    fn id_token(claims: serde_json::Value) -> String {
        format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
            URL_SAFE_NO_PAD.encode(claims.to_string())
        )
    }

    #[test]
    fn the_authorize_address_asks_for_a_code_with_an_s256_challenge() {
        let url = authorize_url(
            &hosted(),
            "https://d1.cloudfront.net/console/",
            "st&te",
            "ch4l",
        );
        assert_eq!(
            url,
            "https://officers.auth.eu-west-2.amazoncognito.com/oauth2/authorize?response_type=code&client_id=abc123&redirect_uri=https%3A%2F%2Fd1.cloudfront.net%2Fconsole%2F&scope=openid+email+profile&state=st%26te&code_challenge=ch4l&code_challenge_method=S256"
        );
        assert_eq!(
            code_exchange_body(&hosted(), "c0de", "https://x/console/", "v"),
            "grant_type=authorization_code&client_id=abc123&code=c0de&redirect_uri=https%3A%2F%2Fx%2Fconsole%2F&code_verifier=v"
        );
        assert_eq!(
            refresh_body(&hosted(), "r+t"),
            "grant_type=refresh_token&client_id=abc123&refresh_token=r%2Bt"
        );
        assert!(logout_url(&hosted(), "https://x/console/").starts_with(
            "https://officers.auth.eu-west-2.amazoncognito.com/logout?client_id=abc123&logout_uri=https%3A%2F%2Fx%2Fconsole%2F"
        ));
    }

    #[test]
    fn the_callback_is_a_code_and_state_or_the_providers_refusal() {
        assert_eq!(
            callback("?code=a%2Bb&state=s"),
            Some(Callback::Code {
                code: "a+b".into(),
                state: "s".into()
            })
        );
        assert_eq!(
            callback("?error=access_denied&state=s"),
            Some(Callback::Refused {
                error: "access_denied".into()
            })
        );
        assert_eq!(callback("?status=open"), None);
        assert_eq!(callback(""), None);
    }

    #[test]
    fn an_id_token_gives_the_councils_of_its_groups_at_the_first_ones_highest_role() {
        let tokens = Tokens {
            id_token: id_token(serde_json::json!({
                "sub": "5f0c", "exp": 1_800_000_000, "name": "Ann Jones",
                "cognito:groups": ["admins", "demo:officer", "aberwen:officer", "demo:manager"],
            })),
            refresh_token: Some("rt".into()),
        };
        let session = session_from(&tokens, &hosted(), None).unwrap();
        assert_eq!(session.officer, "5f0c");
        assert_eq!(session.name, "Ann Jones");
        assert_eq!(session.council, "demo");
        assert_eq!(session.role, "manager");
        assert_eq!(session.expires_at, 1_800_000_000);
        assert_eq!(session.token, tokens.id_token);
        assert_eq!(session.hosted.unwrap().refresh_token.as_deref(), Some("rt"));

        let nameless = Tokens {
            id_token: id_token(serde_json::json!({
                "sub": "9", "exp": 1, "email": "b@demo.example", "cognito:groups": ["aberwen:officer"],
            })),
            refresh_token: None,
        };
        let session = session_from(&nameless, &hosted(), Some("kept".into())).unwrap();
        assert_eq!(
            (session.name.as_str(), session.role.as_str()),
            ("b@demo.example", "officer")
        );
        assert_eq!(
            session.hosted.unwrap().refresh_token.as_deref(),
            Some("kept")
        );

        let no_council = Tokens {
            id_token: id_token(
                serde_json::json!({"sub": "9", "exp": 1, "cognito:groups": ["admins"]}),
            ),
            refresh_token: None,
        };
        assert!(
            session_from(&no_council, &hosted(), None)
                .unwrap_err()
                .contains("does not work for any council")
        );
        let garbage = Tokens {
            id_token: "x".into(),
            refresh_token: None,
        };
        assert!(session_from(&garbage, &hosted(), None).is_err());
    }

    #[test]
    fn a_refresh_keeps_the_refresh_token_unless_the_provider_rotated_it() {
        let previous = Credentials {
            token: "old".into(),
            expires_at: 1_000,
            obtained_at: 100,
            refresh_token: Some("r1".into()),
        };
        let token = id_token(serde_json::json!({"sub": "9", "exp": 5_000}));
        let kept = refreshed(
            &Tokens {
                id_token: token.clone(),
                refresh_token: None,
            },
            &previous,
            1_200,
        )
        .unwrap();
        assert_eq!(
            (kept.token.as_str(), kept.expires_at, kept.obtained_at),
            (token.as_str(), 5_000, 1_200)
        );
        assert_eq!(kept.refresh_token.as_deref(), Some("r1"));
        let rotated = refreshed(
            &Tokens {
                id_token: token,
                refresh_token: Some("r2".into()),
            },
            &previous,
            1_200,
        )
        .unwrap();
        assert_eq!(rotated.refresh_token.as_deref(), Some("r2"));
    }

    #[test]
    fn a_refresh_is_due_a_third_before_the_end_at_most_a_minute_before() {
        let at = |obtained_at, expires_at| {
            Credentials {
                token: String::new(),
                expires_at,
                obtained_at,
                refresh_token: None,
            }
            .refresh_at()
        };
        assert_eq!(at(0, 3_600), 3_540);
        assert_eq!(at(0, 30), 20);
        assert_eq!(at(100, 100), 100);
    }
}
