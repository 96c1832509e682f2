use crate::validation::{Field, FieldError, Problem};
use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// A date that is today or earlier, such as when something happened. "Today" is passed in
/// (the resident's London date) so the type stays pure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct PastDate(Date);

const EARLIEST_YEAR: i32 = 1900;

impl PastDate {
    /// From GOV.UK's three date boxes (day, month, year) as typed.
    pub fn parse_parts(
        field: Field,
        day: &str,
        month: &str,
        year: &str,
        today: Date,
    ) -> Result<Self, FieldError> {
        let parts = [day.trim(), month.trim(), year.trim()];
        if parts.iter().all(|p| p.is_empty()) {
            return Err(FieldError::new(field, Problem::Required));
        }
        let not_real = || FieldError::new(field, Problem::NotARealDate);
        let number = |s: &str| s.parse::<i32>().map_err(|_| not_real());
        let (d, m, y) = (number(parts[0])?, number(parts[1])?, number(parts[2])?);
        if parts[2].len() != 4 {
            return Err(not_real());
        }
        let month = u8::try_from(m)
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or_else(not_real)?;
        let day = u8::try_from(d).map_err(|_| not_real())?;
        let date = Date::from_calendar_date(y, month, day).map_err(|_| not_real())?;
        Self::from_date(field, date, today)
    }

    /// From an ISO 8601 calendar date (`2026-03-27`), as the API carries it.
    pub fn parse_iso(field: Field, raw: &str, today: Date) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(FieldError::new(field, Problem::Required));
        }
        let mut it = raw.splitn(3, '-');
        let (y, m, d) = (
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
        );
        if m.len() != 2 || d.len() != 2 {
            return Err(FieldError::new(field, Problem::NotARealDate));
        }
        Self::parse_parts(field, d, m, y, today)
    }

    pub fn from_date(field: Field, date: Date, today: Date) -> Result<Self, FieldError> {
        if date > today {
            return Err(FieldError::new(field, Problem::DateInFuture));
        }
        if date.year() < EARLIEST_YEAR {
            return Err(FieldError::new(field, Problem::DateTooEarly));
        }
        Ok(PastDate(date))
    }

    pub fn date(self) -> Date {
        self.0
    }
}

/// A text that is not a calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date like 2026-11-24")]
pub struct NotADate(pub String);

/// A calendar date written `YYYY-MM-DD` (blank space around it ignored), as officers give
/// one in a report's period or on the command line. Any date that exists is accepted.
pub fn parse_iso_date(raw: &str) -> Result<Date, NotADate> {
    Date::parse(
        raw.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| NotADate(raw.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 24);

    #[test]
    fn accepts_today_and_earlier() {
        let d = PastDate::parse_parts(Field::WhenHappened, "24", "11", "2026", TODAY).unwrap();
        assert_eq!(d.date(), TODAY);
        let d = PastDate::parse_iso(Field::WhenHappened, "2025-02-28", TODAY).unwrap();
        assert_eq!(d.date(), date!(2025 - 02 - 28));
    }

    #[test]
    fn refuses_tomorrow() {
        let e = PastDate::parse_parts(Field::WhenHappened, "25", "11", "2026", TODAY).unwrap_err();
        assert_eq!(e.problem, Problem::DateInFuture);
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        for (d, m, y) in [
            ("29", "2", "2026"),
            ("31", "4", "2026"),
            ("0", "1", "2026"),
            ("1", "13", "2026"),
            ("1", "1", "26"),
            ("x", "1", "2026"),
        ] {
            let e = PastDate::parse_parts(Field::WhenHappened, d, m, y, TODAY).unwrap_err();
            assert_eq!(e.problem, Problem::NotARealDate, "{d}/{m}/{y}");
        }
        assert_eq!(
            PastDate::parse_iso(Field::WhenHappened, "2026-2-1", TODAY)
                .unwrap_err()
                .problem,
            Problem::NotARealDate
        );
    }

    #[test]
    fn empty_boxes_are_required() {
        let e = PastDate::parse_parts(Field::WhenHappened, " ", "", "", TODAY).unwrap_err();
        assert_eq!(e.problem, Problem::Required);
    }

    #[test]
    fn iso_dates_parse_and_anything_else_is_named() {
        assert_eq!(parse_iso_date(" 2026-11-24 "), Ok(TODAY));
        assert_eq!(parse_iso_date("2027-01-01"), Ok(date!(2027 - 01 - 01)));
        for raw in ["24/11/2026", "2026-02-30", "2026-2-1", ""] {
            assert_eq!(parse_iso_date(raw), Err(NotADate(raw.to_owned())), "{raw}");
        }
        assert_eq!(
            parse_iso_date("tomorrow").unwrap_err().to_string(),
            "`tomorrow` is not a date like 2026-11-24"
        );
    }
}
