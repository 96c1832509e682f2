//! The table itself: created as the module documentation describes, for tests and first
//! deployments by hand (the SAM template creates the same table in AWS).

use super::queue::{FILTERED, QUEUE_INDEXES, QUEUE_PK};
use super::requests::{backend, sdk};
use super::{
    DUE_DAY, DUE_INDEX, DUE_SK, DynamoStore, PK, RET_PK, RET_SK, RETENTION_INDEX, SK, TTL_ATTRIBUTE,
};
use crate::store::{StoreError, StoreResult};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, IndexStatus, KeySchemaElement, KeyType,
    Projection, ProjectionType, ScalarAttributeType, TableStatus, TimeToLiveSpecification,
};
use std::time::Duration;

impl DynamoStore {
    /// Creates the table as the module documentation describes, waits until it (and its
    /// index) is active, then enables time to live. For tests and first deployments by
    /// hand; the SAM template creates the same table in AWS.
    pub async fn create_table(&self) -> StoreResult<()> {
        let string_attribute = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .map_err(backend)
        };
        let key = |name: &str, key_type: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(key_type)
                .build()
                .map_err(backend)
        };
        let due_index = GlobalSecondaryIndex::builder()
            .index_name(DUE_INDEX)
            .key_schema(key(DUE_DAY, KeyType::Hash)?)
            .key_schema(key(DUE_SK, KeyType::Range)?)
            .projection(
                Projection::builder()
                    .projection_type(ProjectionType::All)
                    .build(),
            )
            .build()
            .map_err(backend)?;
        let retention_index = GlobalSecondaryIndex::builder()
            .index_name(RETENTION_INDEX)
            .key_schema(key(RET_PK, KeyType::Hash)?)
            .key_schema(key(RET_SK, KeyType::Range)?)
            .projection(
                Projection::builder()
                    .projection_type(ProjectionType::KeysOnly)
                    .build(),
            )
            .build()
            .map_err(backend)?;
        let mut create = self.client.create_table();
        for (_, name, sort_key) in QUEUE_INDEXES {
            let index = GlobalSecondaryIndex::builder()
                .index_name(name)
                .key_schema(key(QUEUE_PK, KeyType::Hash)?)
                .key_schema(key(sort_key, KeyType::Range)?)
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::Include)
                        .set_non_key_attributes(Some(
                            FILTERED.iter().map(|a| (*a).to_owned()).collect(),
                        ))
                        .build(),
                )
                .build()
                .map_err(backend)?;
            create = create
                .global_secondary_indexes(index)
                .attribute_definitions(string_attribute(sort_key)?);
        }
        create
            .attribute_definitions(string_attribute(QUEUE_PK)?)
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(string_attribute(PK)?)
            .attribute_definitions(string_attribute(SK)?)
            .attribute_definitions(string_attribute(DUE_DAY)?)
            .attribute_definitions(string_attribute(DUE_SK)?)
            .key_schema(key(PK, KeyType::Hash)?)
            .key_schema(key(SK, KeyType::Range)?)
            .global_secondary_indexes(due_index)
            .global_secondary_indexes(retention_index)
            .attribute_definitions(string_attribute(RET_PK)?)
            .attribute_definitions(string_attribute(RET_SK)?)
            .send()
            .await
            .map_err(sdk)?;
        self.wait_until_active().await?;
        self.client
            .update_time_to_live()
            .table_name(&self.table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(TTL_ATTRIBUTE)
                    .enabled(true)
                    .build()
                    .map_err(backend)?,
            )
            .send()
            .await
            .map_err(sdk)?;
        Ok(())
    }

    /// Polls until the table and every index on it are active (about five minutes at most).
    async fn wait_until_active(&self) -> StoreResult<()> {
        for _ in 0..300 {
            let described = self
                .client
                .describe_table()
                .table_name(&self.table)
                .send()
                .await
                .map_err(sdk)?;
            let table = described.table();
            let table_active = table.and_then(|t| t.table_status()) == Some(&TableStatus::Active);
            let indexes_active = table
                .map(|t| t.global_secondary_indexes())
                .unwrap_or_default()
                .iter()
                .all(|i| i.index_status() == Some(&IndexStatus::Active));
            if table_active && indexes_active {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        Err(StoreError::Backend(format!(
            "table {} did not become active",
            self.table
        )))
    }
}
