//! The review reminder of a contact restriction, to the manager who decided it: whose
//! restriction, what it restricts, when it is due for review, and where to record the
//! review. Written in each of the council's languages, its first language first. It
//! carries no word of the behaviour behind the restriction.

use super::templates::Rendered;
use crate::config::CouncilConfig;
use crate::html::escape;
use feedback_shared::Language;
use feedback_shared::labels::day_month_year;
use feedback_shared::restriction::{Restricted, RestrictedChannel, Restriction};

fn channel(c: RestrictedChannel, lang: Language) -> &'static str {
    match c {
        RestrictedChannel::Email => lang.pick("email", "e-bost"),
        RestrictedChannel::Phone => lang.pick("phone", "ffôn"),
        RestrictedChannel::Post => lang.pick("post", "post"),
        RestrictedChannel::InPerson => lang.pick("in person", "wyneb yn wyneb"),
    }
}

/// One restricted thing in `lang` (the free text as the manager typed it).
fn restricted(r: &Restricted, lang: Language) -> String {
    match r {
        Restricted::SinglePointOfContact { officer } => format!(
            "{}: {officer}",
            lang.pick("Single point of contact", "Un pwynt cyswllt")
        ),
        Restricted::OneChannel { channel: c } => format!(
            "{}: {}",
            lang.pick("One channel only", "Un sianel yn unig"),
            channel(*c, lang)
        ),
        Restricted::SetTimes { times } => {
            format!("{}: {times}", lang.pick("Set times", "Amseroedd penodol"))
        }
        Restricted::Other { detail } => format!("{}: {detail}", lang.pick("Other", "Arall")),
    }
}

fn council_name(council: &CouncilConfig, lang: Language) -> String {
    match lang {
        Language::Cy => council
            .name_cy
            .clone()
            .unwrap_or_else(|| council.name.clone()),
        Language::En => council.name.clone(),
    }
}

/// The restriction's page in the officer console, when the council says where it is.
pub fn restriction_url(council: &CouncilConfig, id: &str) -> Option<String> {
    council
        .console_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| format!("{}/restrictions/{id}", u.trim_end_matches('/')))
}

/// The message's paragraphs in one language, then its list of what is restricted.
fn body(
    council: &CouncilConfig,
    r: &Restriction,
    lang: Language,
) -> (Vec<String>, Vec<String>, Option<(String, String)>) {
    let due = day_month_year(r.review_on, lang);
    let decided = day_month_year(r.decided_on, lang);
    let (name, by, place) = (
        &r.person.name,
        &r.decided_by.name,
        council_name(council, lang),
    );
    let paras = vec![
        lang.pick(
            format!("The restriction on how {name} contacts {place} is due for review on {due}."),
            format!(
                "Mae’r cyfyngiad ar sut mae {name} yn cysylltu â {place} i’w adolygu ar {due}."
            ),
        ),
        lang.pick(
            format!("You decided it ({by}, {decided})."),
            format!("Chi a benderfynodd arno ({by}, {decided})."),
        ),
        lang.pick(
            "Review it and record the review: continue it with a new review date, at most 12 months on, or end it with the reason.".to_owned(),
            "Adolygwch ef a chofnodwch yr adolygiad: ei barhau gyda dyddiad adolygu newydd, 12 mis ar y mwyaf, neu ddod ag ef i ben gyda’r rheswm.".to_owned(),
        ),
    ];
    let items = r.restricted.iter().map(|x| restricted(x, lang)).collect();
    let link = restriction_url(council, &r.id).map(|url| {
        (
            lang.pick("Open the restriction", "Agor y cyfyngiad")
                .to_owned(),
            url,
        )
    });
    (paras, items, link)
}

/// The whole message: subject, text and HTML, in each of the council's languages.
pub fn render(council: &CouncilConfig, r: &Restriction) -> Rendered {
    let languages = if council.languages.is_empty() {
        vec![Language::En]
    } else {
        council.languages.clone()
    };
    let subject = languages
        .iter()
        .map(|lang| {
            let due = day_month_year(r.review_on, *lang);
            lang.pick(
                format!("Review a contact restriction by {due}"),
                format!("Adolygu cyfyngiad cyswllt erbyn {due}"),
            )
        })
        .collect::<Vec<_>>()
        .join(" / ");
    let mut text = String::new();
    let mut html = String::from("<!DOCTYPE html>\n<html><body>\n");
    for lang in &languages {
        let (paras, items, link) = body(council, r, *lang);
        if !text.is_empty() {
            text.push_str("\n---\n\n");
        }
        let heading = lang.pick("What is restricted", "Beth sydd wedi’i gyfyngu");
        text.push_str(&paras[0]);
        text.push_str(&format!("\n\n{heading}:\n"));
        for item in &items {
            text.push_str(&format!("- {item}\n"));
        }
        for para in &paras[1..] {
            text.push_str(&format!("\n{para}\n"));
        }
        if let Some((label, url)) = &link {
            text.push_str(&format!("\n{label}: {url}\n"));
        }
        let code = lang.pick("en", "cy");
        html.push_str(&format!(
            "<div lang=\"{code}\">\n<p>{}</p>\n",
            escape(&paras[0])
        ));
        html.push_str(&format!("<h2>{}</h2>\n<ul>\n", escape(heading)));
        for item in &items {
            html.push_str(&format!("<li>{}</li>\n", escape(item)));
        }
        html.push_str("</ul>\n");
        for para in &paras[1..] {
            html.push_str(&format!("<p>{}</p>\n", escape(para)));
        }
        if let Some((label, url)) = &link {
            html.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>\n",
                escape(url),
                escape(label)
            ));
        }
        html.push_str("</div>\n");
    }
    html.push_str("</body></html>\n");
    Rendered {
        subject,
        text,
        html,
    }
}
