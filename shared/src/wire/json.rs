//! A serde-free JSON codec for the wire types the widget reads and writes.
//!
//! The server, the console and the tests use serde on the same types. The widget does
//! not: serde's generated code and serde_json's parser were a sixth of its wasm (208 KB
//! against 170 KB gzipped when it was measured), and the browser already has a JSON
//! parser. So the widget parses text with the browser's `JSON.parse` and reads the wire
//! types member by member from the value it gives, through [`JsonValue`], which the widget
//! implements over `JsValue` (and this module over `serde_json::Value`, for the tests); it
//! writes them with [`ToJson`], which writes JSON text directly.
//!
//! The codec is declared beside each type with [`json_struct!`](crate::json_struct) and
//! [`json_enum!`](crate::json_enum), which take the JSON keys from the Rust field names,
//! and `shared/tests/wire.rs` round-trips every such type through serde and through this
//! codec, both ways, so the two can never disagree.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use time::{Date, Month};

/// A JSON value as a parser gives it, read where it lies rather than copied into a tree
/// first: that kept the widget's wasm smaller.
pub trait JsonValue: Sized {
    /// The member `key`; null (see [`JsonValue::is_null`]) when it is missing or this is
    /// not an object.
    fn member(&self, key: &str) -> Self;
    /// Whether this is null, or a member that is missing.
    fn is_null(&self) -> bool;
    /// Whether this is an object (not an array).
    fn is_object(&self) -> bool;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// Calls `f` with each item of an array, in order; `false` when this is not one.
    fn each_item(&self, f: &mut dyn FnMut(&Self)) -> bool;
    /// Calls `f` with each member of an object (its key and value), in order; `false` when
    /// this is not an object.
    fn each_member(&self, f: &mut dyn FnMut(String, &Self)) -> bool;
}

/// A type read from JSON without serde.
///
/// [`FromJson::read`] always gives a value; when the JSON is not one, it clears `ok` and
/// gives a stand-in, which [`from_json`] then throws away. A struct's members are read one
/// after another with one `ok` between them, so a member that cannot be read does not
/// need the members read before it dropped there and then: that kept the widget's wasm
/// smaller. Nothing more is said about what was wrong: the widget can only give up or
/// keep a default.
pub trait FromJson: Sized {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self;
}

/// `json` read as a `T`, or `None` when it is not one.
pub fn from_json<T: FromJson, V: JsonValue>(json: &V) -> Option<T> {
    let mut ok = true;
    let value = T::read(json, &mut ok);
    ok.then_some(value)
}

/// `value`, or (clearing `ok`) `T`'s default as the stand-in when there is none.
pub fn or_stand_in<T: Default>(value: Option<T>, ok: &mut bool) -> T {
    value.unwrap_or_else(|| {
        *ok = false;
        T::default()
    })
}

/// The member `key` of `json` as a `T` (a struct's member; see [`json_struct!`]).
///
/// [`json_struct!`]: crate::json_struct
#[inline(never)]
pub fn member<T: FromJson, V: JsonValue>(json: &V, key: &str, ok: &mut bool) -> T {
    T::read(&json.member(key), ok)
}

/// The member `key` of `json`, or `T`'s default when it is missing, null or not a `T`:
/// what can be kept is kept.
#[inline(never)]
pub fn member_or_default<T: FromJson + Default, V: JsonValue>(json: &V, key: &str) -> T {
    let mut ok = true;
    let value = T::read(&json.member(key), &mut ok);
    if ok { value } else { T::default() }
}

/// Clears `ok` unless `json` is an object, as a struct must be.
pub fn expect_object<V: JsonValue>(json: &V, ok: &mut bool) {
    if !json.is_object() {
        *ok = false;
    }
}

/// The variant whose name `json` holds, or (clearing `ok`) the first.
pub fn choice<T: Copy, V: JsonValue>(json: &V, names: &[&str], variants: &[T], ok: &mut bool) -> T {
    let found = json
        .string()
        .and_then(|s| name_position(names, &s))
        .and_then(|i| variants.get(i));
    match found {
        Some(variant) => *variant,
        None => {
            *ok = false;
            variants[0]
        }
    }
}

