//! `feedback annual`: the year's self-assessment and annual record (Code 8.1) from the
//! local data, as JSON, with the figures' suggestions; with `--save`, a draft (the same
//! JSON body as `PUT …/annual/{year}`) saved over the record as it stands.

use crate::deadlines::ArgumentError;
use crate::personal_data::{Local, council, fail, refused};
use feedback_functions::annual;
use feedback_functions::clock::FixedClock;
use feedback_functions::server::local_app;
use feedback_shared::OfficerId;
use feedback_shared::wire::AnnualDraft;
use std::sync::Arc;

pub fn annual_command(
    local: Local,
    year: i32,
    save: Option<String>,
    officer: String,
) -> Result<String, ArgumentError> {
    let draft: Option<AnnualDraft> = save
        .map(|json| {
            serde_json::from_str(&json).map_err(|e| {
                fail("--save")(format!("not an annual record as the API takes it ({e})"))
            })
        })
        .transpose()?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("annual")(e.to_string()))?;
    runtime.block_on(async {
        let now = time::OffsetDateTime::now_utc();
        let app =
            local_app(&local.paths(), Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        let council = council(&app, &local.council)?;
        let view = annual::view(&app, council, year)
            .await
            .map_err(refused("--year"))?;
        let answer = match draft {
            None => serde_json::to_value(&view),
            Some(draft) => {
                // Saved over the version just read: the command line is one manager's.
                let expected = view.record.as_ref().map(|r| r.version);
                let saved =
                    annual::save(&app, council, year, &draft, expected, &OfficerId(officer))
                        .await
                        .map_err(refused("--save"))?;
                serde_json::to_value(&saved)
            }
        };
        answer
            .and_then(|a| serde_json::to_string_pretty(&a))
            .map_err(|e| fail("annual")(e.to_string()))
    })
}
