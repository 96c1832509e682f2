//! How figures, dates and periods are written out in the report.

use feedback_shared::report::Period;
use time::Date;

/// Months as people write them.
pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `A`, `A and B`, `A, B and C`.
pub(super) fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(super) fn date_text(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[usize::from(date.month() as u8 - 1)],
        date.year()
    )
}

pub(super) fn period_text(period: Period) -> String {
    format!("{} to {}", date_text(period.from), date_text(period.to))
}

/// `2026-04` as (`April`, `2026`); anything else as it is.
pub(super) fn month_parts(month: &str) -> (String, String) {
    let parsed = month
        .split_once('-')
        .and_then(|(y, m)| Some((y, m.parse::<usize>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m));
    match parsed {
        Some((year, m)) => (MONTHS[m - 1].to_owned(), year.to_owned()),
        None => (month.to_owned(), String::new()),
    }
}

pub(super) fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) fn percent_text(value: Option<f64>) -> String {
    value.map_or_else(|| "Not applicable".to_owned(), |v| format!("{v}%"))
}

pub(super) fn days_text(value: Option<f64>) -> String {
    value.map_or_else(|| "No responses".to_owned(), |v| format!("{v}"))
}

/// `10 (83.3%)`, or just `0` when there is nothing to take a share of.
pub(super) fn count_and_percent(count: u32, percent: Option<f64>) -> String {
    match percent {
        Some(p) => format!("{count} ({p}%)"),
        None => count.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_dates() {
        assert_eq!(join_words(&["A"]), "A");
        assert_eq!(join_words(&["A", "B", "C"]), "A, B and C");
        assert_eq!(
            period_text(Period::financial_year(2026).unwrap()),
            "1 April 2026 to 31 March 2027"
        );
        assert_eq!(month_parts("2027-01"), ("January".into(), "2027".into()));
        assert_eq!(month_parts("odd"), ("odd".into(), String::new()));
    }
}
