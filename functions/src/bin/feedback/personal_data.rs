//! `feedback sar` and `feedback erase`: a subject access request and an erasure on
//! request answered from the local data, through the same use cases as the API.

use crate::deadlines::ArgumentError;
use feedback_functions::cases::CaseError;
use feedback_functions::cases::personal_data::{erase, export, find};
use feedback_functions::cases::read;
use feedback_functions::clock::FixedClock;
use feedback_functions::config::{CouncilConfig, default_config_dir};
use feedback_functions::server::{LocalMail, LocalPaths, local_app, local_notifier};
use feedback_shared::wire::{ErasureRequest, PersonSearch};
use feedback_shared::{Language, OfficerId, Reference};
use std::path::PathBuf;
use std::sync::Arc;

/// Where the local data is, and who asks.
pub struct Local {
    pub council: String,
    pub data: PathBuf,
    pub config: Option<PathBuf>,
}

impl Local {
    pub(crate) fn paths(&self) -> LocalPaths {
        LocalPaths {
            data: self.data.clone(),
            config: self.config.clone().unwrap_or_else(default_config_dir),
            widget: PathBuf::new(),
            bank_holidays: None,
        }
    }
}

pub(crate) fn fail(argument: &'static str) -> impl Fn(String) -> ArgumentError {
    move |message| ArgumentError { argument, message }
}

/// A use case's refusal as one line, field errors by field.
pub(crate) fn refused(argument: &'static str) -> impl Fn(CaseError) -> ArgumentError {
    move |e| {
        let message = match &e {
            CaseError::Validation { errors, .. } => errors
                .iter()
                .map(|error| format!("{}: {}", error.field.name(), error.text(Language::En)))
                .collect::<Vec<_>>()
                .join("; "),
            _ => e.to_string(),
        };
        ArgumentError { argument, message }
    }
}

pub(crate) fn council<'a>(
    app: &'a feedback_functions::app::App,
    id: &str,
) -> Result<&'a CouncilConfig, ArgumentError> {
    app.council(id)
        .ok_or_else(|| fail("--council")(format!("no council `{id}` is configured")))
}

/// `feedback sar`: the council's cases of the person, as JSON; with `out`, every one of
/// them exported to `out/bundle.json` and `out/bundle.html` (recorded on each timeline
/// as exported by `officer`).
pub fn sar_command(
    local: Local,
    search: PersonSearch,
    redact: Vec<String>,
    out: Option<PathBuf>,
    officer: String,
) -> Result<String, ArgumentError> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("sar")(e.to_string()))?;
    runtime.block_on(async {
        let now = time::OffsetDateTime::now_utc();
        let app =
            local_app(&local.paths(), Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        let council = council(&app, &local.council)?;
        let wanted = find::Wanted::parse(&search).map_err(refused("sar"))?;
        let found = find::find(&app, council, &wanted)
            .await
            .map_err(refused("sar"))?;
        let mut answer = serde_json::json!({ "cases": found });
        if let Some(out) = out {
            if found.is_empty() {
                return Err(fail("--out")(
                    "no case matches: there is nothing to export".into(),
                ));
            }
            let request = feedback_shared::wire::SubjectAccessRequest {
                references: found.iter().map(|m| m.reference.clone()).collect(),
                redact,
            };
            let bundle = export::export(&app, council, &request, &OfficerId(officer))
                .await
                .map_err(refused("sar"))?;
            std::fs::create_dir_all(&out).map_err(|e| fail("--out")(e.to_string()))?;
            let json =
                serde_json::to_string_pretty(&bundle).map_err(|e| fail("sar")(e.to_string()))?;
            let (json_path, html_path) = (out.join("bundle.json"), out.join("bundle.html"));
            std::fs::write(&json_path, json).map_err(|e| fail("--out")(e.to_string()))?;
            std::fs::write(&html_path, &bundle.html).map_err(|e| fail("--out")(e.to_string()))?;
            answer["written"] = serde_json::json!([json_path, html_path]);
        }
        serde_json::to_string(&answer).map_err(|e| fail("sar")(e.to_string()))
    })
}

/// `feedback erase`: one closed case's personal data removed on request, the outbox
/// folder's copies of its emails too.
pub fn erase_command(
    local: Local,
    reference: String,
    reason: String,
) -> Result<String, ArgumentError> {
    let reference: Reference = reference.trim().parse().map_err(|_| {
        fail("--reference")(format!(
            "`{reference}` is not a reference like DEMO-2026-000042"
        ))
    })?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("erase")(e.to_string()))?;
    runtime.block_on(async {
        let paths = local.paths();
        let now = time::OffsetDateTime::now_utc();
        let app = local_app(&paths, Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        let council = council(&app, &local.council)?;
        let notifier = local_notifier(&paths, &LocalMail { smtp: None })
            .await
            .map_err(fail("--data"))?;
        // Read first, so an unknown case is told apart from a refusal.
        read::case(&app, council, &reference)
            .await
            .map_err(refused("--reference"))?;
        let erased = erase::erase(
            &app,
            council,
            &reference,
            &ErasureRequest { reason },
            Some(notifier.as_ref()),
        )
        .await
        .map_err(refused("erase"))?;
        serde_json::to_string(&erased).map_err(|e| fail("erase")(e.to_string()))
    })
}
