//! What a resident sends from the widget, and its parsing into [`Feedback`]. The widget
//! runs the same parse before sending, so the resident sees the server's rules at once.

use crate::contact::{
    Adjustment, Adjustments, Contact, ContactForm, Person, Representative, Submitter,
};
use crate::feedback::Kind;
use crate::input::optional;
use crate::input::{Description, PastDate, ShortText};
use crate::language::Language;
use crate::validation::{Field, FieldError, FieldErrors, Problem};
use serde::{Deserialize, Serialize};
use time::Date;

/// Someone else the feedback is for, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct OnBehalfForm {
    pub represented_name: String,
    pub relationship: String,
    pub consent: bool,
}

/// Reasonable adjustments as chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AdjustmentsForm {
    pub needs: Vec<Adjustment>,
    pub details: String,
}

/// The form as the widget posts it. Every field may be missing or blank; [`FeedbackForm::parse`]
/// says what is wrong with each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FeedbackForm {
    pub kind: Option<Kind>,
    /// The id of one of the council's services.
    pub service: String,
    pub what_happened: String,
    /// `YYYY-MM-DD`, optional.
    pub when_happened: String,
    pub put_right: String,
    /// A compliment can name a member of staff.
    pub staff_name: String,
    pub anonymous: bool,
    pub contact: ContactForm,
    pub on_behalf: Option<OnBehalfForm>,
    pub adjustments: AdjustmentsForm,
    pub language: Language,
}

/// Feedback that passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feedback {
    pub kind: Kind,
    pub service: String,
    pub what_happened: Description,
    pub when_happened: Option<PastDate>,
    pub put_right: Option<Description>,
    pub staff_name: Option<ShortText>,
    pub submitter: Submitter,
    pub language: Language,
}

impl FeedbackForm {
    /// Every field's error at once, in the order of the form. `services` are the
    /// council's service ids; `today` is the London date, for "not in the future".
    pub fn parse(&self, services: &[&str], today: Date) -> Result<Feedback, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.kind.is_none() {
            errors.push(FieldError::new(Field::Kind, Problem::Required));
        }
        let service = self.service.trim();
        if service.is_empty() {
            errors.push(FieldError::new(Field::Service, Problem::Required));
        } else if !services.contains(&service) {
            errors.push(FieldError::new(Field::Service, Problem::NotAnOption));
        }
        let what_happened =
            errors.take(Description::parse(Field::WhatHappened, &self.what_happened));
        let when_happened = errors
            .take(optional(&self.when_happened, |s| {
                PastDate::parse_iso(Field::WhenHappened, s, today)
            }))
            .flatten();
        let put_right = if self.kind == Some(Kind::Complaint) {
            errors.take(Description::parse(Field::PutRight, &self.put_right))
        } else {
            errors
                .take(optional(&self.put_right, |s| {
                    Description::parse(Field::PutRight, s)
                }))
                .flatten()
        };
        let staff_name = errors
            .take(optional(&self.staff_name, |s| {
                ShortText::parse(Field::StaffName, s)
            }))
            .flatten();

        let submitter = if self.anonymous && self.kind.is_none_or(Kind::may_be_anonymous) {
            Some(Submitter::Anonymous)
        } else {
            self.person(&mut errors)
        };

        match (self.kind, what_happened, submitter) {
            (Some(kind), Some(what_happened), Some(submitter)) if errors.is_empty() => {
                Ok(Feedback {
                    kind,
                    service: service.to_owned(),
                    what_happened,
                    when_happened,
                    put_right,
                    staff_name,
                    submitter,
                    language: self.language,
                })
            }
            _ => Err(errors),
        }
    }

    /// A named person; an anonymous complaint is asked for a name, as it needs a reply.
    fn person(&self, errors: &mut FieldErrors) -> Option<Submitter> {
        let contact = match Contact::parse(&self.contact) {
            Ok(contact) => Some(contact),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let representative = match &self.on_behalf {
            None => None,
            Some(form) => match Representative::parse(
                &form.represented_name,
                &form.relationship,
                form.consent,
            ) {
                Ok(r) => Some(r),
                Err(e) => {
                    errors.0.extend(e.0);
                    None
                }
            },
        };
        let adjustments = errors.take(Adjustments::parse(
            &self.adjustments.needs,
            &self.adjustments.details,
        ));
        let on_behalf_ok = self.on_behalf.is_none() || representative.is_some();
        match (contact, adjustments) {
            (Some(contact), Some(adjustments)) if on_behalf_ok => {
                Some(Submitter::Identified(Box::new(Person {
                    contact,
                    representative,
                    adjustments,
                })))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 24);
    const SERVICES: &[&str] = &["waste", "parking"];

    fn complaint() -> FeedbackForm {
        FeedbackForm {
            kind: Some(Kind::Complaint),
            service: "waste".into(),
            what_happened: "My bin was missed three weeks running.".into(),
            when_happened: "2026-11-20".into(),
            put_right: "Collect it and tell me why.".into(),
            contact: ContactForm {
                name: "Rhian Evans".into(),
                email: "rhian@example.com".into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_complaint_parses() {
        let f = complaint().parse(SERVICES, TODAY).unwrap();
        assert_eq!(f.kind, Kind::Complaint);
        assert_eq!(f.when_happened.unwrap().date(), date!(2026 - 11 - 20));
        assert!(matches!(f.submitter, Submitter::Identified(_)));
    }

    #[test]
    fn an_empty_form_reports_each_required_field_in_order() {
        let errors = FeedbackForm::default().parse(SERVICES, TODAY).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::Kind,
                Field::Service,
                Field::WhatHappened,
                Field::Name,
                Field::Email
            ]
        );
    }

    #[test]
    fn a_complaint_needs_what_would_put_it_right() {
        let mut form = complaint();
        form.put_right = " ".into();
        let errors = form.parse(SERVICES, TODAY).unwrap_err();
        assert_eq!(
            errors.0,
            [FieldError::new(Field::PutRight, Problem::Required)]
        );
    }

    #[test]
    fn unknown_services_and_future_dates_are_refused() {
        let mut form = complaint();
        form.service = "moon-base".into();
        form.when_happened = "2026-11-25".into();
        let errors = form.parse(SERVICES, TODAY).unwrap_err();
        assert_eq!(
            errors.0,
            [
                FieldError::new(Field::Service, Problem::NotAnOption),
                FieldError::new(Field::WhenHappened, Problem::DateInFuture)
            ]
        );
    }

    #[test]
    fn compliments_may_be_anonymous_but_complaints_may_not() {
        let compliment = FeedbackForm {
            kind: Some(Kind::Compliment),
            service: "waste".into(),
            what_happened: "The crew helped my neighbour.".into(),
            staff_name: "Dai".into(),
            anonymous: true,
            ..Default::default()
        };
        assert_eq!(
            compliment.parse(SERVICES, TODAY).unwrap().submitter,
            Submitter::Anonymous
        );
        let mut anonymous_complaint = complaint();
        anonymous_complaint.anonymous = true;
        anonymous_complaint.contact = ContactForm::default();
        let errors = anonymous_complaint.parse(SERVICES, TODAY).unwrap_err();
        assert!(errors.has(Field::Name));
    }

    #[test]
    fn on_behalf_needs_consent() {
        let mut form = complaint();
        form.on_behalf = Some(OnBehalfForm {
            represented_name: "Gwen".into(),
            relationship: "mother".into(),
            consent: false,
        });
        let errors = form.parse(SERVICES, TODAY).unwrap_err();
        assert_eq!(
            errors.0,
            [FieldError::new(Field::Consent, Problem::Required)]
        );
    }
}
