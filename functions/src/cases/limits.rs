//! The public routes' limits, counted in the store so they hold across Lambda instances:
//! per client address, per council, per form token, per API key, and automatic emails
//! per resident address a day. Windows are fixed: on the hour for requests, the London
//! day for emails. Client and email addresses go into counter keys only as keyed hashes.

use super::CaseError;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::store::{Counted, UseCounter};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use feedback_shared::london::london_date;
use std::net::IpAddr;
use time::{Duration, OffsetDateTime};

/// What a client asks of the public routes, each limited on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicUse {
    /// Opening the form (the council's description, with a form token).
    FormLoad,
    /// A new case.
    Submission,
    /// A set of equality answers (sent after a case, so counted apart from cases).
    Equality,
    /// A status check or a review request, by reference and code.
    Lookup,
}

impl PublicUse {
    fn name(self) -> &'static str {
        match self {
            PublicUse::FormLoad => "load",
            PublicUse::Submission => "submit",
            PublicUse::Equality => "equality",
            PublicUse::Lookup => "lookup",
        }
    }

    fn per_address_hour(self, council: &CouncilConfig) -> u32 {
        let limits = &council.limits;
        match self {
            PublicUse::FormLoad => limits.form_loads_per_address_hour,
            PublicUse::Submission | PublicUse::Equality => limits.submissions_per_address_hour,
            PublicUse::Lookup => limits.lookups_per_address_hour,
        }
    }
}

/// Why a counter at its limit refuses the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// Too many in this window: try again when it ends.
    TooMany,
    /// The form token has carried all the submissions it may: open the form again.
    FormUsedUp,
}

/// Counters to pass, all or none, before a request goes ahead.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    counters: Vec<(UseCounter, Refusal)>,
}

/// The hour `now` falls in, as the start of its window and its end.
fn hour_window(now: OffsetDateTime) -> (i64, OffsetDateTime) {
    let start = now.unix_timestamp().div_euclid(3600) * 3600;
    let end = OffsetDateTime::from_unix_timestamp(start + 3600).unwrap_or(now);
    (start, end)
}

/// An IPv6 client is counted by its /64, the block one subscriber gets.
fn client_block(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// A keyed hash: the same input gives the same key, and the key gives nothing back.
fn pseudonym(app: &App, purpose: &[u8], value: &str) -> String {
    let mac = app
        .status_secret
        .sign_parts(&[b"counter", purpose, value.as_bytes()]);
    URL_SAFE_NO_PAD.encode(&mac[..12])
}

impl Gate {
    pub fn new() -> Self {
        Gate::default()
    }

    fn hourly(mut self, key: String, limit: u32, now: OffsetDateTime) -> Self {
        let (start, end) = hour_window(now);
        self.counters.push((
            UseCounter {
                key: format!("{key}#{start}"),
                limit: limit.into(),
                expires_at: end,
            },
            Refusal::TooMany,
        ));
        self
    }

    /// One client address's use of a council's public routes. Without an address (a
    /// request that came neither through API Gateway nor a socket) every such request
    /// shares one count, so none goes unlimited.
    pub fn per_address(
        self,
        app: &App,
        council: &CouncilConfig,
        address: Option<IpAddr>,
        what: PublicUse,
        now: OffsetDateTime,
    ) -> Self {
        let client = address.map_or_else(|| "unknown".to_owned(), client_block);
        let key = format!(
            "{}#{}#{}",
            what.name(),
            council.id,
            pseudonym(app, b"address", &client)
        );
        self.hourly(key, what.per_address_hour(council), now)
    }

    /// Every new submission to the council, whoever sends it.
    pub fn per_council(self, council: &CouncilConfig, now: OffsetDateTime) -> Self {
        let key = format!("council#{}", council.id);
        self.hourly(key, council.limits.submissions_per_hour, now)
    }

    /// Submissions through one API key.
    pub fn per_api_key(self, council: &CouncilConfig, key_id: &str, now: OffsetDateTime) -> Self {
        let key = format!("apikey#{}#{key_id}", council.id);
        self.hourly(key, council.limits.api_key_submissions_per_hour, now)
    }

    /// One use of a form token, which lives until `expires_at`.
    pub fn form_token(mut self, council: &CouncilConfig, token: &ValidFormToken) -> Self {
        self.counters.push((
            UseCounter {
                key: format!("form#{}#{}", council.id, token.mac),
                limit: council.limits.form_token_uses.into(),
                expires_at: token.expires_at,
            },
            Refusal::FormUsedUp,
        ));
        self
    }

    /// Counts one use against every counter, or refuses: [`CaseError::TooMany`] with the
    /// seconds until the full window ends, or [`CaseError::FormExpired`].
    pub async fn pass(&self, app: &App, now: OffsetDateTime) -> Result<(), CaseError> {
        if self.counters.is_empty() {
            return Ok(());
        }
        let counters: Vec<UseCounter> = self.counters.iter().map(|(c, _)| c.clone()).collect();
        match app.store.count_uses(&counters, now).await? {
            Counted::Counted => Ok(()),
            Counted::AtLimit(index) => {
                let (counter, refusal) = &self.counters[index];
                tracing::info!(limit = counter.limit, kind = ?refusal, "limit reached");
                match refusal {
                    Refusal::TooMany => Err(CaseError::TooMany {
                        retry_after: (counter.expires_at - now).whole_seconds().max(1) as u64,
                    }),
                    Refusal::FormUsedUp => Err(CaseError::FormExpired),
                }
            }
        }
    }
}

impl Gate {
    /// Gives back the use [`Gate::pass`] counted, for a request that turned out to be a
    /// replay of one already counted. Best effort: a refund that fails costs the client
    /// one use, never the request.
    pub async fn refund(&self, app: &App) {
        if self.counters.is_empty() {
            return;
        }
        let counters: Vec<UseCounter> = self.counters.iter().map(|(c, _)| c.clone()).collect();
        if let Err(e) = app.store.refund_uses(&counters).await {
            tracing::warn!(error = %e, "a replay's counted use was not given back");
        }
    }
}

/// A form token this deployment issued for the council, still within its lifetime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidFormToken {
    /// Seconds since the form was opened.
    pub age: i64,
    /// The token's signature, which names it in its use counter.
    pub mac: String,
    pub expires_at: OffsetDateTime,
}

