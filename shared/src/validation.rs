//! Field-level errors with message keys and their English and Welsh text, shared by the
//! widget (error summary and inline messages) and the API (problem+json details).

use serde::{Deserialize, Serialize};
use std::fmt;

// Kept here too, so `validation::Language` still names it.
pub use crate::language::Language;

/// Every field a resident or officer types into. The serde name is the field's name in
/// the API's JSON and the widget's form, so an error can point at its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Kind,
    Service,
    WhatHappened,
    WhenHappened,
    PutRight,
    StaffName,
    Name,
    Email,
    Phone,
    Address,
    Postcode,
    ContactMethod,
    Adjustments,
    RepresentedName,
    Relationship,
    Consent,
    Reason,
    /// Why a complaint is not accepted: one of the exclusions.
    Ground,
    Reasons,
    Learning,
    OutstandingActions,
    Note,
    Date,
    NewRespondBy,
    Officer,
    #[serde(rename = "title")]
    TemplateTitle,
    #[serde(rename = "text")]
    TemplateText,
    #[serde(rename = "text_cy")]
    TemplateTextCy,
    // A contact restriction (`restriction.rs`): what is restricted and why, and its dates.
    Restrictions,
    ContactOfficer,
    Channel,
    Times,
    #[serde(rename = "other")]
    OtherRestriction,
    Behaviour,
    DecidedByName,
    DecidedOn,
    ExplainedOn,
    ReviewOn,
    #[serde(rename = "outcome")]
    ReviewOutcome,
    NextReview,
    /// The exact text an officer redacts from a resident's words.
    Span,
}

impl Field {
    pub const ALL: [Field; 41] = [
        Field::Kind,
        Field::Service,
        Field::WhatHappened,
        Field::WhenHappened,
        Field::PutRight,
        Field::StaffName,
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Address,
        Field::Postcode,
        Field::ContactMethod,
        Field::Adjustments,
        Field::RepresentedName,
        Field::Relationship,
        Field::Consent,
        Field::Reason,
        Field::Ground,
        Field::Reasons,
        Field::Learning,
        Field::OutstandingActions,
        Field::Note,
        Field::Date,
        Field::NewRespondBy,
        Field::Officer,
        Field::TemplateTitle,
        Field::TemplateText,
        Field::TemplateTextCy,
        Field::Restrictions,
        Field::ContactOfficer,
        Field::Channel,
        Field::Times,
        Field::OtherRestriction,
        Field::Behaviour,
        Field::DecidedByName,
        Field::DecidedOn,
        Field::ExplainedOn,
        Field::ReviewOn,
        Field::ReviewOutcome,
        Field::NextReview,
        Field::Span,
    ];

