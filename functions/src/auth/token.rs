//! Officer tokens for the local server: compact JWTs signed with HMAC-SHA-256 (HS256)
//! by a key generated on first run. In AWS, Cognito issues the tokens and API Gateway's
//! JWT authorizer checks them instead (see [`super::Authenticator`]).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use feedback_shared::{CouncilId, OfficerId};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::path::Path;

/// How long a minted token is valid.
pub const TOKEN_LIFETIME_SECONDS: i64 = 12 * 60 * 60;
/// The longest lifetime (`exp - iat`) a token may claim, whoever made it.
pub const MAX_TOKEN_LIFETIME_SECONDS: i64 = 24 * 60 * 60;
/// How far the clock of whoever minted a token may run ahead of ours (`iat`, `nbf`).
pub const CLOCK_LEEWAY_SECONDS: i64 = 60;
const ISSUER: &str = "council-feedback";

/// What an officer may do. A manager may do everything an officer may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Officer,
    Manager,
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "officer" => Ok(Role::Officer),
            "manager" => Ok(Role::Manager),
            other => Err(format!("`{other}` is not officer or manager")),
        }
    }
}

/// The claims of an officer token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: OfficerId,
    pub name: String,
    pub council: CouncilId,
    pub role: Role,
    /// Further councils with the same role: a partnership's shared officers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<CouncilId>,
    pub iss: String,
    pub iat: i64,
    /// Not valid before this time, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    pub exp: i64,
}

impl Claims {
    pub fn new(officer: OfficerId, name: String, council: CouncilId, role: Role, now: i64) -> Self {
        Claims {
            sub: officer,
            name,
            council,
            role,
            also: Vec::new(),
            iss: ISSUER.to_owned(),
            iat: now,
            nbf: None,
            exp: now + TOKEN_LIFETIME_SECONDS,
        }
    }
}

/// Why a token was refused. Deliberately vague to callers; precise in tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token is malformed")]
    Malformed,
    #[error("the token's signature does not match")]
    BadSignature,
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid yet")]
    NotYetValid,
    #[error("the token claims a lifetime longer than allowed")]
    TooLongLived,
}

/// The secret that signs officer tokens (and derives residents' status tokens).
#[derive(Clone)]
pub struct SigningKey(Vec<u8>);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(..)")
    }
}

impl SigningKey {
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        SigningKey(bytes)
    }

    pub fn generate() -> Self {
        SigningKey(rand::random::<[u8; 32]>().to_vec())
    }

    /// Reads the hex key at `path`, creating it (readable by the owner only) when absent.
    pub fn load_or_create(path: &Path) -> std::io::Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                make_private(path)?;
                hex::decode(text.trim()).map(SigningKey).map_err(|e| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("{}: {e}", path.display()),
                    )
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = SigningKey::generate();
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    create_private_dir(dir)?;
                }
                write_private(path, &hex::encode(&key.0))?;
                Ok(key)
            }
            Err(e) => Err(e),
        }
    }

    fn mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC takes keys of any length")
    }

    /// HMAC-SHA-256 of `parts`, each length-prefixed so no two inputs collide.
    pub fn sign_parts(&self, parts: &[&[u8]]) -> Vec<u8> {
        let mut mac = self.mac();
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        mac.finalize().into_bytes().to_vec()
    }

    pub fn mint(&self, claims: &Claims) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialise"));
        let signing_input = format!("{header}.{payload}");
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    /// Checks the signature (in constant time), the algorithm and the times at `now`:
    /// issued (`iat`) and valid from (`nbf`) no later than `now` give or take
    /// [`CLOCK_LEEWAY_SECONDS`], not expired, and a lifetime of at most
    /// [`MAX_TOKEN_LIFETIME_SECONDS`].
    pub fn verify(&self, token: &str, now: i64) -> Result<Claims, TokenError> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let header: serde_json::Value = URL_SAFE_NO_PAD
            .decode(header)
            .ok()
            .and_then(|h| serde_json::from_slice(&h).ok())
            .ok_or(TokenError::Malformed)?;
        if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
            return Err(TokenError::Malformed);
        }
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| TokenError::Malformed)?;
        let mut mac = self.mac();
        mac.update(format!("{}.{payload}", token.split('.').next().unwrap_or_default()).as_bytes());
        mac.verify_slice(&signature)
            .map_err(|_| TokenError::BadSignature)?;
        let claims: Claims = URL_SAFE_NO_PAD
            .decode(payload)
            .ok()
            .and_then(|p| serde_json::from_slice(&p).ok())
            .ok_or(TokenError::Malformed)?;
        if claims.iss != ISSUER {
            return Err(TokenError::Malformed);
        }
        if now >= claims.exp {
            return Err(TokenError::Expired);
        }
        let lifetime = claims.exp.checked_sub(claims.iat);
        if !lifetime.is_some_and(|l| (1..=MAX_TOKEN_LIFETIME_SECONDS).contains(&l)) {
            return Err(TokenError::TooLongLived);
        }
        let latest_start = now.saturating_add(CLOCK_LEEWAY_SECONDS);
        if claims.iat > latest_start || claims.nbf.is_some_and(|nbf| nbf > latest_start) {
            return Err(TokenError::NotYetValid);
        }
        Ok(claims)
    }
}

