//! The words of every message, in English and Welsh: to residents (acknowledgement,
//! stage 2 request received, extension, stage responses) and to officers (assignment,
//! deadline reminders, overdue escalations, the daily digest).
//!
//! Each message is built once as a list of blocks and written out as plain text and as a
//! small accessible HTML document (`lang` set, one `<h1>`, `<h2>` sections, lists), so the
//! two carry the same facts. Everything typed by a person is HTML-escaped.
//!
//! Resident messages state what the Complaint Handling Code requires: the stage, the
//! dates, what happens next; for an extension the reason, the new date and the
//! Ombudsman's details; for a response the decision, the reasons, the remedies, any
//! outstanding actions and how (and by when) to escalate, or at stage 2 that it is final
//! and how to go to the Ombudsman. They never carry internal notes, officer names or
//! anyone else's data. Officer messages carry the reference, kind, service, stage and
//! deadline, but none of the resident's contact details or words.
//!
//! A council can replace any part of any message: see [`TemplateOverrides`], read with
//! the council's configuration.

mod doc;
mod words;

pub use feedback_shared::reminders::DeadlineKind;
pub use words::long_date;

use crate::config::CouncilConfig;
use crate::config::overrides::{self, Part, TemplateOverrides};
use crate::html::escape;
use crate::outbox::Email;
use crate::store::CaseRecord;
use doc::{Doc, html_document, list_html, paragraphs_html};
use feedback_shared::case::{Case, Extension, StageRecord, Status};
use feedback_shared::contact::Submitter;
use feedback_shared::{Kind, Language, Reference, Stage};
use std::collections::BTreeMap;
use time::Date;
use words::{
    at_stage, council_name, deadline_label, ombudsman_details, outcome_sentence, service_name,
    stage_label, the_deadline, the_kind,
};

/// A message to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice<'a> {
    /// To the resident: the complaint (or other feedback) is logged at stage 1; the
    /// reference, what happens next and the dates.
    Acknowledgement,
    /// To the resident: the stage 2 request is logged; the new dates, and that a
    /// different person will handle it.
    EscalationReceived,
    /// To the resident: the response date moved; the reason, the new date and the
    /// Ombudsman's details.
    Extension { extension: &'a Extension },
    /// To the resident: the stage's response. Stage 1 says how and by when to escalate
    /// (the date from [`TemplateContext::escalate_by`]); stage 2 that it is final and how
    /// to go to the Ombudsman.
    Response { stage: Stage },
    /// To an officer: a case was assigned to them.
    Assigned,
    /// To the handler: a deadline is coming up (or is today, when `working_days_left` is 0).
    Reminder {
        deadline: DeadlineKind,
        due: Date,
        working_days_left: u32,
    },
    /// To the complaints manager: a deadline has passed.
    Overdue {
        deadline: DeadlineKind,
        due: Date,
        working_days_overdue: u32,
    },
    /// To an officer: their open cases. The context's record is not used; see also
    /// [`render_digest`], which needs none.
    Digest { lines: &'a [DigestLine] },
}

/// Whom a notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Resident,
    Officer,
}

impl Notice<'_> {
    /// The notice's name in override file names: one of [`NOTICE_KEYS`].
    pub fn key(&self) -> &'static str {
        match self {
            Notice::Acknowledgement => "acknowledgement",
            Notice::EscalationReceived => "escalation-received",
            Notice::Extension { .. } => "extension",
            Notice::Response { stage: Stage::One } => "response-stage-1",
            Notice::Response { stage: Stage::Two } => "response-stage-2",
            Notice::Assigned => "assigned",
            Notice::Reminder { .. } => "reminder",
            Notice::Overdue { .. } => "overdue",
            Notice::Digest { .. } => "digest",
        }
    }

    pub fn audience(&self) -> Audience {
        match self {
            Notice::Acknowledgement
            | Notice::EscalationReceived
            | Notice::Extension { .. }
            | Notice::Response { .. } => Audience::Resident,
            Notice::Assigned
            | Notice::Reminder { .. }
            | Notice::Overdue { .. }
            | Notice::Digest { .. } => Audience::Officer,
        }
    }
}

