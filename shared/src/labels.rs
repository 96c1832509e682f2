//! The words people read for the domain's kinds, channels, statuses, outcomes, remedies
//! and Ombudsman decisions, written once for the messages, the report and the widget.
//!
//! Words residents read come in English and Welsh. The report is written in English only,
//! so the words only it shows (channels, Ombudsman decisions and the short names of
//! remedies) are English; they gain a Welsh form when something shows them in Welsh.

use crate::case::Status;
use crate::feedback::{Channel, Kind};
use crate::language::Language;
use crate::outcome::{OmbudsmanDecision, Outcome, Remedy};

impl Kind {
    /// "Complaint", "Cwyn": as a label.
    pub fn label(self, language: Language) -> &'static str {
        let (en, cy) = match self {
            Kind::Complaint => ("Complaint", "Cwyn"),
            Kind::ServiceRequest => ("Service request", "Cais am wasanaeth"),
            Kind::Comment => ("Comment", "Sylw"),
            Kind::Compliment => ("Compliment", "Canmoliaeth"),
        };
        language.pick(en, cy)
    }
}

impl Channel {
    /// "In person": how the feedback arrived, as the report shows it.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Web => "Web",
            Channel::Phone => "Phone",
            Channel::Email => "Email",
            Channel::Letter => "Letter",
            Channel::InPerson => "In person",
            Channel::MpOrCouncillor => "MP or councillor",
        }
    }
}

impl Status {
    /// "Acknowledged", "Wedi'i gydnabod".
    pub fn label(self, language: Language) -> &'static str {
        let (en, cy) = match self {
            Status::Received => ("Received", "Wedi dod i law"),
            Status::Acknowledged => ("Acknowledged", "Wedi'i gydnabod"),
            Status::Responded => ("Responded", "Wedi ymateb"),
            Status::Closed => ("Closed", "Wedi cau"),
            Status::Withdrawn => ("Withdrawn", "Wedi'i dynnu'n ôl"),
            Status::NotAccepted => ("Not accepted", "Heb ei dderbyn"),
        };
        language.pick(en, cy)
    }
}

impl Outcome {
    /// The decision as a label: "Upheld", "Cadarnhawyd".
    pub fn label(self, language: Language) -> &'static str {
        let (en, cy) = match self {
            Outcome::Upheld => ("Upheld", "Cadarnhawyd"),
            Outcome::PartlyUpheld => ("Partly upheld", "Cadarnhawyd yn rhannol"),
            Outcome::NotUpheld => ("Not upheld", "Ni chadarnhawyd"),
            Outcome::Withdrawn => ("Withdrawn", "Tynnwyd yn ôl"),
            Outcome::NotAccepted => ("Not accepted", "Heb ei derbyn"),
        };
        language.pick(en, cy)
    }
}

impl Remedy {
    /// The remedy's short name, as the report counts it: "Changed decision".
    pub fn label(self) -> &'static str {
        match self {
            Remedy::Apology => "Apology",
            Remedy::Acknowledgement => "Acknowledgement",
            Remedy::Explanation => "Explanation",
            Remedy::Action => "Action",
            Remedy::ChangedDecision => "Changed decision",
            Remedy::AmendedRecord => "Amended record",
            Remedy::FinancialRemedy => "Financial remedy",
            Remedy::ChangedPolicyOrPractice => "Changed policy or practice",
        }
    }

    /// What the remedy means to the complainant: "An apology", "Ymddiheuriad".
    pub fn described(self, language: Language) -> &'static str {
        let (en, cy) = match self {
            Remedy::Apology => ("An apology", "Ymddiheuriad"),
            Remedy::Acknowledgement => (
                "An acknowledgement that we got things wrong",
                "Cydnabyddiaeth ein bod wedi gwneud pethau'n anghywir",
            ),
            Remedy::Explanation => (
                "An explanation of what happened",
                "Esboniad o'r hyn a ddigwyddodd",
            ),
            Remedy::Action => ("Action to put things right", "Camau i unioni pethau"),
            Remedy::ChangedDecision => ("A changed decision", "Newid y penderfyniad"),
            Remedy::AmendedRecord => ("A corrected record", "Cywiro cofnod"),
            Remedy::FinancialRemedy => ("A financial remedy", "Taliad ariannol"),
            Remedy::ChangedPolicyOrPractice => (
                "A change to our policy or practice",
                "Newid i'n polisi neu ein harfer",
            ),
        };
        language.pick(en, cy)
    }
}

