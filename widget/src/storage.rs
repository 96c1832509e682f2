//! The draft in `sessionStorage`: it survives a reload of the page (or a crash of the
//! tab's page, not of the browser), stays on this device and this tab only, and is
//! removed once the feedback is sent.

use crate::draft::Draft;

fn key(council: &str) -> String {
    format!("council-feedback:v1:{council}")
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The saved draft for `council`, if there is one this code can read.
pub fn load(council: &str) -> Option<Draft> {
    let json = session()?.get_item(&key(council)).ok().flatten()?;
    crate::json::Obj::parse(&json).map(|o| Draft::from_json(&o))
}

/// Saves the draft; a full or blocked storage only means no reload protection.
pub fn save(council: &str, draft: &Draft) {
    if let Some(store) = session() {
        let _ = store.set_item(&key(council), &draft.to_json());
    }
}

pub fn clear(council: &str) {
    if let Some(store) = session() {
        let _ = store.remove_item(&key(council));
    }
}

fn sent_key(council: &str) -> String {
    format!("council-feedback:v1:{council}:sent")
}

/// Keeps the confirmation, so a reload does not lose the reference and code.
pub fn save_sent(council: &str, sent: &crate::view::ctx::Submitted) {
    if let Some(store) = session() {
        let _ = store.set_item(&sent_key(council), &sent.to_json());
    }
}

/// The confirmation kept by [`save_sent`].
pub fn load_sent(council: &str) -> Option<crate::view::ctx::Submitted> {
    let json = session()?.get_item(&sent_key(council)).ok().flatten()?;
    let o = crate::json::Obj::parse(&json)?;
    let mut sent = crate::view::ctx::Submitted::from_json(&o)?;
    sent.emailed = o.bool("emailed");
    sent.anonymous = o.bool("anonymous");
    Some(sent)
}

/// Forgets the confirmation ("Tell us something else").
pub fn clear_sent(council: &str) {
    if let Some(store) = session() {
        let _ = store.remove_item(&sent_key(council));
    }
}
