use crate::validation::{Field, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// Trims, then checks the text is present and within `max` characters (Unicode scalar
/// values, as the widget's character count shows).
fn bounded(field: Field, raw: &str, max: usize) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    if trimmed.chars().count() > max {
        return Err(FieldError::new(field, Problem::TooLong { max }));
    }
    Ok(trimmed.to_owned())
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The most characters it may hold.
            pub const MAX: usize = $max;

            /// Trimmed; refused when empty or longer than [`Self::MAX`].
            pub fn parse(field: Field, raw: &str) -> Result<Self, FieldError> {
                bounded(field, raw, Self::MAX).map($name)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(raw: String) -> Result<Self, String> {
                // Stored values are re-read without a field to blame; the text says which type.
                bounded(Field::Note, &raw, Self::MAX)
                    .map($name)
                    .map_err(|e| format!("{}: {}", stringify!($name), e.key()))
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

bounded_text!(
    /// A person's name as they write it: no assumptions about first and last names.
    PersonName,
    200
);
bounded_text!(
    /// A short answer: a relationship, a member of staff, a service name.
    ShortText,
    200
);
bounded_text!(
    /// A postal address, in whatever lines the person gives.
    Address,
    500
);
bounded_text!(
    /// What happened, in the resident's words.
    Description,
    5000
);
bounded_text!(
    /// Longer officer text: reasons, learning, actions, notes.
    LongText,
    10000
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed() {
        let name = PersonName::parse(Field::Name, "  Siân Jones \n").unwrap();
        assert_eq!(name.as_str(), "Siân Jones");
    }

    #[test]
    fn blank_text_is_required() {
        let err = Description::parse(Field::WhatHappened, " \t\n").unwrap_err();
        assert_eq!(err, FieldError::new(Field::WhatHappened, Problem::Required));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let welsh = "ŵ".repeat(Description::MAX);
        assert!(Description::parse(Field::WhatHappened, &welsh).is_ok());
        let err = Description::parse(Field::WhatHappened, &format!("{welsh}a")).unwrap_err();
        assert_eq!(err.problem, Problem::TooLong { max: 5000 });
    }

    #[test]
    fn deserialising_refuses_what_parse_refuses() {
        assert!(serde_json::from_str::<PersonName>("\"\"").is_err());
        let ok: PersonName = serde_json::from_str("\"Ann\"").unwrap();
        assert_eq!(ok.as_str(), "Ann");
    }
}
