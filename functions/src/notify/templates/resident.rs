//! What residents are told: their feedback is received (and, for a complaint, logged at
//! stage 1), their stage 2 request is logged, and the response date moved; and what
//! every resident message shares (greeting, names, closing, the Ombudsman's details).
//! The stage responses are in `response.rs`. Each states what the Complaint Handling
//! Code requires, and nothing internal.

use super::doc::Doc;
use super::message::{Built, Var, Vars};
use super::words::{at_stage, ombudsman_details, stage_label, the_kind};
use super::writer::{Writer, names};
use crate::store::CaseRecord;
use feedback_shared::case::{Extension, StageRecord};
use feedback_shared::{Kind, Language, Stage};

impl Writer<'_> {
    /// A resident notice's placeholders: the case's, the names and the stage's dates.
    pub(super) fn resident_vars(&self, record: &CaseRecord, stage: Option<&StageRecord>) -> Vars {
        let mut vars = self.case_vars(record, stage.map(|s| s.stage));
        let (name, represented) = names(record);
        vars.insert("name", Var::plain(name.unwrap_or("")));
        vars.insert("represented_name", Var::plain(represented.unwrap_or("")));
        self.stage_date_vars(&mut vars, stage);
        vars
    }

    /// "Dear Ann Jones," and, for a representative, whom the complaint is for.
    pub(super) fn greeting(&self, doc: &mut Doc, record: &CaseRecord) {
        let (name, represented) = names(record);
        doc.para(match name {
            Some(name) => self.s(format!("Dear {name},"), format!("Annwyl {name},")),
            None => self.t("Hello,", "Helo,").to_owned(),
        });
        if let Some(represented) = represented {
            let kind = record.case.kind;
            doc.para(self.s(
                format!(
                    "This is about {} you made for {represented}.",
                    the_kind(kind, Language::En)
                ),
                format!(
                    "Mae hyn ynghylch {} a wnaethoch ar ran {represented}.",
                    the_kind(kind, Language::Cy)
                ),
            ));
        }
    }

    /// The links and the signature at the end of a resident message.
    pub(super) fn resident_close(
        &self,
        doc: &mut Doc,
        record: &CaseRecord,
        status_label: (&str, &str),
    ) {
        let reference = &record.case.reference;
        doc.heading(self.t("Contact us", "Cysylltu â ni"));
        doc.para(self.s(
            format!("Please quote your reference {reference} whenever you contact us."),
            format!("Nodwch eich cyfeirnod {reference} bob tro y byddwch yn cysylltu â ni."),
        ));
        doc.link(self.t(status_label.0, status_label.1), self.status_url);
        doc.link(
            self.t("Contact us", "Cysylltu â ni"),
            self.council.contact_page_url.as_deref(),
        );
        doc.para(format!(
            "{}\n{}\n{}",
            self.t("Yours sincerely,", "Yn gywir,"),
            self.t("Complaints team", "Tîm Cwynion"),
            self.council_name()
        ));
    }

    /// The Ombudsman's details as facts, and their placeholders.
    pub(super) fn ombudsman(&self, doc: &mut Doc, vars: &mut Vars) {
        let o = ombudsman_details(self.council.ombudsman, self.lang);
        doc.facts(vec![
            self.fact("Address", "Cyfeiriad", o.address.clone()),
            self.fact("Phone", "Ffôn", o.phone),
        ]);
        vars.insert("ombudsman", Var::plain(o.name));
        vars.insert("ombudsman_address", Var::plain(o.address));
        vars.insert("ombudsman_phone", Var::plain(o.phone));
    }

    pub(super) fn acknowledgement(&self, record: &CaseRecord) -> Built {
        let case = &record.case;
        let reference = &case.reference;
        let stage = case
            .stage1
            .as_ref()
            .filter(|_| case.kind == Kind::Complaint);
        let vars = self.resident_vars(record, stage);
        let Some(stage) = stage else {
            return self.receipt(record, vars);
        };
        let title = self.t(
            "We have received your complaint",
            "Rydym wedi cael eich cwyn",
        );
        let mut doc = Doc::new(title);
        self.greeting(&mut doc, record);
        doc.para(self.t(
            "Thank you for telling us about your concerns. We have logged your complaint at stage 1 of our complaints procedure.",
            "Diolch am roi gwybod i ni am eich pryderon. Rydym wedi cofnodi eich cwyn yng ngham 1 ein gweithdrefn gwynion.",
        ));
        let mut facts = vec![
            self.fact("Reference", "Cyfeirnod", reference.to_string()),
            self.fact("Service", "Gwasanaeth", self.service(record)),
            self.fact("Stage", "Cam", stage_label(Stage::One, self.lang)),
            self.fact("Received", "Dyddiad derbyn", self.date(stage.started_on)),
        ];
        match stage.acknowledged_on {
            Some(on) => facts.push(self.fact("Acknowledged", "Dyddiad cydnabod", self.date(on))),
            None => facts.push(self.fact(
                "Acknowledge by",
                "Cydnabod erbyn",
                self.date(stage.acknowledge_by),
            )),
        }
        facts.push(self.fact("Respond by", "Ymateb erbyn", self.date(stage.respond_by)));
        if let Some(code) = self.status_code {
            facts.push(self.fact(
                "Code to check progress",
                "Cod i wirio'r cynnydd",
                code.to_owned(),
            ));
        }
        doc.facts(facts);
        doc.heading(self.t("What happens next", "Beth sy'n digwydd nesaf"));
        if stage.acknowledged_on.is_none() {
            let by = self.date(stage.acknowledge_by);
            doc.para(self.s(
                format!("We will formally acknowledge your complaint by {by}."),
                format!("Byddwn yn cydnabod eich cwyn yn ffurfiol erbyn {by}."),
            ));
        }
        doc.para(self.t(
            "An officer will look into your complaint. We may contact you if we need more information.",
            "Bydd swyddog yn ymchwilio i'ch cwyn. Efallai y byddwn yn cysylltu â chi os bydd angen rhagor o wybodaeth arnom.",
        ));
        let by = self.date(stage.respond_by);
        doc.para(self.s(
            format!(
                "We will send you our response by {by}. If we need more time, we will tell you why and give you a new date."
            ),
            format!(
                "Byddwn yn anfon ein hymateb atoch erbyn {by}. Os bydd angen mwy o amser arnom, byddwn yn dweud wrthych pam ac yn rhoi dyddiad newydd i chi."
            ),
        ));
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

    /// The acknowledgement of a comment, compliment or service request.
    pub(super) fn receipt(&self, record: &CaseRecord, vars: Vars) -> Built {
        let case = &record.case;
        let reference = &case.reference;
        let (title, body) = match case.kind {
            Kind::Compliment => (
                self.t("Thank you for your compliment", "Diolch am eich canmoliaeth"),
                self.t(
                    "We have passed your compliment to the team and their manager.",
                    "Rydym wedi anfon eich canmoliaeth at y tîm a'i reolwr.",
                ),
            ),
            Kind::Comment => (
                self.t("Thank you for your comment", "Diolch am eich sylw"),
                self.t(
                    "We have passed your comment to the service concerned.",
                    "Rydym wedi anfon eich sylw at y gwasanaeth perthnasol.",
                ),
            ),
            Kind::ServiceRequest | Kind::Complaint => (
                self.t("We have received your request", "Rydym wedi cael eich cais"),
                self.t(
                    "We have passed your request to the service concerned, who will deal with it. If you are unhappy with how we deal with it, you can make a complaint.",
                    "Rydym wedi anfon eich cais at y gwasanaeth perthnasol, a fydd yn delio ag ef. Os ydych yn anfodlon â'r ffordd rydym yn delio ag ef, gallwch wneud cwyn.",
                ),
            ),
        };
        let mut doc = Doc::new(title);
        self.greeting(&mut doc, record);
        doc.para(body);
        doc.facts(vec![
            self.fact("Reference", "Cyfeirnod", reference.to_string()),
            self.fact("Type", "Math", case.kind.label(self.lang)),
            self.fact("Service", "Gwasanaeth", self.service(record)),
            self.fact("Received", "Dyddiad derbyn", self.date(case.received_on())),
        ]);
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

    pub(super) fn escalation_received(&self, record: &CaseRecord) -> Built {
        let reference = &record.case.reference;
        let stage = record.case.stage2.as_ref();
        let vars = self.resident_vars(record, stage);
        let title = self.t(
            "We have received your request for stage 2",
            "Rydym wedi cael eich cais am gam 2",
        );
        let mut doc = Doc::new(title);
        self.greeting(&mut doc, record);
        doc.para(self.t(
            "Thank you for asking us to look at your complaint again. We have logged your request at stage 2 of our complaints procedure.",
            "Diolch am ofyn i ni edrych ar eich cwyn eto. Rydym wedi cofnodi eich cais yng ngham 2 ein gweithdrefn gwynion.",
        ));
        doc.para(self.t(
            "A different officer, who was not involved at stage 1, will review your complaint.",
            "Bydd swyddog gwahanol, nad oedd yn rhan o gam 1, yn adolygu eich cwyn.",
        ));
        let mut facts = vec![
            self.fact("Reference", "Cyfeirnod", reference.to_string()),
            self.fact("Service", "Gwasanaeth", self.service(record)),
            self.fact("Stage", "Cam", stage_label(Stage::Two, self.lang)),
        ];
        if let Some(stage) = stage {
            facts.push(self.fact(
                "Request received",
                "Dyddiad y cais",
                self.date(stage.started_on),
            ));
            facts.push(match stage.acknowledged_on {
                Some(on) => self.fact("Acknowledged", "Dyddiad cydnabod", self.date(on)),
                None => self.fact(
                    "Acknowledge by",
                    "Cydnabod erbyn",
                    self.date(stage.acknowledge_by),
                ),
            });
            facts.push(self.fact("Respond by", "Ymateb erbyn", self.date(stage.respond_by)));
        }
        doc.facts(facts);
        doc.heading(self.t("What happens next", "Beth sy'n digwydd nesaf"));
        if let Some(stage) = stage {
            let by = self.date(stage.respond_by);
            doc.para(self.s(
                format!("We will send you our stage 2 response by {by}."),
                format!("Byddwn yn anfon ein hymateb cam 2 atoch erbyn {by}."),
            ));
        }
        doc.para(self.t(
            "This will be our final response to your complaint. If we need more time, we will tell you why and give you a new date.",
            "Hwn fydd ein hymateb terfynol i'ch cwyn. Os bydd angen mwy o amser arnom, byddwn yn dweud wrthych pam ac yn rhoi dyddiad newydd i chi.",
        ));
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

    pub(super) fn extension(&self, record: &CaseRecord, extension: &Extension) -> Built {
        let case = &record.case;
        let reference = &case.reference;
        let stage = [case.stage2.as_ref(), case.stage1.as_ref()]
            .into_iter()
            .flatten()
            .find(|s| s.extensions.contains(extension))
            .or(case.current_stage());
        let previous = stage.map(|s| match s.extensions.iter().position(|e| e == extension) {
            Some(0) | None => s.original_respond_by,
            Some(i) => s.extensions[i - 1].to,
        });
        let mut vars = self.resident_vars(record, stage);
        vars.insert("new_date", Var::plain(self.date(extension.to)));
        vars.insert(
            "previous_date",
            Var::plain(previous.map(|d| self.date(d)).unwrap_or_default()),
        );
        vars.insert("reason", Var::paragraphs(extension.reason.clone()));

        let title = self.t(
            "We need more time to respond to your complaint",
            "Mae angen mwy o amser arnom i ymateb i'ch cwyn",
        );
        let mut doc = Doc::new(title);
        self.greeting(&mut doc, record);
        let at = stage
            .map(|s| format!(" {}", at_stage(s.stage, self.lang)))
            .unwrap_or_default();
        doc.para(self.s(
            format!(
                "We are sorry, but we cannot respond to your complaint{at} by the date we gave you."
            ),
            format!(
                "Mae'n ddrwg gennym, ond ni allwn ymateb i'ch cwyn{at} erbyn y dyddiad a roesom i chi."
            ),
        ));
        doc.heading(self.t("Why we need more time", "Pam mae angen mwy o amser arnom"));
        doc.para(extension.reason.clone());
        doc.heading(self.t("Our new date", "Ein dyddiad newydd"));
        let to = self.date(extension.to);
        doc.para(self.s(
            format!("We will now send you our response by {to}."),
            format!("Byddwn nawr yn anfon ein hymateb atoch erbyn {to}."),
        ));
        let mut facts = vec![self.fact("Reference", "Cyfeirnod", reference.to_string())];
        if let Some(stage) = stage {
            facts.push(self.fact("Stage", "Cam", stage_label(stage.stage, self.lang)));
        }
        if let Some(previous) = previous {
            facts.push(self.fact("Previous date", "Dyddiad blaenorol", self.date(previous)));
        }
        facts.push(self.fact("New date", "Dyddiad newydd", to));
        doc.facts(facts);
        doc.heading(self.t(
            "If you are unhappy about the delay",
            "Os ydych yn anfodlon â'r oedi",
        ));
        doc.para(self.t(
            "If you are unhappy about this extension, you can contact the Ombudsman, which is independent and free to use:",
            "Os ydych yn anfodlon â'r estyniad hwn, gallwch gysylltu â'r Ombwdsmon, sy'n annibynnol ac yn rhad ac am ddim:",
        ));
        self.ombudsman(&mut doc, &mut vars);
        self.resident_close(
            &mut doc,
            record,
            ("Check progress online", "Gweld y cynnydd ar-lein"),
        );
        Built {
            subject: format!(
                "{} – {reference}",
                self.t(
                    "We need more time to respond",
                    "Mae angen mwy o amser arnom i ymateb"
                )
            ),
            doc,
            vars,
        }
    }
}
