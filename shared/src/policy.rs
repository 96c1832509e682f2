//! A council's complaints policy. The Code's figures are the defaults; anything a council
//! sets differently is configuration, not code.

use crate::calendar::Division;
use crate::feedback::Stage;
use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// The same day `months` earlier, or the month's last day when it is shorter
/// (29 February less 12 months is 28 February).
fn months_before(date: Date, months: u32) -> Date {
    let total =
        i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 - i64::from(months);
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    // Before the first day `time` holds, every date is after it.
    let Ok(year) = i32::try_from(year) else {
        return Date::MIN;
    };
    let Ok(month) = Month::try_from(month0 as u8 + 1) else {
        return Date::MIN;
    };
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN)
}

/// Where a stage's response clock starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RespondFrom {
    /// The Complaint Handling Code: from the acknowledgement.
    #[default]
    Acknowledgement,
    /// The SPSO model (Scotland): from receipt of the complaint or escalation.
    Receipt,
}

/// Working-day timescales for one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StageTimescale {
    /// Working days to acknowledge, counted from the day after receipt (or escalation).
    pub acknowledge: u32,
    /// Working days to respond, counted from `respond_from`.
    pub respond: u32,
    /// The most working days an extension may add to the response date, in total.
    pub extension_cap: u32,
    #[serde(default)]
    pub respond_from: RespondFrom,
}

/// Both stages' timescales. A stage left out keeps the Code's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Timescales {
    pub stage1: StageTimescale,
    pub stage2: StageTimescale,
}

impl Timescales {
    /// The Complaint Handling Code's figures: 5 + 10 (+10) at stage 1, 5 + 20 (+20) at stage 2.
    pub const CODE: Timescales = Timescales {
        stage1: StageTimescale {
            acknowledge: 5,
            respond: 10,
            extension_cap: 10,
            respond_from: RespondFrom::Acknowledgement,
        },
        stage2: StageTimescale {
            acknowledge: 5,
            respond: 20,
            extension_cap: 20,
            respond_from: RespondFrom::Acknowledgement,
        },
    };

    /// The SPSO model complaints handling procedure: stage 1 answered within 5 working
    /// days of receipt (up to 5 more by extension), stage 2 acknowledged within 3 and
    /// answered within 20 working days of the escalation.
    pub const SPSO: Timescales = Timescales {
        stage1: StageTimescale {
            acknowledge: 5,
            respond: 5,
            extension_cap: 5,
            respond_from: RespondFrom::Receipt,
        },
        stage2: StageTimescale {
            acknowledge: 3,
            respond: 20,
            extension_cap: 20,
            respond_from: RespondFrom::Receipt,
        },
    };

    pub fn stage(&self, stage: Stage) -> StageTimescale {
        match stage {
            Stage::One => self.stage1,
            Stage::Two => self.stage2,
        }
    }
}

impl Timescales {
    /// The Public Services Ombudsman for Wales model policy: stage 1 (informal
    /// resolution) answered within 10 working days of receipt, stage 2 (formal
    /// investigation) acknowledged within 5 and answered within 20 working days of
    /// receipt; extensions up to the same again, with the reason told.
    pub const PSOW: Timescales = Timescales {
        stage1: StageTimescale {
            acknowledge: 5,
            respond: 10,
            extension_cap: 10,
            respond_from: RespondFrom::Receipt,
        },
        stage2: StageTimescale {
            acknowledge: 5,
            respond: 20,
            extension_cap: 20,
            respond_from: RespondFrom::Receipt,
        },
    };
}

impl Default for Timescales {
    fn default() -> Self {
        Timescales::CODE
    }
}

/// How long after the stage 1 response a resident may still ask for stage 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EscalationWindow {
    WorkingDays(u32),
    CalendarDays(u32),
}

/// The model procedure a council follows: it sets the timescales and the time limit
/// together, and the wording residents read about them. Explicit `timescales` or
/// `time_limit_months` still override the model's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// The Complaint Handling Code (LGSCO and Housing Ombudsman, England): 5 + 10 and
    /// 5 + 20 working days, 12 months to complain.
    #[default]
    Code,
    /// The SPSO model complaints handling procedure (Scotland): 5 working days at stage
    /// 1, 3 + 20 at stage 2, 6 months to complain.
    Spso,
    /// The Public Services Ombudsman for Wales model policy: 10 working days at stage 1,
    /// 20 at stage 2, 6 months to complain.
    Psow,
}

