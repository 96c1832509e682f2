//! Reasonable adjustments (Code 5.6) in officers' messages: the review reminder to the
//! case's officer, and the task that carries a resident's letter when it must not simply
//! be emailed (they asked for post or phone, or a format an officer has to produce).
//! The task carries the letter whole, for the officer to print, read out or rewrite; it
//! names no contact details: the officer finds them on the case.

use super::Rendered;
use super::doc::Doc;
use super::message::{Built, Var};
use super::writer::Writer;
use crate::store::CaseRecord;
use feedback_shared::case::Format;
use feedback_shared::contact::ContactMethod;
use time::Date;

impl Writer<'_> {
    pub(super) fn adjustments_review(&self, record: &CaseRecord, due: Date) -> Built {
        let reference = &record.case.reference;
        let mut vars = self.case_vars(record, record.case.stage());
        let date = self.date(due);
        vars.insert("due", Var::plain(date.clone()));
        let title = self.t(
            "Review the agreed adjustments",
            "Adolygu'r addasiadau a gytunwyd",
        );
        let mut doc = Doc::new(title);
        doc.para(self.s(
            format!(
                "The reasonable adjustments agreed with the resident on case {reference} are due for review on {date}."
            ),
            format!(
                "Mae'r addasiadau rhesymol a gytunwyd gyda'r preswylydd ar achos {reference} i'w hadolygu ar {date}."
            ),
        ));
        doc.para(self.t(
            "Ask the resident whether they still need them, then record the review on the case: kept, changed or ended, with the next review date.",
            "Gofynnwch i'r preswylydd a oes eu hangen arnynt o hyd, yna cofnodwch yr adolygiad ar yr achos: wedi'u cadw, wedi'u newid neu wedi dod i ben, gyda dyddiad yr adolygiad nesaf.",
        ));
        let mut facts = self.officer_facts(record);
        facts.push(self.fact("Review by", "Adolygu erbyn", date));
        doc.facts(facts);
        self.officer_close(&mut doc, ("Open the case", "Agor yr achos"));
        Built {
            subject: self.s(
                format!("Review adjustments: {reference}"),
                format!("Adolygu addasiadau: {reference}"),
            ),
            doc,
            vars,
        }
    }

    /// "Send this by post", "Phone the resident", "Send this by email": what to do.
    fn task_title(&self, contact: ContactMethod) -> &'static str {
        match contact {
            ContactMethod::Post => self.t(
                "Send this letter by post",
                "Anfonwch y llythyr hwn drwy'r post",
            ),
            ContactMethod::Phone => self.t(
                "Phone the resident with this message",
                "Ffoniwch y preswylydd gyda'r neges hon",
            ),
            ContactMethod::Email => self.t(
                "Send this message by email",
                "Anfonwch y neges hon drwy e-bost",
            ),
        }
    }

    pub(super) fn send_to_resident(
        &self,
        record: &CaseRecord,
        contact: ContactMethod,
        format: Format,
        letter: &Rendered,
    ) -> Built {
        let reference = &record.case.reference;
        let mut vars = self.case_vars(record, record.case.stage());
        vars.insert("letter", Var::plain(letter.text.clone()));
        let title = self.task_title(contact);
        let mut doc = Doc::new(title);
        doc.para(self.s(
            format!(
                "The resident on case {reference} is not to be emailed this message as it stands: the way they asked to hear from us is recorded on the case."
            ),
            format!(
                "Ni ddylid anfon y neges hon at y preswylydd ar achos {reference} drwy e-bost fel y mae: mae'r ffordd y gofynnon nhw i glywed gennym wedi'i chofnodi ar yr achos."
            ),
        ));
        let produce = match format {
            Format::Standard => None,
            Format::LargePrint => Some(self.t(
                "Produce it in large print first.",
                "Paratowch hi mewn print bras yn gyntaf.",
            )),
            Format::EasyRead => Some(self.t(
                "Produce it in easy read first.",
                "Paratowch hi mewn fformat hawdd ei ddeall yn gyntaf.",
            )),
        };
        if let Some(produce) = produce {
            doc.para(produce);
        }
        doc.para(self.t(
            "Open the case for their contact details, send it, then add a note to the case saying when.",
            "Agorwch yr achos i gael eu manylion cyswllt, anfonwch hi, yna ychwanegwch nodyn at yr achos yn dweud pryd.",
        ));
        doc.facts(self.officer_facts(record));
        doc.heading(self.s(
            format!("The message: {}", letter.subject),
            format!("Y neges: {}", letter.subject),
        ));
        doc.para(letter.text.clone());
        self.officer_close(&mut doc, ("Open the case", "Agor yr achos"));
        Built {
            subject: format!("{title}: {reference}"),
            doc,
            vars,
        }
    }
}
