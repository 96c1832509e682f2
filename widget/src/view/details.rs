//! What happened, when, which service, and what would put it right.

use super::ctx::Ctx;
use super::fields::{ErrorLine, Input, TextArea, TextInput};
use crate::text;
use feedback_shared::input::Description;
use feedback_shared::{Field, Kind, Language};
use leptos::prelude::*;

/// What happened, when, and what would put it right.
#[component(transparent)]
pub fn DetailsPage(ctx: Ctx, lang: Language) -> impl IntoView {
    let kind = ctx.draft.with_untracked(|d| d.kind);
    let what = match kind {
        Some(Kind::Comment) => text::COMMENT_WHAT,
        Some(Kind::Compliment) => text::COMPLIMENT_WHAT,
        _ => text::WHAT_HAPPENED,
    };
    let complaint = kind == Some(Kind::Complaint);
    let months = ctx.council.with_untracked(|c| c.time_limit_months);
    let late = Memo::new(move |_| {
        let today = ctx.today();
        ctx.draft.with(|d| d.beyond_time_limit(months, today))
    });
    view! {
        <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">
            {text::DETAILS_HEADING.get(lang)}
        </h2>
        <TextArea
            ctx
            lang
            field=Field::WhatHappened
            label=what.get(lang).to_owned()
            hint=text::WHAT_HAPPENED_HINT
            max=Description::MAX
            get=|d| d.what_happened.clone()
            set=|d, v| d.what_happened = v
        />
        <DateInput ctx lang />
        {move || late.get().then(|| view! { <div class="cf-inset">{text::TIME_LIMIT.with(lang, months)}</div> })}
        {complaint.then(|| view! {
            <TextArea
                ctx
                lang
                field=Field::PutRight
                label=text::PUT_RIGHT.get(lang).to_owned()
                hint=text::PUT_RIGHT_HINT
                max=Description::MAX
                get=|d| d.put_right.clone()
                set=|d, v| d.put_right = v
            />
        })}
        {(kind == Some(Kind::Compliment)).then(|| {
            let mut input = Input::new(
                Field::StaffName,
                text::STAFF_NAME,
                |d| d.staff_name.clone(),
                |d, v| d.staff_name = v,
            );
            input.hint = Some(text::STAFF_NAME_HINT);
            input.optional = true;
            input.width = "cf-w-20";
            view! { <TextInput ctx lang spec=input /> }
        })}
    }
}

/// Day, month and year boxes in one fieldset (GOV.UK's date input).
#[component(transparent)]
fn DateInput(ctx: Ctx, lang: Language) -> impl IntoView {
    let field = Field::WhenHappened;
    let part = |id: String,
                label: text::Text,
                width: &'static str,
                get: fn(&crate::draft::Draft) -> String,
                set: fn(&mut crate::draft::Draft, String)| {
        view! {
            <div class="cf-date-item">
                <label class="cf-label cf-date-label" for=id.clone()>{label.get(lang)}</label>
                <input
                    id=id
                    class=format!("cf-input {width}")
                    type="text"
                    inputmode="numeric"
                    aria-invalid=move || ctx.error_for(field).map(|_| "true")
                    prop:value=move || ctx.draft.with(get)
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        ctx.draft.update(|d| set(d, value));
                    }
                />
            </div>
        }
    };
    view! {
        <div class=super::fields::group_class(ctx, field)>
            <fieldset
                class="cf-fieldset"
                role="group"
                aria-describedby=move || {
                    let mut ids = "cf-when_happened-hint".to_owned();
                    if ctx.error_for(field).is_some() {
                        ids.push_str(" cf-when_happened-error");
                    }
                    ids
                }
            >
                <legend class="cf-legend">
                    {text::WHEN_LEGEND.get(lang)}{text::OPTIONAL.get(lang)}
                </legend>
                <div id="cf-when_happened-hint" class="cf-hint">{text::WHEN_HINT.get(lang)}</div>
                <ErrorLine ctx field lang />
                <div class="cf-date">
                    {part("cf-when_happened".into(), text::DAY, "cf-w-2", |d| d.when.day.clone(), |d, v| d.when.day = v)}
                    {part("cf-when_happened-month".into(), text::MONTH, "cf-w-2", |d| d.when.month.clone(), |d, v| d.when.month = v)}
                    {part("cf-when_happened-year".into(), text::YEAR, "cf-w-4", |d| d.when.year.clone(), |d, v| d.when.year = v)}
                </div>
            </fieldset>
        </div>
    }
}
