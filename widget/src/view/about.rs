//! About the resident: how to reach them, whom they act for, and what support they need.

use super::ctx::Ctx;
use super::fields::{Choice, Input, checkbox, radios, text_area, text_input};
use crate::text::{self, Text};
use feedback_shared::contact::{Adjustment, ContactMethod};
use feedback_shared::input::LongText;
use feedback_shared::{Field, Kind, Language};
use leptos::prelude::*;

fn method_value(m: Option<ContactMethod>) -> String {
    match m {
        Some(ContactMethod::Email) => "email",
        Some(ContactMethod::Phone) => "phone",
        Some(ContactMethod::Post) => "post",
        None => "",
    }
    .to_owned()
}

pub fn about_page(ctx: Ctx, lang: Language) -> impl IntoView {
    let may_be_anonymous = ctx
        .draft
        .with_untracked(|d| d.kind.is_some_and(Kind::may_be_anonymous));
    let anonymous = Memo::new(move |_| ctx.draft.with(|d| d.is_anonymous()));
    let on_behalf = Memo::new(move |_| ctx.draft.with(|d| d.for_someone_else));
    let contact = move || {
        (!anonymous.get()).then(|| {
            let mut name = Input::new(
                Field::Name,
                text::NAME,
                |d| d.name.clone(),
                |d, v| d.name = v,
            );
            name.autocomplete = "name";
            name.width = "cf-w-20";
            let mut email = Input::new(
                Field::Email,
                text::EMAIL,
                |d| d.email.clone(),
                |d, v| d.email = v,
            );
            email.kind = "email";
            email.autocomplete = "email";
            email.inputmode = Some("email");
            email.hint = Some(text::EMAIL_HINT);
            let mut phone = Input::new(
                Field::Phone,
                text::PHONE,
                |d| d.phone.clone(),
                |d, v| d.phone = v,
            );
            phone.kind = "tel";
            phone.autocomplete = "tel";
            phone.inputmode = Some("tel");
            phone.hint = Some(text::PHONE_HINT);
            phone.width = "cf-w-20";
            let mut postcode = Input::new(
                Field::Postcode,
                text::POSTCODE,
                |d| d.postcode.clone(),
                |d, v| d.postcode = v,
            );
            postcode.autocomplete = "postal-code";
            postcode.optional = true;
            postcode.width = "cf-w-10";
            let methods = vec![
                Choice {
                    value: "email".into(),
                    label: text::BY_EMAIL.get(lang).into(),
                    hint: None,
                },
                Choice {
                    value: "phone".into(),
                    label: text::BY_PHONE.get(lang).into(),
                    hint: None,
                },
                Choice {
                    value: "post".into(),
                    label: text::BY_POST.get(lang).into(),
                    hint: None,
                },
            ];
            view! {
                {text_input(ctx, lang, name)}
                {text_input(ctx, lang, email)}
                {text_input(ctx, lang, phone)}
                {address(ctx, lang)}
                {text_input(ctx, lang, postcode)}
                {radios(
                    ctx,
                    lang,
                    Field::ContactMethod,
                    text::PREFERRED_LEGEND.get(lang).into(),
                    false,
                    methods,
                    |d| method_value(d.preferred),
                    |d, v| {
                        d.preferred = match v.as_str() {
                            "email" => Some(ContactMethod::Email),
                            "phone" => Some(ContactMethod::Phone),
                            "post" => Some(ContactMethod::Post),
                            _ => None,
                        }
                    },
                )}
                {checkbox(
                    ctx,
                    lang,
                    "cf-on-behalf",
                    text::ON_BEHALF,
                    Some(text::ON_BEHALF_HINT),
                    None,
                    |d| d.for_someone_else,
                    |d, on| d.for_someone_else = on,
                )}
                {move || on_behalf.get().then(|| someone_else(ctx, lang))}
            }
        })
    };
    view! {
        <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">
            {text::ABOUT_HEADING.get(lang)}
        </h2>
        {super::check::privacy_link(ctx, lang)}
        {may_be_anonymous.then(|| checkbox(
            ctx,
            lang,
            "cf-anonymous",
            text::ANONYMOUS,
            Some(text::ANONYMOUS_HINT),
            None,
            |d| d.anonymous,
            |d, on| d.anonymous = on,
        ))}
        {contact}
    }
}

/// The postal address: a textarea, as addresses have no fixed number of lines.
fn address(ctx: Ctx, lang: Language) -> impl IntoView {
    let field = Field::Address;
    view! {
        <div class=super::fields::group_class(ctx, field)>
            <label class="cf-label" for="cf-address">
                {text::ADDRESS.get(lang)}{text::OPTIONAL.get(lang)}
            </label>
            {super::fields::error_line(ctx, field, lang)}
            <textarea
                id="cf-address"
                class="cf-textarea cf-w-20"
                name="address"
                rows="3"
                autocomplete="street-address"
                aria-invalid=move || ctx.error_for(field).map(|_| "true")
                aria-describedby=move || ctx.error_for(field).map(|_| "cf-address-error")
                prop:value=move || ctx.draft.with(|d| d.address.clone())
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    ctx.draft.update(|d| d.address = value);
                }
            ></textarea>
        </div>
    }
}

