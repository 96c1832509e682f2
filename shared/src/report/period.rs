use crate::deadlines::SUPPORTED_YEARS;
use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// A reporting period, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

/// Why a period was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the period ends ({to}) before it starts ({from})")]
    Backwards { from: Date, to: Date },
    #[error("a period can be at most 5 years long")]
    TooLong,
    #[error("quarter must be 1 to 4")]
    BadQuarter,
    #[error("reports cover the years 2000 to 2100")]
    YearOutOfRange,
}

fn check_year(year: i32) -> Result<i32, PeriodError> {
    if SUPPORTED_YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(PeriodError::YearOutOfRange)
    }
}

impl Period {
    pub fn new(from: Date, to: Date) -> Result<Self, PeriodError> {
        if to < from {
            return Err(PeriodError::Backwards { from, to });
        }
        check_year(from.year())?;
        check_year(to.year())?;
        if (to - from).whole_days() > 5 * 366 {
            return Err(PeriodError::TooLong);
        }
        Ok(Period { from, to })
    }

    /// The financial year starting 1 April `start_year` and ending 31 March after; refused
    /// outside [`SUPPORTED_YEARS`].
    pub fn financial_year(start_year: i32) -> Result<Self, PeriodError> {
        check_year(start_year)?;
        let date = |year, month, day| {
            Date::from_calendar_date(year, month, day).map_err(|_| PeriodError::YearOutOfRange)
        };
        Ok(Period {
            from: date(start_year, Month::April, 1)?,
            to: date(start_year + 1, Month::March, 31)?,
        })
    }

    /// The financial year `today` falls in.
    pub fn financial_year_of(today: Date) -> Result<Self, PeriodError> {
        let start = if today.month() as u8 >= 4 {
            today.year()
        } else {
            today.year() - 1
        };
        Self::financial_year(start)
    }

    /// Quarter 1 to 4 of the financial year starting in `start_year` (Q1 is April to June).
    pub fn quarter(start_year: i32, quarter: u8) -> Result<Self, PeriodError> {
        if !(1..=4).contains(&quarter) {
            return Err(PeriodError::BadQuarter);
        }
        check_year(start_year)?;
        let first_month = 4 + 3 * (quarter as i32 - 1);
        let (year, month) = if first_month > 12 {
            (start_year + 1, first_month - 12)
        } else {
            (start_year, first_month)
        };
        let from =
            Date::from_calendar_date(year, Month::try_from(month as u8).expect("a month"), 1)
                .expect("a first day");
        let last_month = Month::try_from((month + 2) as u8).expect("a month");
        let to = Date::from_calendar_date(year, last_month, last_month.length(year))
            .expect("a last day");
        Ok(Period { from, to })
    }

    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// Every month of the period as `YYYY-MM`, in order.
    pub fn months(&self) -> Vec<String> {
        let mut months = Vec::new();
        let (mut year, mut month) = (self.from.year(), self.from.month());
        loop {
            months.push(format!("{year:04}-{:02}", month as u8));
            if year == self.to.year() && month == self.to.month() {
                return months;
            }
            if month == Month::December {
                year += 1;
            }
            month = month.next();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn financial_years_and_quarters() {
        let fy = Period::financial_year(2026).unwrap();
        assert_eq!(
            (fy.from, fy.to),
            (date!(2026 - 04 - 01), date!(2027 - 03 - 31))
        );
        assert_eq!(Period::financial_year_of(date!(2027 - 02 - 10)), Ok(fy));
        assert_eq!(Period::financial_year_of(date!(2026 - 04 - 01)), Ok(fy));
        let q4 = Period::quarter(2026, 4).unwrap();
        assert_eq!(
            (q4.from, q4.to),
            (date!(2027 - 01 - 01), date!(2027 - 03 - 31))
        );
        let q3 = Period::quarter(2026, 3).unwrap();
        assert_eq!(
            (q3.from, q3.to),
            (date!(2026 - 10 - 01), date!(2026 - 12 - 31))
        );
        assert_eq!(fy.months().len(), 12);
        assert_eq!(fy.months()[9], "2027-01");
        assert!(Period::quarter(2026, 5).is_err());
        assert!(Period::new(date!(2026 - 05 - 01), date!(2026 - 04 - 01)).is_err());
    }

    #[test]
    fn years_outside_2000_to_2100_are_refused_not_panics() {
        for year in [i32::MIN, -1, 0, 999, 1999, 2101, 9999, 10_000, i32::MAX] {
            assert_eq!(
                Period::financial_year(year),
                Err(PeriodError::YearOutOfRange)
            );
            assert_eq!(Period::quarter(year, 1), Err(PeriodError::YearOutOfRange));
        }
        assert!(Period::financial_year(2000).is_ok());
        assert!(Period::financial_year(2100).is_ok());
        assert!(Period::quarter(2100, 3).is_ok());
        assert_eq!(
            Period::new(date!(1999 - 12 - 31), date!(2000 - 01 - 31)),
            Err(PeriodError::YearOutOfRange)
        );
        assert_eq!(
            Period::financial_year_of(date!(9999 - 12 - 31)),
            Err(PeriodError::YearOutOfRange)
        );
    }
}
