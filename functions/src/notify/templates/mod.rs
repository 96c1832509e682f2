//! The words of every message, in English and Welsh: to residents (acknowledgement,
//! stage 2 request received, extension, stage responses, a complaint not accepted, the
//! promised actions done) and to officers (assignment, deadline and promised-action
//! reminders, overdue escalations, the daily digest, a resident to tell by post).
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
//!
//! Here are the notices and the entry points; residents' messages are written in
//! `resident.rs`, `response.rs` and `not_accepted.rs`, officers' in `officer.rs`, from the shared pieces in
//! `writer.rs` (one council, one language), `words.rs` and `doc.rs` (the blocks), and
//! `message.rs` (placeholders and overrides).

mod actions_done;
mod adjustments;
mod doc;
mod message;
mod not_accepted;
mod officer;
mod resident;
mod response;
mod words;
mod writer;

pub use feedback_shared::reminders::DeadlineKind;
pub use words::long_date;

use crate::config::CouncilConfig;
use crate::config::overrides::TemplateOverrides;
use crate::outbox::Email;
use crate::store::CaseRecord;
use feedback_shared::case::{Extension, Format, Status};
use feedback_shared::contact::ContactMethod;
use feedback_shared::{Language, Reference, Stage};
use message::finish;
use time::Date;
use writer::Writer;

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
    /// To the resident: the complaint is not accepted into the complaints procedure; the
    /// officer's reason and the Ombudsman's details.
    NotAccepted,
    /// To the resident: every action promised in a response is done (Code 6.6).
    ActionsDone,
    /// To the case's officer: every promised action is done, and the resident is to be
    /// told another way (no email to use).
    ActionsDoneByPost,
    /// To an officer: a case was assigned to them.
    Assigned,
    /// To the handler: a deadline is coming up (or is today, when `working_days_left` is 0).
    Reminder {
        deadline: DeadlineKind,
        due: Date,
        working_days_left: u32,
    },
    /// To the complaints manager: a deadline has passed. For a promised action, `action`
    /// is its number, and the message names its owner.
    Overdue {
        deadline: DeadlineKind,
        due: Date,
        working_days_overdue: u32,
        action: Option<u32>,
    },
    /// To the case's officer: the agreed adjustments are due for review (Code 5.6).
    AdjustmentsReview { due: Date },
    /// To the case's officer: a resident's `letter` that must reach them by `contact` in
    /// `format`, not by an email sent as it stands.
    SendToResident {
        contact: ContactMethod,
        format: Format,
        letter: &'a Rendered,
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
    /// The notice's name in override file names: one of
    /// [`NOTICE_KEYS`](crate::config::overrides::NOTICE_KEYS).
    pub fn key(&self) -> &'static str {
        match self {
            Notice::Acknowledgement => "acknowledgement",
            Notice::EscalationReceived => "escalation-received",
            Notice::Extension { .. } => "extension",
            Notice::Response { stage: Stage::One } => "response-stage-1",
            Notice::Response { stage: Stage::Two } => "response-stage-2",
            Notice::NotAccepted => "not-accepted",
            Notice::ActionsDone => "actions-done",
            Notice::ActionsDoneByPost => "actions-done-by-post",
            Notice::Assigned => "assigned",
            Notice::Reminder { .. } => "reminder",
            Notice::Overdue { .. } => "overdue",
            Notice::Digest { .. } => "digest",
            Notice::AdjustmentsReview { .. } => "adjustments-review",
            Notice::SendToResident { .. } => "send-to-resident",
        }
    }

    pub fn audience(&self) -> Audience {
        match self {
            Notice::Acknowledgement
            | Notice::EscalationReceived
            | Notice::Extension { .. }
            | Notice::Response { .. }
            | Notice::NotAccepted
            | Notice::ActionsDone => Audience::Resident,
            Notice::Assigned
            | Notice::ActionsDoneByPost
            | Notice::Reminder { .. }
            | Notice::Overdue { .. }
            | Notice::AdjustmentsReview { .. }
            | Notice::SendToResident { .. }
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
    /// The resident's code for checking progress, for the acknowledgement sent as the
    /// case arrives: it is derived from a secret only the caller holds, never stored.
    pub status_code: Option<&'a str>,
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
        status_code: ctx.status_code,
        lang: language,
    };
    let built = match *notice {
        Notice::Acknowledgement => w.acknowledgement(ctx.record),
        Notice::EscalationReceived => w.escalation_received(ctx.record),
        Notice::Extension { extension } => w.extension(ctx.record, extension),
        Notice::Response { stage } => w.response(ctx.record, stage, ctx.escalate_by),
        Notice::NotAccepted => w.not_accepted(ctx.record),
        Notice::ActionsDone => w.actions_done(ctx.record),
        Notice::ActionsDoneByPost => w.actions_done_by_post(ctx.record),
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
            action,
        } => w.overdue(ctx.record, deadline, due, working_days_overdue, action),
        Notice::AdjustmentsReview { due } => w.adjustments_review(ctx.record, due),
        Notice::SendToResident {
            contact,
            format,
            letter,
        } => w.send_to_resident(ctx.record, contact, format, letter),
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
        status_code: None,
        lang: language,
    };
    finish("digest", w.digest(lines), language, overrides)
}
