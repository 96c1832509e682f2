//! Officers signed in through an OpenID provider laid out like Cognito's user pools: the
//! console's hosted sign-in, verified by the local server the way API Gateway's JWT
//! authorizer verifies it in AWS.
//!
//! In AWS the authorizer checks the token before the function runs ([`super::Authenticator::ApiGatewayJwt`]).
//! Off AWS (a council running the local server behind its own sign-in, and the browser
//! test that stands a certified provider in for Cognito) nothing has checked it yet, so
//! this module does what the authorizer does: an RS256 signature by a key the issuer
//! publishes at `{issuer}/.well-known/jwks.json` (Cognito's layout), the issuer, the
//! audience (`aud` of an ID token, `client_id` of an access token), and the expiry. The
//! claims are then read exactly as the authorizer's are ([`super::identity_from_claims`]).
//!
//! Expiry is judged by the machine's real clock, not the server's (possibly shifted)
//! demonstration clock: the provider stamps tokens with real time.

use super::{AuthError, Identity, TokenError};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// Seconds a token may be early or late by the provider's clock.
const LEEWAY_SECONDS: u64 = 60;

/// How often an unknown key id may send the server back to the provider for its keys: a
/// provider rotates keys rarely, and a flood of forged key ids must not become a flood of
/// requests to it.
const REFETCH_AFTER: Duration = Duration::from_secs(60);

/// Where the provider is and which client's tokens to accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcSettings {
    /// The `iss` of its tokens (Cognito: `https://cognito-idp.{region}.amazonaws.com/{pool}`).
    pub issuer: String,
    /// The console's client id: the `aud` of ID tokens, the `client_id` of access tokens.
    pub client_id: String,
    /// Where the console sends officers to sign in: the base of `/oauth2/authorize`,
    /// `/oauth2/token` and `/logout` (Cognito's hosted UI domain; the issuer elsewhere).
    pub hosted_ui: String,
}

impl OidcSettings {
    /// The provider's public keys, where Cognito publishes them.
    pub fn jwks_url(&self) -> String {
        format!(
            "{}/.well-known/jwks.json",
            self.issuer.trim_end_matches('/')
        )
    }
}

/// Verifies the provider's tokens, holding its keys between requests.
#[derive(Debug)]
pub struct OidcVerifier {
    settings: OidcSettings,
    http: reqwest::Client,
    keys: RwLock<Keys>,
    refetch_after: Duration,
}

#[derive(Debug, Default)]
struct Keys {
    set: JwkSet,
    fetched: Option<Instant>,
}

/// The claims read from a verified token. `cognito:groups` is a JSON array in the token
/// (API Gateway flattens it to a string before the function sees it).
#[derive(Debug, Deserialize)]
struct TokenClaims {
    sub: String,
    #[serde(default)]
    aud: Audience,
    client_id: Option<String>,
    token_use: Option<String>,
    name: Option<String>,
    email: Option<String>,
    #[serde(rename = "cognito:groups", default)]
    groups: Vec<String>,
}

/// `aud` is a string or an array of them.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum Audience {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains(&self, client: &str) -> bool {
        match self {
            Audience::None => false,
            Audience::One(a) => a == client,
            Audience::Many(all) => all.iter().any(|a| a == client),
        }
    }
}

