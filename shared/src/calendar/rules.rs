//! The statutory pattern of UK bank holidays, used for years after the last one GOV.UK has
//! published. One-off days (jubilees, state funerals, moved holidays) cannot be predicted,
//! so every projected day is flagged as such.

use super::Division;
use time::{Date, Duration, Month, Weekday};

/// A holiday computed from the rules rather than read from GOV.UK's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHoliday {
    pub title: &'static str,
    pub date: Date,
    pub substitute: bool,
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm, after Meeus, with
/// floored division so that it holds for years before 1 too); `None` for a year outside
/// the range `time` holds (-9999 to 9999).
pub fn easter_sunday(year: i32) -> Option<Date> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // March or April, and a day of it, for every year: only the year can be out of range.
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

fn date(year: i32, month: Month, day: u8) -> Date {
    Date::from_calendar_date(year, month, day).expect("fixed holiday dates exist every year")
}

fn first_monday(year: i32, month: Month) -> Date {
    let mut d = date(year, month, 1);
    while d.weekday() != Weekday::Monday {
        d = d.next_day().expect("within the supported range");
    }
    d
}

fn last_monday(year: i32, month: Month) -> Date {
    let mut d = date(year, month, month.length(year));
    while d.weekday() != Weekday::Monday {
        d = d.previous_day().expect("within the supported range");
    }
    d
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Places fixed-date holidays: one on a weekday keeps its date; one on a weekend moves to
/// the next weekday not already a holiday. Weekday ones are placed first, which is how
/// GOV.UK lists Boxing Day on Monday 26th and Christmas on Tuesday 27th when the 25th is
/// a Sunday.
fn place_fixed(out: &mut Vec<RuleHoliday>, group: &[(&'static str, Date)]) {
    let (weekdays, weekends): (Vec<_>, Vec<_>) =
        group.iter().copied().partition(|(_, d)| !is_weekend(*d));
    for (title, d) in weekdays {
        out.push(RuleHoliday {
            title,
            date: d,
            substitute: false,
        });
    }
    for (title, d) in weekends {
        let mut d = d;
        while is_weekend(d) || out.iter().any(|h| h.date == d) {
            d = d.next_day().expect("within the supported range");
        }
        out.push(RuleHoliday {
            title,
            date: d,
            substitute: true,
        });
    }
}

/// Every bank holiday of `division` in `year` as the standing rules give it, in date order;
/// none for a year outside the range `time` holds.
pub fn holidays_by_rule(division: Division, year: i32) -> Vec<RuleHoliday> {
    use Division::*;
    let Some(easter) = easter_sunday(year) else {
        return Vec::new();
    };
    let mut out = Vec::new();

    let mut new_year = vec![("New Year’s Day", date(year, Month::January, 1))];
    if division == Scotland {
        new_year.push(("2nd January", date(year, Month::January, 2)));
    }
    place_fixed(&mut out, &new_year);
    if division == NorthernIreland {
        place_fixed(
            &mut out,
            &[("St Patrick’s Day", date(year, Month::March, 17))],
        );
    }
    let fixed_rule = |title, date| RuleHoliday {
        title,
        date,
        substitute: false,
    };
    out.push(fixed_rule("Good Friday", easter - Duration::days(2)));
    if division != Scotland {
        out.push(fixed_rule("Easter Monday", easter + Duration::days(1)));
    }
    out.push(fixed_rule(
        "Early May bank holiday",
        first_monday(year, Month::May),
    ));
    out.push(fixed_rule(
        "Spring bank holiday",
        last_monday(year, Month::May),
    ));
    if division == NorthernIreland {
        place_fixed(
            &mut out,
            &[(
                "Battle of the Boyne (Orangemen’s Day)",
                date(year, Month::July, 12),
            )],
        );
    }
    let summer = if division == Scotland {
        first_monday(year, Month::August)
    } else {
        last_monday(year, Month::August)
    };
    out.push(fixed_rule("Summer bank holiday", summer));
    if division == Scotland {
        place_fixed(
            &mut out,
            &[("St Andrew’s Day", date(year, Month::November, 30))],
        );
    }
    place_fixed(
        &mut out,
        &[
            ("Christmas Day", date(year, Month::December, 25)),
            ("Boxing Day", date(year, Month::December, 26)),
        ],
    );
    out.sort_by_key(|h| h.date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn easter_matches_published_dates() {
        let known = [
            (2018, date!(2018 - 04 - 01)),
            (2019, date!(2019 - 04 - 21)),
            (2024, date!(2024 - 03 - 31)),
            (2026, date!(2026 - 04 - 05)),
            (2027, date!(2027 - 03 - 28)),
            (2028, date!(2028 - 04 - 16)),
            (2030, date!(2030 - 04 - 21)),
            (2038, date!(2038 - 04 - 25)),
        ];
        for (year, expected) in known {
            assert_eq!(easter_sunday(year), Some(expected), "Easter {year}");
        }
    }

    #[test]
    fn scottish_new_year_on_a_weekend_gives_two_substitutes() {
        // 2022: 1 January a Saturday, 2 January a Sunday.
        let days: Vec<_> = holidays_by_rule(Division::Scotland, 2022)
            .into_iter()
            .take(2)
            .map(|h| (h.date, h.substitute))
            .collect();
        assert_eq!(
            days,
            [(date!(2022 - 01 - 03), true), (date!(2022 - 01 - 04), true)]
        );
    }

    #[test]
    fn christmas_on_sunday_keeps_boxing_day_on_monday() {
        let end: Vec<_> = holidays_by_rule(Division::EnglandAndWales, 2022)
            .into_iter()
            .rev()
            .take(2)
            .map(|h| (h.title, h.date))
            .collect();
        assert_eq!(
            end,
            [
                ("Christmas Day", date!(2022 - 12 - 27)),
                ("Boxing Day", date!(2022 - 12 - 26))
            ]
        );
    }
}
