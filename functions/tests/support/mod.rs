//! Shared by the integration tests that need stores or case fixtures.
#![allow(dead_code)]

pub mod dynamodb;
pub mod fixtures;
pub mod kept;
pub mod moto;
pub mod recorder;
pub mod smtp_server;
pub mod welsh;