/// One case in an officer's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestLine {
    pub reference: Reference,
    pub status: Status,
    pub next_due: Option<Date>,
}

/// A message written out: subject, plain text and HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Rendered {
    /// The message as an [`Email`] to queue in the outbox.
    pub fn into_email(
        self,
        id: impl Into<String>,
        from: impl Into<String>,
        to: Vec<String>,
        language: Language,
    ) -> Email {
        Email {
            id: id.into(),
            from: from.into(),
            to,
            subject: self.subject,
            text: self.text,
            html: self.html,
            language,
        }
    }
}

/// What a message is about.
#[derive(Debug, Clone, Copy)]
pub struct TemplateContext<'a> {
    pub council: &'a CouncilConfig,
    pub record: &'a CaseRecord,
    /// The last day to ask for stage 2, for a stage 1 response.
    pub escalate_by: Option<Date>,
    /// The link to put in the message: the resident's status page in resident notices,
    /// the case's page in the officers' app in officer notices.
    pub status_url: Option<&'a str>,
}

/// `notice` about `ctx.record`, in `language`, with the built-in wording.
pub fn render(notice: &Notice, ctx: &TemplateContext, language: Language) -> Rendered {
    render_with_overrides(notice, ctx, language, &TemplateOverrides::default())
}

/// `notice` in `language`, with any of the council's overrides applied.
pub fn render_with_overrides(
    notice: &Notice,
    ctx: &TemplateContext,
    language: Language,
    overrides: &TemplateOverrides,
) -> Rendered {
    let w = Writer {
        council: ctx.council,
        status_url: ctx.status_url,
        lang: language,
    };
    let built = match *notice {
        Notice::Acknowledgement => w.acknowledgement(ctx.record),
        Notice::EscalationReceived => w.escalation_received(ctx.record),
        Notice::Extension { extension } => w.extension(ctx.record, extension),
        Notice::Response { stage } => w.response(ctx.record, stage, ctx.escalate_by),
        Notice::Assigned => w.assigned(ctx.record),
        Notice::Reminder {
            deadline,
            due,
            working_days_left,
        } => w.reminder(ctx.record, deadline, due, working_days_left),
        Notice::Overdue {
            deadline,
            due,
            working_days_overdue,
        } => w.overdue(ctx.record, deadline, due, working_days_overdue),
        Notice::Digest { lines } => w.digest(lines),
    };
    finish(notice.key(), built, language, overrides)
}

/// An officer's digest of `lines`, needing no case record.
pub fn render_digest(
    council: &CouncilConfig,
    lines: &[DigestLine],
    status_url: Option<&str>,
    language: Language,
    overrides: &TemplateOverrides,
) -> Rendered {
    let w = Writer {
        council,
        status_url,
        lang: language,
    };
    finish("digest", w.digest(lines), language, overrides)
}

/// A placeholder's value as plain text and as HTML.
struct Var {
    text: String,
    html: String,
}

impl Var {
    fn plain(text: impl Into<String>) -> Var {
        let text = text.into();
        let html = escape(&text);
        Var { text, html }
    }

    /// Text that may run to several paragraphs.
    fn paragraphs(text: impl Into<String>) -> Var {
        let text = text.into();
        let html = paragraphs_html(&text);
        Var { text, html }
    }

    fn list(items: Vec<String>) -> Var {
        if items.is_empty() {
            return Var::plain("");
        }
        let text = items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let html = list_html(&items);
        Var { text, html }
    }
}

type Vars = BTreeMap<&'static str, Var>;

