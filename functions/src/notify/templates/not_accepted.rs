//! The letter to a resident whose complaint is not accepted into the complaints
//! procedure (one of the council's exclusions applies): that it will not be taken
//! forward under the procedure, the reason the officer gave, and that the resident may
//! still ask the Ombudsman to look at it, with the Ombudsman's details. The Code asks
//! that a refusal says why and names the Ombudsman route.

use super::doc::Doc;
use super::message::{Built, Var};
use super::words::ombudsman_details;
use super::writer::Writer;
use crate::store::CaseRecord;
use feedback_shared::case::RefusalGround;
use feedback_shared::policy::Model;

impl Writer<'_> {
    pub(super) fn not_accepted(&self, record: &CaseRecord) -> Built {
        let case = &record.case;
        let reference = &case.reference;
        let mut vars = self.resident_vars(record, case.stage1.as_ref());
        // The officer's reason, as recorded; empty only before the case is refused (a
        // preview of another action never renders this notice).
        let reason = case.closure_reason.clone().unwrap_or_default();
        vars.insert("reason", Var::paragraphs(reason.clone()));
        vars.insert(
            "decided_on",
            Var::plain(case.closed_on.map(|d| self.date(d)).unwrap_or_default()),
        );

        let title = self.t(
            "We cannot take your complaint forward",
            "Ni allwn fwrw ymlaen â'ch cwyn",
        );
        let mut doc = Doc::new(title);
        self.greeting(&mut doc, record);
        doc.para(self.t(
            "Thank you for your complaint. We have looked at it carefully and decided that we cannot take it forward under our complaints procedure.",
            "Diolch am eich cwyn. Rydym wedi edrych arni'n ofalus ac wedi penderfynu na allwn fwrw ymlaen â hi o dan ein gweithdrefn gwynion.",
        ));
        let mut facts = vec![
            self.fact("Reference", "Cyfeirnod", reference.to_string()),
            self.fact("Service", "Gwasanaeth", self.service(record)),
        ];
        if let Some(on) = case.closed_on {
            facts.push(self.fact("Date of decision", "Dyddiad y penderfyniad", self.date(on)));
        }
        doc.facts(facts);
        doc.heading(self.t(
            "Why we cannot take it forward",
            "Pam na allwn fwrw ymlaen â hi",
        ));
        doc.para(reason);
        if case.refusal_ground == Some(RefusalGround::OutOfTime) {
            doc.para(self.time_limit());
        }
        doc.heading(self.t(
            "If you disagree with our decision",
            "Os ydych yn anghytuno â'n penderfyniad",
        ));
        let ombudsman = ombudsman_details(self.council.ombudsman, self.lang).name;
        doc.para(self.s(
            format!(
                "You can ask the {ombudsman} to look into your complaint. The Ombudsman is independent and free to use."
            ),
            // Named in the address below: "i'r Ombwdsmon" reads right for every Ombudsman,
            // where the name itself would need a mutation after "i" for some.
            "Gallwch ofyn i'r Ombwdsmon ymchwilio i'ch cwyn. Mae'r Ombwdsmon yn annibynnol ac yn rhad ac am ddim.".to_owned(),
        ));
        self.ombudsman(&mut doc, &mut vars);
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

    /// The time limit as the council's model words it, for a complaint refused as out of
    /// time: the months are the council's own (a council may set other than its model's).
    fn time_limit(&self) -> String {
        let policy = &self.council.policy;
        let months = policy.time_limit_months;
        let (en, cy) = match policy.model {
            Model::Code => (
                "the Ombudsman’s Complaint Handling Code",
                "Cod Ymdrin â Chwynion yr Ombwdsmon",
            ),
            Model::Psow => (
                "the Public Services Ombudsman for Wales’s model complaints policy",
                "polisi cwynion enghreifftiol Ombwdsmon Gwasanaethau Cyhoeddus Cymru",
            ),
            Model::Spso => (
                "the Scottish Public Services Ombudsman’s model complaints handling procedure",
                "gweithdrefn enghreifftiol Ombwdsmon Gwasanaethau Cyhoeddus yr Alban ar gyfer ymdrin â chwynion",
            ),
        };
        self.s(
            format!(
                "Our complaints procedure follows {en}. It asks for a complaint to be made within {months} months of the matter, or of when you first knew about it. We can look at an older complaint if there is a good reason you could not make it sooner."
            ),
            format!(
                "Mae ein gweithdrefn gwynion yn dilyn {cy}. Mae’n gofyn i gŵyn gael ei gwneud o fewn {months} mis i’r mater, neu i’r adeg y daethoch yn ymwybodol ohono. Gallwn edrych ar gŵyn hŷn os oes rheswm da pam na allech ei gwneud yn gynt."
            ),
        )
    }
}
