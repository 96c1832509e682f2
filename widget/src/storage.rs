//! The draft in `sessionStorage`: it survives a reload of the page (or a crash of the
//! tab's page, not of the browser), stays on this device and this tab only, and is
//! removed once the feedback is sent.

use crate::confirmation::Confirmation;
use crate::draft::Draft;

fn key(council: &str) -> String {
    format!("council-feedback:v2:{council}")
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

fn sent_key(council: &str) -> String {
    format!("council-feedback:v2:{council}:sent")
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
