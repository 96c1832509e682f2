//! What the benchmark examples share: reading their arguments, a DynamoDB client that
//! counts its requests, and the process's peak memory.
#![allow(dead_code)] // each example uses part of it

pub mod demo_cases;
pub mod peak_rss;
mod request_counter;
pub mod same_rows;

pub use request_counter::RequestCounter;

/// The value after `--name`, if given.
pub fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// A comma-separated list of sizes after `--name`, else `default`.
pub fn sizes(args: &[String], name: &str, default: &[usize]) -> Vec<usize> {
    arg(args, name)
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| default.to_vec())
}

/// A client for the DynamoDB (DynamoDB Local, or moto) at `endpoint`, counting every request it sends.
pub async fn counted_client(endpoint: &str) -> (aws_sdk_dynamodb::Client, RequestCounter) {
    use aws_sdk_dynamodb::config::{Credentials, Region};
    let counter = RequestCounter::default();
    let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(Region::new("eu-west-2"))
        .credentials_provider(Credentials::new("bench", "bench", None, None, "bench"))
        .endpoint_url(endpoint)
        .load()
        .await;
    let config = aws_sdk_dynamodb::config::Builder::from(&sdk)
        .interceptor(counter.clone())
        .build();
    (aws_sdk_dynamodb::Client::from_conf(config), counter)
}
