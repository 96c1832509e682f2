//! The app: loads the council, restores any draft, and shows one page at a time inside a
//! form whose submit button is Continue (or Send on the check page).
//!
//! Every component is `#[component(transparent)]`: it is not run inside `untrack`, which
//! cost 0.7 KB of the gzipped wasm. So a component's body reads signals only untracked
//! (`with_untracked`, `get_untracked`) or inside the closures and memos it hands to the
//! view, which track for themselves; a tracked read in a body would redraw the page
//! around it.

mod about;
mod check;
mod choose;
pub mod ctx;
mod details;
mod equality;
mod fields;
mod progress;
mod send;
mod sent;

use crate::draft::{Draft, Step};
use crate::text;
use about::{AboutPage, AdjustmentsPage};
use check::CheckPage;
use choose::{KindPage, ServicePage, TriagePage};
use ctx::{Ctx, Sending};
use details::DetailsPage;
use equality::EqualityPage;
use feedback_shared::Language;
use feedback_shared::wire::CouncilView;
use fields::ErrorSummary;
use leptos::prelude::*;
use progress::ProgressPage;
use sent::SentPage;

/// Where the council's description stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    Loading,
    Ready,
    Failed,
}

/// Tells the loader's element how the form stands (`data-form`), which shows or hides the
/// element's own fallback content through the widget's CSS.
fn mark_host(ctx: Ctx, form: &str) {
    if let Some(root) = ctx.shadow_root() {
        let _ = root.host().set_attribute("data-form", form);
        if form == "failed" {
            bring_fallback_forward(ctx, &root);
        }
    }
}

/// The `<council-feedback>` element the widget lives in.
fn host_element(ctx: Ctx) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    ctx.shadow_root()?.host().dyn_into().ok()
}

/// In launcher mode the form is in a modal dialog, which makes everything behind it
/// inert: the fallback (the element's own content, a contact link) is moved into the
/// dialog, above the form, so it is never behind the modal.
fn bring_fallback_forward(ctx: Ctx, root: &web_sys::ShadowRoot) {
    let dialog = ctx
        .container
        .with_value(|c| c.parent_element())
        .filter(|p| p.tag_name().eq_ignore_ascii_case("dialog"));
    if let (Some(dialog), Ok(Some(slot))) = (dialog, root.query_selector("slot")) {
        let before = ctx.container.with_value(|c| c.clone());
        let _ = dialog.insert_before(&slot, Some(&before));
    }
}

fn load(ctx: Ctx, state: RwSignal<Load>) {
    state.set(Load::Loading);
    mark_host(ctx, "loading");
    leptos::task::spawn_local(async move {
        let (api, council) = (ctx.api.get_value(), ctx.council_id.get_value());
        match crate::api::council(&api, &council).await {
            Ok(info) => {
                // What the resident did on the loader's first question, read now.
                let answer = ctx.early.with_value(|e| e.as_ref().map(crate::early::read));
                let mut taken = false;
                let key = ctx.draft_key.get_value();
                let saved = crate::storage::load(&key);
                if let Some(host) = host_element(ctx) {
                    crate::council::paint(&host, &info.palette);
                }
                let sent = crate::storage::load_sent(&key);
                ctx.draft.update(|d| {
                    if let Some(saved) = saved {
                        *d = saved;
                    }
                    // A reload of the confirmation shows it again, until "Tell us
                    // something else".
                    if sent.is_some() {
                        d.step = Step::Sent;
                    }
                    if d.form_token.is_empty() {
                        d.form_token = info.form_token.clone();
                    }
                    // A council that stopped offering a service since the draft was saved.
                    if !d.service.is_empty() && info.service(&d.service).is_none() {
                        d.service.clear();
                    }
                    if d.step == Step::Sent && sent.is_none() {
                        d.step = Step::Kind;
                    }
                    taken = answer.as_ref().is_some_and(|a| a.apply(d));
                });
                if let Some(lang) = answer.as_ref().and_then(|a| a.lang) {
                    ctx.lang.set(lang);
                }
                if !info.bilingual() {
                    ctx.lang.set(Language::En);
                }
                ctx.council.set(info);
                ctx.sent.set(sent);
                state.set(Load::Ready);
                mark_host(ctx, "ready");
                take_over(ctx, answer, taken);
                // Saved from now on, at every change.
                Effect::new(move |_| {
                    ctx.draft.with(|d| {
                        if d.step != Step::Sent {
                            crate::storage::save(&ctx.draft_key.get_value(), d);
                        }
                    })
                });
            }
            Err(_) => {
                let answer = ctx.early.with_value(|e| e.as_ref().map(crate::early::read));
                state.set(Load::Failed);
                mark_host(ctx, "failed");
                take_over(ctx, answer, false);
            }
        }
    });
}

