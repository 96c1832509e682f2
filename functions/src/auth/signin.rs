//! One-time sign-in codes for the console on the local server.
//!
//! `feedback signin` prints a link whose code says who is signing in (officer, name, role,
//! councils), until when (a few minutes) and a random nonce, signed with the local key.
//! The console exchanges the code once for a short-lived officer token (see
//! `cases::signin`). A code is not a token: it is signed under its own label, so the one
//! cannot pass for the other.

use super::token::{Role, SigningKey};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use feedback_shared::{CouncilId, OfficerId};
use serde::{Deserialize, Serialize};

/// How long a sign-in link works.
pub const CODE_LIFETIME_SECONDS: i64 = 5 * 60;
/// How long the token a code is exchanged for works.
pub const SESSION_LIFETIME_SECONDS: i64 = 60 * 60;
/// Separates these signatures from every other use of the key.
const LABEL: &[u8] = b"console-signin";

/// What a sign-in code carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInCode {
    pub officer: OfficerId,
    pub name: String,
    /// The officer's councils, their own first; never empty.
    pub councils: Vec<CouncilId>,
    pub role: Role,
    /// Unix seconds after which the code no longer works.
    pub exp: i64,
    /// Makes each code its own, so its single use is counted against it alone.
    pub nonce: String,
}

impl SignInCode {
    /// A fresh code for an officer, valid for [`CODE_LIFETIME_SECONDS`] from `now`.
    pub fn new(
        officer: OfficerId,
        name: String,
        councils: Vec<CouncilId>,
        role: Role,
        now: i64,
    ) -> Self {
        SignInCode {
            officer,
            name,
            councils,
            role,
            exp: now + CODE_LIFETIME_SECONDS,
            nonce: URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>()),
        }
    }

    /// `{payload}.{mac}`, both base64url: safe in a URL's fragment or query.
    pub fn seal(&self, key: &SigningKey) -> String {
        let payload =
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("a sign-in code serialises"));
        let mac = URL_SAFE_NO_PAD.encode(key.sign_parts(&[LABEL, payload.as_bytes()]));
        format!("{payload}.{mac}")
    }

    /// The code in `sealed` if `key` signed it and it has not expired at `now`.
    pub fn open(key: &SigningKey, sealed: &str, now: i64) -> Result<Self, SignInError> {
        let (payload, mac) = sealed
            .trim()
            .split_once('.')
            .ok_or(SignInError::Malformed)?;
        let mac = URL_SAFE_NO_PAD
            .decode(mac)
            .map_err(|_| SignInError::Malformed)?;
        let expected = key.sign_parts(&[LABEL, payload.as_bytes()]);
        if !constant_time_eq(&mac, &expected) {
            return Err(SignInError::BadSignature);
        }
        let code: SignInCode = URL_SAFE_NO_PAD
            .decode(payload)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or(SignInError::Malformed)?;
        if code.councils.is_empty() {
            return Err(SignInError::Malformed);
        }
        if now >= code.exp {
            return Err(SignInError::Expired);
        }
        if code.exp - now > CODE_LIFETIME_SECONDS + super::token::CLOCK_LEEWAY_SECONDS {
            return Err(SignInError::Malformed);
        }
        Ok(code)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Why a sign-in code was refused. Callers are told only that the link does not work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    #[error("the sign-in code is malformed")]
    Malformed,
    #[error("the sign-in code's signature does not match")]
    BadSignature,
    #[error("the sign-in code has expired")]
    Expired,
    #[error("the sign-in code was used already")]
    Used,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(now: i64) -> SignInCode {
        SignInCode::new(
            OfficerId("ann-jones".into()),
            "Ann Jones".into(),
            vec![CouncilId::parse("demo").unwrap()],
            Role::Officer,
            now,
        )
    }

    #[test]
    fn a_sealed_code_opens_with_its_key_until_it_expires() {
        let key = SigningKey::generate();
        let sealed = code(1_000).seal(&key);
        assert_eq!(
            SignInCode::open(&key, &sealed, 1_000).unwrap().name,
            "Ann Jones"
        );
        assert_eq!(
            SignInCode::open(&key, &sealed, 1_000 + CODE_LIFETIME_SECONDS),
            Err(SignInError::Expired)
        );
    }

    #[test]
    fn another_key_or_a_changed_payload_is_refused() {
        let key = SigningKey::generate();
        let sealed = code(1_000).seal(&key);
        assert_eq!(
            SignInCode::open(&SigningKey::generate(), &sealed, 1_000),
            Err(SignInError::BadSignature)
        );
        let mut forged = code(1_000);
        forged.role = Role::Manager;
        let (_, mac) = sealed.split_once('.').unwrap();
        let (payload, _) = forged
            .seal(&key)
            .split_once('.')
            .map(|(p, m)| (p.to_owned(), m.to_owned()))
            .unwrap();
        assert_eq!(
            SignInCode::open(&key, &format!("{payload}.{mac}"), 1_000),
            Err(SignInError::BadSignature)
        );
        assert_eq!(
            SignInCode::open(&key, "nonsense", 1_000),
            Err(SignInError::Malformed)
        );
    }

    #[test]
    fn a_code_is_not_an_officer_token_nor_a_token_a_code() {
        let key = SigningKey::generate();
        let sealed = code(1_000).seal(&key);
        assert!(key.verify(&sealed, 1_000).is_err());
        let token = key.mint(&super::super::Claims::new(
            OfficerId("a".into()),
            "A".into(),
            CouncilId::parse("demo").unwrap(),
            Role::Officer,
            1_000,
        ));
        assert!(SignInCode::open(&key, &token, 1_000).is_err());
    }

    #[test]
    fn two_codes_for_the_same_officer_have_different_nonces() {
        assert_ne!(code(1_000).nonce, code(1_000).nonce);
    }
}
