use crate::validation::{Field, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// A full UK postcode, upper case with one space before the inward code (`CF10 1AA`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Postcode(String);

/// The outward code's shapes: A9, A99, AA9, AA99, A9A, AA9A (A letter, 9 digit).
fn outward_is_valid(outward: &[u8]) -> bool {
    let l = |c: u8| c.is_ascii_uppercase();
    let d = |c: u8| c.is_ascii_digit();
    match outward {
        [a, b] => l(*a) && d(*b),
        [a, b, c] => l(*a) && ((d(*b) && d(*c)) || (l(*b) && d(*c)) || (d(*b) && l(*c))),
        [a, b, c, e] => l(*a) && l(*b) && d(*c) && (d(*e) || l(*e)),
        _ => false,
    }
}

/// The inward code: a digit and two letters, never C, I, K, M, O or V.
fn inward_is_valid(inward: &[u8]) -> bool {
    let unit = |c: u8| c.is_ascii_uppercase() && !b"CIKMOV".contains(&c);
    matches!(inward, [d, a, b] if d.is_ascii_digit() && unit(*a) && unit(*b))
}

impl Postcode {
    pub fn parse(field: Field, raw: &str) -> Result<Self, FieldError> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(FieldError::new(field, Problem::Required));
        }
        let bytes = compact.as_bytes();
        let valid = compact.is_ascii()
            && bytes.len() >= 5
            && bytes.len() <= 7
            && outward_is_valid(&bytes[..bytes.len() - 3])
            && inward_is_valid(&bytes[bytes.len() - 3..]);
        if !valid && compact != "GIR0AA" {
            return Err(FieldError::new(field, Problem::Postcode));
        }
        let (outward, inward) = compact.split_at(compact.len() - 3);
        Ok(Postcode(format!("{outward} {inward}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Postcode {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(Field::Postcode, &raw).map_err(|e| e.key().to_owned())
    }
}

impl From<Postcode> for String {
    fn from(value: Postcode) -> String {
        value.0
    }
}

impl std::fmt::Display for Postcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_every_outward_shape() {
        for (raw, expected) in [
            ("m1 1aa", "M1 1AA"),
            ("M60 1NW", "M60 1NW"),
            ("cr26xh", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"),
            ("W1A 1HQ", "W1A 1HQ"),
            ("EC1A1BB", "EC1A 1BB"),
            (" cf10  1aa ", "CF10 1AA"),
        ] {
            assert_eq!(
                Postcode::parse(Field::Postcode, raw).unwrap().as_str(),
                expected
            );
        }
    }

    #[test]
    fn refuses_partial_and_impossible_postcodes() {
        for bad in [
            "CF10",
            "1AA CF10",
            "CF10 1CA",
            "CF10 AAA",
            "CFX10 1AA",
            "C 1AA",
            "CF10 1AÅ",
        ] {
            assert_eq!(
                Postcode::parse(Field::Postcode, bad).unwrap_err().problem,
                Problem::Postcode,
                "{bad}"
            );
        }
    }
}
