//! The API through its router, in-process: one test binary, a fresh app per test.

mod adjustments;
mod annual;
mod auth;
mod console_files;
mod contract;
mod dashboard;
mod equality_report;
mod errors;
mod files;
mod headers;
mod helpers;
mod holds;
mod lambda;
mod limits;
mod messages;
mod models;
mod not_accepted;
mod officer;
mod oidc;
mod panic;
mod preview;
mod promised_actions;
mod public;
mod queue;
mod rectify;
mod reports;
mod restrictions;
mod returns;
mod sar;
mod signin;
mod spam;
#[path = "../support/mod.rs"]
mod support;
mod templates;
mod widget_files;
