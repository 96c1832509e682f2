//! The council's Ombudsman as the widget names it after a final (stage 2) response, inside
//! the council's description (`CouncilView::ombudsman`).

use crate::Language;
use crate::outcome::Ombudsman;
use serde::{Deserialize, Serialize};

/// Who to go to after the council's final response, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OmbudsmanView {
    pub name: String,
    pub name_cy: String,
    pub phone: String,
    /// The Ombudsman's own page for making a complaint.
    pub website: String,
}

impl OmbudsmanView {
    pub fn of(ombudsman: Ombudsman) -> Self {
        OmbudsmanView {
            name: ombudsman.name(Language::En).to_owned(),
            name_cy: ombudsman.name(Language::Cy).to_owned(),
            phone: ombudsman.contact().1.to_owned(),
            website: ombudsman.website().to_owned(),
        }
    }

    pub fn name_in(&self, language: Language) -> &str {
        super::public::in_language(language, &self.name, Some(&self.name_cy))
    }
}

crate::json_struct!(default OmbudsmanView {
    name,
    name_cy,
    phone,
    website
});
