use crate::validation::{Field, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// A UK phone number, held in national form (`01632960001`). Accepts spaces, hyphens,
/// brackets and the `+44` / `0044` prefixes people type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct UkPhone(String);

impl UkPhone {
    pub fn parse(field: Field, raw: &str) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(field, Problem::Required));
        }
        let invalid = || FieldError::new(field, Problem::Phone);
        if !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || " -()+.".contains(c))
        {
            return Err(invalid());
        }
        let compact: String = trimmed
            .chars()
            .filter(|c| *c != '.' && *c != ' ' && *c != '-' && *c != '(' && *c != ')')
            .collect();
        let national = if let Some(rest) = compact
            .strip_prefix("+44")
            .or_else(|| compact.strip_prefix("0044"))
        {
            // "+44 (0)20 …" is common: drop the bracketed trunk zero.
            format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
        } else {
            compact
        };
        let digits_only = national.chars().all(|c| c.is_ascii_digit());
        // UK numbers are 0 plus 9 or 10 digits; no geographic or mobile range starts 00, 04 or 06.
        let plausible_range = matches!(
            national.as_bytes().get(1),
            Some(b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9')
        );
        // Only some 01 area codes and 0800/0500 numbers have ten digits; the rest have eleven.
        let ten_digit_ok =
            national.len() == 10 && matches!(national.as_bytes().get(1), Some(b'1' | b'5' | b'8'));
        let length_ok = national.len() == 11 || ten_digit_ok;
        if !digits_only || !national.starts_with('0') || !length_ok || !plausible_range {
            return Err(invalid());
        }
        Ok(UkPhone(national))
    }

    /// National form, digits only.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// E.164 form (`+441632960001`) for systems that dial.
    pub fn e164(&self) -> String {
        format!("+44{}", &self.0[1..])
    }
}

impl TryFrom<String> for UkPhone {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(Field::Phone, &raw).map_err(|e| e.key().to_owned())
    }
}

impl From<UkPhone> for String {
    fn from(value: UkPhone) -> String {
        value.0
    }
}

impl std::fmt::Display for UkPhone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_ways_people_write_uk_numbers() {
        for (raw, national) in [
            ("01632 960 001", "01632960001"),
            ("07700-900-982", "07700900982"),
            ("+44 7700 900982", "07700900982"),
            ("+44 (0)20 7946 0000", "02079460000"),
            ("0044 29 2018 0000", "02920180000"),
            ("(029) 2018 0000", "02920180000"),
            ("0800 123456", "0800123456"),
        ] {
            assert_eq!(
                UkPhone::parse(Field::Phone, raw).unwrap().as_str(),
                national,
                "{raw}"
            );
        }
    }

    #[test]
    fn refuses_what_cannot_be_a_uk_number() {
        for bad in [
            "12345",
            "07700 900 98",
            "077009009822",
            "+33 1 23 45 67 89",
            "0400 123 4567",
            "07700 9OO 982",
        ] {
            assert_eq!(
                UkPhone::parse(Field::Phone, bad).unwrap_err().problem,
                Problem::Phone,
                "{bad}"
            );
        }
    }

    #[test]
    fn e164_drops_the_trunk_zero() {
        assert_eq!(
            UkPhone::parse(Field::Phone, "07700 900982").unwrap().e164(),
            "+447700900982"
        );
    }
}