/// Revealed when the resident says they act for someone else.
fn someone_else(ctx: Ctx, lang: Language) -> impl IntoView {
    let mut name = Input::new(
        Field::RepresentedName,
        text::REPRESENTED_NAME,
        |d| d.represented_name.clone(),
        |d, v| d.represented_name = v,
    );
    name.width = "cf-w-20";
    let mut relationship = Input::new(
        Field::Relationship,
        text::RELATIONSHIP,
        |d| d.relationship.clone(),
        |d, v| d.relationship = v,
    );
    relationship.width = "cf-w-20";
    view! {
        <div class="cf-conditional">
            {text_input(ctx, lang, name)}
            {text_input(ctx, lang, relationship)}
            {checkbox(
                ctx,
                lang,
                "cf-consent",
                text::CONSENT,
                None,
                Some(Field::Consent),
                |d| d.consent,
                |d, on| d.consent = on,
            )}
        </div>
    }
}

/// The support a resident can ask for, in their words.
const NEEDS: [(Adjustment, Text); 9] = [
    (
        Adjustment::LargePrint,
        Text {
            en: "Letters in large print",
            cy: "Llythyrau mewn print bras",
        },
    ),
    (
        Adjustment::EasyRead,
        Text {
            en: "Easy read",
            cy: "Hawdd ei ddarllen",
        },
    ),
    (
        Adjustment::PhoneInsteadOfWriting,
        Text {
            en: "Talk by phone instead of writing",
            cy: "Siarad dros y ffôn yn lle ysgrifennu",
        },
    ),
    (
        Adjustment::WritingInsteadOfPhone,
        Text {
            en: "Writing instead of phone calls",
            cy: "Ysgrifennu yn lle galwadau ffôn",
        },
    ),
    (
        Adjustment::Advocate,
        Text {
            en: "Someone to support or speak for me",
            cy: "Rhywun i’m cefnogi neu siarad ar fy rhan",
        },
    ),
    (
        Adjustment::ExtraTime,
        Text {
            en: "More time to reply to you",
            cy: "Mwy o amser i ymateb i chi",
        },
    ),
    (
        Adjustment::SinglePointOfContact,
        Text {
            en: "One named person to deal with",
            cy: "Un person penodol i ddelio ag ef",
        },
    ),
    (
        Adjustment::Interpreter,
        Text {
            en: "An interpreter (including British Sign Language)",
            cy: "Cyfieithydd (gan gynnwys Iaith Arwyddion Prydain)",
        },
    ),
    (
        Adjustment::Other,
        Text {
            en: "Something else",
            cy: "Rhywbeth arall",
        },
    ),
];

/// A need's words, for the check page.
pub fn need_label(need: Adjustment, lang: Language) -> &'static str {
    NEEDS
        .iter()
        .find(|(n, _)| *n == need)
        .map(|(_, t)| t.get(lang))
        .unwrap_or("")
}

pub fn adjustments_page(ctx: Ctx, lang: Language) -> impl IntoView {
    let boxes = NEEDS
        .iter()
        .enumerate()
        .map(|(i, (need, label))| {
            let need = *need;
            let id = format!("cf-need-{i}");
            view! {
                <div class="cf-checkbox">
                    <input
                        id=id.clone()
                        class="cf-checkbox-input"
                        type="checkbox"
                        prop:checked=move || ctx.draft.with(|d| d.needs.contains(&need))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            ctx.draft.update(|d| {
                                d.needs.retain(|n| *n != need);
                                if on {
                                    d.needs.push(need);
                                }
                            });
                        }
                    />
                    <label class="cf-checkbox-label" for=id>{label.get(lang)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="cf-group">
            <fieldset class="cf-fieldset" aria-describedby="cf-needs-hint">
                <legend class="cf-legend cf-legend-heading">
                    <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">
                        {text::ADJUSTMENTS_HEADING.get(lang)}
                    </h2>
                </legend>
                <div id="cf-needs-hint" class="cf-hint">{text::ADJUSTMENTS_HINT.get(lang)}</div>
                <div class="cf-checkboxes">{boxes}</div>
            </fieldset>
        </div>
        {text_area(
            ctx,
            lang,
            Field::Adjustments,
            text::ADJUSTMENTS_DETAILS.get(lang).into(),
            None,
            true,
            LongText::MAX,
            |d| d.needs_details.clone(),
            |d, v| d.needs_details = v,
        )}
    }
}
