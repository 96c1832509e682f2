//! An action's messages as they would be sent, shown under its form before the officer
//! sends it: to whom, the subject, and the words (the plain-text part, in the
//! resident's language).

use feedback_shared::Language;
use feedback_shared::wire::{ActionPreview, MessagePreview, Recipient};
use leptos::prelude::*;

/// The preview of one form's action, once asked for.
#[component]
pub fn PreviewPanel(
    /// The form's id, for the panel's heading id.
    form: &'static str,
    /// What the server wrote out; `None` until the officer asks.
    preview: RwSignal<Option<ActionPreview>>,
) -> impl IntoView {
    let heading = format!("{form}-preview");
    move || {
        preview.get().map(|p| {
            let heading = heading.clone();
            let body = if p.messages.is_empty() {
                view! { <p class="govuk-body">"This tells nobody: no message is sent."</p> }
                    .into_any()
            } else {
                p.messages
                    .into_iter()
                    .map(|m| view! { <Message message=m /> })
                    .collect_view()
                    .into_any()
            };
            view! {
                <section class="govuk-inset-text" aria-labelledby=format!("{heading}-title") id=heading.clone()>
                    <h4 class="govuk-heading-s" id=format!("{heading}-title") tabindex="-1">"Preview: what will be sent"</h4>
                    {body}
                </section>
            }
        })
    }
}

#[component]
fn Message(message: MessagePreview) -> impl IntoView {
    let whom = match (message.recipient, message.to.is_empty()) {
        (Recipient::Resident, true) => {
            "The resident (not by email: send it by post or read it to them)".to_owned()
        }
        (Recipient::Resident, false) => format!("The resident, {}", message.to.join(", ")),
        (Recipient::Officer, _) => format!("Officer: {}", message.to.join(", ")),
    };
    let language = match message.language {
        Language::En => "English",
        Language::Cy => "Welsh",
    };
    // The plain-text part, a paragraph per blank-line block; its lines kept apart.
    let paragraphs = message
        .text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(str::to_owned).collect();
            let last = lines.len().saturating_sub(1);
            view! {
                <p class="govuk-body">
                    {lines.into_iter().enumerate().map(|(i, line)| view! {
                        {line}{(i < last).then(|| view! { <br /> })}
                    }).collect_view()}
                </p>
            }
        })
        .collect_view();
    let lang = match message.language {
        Language::En => "en",
        Language::Cy => "cy",
    };
    view! {
        <div>
            <dl class="govuk-summary-list govuk-summary-list--no-border">
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"To"</dt>
                    <dd class="govuk-summary-list__value">{whom}</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Language"</dt>
                    <dd class="govuk-summary-list__value">{language}</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Subject"</dt>
                    <dd class="govuk-summary-list__value" lang=lang>{message.subject}</dd>
                </div>
            </dl>
            <div lang=lang>{paragraphs}</div>
        </div>
    }
}
