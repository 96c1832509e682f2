//! The working-day calendar: GOV.UK's bank holidays for each division, with years beyond
//! the published file projected from the statutory rules.
//!
//! A working day is Monday to Friday and not a bank holiday in the council's division.

mod division;
mod govuk;
pub mod rules;

pub use division::{Division, UnknownDivision};
pub use govuk::CalendarError;

use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Weekday};

/// The copy of GOV.UK's `bank-holidays.json` built into every binary (2018 to 2027).
pub const BUNDLED_BANK_HOLIDAYS: &str = include_str!("../../data/bank-holidays.json");

/// One bank holiday as the calendar knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BankHoliday {
    pub date: Date,
    pub title: String,
    /// Moved off a weekend (GOV.UK's "Substitute day").
    pub substitute: bool,
    /// Computed from the standing rules because GOV.UK has not published the year yet.
    /// One-off holidays (a jubilee, a state funeral) can still be announced for it.
    pub projected: bool,
}

/// The holidays of one division: those GOV.UK published, and the range of years they cover.
#[derive(Debug, Clone, Default)]
struct DivisionHolidays {
    published: BTreeMap<Date, BankHoliday>,
    published_years: Option<(i32, i32)>,
    /// Days added at run time (an announced one-off not yet in the file).
    added: BTreeSet<Date>,
    /// Rule-computed holidays for years outside `published_years`, cached by year.
    projected: BTreeMap<i32, Vec<BankHoliday>>,
}

/// How far the projection cache reaches; dates outside it are still answered, by computing.
const PROJECTED_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

impl DivisionHolidays {
    fn new(division: Division, published: BTreeMap<Date, BankHoliday>) -> Self {
        let published_years = published
            .keys()
            .next()
            .zip(published.keys().next_back())
            .map(|(first, last)| (first.year(), last.year()));
        let mut this = DivisionHolidays {
            published,
            published_years,
            added: BTreeSet::new(),
            projected: BTreeMap::new(),
        };
        for year in PROJECTED_YEARS {
            if !this.is_published(year) {
                this.projected.insert(year, project(division, year));
            }
        }
        this
    }

    fn is_published(&self, year: i32) -> bool {
        self.published_years
            .is_some_and(|(first, last)| (first..=last).contains(&year))
    }

    fn is_holiday(&self, division: Division, date: Date) -> bool {
        if self.added.contains(&date) {
            return true;
        }
        let year = date.year();
        if self.is_published(year) {
            return self.published.contains_key(&date);
        }
        match self.projected.get(&year) {
            Some(days) => days.iter().any(|h| h.date == date),
            None => rules::holidays_by_rule(division, year)
                .iter()
                .any(|h| h.date == date),
        }
    }
}

fn project(division: Division, year: i32) -> Vec<BankHoliday> {
    rules::holidays_by_rule(division, year)
        .into_iter()
        .map(|h| BankHoliday {
            date: h.date,
            title: h.title.to_owned(),
            substitute: h.substitute,
            projected: true,
        })
        .collect()
}

/// Bank holidays for all three divisions, answering "is this a working day?" and counting
/// working days. Build one at start-up and share it.
#[derive(Debug, Clone)]
pub struct Calendar {
    divisions: BTreeMap<Division, DivisionHolidays>,
}

impl Calendar {
    /// The calendar from the bundled copy of GOV.UK's file.
    pub fn bundled() -> Self {
        Self::from_govuk_json(BUNDLED_BANK_HOLIDAYS).expect("the bundled bank holidays parse")
    }

    /// A calendar from a file in GOV.UK's `bank-holidays.json` format, such as a newer
    /// download a council drops in without rebuilding. All three divisions must be present.
    pub fn from_govuk_json(json: &str) -> Result<Self, CalendarError> {
        let parsed = govuk::parse(json)?;
        let divisions = parsed
            .into_iter()
            .map(|(division, days)| (division, DivisionHolidays::new(division, days)))
            .collect();
        Ok(Calendar { divisions })
    }

    fn division(&self, division: Division) -> &DivisionHolidays {
        self.divisions
            .get(&division)
            .expect("every calendar holds all three divisions")
    }

