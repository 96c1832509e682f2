//! Form controls, GOV.UK style: a label, an optional hint, an "Error:"-prefixed message,
//! all tied to the control with `for` and `aria-describedby`.
//!
//! Each control is a component that reads and writes one part of the draft through plain
//! function pointers (`get`, `set`), so no control is generic over the draft's fields.

use super::ctx::Ctx;
use crate::draft::Draft;
use crate::text::{self, Text};
use feedback_shared::{Field, Language};
use leptos::prelude::*;
use std::time::Duration;

pub type Getter = fn(&Draft) -> String;
pub type Setter = fn(&mut Draft, String);
pub type FlagGetter = fn(&Draft) -> bool;
pub type FlagSetter = fn(&mut Draft, bool);

/// The id of a field's control (the error summary links to it).
pub fn control_id(field: Field) -> String {
    format!("cf-{}", field.name())
}

fn error_id(field: Field) -> String {
    format!("cf-{}-error", field.name())
}

fn hint_id(field: Field) -> String {
    format!("cf-{}-hint", field.name())
}

/// The inline message for `field`, when it has one.
#[component(transparent)]
pub fn ErrorLine(ctx: Ctx, field: Field, lang: Language) -> impl IntoView {
    move || {
        ctx.error_for(field).map(|message| {
            view! {
                <p id=error_id(field) class="cf-error">
                    <span class="cf-visually-hidden">{text::ERROR_PREFIX.get(lang)}</span>
                    {message}
                </p>
            }
        })
    }
}

/// `aria-describedby` for a control: its hint, then its error, then `extra`.
fn described_by(
    ctx: Ctx,
    field: Field,
    hint: bool,
    extra: Option<String>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(hint_id(field));
        }
        if ctx.error_for(field).is_some() {
            ids.push(error_id(field));
        }
        ids.extend(extra.clone());
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A group's class, marked when its field has an error.
pub fn group_class(ctx: Ctx, field: Field) -> impl Fn() -> &'static str + Send + Sync + 'static {
    move || {
        if ctx.error_for(field).is_some() {
            "cf-group cf-group-error"
        } else {
            "cf-group"
        }
    }
}

fn label_text(label: Text, optional: bool, lang: Language) -> String {
    if optional {
        format!("{}{}", label.get(lang), text::OPTIONAL.get(lang))
    } else {
        label.get(lang).to_owned()
    }
}

/// What a text input is, beyond its field.
#[derive(Clone, Copy)]
pub struct Input {
    pub field: Field,
    pub label: Text,
    pub hint: Option<Text>,
    pub optional: bool,
    /// `text`, `email` or `tel`.
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub inputmode: Option<&'static str>,
    /// A width class (`cf-w-full`, `cf-w-10`, …).
    pub width: &'static str,
    pub get: Getter,
    pub set: Setter,
}

impl Input {
    pub fn new(field: Field, label: Text, get: Getter, set: Setter) -> Self {
        Input {
            field,
            label,
            hint: None,
            optional: false,
            kind: "text",
            autocomplete: "off",
            inputmode: None,
            width: "cf-w-full",
            get,
            set,
        }
    }
}

/// A labelled text input.
#[component(transparent)]
pub fn TextInput(ctx: Ctx, lang: Language, spec: Input) -> impl IntoView {
    let Input {
        field,
        label,
        hint,
        optional,
        kind,
        autocomplete,
        inputmode,
        width,
        get,
        set,
    } = spec;
    let id = control_id(field);
    view! {
        <div class=group_class(ctx, field)>
            <label class="cf-label" for=id.clone()>{label_text(label, optional, lang)}</label>
            {hint.map(|h| view! { <div id=hint_id(field) class="cf-hint">{h.get(lang)}</div> })}
            <ErrorLine ctx field lang />
            <input
                id=id
                class=format!("cf-input {width}")
                type=kind
                name=field.name()
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck=if kind == "text" && autocomplete == "off" { None } else { Some("false") }
                aria-invalid=move || ctx.error_for(field).map(|_| "true")
                aria-describedby=described_by(ctx, field, hint.is_some(), None)
                prop:value=move || ctx.draft.with(get)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    ctx.draft.update(|d| set(d, value));
                }
            />
        </div>
    }
}