/// A message before it is written out.
struct Built {
    subject: String,
    doc: Doc,
    vars: Vars,
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn finish(key: &str, built: Built, language: Language, overrides: &TemplateOverrides) -> Rendered {
    let Built { subject, doc, vars } = built;
    let text_value = |name: &str, default: &str| -> Option<String> {
        if name == "default" {
            Some(default.to_owned())
        } else {
            vars.get(name).map(|v| v.text.clone())
        }
    };
    let subject = match overrides.get(key, language, Part::Subject) {
        Some(t) => one_line(&overrides::substitute(t, |n| text_value(n, &subject))),
        None => subject,
    };
    let default_text = doc.text();
    let text = match overrides.get(key, language, Part::Text) {
        Some(t) => overrides::substitute(t, |n| text_value(n, &default_text)),
        None => default_text,
    };
    let default_body = doc.html_body();
    let body = match overrides.get(key, language, Part::Html) {
        Some(t) => overrides::substitute(t, |n| {
            if n == "default" {
                Some(default_body.clone())
            } else {
                vars.get(n).map(|v| v.html.clone())
            }
        }),
        None => default_body,
    };
    let html = html_document(language, &subject, &body);
    Rendered {
        subject,
        text,
        html,
    }
}

/// Writes messages for one council in one language.
struct Writer<'a> {
    council: &'a CouncilConfig,
    status_url: Option<&'a str>,
    lang: Language,
}

/// The resident's name and whom they act for, if they gave a name.
fn names(record: &CaseRecord) -> (Option<&str>, Option<&str>) {
    match &record.details.submitter {
        Submitter::Anonymous => (None, None),
        Submitter::Identified(person) => (
            Some(person.contact.name.as_str()),
            person
                .representative
                .as_ref()
                .map(|r| r.represented_name.as_str()),
        ),
    }
}

fn stage_record(case: &Case, stage: Stage) -> Option<&StageRecord> {
    match stage {
        Stage::One => case.stage1.as_ref(),
        Stage::Two => case.stage2.as_ref(),
    }
}