impl OidcVerifier {
    pub fn new(settings: OidcSettings) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot build an HTTP client: {e}"))?;
        Ok(OidcVerifier {
            settings,
            http,
            keys: RwLock::new(Keys::default()),
            refetch_after: REFETCH_AFTER,
        })
    }

    /// The verifier, refetching keys for an unknown key id at most every `interval`
    /// (a minute unless a test needs less).
    pub fn refetching_after(mut self, interval: Duration) -> Self {
        self.refetch_after = interval;
        self
    }

    pub fn settings(&self) -> &OidcSettings {
        &self.settings
    }

    /// Reads the provider's keys now: the server checks at start that it can.
    pub async fn load_keys(&self) -> Result<usize, String> {
        let set = self.fetch().await?;
        let count = set.keys.len();
        *self.keys.write().await = Keys {
            set,
            fetched: Some(Instant::now()),
        };
        Ok(count)
    }

    async fn fetch(&self) -> Result<JwkSet, String> {
        let url = self.settings.jwks_url();
        let response = self
            .http
            .get(&url)
            .send()
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("{url}: {}", response.status()));
        }
        response
            .json::<JwkSet>()
            .await
            .map_err(|e| format!("{url}: not a JSON Web Key Set: {e}"))
    }

    /// The key with id `kid`, fetching the provider's keys again (at most once a minute)
    /// when it is not among those held: the provider may have rotated them.
    async fn key(&self, kid: &str) -> Result<DecodingKey, AuthError> {
        let stale = {
            let keys = self.keys.read().await;
            if let Some(jwk) = keys.set.find(kid) {
                return DecodingKey::from_jwk(jwk)
                    .map_err(|_| AuthError::Invalid(TokenError::Malformed));
            }
            keys.fetched
                .is_none_or(|at| at.elapsed() >= self.refetch_after)
        };
        if stale {
            let mut keys = self.keys.write().await;
            if keys
                .fetched
                .is_none_or(|at| at.elapsed() >= self.refetch_after)
            {
                match self.fetch().await {
                    Ok(set) => keys.set = set,
                    // The provider's address is configuration, not personal data.
                    Err(e) => {
                        tracing::error!(error = %e, "cannot read the sign-in provider's keys")
                    }
                }
                keys.fetched = Some(Instant::now());
            }
            if let Some(jwk) = keys.set.find(kid) {
                return DecodingKey::from_jwk(jwk)
                    .map_err(|_| AuthError::Invalid(TokenError::Malformed));
            }
        }
        Err(AuthError::Invalid(TokenError::BadSignature))
    }

    /// The officer a bearer token names, if the provider signed it for this client and it
    /// has not expired.
    pub async fn verify(&self, token: &str) -> Result<Identity, AuthError> {
        let header = jsonwebtoken::decode_header(token)
            .map_err(|_| AuthError::Invalid(TokenError::Malformed))?;
        // Only what Cognito signs with: never `none`, never an HMAC keyed by a public key.
        if header.alg != Algorithm::RS256 {
            return Err(AuthError::Invalid(TokenError::Malformed));
        }
        let kid = header
            .kid
            .ok_or(AuthError::Invalid(TokenError::Malformed))?;
        let key = self.key(&kid).await?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[self.settings.issuer.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.leeway = LEEWAY_SECONDS;
        // The audience is checked below: an access token carries `client_id`, not `aud`.
        validation.validate_aud = false;
        let claims = jsonwebtoken::decode::<TokenClaims>(token, &key, &validation)
            .map_err(|e| AuthError::Invalid(token_error(e.kind())))?
            .claims;
        let client = self.settings.client_id.as_str();
        let for_this_client = match claims.token_use.as_deref() {
            Some("access") => claims.client_id.as_deref() == Some(client),
            Some("id") | None => claims.aud.contains(client),
            Some(_) => false,
        };
        if !for_this_client {
            return Err(AuthError::Invalid(TokenError::Malformed));
        }
        super::identity_from_claims(
            &claims.sub,
            claims.name.as_deref(),
            claims.email.as_deref(),
            &claims.groups.join(" "),
        )
    }
}

fn token_error(kind: &jsonwebtoken::errors::ErrorKind) -> TokenError {
    use jsonwebtoken::errors::ErrorKind;
    match kind {
        ErrorKind::ExpiredSignature => TokenError::Expired,
        ErrorKind::ImmatureSignature => TokenError::NotYetValid,
        ErrorKind::InvalidSignature => TokenError::BadSignature,
        _ => TokenError::Malformed,
    }
}
