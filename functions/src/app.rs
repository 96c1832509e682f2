//! Everything a request needs, built once at start-up and shared.

use crate::auth::{Authenticator, SigningKey};
use crate::clock::Clock;
use crate::config::CouncilConfig;
use crate::store::Store;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use feedback_shared::case::Rules;
use feedback_shared::{Calendar, CouncilId, Reference};
use std::collections::BTreeMap;
use std::sync::Arc;
use time::OffsetDateTime;

pub struct App {
    pub councils: BTreeMap<CouncilId, CouncilConfig>,
    pub calendar: Calendar,
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub auth: Authenticator,
    /// Derives residents' status tokens, so a replayed submission gets the same token
    /// and no token is ever stored.
    pub status_secret: SigningKey,
}

pub type SharedApp = Arc<App>;

impl App {
    pub fn council(&self, id: &str) -> Option<&CouncilConfig> {
        let id = CouncilId::parse(id).ok()?;
        self.councils.get(&id)
    }

    pub fn rules<'a>(&'a self, council: &'a CouncilConfig) -> Rules<'a> {
        Rules {
            calendar: &self.calendar,
            policy: &council.policy,
        }
    }

    /// The resident's code for checking a case: 80 bits of an HMAC of the council and
    /// reference in Crockford's base 32, in groups of four (`7K3M-X2QD-9VBN-T4HF`), so it
    /// can be read aloud and typed without O/0 or l/1 mix-ups. Derived, never stored.
    pub fn status_token(&self, council: &CouncilId, reference: &Reference) -> String {
        let mac = self.status_mac(council, reference);
        feedback_shared::crockford::grouped(&feedback_shared::crockford::encode(&mac[..10]), 4)
    }

    fn status_mac(&self, council: &CouncilId, reference: &Reference) -> Vec<u8> {
        self.status_secret.sign_parts(&[
            b"status-token",
            council.as_str().as_bytes(),
            reference.to_string().as_bytes(),
        ])
    }

    /// A signed note of when a resident opened the council's form:
    /// `{unix seconds}.{nonce}.{mac}`. The minimum fill time and the lifetime are counted
    /// from it without storing anything; the random nonce makes each form's token its own,
    /// so two residents opening the form in the same second do not share its use count.
    pub fn form_token(&self, council: &CouncilId, now: OffsetDateTime) -> String {
        let issued = now.unix_timestamp().to_string();
        let nonce = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 9]>());
        format!(
            "{issued}.{nonce}.{}",
            self.form_mac(council, &issued, &nonce)
        )
    }

    fn form_mac(&self, council: &CouncilId, issued: &str, nonce: &str) -> String {
        let mac = self.status_secret.sign_parts(&[
            b"form-token",
            council.as_str().as_bytes(),
            issued.as_bytes(),
            nonce.as_bytes(),
        ]);
        URL_SAFE_NO_PAD.encode(&mac[..15])
    }

    /// The issue time (unix seconds) and signature of a form token, if this deployment
    /// issued it for `council`. Its lifetime is the council's to check.
    pub fn form_token_parts(&self, council: &CouncilId, token: &str) -> Option<(i64, String)> {
        let mut parts = token.trim().split('.');
        let (issued, nonce, mac) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let seconds: i64 = issued.parse().ok()?;
        let expected = self.form_mac(council, issued, nonce);
        let same = expected.len() == mac.len()
            && expected
                .bytes()
                .zip(mac.bytes())
                .fold(0u8, |acc, (x, y)| acc | (x ^ y))
                == 0;
        same.then(|| (seconds, mac.to_owned()))
    }

    /// Whether `given` is the case's code, compared in constant time so response timing
    /// reveals nothing about it. Typing is forgiven (`crockford::normalise`: lower case,
    /// O for 0, I or L for 1, hyphens and spaces). Codes given out before the Crockford
    /// form (20 characters of URL-safe base 64 of the same HMAC, in emails and notes
    /// residents still hold) still match: they were derived, never stored, so the same
    /// derivation checks them, exactly as typed.
    pub fn status_token_matches(
        &self,
        council: &CouncilId,
        reference: &Reference,
        given: &str,
    ) -> bool {
        let mac = self.status_mac(council, reference);
        let crockford = feedback_shared::crockford::encode(&mac[..10]);
        let typed = feedback_shared::crockford::normalise(given).unwrap_or_default();
        let legacy = URL_SAFE_NO_PAD.encode(&mac[..15]);
        same(crockford.as_bytes(), typed.as_bytes())
            | same(legacy.as_bytes(), given.trim().as_bytes())
    }
}

/// Equal bytes, compared in constant time for equal lengths.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
