//! Correcting what a case holds about a person, on request or when an officer finds it
//! wrong (UK GDPR article 16, and article 5(1)(c)'s "no more than needed"):
//!
//! - **rectification**: the resident's contact details (name, email, phone, address,
//!   postcode, how they want to hear back) and their representative's details (the name
//!   of the person represented, the relationship) replaced with the right ones;
//! - **redaction**: a span of the resident's free text (someone else's health details, a
//!   neighbour's name) replaced with [`REDACTED`].
//!
//! Each makes the case's next version and an event that says which fields changed and
//! why, never the values, old or new; and the [`TextChange`]s the store makes in every
//! other copy it keeps (the timeline's text, message records and bodies), so the old value
//! is never shown again. Neither goes through [`super::Case::apply`]: the store rewrites
//! copies no case change reaches.

use super::{Action, Actor, Case, CaseEvent};
use crate::contact::{Contact, Representative, Submitter};
use crate::council::OfficerId;
use crate::input::{Description, LongText, REMOVED, ShortText};
use crate::submission::Feedback;
use crate::validation::{Field, FieldError, FieldErrors, Problem};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a redacted span becomes, wherever it was.
pub const REDACTED: &str = "[redacted]";

/// A contact detail a rectification corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    Name,
    Email,
    Phone,
    Address,
    Postcode,
    ContactMethod,
    RepresentedName,
    Relationship,
}

impl ContactField {
    /// The detail in words, for the timeline ("email address").
    pub fn label(self) -> &'static str {
        match self {
            ContactField::Name => "name",
            ContactField::Email => "email address",
            ContactField::Phone => "phone number",
            ContactField::Address => "address",
            ContactField::Postcode => "postcode",
            ContactField::ContactMethod => "how they want to be contacted",
            ContactField::RepresentedName => "name of the person represented",
            ContactField::Relationship => "relationship to them",
        }
    }
}

/// A field of the resident's own words that a redaction can blank a span of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FreeTextField {
    WhatHappened,
    PutRight,
    StaffName,
    /// The representative's relationship to the person, in their words.
    Relationship,
    /// What the resident said they need, in their words.
    AdjustmentDetails,
}

impl FreeTextField {
    pub const ALL: [FreeTextField; 5] = [
        FreeTextField::WhatHappened,
        FreeTextField::PutRight,
        FreeTextField::StaffName,
        FreeTextField::Relationship,
        FreeTextField::AdjustmentDetails,
    ];

    /// The field in words, for the timeline and the console ("what happened").
    pub fn label(self) -> &'static str {
        match self {
            FreeTextField::WhatHappened => "what happened",
            FreeTextField::PutRight => "what they want done",
            FreeTextField::StaffName => "member of staff named",
            FreeTextField::Relationship => "representative's relationship",
            FreeTextField::AdjustmentDetails => "adjustments asked for",
        }
    }

    /// The form field errors point at.
    pub fn field(self) -> Field {
        match self {
            FreeTextField::WhatHappened => Field::WhatHappened,
            FreeTextField::PutRight => Field::PutRight,
            FreeTextField::StaffName => Field::StaffName,
            FreeTextField::Relationship => Field::Relationship,
            FreeTextField::AdjustmentDetails => Field::Adjustments,
        }
    }
}

/// One string replaced by another in every stored copy of a case's text. An empty `to`
/// means the value went without a successor (a wrong email address removed): a recipient
/// list drops it and text shows [`REMOVED`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextChange {
    pub from: String,
    pub to: String,
    /// Only where `from` stands as whole words (a corrected name "Al" leaves "Also"
    /// alone); a redacted span goes wherever it is, inside a word too.
    pub whole_words: bool,
}

