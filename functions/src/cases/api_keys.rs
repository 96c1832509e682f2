//! API keys for server-to-server submissions (a council's CRM or contact-centre system),
//! issued and revoked by a manager. A key is `cfk_{id}_{secret}`: the id finds the
//! record, and only SHA-256 of the secret is kept, compared in constant time. The secret is
//! 256 random bits, so a plain hash is enough (no password-style stretching is needed).

use super::CaseError;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::store::ApiKeyRecord;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use feedback_shared::OfficerId;
use feedback_shared::wire::{ApiKeyView, IssuedApiKey};
use sha2::{Digest, Sha256};

const PREFIX: &str = "cfk_";
const MAX_LABEL: usize = 100;

fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub fn view(record: &ApiKeyRecord) -> ApiKeyView {
    ApiKeyView {
        id: record.id.clone(),
        label: record.label.clone(),
        created_at: record.created_at,
        created_by: record.created_by.clone(),
        revoked_at: record.revoked_at,
    }
}

/// A new key for `council`, labelled by the manager; its secret is in the answer only.
pub async fn issue(
    app: &App,
    council: &CouncilConfig,
    label: &str,
    manager: &OfficerId,
) -> Result<IssuedApiKey, CaseError> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > MAX_LABEL || label.chars().any(char::is_control)
    {
        return Err(CaseError::BadInput(format!(
            "label: 1 to {MAX_LABEL} characters on one line, saying what the key is for"
        )));
    }
    let id = hex::encode(rand::random::<[u8; 8]>());
    let secret = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let record = ApiKeyRecord {
        id: id.clone(),
        label: label.to_owned(),
        secret_hash: secret_hash(&secret),
        created_at: app.clock.now(),
        created_by: manager.0.clone(),
        revoked_at: None,
    };
    app.store.put_api_key(&council.id, &record).await?;
    tracing::info!(council = %council.id, key = %id, "API key issued");
    Ok(IssuedApiKey {
        key: format!("{PREFIX}{id}_{secret}"),
        api_key: view(&record),
    })
}

pub async fn list(app: &App, council: &CouncilConfig) -> Result<Vec<ApiKeyView>, CaseError> {
    Ok(app
        .store
        .api_keys(&council.id)
        .await?
        .iter()
        .map(view)
        .collect())
}

pub async fn revoke(app: &App, council: &CouncilConfig, id: &str) -> Result<ApiKeyView, CaseError> {
    let record = app
        .store
        .revoke_api_key(&council.id, id, app.clock.now())
        .await?;
    tracing::info!(council = %council.id, key = %id, "API key revoked");
    Ok(view(&record))
}

/// The council's live key that `presented` is; [`CaseError::BadApiKey`] for a malformed,
/// unknown, other council's or revoked key alike.
pub async fn verify(
    app: &App,
    council: &CouncilConfig,
    presented: &str,
) -> Result<ApiKeyRecord, CaseError> {
    let (id, secret) = presented
        .trim()
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.split_once('_'))
        .ok_or(CaseError::BadApiKey)?;
    let keys = app.store.api_keys(&council.id).await?;
    let record = keys
        .into_iter()
        .find(|k| k.id == id && k.revoked_at.is_none())
        .ok_or(CaseError::BadApiKey)?;
    let (expected, given) = (record.secret_hash.as_bytes(), secret_hash(secret));
    let same = expected.len() == given.len()
        && expected
            .iter()
            .zip(given.as_bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0;
    if same {
        Ok(record)
    } else {
        Err(CaseError::BadApiKey)
    }
}
