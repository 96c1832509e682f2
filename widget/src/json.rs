//! The browser's side of the wire codec (`feedback_shared::wire::json`): text is parsed
//! by the browser's own `JSON.parse`, and the shared wire types read their members
//! straight from the value it gives; they are written by the codec. The widget ships no
//! JSON parser and no serde code, which were a sixth of its wasm; the wire types and
//! their JSON names live in `shared` alone.

use feedback_shared::wire::{FromJson, JsonValue, ToJson};
use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A value `JSON.parse` gave, read by the codec where it lies.
struct Js(JsValue);

impl JsonValue for Js {
    fn member(&self, key: &str) -> Self {
        Js(Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
    }

    fn is_null(&self) -> bool {
        self.0.is_null_or_undefined()
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn each_item(&self, f: &mut dyn FnMut(&Self)) -> bool {
        let array = Array::is_array(&self.0);
        if array {
            Array::from(&self.0).iter().for_each(|item| f(&Js(item)));
        }
        array
    }

    fn each_member(&self, f: &mut dyn FnMut(String, &Self)) -> bool {
        let object = self.is_object();
        if object {
            for entry in Object::entries(self.0.unchecked_ref()).iter() {
                let entry = Array::from(&entry);
                if let Some(key) = entry.get(0).as_string() {
                    f(key, &Js(entry.get(1)));
                }
            }
        }
        object
    }
}

/// `text` read as a `T`, or `None` when it is not JSON or not a `T`.
pub fn read<T: FromJson>(text: &str) -> Option<T> {
    // What `wire::from_json` does, in one function per `T` rather than two.
    let json = Js(JSON::parse(text).ok()?);
    let mut ok = true;
    let value = T::read(&json, &mut ok);
    ok.then_some(value)
}

/// `value` as JSON text.
pub fn write<T: ToJson>(value: &T) -> String {
    value.to_text()
}