impl TextChange {
    /// `text` with `from` replaced.
    pub fn apply(&self, text: &str) -> String {
        if self.from.is_empty() {
            return text.to_owned();
        }
        if !self.whole_words {
            return text.replace(self.from.as_str(), self.replacement());
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut before: Option<char> = None;
        while let Some(at) = rest.find(self.from.as_str()) {
            let prior = rest[..at].chars().last().or(before);
            let after = rest[at + self.from.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            out.push_str(&rest[..at]);
            if word(prior) || word(after) {
                out.push_str(&self.from);
            } else {
                out.push_str(self.replacement());
            }
            before = self.from.chars().last();
            rest = &rest[at + self.from.len()..];
        }
        out.push_str(rest);
        out
    }

    /// What `from` becomes inside text.
    pub fn replacement(&self) -> &str {
        if self.to.is_empty() {
            REMOVED
        } else {
            &self.to
        }
    }
}

/// The case and feedback as a correction leaves them (at the next version), its event,
/// and the changes to make in every other stored copy, longest `from` first so a value
/// inside another (a name inside an email address) does not cut the longer one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub case: Case,
    pub details: Feedback,
    pub event: CaseEvent,
    pub changes: Vec<TextChange>,
}

/// Why a correction is refused, beyond its fields' errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectionRefused {
    /// The case's personal data was removed (retention, erasure): nothing is left to correct.
    Anonymised,
    /// Anonymous feedback has no contact details.
    NoContactDetails,
    /// The case has no representative to correct.
    NoRepresentative,
    /// The details given are the ones held.
    NothingChanged,
    /// Field errors (the details or reason do not parse; the span is not in the field).
    Fields(FieldErrors),
}

fn one(field: Field, problem: Problem) -> CorrectionRefused {
    let mut errors = FieldErrors::default();
    errors.push(FieldError::new(field, problem));
    CorrectionRefused::Fields(errors)
}

/// The case with its contact details (and, when given, its representative's) replaced by
/// `contact` and `representative`, by `officer` at `at`, for `reason`.
pub fn correct_contact(
    case: &Case,
    details: &Feedback,
    contact: Contact,
    representative: Option<Representative>,
    reason: LongText,
    officer: &OfficerId,
    at: OffsetDateTime,
) -> Result<Correction, CorrectionRefused> {
    if case.anonymised.is_some() {
        return Err(CorrectionRefused::Anonymised);
    }
    let Submitter::Identified(person) = &details.submitter else {
        return Err(CorrectionRefused::NoContactDetails);
    };
    let mut fields = Vec::new();
    let mut changes = Vec::new();
    let mut compare = |field: ContactField, old: Option<&str>, new: Option<&str>| {
        if old != new {
            fields.push(field);
            if let Some(old) = old.filter(|o| !o.is_empty()) {
                changes.push(TextChange {
                    from: old.to_owned(),
                    to: new.unwrap_or_default().to_owned(),
                    whole_words: true,
                });
            }
        }
    };
    let old = &person.contact;
    compare(
        ContactField::Name,
        Some(old.name.as_str()),
        Some(contact.name.as_str()),
    );
    compare(
        ContactField::Email,
        old.email.as_ref().map(|e| e.as_str()),
        contact.email.as_ref().map(|e| e.as_str()),
    );
    compare(
        ContactField::Phone,
        old.phone.as_ref().map(|p| p.as_str()),
        contact.phone.as_ref().map(|p| p.as_str()),
    );
    compare(
        ContactField::Address,
        old.address.as_ref().map(|a| a.as_str()),
        contact.address.as_ref().map(|a| a.as_str()),
    );
    compare(
        ContactField::Postcode,
        old.postcode.as_ref().map(|p| p.as_str()),
        contact.postcode.as_ref().map(|p| p.as_str()),
    );
    let representative = match (&person.representative, representative) {
        (_, None) => person.representative.clone(),
        (None, Some(_)) => return Err(CorrectionRefused::NoRepresentative),
        (Some(held), Some(new)) => {
            compare(
                ContactField::RepresentedName,
                Some(held.represented_name.as_str()),
                Some(new.represented_name.as_str()),
            );
            compare(
                ContactField::Relationship,
                Some(held.relationship.as_str()),
                Some(new.relationship.as_str()),
            );
            Some(new)
        }
    };
    if old.preferred != contact.preferred {
        fields.push(ContactField::ContactMethod);
    }
    if fields.is_empty() {
        return Err(CorrectionRefused::NothingChanged);
    }
    fields.sort();
    let mut corrected = (**person).clone();
    corrected.contact = contact;
    corrected.representative = representative;
    let details = Feedback {
        submitter: Submitter::Identified(Box::new(corrected)),
        ..details.clone()
    };
    let action = Action::CorrectContactDetails { fields, reason };
    Ok(finish(case, details, action, officer, at, changes))
}

