use serde::{Deserialize, Serialize};
use std::fmt;

/// A council's identifier in URLs and configuration: 2 to 32 lower-case letters, digits
/// and hyphens, starting with a letter (`demo`, `vale-of-glamorgan`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct CouncilId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a council id: use 2 to 32 lower-case letters, digits and hyphens, starting with a letter"
)]
pub struct BadCouncilId(pub String);

impl CouncilId {
    pub fn parse(raw: &str) -> Result<Self, BadCouncilId> {
        let ok = (2..=32).contains(&raw.len())
            && raw.starts_with(|c: char| c.is_ascii_lowercase())
            && !raw.ends_with('-')
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if ok {
            Ok(CouncilId(raw.to_owned()))
        } else {
            Err(BadCouncilId(raw.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The default prefix of this council's references: upper case, hyphens dropped,
    /// at most 10 characters (`vale-of-glamorgan` gives `VALEOFGLAM`).
    pub fn default_reference_prefix(&self) -> String {
        self.0
            .chars()
            .filter(|c| *c != '-')
            .take(10)
            .collect::<String>()
            .to_ascii_uppercase()
    }
}

impl TryFrom<String> for CouncilId {
    type Error = BadCouncilId;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        CouncilId::parse(&raw)
    }
}

impl From<CouncilId> for String {
    fn from(value: CouncilId) -> String {
        value.0
    }
}

impl fmt::Display for CouncilId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who an officer is: the subject of their token.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct OfficerId(pub String);

impl fmt::Display for OfficerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_refuses_the_rest() {
        for ok in ["demo", "vale-of-glamorgan", "fife2"] {
            assert!(CouncilId::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "d",
            "Demo",
            "2demo",
            "demo-",
            "de mo",
            "démo",
            &"a".repeat(33),
        ] {
            assert!(CouncilId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reference_prefix_is_short_upper_case() {
        let id = CouncilId::parse("vale-of-glamorgan").unwrap();
        assert_eq!(id.default_reference_prefix(), "VALEOFGLAM");
        assert_eq!(
            CouncilId::parse("demo").unwrap().default_reference_prefix(),
            "DEMO"
        );
    }
}
