//! What officers are told: a case is assigned to them, a deadline is near or today, a
//! deadline has passed (to the complaints manager), and the day's digest. Each carries
//! the case's reference and dates, never the resident's contact details or words.

use super::DigestLine;
use super::doc::Doc;
use super::message::{Built, Var, Vars};
use super::words::{deadline_label, stage_label, the_deadline};
use super::writer::Writer;
use crate::store::CaseRecord;
use feedback_shared::contact::Submitter;
use feedback_shared::reminders::DeadlineKind;
use feedback_shared::{Language, Stage};
use time::Date;

impl Writer<'_> {
    /// The facts every officer notice about a case starts with: no personal data.
    pub(super) fn officer_facts(&self, record: &CaseRecord) -> Vec<(String, String)> {
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

    pub(super) fn officer_close(&self, doc: &mut Doc, link: (&str, &str)) {
        doc.link(self.t(link.0, link.1), self.status_url);
        doc.para(format!(
            "{} – {}",
            self.t("Automatic message", "Neges awtomatig"),
            self.council_name()
        ));
    }

    /// "acknowledging", "cydnabod": the deadline as the object of "the deadline for".
    pub(super) fn deadline_noun(&self, deadline: DeadlineKind) -> &'static str {
        match deadline {
            DeadlineKind::Acknowledge => self.t("acknowledging", "cydnabod"),
            DeadlineKind::Respond => self.t("responding to", "ymateb i"),
            DeadlineKind::CompleteAction => self.t(
                "completing an action promised on",
                "cwblhau cam a addawyd ar",
            ),
            DeadlineKind::ReviewAdjustments => {
                self.t("reviewing the adjustments on", "adolygu'r addasiadau ar")
            }
        }
    }

    pub(super) fn assigned(&self, record: &CaseRecord) -> Built {
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

    pub(super) fn deadline_vars(
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

    pub(super) fn reminder(
        &self,
        record: &CaseRecord,
        deadline: DeadlineKind,
        due: Date,
        left: u32,
    ) -> Built {
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

    pub(super) fn overdue(
        &self,
        record: &CaseRecord,
        deadline: DeadlineKind,
        due: Date,
        overdue: u32,
        action: Option<u32>,
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
        // A promised action is its owner's to do, who may not be the case's officer.
        if let Some(owner) = action
            .and_then(|id| case.promised_action(id))
            .map(|a| a.owner.0.clone())
        {
            vars.insert("action_owner", Var::plain(owner.clone()));
            facts.push(self.fact("Action owner", "Perchennog y cam", owner));
        }
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

    pub(super) fn digest(&self, lines: &[DigestLine]) -> Built {
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