/// Checks a form token: `Ok(None)` when it is not one of ours for this council (forged,
/// or another council's), [`CaseError::FormExpired`] when its lifetime is over.
pub fn check_form_token(
    app: &App,
    council: &CouncilConfig,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<ValidFormToken>, CaseError> {
    let Some((issued, mac)) = app.form_token_parts(&council.id, token) else {
        return Ok(None);
    };
    let lifetime = Duration::hours(council.limits.form_token_hours.into());
    let Some(expires_at) = OffsetDateTime::from_unix_timestamp(issued)
        .ok()
        .and_then(|at| at.checked_add(lifetime))
    else {
        return Ok(None);
    };
    if now >= expires_at {
        return Err(CaseError::FormExpired);
    }
    Ok(Some(ValidFormToken {
        age: now.unix_timestamp() - issued,
        mac,
        expires_at,
    }))
}

/// Whether an automatic email may still go to `address` today; counts it if so. Past
/// the council's daily limit nothing automatic goes to that address (across councils).
pub async fn may_email_resident(
    app: &App,
    council: &CouncilConfig,
    address: &str,
    now: OffsetDateTime,
) -> Result<bool, CaseError> {
    let day = london_date(now);
    let address = address.trim().to_lowercase();
    // The London day ends at most 25 hours after midnight UTC that starts it.
    let expires_at = day
        .next_day()
        .map(|d| d.midnight().assume_utc() + Duration::hours(1))
        .unwrap_or(now + Duration::days(1));
    let counter = UseCounter {
        key: format!("mail#{}#{day}", pseudonym(app, b"email", &address)),
        limit: council.limits.resident_emails_per_day.into(),
        expires_at,
    };
    Ok(app.store.count_uses(&[counter], now).await? == Counted::Counted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn windows_are_on_the_hour() {
        let (start, end) = hour_window(datetime!(2026-11-24 10:59:59 UTC));
        assert_eq!(start, datetime!(2026-11-24 10:00 UTC).unix_timestamp());
        assert_eq!(end, datetime!(2026-11-24 11:00 UTC));
    }

    #[test]
    fn an_ipv6_subscriber_is_one_client_and_mapped_ipv4_is_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_block(a), client_block(b));
        assert_ne!(client_block(a), client_block(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_block(mapped), "192.0.2.7");
    }
}
