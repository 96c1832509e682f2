//! The council as the public API describes it (`GET /v1/councils/{council}`), and the
//! brand colour rule: a council's colour is used only where it is readable.

use crate::json::Obj;
use feedback_shared::Language;

/// A matter the complaints procedure does not cover for a service, and its own route.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutOfScope {
    pub matter: String,
    pub matter_cy: Option<String>,
    pub route: String,
    pub route_cy: Option<String>,
    pub url: Option<String>,
}

/// One of the council's services.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub name_cy: Option<String>,
    pub service_request_url: Option<String>,
    pub out_of_scope: Vec<OutOfScope>,
}

/// What the widget needs to draw the council's form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CouncilInfo {
    pub id: String,
    pub name: String,
    pub name_cy: Option<String>,
    pub languages: Vec<Language>,
    pub services: Vec<Service>,
    pub brand_colour: Option<String>,
    pub privacy_notice_url: Option<String>,
    pub contact_page_url: Option<String>,
    pub time_limit_months: u32,
    /// The server's signed note of when the form was opened.
    pub form_token: String,
    /// What the council's references start with.
    pub reference_prefix: String,
}

/// Welsh where the council wrote it, else English.
pub fn in_lang<'a>(lang: Language, en: &'a str, cy: Option<&'a str>) -> &'a str {
    match (lang, cy) {
        (Language::Cy, Some(cy)) if !cy.trim().is_empty() => cy,
        _ => en,
    }
}

impl CouncilInfo {
    /// From the API's JSON; missing members are left empty.
    pub fn from_json(o: &Obj) -> CouncilInfo {
        CouncilInfo {
            id: o.str("id"),
            name: o.str("name"),
            name_cy: o.opt_str("name_cy"),
            languages: o
                .strings("languages")
                .iter()
                .map(|t| Language::from_tag(t))
                .collect(),
            services: o
                .objects("services")
                .iter()
                .map(|s| Service {
                    id: s.str("id"),
                    name: s.str("name"),
                    name_cy: s.opt_str("name_cy"),
                    service_request_url: s.opt_str("service_request_url"),
                    out_of_scope: s
                        .objects("out_of_scope")
                        .iter()
                        .map(|m| OutOfScope {
                            matter: m.str("matter"),
                            matter_cy: m.opt_str("matter_cy"),
                            route: m.str("route"),
                            route_cy: m.opt_str("route_cy"),
                            url: m.opt_str("url"),
                        })
                        .collect(),
                })
                .collect(),
            brand_colour: o.opt_str("brand_colour"),
            privacy_notice_url: o.opt_str("privacy_notice_url"),
            contact_page_url: o.opt_str("contact_page_url"),
            time_limit_months: o.num("time_limit_months").map_or(12, |n| n as u32),
            form_token: o.str("form_token"),
            reference_prefix: o.str("reference_prefix"),
        }
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn name_in(&self, lang: Language) -> &str {
        in_lang(lang, &self.name, self.name_cy.as_deref())
    }

    /// Whether the council offers its form in Welsh (and so shows the language switch).
    pub fn bilingual(&self) -> bool {
        self.languages.contains(&Language::Cy)
    }

    /// The colour for buttons and the confirmation panel: the council's own when white
    /// text on it reaches 4.5:1 (WCAG 1.4.3), else GOV.UK's green.
    pub fn button_colour(&self) -> &str {
        self.brand_colour
            .as_deref()
            .filter(|c| parse_hex(c).is_some_and(|rgb| contrast(rgb, WHITE) >= 4.5))
            .unwrap_or(SAFE_COLOUR)
    }
}

impl Service {
    pub fn name_in(&self, lang: Language) -> &str {
        in_lang(lang, &self.name, self.name_cy.as_deref())
    }
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

    /// The demo council as its config describes it, cut down.
    pub(crate) fn demo() -> CouncilInfo {
        let service = |id: &str, url: Option<&str>, out: bool| Service {
            id: id.into(),
            name: id.into(),
            name_cy: None,
            service_request_url: url.map(Into::into),
            out_of_scope: if out {
                vec![OutOfScope {
                    matter: "A decision".into(),
                    route: "Appeal".into(),
                    ..Default::default()
                }]
            } else {
                Vec::new()
            },
        };
        CouncilInfo {
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
        assert_eq!(council.button_colour(), "#1d70b8");
        council.brand_colour = Some("#ffdd00".into());
        assert_eq!(council.button_colour(), SAFE_COLOUR);
        council.brand_colour = Some("not a colour".into());
        assert_eq!(council.button_colour(), SAFE_COLOUR);
        council.brand_colour = Some("#000".into());
        assert_eq!(council.button_colour(), "#000");
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
