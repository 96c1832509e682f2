//! Properties that hold for any date, division and count.

use feedback_shared::Stage;
use feedback_shared::calendar::{Calendar, Division};
use feedback_shared::deadlines::stage_deadlines;
use feedback_shared::policy::Policy;
use proptest::prelude::*;
use std::sync::OnceLock;
use time::macros::date;
use time::{Date, Duration};

fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(Calendar::bundled)
}

fn any_division() -> impl Strategy<Value = Division> {
    prop::sample::select(Division::ALL.to_vec())
}

/// Any date from 2018 to 2030: the published years and the projected ones.
fn any_date() -> impl Strategy<Value = Date> {
    (0i64..(13 * 365)).prop_map(|offset| date!(2018 - 01 - 01) + Duration::days(offset))
}

fn any_stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(vec![Stage::One, Stage::Two])
}

proptest! {
    #[test]
    fn a_deadline_is_always_a_working_day(division in any_division(), received in any_date(), stage in any_stage(), ack_offset in prop::option::of(0i64..15)) {
        let acknowledged = ack_offset.map(|d| received + Duration::days(d));
        let d = stage_deadlines(calendar(), &Policy::code_default(division), stage, received, acknowledged);
        for deadline in [d.acknowledge_by, d.respond_by, d.latest_extended_respond_by] {
            prop_assert!(calendar().is_working_day(division, deadline), "{deadline} in {division}");
            prop_assert!(deadline > received);
        }
        prop_assert!(d.acknowledge_by < d.latest_extended_respond_by);
    }

    #[test]
    fn adding_then_counting_working_days_round_trips(division in any_division(), from in any_date(), n in 0u32..120) {
        let to = calendar().add_working_days(division, from, n);
        prop_assert_eq!(calendar().working_days_between(division, from, to), i64::from(n));
        prop_assert_eq!(calendar().working_days_between(division, to, from), -i64::from(n));
    }

    #[test]
    fn deadlines_never_move_earlier_when_the_calendar_gains_a_holiday(
        division in any_division(),
        received in any_date(),
        stage in any_stage(),
        holiday_offset in 0i64..60,
    ) {
        let policy = Policy::code_default(division);
        let before = stage_deadlines(calendar(), &policy, stage, received, None);
        let mut more = calendar().clone();
        more.add_holiday(division, received + Duration::days(holiday_offset));
        let after = stage_deadlines(&more, &policy, stage, received, None);
        prop_assert!(after.acknowledge_by >= before.acknowledge_by);
        prop_assert!(after.respond_by >= before.respond_by);
        prop_assert!(after.latest_extended_respond_by >= before.latest_extended_respond_by);
    }

    #[test]
    fn working_days_between_is_additive(division in any_division(), a in any_date(), gap1 in 0i64..40, gap2 in 0i64..40) {
        let b = a + Duration::days(gap1);
        let c = b + Duration::days(gap2);
        let cal = calendar();
        prop_assert_eq!(
            cal.working_days_between(division, a, b) + cal.working_days_between(division, b, c),
            cal.working_days_between(division, a, c)
        );
    }
}
