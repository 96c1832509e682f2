//! A council's annual records (self-assessment, improvements, Ombudsman's letter): one
//! item per financial year beside its cases, the record as JSON and its version as a
//! number, so a save is a conditional write on the version read.

use super::items::{RECORD, VERSION, case_pk, from_json, s, string, to_json};
use super::requests::{is_condition_failure, sdk};
use super::{DynamoStore, PK};
use crate::store::{StoreError, StoreResult};
use aws_sdk_dynamodb::types::AttributeValue;
use feedback_shared::CouncilId;
use feedback_shared::wire::AnnualRecord;

fn annual_sk(year: i32) -> String {
    format!("ANNUAL#{year}")
}

pub(super) async fn annual_record(
    store: &DynamoStore,
    council: &CouncilId,
    year: i32,
) -> StoreResult<Option<AnnualRecord>> {
    match store.get_item(case_pk(council), annual_sk(year)).await? {
        None => Ok(None),
        Some(item) => Ok(Some(from_json(string(&item, RECORD)?)?)),
    }
}

pub(super) async fn put_annual_record(
    store: &DynamoStore,
    council: &CouncilId,
    record: &AnnualRecord,
    expected: Option<u64>,
) -> StoreResult<()> {
    let request = store
        .client
        .put_item()
        .table_name(&store.table)
        .item(PK, s(case_pk(council)))
        .item(super::SK, s(annual_sk(record.year)))
        .item(RECORD, s(to_json(record)?))
        .item(VERSION, AttributeValue::N(record.version.to_string()))
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
            // Someone saved the first version meanwhile.
            None => StoreError::VersionConflict { expected: 0 },
            Some(expected) => {
                match store
                    .get_item(case_pk(council), annual_sk(record.year))
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
