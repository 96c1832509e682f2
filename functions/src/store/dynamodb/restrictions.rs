//! A council's contact restrictions: one item each in the council's partition beside its
//! cases (`RESTRICTION#{id}`), the record as JSON and its version as a number, so a review
//! is a conditional write on the version read. Listed with a Query on the partition and
//! the prefix, never a scan. Never deleted: ended ones stay on record.

use super::items::{RECORD, VERSION, case_pk, from_json, number, s, string, to_json};
use super::requests::{is_condition_failure, sdk};
use super::{DynamoStore, PK, SK};
use crate::store::{StoreError, StoreResult, sort_restrictions};
use aws_sdk_dynamodb::types::AttributeValue;
use feedback_shared::CouncilId;
use feedback_shared::restriction::Restriction;

const RESTRICTION_PREFIX: &str = "RESTRICTION#";

fn restriction_sk(id: &str) -> String {
    format!("{RESTRICTION_PREFIX}{id}")
}

pub(super) async fn put_restriction(
    store: &DynamoStore,
    council: &CouncilId,
    restriction: &Restriction,
    expected: Option<u64>,
) -> StoreResult<()> {
    let request = store
        .client
        .put_item()
        .table_name(&store.table)
        .item(PK, s(case_pk(council)))
        .item(SK, s(restriction_sk(&restriction.id)))
        .item(RECORD, s(to_json(restriction)?))
        .item(VERSION, AttributeValue::N(restriction.version.to_string()))
        .expression_attribute_names("#pk", PK);
    let request = match expected {
        None => request.condition_expression("attribute_not_exists(#pk)"),
        Some(expected) => request
            .condition_expression("attribute_exists(#pk) AND #v = :expected")
            .expression_attribute_names("#v", VERSION)
            .expression_attribute_values(":expected", AttributeValue::N(expected.to_string())),
    };
    match request.send().await {
        Ok(_) => Ok(()),
        Err(e) if is_condition_failure(&e) => Err(match expected {
            // The id is taken: the caller's new restriction is not written over it.
            None => StoreError::VersionConflict { expected: 0 },
            Some(expected) => {
                match store
                    .get_item(case_pk(council), restriction_sk(&restriction.id))
                    .await?
                {
                    None => StoreError::NotFound,
                    Some(_) => StoreError::VersionConflict { expected },
                }
            }
        }),
        Err(e) => Err(sdk(e)),
    }
}

pub(super) async fn restrictions(
    store: &DynamoStore,
    council: &CouncilId,
) -> StoreResult<Vec<Restriction>> {
    let mut all = store
        .items_with_prefix(case_pk(council), RESTRICTION_PREFIX)
        .await?
        .iter()
        .map(|item| {
            let mut restriction: Restriction = from_json(string(item, RECORD)?)?;
            // The number the condition checks is the one that counts.
            restriction.version = number(item, VERSION)?;
            Ok(restriction)
        })
        .collect::<StoreResult<Vec<_>>>()?;
    sort_restrictions(&mut all);
    Ok(all)
}
