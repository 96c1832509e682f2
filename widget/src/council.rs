//! The brand colour rule for the council the API describes (`wire::CouncilView`): a
//! council's colour is used only where it is readable.

use feedback_shared::wire::CouncilView;

/// The colour for buttons and the confirmation panel: the council's own when white text
/// on it reaches 4.5:1 (WCAG 1.4.3), else GOV.UK's green.
pub fn button_colour(council: &CouncilView) -> &str {
    council
        .brand_colour
        .as_deref()
        .filter(|c| parse_hex(c).is_some_and(|rgb| contrast(rgb, WHITE) >= 4.5))
        .unwrap_or(SAFE_COLOUR)
}

/// GOV.UK's button green: 5.6:1 against white.
pub const SAFE_COLOUR: &str = "#00703c";

const WHITE: (u8, u8, u8) = (255, 255, 255);

/// `#rgb` or `#rrggbb`.
pub fn parse_hex(colour: &str) -> Option<(u8, u8, u8)> {
    let hex = colour.trim().strip_prefix('#')?;
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    use feedback_shared::Language;
    use feedback_shared::wire::{OutOfScopeView, ServiceView};

    /// The demo council as its config describes it, cut down.
    pub(crate) fn demo() -> CouncilView {
        let service = |id: &str, url: Option<&str>, out: bool| ServiceView {
            id: id.into(),
            name: id.into(),
            name_cy: None,
            service_request_url: url.map(Into::into),
            out_of_scope: if out {
                vec![OutOfScopeView {
                    matter: "A decision".into(),
                    route: "Appeal".into(),
                    ..Default::default()
                }]
            } else {
                Vec::new()
            },
        };
        CouncilView {
            id: "demo".into(),
            name: "Demo Borough Council".into(),
            languages: vec![Language::En, Language::Cy],
            services: vec![
                service("waste", Some("https://x.example/bin"), false),
                service("planning", None, true),
                service("other", None, false),
            ],
            brand_colour: Some("#1d70b8".into()),
            time_limit_months: 12,
            form_token: "t".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_readable_brand_colour_is_used_and_a_pale_one_is_not() {
        let mut council = demo();
        assert_eq!(button_colour(&council), "#1d70b8");
        council.brand_colour = Some("#ffdd00".into());
        assert_eq!(button_colour(&council), SAFE_COLOUR);
        council.brand_colour = Some("not a colour".into());
        assert_eq!(button_colour(&council), SAFE_COLOUR);
        council.brand_colour = Some("#000".into());
        assert_eq!(button_colour(&council), "#000");
    }

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast((0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
        // GOV.UK's green is the fallback because it passes.
        assert!(contrast(parse_hex(SAFE_COLOUR).unwrap(), WHITE) >= 4.5);
        assert!(contrast((0x76, 0x76, 0x76), WHITE) >= 4.5);
        assert!(contrast((0x77, 0x77, 0x77), WHITE) < 4.5);
    }

    #[test]
    fn welsh_names_fall_back_to_english() {
        let council = demo();
        assert_eq!(council.name_in(Language::Cy), "Demo Borough Council");
        assert!(council.bilingual());
    }
}
