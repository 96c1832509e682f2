//! The Council Feedback widget: a Leptos app (client-side rendering) that the loader
//! (`loader/widget.js`) mounts inside the shadow root of a `<council-feedback>` element.
//!
//! The form follows the GOV.UK Design System's patterns, one question (or one short
//! group) per page, and checks every answer with the domain crate's own parsers, so the
//! rule that runs on the server is the rule the resident meets in the browser.
//!
//! Leptos is built without `delegation`: delegated handlers listen on the document, and
//! events such as `submit` and `change` stop at the shadow root, so every handler here is
//! attached to its own element.

pub mod api;
pub mod confirmation;
pub mod council;
pub mod draft;
pub mod early;
pub mod focus;
pub mod history;
pub mod json;
pub mod storage;
pub mod text;
pub mod view;

/// Mounts the widget into `root`: the open shadow root the loader attached to a
/// `<council-feedback>` element, or the body of its launcher dialog. A
/// `<div class="cf-root">` is appended and the app is rendered into it. `lang` is a
/// BCP 47 tag (`cy`, `cy-GB`, `en`); anything not Welsh is English. `api` is the API's
/// absolute base URL. `early` is the first question the loader drew before the wasm came
/// (`early`), if it drew one: the app stays hidden until its own page is ready, then
/// takes over what the resident did there. The widget stays mounted for the life of the
/// page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(
    root: web_sys::Node,
    council: String,
    lang: String,
    api: String,
    early: Option<web_sys::HtmlElement>,
) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let document = root
        .owner_document()
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("the root has no document"))?;
    let container: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("cf-root");
    if early.is_some() {
        container.set_hidden(true);
    }
    root.append_child(&container)?;
    let lang = feedback_shared::Language::from_tag(&lang);
    let inside = container.clone();
    leptos::mount::mount_to(container, move || {
        view::app(council, api, lang, inside, early)
    })
    .forget();
    Ok(())
}
