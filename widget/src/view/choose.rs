//! The first pages: what kind of feedback, which service, and (before a complaint) the
//! routes that would serve the resident better. Never a dead end: Continue always works.

use super::ctx::Ctx;
use super::fields::{Choice, Radios};
use crate::text;
use feedback_shared::wire::public::in_language;
use feedback_shared::{Field, Kind, Language};
use leptos::prelude::*;

/// A kind's radio value: its name in JSON.
fn kind_value(kind: Option<Kind>) -> String {
    kind.map_or("", Kind::json_name).to_owned()
}

/// Complaint, comment or compliment.
#[component(transparent)]
pub fn KindPage(ctx: Ctx, lang: Language) -> impl IntoView {
    let choice = |kind: Kind, label: text::Text, hint: text::Text| Choice {
        value: kind.json_name().into(),
        label: label.get(lang).into(),
        hint: Some(hint.get(lang).into()),
    };
    let choices = vec![
        choice(
            Kind::Complaint,
            text::KIND_COMPLAINT,
            text::KIND_COMPLAINT_HINT,
        ),
        choice(Kind::Comment, text::KIND_COMMENT, text::KIND_COMMENT_HINT),
        choice(
            Kind::Compliment,
            text::KIND_COMPLIMENT,
            text::KIND_COMPLIMENT_HINT,
        ),
    ];
    view! {
        <Radios
            ctx
            lang
            field=Field::Kind
            legend=text::KIND_LEGEND.get(lang).to_owned()
            heading=true
            choices
            get=|d| kind_value(d.kind)
            set=|d, v| d.kind = Kind::from_json_name(&v)
        />
    }
}

/// Which of the council's services it is about.
#[component(transparent)]
pub fn ServicePage(ctx: Ctx, lang: Language) -> impl IntoView {
    let choices = ctx.council.with_untracked(|c| {
        c.services
            .iter()
            .map(|s| Choice {
                value: s.id.clone(),
                label: s.name_in(lang).to_owned(),
                hint: None,
            })
            .collect()
    });
    view! {
        <Radios
            ctx
            lang
            field=Field::Service
            legend=text::SERVICE_LEGEND.get(lang).to_owned()
            heading=true
            choices
            get=|d| d.service.clone()
            set=|d, v| d.service = v
        />
    }
}

/// Shown before a complaint about a service that has a request form or matters with
/// their own route. Links open in a new tab so the answers so far stay here.
#[component(transparent)]
pub fn TriagePage(ctx: Ctx, lang: Language) -> impl IntoView {
    let service = ctx.draft.with_untracked(|d| d.service.clone());
    let service = ctx
        .council
        .with_untracked(|c| c.service(&service).cloned())
        .unwrap_or_default();
    let request = service.service_request_url.clone().map(|url| {
        view! {
            <p class="cf-body">{text::TRIAGE_REQUEST.get(lang)}</p>
            <p class="cf-body">
                <a class="cf-link" href=url target="_blank" rel="noopener">
                    {text::TRIAGE_REQUEST_LINK.get(lang)}
                    {text::NEW_WINDOW.get(lang)}
                </a>
            </p>
        }
    });
    let routes = (!service.out_of_scope.is_empty()).then(|| {
        let items = service
            .out_of_scope
            .iter()
            .map(|m| {
                let matter = in_language(lang, &m.matter, m.matter_cy.as_deref()).to_owned();
                let route = in_language(lang, &m.route, m.route_cy.as_deref()).to_owned();
                let link = m.url.clone().map(|url| {
                    view! {
                        " "
                        <a class="cf-link" href=url target="_blank" rel="noopener">
                            {text::TRIAGE_FIND_OUT.get(lang)}
                            <span class="cf-visually-hidden">": "{matter.clone()}</span>
                            {text::NEW_WINDOW.get(lang)}
                        </a>
                    }
                });
                view! {
                    <li>
                        <strong>{matter}</strong>": "{route}"."{link}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="cf-body">{text::TRIAGE_OTHER_ROUTES.get(lang)}</p>
            <ul class="cf-list">{items}</ul>
        }
    });
    view! {
        <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">
            {text::TRIAGE_HEADING.get(lang)}
        </h2>
        {request}
        {routes}
        <div class="cf-inset">{text::TRIAGE_CONTINUE.get(lang)}</div>
    }
}
