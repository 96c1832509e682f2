//! The stage responses to a complaint: the decision, its reasons and remedies, what will
//! happen next, and how to take it further (stage 2 after stage 1, the Ombudsman after
//! stage 2).

use super::doc::Doc;
use super::message::{Built, Var, Vars};
use super::words::{outcome_sentence, stage_label};
use super::writer::{Writer, stage_record};
use crate::store::CaseRecord;
use feedback_shared::case::ResponseDetails;
use feedback_shared::{Reference, Stage};
use time::Date;

/// The link at the end of a message, in English and Welsh.
type LinkLabel = (&'static str, &'static str);

impl Writer<'_> {
    pub(super) fn response(
        &self,
        record: &CaseRecord,
        stage: Stage,
        escalate_by: Option<Date>,
    ) -> Built {
        let reference = &record.case.reference;
        let stage_rec = stage_record(&record.case, stage);
        let response = stage_rec.and_then(|s| s.response.as_ref());
        let mut vars = self.resident_vars(record, stage_rec);
        let final_stage = stage == Stage::Two;
        let mut doc = self.response_opening(record, stage, response);
        self.decision(&mut doc, &mut vars, response);
        let link = if final_stage {
            self.after_final_response(&mut doc, &mut vars)
        } else {
            self.after_stage1_response(&mut doc, &mut vars, reference, escalate_by)
        };
        self.resident_close(&mut doc, record, link);
        let subject = if final_stage {
            self.t(
                "Our final response to your complaint (stage 2)",
                "Ein hymateb terfynol i'ch cwyn (cam 2)",
            )
        } else {
            self.t(
                "Our stage 1 response to your complaint",
                "Ein hymateb cam 1 i'ch cwyn",
            )
        };
        Built {
            subject: format!("{subject} – {reference}"),
            doc,
            vars,
        }
    }

    /// The title, the greeting, which response this is, and its facts.
    fn response_opening(
        &self,
        record: &CaseRecord,
        stage: Stage,
        response: Option<&ResponseDetails>,
    ) -> Doc {
        let final_stage = stage == Stage::Two;
        let title = if final_stage {
            self.t(
                "Our final response to your complaint",
                "Ein hymateb terfynol i'ch cwyn",
            )
        } else {
            self.t("Our response to your complaint", "Ein hymateb i'ch cwyn")
        };
        let mut doc = Doc::new(title);
        self.greeting(&mut doc, record);
        if final_stage {
            doc.para(self.t(
                "This is our final response to your complaint, at stage 2 of our complaints procedure. It was reviewed by an officer who was not involved at stage 1.",
                "Dyma ein hymateb terfynol i'ch cwyn, yng ngham 2 ein gweithdrefn gwynion. Cafodd ei hadolygu gan swyddog nad oedd yn rhan o gam 1.",
            ));
        } else {
            doc.para(self.t(
                "This is our response to your complaint at stage 1 of our complaints procedure.",
                "Dyma ein hymateb i'ch cwyn yng ngham 1 ein gweithdrefn gwynion.",
            ));
        }
        let mut facts = vec![
            self.fact("Reference", "Cyfeirnod", record.case.reference.to_string()),
            self.fact("Service", "Gwasanaeth", self.service(record)),
            self.fact("Stage", "Cam", stage_label(stage, self.lang)),
        ];
        if let Some(r) = response {
            facts.push(self.fact(
                "Date of response",
                "Dyddiad yr ymateb",
                self.date(r.responded_on),
            ));
            facts.push(self.fact("Decision", "Penderfyniad", r.outcome.label(self.lang)));
        }
        doc.facts(facts);
        doc
    }

    /// The decision, its reasons, the remedies and any outstanding actions, with their
    /// placeholders (empty while the stage has no response).
    fn decision(&self, doc: &mut Doc, vars: &mut Vars, response: Option<&ResponseDetails>) {
        let Some(r) = response else {
            for name in [
                "outcome",
                "reasons",
                "remedies",
                "outstanding_actions",
                "responded_on",
            ] {
                vars.insert(name, Var::plain(""));
            }
            return;
        };
        doc.heading(self.t("Our decision", "Ein penderfyniad"));
        doc.para(outcome_sentence(r.outcome, self.lang));
        doc.heading(self.t(
            "The reasons for our decision",
            "Y rhesymau dros ein penderfyniad",
        ));
        doc.para(r.reasons.as_str());
        let remedies: Vec<String> = r
            .remedies
            .iter()
            .map(|m| m.described(self.lang).to_owned())
            .collect();
        if !remedies.is_empty() {
            doc.heading(self.t(
                "What we will do to put things right",
                "Beth y byddwn yn ei wneud i unioni pethau",
            ));
            doc.list(remedies.clone());
        }
        if let Some(actions) = &r.outstanding_actions {
            doc.heading(self.t(
                "What will happen next, and by when",
                "Beth fydd yn digwydd nesaf, ac erbyn pryd",
            ));
            doc.para(actions.as_str());
            doc.para(self.t(
                "We will keep you informed until these actions are complete.",
                "Byddwn yn rhoi'r wybodaeth ddiweddaraf i chi nes bydd y camau hyn wedi'u cwblhau.",
            ));
        }
        vars.insert("outcome", Var::plain(r.outcome.label(self.lang)));
        vars.insert("reasons", Var::paragraphs(r.reasons.as_str()));
        vars.insert("remedies", Var::list(remedies));
        vars.insert(
            "outstanding_actions",
            Var::paragraphs(
                r.outstanding_actions
                    .as_ref()
                    .map(|a| a.as_str())
                    .unwrap_or(""),
            ),
        );
        vars.insert("responded_on", Var::plain(self.date(r.responded_on)));
    }

    /// After stage 2: the procedure is over, and the Ombudsman is next.
    fn after_final_response(&self, doc: &mut Doc, vars: &mut Vars) -> LinkLabel {
        doc.heading(self.t(
            "If you are still not satisfied",
            "Os ydych yn dal yn anfodlon",
        ));
        doc.para(self.t(
            "This is our final response: our complaints procedure is now complete. If you are still not satisfied, you can ask the Ombudsman to look into your complaint. The Ombudsman is independent and free to use.",
            "Dyma ein hymateb terfynol: mae ein gweithdrefn gwynion bellach wedi dod i ben. Os ydych yn dal yn anfodlon, gallwch ofyn i'r Ombwdsmon ymchwilio i'ch cwyn. Mae'r Ombwdsmon yn annibynnol ac yn rhad ac am ddim.",
        ));
        self.ombudsman(doc, vars);
        ("Check progress online", "Gweld y cynnydd ar-lein")
    }

    /// After stage 1: how, and by when, to ask for stage 2.
    fn after_stage1_response(
        &self,
        doc: &mut Doc,
        vars: &mut Vars,
        reference: &Reference,
        escalate_by: Option<Date>,
    ) -> LinkLabel {
        doc.heading(self.t("If you are not satisfied", "Os nad ydych yn fodlon"));
        doc.para(self.t(
            "You can ask for your complaint to be considered at stage 2 of our complaints procedure. A different officer, who was not involved at stage 1, will review it. You do not need to give a reason.",
            "Gallwch ofyn i'ch cwyn gael ei hystyried yng ngham 2 ein gweithdrefn gwynion. Bydd swyddog gwahanol, nad oedd yn rhan o gam 1, yn ei hadolygu. Nid oes angen i chi roi rheswm.",
        ));
        if let Some(by) = escalate_by {
            let by = self.date(by);
            doc.para(self.s(
                format!("Please ask by {by}."),
                format!("Gofynnwch erbyn {by}."),
            ));
        }
        doc.para(self.s(
            format!(
                "To ask, reply to this message or contact us, quoting your reference {reference}."
            ),
            format!(
                "I ofyn, atebwch y neges hon neu cysylltwch â ni, gan nodi eich cyfeirnod {reference}."
            ),
        ));
        vars.insert(
            "escalate_by",
            Var::plain(escalate_by.map(|d| self.date(d)).unwrap_or_default()),
        );
        (
            "Ask for stage 2 or check progress online",
            "Gofyn am gam 2 neu weld y cynnydd ar-lein",
        )
    }
}
