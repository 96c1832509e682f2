//! The widget's own words, in English and Welsh. Field error messages are not here: they
//! come from the domain crate, so the widget and the API say the same thing.

use feedback_shared::Language;

/// One piece of text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub cy: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.en,
            Language::Cy => self.cy,
        }
    }
}

/// The widget's heading (the loader's launcher button says the same).
pub const HEADING: Text = Text {
    en: "Tell us what you think",
    cy: "Dywedwch wrthym beth yw eich barn",
};

/// The label of the "what happened" field.
pub const WHAT_HAPPENED: Text = Text {
    en: "What happened?",
    cy: "Beth ddigwyddodd?",
};

/// Read by screen readers before an error message, as GOV.UK does.
pub const ERROR_PREFIX: Text = Text {
    en: "Error: ",
    cy: "Gwall: ",
};

/// The button that checks the field.
pub const CHECK: Text = Text {
    en: "Check",
    cy: "Gwirio",
};

/// Said once the field passes the check.
pub const ACCEPTED: Text = Text {
    en: "That looks right.",
    cy: "Mae hynny’n edrych yn iawn.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heading_follows_the_language_tag() {
        assert_eq!(
            HEADING.get(Language::from_tag("cy-GB")),
            "Dywedwch wrthym beth yw eich barn"
        );
        assert_eq!(
            HEADING.get(Language::from_tag("en")),
            "Tell us what you think"
        );
        assert_eq!(
            HEADING.get(Language::from_tag("fr")),
            "Tell us what you think"
        );
    }
}