/// The app's page replaces the loader's first question, if there is one (`crate::early`):
/// in this task, which also draws the app's page (its effects run as microtasks), so no
/// frame shows both or neither. Continue or Check progress pressed there goes on as if
/// pressed here (`taken`: the draft took the answer); otherwise focus goes back where it
/// was, to the same control of the same page.
fn take_over(ctx: Ctx, answer: Option<crate::early::Answer>, taken: bool) {
    use crate::early::Done;
    let (Some(page), Some(answer)) = (ctx.early.get_value(), answer) else {
        return;
    };
    ctx.early.set_value(None);
    page.remove();
    ctx.container.with_value(|c| c.set_hidden(false));
    if let Some(host) = host_element(ctx) {
        let _ = host.set_attribute("data-state", "ready");
    }
    match (taken, answer.done) {
        (true, Done::Continue) => ctx.continue_on(),
        (true, Done::Progress) => ctx.go(Step::Progress),
        _ => {
            let Some(id) = answer.focus else { return };
            let container = ctx.container;
            request_animation_frame(move || {
                container.with_value(|c| {
                    // The same control when the app's page has it, else its heading.
                    let here = matches!(c.query_selector(&format!("#{id}")), Ok(Some(_)));
                    let id = if here { &id } else { crate::focus::HEADING_ID };
                    crate::focus::focus_by_id(c, id);
                });
            });
        }
    }
}

/// The whole widget for one council.
pub fn app(
    council: String,
    api: String,
    lang: Language,
    container: web_sys::HtmlElement,
    early: Option<web_sys::HtmlElement>,
) -> impl IntoView {
    let host = {
        use wasm_bindgen::JsCast;
        container
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|r| r.host())
    };
    let draft_key = crate::storage::scope(&council, host.as_ref());
    let ctx = Ctx {
        draft: RwSignal::new(Draft::default()),
        lang: RwSignal::new(lang),
        council: RwSignal::new(CouncilView::default()),
        errors: RwSignal::new(Vec::new()),
        sending: RwSignal::new(Sending::Idle),
        sent: RwSignal::new(None),
        honeypot: RwSignal::new(String::new()),
        council_id: StoredValue::new(council),
        draft_key: StoredValue::new(draft_key),
        history_base: StoredValue::new(None),
        api: StoredValue::new(api),
        container: StoredValue::new_local(container),
        early: StoredValue::new_local(early),
    };
    let state = RwSignal::new(Load::Loading);
    load(ctx, state);
    follow_history(ctx);

    let step = Memo::new(move |_| ctx.draft.with(|d| d.step));
    let lang = ctx.lang;
    let body = move || {
        let lang = lang.get();
        match state.get() {
            Load::Loading => {
                view! { <p class="cf-body" role="status">{text::LOADING.get(lang)}</p> }.into_any()
            }
            Load::Failed => view! { <Failed ctx lang state /> }.into_any(),
            Load::Ready => {
                let step = step.get();
                view! { <Page ctx lang step /> }.into_any()
            }
        }
    };
    view! {
        <section class="cf" lang=move || lang.get().tag() aria-labelledby=crate::focus::HEADING_ID>
            {move || language_switch(ctx, state)}
            {body}
        </section>
    }
}

/// The browser's Back and Forward move between the widget's own entries (`history`).
/// Reaching the host's entry (or another widget's) shows the page the form began on, if
/// this widget ever added entries; otherwise the move is not the widget's.
fn follow_history(ctx: Ctx) {
    crate::history::listen(move |state| {
        let to = match crate::history::ours(&ctx.draft_key.get_value(), &state) {
            Some((step, base)) => {
                ctx.history_base.set_value(Some(base));
                step
            }
            None => match ctx.history_base.get_value() {
                Some(base) => base,
                None => return,
            },
        };
        let now = ctx.draft.with_untracked(|d| d.step);
        // A send under way keeps its page; a sent form stays sent.
        if ctx.busy() || now == Step::Sent || now == to || to == Step::Sent {
            return;
        }
        ctx.draft.update(|d| d.changing = false);
        ctx.show_step(to);
    });
}

