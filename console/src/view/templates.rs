//! The council's response templates (managers only): the list, and one page to add or
//! change a template (and remove it). Officers choose them in a response's form.
//!
//! A template is checked by the shared crate before it is sent (title, text, known and
//! closed `((placeholders))`), as the server checks it. A change names the version it was
//! made from; when a colleague saved first, the page shows their version beside what was
//! typed, keeps the typing, and the next save is made knowingly over theirs.

use super::fields::{Banner, ErrorSummary, TextArea, TextInput, show_errors};
use super::{Console, Link};
use crate::api::{self, Failure, Session};
use crate::deadline::short_date;
use crate::forms::{self, FormError};
use crate::route::Route;
use feedback_shared::Field;
use feedback_shared::contact::Submitter;
use feedback_shared::template::{CaseValues, Placeholder, ResponseTemplate, TemplateDraft};
use feedback_shared::wire::{CaseDetail, CouncilView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form's id prefix: its controls are `template-title`, `template-text`, `template-text_cy`.
const FORM: &str = "template";

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(Vec<ResponseTemplate>),
    Failed(String),
}

fn load(session: &Session, into: RwSignal<Load>) {
    let console = Console::get();
    let session = session.clone();
    spawn_local(async move {
        match api::templates(&session).await {
            Ok(list) => into.set(Load::Loaded(list)),
            Err(f) if f.is_unauthenticated() => console.sign_out(),
            Err(f) => into.set(Load::Failed(f.message())),
        }
    });
}

