//! Exchanging a console sign-in code for a short-lived officer token, once.
//!
//! Only the local server signs people in this way: in AWS, officers sign in with Cognito
//! and there is no key here to check a code with.

use crate::app::App;
use crate::auth::signin::SESSION_LIFETIME_SECONDS;
use crate::auth::{Authenticator, Claims, Role, SignInCode, SignInError};
use crate::store::{Counted, StoreError, UseCounter};
use feedback_shared::wire::SignedIn;
use time::OffsetDateTime;

/// Why a code was not exchanged.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// This deployment signs officers in another way (Cognito).
    #[error("sign-in links are for the local server only")]
    NotHere,
    #[error(transparent)]
    Refused(#[from] SignInError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks `code` and counts its one use; answers a token valid for
/// [`SESSION_LIFETIME_SECONDS`]. A second exchange of the same code is refused.
pub async fn exchange(app: &App, code: &str) -> Result<SignedIn, ExchangeError> {
    let Authenticator::LocalKey(key) = &app.auth else {
        return Err(ExchangeError::NotHere);
    };
    let now = app.clock.now();
    let code = SignInCode::open(key, code, now.unix_timestamp())?;
    let counter = UseCounter {
        key: format!("signin#{}", code.nonce),
        limit: 1,
        expires_at: OffsetDateTime::from_unix_timestamp(code.exp).unwrap_or(now),
    };
    if app.store.count_uses(&[counter], now).await? != Counted::Counted {
        return Err(SignInError::Used.into());
    }
    let mut councils = code.councils.into_iter();
    let own = councils.next().ok_or(SignInError::Malformed)?;
    let mut claims = Claims::new(
        code.officer,
        code.name,
        own,
        code.role,
        now.unix_timestamp(),
    );
    claims.also = councils.collect();
    claims.exp = claims.iat + SESSION_LIFETIME_SECONDS;
    Ok(SignedIn {
        token: key.mint(&claims),
        expires_at: claims.exp,
        officer: claims.sub.0.clone(),
        name: claims.name.clone(),
        councils: std::iter::once(&claims.council)
            .chain(&claims.also)
            .map(|c| c.as_str().to_owned())
            .collect(),
        role: match claims.role {
            Role::Officer => "officer",
            Role::Manager => "manager",
        }
        .to_owned(),
    })
}
