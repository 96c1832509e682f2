//! A subject access bundle as one printable page: each case as the resident would read
//! it, in the case's language (English or Welsh), in GOV.UK's type and spacing, each case
//! starting on a new sheet when printed. Written from the bundle already redacted, so the
//! page can hold nothing the JSON does not.

use crate::config::CouncilConfig;
use crate::html::escape;
use feedback_shared::case::{Action, Actor, CaseEvent, StageRecord};
use feedback_shared::contact::Submitter;
use feedback_shared::labels::long_date;
use feedback_shared::wire::BundleCase;
use feedback_shared::{Language, Stage};
use std::fmt::Write;

const STYLE: &str = "body{font-family:Arial,sans-serif;color:#0b0c0c;margin:0 auto;max-width:960px;padding:0 15px 30px;line-height:1.3}\
h1{font-size:2rem}h2{font-size:1.5rem;margin-top:2rem}h3{font-size:1.2rem}\
dl{display:grid;grid-template-columns:14em 1fr;border-top:1px solid #b1b4b6}\
dt,dd{margin:0;padding:.5em .5em .5em 0;border-bottom:1px solid #b1b4b6}dt{font-weight:bold}\
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.5em .5em .5em 0;border-bottom:1px solid #b1b4b6}\
.case{break-before:page}.case:first-of-type{break-before:auto}\
p.text{white-space:pre-wrap}\
@media print{body{max-width:none;font-size:11pt}a{color:#0b0c0c}}";

/// The whole page.
pub fn page(council: &CouncilConfig, cases: &[BundleCase]) -> String {
    // The page's own language is the first case's; each case is marked with its own.
    let language = cases.first().map_or(Language::En, |c| c.details.language);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body><main>",
        lang(language),
        escape(&title(council, language))
    );
    let _ = write!(out, "<h1>{}</h1>", escape(&title(council, language)));
    for case in cases {
        write_case(&mut out, council, case);
    }
    out.push_str("</main></body></html>\n");
    out
}

fn lang(language: Language) -> &'static str {
    language.pick("en", "cy")
}

fn title(council: &CouncilConfig, language: Language) -> String {
    let name = match language {
        Language::Cy => council.name_cy.as_deref().unwrap_or(&council.name),
        Language::En => &council.name,
    };
    language.pick(
        format!("Your information held by {name}"),
        format!("Eich gwybodaeth sydd gan {name}"),
    )
}

fn row(out: &mut String, label: &str, value: &str) {
    let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
}

fn write_case(out: &mut String, council: &CouncilConfig, bundle: &BundleCase) {
    let l = bundle.details.language;
    let case = &bundle.case;
    let details = &bundle.details;
    let _ = write!(
        out,
        "<section class=\"case\" lang=\"{}\"><h2>{} {}</h2><dl>",
        lang(l),
        l.pick("Case", "Achos"),
        escape(&case.reference.to_string())
    );
    row(out, l.pick("Type", "Math"), case.kind.label(l));
    let service = council
        .services
        .iter()
        .find(|s| s.id == details.service)
        .map(|s| match l {
            Language::Cy => s.name_cy.clone().unwrap_or_else(|| s.name.clone()),
            Language::En => s.name.clone(),
        })
        .unwrap_or_else(|| details.service.clone());
    row(out, l.pick("Service", "Gwasanaeth"), &service);
    row(
        out,
        l.pick("Received", "Wedi dod i law"),
        &long_date(case.received_on(), l),
    );
    row(out, l.pick("Status", "Statws"), case.status.label(l));
    if let Some(closed) = case.closed_on {
        row(out, l.pick("Closed", "Wedi cau"), &long_date(closed, l));
    }
    out.push_str("</dl>");

    let _ = write!(
        out,
        "<h3>{}</h3><dl>",
        l.pick("What you told us", "Beth ddywedoch chi wrthym")
    );
    row(
        out,
        l.pick("What happened", "Beth ddigwyddodd"),
        details.what_happened.as_str(),
    );
    if let Some(when) = details.when_happened {
        row(
            out,
            l.pick("When it happened", "Pryd ddigwyddodd"),
            &long_date(when.date(), l),
        );
    }
    if let Some(put_right) = &details.put_right {
        row(
            out,
            l.pick("What you would like", "Beth hoffech chi"),
            put_right.as_str(),
        );
    }
    if let Some(staff) = &details.staff_name {
        row(out, l.pick("Staff named", "Staff a enwyd"), staff.as_str());
    }
    out.push_str("</dl>");

    let _ = write!(
        out,
        "<h3>{}</h3><dl>",
        l.pick("Your details", "Eich manylion")
    );
    match &details.submitter {
        Submitter::Anonymous => row(
            out,
            l.pick("Name", "Enw"),
            l.pick("Not given", "Heb ei roi"),
        ),
        Submitter::Identified(person) => {
            let contact = &person.contact;
            row(out, l.pick("Name", "Enw"), contact.name.as_str());
            if let Some(email) = &contact.email {
                row(out, l.pick("Email", "E-bost"), email.as_str());
            }
            if let Some(phone) = &contact.phone {
                row(out, l.pick("Phone", "Ffôn"), phone.as_str());
            }
            if let Some(address) = &contact.address {
                row(out, l.pick("Address", "Cyfeiriad"), address.as_str());
            }
            if let Some(postcode) = &contact.postcode {
                row(out, l.pick("Postcode", "Cod post"), postcode.as_str());
            }
            if let Some(rep) = &person.representative {
                row(
                    out,
                    l.pick("On behalf of", "Ar ran"),
                    &format!(
                        "{} ({})",
                        rep.represented_name.as_str(),
                        rep.relationship.as_str()
                    ),
                );
            }
        }
    }
    out.push_str("</dl>");

    for stage in [&case.stage1, &case.stage2].into_iter().flatten() {
        write_response(out, stage, l);
    }
    write_messages(out, bundle, l);
    write_timeline(out, &bundle.timeline, l);
    out.push_str("</section>");
}

