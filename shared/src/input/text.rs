use crate::validation::{Field, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// The words left in a text field whose contents were removed under a rule (retention,
/// erasure): short, on one line, so it fits every bounded text type.
pub const REMOVED: &str = "[removed]";

/// Whether a text may run over several lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    /// One line: any control character (NUL, ESC, BEL, CR, LF, tab, …) is refused.
    One,
    /// Several lines: `\r\n` and a lone `\r` become `\n`, a tab a space, and other control
    /// characters are dropped.
    Many,
}

/// `raw` with its line breaks normalised to `\n`, tabs as spaces and every other control
/// character dropped.
fn multi_line(raw: &str) -> String {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Trims, then checks the text is present and within `max` characters (Unicode scalar
/// values, as the widget's character count shows). One-line text with a control character
/// is refused; many-line text is cleaned (see [`Lines`]).
fn bounded(field: Field, raw: &str, max: usize, lines: Lines) -> Result<String, FieldError> {
    let cleaned;
    let raw = match lines {
        Lines::One => raw,
        Lines::Many => {
            cleaned = multi_line(raw);
            &cleaned
        }
    };
    let trimmed = raw.trim();
    if lines == Lines::One && trimmed.chars().any(char::is_control) {
        return Err(FieldError::new(field, Problem::ControlCharacters));
    }
    if trimmed.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    if trimmed.chars().count() > max {
        return Err(FieldError::new(field, Problem::TooLong { max }));
    }
    Ok(trimmed.to_owned())
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $max:expr, $lines:expr) => {
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
                bounded(field, raw, Self::MAX, $lines).map($name)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// What is left where personal data was removed (retention, erasure).
            pub fn removed() -> Self {
                $name(String::from(REMOVED))
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(raw: String) -> Result<Self, String> {
                // Stored values are re-read without a field to blame; the text says which type.
                bounded(Field::Note, &raw, Self::MAX, $lines)
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
    200,
    Lines::One
);
bounded_text!(
    /// A short answer: a relationship, a member of staff, a service name.
    ShortText,
    200,
    Lines::One
);
bounded_text!(
    /// A postal address, in whatever lines the person gives.
    Address,
    500,
    Lines::Many
);
bounded_text!(
    /// What happened, in the resident's words.
    Description,
    5000,
    Lines::Many
);
bounded_text!(
    /// Longer officer text: reasons, learning, actions, notes.
    LongText,
    10000,
    Lines::Many
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
    fn one_line_text_refuses_control_characters() {
        for raw in [
            "Siân\0Jones",
            "Siân\u{1b}[31mJones",
            "Siân\u{7}",
            "Siân\r\nJones",
            "Siân\nJones",
            "Siân\tJones",
            "\u{7f}Siân",
            "Siân\u{85}Jones",
        ] {
            let err = PersonName::parse(Field::Name, raw).unwrap_err();
            assert_eq!(
                err,
                FieldError::new(Field::Name, Problem::ControlCharacters),
                "{raw:?}"
            );
            let err = ShortText::parse(Field::Relationship, raw).unwrap_err();
            assert_eq!(err.problem, Problem::ControlCharacters, "{raw:?}");
            assert!(serde_json::from_value::<PersonName>(raw.into()).is_err());
        }
        // Trailing line breaks are trimmed off before the check.
        assert!(ShortText::parse(Field::StaffName, "Dai the driver\r\n").is_ok());
    }

    #[test]
    fn many_line_text_keeps_line_breaks_and_drops_other_control_characters() {
        let text = Description::parse(
            Field::WhatHappened,
            "First line\r\nSecond\0 line\rThird\u{1b}\u{7} line\tend\n",
        )
        .unwrap();
        assert_eq!(text.as_str(), "First line\nSecond line\nThird line end");
        let address = Address::parse(Field::Address, "1 High Street\r\nAberwen\u{0}").unwrap();
        assert_eq!(address.as_str(), "1 High Street\nAberwen");
        let note: LongText = serde_json::from_value("a\u{1b}b\r\nc".into()).unwrap();
        assert_eq!(note.as_str(), "ab\nc");
        // Nothing but control characters is nothing at all.
        let err = LongText::parse(Field::Note, "\u{0}\u{7}").unwrap_err();
        assert_eq!(err.problem, Problem::Required);
    }

    #[test]
    fn deserialising_refuses_what_parse_refuses() {
        assert!(serde_json::from_str::<PersonName>("\"\"").is_err());
        let ok: PersonName = serde_json::from_str("\"Ann\"").unwrap();
        assert_eq!(ok.as_str(), "Ann");
    }
}
