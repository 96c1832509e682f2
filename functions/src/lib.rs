//! Council Feedback's backend as a library: council configuration, the commands of the
//! `feedback` binary, and (as the other parts land) the HTTP API, the reminder job and
//! the storage and notification adapters. Binaries only wire these together.

pub mod api;
pub mod app;
pub mod auth;
pub mod calendar_source;
pub mod cases;
pub mod clock;
pub mod config;
pub mod html;
pub mod jobs;
pub mod lambda;
pub mod notify;
pub mod outbox;
pub mod report_render;
pub mod reports;
pub mod server;
pub mod store;
