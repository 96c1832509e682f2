//! The draft in `sessionStorage`: it survives a reload of the page (or a crash of the
//! tab's page, not of the browser), stays on this device and this tab only, and is
//! removed once the feedback is sent.
//!
//! Each `<council-feedback>` element keeps its own draft: the key is the council and the
//! element's [`scope`], so two forms on one page (a footer's and a page's) never share
//! answers. Every function takes that key, not the council alone.

use crate::confirmation::Confirmation;
use crate::draft::Draft;

/// The storage name of the element `host` showing `council`'s form: the council for
/// the first such element on the page (the name drafts had before there could be two),
/// `council#id` for an element with an id, else `council:n` for the n-th element
/// without one (0-based, in document order, which a reload keeps).
pub fn scope(council: &str, host: Option<&web_sys::Element>) -> String {
    let Some(host) = host else {
        return council.to_owned();
    };
    let id = host.id();
    if !id.is_empty() {
        return format!("{council}#{id}");
    }
    let position = host.owner_document().and_then(|doc| {
        let all = doc.query_selector_all("council-feedback:not([id])").ok()?;
        let mut n = 0;
        for i in 0..all.length() {
            let node = all.item(i)?;
            if node.is_same_node(Some(host)) {
                return Some(n);
            }
            let same_council = wasm_bindgen::JsCast::dyn_ref::<web_sys::Element>(&node)
                .and_then(|e| e.get_attribute("council"))
                .is_some_and(|c| c == council);
            if same_council {
                n += 1;
            }
        }
        None
    });
    match position {
        Some(0) | None => council.to_owned(),
        Some(n) => format!("{council}:{n}"),
    }
}

fn key(scope: &str) -> String {
    format!("council-feedback:v2:{scope}")
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The saved draft for `council`, if there is one this code can read.
pub fn load(council: &str) -> Option<Draft> {
    let json = session()?.get_item(&key(council)).ok().flatten()?;
    crate::json::read(&json)
}

/// Saves the draft; a full or blocked storage only means no reload protection.
pub fn save(council: &str, draft: &Draft) {
    if let Some(store) = session() {
        let _ = store.set_item(&key(council), &crate::json::write(draft));
    }
}

pub fn clear(council: &str) {
    if let Some(store) = session() {
        let _ = store.remove_item(&key(council));
    }
}

fn sent_key(scope: &str) -> String {
    format!("council-feedback:v2:{scope}:sent")
}

/// Keeps the confirmation, so a reload does not lose the reference and code.
pub fn save_sent(council: &str, sent: &Confirmation) {
    if let Some(store) = session() {
        let _ = store.set_item(&sent_key(council), &crate::json::write(sent));
    }
}

/// The confirmation kept by [`save_sent`].
pub fn load_sent(council: &str) -> Option<Confirmation> {
    let json = session()?.get_item(&sent_key(council)).ok().flatten()?;
    crate::json::read(&json)
}

/// Forgets the confirmation ("Tell us something else").
pub fn clear_sent(council: &str) {
    if let Some(store) = session() {
        let _ = store.remove_item(&sent_key(council));
    }
}
