//! How much the public routes take from one client, one council and one form, and how
//! many automatic emails one resident address gets. Each council may set its own; the
//! defaults let a resident at a normal pace through and stop a script.

use serde::{Deserialize, Serialize};

/// A council's limits on its public routes. Windows are fixed (on the hour, on the
/// London day) and counted in the store, so they hold across Lambda instances.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Hours a form token stays good after the form was opened.
    pub form_token_hours: u32,
    /// New submissions one form token may carry (a resident may send twice from one page).
    pub form_token_uses: u32,
    /// New submissions (and sets of equality answers) from one client address an hour.
    /// Generous, as a library or a mobile network puts many people behind one address.
    pub submissions_per_address_hour: u32,
    /// New submissions an hour to the council from everyone: the outer bound on a flood.
    pub submissions_per_hour: u32,
    /// New submissions an hour through one API key (server-to-server).
    pub api_key_submissions_per_hour: u32,
    /// Status checks and review requests from one client address an hour.
    pub lookups_per_address_hour: u32,
    /// Opened forms (the council's description) for one client address an hour.
    pub form_loads_per_address_hour: u32,
    /// Automatic acknowledgements one resident address gets a day (across councils);
    /// past it the case is stored and officers still write, but nothing goes by itself.
    pub resident_emails_per_day: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            form_token_hours: 24,
            form_token_uses: 3,
            submissions_per_address_hour: 10,
            submissions_per_hour: 300,
            api_key_submissions_per_hour: 1000,
            lookups_per_address_hour: 30,
            form_loads_per_address_hour: 120,
            resident_emails_per_day: 3,
        }
    }
}

impl Limits {
    /// Every limit must let something through; a token lives at most a week.
    pub fn validate(&self) -> Result<(), String> {
        let counts = [
            ("form_token_uses", self.form_token_uses),
            (
                "submissions_per_address_hour",
                self.submissions_per_address_hour,
            ),
            ("submissions_per_hour", self.submissions_per_hour),
            (
                "api_key_submissions_per_hour",
                self.api_key_submissions_per_hour,
            ),
            ("lookups_per_address_hour", self.lookups_per_address_hour),
            (
                "form_loads_per_address_hour",
                self.form_loads_per_address_hour,
            ),
            ("resident_emails_per_day", self.resident_emails_per_day),
        ];
        if let Some((name, _)) = counts.iter().find(|(_, n)| *n == 0) {
            return Err(format!("limits.{name} must be at least 1"));
        }
        if !(1..=168).contains(&self.form_token_hours) {
            return Err("limits.form_token_hours must be 1 to 168 (a week)".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_a_zero_is_not() {
        assert_eq!(Limits::default().validate(), Ok(()));
        let zero = Limits {
            lookups_per_address_hour: 0,
            ..Limits::default()
        };
        assert!(
            zero.validate()
                .unwrap_err()
                .contains("lookups_per_address_hour")
        );
        let forever = Limits {
            form_token_hours: 24 * 365,
            ..Limits::default()
        };
        assert!(forever.validate().is_err());
    }
}
