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
