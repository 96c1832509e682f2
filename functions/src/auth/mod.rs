//! Who is calling an officer route, and what they may do.
//!
//! Locally, tokens are HS256 JWTs minted by `feedback token` and checked here. In AWS,
//! API Gateway's JWT authorizer has already checked the Cognito token, and its claims
//! arrive in the request context; Cognito groups named `{council}:{role}` grant access.
//! Off AWS behind an OpenID provider (`feedback serve --oidc-issuer`), `oidc.rs` checks
//! the provider's tokens as the authorizer would.

pub mod oidc;
pub mod signin;
pub mod token;

use feedback_shared::{CouncilId, OfficerId};
use http::request::Parts;
pub use oidc::{OidcSettings, OidcVerifier};
pub use signin::{SignInCode, SignInError};
pub use token::{Claims, Role, SigningKey, TokenError};

/// How officer requests are authenticated.
#[derive(Debug, Clone)]
pub enum Authenticator {
    /// Verify bearer tokens signed with this key (the local server, tests).
    LocalKey(SigningKey),
    /// Trust the claims API Gateway's JWT authorizer put in the request context.
    ApiGatewayJwt,
    /// Verify an OpenID provider's RS256 tokens as that authorizer would (the local server
    /// behind a council's own sign-in, or a provider standing in for Cognito).
    Oidc(std::sync::Arc<OidcVerifier>),
}

/// An authenticated officer and the councils they work for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub officer: OfficerId,
    pub name: String,
    pub grants: Vec<(CouncilId, Role)>,
}

impl Identity {
    /// The officer's highest role at `council`, if any.
    pub fn role_at(&self, council: &CouncilId) -> Option<Role> {
        self.grants
            .iter()
            .filter(|(c, _)| c == council)
            .map(|(_, r)| *r)
            .max()
    }
}

/// Why a request is not authenticated (401) — never which part failed, to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("no bearer token")]
    Missing,
    #[error("invalid token: {0}")]
    Invalid(TokenError),
    #[error("the token grants no council role")]
    NoGrants,
    #[error("sign-in link refused: {0}")]
    SignIn(SignInError),
}

impl Authenticator {
    pub async fn identify(&self, parts: &Parts, now: i64) -> Result<Identity, AuthError> {
        match self {
            Authenticator::LocalKey(key) => {
                let claims = key
                    .verify(bearer(parts)?, now)
                    .map_err(AuthError::Invalid)?;
                let role = claims.role;
                let grants = std::iter::once(claims.council)
                    .chain(claims.also)
                    .map(|c| (c, role))
                    .collect();
                Ok(Identity {
                    officer: claims.sub,
                    name: claims.name,
                    grants,
                })
            }
            Authenticator::ApiGatewayJwt => identity_from_authorizer(parts),
            Authenticator::Oidc(verifier) => verifier.verify(bearer(parts)?).await,
        }
    }
}

/// The bearer token of the `Authorization` header.
fn bearer(parts: &Parts) -> Result<&str, AuthError> {
    let header = parts
        .headers
        .get(http::header::AUTHORIZATION)
        .ok_or(AuthError::Missing)?;
    header
        .to_str()
        .ok()
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(AuthError::Missing)
}

fn identity_from_authorizer(parts: &Parts) -> Result<Identity, AuthError> {
    use lambda_http::request::RequestContext;
    let Some(RequestContext::ApiGatewayV2(ctx)) = parts.extensions.get::<RequestContext>() else {
        return Err(AuthError::Missing);
    };
    let claims = ctx
        .authorizer
        .as_ref()
        .and_then(|a| a.jwt.as_ref())
        .map(|jwt| &jwt.claims)
        .ok_or(AuthError::Missing)?;
    identity_from_claims(
        claims.get("sub").map(String::as_str).unwrap_or(""),
        claims.get("name").map(String::as_str),
        claims.get("email").map(String::as_str),
        claims
            .get("cognito:groups")
            .map(String::as_str)
            .unwrap_or(""),
    )
}

/// An officer from a verified token's claims, wherever it was verified: the subject, a
/// name to show (the name, else the email, else the subject) and the groups that grant
/// councils. A token granting none is refused.
pub fn identity_from_claims(
    sub: &str,
    name: Option<&str>,
    email: Option<&str>,
    groups: &str,
) -> Result<Identity, AuthError> {
    if sub.is_empty() {
        return Err(AuthError::Missing);
    }
    let name = name
        .or(email)
        .filter(|n| !n.is_empty())
        .unwrap_or(sub)
        .to_owned();
    let grants = parse_groups(groups);
    if grants.is_empty() {
        return Err(AuthError::NoGrants);
    }
    Ok(Identity {
        officer: OfficerId(sub.to_owned()),
        name,
        grants,
    })
}

/// Cognito groups as API Gateway passes them: `[demo:officer aberwen:manager]`, or a JSON
/// array, or comma-separated. Groups not of the form `{council}:{role}` are ignored.
pub fn parse_groups(raw: &str) -> Vec<(CouncilId, Role)> {
    raw.trim_matches(|c| c == '[' || c == ']')
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|g| g.trim_matches('"'))
        .filter_map(|group| {
            let (council, role) = group.split_once(':')?;
            Some((CouncilId::parse(council).ok()?, role.parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_parse_in_every_shape_api_gateway_uses() {
        let demo = CouncilId::parse("demo").unwrap();
        let aberwen = CouncilId::parse("aberwen").unwrap();
        let expected = vec![
            (demo.clone(), Role::Officer),
            (aberwen.clone(), Role::Manager),
        ];
        assert_eq!(parse_groups("[demo:officer aberwen:manager]"), expected);
        assert_eq!(
            parse_groups(r#"["demo:officer","aberwen:manager"]"#),
            expected
        );
        assert_eq!(
            parse_groups("demo:officer, aberwen:manager, admins, x:boss"),
            expected
        );
    }

    #[test]
    fn the_highest_role_at_a_council_counts() {
        let demo = CouncilId::parse("demo").unwrap();
        let identity = Identity {
            officer: OfficerId("a".into()),
            name: "A".into(),
            grants: vec![(demo.clone(), Role::Officer), (demo.clone(), Role::Manager)],
        };
        assert_eq!(identity.role_at(&demo), Some(Role::Manager));
        assert_eq!(identity.role_at(&CouncilId::parse("other").unwrap()), None);
    }
}