impl Model {
    /// The model's timescales.
    pub fn timescales(self) -> Timescales {
        match self {
            Model::Code => Timescales::CODE,
            Model::Spso => Timescales::SPSO,
            Model::Psow => Timescales::PSOW,
        }
    }

    /// Months a resident has to complain, counted from the matter or from becoming aware.
    pub fn time_limit_months(self) -> u32 {
        match self {
            Model::Code => 12,
            Model::Spso | Model::Psow => 6,
        }
    }
}

/// Both stages' timescales as written in a council's file, each stage optional.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct TimescaleFields {
    stage1: Option<StageTimescale>,
    stage2: Option<StageTimescale>,
}

/// A policy as written: what is left out comes from the model, then from the defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PolicyFields {
    model: Model,
    division: Option<Division>,
    timescales: TimescaleFields,
    escalation_window: Option<EscalationWindow>,
    time_limit_months: Option<u32>,
    retention_years: Option<u32>,
    reminders: Option<crate::reminders::ReminderPolicy>,
}

impl From<PolicyFields> for Policy {
    fn from(f: PolicyFields) -> Self {
        let defaults = Policy::default();
        let model = f.model.timescales();
        Policy {
            model: f.model,
            division: f.division.unwrap_or(defaults.division),
            timescales: Timescales {
                stage1: f.timescales.stage1.unwrap_or(model.stage1),
                stage2: f.timescales.stage2.unwrap_or(model.stage2),
            },
            escalation_window: f.escalation_window.unwrap_or(defaults.escalation_window),
            time_limit_months: f
                .time_limit_months
                .unwrap_or_else(|| f.model.time_limit_months()),
            retention_years: f.retention_years.unwrap_or(defaults.retention_years),
            reminders: f.reminders.unwrap_or(defaults.reminders),
        }
    }
}

/// One council's policy. Read through [`PolicyFields`], so a `model` fills in the
/// timescales and time limit the council did not write out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(from = "PolicyFields")]
pub struct Policy {
    /// The model procedure followed; `code` when unset.
    pub model: Model,
    pub division: Division,
    pub timescales: Timescales,
    pub escalation_window: EscalationWindow,
    /// Complaints are expected within this many months of the matter (or of becoming
    /// aware of it); older ones may still be considered at the council's discretion.
    pub time_limit_months: u32,
    /// Years a case is kept after closure before it is erased or anonymised.
    pub retention_years: u32,
    /// When officers are reminded and overdue cases escalated.
    pub reminders: crate::reminders::ReminderPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            model: Model::Code,
            division: Division::EnglandAndWales,
            timescales: Timescales::CODE,
            escalation_window: EscalationWindow::WorkingDays(20),
            time_limit_months: 12,
            retention_years: 6,
            reminders: crate::reminders::ReminderPolicy::default(),
        }
    }
}

/// A policy figure outside what the procedure can honour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("policy `{setting}` is {value}: it must be between {min} and {max}")]
pub struct PolicyError {
    pub setting: &'static str,
    pub value: u32,
    pub min: u32,
    pub max: u32,
}

impl Policy {
    /// The Code's timescales for `division`.
    pub fn code_default(division: Division) -> Self {
        Policy {
            division,
            ..Policy::default()
        }
    }

    /// Whether a matter that happened (or came to the person's notice) on `happened_on`
    /// is within the time limit when raised on `received_on`. Outside it, the council
    /// may still consider it: the widget explains this rather than refusing.
    pub fn within_time_limit(&self, happened_on: Date, received_on: Date) -> bool {
        happened_on >= months_before(received_on, self.time_limit_months)
    }