/// Where `name` is among `names`.
pub fn name_position(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|n| *n == name)
}

/// `s` as a JSON string.
pub fn write_string(s: &str, out: &mut String) {
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
    pub fn member<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write_json(self.out);
    }

    /// Writes `key` (and the comma before it) for the member that follows.
    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_string(key, self.out);
        self.out.push(':');
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_string(self, out);
    }
}

impl FromJson for String {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        or_stand_in(json.string(), ok)
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl FromJson for bool {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        or_stand_in(json.boolean(), ok)
    }
}

/// A whole number from `min` to `max`, or (clearing `ok`) 0.
fn whole_number<V: JsonValue>(json: &V, min: f64, max: f64, ok: &mut bool) -> f64 {
    let n = json
        .number()
        .filter(|n| n.fract() == 0.0 && *n >= min && *n <= max);
    or_stand_in(n, ok)
}

macro_rules! whole_number {
    ($($ty:ty),*) => {$(
        impl ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }

        impl FromJson for $ty {
            fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
                whole_number(json, <$ty>::MIN as f64, <$ty>::MAX as f64, ok) as $ty
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

/// Null or missing is `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        if json.is_null() {
            None
        } else {
            Some(T::read(json, ok))
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
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        let mut out = Vec::new();
        let mut all_ok = true;
        let array = json.each_item(&mut |item| out.push(T::read(item, &mut all_ok)));
        *ok &= array && all_ok;
        out
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
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        let mut out = BTreeMap::new();
        let mut all_ok = true;
        let object = json.each_member(&mut |key, value| {
            out.insert(key, String::read(value, &mut all_ok));
        });
        *ok &= object && all_ok;
        out
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
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        match json.string().as_deref().and_then(parse_iso_date) {
            Some(date) => date,
            None => {
                *ok = false;
                Date::MIN
            }
        }
    }
}

/// A `YYYY-MM-DD` date, strictly: four-digit year, two-digit month and day.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u16, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0'))
        })
    };
    let month = Month::try_from(number(&b[5..7])? as u8).ok()?;
    Date::from_calendar_date(
        i32::from(number(&b[0..4])?),
        month,
        number(&b[8..10])? as u8,
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
            fn read<V: $crate::wire::JsonValue>(json: &V, ok: &mut bool) -> Self {
                $crate::wire::expect_object(json, ok);
                $ty {
                    $($field: $crate::wire::json::member(json, stringify!($field), ok)),*
                }
            }
        }
    };
    (default $ty:ident { $($field:ident),* $(,)? }) => {
        $crate::json_struct!(@to $ty { $($field),* });
        impl $crate::wire::FromJson for $ty {
            fn read<V: $crate::wire::JsonValue>(json: &V, ok: &mut bool) -> Self {
                $crate::wire::expect_object(json, ok);
                $ty {
                    $($field: $crate::wire::member_or_default(json, stringify!($field))),*
                }
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

/// Declares [`ToJson`] and [`FromJson`] for a fieldless enum written as a string, from one
/// table of names in the order the variants are declared (checked when it compiles);
/// `shared/tests/wire.rs` checks the names against serde's.
#[macro_export]
macro_rules! json_enum {
    ($ty:ty { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $ty {
            const JSON_VARIANTS: &[$ty] = &[$(<$ty>::$variant),*];

            /// The names, in one static that writing and reading share (a `const` would be
            /// copied where it is used).
            fn json_names() -> &'static [&'static str] {
                static NAMES: &[&str] = &[$($name),*];
                NAMES
            }

            /// The name this choice travels as in JSON (and, in the widget, a radio's value).
            pub fn json_name(self) -> &'static str {
                Self::json_names()[self as usize]
            }

            /// The choice with the JSON name `name`.
            pub fn from_json_name(name: &str) -> Option<Self> {
                let i = $crate::wire::json::name_position(Self::json_names(), name)?;
                Self::JSON_VARIANTS.get(i).copied()
            }
        }

        // Each variant is at its own discriminant in the table, so writing can index it.
        const _: () = {
            let mut i = 0;
            while i < <$ty>::JSON_VARIANTS.len() {
                assert!(<$ty>::JSON_VARIANTS[i] as usize == i);
                i += 1;
            }
        };

        impl $crate::wire::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                $crate::wire::json::write_string(self.json_name(), out);
            }
        }

        impl $crate::wire::FromJson for $ty {
            fn read<V: $crate::wire::JsonValue>(json: &V, ok: &mut bool) -> Self {
                $crate::wire::json::choice(json, Self::json_names(), Self::JSON_VARIANTS, ok)
            }
        }
    };
}