    /// The field's name in JSON and HTML ids.
    pub fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Service => "service",
            Field::WhatHappened => "what_happened",
            Field::WhenHappened => "when_happened",
            Field::PutRight => "put_right",
            Field::StaffName => "staff_name",
            Field::Name => "name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Address => "address",
            Field::Postcode => "postcode",
            Field::ContactMethod => "contact_method",
            Field::Adjustments => "adjustments",
            Field::RepresentedName => "represented_name",
            Field::Relationship => "relationship",
            Field::Consent => "consent",
            Field::Reason => "reason",
            Field::Ground => "ground",
            Field::Reasons => "reasons",
            Field::Learning => "learning",
            Field::OutstandingActions => "outstanding_actions",
            Field::Note => "note",
            Field::Date => "date",
            Field::NewRespondBy => "new_respond_by",
            Field::Officer => "officer",
            Field::TemplateTitle => "title",
            Field::TemplateText => "text",
            Field::TemplateTextCy => "text_cy",
            Field::Restrictions => "restrictions",
            Field::ContactOfficer => "contact_officer",
            Field::Channel => "channel",
            Field::Times => "times",
            Field::OtherRestriction => "other",
            Field::Behaviour => "behaviour",
            Field::DecidedByName => "decided_by_name",
            Field::DecidedOn => "decided_on",
            Field::ExplainedOn => "explained_on",
            Field::ReviewOn => "review_on",
            Field::ReviewOutcome => "outcome",
            Field::NextReview => "next_review",
            Field::Span => "span",
        }
    }

    /// What to ask for when the field is empty, GOV.UK style ("Enter …", "Select …").
    fn required(self) -> (&'static str, &'static str) {
        match self {
            Field::Kind => (
                "Select complaint, comment or compliment",
                "Dewiswch gŵyn, sylw neu ganmoliaeth",
            ),
            Field::Service => ("Select the service", "Dewiswch y gwasanaeth"),
            Field::WhatHappened => ("Enter what happened", "Rhowch beth ddigwyddodd"),
            Field::WhenHappened => (
                "Enter the date it happened",
                "Rhowch y dyddiad y digwyddodd",
            ),
            Field::PutRight => (
                "Enter what you would like us to do",
                "Rhowch beth yr hoffech i ni ei wneud",
            ),
            Field::StaffName => (
                "Enter the name of the member of staff",
                "Rhowch enw’r aelod o staff",
            ),
            Field::Name => ("Enter your full name", "Rhowch eich enw llawn"),
            Field::Email => ("Enter your email address", "Rhowch eich cyfeiriad e-bost"),
            Field::Phone => ("Enter your phone number", "Rhowch eich rhif ffôn"),
            Field::Address => ("Enter your address", "Rhowch eich cyfeiriad"),
            Field::Postcode => ("Enter your postcode", "Rhowch eich cod post"),
            Field::ContactMethod => (
                "Select how you would like us to contact you",
                "Dewiswch sut yr hoffech i ni gysylltu â chi",
            ),
            Field::Adjustments => (
                "Tell us what would help you",
                "Dywedwch wrthym beth fyddai’n eich helpu",
            ),
            Field::RepresentedName => (
                "Enter the name of the person you are contacting us for",
                "Rhowch enw’r person rydych yn cysylltu â ni ar ei ran",
            ),
            Field::Relationship => (
                "Enter your relationship to them",
                "Rhowch eich perthynas â nhw",
            ),
            Field::Consent => (
                "Confirm they have agreed to you contacting us for them",
                "Cadarnhewch eu bod wedi cytuno i chi gysylltu â ni ar eu rhan",
            ),
            Field::Reason => ("Enter the reason", "Rhowch y rheswm"),
            Field::Ground => (
                "Select why it is not accepted",
                "Dewiswch pam nad yw’n cael ei derbyn",
            ),
            Field::Reasons => (
                "Enter the reasons for the decision",
                "Rhowch y rhesymau dros y penderfyniad",
            ),
            Field::Learning => ("Enter what has been learned", "Rhowch beth a ddysgwyd"),
            Field::OutstandingActions => (
                "Enter the actions still to be done",
                "Rhowch y camau sydd i’w cymryd o hyd",
            ),
            Field::Note => ("Enter the note", "Rhowch y nodyn"),
            Field::Date => ("Enter the date", "Rhowch y dyddiad"),
            Field::NewRespondBy => (
                "Enter the new response date",
                "Rhowch y dyddiad ymateb newydd",
            ),
            Field::Officer => ("Enter the officer", "Rhowch y swyddog"),
            Field::TemplateTitle => ("Enter the template’s title", "Rhowch deitl y templed"),
            Field::TemplateText => ("Enter the template’s text", "Rhowch destun y templed"),
            Field::TemplateTextCy => (
                "Enter the template’s Welsh text",
                "Rhowch destun Cymraeg y templed",
            ),
            Field::Restrictions => (
                "Select at least one restriction",
                "Dewiswch o leiaf un cyfyngiad",
            ),
            Field::ContactOfficer => (
                "Enter the name of the officer who is the single point of contact",
                "Rhowch enw’r swyddog sy’n unig bwynt cyswllt",
            ),
            Field::Channel => (
                "Select the one way they may contact us",
                "Dewiswch yr un ffordd y gallant gysylltu â ni",
            ),
            Field::Times => (
                "Enter the times they may contact us",
                "Rhowch yr amseroedd y gallant gysylltu â ni",
            ),
            Field::OtherRestriction => ("Enter the restriction", "Rhowch y cyfyngiad"),
            Field::Behaviour => (
                "Enter the behaviour that led to the restriction",
                "Rhowch yr ymddygiad a arweiniodd at y cyfyngiad",
            ),
            Field::DecidedByName => (
                "Enter the name of the manager who decided",
                "Rhowch enw’r rheolwr a benderfynodd",
            ),
            Field::DecidedOn => (
                "Enter the date of the decision",
                "Rhowch ddyddiad y penderfyniad",
            ),
            Field::ExplainedOn => (
                "Enter the date it was explained to them",
                "Rhowch y dyddiad yr esboniwyd hyn iddynt",
            ),
            Field::ReviewOn => ("Enter the review date", "Rhowch ddyddiad yr adolygiad"),
            Field::ReviewOutcome => (
                "Select whether the restriction continues or ends",
                "Dewiswch a yw’r cyfyngiad yn parhau neu’n dod i ben",
            ),
            Field::NextReview => (
                "Enter the next review date",
                "Rhowch ddyddiad yr adolygiad nesaf",
            ),
            Field::Span => ("Enter the text to redact", "Rhowch y testun i’w dynnu"),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What is wrong with a field. `key()` is stable for the API; `text()` is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    Email,
    Phone,
    Postcode,
    NotARealDate,
    DateInFuture,
    DateTooEarly,
    /// Outside the years the deadlines and reports are computed for
    /// ([`crate::deadlines::SUPPORTED_YEARS`]).
    YearOutOfRange,
    /// A one-line answer holding a control character (NUL, ESC, a line break, …).
    ControlCharacters,
    NotAnOption,
    EmailOrPhoneRequired,
    /// The new date is not after the current one.
    NotLater,
    /// An extension beyond the policy's cap.
    ExtensionTooLong {
        max_working_days: u32,
        latest: String,
    },
    /// A template's `((placeholder))` that is not one of the placeholders there are, as
    /// written.
    UnknownPlaceholder {
        placeholder: String,
        /// Every placeholder there is, as written (`((name)), ((reference)), …`).
        known: String,
    },
    /// A template's `((` without its `))`.
    UnclosedPlaceholder,
    /// A date that must come after today (a review still to hold).
    DateNotInFuture,
    /// A date before the decision it follows (explained, reviewed).
    BeforeDecision,
    /// A restriction's review more than 12 months after the decision or last review.
    ReviewTooLate {
        latest: String,
    },
    /// The text to redact is not in the field named.
    SpanNotFound,
    /// The text to redact is part of the case's reference, a date or another fixed value.
    SpanInFixedValue,
}

impl Problem {
    /// The stable message key, e.g. `email.invalid`.
    pub fn key(&self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong { .. } => "too_long",
            Problem::Email => "email.invalid",
            Problem::Phone => "phone.invalid",
            Problem::Postcode => "postcode.invalid",
            Problem::NotARealDate => "date.invalid",
            Problem::DateInFuture => "date.in_future",
            Problem::DateTooEarly => "date.too_early",
            Problem::YearOutOfRange => "date.year_out_of_range",
            Problem::ControlCharacters => "text.control_characters",
            Problem::NotAnOption => "option.unknown",
            Problem::EmailOrPhoneRequired => "contact.email_or_phone",
            Problem::NotLater => "date.not_later",
            Problem::ExtensionTooLong { .. } => "extension.too_long",
            Problem::UnknownPlaceholder { .. } => "template.unknown_placeholder",
            Problem::UnclosedPlaceholder => "template.unclosed_placeholder",
            Problem::DateNotInFuture => "date.not_in_future",
            Problem::BeforeDecision => "date.before_decision",
            Problem::ReviewTooLate { .. } => "date.review_too_late",
            Problem::SpanNotFound => "span.not_found",
            Problem::SpanInFixedValue => "span.fixed_value",
        }
    }
}