/// The list of templates.
#[component]
pub fn TemplatesPage(session: Session) -> impl IntoView {
    let console = Console::get();
    let flash = console.flash.try_update_untracked(Option::take).flatten();
    let list = RwSignal::new(Load::Loading);
    load(&session, list);
    view! {
        {flash.map(|message| view! { <Banner message=message /> })}
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Response templates"</h1>
        <p class="govuk-body">"Standard wording for the reasons of a response. Officers choose one when they respond, then make it fit the case before they send it."</p>
        <Link to=Route::NewTemplate class="govuk-button">"Add a template"</Link>
        {move || match list.get() {
            Load::Loading => view! { <p class="govuk-body" role="status">"Loading the templates…"</p> }.into_any(),
            Load::Failed(message) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
            Load::Loaded(templates) if templates.is_empty() => view! {
                <p class="govuk-body">"There are no templates yet."</p>
            }.into_any(),
            Load::Loaded(templates) => view! {
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--m">"The council’s templates"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Title"</th>
                            <th scope="col" class="govuk-table__header">"Welsh"</th>
                            <th scope="col" class="govuk-table__header">"Last changed"</th>
                            <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {templates.into_iter().map(|t| {
                            let changed = format!("{} by {}", short_date(t.updated_at.date()), t.updated_by);
                            let welsh = if t.text_cy.is_some() { "Yes" } else { "No" };
                            view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell">{t.title.clone()}</td>
                                    <td class="govuk-table__cell">{welsh}</td>
                                    <td class="govuk-table__cell">{changed}</td>
                                    <td class="govuk-table__cell">
                                        <Link to=Route::Template(t.id.clone())>
                                            "Change"<span class="govuk-visually-hidden">{format!(" {}", t.title)}</span>
                                        </Link>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}

/// `text` a paragraph per line, as it will be laid out.
fn paragraphs(text: &str, lang: &'static str) -> impl IntoView + use<> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| view! { <p class="govuk-body" lang=lang>{line.to_owned()}</p> })
        .collect_view()
}

/// What each placeholder becomes, for the managers writing a template.
fn placeholders_help() -> impl IntoView {
    view! {
        <details class="govuk-details">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">"Placeholders you can use"</span>
            </summary>
            <div class="govuk-details__text">
                <p class="govuk-body">"Write a placeholder in double brackets. When an officer uses the template, each is replaced with the case’s details, in the resident’s language."</p>
                <dl class="govuk-summary-list">
                    {Placeholder::ALL.iter().map(|p| view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key"><code>{format!("(({}))", p.key())}</code></dt>
                            <dd class="govuk-summary-list__value">{p.meaning()}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            </div>
        </details>
    }
}

/// Adding a template (`id` is `None`) or changing the one with `id`.
#[component]
pub fn TemplatePage(session: Session, id: Option<String>) -> impl IntoView {
    let console = Console::get();
    let errors = RwSignal::new(Vec::<FormError>::new());
    let title = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let text_cy = RwSignal::new(String::new());
    // The version this form's change is made from; `None` while adding.
    let version = RwSignal::new(None::<u64>);
    // A colleague's version, saved while this one was being typed.
    let theirs = RwSignal::new(None::<ResponseTemplate>);
    let confirming = RwSignal::new(false);
    let state = RwSignal::new(if id.is_some() {
        Load::Loading
    } else {
        Load::Loaded(Vec::new())
    });
    let fill_from = move |t: &ResponseTemplate| {
        title.set(t.title.clone());
        text.set(t.text.clone());
        text_cy.set(t.text_cy.clone().unwrap_or_default());
        version.set(Some(t.version));
    };
    if let Some(id) = id.clone() {
        let session = session.clone();
        spawn_local(async move {
            match api::templates(&session).await {
                Ok(list) => {
                    if let Some(t) = list.iter().find(|t| t.id == id) {
                        fill_from(t);
                    }
                    state.set(Load::Loaded(list));
                }
                Err(f) if f.is_unauthenticated() => console.sign_out(),
                Err(f) => state.set(Load::Failed(f.message())),
            }
        });
    }
    let editing = id.is_some();
    let found = {
        let id = id.clone();
        Signal::derive(move || match (state.get(), &id) {
            (Load::Loaded(_), None) => true,
            (Load::Loaded(list), Some(id)) => list.iter().any(|t| &t.id == id),
            _ => false,
        })
    };
    let failed = move |failure: Failure| {
        if failure.is_unauthenticated() {
            console.sign_out();
            return;
        }
        let list = match failure {
            Failure::Problem(problem) => forms::from_problem(FORM, &problem),
            other => vec![FormError {
                target: None,
                message: other.message(),
            }],
        };
        show_errors(errors, list);
    };
    // After a refused change: read the template as it now is, to show it.
    let read_theirs = {
        let session = session.clone();
        let id = id.clone();
        Callback::new(move |()| {
            let (session, id) = (session.clone(), id.clone());
            spawn_local(async move {
                if let (Ok(list), Some(id)) = (api::templates(&session).await, id) {
                    match list.into_iter().find(|t| t.id == id) {
                        Some(now) => {
                            version.set(Some(now.version));
                            theirs.set(Some(now));
                        }
                        None => state.set(Load::Loaded(Vec::new())),
                    }
                }
            });
        })
    };
    let save = {
        let session = session.clone();
        let id = id.clone();
        Callback::new(move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let draft = TemplateDraft {
                title: title.get_untracked(),
                text: text.get_untracked(),
                text_cy: text_cy.get_untracked(),
            };
            if let Err(found) = draft.check() {
                return show_errors(errors, forms::from_field_errors(FORM, &found));
            }
            let (session, id) = (session.clone(), id.clone());
            spawn_local(async move {
                let saved = match (&id, version.get_untracked()) {
                    (Some(id), Some(v)) => api::change_template(&session, id, v, &draft).await,
                    _ => api::add_template(&session, &draft).await,
                };
                match saved {
                    Ok(t) => {
                        console
                            .flash
                            .set(Some(format!("Template ‘{}’ saved", t.title)));
                        console.go(Route::Templates);
                    }
                    Err(Failure::Problem(p)) if p.status == 409 => {
                        read_theirs.run(());
                        show_errors(
                            errors,
                            vec![FormError {
                                target: None,
                                message: "Someone changed this template since you opened it. Their version is shown below and your text is kept: save again to replace theirs with yours.".into(),
                            }],
                        );
                    }
                    Err(f) => failed(f),
                }
            });
        })
    };
    // A `Callback` is `Copy`, so the views that are drawn again can each hold it.
    let remove = {
        let session = session.clone();
        let id = id.clone();
        Callback::new(move |()| {
            let (session, id) = (session.clone(), id.clone());
            spawn_local(async move {
                let (Some(id), Some(v)) = (id, version.get_untracked()) else {
                    return;
                };
                match api::remove_template(&session, &id, v).await {
                    Ok(()) => {
                        console.flash.set(Some(format!(
                            "Template ‘{}’ removed",
                            title.get_untracked()
                        )));
                        console.go(Route::Templates);
                    }
                    Err(Failure::Problem(p)) if p.status == 409 => {
                        confirming.set(false);
                        read_theirs.run(());
                        show_errors(
                            errors,
                            vec![FormError {
                                target: None,
                                message: "Someone changed this template since you opened it, so it was not removed. Their version is shown below.".into(),
                            }],
                        );
                    }
                    Err(f) => failed(f),
                }
            });
        })
    };
    let heading = if editing {
        "Change a response template"
    } else {
        "Add a response template"
    };
    view! {
        <ErrorSummary errors=errors />
        <p class="govuk-body"><Link to=Route::Templates class="govuk-back-link">"Back to the templates"</Link></p>
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{heading}</h1>
        {move || match state.get() {
            Load::Loading => view! { <p class="govuk-body" role="status">"Loading the template…"</p> }.into_any(),
            Load::Failed(message) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
            Load::Loaded(_) if !found.get() => view! {
                <p class="govuk-body">"This template no longer exists: someone may have removed it."</p>
            }.into_any(),
            Load::Loaded(_) => ().into_any(),
        }}
        <Show when=move || found.get()>
            {move || theirs.get().map(|t| view! {
                <div class="govuk-inset-text" id="template-theirs">
                    <h2 class="govuk-heading-s">{format!("The template as {} saved it", t.updated_by)}</h2>
                    <p class="govuk-body"><strong>{t.title.clone()}</strong></p>
                    {paragraphs(&t.text, "en")}
                    {t.text_cy.as_deref().map(|cy| paragraphs(cy, "cy"))}
                </div>
            })}
            <form novalidate on:submit=move |ev| save.run(ev)>
                <TextInput id=forms::control_id(FORM, Field::TemplateTitle) label="Title" hint="What officers choose it by, like ‘Missed bin: collected and apology’." value=title errors=errors />
                {placeholders_help()}
                <TextArea id=forms::control_id(FORM, Field::TemplateText) label="Text in English" hint="The reasons for the decision, as the resident will read them. Officers change it to fit the case before sending." value=text errors=errors rows=10 />
                <TextArea id=forms::control_id(FORM, Field::TemplateTextCy) label="Text in Welsh (optional)" hint="Used for residents who asked for Welsh. Without it, officers write the Welsh themselves." value=text_cy errors=errors rows=10 />
                <div class="govuk-button-group">
                    <button type="submit" class="govuk-button">"Save the template"</button>
                    {editing.then(|| view! {
                        <button type="button" class="govuk-button govuk-button--warning" id="template-remove" on:click=move |_| confirming.set(true)>
                            "Remove the template"
                        </button>
                    })}
                </div>
            </form>
            <Show when=move || confirming.get()>
                <div class="govuk-warning-text" role="alert">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        {move || format!("Remove ‘{}’? Officers will no longer be able to choose it. Responses already sent keep their words.", title.get())}
                    </strong>
                </div>
                <div class="govuk-button-group">
                    <button type="button" class="govuk-button govuk-button--warning" id="template-remove-confirm" on:click=move |_| remove.run(())>"Yes, remove it"</button>
                    <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </div>
            </Show>
        </Show>
    }
}

/// What the placeholders stand for in `detail`'s case, in the language of its response.
/// `council` is the council's public description (its names in Welsh), when it has come.
pub fn case_values(
    detail: &CaseDetail,
    council: Option<&CouncilView>,
    officer: &str,
    council_id: &str,
) -> CaseValues {
    let language = detail.details.language;
    let service = &detail.details.service;
    CaseValues {
        name: match &detail.details.submitter {
            Submitter::Identified(person) => Some(person.contact.name.to_string()),
            Submitter::Anonymous => None,
        },
        reference: detail.summary.reference.to_string(),
        service: council
            .and_then(|c| c.service(service))
            .map_or_else(|| service.clone(), |s| s.name_in(language).to_owned()),
        received: detail.case.received_on(),
        stage: detail.case.stage(),
        respond_by: detail.case.current_stage().map(|s| s.respond_by),
        officer: officer.to_owned(),
        council: council.map_or_else(|| council_id.to_owned(), |c| c.name_in(language).to_owned()),
        language,
    }
}

/// `text` put after what the officer already wrote, never over it.
pub fn add_to(written: &str, text: &str) -> String {
    if written.trim().is_empty() {
        text.to_owned()
    } else {
        format!("{}\n\n{text}", written.trim_end())
    }
}

/// "Start from a template" in a response's form: the chosen template, filled from the
/// case, goes into `reasons` (after anything typed), and focus follows it there. Nothing
/// is drawn when the council has no templates.
#[component]
pub fn TemplatePicker(
    session: Session,
    detail: Signal<Option<CaseDetail>>,
    reasons: RwSignal<String>,
) -> impl IntoView {
    let templates = RwSignal::new(Vec::<ResponseTemplate>::new());
    let council = RwSignal::new(None::<CouncilView>);
    let chosen = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    {
        let session = session.clone();
        spawn_local(async move {
            if let Ok(list) = api::templates(&session).await {
                templates.set(list);
            }
            if let Ok(view) = api::council(&session.council).await {
                council.set(Some(view));
            }
        });
    }
    let use_template = move |_| {
        let Some(detail) = detail.get_untracked() else {
            return;
        };
        let id = chosen.get_untracked();
        let Some(template) = templates.with_untracked(|l| l.iter().find(|t| t.id == id).cloned())
        else {
            said.set("Choose a template first.".into());
            return;
        };
        let values = council
            .with_untracked(|c| case_values(&detail, c.as_ref(), &session.name, &session.council));
        reasons.update(|written| *written = add_to(written, &template.fill_for(&values)));
        said.set(format!(
            "‘{}’ is in the reasons: change it to fit the case.",
            template.title
        ));
        super::focus_later("respond-reasons");
    };
    view! {
        <Show when=move || !templates.with(Vec::is_empty)>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="respond-template">"Start from a template (optional)"</label>
                <div id="respond-template-hint" class="govuk-hint">"Its text goes into the reasons with the case’s details filled in, in the resident’s language."</div>
                <select class="govuk-select" id="respond-template" name="respond-template" aria-describedby="respond-template-hint"
                    on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="" selected=move || chosen.get().is_empty()>"Choose a template"</option>
                    {move || templates.get().into_iter().map(|t| {
                        let this = t.id.clone();
                        view! { <option value=t.id selected=move || chosen.get() == this>{t.title}</option> }
                    }).collect_view()}
                </select>
                <div class="govuk-!-margin-top-3">
                    <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" id="respond-template-use" on:click=use_template.clone()>
                        "Use this template"
                    </button>
                </div>
                <p class="govuk-body govuk-!-margin-top-2" role="status" id="respond-template-status">{move || said.get()}</p>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_added_after_what_was_typed() {
        assert_eq!(add_to("", "Dear Sam,"), "Dear Sam,");
        assert_eq!(add_to("  \n", "Dear Sam,"), "Dear Sam,");
        assert_eq!(
            add_to("We looked into it.\n", "Dear Sam,"),
            "We looked into it.\n\nDear Sam,"
        );
    }
}
