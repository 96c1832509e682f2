//! When every action a response promised is done (Code 6.6): the letter telling the
//! resident, in their language, each action and when it was done; and, when the resident
//! gave no email address (or asked for post or phone), the task for the officer to tell
//! them another way, which carries no personal data.

use super::doc::Doc;
use super::message::{Built, Var};
use super::writer::Writer;
use crate::store::CaseRecord;

impl Writer<'_> {
    /// Each promised action as "what – done on date", in the order promised.
    fn done_lines(&self, record: &CaseRecord) -> Vec<String> {
        record
            .case
            .promised
            .iter()
            .map(|a| {
                let on = a.completed.as_ref().map(|c| self.date(c.on));
                match on {
                    Some(on) => self.s(
                        format!("{} – done on {on}", a.description),
                        format!("{} – wedi'i wneud ar {on}", a.description),
                    ),
                    None => a.description.clone(),
                }
            })
            .collect()
    }

    pub(super) fn actions_done(&self, record: &CaseRecord) -> Built {
        let case = &record.case;
        let reference = &case.reference;
        let mut vars = self.resident_vars(record, case.current_stage());
        let lines = self.done_lines(record);
        vars.insert("actions", Var::list(lines.clone()));
        let title = self.t(
            "We have done what we promised",
            "Rydym wedi gwneud yr hyn a addawyd gennym",
        );
        let mut doc = Doc::new(title);
        self.greeting(&mut doc, record);
        doc.para(self.s(
            format!(
                "When we responded to your complaint {reference} we told you what we would do to put things right. Everything we promised is now done."
            ),
            format!(
                "Pan wnaethom ymateb i'ch cwyn {reference} fe ddywedom wrthych beth y byddem yn ei wneud i unioni pethau. Mae popeth a addawyd gennym bellach wedi'i wneud."
            ),
        ));
        doc.heading(self.t("What we have done", "Beth rydym wedi'i wneud"));
        doc.list(lines);
        self.resident_close(
            &mut doc,
            record,
            ("Check progress online", "Gweld y cynnydd ar-lein"),
        );
        Built {
            subject: format!("{title} – {reference}"),
            doc,
            vars,
        }
    }

    /// To the case's officer: the resident is to be told, but not by email.
    pub(super) fn actions_done_by_post(&self, record: &CaseRecord) -> Built {
        let case = &record.case;
        let reference = &case.reference;
        let vars = self.case_vars(record, case.stage());
        let title = self.t(
            "Tell the resident the promised actions are done",
            "Dywedwch wrth y preswylydd fod y camau a addawyd wedi'u gwneud",
        );
        let mut doc = Doc::new(title);
        doc.para(self.s(
            format!(
                "Every action promised on case {reference} is done. We have no email address to tell the resident, or they asked us to write or phone."
            ),
            format!(
                "Mae pob cam a addawyd ar achos {reference} wedi'i wneud. Nid oes gennym gyfeiriad e-bost i ddweud wrth y preswylydd, neu fe ofynnon nhw i ni ysgrifennu neu ffonio."
            ),
        ));
        doc.para(self.t(
            "Open the case, preview the letter and send it to them by post, or tell them by phone, then add a note.",
            "Agorwch yr achos, edrychwch ar y llythyr a'i anfon atynt drwy'r post, neu dywedwch wrthynt dros y ffôn, yna ychwanegwch nodyn.",
        ));
        doc.facts(self.officer_facts(record));
        self.officer_close(&mut doc, ("Open the case", "Agor yr achos"));
        Built {
            subject: format!(
                "{}: {reference}",
                self.t("Tell the resident", "Dywedwch wrth y preswylydd")
            ),
            doc,
            vars,
        }
    }
}