/// One field's error: which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: Field,
    #[serde(flatten)]
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, problem }
    }

    pub fn key(&self) -> &'static str {
        self.problem.key()
    }

    /// The message a person reads, in `lang`.
    pub fn text(&self, lang: Language) -> String {
        let pick = |en: &str, cy: &str| match lang {
            Language::En => en.to_owned(),
            Language::Cy => cy.to_owned(),
        };
        match &self.problem {
            Problem::Required => {
                let (en, cy) = self.field.required();
                pick(en, cy)
            }
            Problem::TooLong { max } => match lang {
                Language::En => format!("Enter {max} characters or fewer"),
                Language::Cy => format!("Rhowch {max} nod neu lai"),
            },
            Problem::Email => pick(
                "Enter an email address in the correct format, like name@example.com",
                "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com",
            ),
            Problem::Phone => pick(
                "Enter a UK phone number, like 01632 960 001 or 07700 900 982",
                "Rhowch rif ffôn yn y DU, fel 01632 960 001 neu 07700 900 982",
            ),
            Problem::Postcode => pick(
                "Enter a full UK postcode, like CF10 1AA",
                "Rhowch god post llawn yn y DU, fel CF10 1AA",
            ),
            Problem::NotARealDate => pick(
                "Enter a real date, like 27 3 2026",
                "Rhowch ddyddiad go iawn, fel 27 3 2026",
            ),
            Problem::DateInFuture => pick(
                "The date must be today or in the past",
                "Rhaid i’r dyddiad fod heddiw neu yn y gorffennol",
            ),
            Problem::DateTooEarly => pick(
                "The date must be after 1 January 1900",
                "Rhaid i’r dyddiad fod ar ôl 1 Ionawr 1900",
            ),
            Problem::YearOutOfRange => pick(
                "Enter a date between 2000 and 2100",
                "Rhowch ddyddiad rhwng 2000 a 2100",
            ),
            Problem::ControlCharacters => {
                pick("Remove the control characters", "Tynnwch y nodau rheoli")
            }
            Problem::NotAnOption => pick("Select one of the options", "Dewiswch un o’r opsiynau"),
            Problem::EmailOrPhoneRequired => pick(
                "Enter an email address or a phone number so we can reply",
                "Rhowch gyfeiriad e-bost neu rif ffôn er mwyn i ni allu ateb",
            ),
            Problem::NotLater => pick(
                "The new date must be after the current response date",
                "Rhaid i’r dyddiad newydd fod ar ôl y dyddiad ymateb presennol",
            ),
            Problem::ExtensionTooLong {
                max_working_days,
                latest,
            } => match lang {
                Language::En => format!(
                    "An extension can be at most {max_working_days} working days: the latest date is {latest}"
                ),
                Language::Cy => format!(
                    "Gall estyniad fod yn {max_working_days} diwrnod gwaith ar y mwyaf: y dyddiad olaf yw {latest}"
                ),
            },
            Problem::UnknownPlaceholder { placeholder, known } => match lang {
                Language::En => {
                    format!("{placeholder} is not a placeholder: use one of {known}")
                }
                Language::Cy => {
                    format!("Nid yw {placeholder} yn ddalfan: defnyddiwch un o {known}")
                }
            },
            Problem::UnclosedPlaceholder => pick(
                "Close each placeholder with two brackets, like ((name))",
                "Caewch bob dalfan â dau gromfach, fel ((name))",
            ),
            Problem::DateNotInFuture => pick(
                "The date must be in the future",
                "Rhaid i’r dyddiad fod yn y dyfodol",
            ),
            Problem::BeforeDecision => pick(
                "The date must be on or after the date of the decision",
                "Rhaid i’r dyddiad fod ar ddyddiad y penderfyniad neu ar ei ôl",
            ),
            Problem::ReviewTooLate { latest } => match lang {
                Language::En => {
                    format!("The review must be within 12 months: the latest date is {latest}")
                }
                Language::Cy => {
                    format!("Rhaid i’r adolygiad fod o fewn 12 mis: y dyddiad olaf yw {latest}")
                }
            },
            Problem::SpanNotFound => pick(
                "This text is not in the field you chose: copy it exactly as it appears",
                "Nid yw’r testun hwn yn y maes a ddewiswyd: copïwch ef yn union fel y mae",
            ),
            Problem::SpanInFixedValue => pick(
                "This text is part of the case’s reference or a date: enter the words to redact",
                "Mae’r testun hwn yn rhan o gyfeirnod yr achos neu ddyddiad: rhowch y geiriau i’w tynnu",
            ),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.text(Language::En))
    }
}

