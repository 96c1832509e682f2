//! Reading GOV.UK's `bank-holidays.json`.

use super::{BankHoliday, Division};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use time::Date;
use time::macros::format_description;

/// Why a bank-holidays file was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    #[error("bank holidays file is not valid JSON in GOV.UK's format: {0}")]
    Json(String),
    #[error("bank holidays file has no `{0}` division")]
    MissingDivision(Division),
    #[error("bank holidays file has a bad date `{date}` in {division}")]
    BadDate { division: Division, date: String },
}

#[derive(Deserialize)]
struct FileDivision {
    events: Vec<FileEvent>,
}

#[derive(Deserialize)]
struct FileEvent {
    title: String,
    date: String,
    #[serde(default)]
    notes: String,
}

pub(super) fn parse(
    json: &str,
) -> Result<BTreeMap<Division, BTreeMap<Date, BankHoliday>>, CalendarError> {
    let file: HashMap<String, FileDivision> =
        serde_json::from_str(json).map_err(|e| CalendarError::Json(e.to_string()))?;
    let iso = format_description!("[year]-[month]-[day]");
    let mut out = BTreeMap::new();
    for division in Division::ALL {
        let events = &file
            .get(division.as_str())
            .ok_or(CalendarError::MissingDivision(division))?
            .events;
        let mut days = BTreeMap::new();
        for event in events {
            let date = Date::parse(&event.date, iso).map_err(|_| CalendarError::BadDate {
                division,
                date: event.date.clone(),
            })?;
            days.insert(
                date,
                BankHoliday {
                    date,
                    title: event.title.clone(),
                    substitute: event.notes.eq_ignore_ascii_case("substitute day"),
                    projected: false,
                },
            );
        }
        out.insert(division, days);
    }
    Ok(out)
}