/// A labelled textarea with a character count that screen readers hear once the
/// resident pauses, not at every key.
#[component(transparent)]
pub fn TextArea(
    ctx: Ctx,
    lang: Language,
    field: Field,
    label: String,
    /// Words under the label.
    #[prop(optional)]
    hint: Option<Text>,
    /// Whether the label says "(optional)".
    #[prop(optional)]
    optional: bool,
    /// The most characters allowed (the domain's limit).
    max: usize,
    get: Getter,
    set: Setter,
) -> impl IntoView {
    let id = control_id(field);
    let count_id = format!("cf-{}-count", field.name());
    let used = move || ctx.draft.with(|d| get(d).chars().count());
    let count_class = move || {
        if used() > max {
            "cf-count cf-count-over"
        } else {
            "cf-count"
        }
    };
    let announced = RwSignal::new(String::new());
    let typed = RwSignal::new(0u32);
    let label = if optional {
        format!("{label}{}", text::OPTIONAL.get(lang))
    } else {
        label
    };
    view! {
        <div class=group_class(ctx, field)>
            <label class="cf-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div id=hint_id(field) class="cf-hint">{h.get(lang)}</div> })}
            <ErrorLine ctx field lang />
            <textarea
                id=id
                class="cf-textarea"
                name=field.name()
                rows="5"
                aria-invalid=move || ctx.error_for(field).map(|_| "true")
                aria-describedby=described_by(ctx, field, hint.is_some(), Some(count_id.clone()))
                prop:value=move || ctx.draft.with(get)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    ctx.draft.update(|d| set(d, value));
                    let mine = typed.get_untracked() + 1;
                    typed.set(mine);
                    // The page may be gone when the timer fires: `try_` reads nothing then.
                    set_timeout(
                        move || {
                            if typed.try_get_untracked() == Some(mine) {
                                if let Some(count) = ctx.draft.try_with_untracked(|d| get(d).chars().count()) {
                                    announced.try_set(text::chars_left(max, count, lang));
                                }
                            }
                        },
                        Duration::from_millis(1000),
                    );
                }
            ></textarea>
            <div
                id=count_id
                class=count_class
                aria-hidden="true"
            >
                {move || {
                    if used() == 0 {
                        text::CHARS_LIMIT.with(lang, max)
                    } else {
                        text::chars_left(max, used(), lang)
                    }
                }}
            </div>
            <div class="cf-visually-hidden" aria-live="polite">{move || announced.get()}</div>
        </div>
    }
}

/// One radio button's value, words and optional hint.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}

