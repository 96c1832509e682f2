//! The council's configuration, read only, as GOV.UK summary lists: the council's own
//! settings first, then one card for each group (policy, limits, officers' addresses) and
//! each service. The page shows whatever the configuration holds, so a new setting appears
//! here without a change to the console.

use super::Console;
use crate::api::Session;
use crate::figures;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Map, Value};

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(Map<String, Value>),
    Failed(String),
}

/// "allowed_origins" → "Allowed origins".
fn words(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A value in words: lists one item a line, objects as `key: value` lines.
fn value_lines(value: &Value) -> Vec<String> {
    match value {
        Value::Null => vec!["Not set".to_owned()],
        Value::Bool(true) => vec!["Yes".to_owned()],
        Value::Bool(false) => vec!["No".to_owned()],
        Value::String(s) => vec![s.clone()],
        Value::Number(n) => vec![n.to_string()],
        Value::Array(items) if items.is_empty() => vec!["None".to_owned()],
        Value::Array(items) => items
            .iter()
            .map(|item| value_lines(item).join(", "))
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}: {}", words(k), value_lines(v).join(", ")))
            .collect(),
    }
}

/// One summary list row.
fn row(key: &str, value: &Value) -> impl IntoView + use<> {
    let lines = value_lines(value);
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{words(key)}</dt>
            <dd class="govuk-summary-list__value">
                {lines.into_iter().map(|line| view! { <p class="govuk-body govuk-!-margin-bottom-1">{line}</p> }).collect_view()}
            </dd>
        </div>
    }
}

/// A summary card titled `title` listing `map`.
fn card(title: String, map: &Map<String, Value>) -> impl IntoView + use<> {
    let rows = map.iter().map(|(k, v)| row(k, v)).collect_view();
    view! {
        <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
                <h2 class="govuk-summary-card__title">{title}</h2>
            </div>
            <div class="govuk-summary-card__content">
                <dl class="govuk-summary-list">{rows}</dl>
            </div>
        </div>
    }
}

/// The configuration page (managers only).
#[component]
pub fn ConfigurationPage(session: Session) -> impl IntoView {
    let console = Console::get();
    let config = RwSignal::new(Load::Loading);
    spawn_local(async move {
        match figures::configuration(&session).await {
            Ok(Value::Object(map)) => config.set(Load::Loaded(map)),
            Ok(_) => config.set(Load::Failed("The configuration could not be read.".into())),
            Err(f) if f.is_unauthenticated() => console.sign_out(),
            Err(f) => config.set(Load::Failed(f.message())),
        }
    });
    view! {
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Configuration"</h1>
        <p class="govuk-body">"The council’s settings, as the service reads them. To change them, change the council’s configuration file and deploy it."</p>
        {move || match config.get() {
            Load::Loading => view! { <p class="govuk-body" role="status">"Loading the configuration…"</p> }.into_any(),
            Load::Failed(message) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
            Load::Loaded(map) => {
                let mut plain = Map::new();
                let mut groups = Vec::new();
                let mut services = Vec::new();
                for (key, value) in map {
                    match value {
                        Value::Array(items) if key == "services" => services = items,
                        Value::Object(inner) => groups.push((key, inner)),
                        other => {
                            plain.insert(key, other);
                        }
                    }
                }
                view! {
                    {card("The council".to_owned(), &plain)}
                    {groups.iter().map(|(key, inner)| card(words(key), inner)).collect_view()}
                    <h2 class="govuk-heading-m">"Services"</h2>
                    {services.iter().map(|service| {
                        let map = service.as_object().cloned().unwrap_or_default();
                        let title = map.get("name").and_then(Value::as_str).unwrap_or("A service").to_owned();
                        card(title, &map)
                    }).collect_view()}
                }.into_any()
            }
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_are_put_in_words() {
        assert_eq!(words("allowed_origins"), "Allowed origins");
        assert_eq!(value_lines(&json!(null)), ["Not set"]);
        assert_eq!(value_lines(&json!(["a", "b"])), ["a", "b"]);
        assert_eq!(
            value_lines(&json!({"working_days": 20})),
            ["Working days: 20"]
        );
    }
}