/// The case with every `span` in the resident's free text replaced by [`REDACTED`], by
/// `officer` at `at`, for `reason`. The span must be in `field` (a field-level error
/// otherwise); it is redacted in every other free-text field it is in too, since the
/// point is that it is gone.
pub fn redact(
    case: &Case,
    details: &Feedback,
    field: FreeTextField,
    span: &str,
    reason: LongText,
    officer: &OfficerId,
    at: OffsetDateTime,
) -> Result<Correction, CorrectionRefused> {
    if case.anonymised.is_some() {
        return Err(CorrectionRefused::Anonymised);
    }
    let span = span.trim();
    if span.chars().count() < 2 {
        return Err(one(Field::Span, Problem::Required));
    }
    if !text_of(details, field).is_some_and(|text| text.contains(span)) {
        return Err(one(Field::Span, Problem::SpanNotFound));
    }
    if case.reference.to_string().contains(span) {
        return Err(one(Field::Span, Problem::SpanInFixedValue));
    }
    let mut redacted = details.clone();
    let mut fields = Vec::new();
    for each in FreeTextField::ALL {
        if text_of(details, each).is_some_and(|text| text.contains(span)) {
            replace_in(&mut redacted, each, span)
                .map_err(|_| one(Field::Span, Problem::SpanInFixedValue))?;
            fields.push(each);
        }
    }
    let changes = vec![TextChange {
        from: span.to_owned(),
        to: REDACTED.to_owned(),
        whole_words: false,
    }];
    let action = Action::Redact { fields, reason };
    Ok(finish(case, redacted, action, officer, at, changes))
}

fn finish(
    case: &Case,
    details: Feedback,
    action: Action,
    officer: &OfficerId,
    at: OffsetDateTime,
    mut changes: Vec<TextChange>,
) -> Correction {
    let case = Case {
        version: case.version + 1,
        ..case.clone()
    };
    changes.sort_by_key(|c| std::cmp::Reverse(c.from.chars().count()));
    let event = CaseEvent {
        at,
        actor: Actor::Officer(officer.clone()),
        action,
        version: case.version,
    };
    Correction {
        case,
        details,
        event,
        changes,
    }
}

/// The resident's words in `field`, if they gave any.
pub fn text_of(details: &Feedback, field: FreeTextField) -> Option<&str> {
    let person = match &details.submitter {
        Submitter::Identified(person) => Some(person),
        Submitter::Anonymous => None,
    };
    match field {
        FreeTextField::WhatHappened => Some(details.what_happened.as_str()),
        FreeTextField::PutRight => details.put_right.as_ref().map(|t| t.as_str()),
        FreeTextField::StaffName => details.staff_name.as_ref().map(|t| t.as_str()),
        FreeTextField::Relationship => person
            .and_then(|p| p.representative.as_ref())
            .map(|r| r.relationship.as_str()),
        FreeTextField::AdjustmentDetails => person
            .and_then(|p| p.adjustments.details.as_ref())
            .map(|t| t.as_str()),
    }
}