/// An existing key file that others could read becomes the owner's alone (0600).
#[cfg(unix)]
fn make_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode();
    if mode & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Creates `dir` (with its parents) for the key, the owner's alone (0700) when new.
#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(now: i64) -> Claims {
        Claims::new(
            OfficerId("ann".into()),
            "Ann".into(),
            CouncilId::parse("demo").unwrap(),
            Role::Officer,
            now,
        )
    }

    #[test]
    fn a_minted_token_verifies_until_it_expires() {
        let key = SigningKey::generate();
        let token = key.mint(&claims(1_000));
        assert_eq!(key.verify(&token, 1_000).unwrap(), claims(1_000));
        assert_eq!(
            key.verify(&token, 1_000 + TOKEN_LIFETIME_SECONDS),
            Err(TokenError::Expired)
        );
    }

    #[test]
    fn issue_and_start_times_allow_a_minute_of_clock_skew() {
        let key = SigningKey::generate();
        let now = 1_000_000;
        let ahead = key.mint(&claims(now + CLOCK_LEEWAY_SECONDS));
        assert!(key.verify(&ahead, now).is_ok());
        let too_far_ahead = key.mint(&claims(now + CLOCK_LEEWAY_SECONDS + 1));
        assert_eq!(
            key.verify(&too_far_ahead, now),
            Err(TokenError::NotYetValid)
        );
        let mut later = claims(now);
        later.nbf = Some(now + 3600);
        assert_eq!(
            key.verify(&key.mint(&later), now),
            Err(TokenError::NotYetValid)
        );
        later.nbf = Some(now + CLOCK_LEEWAY_SECONDS);
        assert!(key.verify(&key.mint(&later), now).is_ok());
    }

    #[test]
    fn lifetimes_beyond_a_day_are_refused() {
        let key = SigningKey::generate();
        let now = 1_000_000;
        let mut forever = claims(now);
        forever.exp = now + 1_000 * 365 * 24 * 3600;
        assert_eq!(
            key.verify(&key.mint(&forever), now),
            Err(TokenError::TooLongLived)
        );
        forever.exp = i64::MAX;
        forever.iat = i64::MIN;
        assert_eq!(
            key.verify(&key.mint(&forever), now),
            Err(TokenError::TooLongLived)
        );
        let mut day = claims(now);
        day.exp = now + MAX_TOKEN_LIFETIME_SECONDS;
        assert!(key.verify(&key.mint(&day), now).is_ok());
        day.exp += 1;
        assert_eq!(
            key.verify(&key.mint(&day), now),
            Err(TokenError::TooLongLived)
        );
    }

    #[test]
    fn another_key_or_a_changed_payload_is_refused() {
        let key = SigningKey::generate();
        let token = key.mint(&claims(1_000));
        assert_eq!(
            SigningKey::generate().verify(&token, 1_000),
            Err(TokenError::BadSignature)
        );
        let mut forged = claims(1_000);
        forged.role = Role::Manager;
        let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap());
        let parts: Vec<&str> = token.split('.').collect();
        let tampered = format!("{}.{forged_payload}.{}", parts[0], parts[2]);
        assert_eq!(key.verify(&tampered, 1_000), Err(TokenError::BadSignature));
    }

    #[test]
    fn alg_none_and_garbage_are_malformed() {
        let key = SigningKey::generate();
        let token = key.mint(&claims(1_000));
        let payload = token.split('.').nth(1).unwrap();
        let none = format!(
            "{}.{payload}.",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#)
        );
        assert_eq!(key.verify(&none, 1_000), Err(TokenError::Malformed));
        assert_eq!(key.verify("not-a-token", 1_000), Err(TokenError::Malformed));
    }

    #[test]
    fn the_key_file_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/signing.key");
        let first = SigningKey::load_or_create(&path).unwrap();
        let second = SigningKey::load_or_create(&path).unwrap();
        assert_eq!(first.0, second.0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}
