//! Residents' equality answers: one item each, under the council and year only.

use super::DynamoStore;
use super::items::{ANSWERS, equality_pk, s, to_json};
use super::requests::sdk;
use super::{PK, SK};
use crate::store::{StoreError, StoreResult};
use feedback_shared::CouncilId;
use feedback_shared::equality::EqualityAnswers;

pub(super) async fn record_equality(
    store: &DynamoStore,
    council: &CouncilId,
    year: i32,
    answers: &EqualityAnswers,
) -> StoreResult<()> {
    // A random sort key: nothing in the item says when in the year, or after which
    // case, the answers came.
    let sk = format!("{:032x}", rand::random::<u128>());
    store
        .client
        .put_item()
        .table_name(&store.table)
        .item(PK, s(equality_pk(council, year)))
        .item(SK, s(sk))
        .item(ANSWERS, s(to_json(answers)?))
        .condition_expression("attribute_not_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .send()
        .await
        .map_err(sdk)?;
    Ok(())
}

pub(super) async fn equality_answers(
    store: &DynamoStore,
    council: &CouncilId,
    year: i32,
) -> StoreResult<Vec<EqualityAnswers>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("#pk = :pk")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_values(":pk", s(equality_pk(council, year)));
    store
        .query_all(query)
        .await?
        .iter()
        .map(|item| {
            let json = item
                .get(ANSWERS)
                .and_then(|v| v.as_s().ok())
                .ok_or_else(|| StoreError::backend("an equality item has no answers"))?;
            serde_json::from_str(json).map_err(StoreError::backend)
        })
        .collect()
}
