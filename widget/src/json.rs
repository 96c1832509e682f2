//! The browser's side of the wire codec (`feedback_shared::wire::json`): text is parsed
//! by the browser's own `JSON.parse` and read into the shared wire types, and written by
//! the codec. The widget ships no JSON parser and no serde code, which were a sixth of
//! its wasm; the wire types and their JSON names live in `shared` alone.

use feedback_shared::wire::{FromJson, Json, ToJson};
use js_sys::{Array, JSON, Object};
use wasm_bindgen::{JsCast, JsValue};

/// The value `text` holds as JSON, or `None` when it is not JSON.
pub fn parse(text: &str) -> Option<Json> {
    JSON::parse(text).ok().map(|v| from_js(&v))
}

/// `text` read as a `T`, or `None` when it is not JSON or not a `T`.
pub fn read<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&parse(text)?)
}

/// `value` as JSON text.
pub fn write<T: ToJson>(value: &T) -> String {
    value.to_text()
}

fn from_js(value: &JsValue) -> Json {
    if let Some(s) = value.as_string() {
        Json::String(s)
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if Array::is_array(value) {
        Json::Array(Array::from(value).iter().map(|v| from_js(&v)).collect())
    } else if value.is_object() {
        let object: &Object = value.unchecked_ref();
        Json::Object(
            Object::entries(object)
                .iter()
                .filter_map(|entry| {
                    let entry = Array::from(&entry);
                    Some((entry.get(0).as_string()?, from_js(&entry.get(1))))
                })
                .collect(),
        )
    } else {
        Json::Null
    }
}