/// "Cymraeg" / "English", for councils that offer both.
fn language_switch(ctx: Ctx, state: RwSignal<Load>) -> impl IntoView {
    let lang = ctx.lang.get();
    let bilingual = state.get() != Load::Ready || ctx.council.with(CouncilView::bilingual);
    let other = match lang {
        Language::En => Language::Cy,
        Language::Cy => Language::En,
    };
    bilingual.then(|| {
        view! {
            <div class="cf-language">
                <button
                    id="cf-language"
                    type="button"
                    class="cf-link-button"
                    lang=other.tag()
                    on:click=move |_| {
                        if ctx.busy() {
                            return;
                        }
                        ctx.lang.set(other);
                        ctx.relabel_errors();
                        relabel_close(ctx, other);
                        ctx.focus("cf-language");
                    }
                >
                    {text::SWITCH_LANGUAGE.get(lang)}
                </button>
            </div>
        }
    })
}

/// The launcher dialog's Close button belongs to the loader; it follows the form's language.
fn relabel_close(ctx: Ctx, lang: Language) {
    if let Some(Ok(Some(close))) = ctx.shadow_root().map(|r| r.query_selector(".cf-close")) {
        close.set_text_content(Some(text::CLOSE.get(lang)));
        let _ = close.set_attribute("lang", lang.tag());
    }
}

/// The council's description could not be loaded: say so, and offer to try again.
#[component(transparent)]
fn Failed(ctx: Ctx, lang: Language, state: RwSignal<Load>) -> impl IntoView {
    view! {
        <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">{text::HEADING.get(lang)}</h2>
        <p class="cf-body" role="alert">{text::LOAD_FAILED.get(lang)}</p>
        <button type="button" class="cf-button cf-button-secondary" on:click=move |_| load(ctx, state)>
            {text::TRY_AGAIN.get(lang)}
        </button>
    }
}

/// One page of the form.
#[component(transparent)]
fn Page(ctx: Ctx, lang: Language, step: Step) -> impl IntoView {
    if step == Step::Sent {
        return view! { <SentPage ctx lang /> }.into_any();
    }
    if step == Step::Progress {
        return view! { <ProgressPage ctx lang /> }.into_any();
    }
    let back = ctx
        .council
        .with_untracked(|c| ctx.draft.with_untracked(|d| d.previous(c)))
        .map(|previous| {
            view! {
                <button
                    type="button"
                    class="cf-back"
                    on:click=move |_| {
                        if ctx.busy() {
                            return;
                        }
                        ctx.draft.update(|d| d.changing = false);
                        ctx.go(previous);
                    }
                >
                    {text::BACK.get(lang)}
                </button>
            }
        });
    let content = match step {
        Step::Kind => view! { <KindPage ctx lang /> }.into_any(),
        Step::Service => view! { <ServicePage ctx lang /> }.into_any(),
        Step::Triage => view! { <TriagePage ctx lang /> }.into_any(),
        Step::Details => view! { <DetailsPage ctx lang /> }.into_any(),
        Step::About => view! { <AboutPage ctx lang /> }.into_any(),
        Step::Adjustments => view! { <AdjustmentsPage ctx lang /> }.into_any(),
        Step::Equality => view! { <EqualityPage ctx lang /> }.into_any(),
        Step::Check => view! { <CheckPage ctx lang /> }.into_any(),
        Step::Sent | Step::Progress => ().into_any(),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if step == Step::Check {
            send::send(ctx);
        } else {
            ctx.continue_on();
        }
    };
    let buttons = (step != Step::Check).then(|| {
        let skip = (step == Step::Equality).then(|| {
            view! {
                <button
                    type="button"
                    class="cf-button cf-button-secondary"
                    on:click=move |_| {
                        ctx.draft.update(|d| d.equality.0.clear());
                        ctx.continue_on();
                    }
                >
                    {text::SKIP.get(lang)}
                </button>
            }
        });
        view! {
            <div class="cf-button-group">
                <button id="cf-continue" type="submit" class="cf-button">{text::CONTINUE.get(lang)}</button>
                {skip}
            </div>
        }
    });
    let progress = (step == Step::Kind).then(|| {
        view! {
            <p class="cf-body cf-progress-link">
                <button type="button" id="cf-progress-link" class="cf-link-button" on:click=move |_| ctx.go(Step::Progress)>
                    {text::PROGRESS_LINK.get(lang)}
                </button>
            </p>
        }
    });
    view! {
        {back}
        <form class="cf-form" novalidate on:submit=submit>
            <ErrorSummary ctx lang />
            {content}
            {buttons}
        </form>
        {progress}
    }
    .into_any()
}
