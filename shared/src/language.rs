//! The languages residents can use, English and Welsh. Messages, labels and forms are
//! written in both; anything else a browser asks for gets English.

use serde::{Deserialize, Serialize};

/// The languages residents can use. English is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Cy,
}

impl Language {
    /// From a BCP 47 tag such as `cy`, `cy-GB` or `en-GB`; anything not Welsh is English.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("cy") {
            Language::Cy
        } else {
            Language::En
        }
    }

    /// `en` in English, `cy` in Welsh: how every bilingual word is chosen.
    pub fn pick<T>(self, en: T, cy: T) -> T {
        match self {
            Language::En => en,
            Language::Cy => cy,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Cy => "cy",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_tags_choose_welsh_and_everything_else_english() {
        assert_eq!(Language::from_tag("cy"), Language::Cy);
        assert_eq!(Language::from_tag("cy-GB"), Language::Cy);
        assert_eq!(Language::from_tag("en-GB"), Language::En);
        assert_eq!(Language::from_tag(""), Language::En);
    }
}
