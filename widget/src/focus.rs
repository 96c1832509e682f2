//! Moving focus inside the shadow root: to each page's heading, to the error summary, and
//! from a summary link to its field.

use wasm_bindgen::JsCast;

/// Every page's heading: focused when the page changes, so a screen reader says where
/// the resident is now.
pub const HEADING_ID: &str = "cf-step-heading";

/// The error summary, focused when a page has errors.
pub const SUMMARY_ID: &str = "cf-error-summary";

/// Focuses the element with `id` inside `container` and brings it into view.
pub fn focus_by_id(container: &web_sys::HtmlElement, id: &str) {
    let Ok(Some(element)) = container.query_selector(&format!("#{id}")) else {
        return;
    };
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
