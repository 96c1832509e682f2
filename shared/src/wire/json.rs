//! A serde-free JSON codec for the wire types the widget reads and writes.
//!
//! The server, the console and the tests use serde on the same types. The widget does
//! not: serde's generated code and serde_json's parser were a sixth of its wasm (208 KB
//! against 170 KB gzipped when it was measured), and the browser already has a JSON
//! parser. So the widget parses text with the browser's `JSON.parse`, turns the result
//! into a [`Json`] tree and reads the wire types from it through [`FromJson`]; it writes
//! them with [`ToJson`], which writes JSON text directly.
//!
//! The codec is declared beside each type with [`json_struct!`](crate::json_struct) and
//! [`json_enum!`](crate::json_enum), which take the JSON keys from the Rust field names,
//! and `shared/tests/wire.rs` round-trips every such type through serde and through this
//! codec, both ways, so the two can never disagree.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use time::{Date, Month};

/// A parsed JSON value. Objects keep their members in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

static NULL: Json = Json::Null;

impl Json {
    /// The member `key` of an object; [`Json::Null`] when missing or not an object.
    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&NULL, |(_, v)| v),
            _ => &NULL,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the member `key` is there (null counts as there).
    pub fn has(&self, key: &str) -> bool {
        matches!(self, Json::Object(members) if members.iter().any(|(k, _)| k == key))
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A type written as JSON text without serde. It writes straight into the text, with no
/// tree in between: that kept the widget's wasm smaller.
pub trait ToJson {
    fn write_json(&self, out: &mut String);

    /// Compact JSON text, as `JSON.stringify` writes it. (Not in `dyn ToJson`'s vtable,
    /// which would otherwise carry a copy of it for every type.)
    fn to_text(&self) -> String
    where
        Self: Sized,
    {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

/// Writes an object's members one by one, with the commas between them.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    pub fn start(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Writes `key` and `value` as the next member.
    pub fn member(&mut self, key: &str, value: &dyn ToJson) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_string(key, self.out);
        self.out.push(':');
        value.write_json(self.out);
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

/// A type read from JSON without serde: `None` when the JSON is not one. Nothing more is
/// said about what was wrong: the widget can only give up or keep a default, and error
/// paths were a measurable part of its wasm.
pub trait FromJson: Sized {
    fn from_json(json: &Json) -> Option<Self>;
}

/// The member `key` of `json`, or `T`'s default when it is missing, null or not a `T`:
/// what can be kept is kept.
pub fn member_or_default<T: FromJson + Default>(json: &Json, key: &str) -> T {
    T::from_json(json.get(key)).unwrap_or_default()
}

/// `Some(())` for an object, so a struct's reading can refuse anything else with `?`.
pub fn expect_object(json: &Json) -> Option<()> {
    matches!(json, Json::Object(_)).then_some(())
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_string(self, out);
    }
}

impl FromJson for String {
    fn from_json(json: &Json) -> Option<Self> {
        json.as_str().map(str::to_owned)
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl FromJson for bool {
    fn from_json(json: &Json) -> Option<Self> {
        match json {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

macro_rules! whole_number {
    ($($ty:ty),*) => {$(
        impl ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }

        impl FromJson for $ty {
                    fn from_json(json: &Json) -> Option<Self> {
                match json {
                    Json::Number(n)
                        if n.fract() == 0.0
                            && *n >= <$ty>::MIN as f64
                            && *n <= <$ty>::MAX as f64 =>
                    {
                        Some(*n as $ty)
                    }
                    _ => None,
                }
            }
        }
    )*};
}

whole_number!(u8, u16, u32, u64, i32);

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(json: &Json) -> Option<Self> {
        match json {
            Json::Null => Some(None),
            value => T::from_json(value).map(Some),
        }
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(json: &Json) -> Option<Self> {
        match json {
            Json::Array(items) => items.iter().map(T::from_json).collect(),
            _ => None,
        }
    }
}

impl ToJson for BTreeMap<String, String> {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::start(out);
        for (key, value) in self {
            object.member(key, value);
        }
        object.end();
    }
}

impl FromJson for BTreeMap<String, String> {
    fn from_json(json: &Json) -> Option<Self> {
        match json {
            Json::Object(members) => members
                .iter()
                .map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect(),
            _ => None,
        }
    }
}

/// Dates travel as `YYYY-MM-DD`, as the `time` crate's serde writes them.
impl ToJson for Date {
    fn write_json(&self, out: &mut String) {
        let _ = write!(
            out,
            "\"{:04}-{:02}-{:02}\"",
            self.year(),
            u8::from(self.month()),
            self.day()
        );
    }
}

impl FromJson for Date {
    fn from_json(json: &Json) -> Option<Self> {
        json.as_str().and_then(parse_iso_date)
    }
}

/// A `YYYY-MM-DD` date, strictly: four-digit year, two-digit month and day.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let bytes = s.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u16> {
        let digits = s.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let month = Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?;
    Date::from_calendar_date(
        i32::from(number(0..4)?),
        month,
        u8::try_from(number(8..10)?).ok()?,
    )
    .ok()
}

/// Declares [`ToJson`] and [`FromJson`] for a struct whose JSON keys are its field names
/// (serde's default). Options may be missing. With `default` before the type, a member
/// that is missing, null or unreadable takes its default (serde's `#[serde(default)]`,
/// made lenient: a saved draft keeps every answer that can still be read).
///
/// ```ignore
/// json_struct!(StatusView { reference, kind, status });
/// json_struct!(default FeedbackForm { kind, service, what_happened });
/// ```
#[macro_export]
macro_rules! json_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        $crate::json_struct!(@to $ty { $($field),* });
        impl $crate::wire::FromJson for $ty {
            fn from_json(json: &$crate::wire::Json) -> Option<Self> {
                $crate::wire::expect_object(json)?;
                Some($ty {
                    $($field: $crate::wire::FromJson::from_json(json.get(stringify!($field)))?),*
                })
            }
        }
    };
    (default $ty:ident { $($field:ident),* $(,)? }) => {
        $crate::json_struct!(@to $ty { $($field),* });
        impl $crate::wire::FromJson for $ty {
            fn from_json(json: &$crate::wire::Json) -> Option<Self> {
                $crate::wire::expect_object(json)?;
                Some($ty {
                    $($field: $crate::wire::member_or_default(json, stringify!($field))),*
                })
            }
        }
    };
    (@to $ty:ident { $($field:ident),* }) => {
        impl $ty {
            /// Writes this value's members into an object being written.
            pub fn write_json_members(&self, object: &mut $crate::wire::ObjectWriter<'_>) {
                $(object.member(stringify!($field), &self.$field);)*
            }
        }

        impl $crate::wire::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                let mut object = $crate::wire::ObjectWriter::start(out);
                self.write_json_members(&mut object);
                object.end();
            }
        }
    };
}