/// A fieldset of radios.
#[component(transparent)]
pub fn Radios(
    ctx: Ctx,
    lang: Language,
    field: Field,
    legend: String,
    /// Whether the legend is the page's heading (a one-question page).
    #[prop(optional)]
    heading: bool,
    choices: Vec<Choice>,
    get: Getter,
    set: Setter,
) -> impl IntoView {
    let legend = if heading {
        view! {
            <legend class="cf-legend cf-legend-heading">
                <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">{legend}</h2>
            </legend>
        }
        .into_any()
    } else {
        view! { <legend class="cf-legend">{legend}</legend> }.into_any()
    };
    let buttons = choices
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            let id = if i == 0 {
                control_id(field)
            } else {
                format!("cf-{}-{i}", field.name())
            };
            let hint_of = format!("{id}-hint");
            let value = choice.value.clone();
            let checked_value = choice.value.clone();
            let has_hint = choice.hint.is_some();
            view! {
                <div class="cf-radio">
                    <input
                        id=id.clone()
                        class="cf-radio-input"
                        type="radio"
                        name=field.name()
                        value=choice.value
                        aria-describedby=has_hint.then(|| hint_of.clone())
                        prop:checked=move || ctx.draft.with(|d| get(d) == checked_value)
                        on:change=move |_| {
                            let value = value.clone();
                            ctx.draft.update(|d| set(d, value));
                        }
                    />
                    <label class="cf-radio-label" for=id>{choice.label}</label>
                    {choice.hint.map(|h| view! { <div id=hint_of class="cf-hint cf-radio-hint">{h}</div> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=group_class(ctx, field)>
            <fieldset
                class="cf-fieldset"
                aria-describedby=move || ctx.error_for(field).map(|_| error_id(field))
            >
                {legend}
                <ErrorLine ctx field lang />
                <div class="cf-radios">{buttons}</div>
            </fieldset>
        </div>
    }
}

/// A single checkbox with its label and hint.
#[component(transparent)]
pub fn Checkbox(
    ctx: Ctx,
    lang: Language,
    id: &'static str,
    label: Text,
    #[prop(optional)] hint: Option<Text>,
    /// The field whose error it shows, when it can have one.
    #[prop(optional)]
    error: Option<Field>,
    get: FlagGetter,
    set: FlagSetter,
) -> impl IntoView {
    let hint_of = format!("{id}-hint");
    let field = error.unwrap_or(Field::Note);
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(hint_of.clone());
    }
    view! {
        <div class=move || if error.is_some() { group_class(ctx, field)() } else { "cf-group" }>
            {error.map(|field| view! { <ErrorLine ctx field lang /> })}
            <div class="cf-checkbox">
                <input
                    id=id
                    class="cf-checkbox-input"
                    type="checkbox"
                    aria-describedby=move || {
                        let mut ids = described.clone();
                        if error.is_some() && ctx.error_for(field).is_some() {
                            ids.push(error_id(field));
                        }
                        (!ids.is_empty()).then(|| ids.join(" "))
                    }
                    prop:checked=move || ctx.draft.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ctx.draft.update(|d| set(d, on));
                    }
                />
                <label class="cf-checkbox-label" for=id>{label.get(lang)}</label>
                {hint.map(|h| view! { <div id=hint_of class="cf-hint cf-radio-hint">{h.get(lang)}</div> })}
            </div>
        </div>
    }
}

/// The error summary: "There is a problem", then a link to each field with an error.
#[component(transparent)]
pub fn ErrorSummary(ctx: Ctx, lang: Language) -> impl IntoView {
    move || {
        let errors = ctx.errors.get();
        (!errors.is_empty()).then(|| {
            let links = errors
                .into_iter()
                .map(|e| {
                    let target = control_id(e.field);
                    let href = format!("#{target}");
                    view! {
                        <li>
                            <a
                                href=href
                                class="cf-link"
                                on:click=move |ev| {
                                    // Fragment links do not reach into a shadow root.
                                    ev.prevent_default();
                                    ctx.container
                                        .with_value(|c| crate::focus::focus_by_id(c, &target));
                                }
                            >
                                {e.message}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div
                    id=crate::focus::SUMMARY_ID
                    class="cf-error-summary"
                    tabindex="-1"
                    aria-labelledby="cf-error-summary-title"
                >
                    <div role="alert">
                        <h2 id="cf-error-summary-title" class="cf-error-summary-title">
                            {text::ERROR_SUMMARY.get(lang)}
                        </h2>
                        <ul class="cf-error-summary-list">{links}</ul>
                    </div>
                </div>
            }
        })
    }
}

/// The council's privacy notice, linked wherever personal details are asked for.
#[component(transparent)]
pub fn PrivacyLink(ctx: Ctx, lang: Language) -> impl IntoView {
    ctx.council
        .with_untracked(|c| c.privacy_notice_url.clone())
        .map(|url| {
            view! {
                <p class="cf-body">
                    <a class="cf-link" href=url target="_blank" rel="noopener">
                        {text::PRIVACY.get(lang)}{text::NEW_WINDOW.get(lang)}
                    </a>
                </p>
            }
        })
}
