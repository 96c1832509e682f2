//! The widget's colours, inside the council's description (`CouncilView::palette`).

use serde::{Deserialize, Serialize};

/// The colours the widget draws itself in, each `#rrggbb` and already checked by
/// [`crate::colour::palette`]: text, links, hints and errors read at 4.5:1 on the
/// background, and white reads at 4.5:1 on the buttons.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaletteView {
    pub background: String,
    pub text: String,
    pub link: String,
    /// Buttons and the confirmation panel, with white text.
    pub button: String,
    pub error: String,
    pub hint: String,
}

crate::json_struct!(default PaletteView {
    background,
    text,
    link,
    button,
    error,
    hint
});