fn write_response(out: &mut String, stage: &StageRecord, l: Language) {
    let Some(response) = &stage.response else {
        return;
    };
    let number = match stage.stage {
        Stage::One => 1,
        Stage::Two => 2,
    };
    let _ = write!(
        out,
        "<h3>{} {number}</h3><dl>",
        l.pick("Our response at stage", "Ein hymateb yng ngham")
    );
    row(
        out,
        l.pick("Date", "Dyddiad"),
        &long_date(response.responded_on, l),
    );
    row(
        out,
        l.pick("Decision", "Penderfyniad"),
        response.outcome.label(l),
    );
    row(
        out,
        l.pick("Reasons", "Rhesymau"),
        response.reasons.as_str(),
    );
    if !response.remedies.is_empty() {
        let remedies: Vec<&str> = response.remedies.iter().map(|r| r.described(l)).collect();
        row(out, l.pick("Remedies", "Unioni"), &remedies.join("; "));
    }
    if let Some(actions) = &response.outstanding_actions {
        row(
            out,
            l.pick("Actions still to do", "Camau i'w cymryd o hyd"),
            actions.as_str(),
        );
    }
    out.push_str("</dl>");
}

fn write_messages(out: &mut String, bundle: &BundleCase, l: Language) {
    let _ = write!(
        out,
        "<h3>{}</h3>",
        l.pick("Messages we sent you", "Negeseuon a anfonwyd atoch")
    );
    if bundle.messages.is_empty() {
        let _ = write!(out, "<p>{}</p>", l.pick("None.", "Dim."));
        return;
    }
    let _ = write!(
        out,
        "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        l.pick("Date", "Dyddiad"),
        l.pick("To", "At"),
        l.pick("Subject", "Pwnc")
    );
    for m in &bundle.messages {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            long_date(m.queued_at.date(), l),
            escape(&m.to.join(", ")),
            escape(&m.subject)
        );
    }
    out.push_str("</tbody></table>");
}

fn write_timeline(out: &mut String, timeline: &[CaseEvent], l: Language) {
    let _ = write!(
        out,
        "<h3>{}</h3><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        l.pick("What happened to your case", "Beth ddigwyddodd i'ch achos"),
        l.pick("Date", "Dyddiad"),
        l.pick("By", "Gan"),
        l.pick("What", "Beth")
    );
    for event in timeline {
        let who = match &event.actor {
            Actor::Officer(id) => id.0.clone(),
            Actor::Resident => l.pick("You", "Chi").to_owned(),
            Actor::System => l.pick("The council's system", "System y cyngor").to_owned(),
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            long_date(event.at.date(), l),
            escape(&who),
            escape(&describe(&event.action, l))
        );
    }
    out.push_str("</tbody></table>");
}

