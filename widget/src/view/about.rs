//! About the resident: how to reach them, whom they act for, and what support they need.

use super::ctx::Ctx;
use super::fields::{
    Checkbox, Choice, ErrorLine, Input, PrivacyLink, Radios, TextArea, TextInput, group_class,
};
use crate::text;
use feedback_shared::contact::ContactMethod;
use feedback_shared::input::LongText;
use feedback_shared::{Field, Kind, Language};
use leptos::prelude::*;

/// A way of replying's radio value: its name in JSON.
fn method_value(m: Option<ContactMethod>) -> String {
    m.map_or("", ContactMethod::json_name).to_owned()
}

/// Contact details, the way to reply, and whether they act for someone else.
#[component(transparent)]
pub fn AboutPage(ctx: Ctx, lang: Language) -> impl IntoView {
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
                    value: ContactMethod::Email.json_name().into(),
                    label: text::BY_EMAIL.get(lang).into(),
                    hint: None,
                },
                Choice {
                    value: ContactMethod::Phone.json_name().into(),
                    label: text::BY_PHONE.get(lang).into(),
                    hint: None,
                },
                Choice {
                    value: ContactMethod::Post.json_name().into(),
                    label: text::BY_POST.get(lang).into(),
                    hint: None,
                },
            ];
            view! {
                <TextInput ctx lang spec=name />
                <TextInput ctx lang spec=email />
                <TextInput ctx lang spec=phone />
                <Address ctx lang />
                <TextInput ctx lang spec=postcode />
                <Radios
                    ctx
                    lang
                    field=Field::ContactMethod
                    legend=text::PREFERRED_LEGEND.get(lang).to_owned()
                    choices=methods
                    get=|d| method_value(d.preferred)
                    set=|d, v| d.preferred = ContactMethod::from_json_name(&v)
                />
                <Checkbox
                    ctx
                    lang
                    id="cf-on-behalf"
                    label=text::ON_BEHALF
                    hint=text::ON_BEHALF_HINT
                    get=|d| d.for_someone_else
                    set=|d, on| d.for_someone_else = on
                />
                {move || on_behalf.get().then(|| view! { <SomeoneElse ctx lang /> })}
            }
        })
    };
    view! {
        <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">
            {text::ABOUT_HEADING.get(lang)}
        </h2>
        <PrivacyLink ctx lang />
        {may_be_anonymous.then(|| view! {
            <Checkbox
                ctx
                lang
                id="cf-anonymous"
                label=text::ANONYMOUS
                hint=text::ANONYMOUS_HINT
                get=|d| d.anonymous
                set=|d, on| d.anonymous = on
            />
        })}
        {contact}
    }
}

/// The postal address: a textarea, as addresses have no fixed number of lines.
#[component(transparent)]
fn Address(ctx: Ctx, lang: Language) -> impl IntoView {
    let field = Field::Address;
    view! {
        <div class=group_class(ctx, field)>
            <label class="cf-label" for="cf-address">
                {text::ADDRESS.get(lang)}{text::OPTIONAL.get(lang)}
            </label>
            <ErrorLine ctx field lang />
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
#[component(transparent)]
fn SomeoneElse(ctx: Ctx, lang: Language) -> impl IntoView {
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
            <TextInput ctx lang spec=name />
            <TextInput ctx lang spec=relationship />
            <Checkbox
                ctx
                lang
                id="cf-consent"
                label=text::CONSENT
                error=Field::Consent
                get=|d| d.consent
                set=|d, on| d.consent = on
            />
        </div>
    }
}

/// The support they need (reasonable adjustments), in their words.
#[component(transparent)]
pub fn AdjustmentsPage(ctx: Ctx, lang: Language) -> impl IntoView {
    let boxes = text::NEEDS
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
        <TextArea
            ctx
            lang
            field=Field::Adjustments
            label=text::ADJUSTMENTS_DETAILS.get(lang).to_owned()
            optional=true
            max=LongText::MAX
            get=|d| d.needs_details.clone()
            set=|d, v| d.needs_details = v
        />
    }
}