    /// Checks each figure is sensible: at least a day, at most a working quarter.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let check = |setting, value, min, max| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(PolicyError {
                    setting,
                    value,
                    min,
                    max,
                })
            }
        };
        for t in [self.timescales.stage1, self.timescales.stage2] {
            check("acknowledge", t.acknowledge, 1, 60)?;
            check("respond", t.respond, 1, 60)?;
            check("extension_cap", t.extension_cap, 0, 60)?;
        }
        match self.escalation_window {
            EscalationWindow::WorkingDays(n) => check("escalation_window.working_days", n, 1, 260)?,
            EscalationWindow::CalendarDays(n) => {
                check("escalation_window.calendar_days", n, 1, 365)?
            }
        }
        check("time_limit_months", self.time_limit_months, 1, 120)?;
        check("retention_years", self.retention_years, 1, 100)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_codes_figures() {
        let p = Policy::default();
        let one = p.timescales.stage(Stage::One);
        let two = p.timescales.stage(Stage::Two);
        assert_eq!(
            (one.acknowledge, one.respond, one.extension_cap),
            (5, 10, 10)
        );
        assert_eq!(
            (two.acknowledge, two.respond, two.extension_cap),
            (5, 20, 20)
        );
        assert_eq!(one.respond_from, RespondFrom::Acknowledgement);
        assert_eq!(p.time_limit_months, 12);
        assert_eq!(p.retention_years, 6);
        assert!(p.validate().is_ok());
    }

    #[test]
    fn a_partial_policy_fills_in_the_code_defaults() {
        let p: Policy = serde_json::from_str(
            r#"{"division":"scotland","escalation_window":{"calendar_days":28}}"#,
        )
        .unwrap();
        assert_eq!(p.division, Division::Scotland);
        assert_eq!(p.timescales, Timescales::CODE);
        assert_eq!(p.escalation_window, EscalationWindow::CalendarDays(28));
    }

    #[test]
    fn the_time_limit_is_twelve_calendar_months() {
        use time::macros::date;
        let p = Policy::default();
        let received = date!(2026 - 11 - 24);
        assert!(p.within_time_limit(date!(2025 - 11 - 24), received));
        assert!(!p.within_time_limit(date!(2025 - 11 - 23), received));
        // From 29 February the limit falls on 28 February a year later.
        assert!(p.within_time_limit(date!(2023 - 02 - 28), date!(2024 - 02 - 29)));
        assert!(!p.within_time_limit(date!(2023 - 02 - 27), date!(2024 - 02 - 29)));
        let six = Policy {
            time_limit_months: 6,
            ..Policy::default()
        };
        assert!(!six.within_time_limit(date!(2026 - 05 - 23), received));
        assert!(six.within_time_limit(date!(2026 - 05 - 24), received));
    }

    #[test]
    fn refuses_zero_day_timescales() {
        let mut p = Policy::default();
        p.timescales.stage2.respond = 0;
        let err = p.validate().unwrap_err();
        assert_eq!(err.setting, "respond");
        assert!(err.to_string().contains("between 1 and 60"));
    }

    #[test]
    fn a_model_sets_timescales_and_time_limit_together() {
        let wales: Policy = serde_json::from_str(r#"{"model":"psow"}"#).unwrap();
        assert_eq!(wales.timescales, Timescales::PSOW);
        assert_eq!(wales.timescales.stage1.respond, 10);
        assert_eq!(wales.timescales.stage2.respond, 20);
        assert_eq!(wales.time_limit_months, 6);
        let scotland: Policy = serde_json::from_str(r#"{"model":"spso"}"#).unwrap();
        assert_eq!(scotland.timescales, Timescales::SPSO);
        assert_eq!(scotland.time_limit_months, 6);
        let code: Policy = serde_json::from_str("{}").unwrap();
        assert_eq!((code.model, code.time_limit_months), (Model::Code, 12));
    }

    #[test]
    fn explicit_figures_override_the_model() {
        let p: Policy = serde_json::from_str(
            r#"{"model":"psow","time_limit_months":9,
                "timescales":{"stage1":{"acknowledge":3,"respond":8,"extension_cap":8}}}"#,
        )
        .unwrap();
        assert_eq!(p.time_limit_months, 9);
        assert_eq!(p.timescales.stage1.respond, 8);
        // The stage left out keeps the model's figures, not the Code's.
        assert_eq!(p.timescales.stage2, Timescales::PSOW.stage2);
        // What is written out reads back the same.
        let again: Policy = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn unknown_settings_are_refused() {
        assert!(serde_json::from_str::<Policy>(r#"{"time_limit":12}"#).is_err());
    }
}
