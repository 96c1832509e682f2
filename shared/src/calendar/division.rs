use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The three bank-holiday divisions GOV.UK publishes. Wales shares England's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Division {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Division {
    pub const ALL: [Division; 3] = [
        Division::EnglandAndWales,
        Division::Scotland,
        Division::NorthernIreland,
    ];

    /// The key GOV.UK's `bank-holidays.json` uses for this division.
    pub fn as_str(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "england-and-wales",
            Division::Scotland => "scotland",
            Division::NorthernIreland => "northern-ireland",
        }
    }
}

impl fmt::Display for Division {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the three division names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown division `{0}`: expected england-and-wales, scotland or northern-ireland")]
pub struct UnknownDivision(pub String);

impl FromStr for Division {
    type Err = UnknownDivision;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Division::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| UnknownDivision(s.to_owned()))
    }
}
