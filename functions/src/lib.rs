//! Council Feedback's backend as a library. Binaries only wire these together.
//!
//! In layers, each using only those below it (no module of this crate imports one that
//! imports it back):
//!
//! - the HTTP API ([`api`]) parses requests and shapes answers, and reaches cases only
//!   through the use cases; the local server ([`server`]) and the Lambda wiring
//!   ([`lambda`]) build the application around it;
//! - the use cases: [`cases`] (submitting, working and reading cases, what residents may
//!   do), [`reports`], the year's self-assessment and improvements ([`annual`]) and
//!   the scheduled [`jobs`]; they know nothing of HTTP;
//! - what they use: the application's parts ([`app`]), who hears what and how it is sent
//!   ([`notify`]), where cases live ([`store`]), what waits to be sent ([`outbox`]),
//!   council configuration ([`config`]), officers' identities ([`auth`]), the time
//!   ([`clock`]), the bank holidays ([`calendar_source`]), and the report's rendering
//!   ([`report_render`], with [`html`] escaping).
//!
//! The rules themselves (deadlines, the procedure, labels) are the domain's, in
//! `feedback_shared`.

pub mod annual;
pub mod api;
pub mod app;
pub mod auth;
pub mod calendar_source;
pub mod cases;
pub mod clock;
pub mod config;
pub mod dashboard;
pub mod html;
pub mod jobs;
pub mod lambda;
pub mod notify;
pub mod outbox;
pub mod report_render;
pub mod reports;
pub mod server;
pub mod store;
pub mod widget_files;