impl Writer<'_> {
    fn t<'s>(&self, en: &'s str, cy: &'s str) -> &'s str {
        self.lang.pick(en, cy)
    }

    /// `en` or `cy`, owned (for formatted text).
    fn s(&self, en: String, cy: String) -> String {
        self.lang.pick(en, cy)
    }

    fn date(&self, date: Date) -> String {
        long_date(date, self.lang)
    }

    fn council_name(&self) -> &str {
        council_name(self.council, self.lang)
    }

    fn service(&self, record: &CaseRecord) -> String {
        service_name(self.council, &record.details.service, self.lang).to_owned()
    }

    fn fact(&self, en: &str, cy: &str, value: impl Into<String>) -> (String, String) {
        (self.t(en, cy).to_owned(), value.into())
    }

    /// The placeholders every notice has.
    fn common_vars(&self) -> Vars {
        let mut vars = Vars::new();
        vars.insert("council", Var::plain(self.council_name()));
        vars.insert("status_url", Var::plain(self.status_url.unwrap_or("")));
        vars.insert(
            "contact_page_url",
            Var::plain(self.council.contact_page_url.as_deref().unwrap_or("")),
        );
        vars
    }

    /// The placeholders of a notice about one case, at `stage` if it has one.
    fn case_vars(&self, record: &CaseRecord, stage: Option<Stage>) -> Vars {
        let mut vars = self.common_vars();
        let case = &record.case;
        vars.insert("reference", Var::plain(case.reference.to_string()));
        vars.insert("kind", Var::plain(case.kind.label(self.lang)));
        vars.insert("service", Var::plain(self.service(record)));
        vars.insert(
            "stage",
            Var::plain(stage.map(|s| stage_label(s, self.lang)).unwrap_or_default()),
        );
        vars.insert("status", Var::plain(case.status.label(self.lang)));
        vars
    }

    /// A resident notice's placeholders: the case's, the names and the stage's dates.
    fn resident_vars(&self, record: &CaseRecord, stage: Option<&StageRecord>) -> Vars {
        let mut vars = self.case_vars(record, stage.map(|s| s.stage));
        let (name, represented) = names(record);
        vars.insert("name", Var::plain(name.unwrap_or("")));
        vars.insert("represented_name", Var::plain(represented.unwrap_or("")));
        self.stage_date_vars(&mut vars, stage);
        vars
    }

    fn stage_date_vars(&self, vars: &mut Vars, stage: Option<&StageRecord>) {
        let date = |d: Option<Date>| Var::plain(d.map(|d| self.date(d)).unwrap_or_default());
        vars.insert("acknowledge_by", date(stage.map(|s| s.acknowledge_by)));
        vars.insert("respond_by", date(stage.map(|s| s.respond_by)));
    }

    /// "Dear Ann Jones," and, for a representative, whom the complaint is for.
    fn greeting(&self, doc: &mut Doc, record: &CaseRecord) {
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
    fn resident_close(&self, doc: &mut Doc, record: &CaseRecord, status_label: (&str, &str)) {
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
    fn ombudsman(&self, doc: &mut Doc, vars: &mut Vars) {
        let o = ombudsman_details(self.council.ombudsman, self.lang);
        doc.facts(vec![
            self.fact("Address", "Cyfeiriad", o.address.clone()),
            self.fact("Phone", "Ffôn", o.phone),
        ]);
        vars.insert("ombudsman", Var::plain(o.name));
        vars.insert("ombudsman_address", Var::plain(o.address));
        vars.insert("ombudsman_phone", Var::plain(o.phone));
    }

    fn acknowledgement(&self, record: &CaseRecord) -> Built {
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
    fn receipt(&self, record: &CaseRecord, vars: Vars) -> Built {
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

    fn escalation_received(&self, record: &CaseRecord) -> Built {
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

    fn extension(&self, record: &CaseRecord, extension: &Extension) -> Built {
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

    fn response(&self, record: &CaseRecord, stage: Stage, escalate_by: Option<Date>) -> Built {
        let reference = &record.case.reference;
        let stage_rec = stage_record(&record.case, stage);
        let response = stage_rec.and_then(|s| s.response.as_ref());
        let mut vars = self.resident_vars(record, stage_rec);
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
            self.fact("Reference", "Cyfeirnod", reference.to_string()),
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

        if let Some(r) = response {
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
        } else {
            for name in [
                "outcome",
                "reasons",
                "remedies",
                "outstanding_actions",
                "responded_on",
            ] {
                vars.insert(name, Var::plain(""));
            }
        }

        let link = if final_stage {
            doc.heading(self.t(
                "If you are still not satisfied",
                "Os ydych yn dal yn anfodlon",
            ));
            doc.para(self.t(
                "This is our final response: our complaints procedure is now complete. If you are still not satisfied, you can ask the Ombudsman to look into your complaint. The Ombudsman is independent and free to use.",
                "Dyma ein hymateb terfynol: mae ein gweithdrefn gwynion bellach wedi dod i ben. Os ydych yn dal yn anfodlon, gallwch ofyn i'r Ombwdsmon ymchwilio i'ch cwyn. Mae'r Ombwdsmon yn annibynnol ac yn rhad ac am ddim.",
            ));
            self.ombudsman(&mut doc, &mut vars);
            ("Check progress online", "Gweld y cynnydd ar-lein")
        } else {
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

    /// The facts every officer notice about a case starts with: no personal data.
    fn officer_facts(&self, record: &CaseRecord) -> Vec<(String, String)> {
        let case = &record.case;
        let mut facts = vec![
            self.fact("Reference", "Cyfeirnod", case.reference.to_string()),
            self.fact("Type", "Math", case.kind.label(self.lang)),
            self.fact("Service", "Gwasanaeth", self.service(record)),
        ];
        if let Some(stage) = case.stage() {
            facts.push(self.fact("Stage", "Cam", stage_label(stage, self.lang)));
        }
        facts.push(self.fact("Status", "Statws", case.status.label(self.lang)));
        facts.push(self.fact("Received", "Dyddiad derbyn", self.date(case.received_on())));
        facts
    }

    fn officer_close(&self, doc: &mut Doc, link: (&str, &str)) {
        doc.link(self.t(link.0, link.1), self.status_url);
        doc.para(format!(
            "{} – {}",
            self.t("Automatic message", "Neges awtomatig"),
            self.council_name()
        ));
    }

    /// "acknowledging", "cydnabod": the deadline as the object of "the deadline for".
    fn deadline_noun(&self, deadline: DeadlineKind) -> &'static str {
        match deadline {
            DeadlineKind::Acknowledge => self.t("acknowledging", "cydnabod"),
            DeadlineKind::Respond => self.t("responding to", "ymateb i"),
        }
    }

    fn assigned(&self, record: &CaseRecord) -> Built {
        let case = &record.case;
        let reference = &case.reference;
        let mut vars = self.case_vars(record, case.stage());
        self.stage_date_vars(&mut vars, case.current_stage());
        let title = self.t(
            "A case has been assigned to you",
            "Mae achos wedi'i neilltuo i chi",
        );
        let mut doc = Doc::new(title);
        doc.para(self.s(
            format!("Case {reference} has been assigned to you."),
            format!("Mae achos {reference} wedi'i neilltuo i chi."),
        ));
        if case.stage() == Some(Stage::Two) {
            doc.para(self.t(
                "This is a stage 2 review: it must be handled by someone who was not involved at stage 1.",
                "Adolygiad cam 2 yw hwn: rhaid iddo gael ei drin gan rywun nad oedd yn rhan o gam 1.",
            ));
        }
        let mut facts = self.officer_facts(record);
        if let Some(stage) = case.current_stage() {
            if stage.acknowledged_on.is_none() {
                facts.push(self.fact(
                    "Acknowledge by",
                    "Cydnabod erbyn",
                    self.date(stage.acknowledge_by),
                ));
            }
            if stage.response.is_none() {
                facts.push(self.fact("Respond by", "Ymateb erbyn", self.date(stage.respond_by)));
            }
        }
        doc.facts(facts);
        let adjustments = match &record.details.submitter {
            Submitter::Identified(p) => !p.adjustments.needs.is_empty(),
            Submitter::Anonymous => false,
        };
        if adjustments {
            doc.para(self.t(
                "The person has asked for reasonable adjustments: see the case.",
                "Mae'r person wedi gofyn am addasiadau rhesymol: gweler yr achos.",
            ));
        }
        self.officer_close(&mut doc, ("Open the case", "Agor yr achos"));
        Built {
            subject: format!(
                "{}: {reference}",
                self.t("Case assigned to you", "Achos wedi'i neilltuo i chi")
            ),
            doc,
            vars,
        }
    }

    fn deadline_vars(
        &self,
        record: &CaseRecord,
        deadline: DeadlineKind,
        due: Date,
        working_days: u32,
    ) -> Vars {
        let mut vars = self.case_vars(record, record.case.stage());
        vars.insert("deadline", Var::plain(deadline_label(deadline, self.lang)));
        vars.insert("due", Var::plain(self.date(due)));
        vars.insert("working_days", Var::plain(working_days.to_string()));
        vars
    }

    fn reminder(&self, record: &CaseRecord, deadline: DeadlineKind, due: Date, left: u32) -> Built {
        let reference = &record.case.reference;
        let vars = self.deadline_vars(record, deadline, due, left);
        let date = self.date(due);
        let noun = self.deadline_noun(deadline);
        let title = self.t("Deadline reminder", "Nodyn atgoffa am derfyn amser");
        let mut doc = Doc::new(title);
        let today = left == 0;
        doc.para(match (today, self.lang) {
            (true, Language::En) => {
                format!("The deadline for {noun} case {reference} is today, {date}.")
            }
            (true, Language::Cy) => {
                format!("Y dyddiad olaf ar gyfer {noun} achos {reference} yw heddiw, {date}.")
            }
            (false, Language::En) => format!("The deadline for {noun} case {reference} is {date}."),
            (false, Language::Cy) => {
                format!("Y dyddiad olaf ar gyfer {noun} achos {reference} yw {date}.")
            }
        });
        let mut facts = self.officer_facts(record);
        facts.push((deadline_label(deadline, self.lang).to_owned(), date.clone()));
        facts.push(self.fact(
            "Working days left",
            "Diwrnodau gwaith ar ôl",
            if today {
                self.t("0 (due today)", "0 (erbyn heddiw)").to_owned()
            } else {
                left.to_string()
            },
        ));
        doc.facts(facts);
        if deadline == DeadlineKind::Respond {
            doc.para(self.t(
                "If you need more time, extend the deadline before it passes: the complainant must be told the reason, the new date and the Ombudsman's details.",
                "Os oes angen mwy o amser arnoch, estynnwch y dyddiad cyn iddo fynd heibio: rhaid rhoi gwybod i'r achwynydd am y rheswm, y dyddiad newydd a manylion yr Ombwdsmon.",
            ));
        }
        self.officer_close(&mut doc, ("Open the case", "Agor yr achos"));
        let the = the_deadline(deadline, self.lang);
        let subject = match (today, self.lang) {
            (true, Language::En) => format!("Due today: {the} for {reference}"),
            (true, Language::Cy) => format!("Erbyn heddiw: {the} ar gyfer {reference}"),
            (false, _) => format!(
                "{}: {} {date} – {reference}",
                self.t("Reminder", "Nodyn atgoffa"),
                deadline_label(deadline, self.lang)
            ),
        };
        Built { subject, doc, vars }
    }

    fn overdue(
        &self,
        record: &CaseRecord,
        deadline: DeadlineKind,
        due: Date,
        overdue: u32,
    ) -> Built {
        let case = &record.case;
        let reference = &case.reference;
        let mut vars = self.deadline_vars(record, deadline, due, overdue);
        let assigned = case
            .assigned_to
            .as_ref()
            .map(|o| o.0.clone())
            .unwrap_or_else(|| self.t("Nobody", "Neb").to_owned());
        vars.insert("assigned_to", Var::plain(assigned.clone()));
        let date = self.date(due);
        let noun = self.deadline_noun(deadline);
        let title = self.t("A deadline has passed", "Mae terfyn amser wedi mynd heibio");
        let mut doc = Doc::new(title);
        doc.para(self.s(
            format!("The deadline for {noun} case {reference} was {date}, and it has passed."),
            format!(
                "Y dyddiad olaf ar gyfer {noun} achos {reference} oedd {date}, ac mae wedi mynd heibio."
            ),
        ));
        let mut facts = self.officer_facts(record);
        facts.push((deadline_label(deadline, self.lang).to_owned(), date));
        facts.push(self.fact(
            "Working days overdue",
            "Diwrnodau gwaith yn hwyr",
            overdue.to_string(),
        ));
        facts.push(self.fact("Assigned to", "Wedi'i neilltuo i", assigned));
        doc.facts(facts);
        doc.para(self.t(
            "You are receiving this as the complaints manager. Please make sure the case is dealt with.",
            "Rydych yn cael hwn fel rheolwr cwynion. Gwnewch yn siŵr bod yr achos yn cael sylw.",
        ));
        self.officer_close(&mut doc, ("Open the case", "Agor yr achos"));
        let the = the_deadline(deadline, self.lang);
        Built {
            subject: self.s(
                format!("Overdue: {the} for {reference}"),
                format!("Yn hwyr: {the} ar gyfer {reference}"),
            ),
            doc,
            vars,
        }
    }

    fn digest(&self, lines: &[DigestLine]) -> Built {
        let mut vars = self.common_vars();
        let items: Vec<String> = lines
            .iter()
            .map(|line| {
                let due = line
                    .next_due
                    .map(|d| self.date(d))
                    .unwrap_or_else(|| self.t("none", "dim").to_owned());
                format!(
                    "{} – {} – {}: {due}",
                    line.reference,
                    line.status.label(self.lang),
                    self.t("next due", "dyddiad nesaf")
                )
            })
            .collect();
        let n = lines.len();
        vars.insert("count", Var::plain(n.to_string()));
        vars.insert("digest", Var::list(items.clone()));
        let title = self.t("Your cases", "Eich achosion");
        let mut doc = Doc::new(title);
        if items.is_empty() {
            doc.para(self.t(
                "You have no open cases.",
                "Nid oes gennych unrhyw achosion ar agor.",
            ));
        } else {
            doc.para(self.t(
                "These are the cases assigned to you, with the next date each is due.",
                "Dyma'r achosion sydd wedi'u neilltuo i chi, gyda'r dyddiad nesaf ar gyfer pob un.",
            ));
            doc.list(items);
        }
        self.officer_close(&mut doc, ("Open your cases", "Agor eich achosion"));
        Built {
            subject: self.s(
                format!("Your cases: {n} open"),
                format!("Eich achosion: {n} ar agor"),
            ),
            doc,
            vars,
        }
    }
}
