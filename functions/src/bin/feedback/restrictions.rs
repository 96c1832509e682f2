//! `feedback restrictions`: the council's contact restrictions from the local data, as
//! JSON: how many are in force and ended, and each one's kinds and dates, never the
//! person or the behaviour (the console and the API, for managers, have those). With
//! `--record` or `--review`, a manager records or reviews one (the API's JSON bodies).

use crate::deadlines::ArgumentError;
use crate::personal_data::{Local, council, fail, refused};
use feedback_functions::cases::restrictions;
use feedback_functions::clock::FixedClock;
use feedback_functions::server::local_app;
use feedback_shared::OfficerId;
use feedback_shared::wire::{RestrictionDraft, RestrictionReviewDraft};
use std::sync::Arc;

/// What `feedback restrictions` is asked to do.
pub enum Change {
    /// Record a restriction: a `RestrictionDraft` as JSON.
    Record(String),
    /// Review one: its id and a `RestrictionReviewDraft` as JSON.
    Review { id: String, with: String },
}

/// Records or reviews a restriction as `officer`; prints its id, whether it is in force
/// and its review date (never the person or the behaviour).
pub fn change_command(
    local: Local,
    change: Change,
    officer: String,
) -> Result<String, ArgumentError> {
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| fail("restrictions")(e.to_string()))?;
    runtime.block_on(async {
        let now = time::OffsetDateTime::now_utc();
        let app =
            local_app(&local.paths(), Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        let council = council(&app, &local.council)?;
        let officer = OfficerId(officer);
        let changed = match change {
            Change::Record(json) => {
                let draft: RestrictionDraft = serde_json::from_str(&json).map_err(|e| {
                    fail("--record")(format!("not a restriction as the API takes it ({e})"))
                })?;
                restrictions::record(&app, council, &draft, &officer)
                    .await
                    .map_err(refused("--record"))?
            }
            Change::Review { id, with } => {
                let draft: RestrictionReviewDraft = serde_json::from_str(&with).map_err(|e| {
                    fail("--with")(format!("not a review as the API takes it ({e})"))
                })?;
                restrictions::review(&app, council, &id, &draft, &officer)
                    .await
                    .map_err(refused("--review"))?
            }
        };
        let answer = serde_json::json!({
            "id": changed.id,
            "active": changed.is_active(),
            "review_on": changed.is_active().then(|| changed.review_on.to_string()),
            "ended_on": changed.ended.as_ref().map(|e| e.on.to_string()),
        });
        serde_json::to_string(&answer).map_err(|e| fail("restrictions")(e.to_string()))
    })
}

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
