//! The browser's Back button (and Android's back gesture) inside the form: each page the
//! resident moves to gets a history entry of the widget's own, at the SAME URL, so Back
//! shows the previous question instead of leaving the council's page, and the page's
//! address never changes.
//!
//! A host page's router keeps working: the entry's state is the host's state as it was
//! (its keys copied) plus one member, `councilFeedback`, so a router that reads its own
//! keys from `history.state` on `popstate` finds them unchanged and draws the same page.
//! Every widget on the page is in each entry, by its draft key: an entry copies the
//! others' places from the entry before it and sets its own, so whichever widget moved,
//! Back puts each of them where it was at that entry. An entry without a widget (the
//! host's own, or one from before the resident started that widget) shows the page that
//! widget started from, and the next Back leaves as usual.

use crate::draft::Step;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

/// The member of `history.state` that is the widget's.
const MEMBER: &str = "councilFeedback";

/// Every step, by its number in a history entry.
const STEPS: [Step; 10] = [
    Step::Kind,
    Step::Service,
    Step::Triage,
    Step::Details,
    Step::About,
    Step::Adjustments,
    Step::Equality,
    Step::Check,
    Step::Sent,
    Step::Progress,
];

fn number(step: Step) -> u32 {
    STEPS.iter().position(|s| *s == step).unwrap_or(0) as u32
}

fn step(number: f64) -> Option<Step> {
    STEPS.get(number as usize).copied()
}

/// The widgets' member of an entry's state (an object with a member per widget key),
/// if the entry has one.
fn widgets(state: &JsValue) -> Option<JsValue> {
    if !state.is_object() {
        return None;
    }
    let all = Reflect::get(state, &JsValue::from_str(MEMBER)).ok()?;
    all.is_object().then_some(all)
}

/// Where the widget with `key` is at this entry, if the entry has it: the step the entry
/// shows and the page shown on the host's own entry (its "base").
pub fn ours(key: &str, state: &JsValue) -> Option<(Step, Step)> {
    let mine = Reflect::get(&widgets(state)?, &JsValue::from_str(key)).ok()?;
    if !mine.is_object() {
        return None;
    }
    let get = |k: &str| Reflect::get(&mine, &JsValue::from_str(k)).ok();
    Some((step(get("step")?.as_f64()?)?, step(get("base")?.as_f64()?)?))
}

/// After the widget with `key` moved from `from` to `to` by the resident's action
/// (Continue, a Change or Back link, Check progress): a new entry at the same URL. The
/// confirmation replaces the entry instead, so Back never returns to a form that has been
/// sent. Answers the base to remember: the page the widget showed on the host's own entry,
/// where Back ends up at last (`known`, the one remembered so far, if any).
pub fn moved(key: &str, known: Option<Step>, from: Step, to: Step) -> Step {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return known.unwrap_or(from);
    };
    let current = history.state().unwrap_or(JsValue::NULL);
    let base = ours(key, &current)
        .map(|(_, base)| base)
        .or(known)
        .unwrap_or(from);
    let state = Object::new();
    // The host's state, kept: a router reads its own keys as it left them.
    if current.is_object() {
        let _ = Object::assign(&state, &Object::from(current.clone()));
    }
    // The other widgets stay where this entry's predecessor had them.
    let all = Object::new();
    if let Some(earlier) = widgets(&current) {
        let _ = Object::assign(&all, &Object::from(earlier));
    }
    let mine = Object::new();
    let _ = Reflect::set(&mine, &JsValue::from_str("step"), &number(to).into());
    let _ = Reflect::set(&mine, &JsValue::from_str("base"), &number(base).into());
    let _ = Reflect::set(&all, &JsValue::from_str(key), &mine);
    let _ = Reflect::set(&state, &JsValue::from_str(MEMBER), &all);
    // `None` for the URL: the entry keeps the page's address exactly (hash included).
    let _ = if to == Step::Sent {
        history.replace_state_with_url(&state, "", None)
    } else {
        history.push_state_with_url(&state, "", None)
    };
    base
}

/// Calls `on_pop` with each `popstate` entry's state (the browser's Back and Forward),
/// for as long as the page lives.
pub fn listen(mut on_pop: impl FnMut(JsValue) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        Closure::<dyn FnMut(web_sys::PopStateEvent)>::new(move |ev: web_sys::PopStateEvent| {
            on_pop(ev.state())
        });
    let _ = window.add_event_listener_with_callback(
        "popstate",
        wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
    );
    listener.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_its_own_number() {
        for (i, s) in STEPS.iter().enumerate() {
            assert_eq!(number(*s) as usize, i);
            assert_eq!(step(i as f64), Some(*s));
        }
        assert_eq!(step(99.0), None);
    }
}
