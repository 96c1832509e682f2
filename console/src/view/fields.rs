//! GOV.UK form parts: the error summary that takes focus and links to each field, and
//! controls with a label, hint and "Error:" message tied by `aria-describedby`.

use crate::forms::{DateParts, FormError, message_for};
use leptos::prelude::*;

/// The id of the page's error summary.
pub const SUMMARY_ID: &str = "error-summary";

/// "There is a problem", with a link to each field in error; drawn only when there are
/// errors. Show it with [`show_errors`], which moves focus to it.
#[component]
pub fn ErrorSummary(errors: RwSignal<Vec<FormError>>) -> impl IntoView {
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="govuk-error-summary" id=SUMMARY_ID tabindex="-1">
                    <div role="alert">
                        <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                        <div class="govuk-error-summary__body">
                            <ul class="govuk-list govuk-error-summary__list">
                                {list
                                    .into_iter()
                                    .map(|error| match error.target {
                                        Some(target) => {
                                            let href = format!("#{target}");
                                            view! {
                                                <li>
                                                    <a
                                                        href=href
                                                        on:click=move |ev: leptos::ev::MouseEvent| {
                                                            ev.prevent_default();
                                                            focus_by_id(&target);
                                                        }
                                                    >
                                                        {error.message}
                                                    </a>
                                                </li>
                                            }
                                                .into_any()
                                        }
                                        None => view! { <li>{error.message}</li> }.into_any(),
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// Sets the page's errors and moves focus to the summary, as GOV.UK's does on load.
pub fn show_errors(errors: RwSignal<Vec<FormError>>, list: Vec<FormError>) {
    errors.set(list);
    super::focus_later(SUMMARY_ID);
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

fn error_line(id: &str, message: Option<String>) -> impl IntoView + use<> {
    let id = format!("{id}-error");
    message.map(|message| {
        view! {
            <p id=id class="govuk-error-message">
                <span class="govuk-visually-hidden">"Error: "</span>
                {message}
            </p>
        }
    })
}

/// A textarea with its label, hint and error.
#[component]
pub fn TextArea(
    /// The control's id (the error summary links here).
    id: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FormError>>,
    /// Lines shown; 4 unless said.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = {
        let id = id.clone();
        move || message_for(&errors.get(), &id)
    };
    let described = {
        let message = message.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let group = {
        let message = message.clone();
        move || {
            if message().is_some() {
                "govuk-form-group govuk-form-group--error"
            } else {
                "govuk-form-group"
            }
        }
    };
    let class = {
        let message = message.clone();
        move || {
            if message().is_some() {
                "govuk-textarea govuk-textarea--error"
            } else {
                "govuk-textarea"
            }
        }
    };
    let line_id = id.clone();
    view! {
        <div class=group>
            <label class="govuk-label govuk-label--s" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <div id=hint_id.clone() class="govuk-hint">{hint}</div> })}
            {move || error_line(&line_id, message())}
            <textarea
                class=class
                id=id.clone()
                name=id.clone()
                rows=rows.unwrap_or(4).to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// A select with its label and error. `any` is the words of an empty first option
/// ("Choose"), for a choice that must be made rather than defaulted.
#[component]
pub fn Select(
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    errors: RwSignal<Vec<FormError>>,
    #[prop(optional)] any: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let message = {
        let id = id.clone();
        move || message_for(&errors.get(), &id)
    };
    let has_error = {
        let message = message.clone();
        move || message().is_some()
    };
    view! {
        <div class=move || if has_error() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
            <label class="govuk-label govuk-label--s" for=id.clone()>{label}</label>
            {
                let error_id = error_id.clone();
                let message = message.clone();
                move || message().map(|m| view! {
                    <p id=error_id.clone() class="govuk-error-message">
                        <span class="govuk-visually-hidden">"Error: "</span>{m}
                    </p>
                })
            }
            <select
                class="govuk-select"
                id=id.clone()
                name=id
                aria-describedby=move || message().map(|_| error_id.clone())
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {any.map(|words| view! { <option value="" selected=move || value.get().is_empty()>{words}</option> })}
                {move || options.get().into_iter().map(|(option, words)| {
                    let this = option.clone();
                    view! { <option value=option selected=move || value.get() == this>{words}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A one-line text input with its label, hint and error.
#[component]
pub fn TextInput(
    id: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = {
        let id = id.clone();
        move || message_for(&errors.get(), &id)
    };
    let described = {
        let message = message.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let group = {
        let message = message.clone();
        move || {
            if message().is_some() {
                "govuk-form-group govuk-form-group--error"
            } else {
                "govuk-form-group"
            }
        }
    };
    let class = {
        let message = message.clone();
        move || {
            if message().is_some() {
                "govuk-input govuk-input--width-20 govuk-input--error"
            } else {
                "govuk-input govuk-input--width-20"
            }
        }
    };
    let line_id = id.clone();
    view! {
        <div class=group>
            <label class="govuk-label govuk-label--s" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <div id=hint_id.clone() class="govuk-hint">{hint}</div> })}
            {move || error_line(&line_id, message())}
            <input
                class=class
                id=id.clone()
                name=id.clone()
                type="text"
                spellcheck="false"
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// GOV.UK's date input: day, month and year boxes in a fieldset. `form` names the form;
/// the boxes are `{form}-date-day`, `-month` and `-year`.
#[component]
pub fn DateInput(
    form: &'static str,
    legend: &'static str,
    value: RwSignal<DateParts>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let day_id = format!("{form}-date-day");
    let hint_id = format!("{form}-date-hint");
    let error_id = format!("{form}-date-error");
    let message = {
        let day_id = day_id.clone();
        move || message_for(&errors.get(), &day_id)
    };
    let described = {
        let message = message.clone();
        let hint_id = hint_id.clone();
        move || {
            if message().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let group = {
        let message = message.clone();
        move || {
            if message().is_some() {
                "govuk-form-group govuk-form-group--error"
            } else {
                "govuk-form-group"
            }
        }
    };
    let input_class = move |width: &'static str| {
        let message = message.clone();
        move || {
            if message().is_some() {
                format!(
                    "govuk-input govuk-date-input__input govuk-input--width-{width} govuk-input--error"
                )
            } else {
                format!("govuk-input govuk-date-input__input govuk-input--width-{width}")
            }
        }
    };
    let line_message = {
        let day_id = day_id.clone();
        move || message_for(&errors.get(), &day_id)
    };
    let line_id = format!("{form}-date");
    let part = move |name: &'static str, label: &'static str, width: &'static str| {
        let id = format!("{form}-date-{name}");
        let get = move || {
            value.with(|v| match name {
                "day" => v.day.clone(),
                "month" => v.month.clone(),
                _ => v.year.clone(),
            })
        };
        view! {
            <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for=id.clone()>{label}</label>
                    <input
                        class=input_class(width)
                        id=id.clone()
                        name=id
                        type="text"
                        inputmode="numeric"
                        prop:value=get
                        on:input=move |ev| {
                            let typed = event_target_value(&ev);
                            value.update(|v| match name {
                                "day" => v.day = typed,
                                "month" => v.month = typed,
                                _ => v.year = typed,
                            })
                        }
                    />
                </div>
            </div>
        }
    };
    view! {
        <div class=group>
            <fieldset class="govuk-fieldset" role="group" aria-describedby=described>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <div id=hint_id.clone() class="govuk-hint">"For example, 27 3 2026"</div>
                {move || error_line(&line_id, line_message())}
                <div class="govuk-date-input">
                    {part("day", "Day", "2")}
                    {part("month", "Month", "2")}
                    {part("year", "Year", "4")}
                </div>
            </fieldset>
        </div>
    }
}

/// A success banner for what the officer just did.
#[component]
pub fn Banner(message: String) -> impl IntoView {
    view! {
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="banner-title">
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="banner-title">"Success"</h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">{message}</p>
            </div>
        </div>
    }
}
