//! The state every page shares, passed by value (every part is a `Copy` handle).

use crate::council::CouncilInfo;
use crate::draft::{Draft, Step};
use crate::json::Obj;
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

/// What the API answers to a submission: enough for the confirmation panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub reference: String,
    pub status_token: String,
    pub kind: feedback_shared::Kind,
    pub received_on: String,
    pub acknowledge_by: Option<String>,
    pub respond_by: Option<String>,
    /// Whether a reply can be sent by email (set by the widget, not the API).
    pub emailed: bool,
    pub anonymous: bool,
    /// The council had the resident's earlier answers under this key (see `send.rs`).
    pub earlier: bool,
}

impl Submitted {
    /// The API's answer; `None` without a reference or a known kind.
    pub fn from_json(o: &Obj) -> Option<Submitted> {
        let reference = o.str("reference");
        Some(Submitted {
            kind: crate::names::named(&crate::names::KINDS, &o.str("kind"))?,
            status_token: o.str("status_token"),
            received_on: o.str("received_on"),
            acknowledge_by: o.opt_str("acknowledge_by"),
            respond_by: o.opt_str("respond_by"),
            emailed: false,
            anonymous: false,
            earlier: false,
            reference: (!reference.is_empty()).then_some(reference)?,
        })
    }

    /// As [`Submitted::from_json`] reads it, plus what the widget adds.
    pub fn to_json(&self) -> String {
        let o = Obj::new();
        o.set("reference", self.reference.as_str())
            .set("status_token", self.status_token.as_str())
            .set(
                "kind",
                crate::names::name_of(&crate::names::KINDS, self.kind),
            )
            .set("received_on", self.received_on.as_str())
            .set_opt("acknowledge_by", self.acknowledge_by.as_deref())
            .set_opt("respond_by", self.respond_by.as_deref())
            .set("emailed", self.emailed)
            .set("anonymous", self.anonymous);
        o.stringify()
    }
}

/// A `YYYY-MM-DD` date from the API.
pub fn iso_date(s: &str) -> Option<Date> {
    let mut parts = s.splitn(3, '-').map(str::parse::<i32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
    Date::from_calendar_date(y, month, u8::try_from(d).ok()?).ok()
}

/// The widget's shared state.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub draft: RwSignal<Draft>,
    pub lang: RwSignal<Language>,
    pub council: RwSignal<CouncilInfo>,
    pub errors: RwSignal<Vec<Shown>>,
    pub sending: RwSignal<Sending>,
    pub sent: RwSignal<Option<Submitted>>,
    /// The spam trap's value: never saved, sent as it is.
    pub honeypot: RwSignal<String>,
    pub council_id: StoredValue<String>,
    pub api: StoredValue<String>,
    /// The element the app is mounted in, for finding elements by id in its shadow root.
    pub container: StoredValue<web_sys::HtmlElement, LocalStorage>,
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

    /// Shows `step`, clearing old errors, and moves focus to its heading.
    pub fn go(&self, step: Step) {
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