/// The event in a few words, with the free text it carries.
fn describe(action: &Action, l: Language) -> String {
    let with = |what: &str, text: &str| format!("{what}: {text}");
    match action {
        Action::Receive { .. } => l.pick("Received", "Wedi dod i law").into(),
        Action::Acknowledge { .. } => l.pick("Acknowledged", "Wedi'i gydnabod").into(),
        Action::Assign { officer } => with(l.pick("Assigned to", "Wedi'i neilltuo i"), &officer.0),
        Action::Respond { response } => with(
            l.pick("Response sent", "Ymateb wedi'i anfon"),
            response.outcome.label(l),
        ),
        Action::Extend { to, reason } => format!(
            "{} {}: {reason}",
            l.pick("Response date extended to", "Estynnwyd y dyddiad ymateb i"),
            long_date(*to, l)
        ),
        Action::Escalate { .. } => l
            .pick("Escalated to stage 2", "Wedi'i uwchgyfeirio i gam 2")
            .into(),
        Action::Close { .. } => l.pick("Closed", "Wedi cau").into(),
        Action::Withdraw { reason, .. } => {
            with(l.pick("Withdrawn", "Wedi'i dynnu'n ôl"), reason.as_str())
        }
        Action::NotAccept { reason, .. } => {
            with(l.pick("Not accepted", "Heb ei dderbyn"), reason.as_str())
        }
        Action::ReclassifyAsServiceRequest { reason } => with(
            l.pick(
                "Treated as a service request",
                "Wedi'i drin fel cais am wasanaeth",
            ),
            reason.as_str(),
        ),
        Action::PromoteToComplaint { .. } => l
            .pick("Treated as a complaint", "Wedi'i drin fel cwyn")
            .into(),
        Action::Note { text } => with(l.pick("Note", "Nodyn"), text.as_str()),
        Action::SendReminder { .. } => l.pick("Reminder to staff", "Nodyn atgoffa i staff").into(),
        Action::ReferToOmbudsman { .. } => l
            .pick(
                "Referred to the Ombudsman",
                "Wedi'i gyfeirio at yr Ombwdsmon",
            )
            .into(),
        Action::RecordOmbudsmanDecision { decision, .. } => with(
            l.pick("Ombudsman's decision", "Penderfyniad yr Ombwdsmon"),
            decision.label(),
        ),
        Action::PromiseAction {
            description, due, ..
        } => format!(
            "{} {}: {description}",
            l.pick("Action promised by", "Cam a addawyd erbyn"),
            long_date(*due, l)
        ),
        Action::CompleteAction { note, .. } => {
            with(l.pick("Action done", "Cam wedi'i gwblhau"), note.as_str())
        }
        Action::CloseOverridingActions { reason, .. } => {
            with(l.pick("Closed", "Wedi cau"), reason.as_str())
        }
        // The notes are about the resident, so they are theirs to see.
        Action::AgreeAdjustments { terms } => {
            let agreed = l.pick("Adjustments agreed", "Addasiadau wedi'u cytuno");
            match &terms.notes {
                Some(notes) => with(agreed, notes.as_str()),
                None => agreed.into(),
            }
        }
        Action::ReviewAdjustments { note, .. } => with(
            l.pick("Adjustments reviewed", "Addasiadau wedi'u hadolygu"),
            note.as_str(),
        ),
        Action::Anonymise { rule } => with(
            l.pick("Personal data removed", "Data personol wedi'i ddileu"),
            rule,
        ),
        Action::SubjectAccessExport {} => l
            .pick(
                "Your information was sent to you",
                "Anfonwyd eich gwybodaeth atoch",
            )
            .into(),
        // The reason is the officer's, about the resident's own data: theirs to see.
        Action::CorrectContactDetails { reason, .. } => with(
            l.pick(
                "Contact details corrected",
                "Manylion cyswllt wedi'u cywiro",
            ),
            reason.as_str(),
        ),
        Action::Redact { reason, .. } => with(
            l.pick("Text redacted", "Testun wedi'i ddileu"),
            reason.as_str(),
        ),
    }
}