/// Replaces `span` in `field`, parsed again as the field's type (it stays within its
/// bounds: a short span in a text at its limit could grow past it).
fn replace_in(details: &mut Feedback, field: FreeTextField, span: &str) -> Result<(), FieldError> {
    let swap = |text: &str| text.replace(span, REDACTED);
    let f = field.field();
    match field {
        FreeTextField::WhatHappened => {
            details.what_happened = Description::parse(f, &swap(details.what_happened.as_str()))?;
        }
        FreeTextField::PutRight => {
            if let Some(text) = &details.put_right {
                details.put_right = Some(Description::parse(f, &swap(text.as_str()))?);
            }
        }
        FreeTextField::StaffName => {
            if let Some(text) = &details.staff_name {
                details.staff_name = Some(ShortText::parse(f, &swap(text.as_str()))?);
            }
        }
        FreeTextField::Relationship | FreeTextField::AdjustmentDetails => {
            if let Submitter::Identified(person) = &mut details.submitter {
                if field == FreeTextField::Relationship {
                    if let Some(rep) = &mut person.representative {
                        rep.relationship = ShortText::parse(f, &swap(rep.relationship.as_str()))?;
                    }
                } else if let Some(text) = &person.adjustments.details {
                    person.adjustments.details = Some(LongText::parse(f, &swap(text.as_str()))?);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{ContactForm, Person};
    use crate::{Channel, CouncilId, Kind, Language, Reference};
    use time::macros::datetime;

    fn case_and_details() -> (Case, Feedback) {
        let calendar = crate::Calendar::bundled();
        let policy = crate::policy::Policy::default();
        let rules = super::super::Rules {
            calendar: &calendar,
            policy: &policy,
        };
        let (case, _) = Case::receive(
            rules,
            CouncilId::parse("demo").unwrap(),
            Reference::new("DEMO", 2026, 1).unwrap(),
            Kind::Complaint,
            Channel::Web,
            datetime!(2026-11-24 10:00 UTC),
            Actor::Resident,
        );
        let contact = Contact::parse(&ContactForm {
            name: "Ann Smith".into(),
            email: "ann@example.com".into(),
            ..Default::default()
        })
        .unwrap();
        let details = Feedback {
            kind: Kind::Complaint,
            service: "waste".into(),
            what_happened: Description::parse(
                Field::WhatHappened,
                "My neighbour Bob has diabetes and the bin was left",
            )
            .unwrap(),
            when_happened: None,
            put_right: None,
            staff_name: None,
            submitter: Submitter::Identified(Box::new(Person {
                contact,
                representative: None,
                adjustments: Default::default(),
            })),
            language: Language::En,
        };
        (case, details)
    }

    fn reason() -> LongText {
        LongText::parse(Field::Reason, "Resident rang").unwrap()
    }

    #[test]
    fn a_correction_names_the_fields_and_moves_every_copy_to_the_new_value() {
        let (case, details) = case_and_details();
        let contact = Contact::parse(&ContactForm {
            name: "Ann Jones".into(),
            email: "ann.jones@example.org".into(),
            ..Default::default()
        })
        .unwrap();
        let officer = OfficerId("ann".into());
        let at = datetime!(2026-11-25 10:00 UTC);
        let done = correct_contact(&case, &details, contact, None, reason(), &officer, at).unwrap();
        assert_eq!(done.case.version, case.version + 1);
        assert_eq!(done.event.version, done.case.version);
        assert_eq!(
            done.event.action,
            Action::CorrectContactDetails {
                fields: vec![ContactField::Name, ContactField::Email],
                reason: reason(),
            }
        );
        // The email first: it is the longer.
        assert_eq!(done.changes[0].from, "ann@example.com");
        assert_eq!(done.changes[1].to, "Ann Jones");
        let again = Contact::parse(&ContactForm {
            name: "Ann Jones".into(),
            email: "ann.jones@example.org".into(),
            ..Default::default()
        })
        .unwrap();
        let same = correct_contact(
            &done.case,
            &done.details,
            again,
            None,
            reason(),
            &officer,
            at,
        );
        assert_eq!(same, Err(CorrectionRefused::NothingChanged));
    }

    #[test]
    fn a_redaction_needs_the_span_in_the_field_and_not_in_the_reference() {
        let (case, details) = case_and_details();
        let officer = OfficerId("ann".into());
        let at = datetime!(2026-11-25 10:00 UTC);
        let redact_span =
            |field, span: &str| redact(&case, &details, field, span, reason(), &officer, at);
        let done = redact_span(FreeTextField::WhatHappened, "Bob has diabetes").unwrap();
        assert_eq!(
            done.details.what_happened.as_str(),
            "My neighbour [redacted] and the bin was left"
        );
        assert_eq!(
            redact_span(FreeTextField::PutRight, "Bob"),
            Err(one(Field::Span, Problem::SpanNotFound))
        );
        assert_eq!(
            redact_span(FreeTextField::WhatHappened, "nothing like it"),
            Err(one(Field::Span, Problem::SpanNotFound))
        );
        assert_eq!(
            redact_span(FreeTextField::WhatHappened, " "),
            Err(one(Field::Span, Problem::Required))
        );
    }

    #[test]
    fn a_corrected_name_changes_whole_words_only_and_a_span_changes_anywhere() {
        let name = TextChange {
            from: "Al".into(),
            to: "Bea".into(),
            whole_words: true,
        };
        assert_eq!(
            name.apply("Dear Al, Also: Al's bin. Al"),
            "Dear Bea, Also: Bea's bin. Bea"
        );
        let span = TextChange {
            from: "iab".into(),
            to: REDACTED.into(),
            whole_words: false,
        };
        assert_eq!(span.apply("diabetes"), "d[redacted]etes");
    }
}
