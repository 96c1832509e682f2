//! Newtypes for everything a resident or officer types. Each parses, never merely
//! validates: holding one means the value is good (after "Parse, don't validate").

mod date;
mod email;
mod phone;
mod postcode;
mod text;

pub use date::{NotADate, PastDate, parse_iso_date};
pub use email::EmailAddress;
pub use phone::UkPhone;
pub use postcode::Postcode;
pub use text::{Address, Description, LongText, PersonName, REMOVED, ShortText};

use crate::validation::FieldError;

/// An optional field: blank means not given; anything else must parse.
pub fn optional<T>(
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some)
    }
}
