//! The first question the loader draws before the wasm arrives (`loader/widget.js`,
//! `early_`), and its hand-over to the app.
//!
//! The loader draws the first page as plain HTML with the app's own markup, and the
//! resident may answer it, press Continue, switch language or ask for Check progress
//! before the app exists. `mount` is given that page's element; the app reads what was
//! done on it only when its own page is ready (the council's description has come), not
//! when it mounts, because the resident keeps answering while the description loads. The
//! loader's page is removed in the same task as the app's page is drawn, so the browser
//! never paints between them: no flash, and never two elements with one id.
//!
//! A saved draft (`storage`) goes first and the loader's answers on top: the loader draws
//! no question for a draft past its first page or for a sent form, and pre-checks a saved
//! kind, so its checked radio is the resident's latest choice either way.

use crate::draft::{Draft, Step};
use feedback_shared::{Kind, Language};
use wasm_bindgen::JsCast;

/// What the resident pressed on the loader's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Nothing,
    Continue,
    Progress,
}

impl Done {
    /// The loader's `data-done` value.
    pub fn from_mark(mark: Option<&str>) -> Done {
        match mark {
            Some("continue") => Done::Continue,
            Some("progress") => Done::Progress,
            _ => Done::Nothing,
        }
    }
}

/// What the resident did on the loader's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub kind: Option<Kind>,
    /// The language the page was in (the resident may have switched it).
    pub lang: Option<Language>,
    pub done: Done,
    /// The id of the element that had focus in it, if focus was there.
    pub focus: Option<String>,
}

impl Answer {
    /// Puts the answer into the draft restored from storage. Only a draft on the first
    /// page takes it (the loader draws no question for any other); answers whether the
    /// draft did, so Continue and Check progress are only acted on then.
    pub fn apply(&self, draft: &mut Draft) -> bool {
        if draft.step != Step::Kind {
            return false;
        }
        if self.kind.is_some() {
            draft.kind = self.kind;
        }
        true
    }
}

/// Reads the loader's page as it stands now.
pub fn read(page: &web_sys::HtmlElement) -> Answer {
    let found = |selector: &str| page.query_selector(selector).ok().flatten();
    let kind = found("input[name=kind]:checked")
        .and_then(|radio| radio.get_attribute("value"))
        .and_then(|value| Kind::from_json_name(&value));
    let lang = found("section")
        .and_then(|section| section.get_attribute("lang"))
        .map(|tag| Language::from_tag(&tag));
    let focus = page
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|root| root.active_element())
        .filter(|active| page.contains(Some(active)))
        .map(|active| active.id())
        .filter(|id| !id.is_empty());
    Answer {
        kind,
        lang,
        done: Done::from_mark(page.get_attribute("data-done").as_deref()),
        focus,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(kind: Option<Kind>) -> Answer {
        Answer {
            kind,
            lang: None,
            done: Done::Continue,
            focus: None,
        }
    }

    #[test]
    fn the_loaders_choice_goes_over_a_saved_kind_on_the_first_page() {
        let mut draft = Draft {
            kind: Some(Kind::Comment),
            service: "waste".into(),
            ..Draft::default()
        };
        assert!(answer(Some(Kind::Complaint)).apply(&mut draft));
        assert_eq!(draft.kind, Some(Kind::Complaint));
        assert_eq!(draft.service, "waste", "the rest of the draft is kept");
        // Nothing chosen on the loader's page leaves the saved choice.
        assert!(answer(None).apply(&mut draft));
        assert_eq!(draft.kind, Some(Kind::Complaint));
    }

    #[test]
    fn a_draft_past_the_first_page_keeps_its_own_answers() {
        let mut draft = Draft {
            step: Step::About,
            kind: Some(Kind::Comment),
            ..Draft::default()
        };
        assert!(!answer(Some(Kind::Complaint)).apply(&mut draft));
        assert_eq!(draft.kind, Some(Kind::Comment));
        assert_eq!(draft.step, Step::About);
    }

    #[test]
    fn the_loaders_marks_are_read_and_anything_else_is_nothing() {
        assert_eq!(Done::from_mark(Some("continue")), Done::Continue);
        assert_eq!(Done::from_mark(Some("progress")), Done::Progress);
        assert_eq!(Done::from_mark(Some("send")), Done::Nothing);
        assert_eq!(Done::from_mark(None), Done::Nothing);
    }
}
