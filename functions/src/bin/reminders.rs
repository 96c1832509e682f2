//! The `reminders` Lambda function, invoked every 15 minutes by EventBridge Scheduler:
//! claims due reminders, runs a batch of the retention job and sends queued messages
//! through SES. Safe to run twice at once
//! or to retry: see `feedback_functions::jobs::reminders` for the guarantees.

use feedback_functions::jobs::tick;
use feedback_functions::lambda::{api_app_from_env, init_logging};
use feedback_functions::notify::adapters::{self, NotifierConfig};
use lambda_http::lambda_runtime::{self, LambdaEvent, service_fn};

/// The SES configuration set to send through, if any.
const CONFIGURATION_SET_ENV: &str = "SES_CONFIGURATION_SET";

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    init_logging();
    let app = api_app_from_env().await?;
    let configuration_set = std::env::var(CONFIGURATION_SET_ENV)
        .ok()
        .filter(|v| !v.is_empty());
    let notifier = adapters::build(&NotifierConfig::Ses { configuration_set }).await?;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| {
        let (app, notifier) = (app.clone(), notifier.clone());
        async move {
            // Each invocation leases as itself, so a retried one never steals a live lease.
            let owner = format!("lambda-{}", event.context.request_id);
            let done = tick(&app, notifier.as_ref(), &owner).await?;
            tracing::info!(
                claimed = done.reminders_claimed,
                sent = done.messages_sent,
                retried = done.messages_retried,
                anonymised = done.cases_anonymised,
                "reminders run"
            );
            Ok::<_, lambda_runtime::Error>(serde_json::to_value(done)?)
        }
    }))
    .await
}
