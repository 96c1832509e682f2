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
}