impl std::error::Error for FieldError {}

/// All the field errors of one form, in the order the fields appear.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Keeps the value when `result` is `Ok`, records the error otherwise, so a form can
    /// report every bad field at once.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    pub fn has(&self, field: Field) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&texts.join("; "))
    }
}

impl std::error::Error for FieldErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_distinct_english_and_welsh_text() {
        let problems = [
            Problem::Required,
            Problem::TooLong { max: 10 },
            Problem::Email,
            Problem::Phone,
            Problem::Postcode,
            Problem::NotARealDate,
            Problem::DateInFuture,
            Problem::DateTooEarly,
            Problem::YearOutOfRange,
            Problem::ControlCharacters,
            Problem::NotAnOption,
            Problem::EmailOrPhoneRequired,
            Problem::NotLater,
            Problem::ExtensionTooLong {
                max_working_days: 10,
                latest: "2026-12-01".into(),
            },
        ];
        for problem in problems {
            let e = FieldError::new(Field::Name, problem);
            let (en, cy) = (e.text(Language::En), e.text(Language::Cy));
            assert!(!en.is_empty() && !cy.is_empty());
            assert_ne!(en, cy, "{} has no Welsh", e.key());
        }
    }

    #[test]
    fn field_errors_serialise_with_field_key_and_parameters() {
        let e = FieldError::new(Field::WhatHappened, Problem::TooLong { max: 5000 });
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"field": "what_happened", "problem": "too_long", "max": 5000})
        );
    }

    #[test]
    fn field_names_match_their_serde_names() {
        for field in Field::ALL {
            assert_eq!(serde_json::to_value(field).unwrap(), field.name());
        }
    }

    #[test]
    fn every_field_asks_for_itself_in_both_languages() {
        for field in Field::ALL {
            let e = FieldError::new(field, Problem::Required);
            let (en, cy) = (e.text(Language::En), e.text(Language::Cy));
            assert!(
                ["Enter", "Select", "Confirm", "Tell"]
                    .iter()
                    .any(|verb| en.starts_with(verb)),
                "{en}"
            );
            assert_ne!(en, cy, "{field} has no Welsh");
        }
    }
}
