//! The Council Feedback officer console: a Leptos app (client-side rendering) over the
//! officer API, served at `/console/`, in GOV.UK Frontend and MOJ Frontend's markup and
//! compiled CSS.
//!
//! The pure parts (addresses, deadline badges, forms and their errors) are plain modules
//! that native tests reach; `view` draws the pages and `api` talks to the server.

pub mod api;
pub mod deadline;
pub mod figures;
pub mod forms;
pub mod hosted;
pub mod personal_data;
pub mod restrictions;
pub mod route;
pub mod view;

/// Starts the console when its wasm is loaded: it renders into `<body>`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(view::App);
}
