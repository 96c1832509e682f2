//! The Council Feedback widget: a Leptos app (client-side rendering) that the loader
//! (`loader/widget.js`) mounts inside the shadow root of a `<council-feedback>` element.
//!
//! This is the foundation: a heading and one field checked by the domain crate's own
//! parser, so the rule that runs on the server is the rule that runs in the browser.
//!
//! Leptos is built without `delegation`: delegated handlers listen on the document, and
//! events such as `submit` and `change` stop at the shadow root, so every handler here is
//! attached to its own element.

pub mod text;

use feedback_shared::input::Description;
use feedback_shared::{Field, Language};
use leptos::prelude::*;

/// The message to show for what the resident typed into "what happened", in `lang`:
/// `None` when the domain crate accepts it.
pub fn description_error(raw: &str, lang: Language) -> Option<String> {
    Description::parse(Field::WhatHappened, raw)
        .err()
        .map(|error| error.text(lang))
}

/// The whole widget for one council, in one language.
#[component]
pub fn App(
    /// The council's id, as in the API's paths (`/v1/councils/{council}`).
    council: String,
    /// The API's base URL (the loader resolves the element's `api` attribute).
    api: String,
    /// The language every word of the widget is in.
    lang: Language,
) -> impl IntoView {
    view! {
        <section
            class="cf"
            lang=lang.tag()
            data-council=council
            data-api=api
            aria-labelledby="cf-heading"
        >
            <Heading lang=lang />
            <DescriptionForm lang=lang />
        </section>
    }
}

/// The widget's heading. It takes focus (`tabindex="-1"`) when the loader swaps the
/// launcher button for the widget, so keyboard users are not left on a removed button.
#[component]
pub fn Heading(
    /// The language of the heading.
    lang: Language,
) -> impl IntoView {
    view! {
        <h2 id="cf-heading" class="cf-heading" tabindex="-1">
            {text::HEADING.get(lang)}
        </h2>
    }
}

/// One text field and a button: the domain crate parses the text and any error is shown
/// GOV.UK style, above the field and linked to it for screen readers.
#[component]
pub fn DescriptionForm(
    /// The language of the label, button and messages.
    lang: Language,
) -> impl IntoView {
    let (raw, set_raw) = signal(String::new());
    // `None` until the first check; then `Some(None)` when accepted, `Some(Some(text))`.
    let (checked, set_checked) = signal(None::<Option<String>>);
    let error = move || checked.get().flatten();
    let accepted = move || matches!(checked.get(), Some(None));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        set_checked.set(Some(description_error(&raw.get_untracked(), lang)));
    };

    view! {
        <form class="cf-form" novalidate on:submit=on_submit>
            <div class="cf-group" class:cf-group-error=move || error().is_some()>
                <label class="cf-label" for="cf-what-happened">
                    {text::WHAT_HAPPENED.get(lang)}
                </label>
                {move || {
                    error()
                        .map(|message| {
                            view! {
                                <p id="cf-what-happened-error" class="cf-error">
                                    <span class="cf-visually-hidden">
                                        {text::ERROR_PREFIX.get(lang)}
                                    </span>
                                    {message}
                                </p>
                            }
                        })
                }}
                <textarea
                    id="cf-what-happened"
                    name=Field::WhatHappened.name()
                    class="cf-textarea"
                    rows="5"
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=move || error().map(|_| "cf-what-happened-error")
                    on:input=move |ev| set_raw.set(event_target_value(&ev))
                    prop:value=raw
                ></textarea>
            </div>
            <button type="submit" class="cf-button">
                {text::CHECK.get(lang)}
            </button>
            <p class="cf-status" role="status">
                {move || accepted().then(|| text::ACCEPTED.get(lang))}
            </p>
        </form>
    }
}

/// Mounts the widget into `root`, the open shadow root the loader attached to a
/// `<council-feedback>` element: a `<div class="cf-root">` is appended and the app is
/// rendered into it. `lang` is a BCP 47 tag (`cy`, `cy-GB`, `en`); anything not Welsh is
/// English. `api` is the API's absolute base URL. The widget stays mounted for the life
/// of the page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(
    root: web_sys::ShadowRoot,
    council: String,
    lang: String,
    api: String,
) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    let document = root
        .owner_document()
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("the shadow root has no document"))?;
    let container: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("cf-root");
    root.append_child(&container)?;
    let lang = Language::from_tag(&lang);
    leptos::mount::mount_to(
        container,
        move || view! { <App council=council api=api lang=lang /> },
    )
    .forget();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_description_asks_for_what_happened_in_each_language() {
        assert_eq!(
            description_error("   ", Language::En).as_deref(),
            Some("Enter what happened")
        );
        assert_eq!(
            description_error("", Language::Cy).as_deref(),
            Some("Rhowch beth ddigwyddodd")
        );
    }

    #[test]
    fn a_description_the_domain_accepts_has_no_error() {
        assert_eq!(description_error("My bin was missed.", Language::Cy), None);
    }

    #[test]
    fn a_description_too_long_says_the_limit() {
        let long = "a".repeat(Description::MAX + 1);
        assert_eq!(
            description_error(&long, Language::En).as_deref(),
            Some("Enter 5000 characters or fewer")
        );
    }
}
