//! A council's API keys: one item each beside its cases, the record as JSON (holding only
//! the secret's hash).

use super::items::{RECORD, case_pk, from_json, s, string, to_json};
use super::requests::{is_condition_failure, sdk};
use super::{DynamoStore, PK, SK};
use crate::store::{ApiKeyRecord, StoreError, StoreResult};
use feedback_shared::CouncilId;
use time::OffsetDateTime;

const API_KEY_PREFIX: &str = "APIKEY#";

fn api_key_sk(id: &str) -> String {
    format!("{API_KEY_PREFIX}{id}")
}

async fn put(
    store: &DynamoStore,
    council: &CouncilId,
    key: &ApiKeyRecord,
    condition: &str,
) -> StoreResult<bool> {
    let result = store
        .client
        .put_item()
        .table_name(&store.table)
        .item(PK, s(case_pk(council)))
        .item(SK, s(api_key_sk(&key.id)))
        .item(RECORD, s(to_json(key)?))
        .condition_expression(condition)
        .expression_attribute_names("#pk", PK)
        .send()
        .await;
    match result {
        Ok(_) => Ok(true),
        Err(e) if is_condition_failure(&e) => Ok(false),
        Err(e) => Err(sdk(e)),
    }
}

pub(super) async fn put_api_key(
    store: &DynamoStore,
    council: &CouncilId,
    key: &ApiKeyRecord,
) -> StoreResult<()> {
    if put(store, council, key, "attribute_not_exists(#pk)").await? {
        Ok(())
    } else {
        Err(StoreError::Backend("that API key id is taken".into()))
    }
}

pub(super) async fn api_keys(
    store: &DynamoStore,
    council: &CouncilId,
) -> StoreResult<Vec<ApiKeyRecord>> {
    let mut keys = store
        .items_with_prefix(case_pk(council), API_KEY_PREFIX)
        .await?
        .iter()
        .map(|item| from_json(string(item, RECORD)?))
        .collect::<StoreResult<Vec<ApiKeyRecord>>>()?;
    keys.sort_by_key(|k| k.created_at);
    Ok(keys)
}

pub(super) async fn revoke_api_key(
    store: &DynamoStore,
    council: &CouncilId,
    id: &str,
    at: OffsetDateTime,
) -> StoreResult<ApiKeyRecord> {
    let item = store
        .get_item(case_pk(council), api_key_sk(id))
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut key: ApiKeyRecord = from_json(string(&item, RECORD)?)?;
    if key.revoked_at.is_none() {
        key.revoked_at = Some(at);
        // Only over the item read: a key is never brought back by a late write.
        put(store, council, &key, "attribute_exists(#pk)").await?;
    }
    Ok(key)
}
