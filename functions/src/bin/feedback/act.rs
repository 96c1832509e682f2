//! `feedback act`: any officer action on a case of the local data (acknowledge, respond,
//! promise or complete an action, agree or review adjustments, not accept on a ground,
//! close, …), given as the same JSON body as `POST …/cases/{reference}/actions`, through
//! the same use case. One command for every action keeps the command line from growing
//! a subcommand per action and drifting from the API.

use crate::deadlines::ArgumentError;
use crate::personal_data::{Local, council, fail, refused};
use feedback_functions::cases::act;
use feedback_functions::clock::FixedClock;
use feedback_functions::server::local_app;
use feedback_shared::case::{Action, Actor};
use feedback_shared::{OfficerId, Reference};
use std::sync::Arc;

/// Who acts, as the timeline records them, and whether they act as a complaints
/// manager (closing over open promised actions is theirs alone, as in the API).
pub struct Officer {
    pub id: String,
    pub manager: bool,
}

/// Applies `action_json` to the case as `officer`; prints the case as it then stands.
pub fn act_command(
    local: Local,
    reference_text: String,
    action_json: String,
    officer: Officer,
) -> Result<String, ArgumentError> {
    let reference: Reference = reference_text.trim().parse().map_err(|_| {
        fail("--reference")(format!(
            "`{reference_text}` is not a reference like DEMO-2026-000042"
        ))
    })?;
    let action: Action = serde_json::from_str(&action_json).map_err(|e| {
        fail("--action")(format!(
            "not an action as the API takes it ({e}); e.g. {{\"action\":\"acknowledge\",\"on\":\"2026-11-24\"}}"
        ))
    })?;
    if matches!(action, Action::Receive { .. }) {
        return Err(fail("--action")(
            "a case is received once, when it is created".into(),
        ));
    }
    if matches!(action, Action::CloseOverridingActions { .. }) && !officer.manager {
        return Err(fail("--action")(
            "only a complaints manager can close a case whose promised actions are open: add --manager".into(),
        ));
    }
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("act")(e.to_string()))?;
    runtime.block_on(async {
        let now = time::OffsetDateTime::now_utc();
        let app =
            local_app(&local.paths(), Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        let council = council(&app, &local.council)?;
        let actor = Actor::Officer(OfficerId(officer.id));
        let (record, event) = act(&app, council, &reference, actor, action, None)
            .await
            .map_err(refused("act"))?;
        serde_json::to_string(&serde_json::json!({ "case": record.case, "event": event }))
            .map_err(|e| fail("act")(e.to_string()))
    })
}
