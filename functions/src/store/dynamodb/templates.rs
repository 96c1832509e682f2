//! A council's response templates: one item each beside its cases, the record as JSON and
//! its version as a number, so a change is a conditional write on the version read.

use super::items::{RECORD, VERSION, case_pk, from_json, number, s, string, to_json};
use super::requests::{is_condition_failure, sdk};
use super::{DynamoStore, PK, SK};
use crate::store::{StoreError, StoreResult, sort_templates};
use aws_sdk_dynamodb::types::AttributeValue;
use feedback_shared::CouncilId;
use feedback_shared::template::ResponseTemplate;

const TEMPLATE_PREFIX: &str = "TEMPLATE#";

fn template_sk(id: &str) -> String {
    format!("{TEMPLATE_PREFIX}{id}")
}

/// Why a conditional write on the template was refused: gone, or changed since.
async fn refusal(
    store: &DynamoStore,
    council: &CouncilId,
    id: &str,
    expected: u64,
) -> StoreResult<StoreError> {
    Ok(
        match store.get_item(case_pk(council), template_sk(id)).await? {
            None => StoreError::NotFound,
            Some(_) => StoreError::VersionConflict { expected },
        },
    )
}

pub(super) async fn put_template(
    store: &DynamoStore,
    council: &CouncilId,
    template: &ResponseTemplate,
    expected: Option<u64>,
) -> StoreResult<()> {
    let request = store
        .client
        .put_item()
        .table_name(&store.table)
        .item(PK, s(case_pk(council)))
        .item(SK, s(template_sk(&template.id)))
        .item(RECORD, s(to_json(template)?))
        .item(VERSION, AttributeValue::N(template.version.to_string()))
        .expression_attribute_names("#pk", PK);
    let request = match expected {
        None => request.condition_expression("attribute_not_exists(#pk)"),
        Some(expected) => request
            .condition_expression("attribute_exists(#pk) AND #v = :expected")
            .expression_attribute_names("#v", VERSION)
            .expression_attribute_values(":expected", AttributeValue::N(expected.to_string())),
    };
    match (request.send().await, expected) {
        (Ok(_), _) => Ok(()),
        (Err(e), None) if is_condition_failure(&e) => {
            Err(StoreError::Backend("that template id is taken".into()))
        }
        (Err(e), Some(expected)) if is_condition_failure(&e) => {
            Err(refusal(store, council, &template.id, expected).await?)
        }
        (Err(e), _) => Err(sdk(e)),
    }
}

pub(super) async fn templates(
    store: &DynamoStore,
    council: &CouncilId,
) -> StoreResult<Vec<ResponseTemplate>> {
    let mut templates = store
        .items_with_prefix(case_pk(council), TEMPLATE_PREFIX)
        .await?
        .iter()
        .map(|item| {
            let mut template: ResponseTemplate = from_json(string(item, RECORD)?)?;
            // The number the condition checks is the one that counts.
            template.version = number(item, VERSION)?;
            Ok(template)
        })
        .collect::<StoreResult<Vec<_>>>()?;
    sort_templates(&mut templates);
    Ok(templates)
}

pub(super) async fn delete_template(
    store: &DynamoStore,
    council: &CouncilId,
    id: &str,
    expected: u64,
) -> StoreResult<()> {
    let result = store
        .client
        .delete_item()
        .table_name(&store.table)
        .key(PK, s(case_pk(council)))
        .key(SK, s(template_sk(id)))
        .condition_expression("attribute_exists(#pk) AND #v = :expected")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#v", VERSION)
        .expression_attribute_values(":expected", AttributeValue::N(expected.to_string()))
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if is_condition_failure(&e) => Err(refusal(store, council, id, expected).await?),
        Err(e) => Err(sdk(e)),
    }
}
