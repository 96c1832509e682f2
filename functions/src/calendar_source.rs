//! Where the bank-holiday calendar comes from: the bundled copy, or a newer GOV.UK file
//! named at run time so a council need not rebuild when GOV.UK publishes another year.

use feedback_shared::Calendar;
use std::path::Path;

/// The environment variable naming a replacement `bank-holidays.json`.
pub const BANK_HOLIDAYS_ENV: &str = "FEEDBACK_BANK_HOLIDAYS";

/// The calendar from `file` when given, else from `$FEEDBACK_BANK_HOLIDAYS`, else the
/// bundled copy.
pub fn load_calendar(file: Option<&Path>) -> Result<Calendar, String> {
    let from_env = std::env::var_os(BANK_HOLIDAYS_ENV).filter(|v| !v.is_empty());
    let path = file.map(Path::to_path_buf).or(from_env.map(Into::into));
    match path {
        None => Ok(Calendar::bundled()),
        Some(path) => {
            let json = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Calendar::from_govuk_json(&json).map_err(|e| format!("{}: {e}", path.display()))
        }
    }
}
