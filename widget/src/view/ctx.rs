//! The state every page shares, passed by value (every part is a `Copy` handle).

use crate::confirmation::Confirmation;
use crate::draft::{Draft, Step};
use feedback_shared::wire::CouncilView;
use feedback_shared::{Field, Language};
use leptos::prelude::*;
use time::Date;

/// An error as shown: the field it belongs to and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub field: Field,
    pub message: String,
}

/// Where sending stands, shown in a status region on the check page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sending {
    #[default]
    Idle,
    Sending,
    /// Waiting to try again after attempt `n` failed.
    Retrying(u32),
    Offline,
    /// Every retry failed: the answers are kept, the resident can send again.
    Failed,
    /// The server refused the request itself (not a field): only another route helps.
    Refused,
}

/// The widget's shared state.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub draft: RwSignal<Draft>,
    pub lang: RwSignal<Language>,
    pub council: RwSignal<CouncilView>,
    pub errors: RwSignal<Vec<Shown>>,
    pub sending: RwSignal<Sending>,
    pub sent: RwSignal<Option<Confirmation>>,
    /// The spam trap's value: never saved, sent as it is.
    pub honeypot: RwSignal<String>,
    pub council_id: StoredValue<String>,
    /// Where this element's draft is kept (`storage::scope`): its own, not the page's.
    pub draft_key: StoredValue<String>,
    /// The page shown on the host's own history entry, once the widget has added entries
    /// of its own (`history`).
    pub history_base: StoredValue<Option<Step>>,
    pub api: StoredValue<String>,
    /// The element the app is mounted in, for finding elements by id in its shadow root.
    pub container: StoredValue<web_sys::HtmlElement, LocalStorage>,
    /// The loader's first question, until the app takes it over (`crate::early`).
    pub early: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Ctx {
    /// The London date now (the domain's "today" for "not in the future").
    pub fn today(&self) -> Date {
        let millis = js_sys::Date::now();
        let now = time::OffsetDateTime::from_unix_timestamp((millis / 1000.0) as i64)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        feedback_shared::london::london_date(now)
    }

    /// Whether a send is under way: answers, pages and language stay as they are until
    /// it ends, so every attempt sends the same thing under the same key.
    pub fn busy(&self) -> bool {
        matches!(
            self.sending.get_untracked(),
            Sending::Sending | Sending::Retrying(_)
        )
    }

    /// Moves focus to the element with `id` once the page has been drawn.
    pub fn focus(&self, id: &'static str) {
        let container = self.container;
        request_animation_frame(move || {
            container.with_value(|c| crate::focus::focus_by_id(c, id));
        });
    }

    /// Shows `step`, clearing old errors, and moves focus to its heading; a history entry
    /// of the widget's own is added, so the browser's Back comes back here.
    pub fn go(&self, step: Step) {
        let from = self.draft.with_untracked(|d| d.step);
        self.show_step(step);
        if step != from {
            self.add_history(from, step);
        }
    }

    /// Adds the widget's history entry for a move from `from` to `to` (`history::moved`).
    pub fn add_history(&self, from: Step, to: Step) {
        let key = self.draft_key.get_value();
        let base = crate::history::moved(&key, self.history_base.get_value(), from, to);
        self.history_base.set_value(Some(base));
    }

    /// Shows `step` without touching the browser's history (the history's own moves).
    pub fn show_step(&self, step: Step) {
        self.errors.set(Vec::new());
        self.draft.update(|d| {
            d.step = step;
            if step == Step::Check {
                d.changing = false;
            }
        });
        self.focus(crate::focus::HEADING_ID);
    }

    /// Checks the current page with the domain's rules: on to the next page, or the
    /// error summary, focused.
    pub fn continue_on(&self) {
        let lang = self.lang.get_untracked();
        let today = self.today();
        let (errors, next) = self.council.with_untracked(|council| {
            self.draft
                .with_untracked(|d| (d.errors_on(d.step, council, today), d.next(council)))
        });
        if errors.is_empty() {
            self.go(next);
        } else {
            self.show(&errors, lang);
            self.focus(crate::focus::SUMMARY_ID);
        }
    }

    /// Re-checks the page in the new language, so shown errors change language too.
    pub fn relabel_errors(&self) {
        if self.errors.with_untracked(Vec::is_empty) {
            return;
        }
        let lang = self.lang.get_untracked();
        let today = self.today();
        let errors = self.council.with_untracked(|council| {
            self.draft
                .with_untracked(|d| d.errors_on(d.step, council, today))
        });
        self.show(&errors, lang);
    }

    /// Shows the domain's errors in `lang`.
    fn show(&self, errors: &[feedback_shared::FieldError], lang: Language) {
        self.errors.set(
            errors
                .iter()
                .map(|e| Shown {
                    field: e.field,
                    message: e.text(lang),
                })
                .collect(),
        );
    }

    /// The shadow root the widget lives in (the loader's element is its host).
    pub fn shadow_root(&self) -> Option<web_sys::ShadowRoot> {
        use wasm_bindgen::JsCast;
        self.container
            .with_value(|c| c.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok())
    }

    /// The message for `field`, if it has one.
    pub fn error_for(&self, field: Field) -> Option<String> {
        self.errors.with(|es| {
            es.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}
