//! The identity bar's council switcher, for an officer who works for several councils:
//! every page then reads and acts on the council chosen, and only on councils the token
//! grants (the API checks each request again).

use super::Console;
use crate::api::Session;
use leptos::prelude::*;

/// A select of the officer's councils; choosing one reloads the page for it.
#[component]
pub fn CouncilSwitcher(session: Session) -> impl IntoView {
    let console = Console::get();
    let current = session.council.clone();
    let options = session
        .councils
        .iter()
        .map(|id| {
            let selected = *id == current;
            view! { <option value=id.clone() selected=selected>{id.clone()}</option> }
        })
        .collect_view();
    let choose = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        console.session.update(|s| {
            if let Some(s) = s.as_mut().filter(|s| s.councils.contains(&chosen)) {
                s.council = chosen;
            }
        });
    };
    view! {
        <div class="moj-identity-bar__menu">
            <label class="govuk-label govuk-visually-hidden" for="council-switcher">"Council"</label>
            <select class="govuk-select govuk-!-margin-bottom-0" id="council-switcher" name="council" on:change=choose>
                {options}
            </select>
        </div>
    }
}
