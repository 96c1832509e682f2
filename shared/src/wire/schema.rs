//! OpenAPI schemas for the domain types whose JSON is not their Rust shape: a reference
//! travels as its text, a stage as its number.

use crate::{Reference, Stage};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
use utoipa::{PartialSchema, ToSchema};

impl PartialSchema for Reference {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .pattern(Some("^[A-Z0-9]{2,10}-[0-9]{4}-[0-9]{6,}$"))
            .examples(["DEMO-2026-000042"])
            .description(Some(
                "A case's reference: the council's prefix, the year and a sequence",
            ))
            .into()
    }
}

impl ToSchema for Reference {}

impl PartialSchema for Stage {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::Integer))
            .minimum(Some(1))
            .maximum(Some(2))
            .description(Some("The stage of the complaints procedure: 1 or 2"))
            .into()
    }
}

impl ToSchema for Stage {}
