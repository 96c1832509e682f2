//! `feedback restrictions`: the council's contact restrictions from the local data, as
//! JSON: how many are in force and ended, and each one's kinds and dates, never the
//! person or the behaviour (the console and the API, for managers, have those).

use crate::deadlines::ArgumentError;
use crate::personal_data::{Local, council, fail};
use feedback_functions::cases::restrictions;
use feedback_functions::clock::FixedClock;
use feedback_functions::server::local_app;
use std::sync::Arc;

/// The listing, as JSON text.
pub fn restrictions_command(local: Local) -> Result<String, ArgumentError> {
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| fail("restrictions")(e.to_string()))?;
    runtime.block_on(async {
        let now = time::OffsetDateTime::now_utc();
        let app =
            local_app(&local.paths(), Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        let council = council(&app, &local.council)?;
        let all = restrictions::list(&app, council)
            .await
            .map_err(|e| fail("restrictions")(e.to_string()))?;
        let listed: Vec<serde_json::Value> = all
            .iter()
            .map(|r| {
                let kinds: Vec<serde_json::Value> = r
                    .restricted
                    .iter()
                    .map(|x| serde_json::to_value(x).map(|v| v["kind"].clone()))
                    .collect::<Result<_, _>>()
                    .unwrap_or_default();
                serde_json::json!({
                    "id": r.id,
                    "active": r.is_active(),
                    "kinds": kinds,
                    "decided_on": r.decided_on.to_string(),
                    "review_on": r.is_active().then(|| r.review_on.to_string()),
                    "ended_on": r.ended.as_ref().map(|e| e.on.to_string()),
                    "reviews": r.reviews.len(),
                })
            })
            .collect();
        let active = all.iter().filter(|r| r.is_active()).count();
        let answer = serde_json::json!({
            "council": council.id.to_string(),
            "in_force": active,
            "ended": all.len() - active,
            "restrictions": listed,
        });
        serde_json::to_string_pretty(&answer).map_err(|e| fail("restrictions")(e.to_string()))
    })
}
