//! Shared by the integration tests that need stores or case fixtures.
#![allow(dead_code)]

pub mod fixtures;
pub mod moto;
pub mod smtp_server;
