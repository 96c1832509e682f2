//! Wiring for the Lambda binaries: everything comes from environment variables set by
//! the SAM template.

use crate::app::{App, SharedApp};
use crate::auth::{Authenticator, SigningKey};
use crate::calendar_source::load_calendar;
use crate::clock::SystemClock;
use crate::config::{default_config_dir, load_councils};
use crate::store::dynamodb::DynamoStore;
use std::sync::Arc;

/// The DynamoDB table name.
pub const TABLE_ENV: &str = "TABLE_NAME";
/// Hex secret deriving residents' status tokens (from Secrets Manager or SSM).
pub const STATUS_SECRET_ENV: &str = "STATUS_TOKEN_SECRET";

fn required(name: &str) -> Result<String, String> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("{name} is not set"))
}

/// JSON logs without ANSI colours, as CloudWatch wants them.
pub fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_current_span(false)
        .without_time()
        .try_init();
}

/// The application as the `api` function runs it.
pub async fn api_app_from_env() -> Result<SharedApp, String> {
    let councils = load_councils(&default_config_dir()).map_err(|e| e.to_string())?;
    let calendar = load_calendar(None)?;
    let secret = hex::decode(required(STATUS_SECRET_ENV)?)
        .map_err(|e| format!("{STATUS_SECRET_ENV}: {e}"))?;
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let store = DynamoStore::new(aws_sdk_dynamodb::Client::new(&config), required(TABLE_ENV)?);
    Ok(Arc::new(App {
        councils,
        calendar,
        store: Arc::new(store),
        clock: Arc::new(SystemClock),
        auth: Authenticator::ApiGatewayJwt,
        status_secret: SigningKey::from_bytes(secret),
    }))
}
