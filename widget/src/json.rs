//! JSON through the browser's own `JSON.parse` and `JSON.stringify`, read and written
//! field by field. The widget uses this instead of serde_json because serde's generated
//! code and serde_json's parser were a sixth of the wasm: the browser already has a
//! JSON parser, so the widget need not ship one.

use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A JSON object.
#[derive(Clone)]
pub struct Obj(Object);

impl Default for Obj {
    fn default() -> Self {
        Obj(Object::new())
    }
}

impl Obj {
    pub fn new() -> Self {
        Self::default()
    }

    /// The object `text` holds, or `None` when it is not JSON or not an object.
    pub fn parse(text: &str) -> Option<Obj> {
        JSON::parse(text).ok().and_then(Obj::from_value)
    }

    pub fn from_value(value: JsValue) -> Option<Obj> {
        (value.is_object() && !Array::is_array(&value)).then(|| Obj(value.unchecked_into()))
    }

    fn get(&self, key: &str) -> JsValue {
        Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// A string member; empty when missing or not a string.
    pub fn str(&self, key: &str) -> String {
        self.get(key).as_string().unwrap_or_default()
    }

    /// A string member that may be missing or null.
    pub fn opt_str(&self, key: &str) -> Option<String> {
        self.get(key).as_string()
    }

    pub fn bool(&self, key: &str) -> bool {
        self.get(key).as_bool().unwrap_or(false)
    }

    pub fn num(&self, key: &str) -> Option<f64> {
        self.get(key).as_f64()
    }

    pub fn obj(&self, key: &str) -> Option<Obj> {
        Obj::from_value(self.get(key))
    }

    /// The members of an array member (empty when missing).
    pub fn list(&self, key: &str) -> Vec<JsValue> {
        let value = self.get(key);
        if Array::is_array(&value) {
            Array::from(&value).iter().collect()
        } else {
            Vec::new()
        }
    }

    /// The strings of an array member.
    pub fn strings(&self, key: &str) -> Vec<String> {
        self.list(key)
            .iter()
            .filter_map(JsValue::as_string)
            .collect()
    }

    /// The objects of an array member.
    pub fn objects(&self, key: &str) -> Vec<Obj> {
        self.list(key)
            .into_iter()
            .filter_map(Obj::from_value)
            .collect()
    }

    /// The string-to-string members of an object member, in the object's order.
    pub fn pairs(&self, key: &str) -> Vec<(String, String)> {
        let Some(inner) = self.obj(key) else {
            return Vec::new();
        };
        Object::entries(&inner.0)
            .iter()
            .filter_map(|entry| {
                let entry = Array::from(&entry);
                Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
            })
            .collect()
    }

    /// An object of string members, such as equality answers.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a String, &'a String)>) -> Obj {
        let o = Obj::new();
        for (key, value) in pairs {
            o.set(key, value.as_str());
        }
        o
    }

    pub fn set(&self, key: &str, value: impl Into<JsValue>) -> &Self {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }

    pub fn set_opt(&self, key: &str, value: Option<&str>) -> &Self {
        match value {
            Some(v) => self.set(key, v),
            None => self.set(key, JsValue::NULL),
        }
    }

    pub fn set_obj(&self, key: &str, value: &Obj) -> &Self {
        self.set(key, value.0.clone())
    }

    pub fn set_strings<'a>(&self, key: &str, values: impl IntoIterator<Item = &'a str>) -> &Self {
        let array = Array::new();
        for v in values {
            array.push(&JsValue::from_str(v));
        }
        self.set(key, array)
    }

    pub fn stringify(&self) -> String {
        JSON::stringify(&self.0)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}