impl OmbudsmanDecision {
    /// "Fault with injustice": the decision as the report shows it.
    pub fn label(self) -> &'static str {
        match self {
            OmbudsmanDecision::NotInvestigated => "Not investigated",
            OmbudsmanDecision::PrematureReferredBack => "Premature (referred back)",
            OmbudsmanDecision::NoFault => "No fault",
            OmbudsmanDecision::FaultNoInjustice => "Fault without injustice",
            OmbudsmanDecision::FaultWithInjustice => "Fault with injustice",
            OmbudsmanDecision::Settled => "Settled",
        }
    }
}

/// A date as people write it: "Tuesday 1 December 2026", "Dydd Mawrth 1 Rhagfyr 2026".
pub fn long_date(date: time::Date, language: Language) -> String {
    format!(
        "{} {} {} {}",
        weekday_name(date.weekday(), language),
        date.day(),
        month_name(date.month(), language),
        date.year()
    )
}

/// A date without its weekday, as GOV.UK writes one a resident typed: "3 November 2026",
/// "3 Tachwedd 2026".
pub fn day_month_year(date: time::Date, language: Language) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month(), language),
        date.year()
    )
}

fn weekday_name(day: time::Weekday, language: Language) -> &'static str {
    use time::Weekday;
    let (en, cy) = match day {
        Weekday::Monday => ("Monday", "Dydd Llun"),
        Weekday::Tuesday => ("Tuesday", "Dydd Mawrth"),
        Weekday::Wednesday => ("Wednesday", "Dydd Mercher"),
        Weekday::Thursday => ("Thursday", "Dydd Iau"),
        Weekday::Friday => ("Friday", "Dydd Gwener"),
        Weekday::Saturday => ("Saturday", "Dydd Sadwrn"),
        Weekday::Sunday => ("Sunday", "Dydd Sul"),
    };
    language.pick(en, cy)
}

fn month_name(month: time::Month, language: Language) -> &'static str {
    use time::Month;
    let (en, cy) = match month {
        Month::January => ("January", "Ionawr"),
        Month::February => ("February", "Chwefror"),
        Month::March => ("March", "Mawrth"),
        Month::April => ("April", "Ebrill"),
        Month::May => ("May", "Mai"),
        Month::June => ("June", "Mehefin"),
        Month::July => ("July", "Gorffennaf"),
        Month::August => ("August", "Awst"),
        Month::September => ("September", "Medi"),
        Month::October => ("October", "Hydref"),
        Month::November => ("November", "Tachwedd"),
        Month::December => ("December", "Rhagfyr"),
    };
    language.pick(en, cy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// No two values of a type may read the same, in either language.
    fn distinct(labels: impl IntoIterator<Item = &'static str>) -> bool {
        let labels: Vec<_> = labels.into_iter().collect();
        labels.iter().collect::<BTreeSet<_>>().len() == labels.len()
    }

    #[test]
    fn dates_are_written_out_with_and_without_the_weekday() {
        let date = time::macros::date!(2026 - 11 - 03);
        assert_eq!(day_month_year(date, Language::En), "3 November 2026");
        assert_eq!(day_month_year(date, Language::Cy), "3 Tachwedd 2026");
        assert_eq!(long_date(date, Language::Cy), "Dydd Mawrth 3 Tachwedd 2026");
    }

    #[test]
    fn labels_are_distinct_in_both_languages() {
        for language in [Language::En, Language::Cy] {
            assert!(distinct(Kind::ALL.map(|k| k.label(language))));
            assert!(distinct(Outcome::ALL.map(|o| o.label(language))));
            assert!(distinct(Remedy::ALL.map(|r| r.described(language))));
        }
        assert!(distinct(Channel::ALL.map(Channel::label)));
        assert!(distinct(Remedy::ALL.map(Remedy::label)));
        assert!(distinct(
            OmbudsmanDecision::ALL.map(OmbudsmanDecision::label)
        ));
    }

    #[test]
    fn welsh_words_are_welsh() {
        assert_eq!(
            Kind::ServiceRequest.label(Language::Cy),
            "Cais am wasanaeth"
        );
        assert_eq!(
            Outcome::PartlyUpheld.label(Language::Cy),
            "Cadarnhawyd yn rhannol"
        );
        assert_eq!(Status::NotAccepted.label(Language::Cy), "Heb ei dderbyn");
        assert_eq!(Remedy::Apology.described(Language::Cy), "Ymddiheuriad");
    }

    #[test]
    fn the_report_and_the_messages_name_remedies_differently() {
        assert_eq!(Remedy::AmendedRecord.label(), "Amended record");
        assert_eq!(
            Remedy::AmendedRecord.described(Language::En),
            "A corrected record"
        );
    }
}