/// Declares [`ToJson`] and [`FromJson`] for a fieldless enum written as a string. The
/// match is exhaustive, so a new variant cannot be forgotten; the names are checked
/// against serde's by `shared/tests/wire.rs`.
#[macro_export]
macro_rules! json_enum {
    ($ty:ty { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $crate::wire::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                out.push('"');
                out.push_str(match self { $(<$ty>::$variant => $name),* });
                out.push('"');
            }
        }

        impl $crate::wire::FromJson for $ty {
                    fn from_json(json: &$crate::wire::Json) -> Option<Self> {
                match json.as_str()? {
                    $($name => Some(<$ty>::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn text_is_compact_and_escaped() {
        let mut map = BTreeMap::new();
        map.insert("a".to_owned(), "say \"hi\"\n\u{1}".to_owned());
        map.insert("b".to_owned(), "\\".to_owned());
        assert_eq!(map.to_text(), r#"{"a":"say \"hi\"\n\u0001","b":"\\"}"#);
        assert_eq!(vec![Some(42u64), None].to_text(), "[42,null]");
        assert_eq!(u64::MAX.to_text(), "18446744073709551615");
    }

    #[test]
    fn dates_are_strict_iso() {
        let read = |s: &str| Date::from_json(&Json::String(s.into()));
        assert_eq!(read("2026-11-24"), Some(date!(2026 - 11 - 24)));
        assert!(read("2026-2-30").is_none());
        assert!(read("2026-02-30").is_none());
        assert!(read("+026-02-01").is_none());
        assert_eq!(date!(0999 - 01 - 02).to_text(), r#""0999-01-02""#);
    }

    #[test]
    fn numbers_must_be_whole_and_in_range() {
        assert_eq!(u8::from_json(&Json::Number(2.0)), Some(2));
        assert!(u8::from_json(&Json::Number(256.0)).is_none());
        assert!(u32::from_json(&Json::Number(1.5)).is_none());
        assert!(u32::from_json(&Json::Number(-1.0)).is_none());
    }

    #[test]
    fn a_default_member_that_cannot_be_read_takes_its_default() {
        let json = Json::Object(vec![
            ("list".into(), Json::Array(vec![Json::Bool(true)])),
            ("name".into(), Json::String("Ann".into())),
        ]);
        assert!(member_or_default::<Vec<String>>(&json, "list").is_empty());
        assert_eq!(member_or_default::<String>(&json, "name"), "Ann");
        assert_eq!(member_or_default::<String>(&json, "missing"), "");
    }
}
