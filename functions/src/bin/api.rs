//! The `api` Lambda function: the same router as the local server, behind API Gateway
//! (HTTP API, payload v2), with officers authenticated by its Cognito JWT authorizer.

use feedback_functions::lambda::{api_app_from_env, init_logging};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    let app = match api_app_from_env().await {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = %e, "cannot start");
            return ExitCode::FAILURE;
        }
    };
    match lambda_http::run(feedback_functions::api::router(app)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "runtime stopped");
            ExitCode::FAILURE
        }
    }
}
