//! Signing in: a one-time link's code is exchanged for a session; without one (or after
//! signing out, or a reload) the page says how to get a link.

use super::{Console, focus_later};
use crate::api::{self, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum State {
    Exchanging,
    Failed(String),
    SignedOut,
}

/// The signed-out page; with a `code`, it signs the officer in first.
#[component]
pub fn SignIn(
    /// The code from the link's fragment, used at most once.
    code: Option<String>,
) -> impl IntoView {
    let console = Console::get();
    let state = RwSignal::new(if code.is_some() {
        State::Exchanging
    } else {
        State::SignedOut
    });
    if let Some(code) = code {
        // The code is spent whatever happens: take it out of the address and history.
        if let Ok(history) = window().history() {
            // The path and query stay: a deep link to a filtered queue survives sign-in.
            let location = window().location();
            let path =
                location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
        spawn_local(async move {
            match api::sign_in(&code).await {
                Ok(signed_in) => match Session::from_signed_in(signed_in) {
                    Some(session) => {
                        console.session.set(Some(session));
                        focus_later("main-heading");
                    }
                    None => state.set(State::Failed("This sign-in gives no council.".into())),
                },
                Err(failure) if failure.is_unauthenticated() => {
                    state.set(State::Failed(
                        "This sign-in link has expired or has been used already.".into(),
                    ));
                    focus_later("main-heading");
                }
                Err(failure) => state.set(State::Failed(failure.message())),
            }
        });
    }
    move || {
        match state.get() {
        State::Exchanging => view! {
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Signing you in"</h1>
            <p class="govuk-body" role="status">"Checking your sign-in link…"</p>
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
            <HowToSignIn />
        }
        .into_any(),
        State::SignedOut => view! {
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Sign in"</h1>
            <p class="govuk-body">"You are signed out. For your security, the console keeps you signed in only while this page is open."</p>
            <HowToSignIn />
        }
        .into_any(),
    }
    }
}

#[component]
fn HowToSignIn() -> impl IntoView {
    view! {
        <p class="govuk-body">
            "Ask for a new sign-in link. On the local server, run:"
        </p>
        <pre class="govuk-body"><code>"cargo xtask run signin --council demo --name \"Your Name\""</code></pre>
        <p class="govuk-body">"A link works once, within 5 minutes."</p>
    }
}
