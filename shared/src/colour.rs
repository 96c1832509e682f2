//! Colours a council may set for its widget, checked so the form stays readable on
//! whatever page it sits in (WCAG 2.2 1.4.3: 4.5:1 for text).
//!
//! The rule is to correct, not refuse: a colour that fails is replaced by one that passes,
//! so a council's setting can never make the form unreadable and never stops the server.
//! The background is the council's (any colour); the text becomes black or white, whichever
//! reads better on it, when the council's fails; links, hints and errors fall back to the
//! text colour; the buttons keep GOV.UK's green unless white on the brand colour passes.

use crate::wire::PaletteView;

/// GOV.UK's colours, the defaults for a council that sets none.
pub const WHITE: &str = "#ffffff";
pub const BLACK: &str = "#0b0c0c";
pub const LINK: &str = "#1d70b8";
pub const GREEN: &str = "#00703c";
pub const ERROR: &str = "#d4351c";
pub const HINT: &str = "#505a5f";

/// WCAG AA for normal text.
pub const AA: f64 = 4.5;

/// `#rgb` or `#rrggbb`, as red, green and blue.
pub fn parse_hex(colour: &str) -> Option<(u8, u8, u8)> {
    let hex = colour.trim().strip_prefix('#')?;
    if !hex.is_ascii() {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        6 => Some((
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        )),
        3 => {
            let short = |i: usize| channel(&hex[i..=i]).map(|v| v * 17);
            Some((short(0)?, short(1)?, short(2)?))
        }
        _ => None,
    }
}

/// WCAG 2 relative luminance.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio, from 1 to 21.
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The contrast of two written colours; 1 (none) when either is not a colour.
pub fn contrast_of(a: &str, b: &str) -> f64 {
    match (parse_hex(a), parse_hex(b)) {
        (Some(a), Some(b)) => contrast(a, b),
        _ => 1.0,
    }
}

/// `#rrggbb`, lower case.
fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The colour in a council's setting, written `#rrggbb`, if it is one.
fn given(setting: Option<&str>) -> Option<String> {
    setting.and_then(parse_hex).map(hex)
}

/// `wanted` when it reads at 4.5:1 on `background`, else `fallback`.
fn readable(wanted: Option<String>, background: &str, fallback: &str) -> String {
    wanted
        .filter(|c| contrast_of(c, background) >= AA)
        .unwrap_or_else(|| fallback.to_owned())
}

/// The council's settings, as its configuration holds them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ColourSettings<'a> {
    pub brand: Option<&'a str>,
    pub background: Option<&'a str>,
    pub text: Option<&'a str>,
    pub link: Option<&'a str>,
}

/// The widget's colours for a council: every one readable on the background.
pub fn palette(settings: ColourSettings<'_>) -> PaletteView {
    let background = given(settings.background).unwrap_or_else(|| WHITE.to_owned());
    // GOV.UK's black, else white, else pure black: pure black or white always passes
    // (at least 4.58:1 on any colour).
    let best = [BLACK, WHITE, "#000000"]
        .into_iter()
        .find(|c| contrast_of(c, &background) >= AA)
        .unwrap_or("#000000");
    let text = readable(
        given(settings.text).or_else(|| Some(BLACK.to_owned())),
        &background,
        best,
    );
    let link = readable(
        given(settings.link).or_else(|| Some(LINK.to_owned())),
        &background,
        &text,
    );
    let button = given(settings.brand)
        .filter(|c| contrast_of(WHITE, c) >= AA)
        .unwrap_or_else(|| GREEN.to_owned());
    PaletteView {
        error: readable(Some(ERROR.to_owned()), &background, &text),
        hint: readable(Some(HINT.to_owned()), &background, &text),
        background,
        text,
        link,
        button,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_readable(p: &PaletteView) {
        for (name, colour) in [
            ("text", &p.text),
            ("link", &p.link),
            ("error", &p.error),
            ("hint", &p.hint),
        ] {
            let ratio = contrast_of(colour, &p.background);
            assert!(
                ratio >= AA,
                "{name} {colour} on {}: {ratio:.2}",
                p.background
            );
        }
        assert!(contrast_of(WHITE, &p.button) >= AA, "button {}", p.button);
    }

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!(contrast_of("#767676", WHITE) >= AA);
        assert!(contrast_of("#777777", WHITE) < AA);
        assert!(contrast_of(GREEN, WHITE) >= AA);
        // The measure: GOV.UK's text on a dark blue footer.
        assert!(contrast_of(BLACK, "#003078") < 2.0);
        assert_eq!(contrast_of("not a colour", WHITE), 1.0);
    }

    #[test]
    fn nothing_set_gives_gov_uk_colours() {
        let p = palette(ColourSettings::default());
        assert_eq!(
            (p.background.as_str(), p.text.as_str(), p.link.as_str()),
            (WHITE, BLACK, LINK)
        );
        assert_eq!((p.button.as_str(), p.error.as_str()), (GREEN, ERROR));
        all_readable(&p);
    }

    #[test]
    fn a_dark_background_gets_light_text_and_links() {
        let p = palette(ColourSettings {
            brand: Some("#1d70b8"),
            background: Some("#003078"),
            ..Default::default()
        });
        assert_eq!(p.background, "#003078");
        assert_eq!(p.text, WHITE, "black text is unreadable on dark blue");
        assert_eq!(
            p.link, WHITE,
            "GOV.UK's blue link is unreadable on dark blue"
        );
        assert_eq!(p.button, "#1d70b8");
        all_readable(&p);
    }

    #[test]
    fn a_council_colour_that_passes_is_kept_and_one_that_fails_is_replaced() {
        let p = palette(ColourSettings {
            background: Some("#F3F2F1"),
            text: Some("#333"),
            link: Some("#ffdd00"),
            brand: Some("#ffdd00"),
        });
        assert_eq!(p.background, "#f3f2f1");
        assert_eq!(p.text, "#333333");
        assert_eq!(p.link, "#333333", "yellow links on a pale grey fail");
        assert_eq!(p.button, GREEN, "white on yellow fails");
        all_readable(&p);
        let p = palette(ColourSettings {
            background: Some("nonsense"),
            text: Some("#ffffff"),
            ..Default::default()
        });
        assert_eq!((p.background.as_str(), p.text.as_str()), (WHITE, BLACK));
    }

    #[test]
    fn every_background_gets_a_readable_palette() {
        for r in (0..=255).step_by(51) {
            for g in (0..=255).step_by(51) {
                for b in (0..=255).step_by(51) {
                    let background = hex((r, g, b));
                    all_readable(&palette(ColourSettings {
                        background: Some(&background),
                        text: Some("#777777"),
                        link: Some(LINK),
                        brand: Some("#b10e1e"),
                    }));
                }
            }
        }
    }
}
