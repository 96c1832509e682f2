//! Europe/London local time without a time-zone database (which would bloat the wasm).
//!
//! Since 1996 the UK follows the EU rule: British Summer Time (UTC+1) runs from 01:00 UTC
//! on the last Sunday of March to 01:00 UTC on the last Sunday of October; otherwise GMT.
//! Earlier years are answered with the same rule, which is all this product needs.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

const GMT: UtcOffset = UtcOffset::UTC;
const BST: UtcOffset = match UtcOffset::from_hms(1, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("one hour is a valid offset"),
};

fn last_sunday(year: i32, month: Month) -> Date {
    let mut d = Date::from_calendar_date(year, month, month.length(year)).expect("valid");
    while d.weekday() != Weekday::Sunday {
        d = d.previous_day().expect("valid");
    }
    d
}

/// The instants (UTC) summer time starts and ends in `year`.
pub fn summer_time_bounds(year: i32) -> (OffsetDateTime, OffsetDateTime) {
    let one_am = Time::from_hms(1, 0, 0).expect("valid");
    let start = PrimitiveDateTime::new(last_sunday(year, Month::March), one_am).assume_utc();
    let end = PrimitiveDateTime::new(last_sunday(year, Month::October), one_am).assume_utc();
    (start, end)
}

/// London's offset from UTC at `instant`. An instant within a day of the ends of the range
/// `time` holds (years -9999 and 9999) may have no UTC reading; it is in midwinter, so GMT.
pub fn offset_at(instant: OffsetDateTime) -> UtcOffset {
    let Some(utc) = instant.checked_to_offset(GMT) else {
        return GMT;
    };
    let (start, end) = summer_time_bounds(utc.year());
    if utc >= start && utc < end { BST } else { GMT }
}

/// `instant` as London's wall clock shows it; as it was given when London's reading falls
/// outside the range `time` holds (within a day of its ends).
pub fn to_london(instant: OffsetDateTime) -> OffsetDateTime {
    instant
        .checked_to_offset(offset_at(instant))
        .unwrap_or(instant)
}

/// The date in London at `instant`: a submission at 00:30 BST on a Monday (23:30 UTC on
/// Sunday) was received on Monday.
pub fn london_date(instant: OffsetDateTime) -> Date {
    to_london(instant).date()
}

/// The instant a London wall-clock time happens. In the spring gap (01:00 to 02:00 on the
/// day summer time starts) the time does not exist, so the instant an hour later on the
/// wall clock, the same moment the clocks jumped past, is given; in the autumn overlap
/// the earlier of the two instants is given, so a reminder is never late.
pub fn from_london(local: PrimitiveDateTime) -> OffsetDateTime {
    let as_bst = local.assume_offset(BST);
    if offset_at(as_bst) == BST {
        return as_bst;
    }
    let as_gmt = local.assume_offset(GMT);
    if offset_at(as_gmt) == GMT {
        return as_gmt;
    }
    // Neither reading is consistent: the wall-clock time falls in the spring gap.
    as_gmt
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn summer_time_2026_runs_from_29_march_to_25_october() {
        let (start, end) = summer_time_bounds(2026);
        assert_eq!(start, datetime!(2026-03-29 01:00 UTC));
        assert_eq!(end, datetime!(2026-10-25 01:00 UTC));
    }

    #[test]
    fn half_past_midnight_bst_monday_is_received_on_monday() {
        // 2026-06-01 is a Monday; 00:30 BST is 23:30 UTC on Sunday.
        assert_eq!(
            london_date(datetime!(2026-05-31 23:30 UTC)),
            date!(2026 - 06 - 01)
        );
    }

    #[test]
    fn half_past_midnight_gmt_is_the_same_day_in_winter() {
        assert_eq!(
            london_date(datetime!(2026-11-30 00:30 UTC)),
            date!(2026 - 11 - 30)
        );
        assert_eq!(
            london_date(datetime!(2026-11-29 23:30 UTC)),
            date!(2026 - 11 - 29)
        );
    }

    #[test]
    fn offsets_switch_exactly_at_one_am_utc() {
        assert_eq!(offset_at(datetime!(2026-03-29 00:59:59 UTC)), GMT);
        assert_eq!(offset_at(datetime!(2026-03-29 01:00 UTC)), BST);
        assert_eq!(offset_at(datetime!(2026-10-25 00:59:59 UTC)), BST);
        assert_eq!(offset_at(datetime!(2026-10-25 01:00 UTC)), GMT);
    }

    #[test]
    fn the_last_hour_before_autumn_change_is_dated_in_bst() {
        // 23:30 UTC on Saturday 24 October 2026 is 00:30 BST on Sunday 25th.
        assert_eq!(
            london_date(datetime!(2026-10-24 23:30 UTC)),
            date!(2026 - 10 - 25)
        );
    }

    #[test]
    fn wall_clock_times_map_to_instants_across_both_changes() {
        assert_eq!(
            from_london(datetime!(2026-07-01 08:00)),
            datetime!(2026-07-01 07:00 UTC)
        );
        assert_eq!(
            from_london(datetime!(2026-12-01 08:00)),
            datetime!(2026-12-01 08:00 UTC)
        );
        // Spring gap: 01:30 never shows on the clock; the clocks jumped at 01:00 UTC.
        assert_eq!(
            from_london(datetime!(2026-03-29 01:30)),
            datetime!(2026-03-29 01:30 UTC)
        );
        // Autumn overlap: 01:30 happens twice; the earlier (BST) instant is chosen.
        assert_eq!(
            from_london(datetime!(2026-10-25 01:30)),
            datetime!(2026-10-25 00:30 UTC)
        );
    }
}
