//! Signing in. Where the console has a hosted sign-in (Cognito's, or a provider laid out
//! like it: `config.json` says), the officer is sent there and comes back with a code; on
//! the local server, a one-time link's code is exchanged instead. Without either (after
//! signing out, or a reload) the page says how to sign in.

use super::{Console, focus_later};
use crate::api::{self, Session};
use crate::hosted::Callback;
use crate::route::Route;
use feedback_shared::wire::HostedSignIn;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum State {
    /// Reading how to sign in here.
    Loading,
    Exchanging,
    Failed(String),
    SignedOut,
}

/// The signed-out page; with a link's `code` or the provider's `callback`, it signs the
/// officer in first.
#[component]
pub fn SignIn(
    /// The code from a link's fragment, used at most once.
    code: Option<String>,
    /// What the hosted sign-in sent back in the query, used at most once.
    callback: Option<Callback>,
) -> impl IntoView {
    let console = Console::get();
    let state = RwSignal::new(if code.is_some() || callback.is_some() {
        State::Exchanging
    } else {
        State::Loading
    });
    let hosted = RwSignal::new(None::<HostedSignIn>);
    // Why the last session ended, if it ended by itself.
    let ended = console.flash.try_update_untracked(Option::take).flatten();
    if code.is_some() || callback.is_some() {
        // A code is spent whatever happens: take it out of the address and history.
        if let Ok(history) = window().history() {
            // The path and query stay: a deep link to a filtered queue survives a link's
            // sign-in. The hosted sign-in's query is its code, which goes; the page to
            // return to waited in the pending sign-in.
            let location = window().location();
            let query = if callback.is_none() {
                location.search().unwrap_or_default()
            } else {
                String::new()
            };
            let path = location.pathname().unwrap_or_default() + &query;
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    spawn_local(async move {
        if let Some(code) = code {
            link_sign_in(console, state, &code).await;
            return;
        }
        let settings = api::console_settings().await;
        api::set_api_base(settings.api.clone());
        hosted.set(settings.hosted_sign_in.clone());
        match (callback, settings.hosted_sign_in) {
            (Some(Callback::Code { code, state: sent }), Some(provider)) => {
                match crate::hosted::finish(&provider, &code, &sent).await {
                    Ok((session, return_to)) => {
                        let (path, search) = match return_to.find('?') {
                            Some(i) => return_to.split_at(i),
                            None => (return_to.as_str(), ""),
                        };
                        let route = Route::from_url(path, search);
                        console.sign_in(session);
                        if route != Route::NotFound && return_to != crate::route::BASE {
                            console.go(route);
                        } else {
                            focus_later("main-heading");
                        }
                    }
                    Err(message) => fail(state, message),
                }
            }
            (Some(Callback::Refused { .. }), _) => fail(
                state,
                "You were not signed in. Sign in again, or ask your manager if your account is locked."
                    .into(),
            ),
            (Some(Callback::Code { .. }), None) => fail(
                state,
                "This console has no sign-in service to finish signing in with.".into(),
            ),
            (None, _) => state.set(State::SignedOut),
        }
    });
    move || {
        match state.get() {
        State::Loading => view! {
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Sign in"</h1>
        }
        .into_any(),
        State::Exchanging => view! {
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Signing you in"</h1>
            <p class="govuk-body" role="status">"Checking your sign-in…"</p>
        }
        .into_any(),
        State::Failed(message) => view! {
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"You could not be signed in"</h1>
            <div class="govuk-error-summary" data-module="govuk-error-summary">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body"><p class="govuk-body">{message}</p></div>
                </div>
            </div>
            <HowToSignIn hosted=hosted state=state />
        }
        .into_any(),
        State::SignedOut => view! {
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Sign in"</h1>
            {ended.clone().map(|why| view! {
                <div class="govuk-notification-banner" role="region" aria-labelledby="session-ended-title">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="session-ended-title">"Important"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading">{why}</p>
                    </div>
                </div>
            })}
            <p class="govuk-body">"You are signed out. For your security, the console keeps you signed in only while this page is open."</p>
            <HowToSignIn hosted=hosted state=state />
        }
        .into_any(),
    }
    }
}

fn fail(state: RwSignal<State>, message: String) {
    state.set(State::Failed(message));
    focus_later("main-heading");
}

/// Exchanges a one-time link's code.
async fn link_sign_in(console: Console, state: RwSignal<State>, code: &str) {
    match api::sign_in(code).await {
        Ok(signed_in) => match Session::from_signed_in(signed_in) {
            Some(session) => {
                console.sign_in(session);
                focus_later("main-heading");
            }
            None => fail(state, "This sign-in gives no council.".into()),
        },
        Err(failure) if failure.is_unauthenticated() => fail(
            state,
            "This sign-in link has expired or has been used already.".into(),
        ),
        Err(failure) => fail(state, failure.message()),
    }
}

/// The way in: the hosted sign-in's button, or how to get a link.
#[component]
fn HowToSignIn(hosted: RwSignal<Option<HostedSignIn>>, state: RwSignal<State>) -> impl IntoView {
    move || {
        match hosted.get() {
        Some(provider) => {
            let go = move |_| {
                let provider = provider.clone();
                let location = window().location();
                let return_to = location.pathname().unwrap_or_default()
                    + &location.search().unwrap_or_default();
                spawn_local(async move {
                    if let Err(message) = crate::hosted::begin(&provider, return_to).await {
                        fail(state, message);
                    }
                });
            };
            view! {
                <button type="button" class="govuk-button govuk-button--start" data-module="govuk-button" on:click=go>
                    "Sign in"
                    <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                        <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
                    </svg>
                </button>
                <p class="govuk-body">"You sign in with your council account. If you cannot, ask your manager."</p>
            }
            .into_any()
        }
        None => view! {
            <p class="govuk-body">
                "Ask for a new sign-in link. On the local server, run:"
            </p>
            // A paragraph, not a <pre>: the command wraps between its words at 200% zoom
            // and on a phone instead of pushing the page sideways.
            <p class="govuk-body"><code>"cargo xtask run signin --council demo --name \"Your Name\""</code></p>
            <p class="govuk-body">"A link works once, within 5 minutes."</p>
        }
        .into_any(),
    }
    }
}
