//! The page an officer sees at a managers' address: what they cannot do, and where to go.

use super::Link;
use crate::route::Route;
use leptos::prelude::*;

/// "You do not have access", with the way back to the officer's own work.
#[component]
pub fn NoAccess() -> impl IntoView {
    view! {
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"You do not have access to this page"</h1>
        <p class="govuk-body">"Only complaints managers can see the council's reports, response templates and configuration."</p>
        <p class="govuk-body">"If you need them, ask your complaints manager."</p>
        <p class="govuk-body"><Link to=Route::queue()>"Go to your cases"</Link></p>
    }
}
