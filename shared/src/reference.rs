use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A case's human-readable reference, unique per council per year: `DEMO-2026-000042`.
/// The sequence is zero-padded to six digits and grows past them if a year needs it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference {
    prefix: String,
    year: i32,
    sequence: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a case reference like DEMO-2026-000042")]
pub struct BadReference(pub String);

fn prefix_is_valid(prefix: &str) -> bool {
    (2..=10).contains(&prefix.len())
        && prefix
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

impl Reference {
    /// `None` when the prefix is not 2 to 10 upper-case letters or digits, the year is not
    /// four digits, or the sequence is zero.
    pub fn new(prefix: &str, year: i32, sequence: u64) -> Option<Self> {
        (prefix_is_valid(prefix) && (1000..=9999).contains(&year) && sequence > 0).then(|| {
            Reference {
                prefix: prefix.to_owned(),
                year,
                sequence,
            }
        })
    }

    /// Some reference, not a valid one: what the wire codec gives (and throws away) when a
    /// member it reads is not a reference.
    pub(crate) fn stand_in() -> Self {
        Reference {
            prefix: String::new(),
            year: 0,
            sequence: 0,
        }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn sequence(&self) -> u64 {
        self.sequence
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:06}", self.prefix, self.year, self.sequence)
    }
}

impl FromStr for Reference {
    type Err = BadReference;

    /// Case-insensitive and tolerant of surrounding spaces, as residents type it.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        parse(raw).ok_or_else(|| BadReference(raw.to_owned()))
    }
}

/// `PREFIX-YYYY-NNNNNN`, read byte by byte (the widget reads references too, and this is
/// smaller in its wasm than splitting and parsing with the standard library).
pub(crate) fn parse(raw: &str) -> Option<Reference> {
    let upper = raw.trim().to_ascii_uppercase();
    let (prefix, rest) = upper.split_once('-')?;
    let (year, seq) = rest.split_once('-')?;
    if year.len() != 4 || seq.len() < 6 {
        return None;
    }
    // Only the canonical padding is accepted, so one case has one spelling.
    if seq.len() > 6 && seq.starts_with('0') {
        return None;
    }
    // A dash left in the sequence (a fourth part) is not a digit, so it is refused here.
    let year = digits(year)?;
    Reference::new(prefix, i32::try_from(year).ok()?, digits(seq)?)
}

/// The number `s` spells in ASCII digits alone; `None` for anything else or too large.
fn digits(s: &str) -> Option<u64> {
    s.bytes().try_fold(0u64, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

impl TryFrom<String> for Reference {
    type Error = BadReference;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        raw.parse()
    }
}

impl From<Reference> for String {
    fn from(value: Reference) -> String {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_six_digit_sequence() {
        assert_eq!(
            Reference::new("DEMO", 2026, 42).unwrap().to_string(),
            "DEMO-2026-000042"
        );
        assert_eq!(
            Reference::new("DEMO", 2026, 1_234_567).unwrap().to_string(),
            "DEMO-2026-1234567"
        );
    }

    #[test]
    fn parses_what_it_prints_and_what_residents_type() {
        let r: Reference = " demo-2026-000042 ".parse().unwrap();
        assert_eq!(r, Reference::new("DEMO", 2026, 42).unwrap());
        let big: Reference = "DEMO-2026-1234567".parse().unwrap();
        assert_eq!(big.sequence(), 1_234_567);
    }

    #[test]
    fn refuses_malformed_references() {
        for bad in [
            "DEMO-2026-42",
            "DEMO-26-000042",
            "DEMO-2026-000000",
            "D-2026-000042",
            "DEMO-2026-00000042",
            "DEMO-2026-000042-1",
            "DEMO2026000042",
            "DEMO-+999-000042",
            "DEMO-2026-00004a",
            "DEMO-2026-99999999999999999999",
            "DÉMO-2026-000042",
            "-2026-000042",
            "",
        ] {
            assert!(bad.parse::<Reference>().is_err(), "{bad}");
        }
    }
}