    /// Adds a holiday, e.g. a one-off day announced after the file was published.
    pub fn add_holiday(&mut self, division: Division, date: Date) {
        if let Some(d) = self.divisions.get_mut(&division) {
            d.added.insert(date);
        }
    }

    /// The first and last year GOV.UK published for this division, if any.
    pub fn published_years(&self, division: Division) -> Option<(i32, i32)> {
        self.division(division).published_years
    }

    /// Whether `year` is computed from the rules rather than read from the published file.
    pub fn is_projected(&self, division: Division, year: i32) -> bool {
        !self.division(division).is_published(year)
    }

    /// The bank holidays of `division` in `year`, in date order; none for a year outside
    /// the range `time` holds (-9999 to 9999).
    pub fn holidays(&self, division: Division, year: i32) -> Vec<BankHoliday> {
        if !(Date::MIN.year()..=Date::MAX.year()).contains(&year) {
            return Vec::new();
        }
        let d = self.division(division);
        let mut days: Vec<BankHoliday> = if d.is_published(year) {
            d.published
                .range(first_of(year)..)
                .take_while(|(date, _)| date.year() == year)
                .map(|(_, h)| h.clone())
                .collect()
        } else {
            d.projected
                .get(&year)
                .cloned()
                .unwrap_or_else(|| project(division, year))
        };
        for date in d.added.iter().filter(|date| date.year() == year) {
            if !days.iter().any(|h| h.date == *date) {
                days.push(BankHoliday {
                    date: *date,
                    title: "Additional bank holiday".to_owned(),
                    substitute: false,
                    projected: false,
                });
            }
        }
        days.sort_by_key(|h| h.date);
        days
    }

    pub fn is_bank_holiday(&self, division: Division, date: Date) -> bool {
        self.division(division).is_holiday(division, date)
    }

    /// Monday to Friday and not a bank holiday in `division`.
    pub fn is_working_day(&self, division: Division, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.is_bank_holiday(division, date)
    }

    /// The `n`th working day after `from` (`from` itself does not count, as the clock
    /// starts the day after receipt). `n = 0` gives `from`. Past the last day `time` holds
    /// (31 December 9999), far outside [`crate::deadlines::SUPPORTED_YEARS`], the count
    /// stops at that day rather than panic.
    pub fn add_working_days(&self, division: Division, from: Date, n: u32) -> Date {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            let Some(next) = day.next_day() else {
                return day;
            };
            day = next;
            if self.is_working_day(division, day) {
                left -= 1;
            }
        }
        day
    }

    /// The working days in `(from, to]`, negative when `to` is before `from`; the inverse
    /// of [`Calendar::add_working_days`].
    pub fn working_days_between(&self, division: Division, from: Date, to: Date) -> i64 {
        let (lo, hi, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0;
        let mut day = lo;
        // `day < hi`, so the next day exists.
        while let Some(next) = day.next_day().filter(|_| day < hi) {
            day = next;
            if self.is_working_day(division, day) {
                count += 1;
            }
        }
        sign * count
    }

    /// The `n`th working day before `from` (`from` itself does not count). `n = 0` gives
    /// `from`. The inverse of [`Calendar::add_working_days`] for working days. Before the
    /// first day `time` holds (1 January -9999) the count stops at that day.
    pub fn sub_working_days(&self, division: Division, from: Date, n: u32) -> Date {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            let Some(previous) = day.previous_day() else {
                return day;
            };
            day = previous;
            if self.is_working_day(division, day) {
                left -= 1;
            }
        }
        day
    }

    /// `date` if it is a working day, else the next one (or the last day `time` holds).
    pub fn next_working_day_on_or_after(&self, division: Division, date: Date) -> Date {
        let mut day = date;
        while !self.is_working_day(division, day) {
            let Some(next) = day.next_day() else {
                return day;
            };
            day = next;
        }
        day
    }
}

fn first_of(year: i32) -> Date {
    Date::from_calendar_date(year, time::Month::January, 1).expect("1 January exists")
}
