//! The optional equality questions, after the feedback and apart from it.

use super::ctx::Ctx;
use super::fields::PrivacyLink;
use crate::text::{self, pick};
use feedback_shared::Language;
use feedback_shared::equality::QUESTIONS;
use leptos::prelude::*;

#[component(transparent)]
pub fn EqualityPage(ctx: Ctx, lang: Language) -> impl IntoView {
    let questions = QUESTIONS
        .iter()
        .map(|q| {
            let name = q.name;
            let answers = q
                .answers
                .iter()
                .enumerate()
                .map(|(i, (code, en, cy))| {
                    let code = *code;
                    let id = format!("cf-eq-{name}-{i}");
                    view! {
                        <div class="cf-radio">
                            <input
                                id=id.clone()
                                class="cf-radio-input"
                                type="radio"
                                name=format!("eq-{name}")
                                value=code
                                prop:checked=move || {
                                    ctx.draft.with(|d| d.equality.0.get(name).is_some_and(|a| a == code))
                                }
                                on:change=move |_| {
                                    ctx.draft.update(|d| {
                                        d.equality.0.insert(name.to_owned(), code.to_owned());
                                    })
                                }
                            />
                            <label class="cf-radio-label" for=id>{pick(lang, en, cy)}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="cf-group">
                    <fieldset class="cf-fieldset">
                        <legend class="cf-legend">{pick(lang, q.en, q.cy)}{text::OPTIONAL.get(lang)}</legend>
                        <div class="cf-radios cf-radios-small">{answers}</div>
                    </fieldset>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">
            {text::EQUALITY_HEADING.get(lang)}
        </h2>
        <p class="cf-body">{text::EQUALITY_INTRO.get(lang)}</p>
        <PrivacyLink ctx lang />
        {questions}
    }
}
