//! The council's palette on the widget: the colours the API sends in its description
//! (`wire::PaletteView`), already checked for contrast by `shared::colour`, become the
//! custom properties the widget's CSS draws with.

use feedback_shared::wire::PaletteView;

/// Sets the palette on the `<council-feedback>` element `host`, so the launcher, the
/// launcher's dialog and the form all use it. A colour the API left empty keeps the CSS
/// default. (Custom properties set through the CSSOM are not inline style a CSP blocks.)
pub fn paint(host: &web_sys::HtmlElement, palette: &PaletteView) {
    let style = host.style();
    for (name, colour) in [
        ("--cf-bg", &palette.background),
        ("--cf-text", &palette.text),
        ("--cf-link", &palette.link),
        ("--cf-brand", &palette.button),
        ("--cf-error", &palette.error),
        ("--cf-hint", &palette.hint),
    ] {
        if !colour.is_empty() {
            let _ = style.set_property(name, colour);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use feedback_shared::Language;
    use feedback_shared::wire::CouncilView;
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
    fn welsh_names_fall_back_to_english() {
        let council = demo();
        assert_eq!(council.name_in(Language::Cy), "Demo Borough Council");
        assert!(council.bilingual());
    }
}