/// Reading from `serde_json`'s values: what the tests (and anything else that has
/// `serde_json` at hand) give the codec.
impl JsonValue for &serde_json::Value {
    fn member(&self, key: &str) -> Self {
        static NULL: serde_json::Value = serde_json::Value::Null;
        self.get(key).unwrap_or(&NULL)
    }

    fn is_null(&self) -> bool {
        serde_json::Value::is_null(self)
    }

    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }

    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn each_item(&self, f: &mut dyn FnMut(&Self)) -> bool {
        let Some(items) = self.as_array() else {
            return false;
        };
        items.iter().for_each(|item| f(&item));
        true
    }

    fn each_member(&self, f: &mut dyn FnMut(String, &Self)) -> bool {
        let Some(members) = self.as_object() else {
            return false;
        };
        members
            .iter()
            .for_each(|(key, value)| f(key.clone(), &value));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
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
        let read = |s: &str| from_json::<Date, _>(&&json!(s));
        assert_eq!(read("2026-11-24"), Some(date!(2026 - 11 - 24)));
        assert!(read("2026-2-30").is_none());
        assert!(read("2026-02-30").is_none());
        assert!(read("+026-02-01").is_none());
        assert!(read("2026-11-2x").is_none());
        assert!(read("2026/11/24").is_none());
        assert!(read("2026-13-01").is_none());
        assert!(read("2026-00-01").is_none());
        assert_eq!(date!(0999 - 01 - 02).to_text(), r#""0999-01-02""#);
        assert_eq!(read("0999-01-02"), Some(date!(0999 - 01 - 02)));
    }

    #[test]
    fn numbers_must_be_whole_and_in_range() {
        let read = |n: serde_json::Value| from_json::<u8, _>(&&n);
        assert_eq!(read(json!(2.0)), Some(2));
        assert!(read(json!(256.0)).is_none());
        assert!(from_json::<u32, _>(&&json!(1.5)).is_none());
        assert!(from_json::<u32, _>(&&json!(-1.0)).is_none());
        assert!(from_json::<u32, _>(&&json!("1")).is_none());
    }

    #[test]
    fn null_and_missing_are_none() {
        let json = json!({ "a": null, "b": [1, null] });
        let json = &json;
        assert_eq!(from_json::<Option<u8>, _>(&json.member("a")), Some(None));
        assert_eq!(from_json::<Option<u8>, _>(&json.member("c")), Some(None));
        assert_eq!(
            from_json::<Vec<Option<u8>>, _>(&json.member("b")),
            Some(vec![Some(1), None])
        );
        assert!(from_json::<u8, _>(&json.member("a")).is_none());
    }

    #[test]
    fn a_default_member_that_cannot_be_read_takes_its_default() {
        let json = json!({ "list": [true], "name": "Ann" });
        let json = &json;
        assert!(member_or_default::<Vec<String>, _>(&json, "list").is_empty());
        assert_eq!(member_or_default::<String, _>(&json, "name"), "Ann");
        assert_eq!(member_or_default::<String, _>(&json, "missing"), "");
    }
}
