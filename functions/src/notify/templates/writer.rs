//! The writer every message starts from: one council, one language, and the words and
//! placeholders all notices share.

use super::message::{Var, Vars};
use super::words::{council_name, long_date, service_name, stage_label};
use crate::config::CouncilConfig;
use crate::store::CaseRecord;
use feedback_shared::case::{Case, StageRecord};
use feedback_shared::contact::Submitter;
use feedback_shared::{Language, Stage};
use time::Date;

/// Writes messages for one council in one language.
pub(super) struct Writer<'a> {
    pub(super) council: &'a CouncilConfig,
    pub(super) status_url: Option<&'a str>,
    pub(super) status_code: Option<&'a str>,
    pub(super) lang: Language,
}

/// The resident's name and whom they act for, if they gave a name.
pub(super) fn names(record: &CaseRecord) -> (Option<&str>, Option<&str>) {
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

pub(super) fn stage_record(case: &Case, stage: Stage) -> Option<&StageRecord> {
    match stage {
        Stage::One => case.stage1.as_ref(),
        Stage::Two => case.stage2.as_ref(),
    }
}

impl Writer<'_> {
    pub(super) fn t<'s>(&self, en: &'s str, cy: &'s str) -> &'s str {
        self.lang.pick(en, cy)
    }

    /// `en` or `cy`, owned (for formatted text).
    pub(super) fn s(&self, en: String, cy: String) -> String {
        self.lang.pick(en, cy)
    }

    pub(super) fn date(&self, date: Date) -> String {
        long_date(date, self.lang)
    }

    pub(super) fn council_name(&self) -> &str {
        council_name(self.council, self.lang)
    }

    pub(super) fn service(&self, record: &CaseRecord) -> String {
        service_name(self.council, &record.details.service, self.lang).to_owned()
    }

    pub(super) fn fact(&self, en: &str, cy: &str, value: impl Into<String>) -> (String, String) {
        (self.t(en, cy).to_owned(), value.into())
    }

    /// The placeholders every notice has.
    pub(super) fn common_vars(&self) -> Vars {
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
    pub(super) fn case_vars(&self, record: &CaseRecord, stage: Option<Stage>) -> Vars {
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

    pub(super) fn stage_date_vars(&self, vars: &mut Vars, stage: Option<&StageRecord>) {
        let date = |d: Option<Date>| Var::plain(d.map(|d| self.date(d)).unwrap_or_default());
        vars.insert("acknowledge_by", date(stage.map(|s| s.acknowledge_by)));
        vars.insert("respond_by", date(stage.map(|s| s.respond_by)));
    }
}
