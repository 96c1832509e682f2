//! The words every template shares, in English and Welsh: dates, stages, deadlines,
//! decisions as sentences and the Ombudsmen's names. The labels of kinds, statuses,
//! outcomes and remedies are the domain's own (`feedback_shared::labels`).

use crate::config::CouncilConfig;
use feedback_shared::outcome::Ombudsman;
use feedback_shared::reminders::DeadlineKind;
use feedback_shared::{Kind, Language, Outcome, Stage};

// Dates are written as the console writes them in a template's text too.
pub use feedback_shared::labels::long_date;

/// The council's name in the language: its Welsh name when it has one.
pub(super) fn council_name(council: &CouncilConfig, language: Language) -> &str {
    match (language, &council.name_cy) {
        (Language::Cy, Some(cy)) if !cy.trim().is_empty() => cy,
        _ => &council.name,
    }
}

/// The service's name in the language, or its id if the council no longer lists it.
pub(super) fn service_name<'c>(
    council: &'c CouncilConfig,
    id: &'c str,
    language: Language,
) -> &'c str {
    match council.services.iter().find(|s| s.id == id) {
        Some(s) => match (language, &s.name_cy) {
            (Language::Cy, Some(cy)) if !cy.trim().is_empty() => cy,
            _ => &s.name,
        },
        None => id,
    }
}

/// "the complaint", "y gŵyn" (with the mutation the article brings).
pub(super) fn the_kind(kind: Kind, language: Language) -> &'static str {
    let (en, cy) = match kind {
        Kind::Complaint => ("the complaint", "y gŵyn"),
        Kind::ServiceRequest => ("the service request", "y cais am wasanaeth"),
        Kind::Comment => ("the comment", "y sylw"),
        Kind::Compliment => ("the compliment", "y ganmoliaeth"),
    };
    language.pick(en, cy)
}

/// "Stage 1", "Cam 1".
pub(super) fn stage_label(stage: Stage, language: Language) -> String {
    format!("{} {}", language.pick("Stage", "Cam"), stage.number())
}

/// "at stage 1", "yng ngham 1".
pub(super) fn at_stage(stage: Stage, language: Language) -> String {
    format!(
        "{} {}",
        language.pick("at stage", "yng ngham"),
        stage.number()
    )
}

/// The decision as a sentence to the complainant.
pub(super) fn outcome_sentence(outcome: Outcome, language: Language) -> &'static str {
    let (en, cy) = match outcome {
        Outcome::Upheld => (
            "We have upheld your complaint: we agree that we got things wrong.",
            "Rydym wedi cadarnhau eich cwyn: rydym yn cytuno ein bod wedi gwneud pethau'n anghywir.",
        ),
        Outcome::PartlyUpheld => (
            "We have partly upheld your complaint: we agree that we got some things wrong, but not all of them.",
            "Rydym wedi cadarnhau eich cwyn yn rhannol: rydym yn cytuno ein bod wedi gwneud rhai pethau'n anghywir, ond nid y cyfan.",
        ),
        Outcome::NotUpheld => (
            "We have not upheld your complaint: we do not find that we got things wrong.",
            "Nid ydym wedi cadarnhau eich cwyn: nid ydym o'r farn ein bod wedi gwneud pethau'n anghywir.",
        ),
        Outcome::Withdrawn => (
            "Your complaint has been withdrawn.",
            "Mae eich cwyn wedi'i thynnu'n ôl.",
        ),
        Outcome::NotAccepted => (
            "We have not accepted your complaint into our complaints procedure.",
            "Nid ydym wedi derbyn eich cwyn i'n gweithdrefn gwynion.",
        ),
    };
    language.pick(en, cy)
}

/// "Acknowledge by", "Cydnabod erbyn".
pub(super) fn deadline_label(deadline: DeadlineKind, language: Language) -> &'static str {
    let (en, cy) = match deadline {
        DeadlineKind::Acknowledge => ("Acknowledge by", "Cydnabod erbyn"),
        DeadlineKind::Respond => ("Respond by", "Ymateb erbyn"),
        DeadlineKind::CompleteAction => (
            "Complete the promised action by",
            "Cwblhau'r cam a addawyd erbyn",
        ),
        DeadlineKind::ReviewAdjustments => {
            ("Review the adjustments by", "Adolygu'r addasiadau erbyn")
        }
    };
    language.pick(en, cy)
}

/// "the acknowledgement", "y gydnabyddiaeth".
pub(super) fn the_deadline(deadline: DeadlineKind, language: Language) -> &'static str {
    let (en, cy) = match deadline {
        DeadlineKind::Acknowledge => ("the acknowledgement", "y gydnabyddiaeth"),
        DeadlineKind::Respond => ("the response", "yr ymateb"),
        DeadlineKind::CompleteAction => ("the promised action", "y cam a addawyd"),
        DeadlineKind::ReviewAdjustments => ("the adjustments review", "adolygiad yr addasiadau"),
    };
    language.pick(en, cy)
}

/// The Ombudsman's name, postal address (with the name) and phone number.
pub(super) struct OmbudsmanDetails {
    pub name: String,
    pub address: String,
    pub phone: &'static str,
}

pub(super) fn ombudsman_details(ombudsman: Ombudsman, language: Language) -> OmbudsmanDetails {
    let (address, phone) = ombudsman.contact();
    let (name_en, rest) = address.split_once(", ").unwrap_or((address, ""));
    let name_cy = ombudsman.name(Language::Cy);
    match language {
        Language::En => OmbudsmanDetails {
            name: name_en.to_owned(),
            address: address.to_owned(),
            phone,
        },
        Language::Cy => OmbudsmanDetails {
            name: name_cy.to_owned(),
            address: if rest.is_empty() {
                name_cy.to_owned()
            } else {
                format!("{name_cy}, {rest}")
            },
            phone,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_are_written_out_in_both_languages() {
        let d = date!(2026 - 12 - 01);
        assert_eq!(long_date(d, Language::En), "Tuesday 1 December 2026");
        assert_eq!(long_date(d, Language::Cy), "Dydd Mawrth 1 Rhagfyr 2026");
        assert_eq!(
            long_date(date!(2027 - 03 - 07), Language::Cy),
            "Dydd Sul 7 Mawrth 2027"
        );
    }

    #[test]
    fn welsh_ombudsman_keeps_the_postal_address() {
        let d = ombudsman_details(Ombudsman::Lgsco, Language::Cy);
        assert_eq!(
            d.address,
            "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol, PO Box 4771, Coventry CV4 0EH"
        );
        assert_eq!(d.phone, "0300 061 0614");
    }
}
