//! What an officer types into an action's form, turned into the domain's [`Action`] by the
//! shared crate's own parsers (the ones the server runs), and the errors to show:
//! GOV.UK's error summary and a message on each field.

use feedback_shared::case::{Action, Case, RefusalGround, ResponseDetails};
use feedback_shared::contact::ContactForm;
use feedback_shared::input::{LongText, PastDate, ShortText};
use feedback_shared::outcome::{Ombudsman, OmbudsmanDecision};
use feedback_shared::submission::FeedbackForm;
use feedback_shared::wire::{LogCase, Problem};
use feedback_shared::{
    Channel, Field, FieldError, FieldErrors, Language, OfficerId, Outcome, Remedy,
};
use time::{Date, OffsetDateTime};

/// One error to show: the control it belongs to (the summary links there), if any, and
/// its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The id of the control, or `None` for a problem with the whole request.
    pub target: Option<String>,
    pub message: String,
}

/// The id of `field`'s control in the form whose controls start with `form`. A date's
/// control is its day box, where the summary sends the officer.
pub fn control_id(form: &str, field: Field) -> String {
    match field {
        Field::Date | Field::NewRespondBy => format!("{form}-date-day"),
        other => format!("{form}-{}", other.name()),
    }
}

/// The errors of a form, in the order of its fields.
pub fn from_field_errors(form: &str, errors: &FieldErrors) -> Vec<FormError> {
    errors
        .iter()
        .map(|error| FormError {
            target: Some(control_id(form, error.field)),
            message: error.text(Language::En),
        })
        .collect()
}

/// The errors an API problem brings: one per field error, or the problem's own words when
/// it names no field.
pub fn from_problem(form: &str, problem: &Problem) -> Vec<FormError> {
    if problem.errors.is_empty() {
        return vec![FormError {
            target: None,
            message: sentence(&problem.detail),
        }];
    }
    problem
        .errors
        .iter()
        .map(|error| FormError {
            target: Some(control_id(form, error.field)),
            message: error.message.clone(),
        })
        .collect()
}

/// The message for `id` among `errors`, if it has one.
pub fn message_for(errors: &[FormError], id: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.target.as_deref() == Some(id))
        .map(|e| e.message.clone())
}

/// Starts `text` with a capital letter, as GOV.UK messages do.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// GOV.UK's three date boxes, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateParts {
    /// The boxes filled in with `date`.
    pub fn of(date: Date) -> Self {
        DateParts {
            day: date.day().to_string(),
            month: u8::from(date.month()).to_string(),
            year: date.year().to_string(),
        }
    }

    /// A real date, past or future, for `field`.
    fn any(&self, field: Field) -> Result<Date, FieldError> {
        PastDate::parse_parts(field, &self.day, &self.month, &self.year, Date::MAX)
            .map(PastDate::date)
    }

    fn past(&self, today: Date) -> Result<Date, FieldError> {
        PastDate::parse_parts(Field::Date, &self.day, &self.month, &self.year, today)
            .map(PastDate::date)
    }
}

fn one<T>(result: Result<T, FieldError>) -> Result<T, FieldErrors> {
    result.map_err(|e| FieldErrors(vec![e]))
}

/// Acknowledge the case on the date given (today or earlier).
pub fn acknowledge(on: &DateParts, today: Date) -> Result<Action, FieldErrors> {
    Ok(Action::Acknowledge {
        on: one(on.past(today))?,
    })
}

/// A note on the timeline.
pub fn note(text: &str) -> Result<Action, FieldErrors> {
    Ok(Action::Note {
        text: one(LongText::parse(Field::Note, text))?,
    })
}

/// Give the case to an officer, by their id (`ben-morgan`).
pub fn assign(officer: &str) -> Result<Action, FieldErrors> {
    let officer = one(ShortText::parse(Field::Officer, officer))?;
    Ok(Action::Assign {
        officer: OfficerId(officer.as_str().to_owned()),
    })
}

/// What an officer types for a stage's response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseInput {
    pub on: DateParts,
    pub outcome: Outcome,
    pub reasons: String,
    pub remedies: Vec<Remedy>,
    /// What is still to be done, and by when; the resident is told.
    pub outstanding_actions: String,
    /// What the council learnt; kept for reports, never sent to the resident.
    pub learning: String,
}

impl Default for ResponseInput {
    /// Nothing typed; the first outcome the form offers.
    fn default() -> Self {
        ResponseInput {
            on: DateParts::default(),
            outcome: Outcome::Upheld,
            reasons: String::new(),
            remedies: Vec::new(),
            outstanding_actions: String::new(),
            learning: String::new(),
        }
    }
}

/// An optional long answer: nothing typed is `None`, otherwise it must parse.
fn optional_text(field: Field, text: &str) -> Result<Option<LongText>, FieldError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        LongText::parse(field, text).map(Some)
    }
}

/// The stage's response: when it was sent, the decision, the reasons for it, the
/// remedies, what is still to be done, and what was learnt.
pub fn respond(input: &ResponseInput, today: Date) -> Result<Action, FieldErrors> {
    let mut errors = FieldErrors::default();
    let responded_on = errors.take(input.on.past(today));
    let reasons = errors.take(LongText::parse(Field::Reasons, &input.reasons));
    let outstanding_actions = errors.take(optional_text(
        Field::OutstandingActions,
        &input.outstanding_actions,
    ));
    let learning = errors.take(optional_text(Field::Learning, &input.learning));
    match (responded_on, reasons, outstanding_actions, learning) {
        (Some(responded_on), Some(reasons), Some(outstanding_actions), Some(learning))
            if errors.is_empty() =>
        {
            let mut remedies = input.remedies.clone();
            remedies.sort_by_key(|r| Remedy::ALL.iter().position(|a| a == r));
            remedies.dedup();
            Ok(Action::Respond {
                response: ResponseDetails {
                    responded_on,
                    outcome: input.outcome,
                    reasons,
                    remedies,
                    learning,
                    outstanding_actions,
                    responder: None,
                },
            })
        }
        _ => Err(errors),
    }
}

/// Close the case on `on` (today or earlier).
pub fn close(on: &DateParts, today: Date) -> Result<Action, FieldErrors> {
    Ok(Action::Close {
        on: Some(one(on.past(today))?),
    })
}

/// The case went to `ombudsman` on `on`.
pub fn refer_to_ombudsman(
    ombudsman: Ombudsman,
    on: &DateParts,
    today: Date,
) -> Result<Action, FieldErrors> {
    Ok(Action::ReferToOmbudsman {
        ombudsman,
        on: one(on.past(today))?,
    })
}

/// The Ombudsman decided `decision` on `on`.
pub fn ombudsman_decision(
    decision: OmbudsmanDecision,
    on: &DateParts,
    today: Date,
) -> Result<Action, FieldErrors> {
    Ok(Action::RecordOmbudsmanDecision {
        decision,
        on: one(on.past(today))?,
    })
}

/// The Ombudsman's name (`Local Government and Social Care Ombudsman`).
pub fn ombudsman_name(ombudsman: Ombudsman) -> &'static str {
    let (address, _) = ombudsman.contact();
    address.split_once(", ").map_or(address, |(name, _)| name)
}

/// Every Ombudsman a case can go to, in the order the form lists them.
pub const OMBUDSMEN: [Ombudsman; 5] = [
    Ombudsman::Lgsco,
    Ombudsman::Housing,
    Ombudsman::Spso,
    Ombudsman::Psow,
    Ombudsman::Nipso,
];

/// Promote a service request to a complaint; stage 1 starts on `on`.
pub fn promote(on: &DateParts, today: Date) -> Result<Action, FieldErrors> {
    Ok(Action::PromoteToComplaint {
        on: one(on.past(today))?,
    })
}

/// Extend the stage's response date to `to`, with the reason the resident is told. The
/// server checks it is later than now and within the policy's cap.
pub fn extend(to: &DateParts, reason: &str) -> Result<Action, FieldErrors> {
    let mut errors = FieldErrors::default();
    let to = errors.take(to.any(Field::NewRespondBy));
    let reason = errors.take(LongText::parse(Field::Reason, reason));
    match (to, reason) {
        (Some(to), Some(reason)) if errors.is_empty() => Ok(Action::Extend { to, reason }),
        _ => Err(errors),
    }
}

/// Ask for stage 2 on the resident's behalf, on the date they asked, optionally naming
/// who handles it.
pub fn escalate(on: &DateParts, handler: &str, today: Date) -> Result<Action, FieldErrors> {
    let requested_on = one(on.past(today))?;
    let handler = handler.trim();
    let handler = if handler.is_empty() {
        None
    } else {
        Some(OfficerId(
            one(ShortText::parse(Field::Officer, handler))?
                .as_str()
                .to_owned(),
        ))
    };
    Ok(Action::Escalate {
        requested_on,
        handler,
    })
}

/// An action that needs only the officer's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WithReason {
    /// The resident withdrew it.
    Withdraw,
    /// It is not accepted into the procedure.
    NotAccept,
    /// The complaint is really a service request.
    Reclassify,
}

impl WithReason {
    pub const ALL: [WithReason; 3] = [
        WithReason::Withdraw,
        WithReason::NotAccept,
        WithReason::Reclassify,
    ];

    /// Its value in the form.
    pub fn value(self) -> &'static str {
        match self {
            WithReason::Withdraw => "withdraw",
            WithReason::NotAccept => "not_accept",
            WithReason::Reclassify => "reclassify",
        }
    }

    pub fn from_value(value: &str) -> Option<WithReason> {
        WithReason::ALL.into_iter().find(|w| w.value() == value)
    }

    /// Its words.
    pub fn label(self) -> &'static str {
        match self {
            WithReason::Withdraw => "Withdrawn by the resident",
            WithReason::NotAccept => "Not accepted into the complaints procedure",
            WithReason::Reclassify => "A service request, not a complaint",
        }
    }
}

/// `what`, with the officer's reason, dated `on` (today or earlier) when it ends the case.
/// A refusal also needs its ground (a [`RefusalGround`]'s JSON name): the report counts
/// refusals by it, and an out-of-time letter states the time limit.
pub fn with_reason(
    what: WithReason,
    reason: &str,
    ground: &str,
    on: &DateParts,
    today: Date,
) -> Result<Action, FieldErrors> {
    let mut errors = FieldErrors::default();
    // In the form's order: the ground's select comes before the reason.
    let ground = match what {
        WithReason::NotAccept => {
            errors.take(RefusalGround::from_json_name(ground).ok_or_else(|| {
                FieldError::new(
                    Field::Ground,
                    feedback_shared::validation::Problem::Required,
                )
            }))
        }
        _ => None,
    };
    let reason = errors.take(LongText::parse(Field::Reason, reason));
    // A reclassified case carries on, so it takes no date.
    let on = match what {
        WithReason::Reclassify => None,
        _ => errors.take(on.past(today)),
    };
    let Some(reason) = reason.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    Ok(match what {
        WithReason::Withdraw => Action::Withdraw { reason, on },
        WithReason::NotAccept => Action::NotAccept { reason, on, ground },
        WithReason::Reclassify => Action::ReclassifyAsServiceRequest { reason },
    })
}

/// A case received by phone, email, letter or in person, as the officer types it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogInput {
    pub channel: Channel,
    /// A kind's JSON name, or "" when none is chosen.
    pub kind: String,
    pub service: String,
    pub received: DateParts,
    pub what_happened: String,
    pub put_right: String,
    pub name: String,
    pub email: String,
    pub phone: String,
}

impl Default for LogInput {
    /// Most cases logged by hand come by phone.
    fn default() -> Self {
        LogInput {
            channel: Channel::Phone,
            kind: String::new(),
            service: String::new(),
            received: DateParts::default(),
            what_happened: String::new(),
            put_right: String::new(),
            name: String::new(),
            email: String::new(),
            phone: String::new(),
        }
    }
}

/// The case to log, checked by the same parsers as the server; `services` are the
/// council's service ids, `now` the current instant. Received today is now; an earlier
/// day is noon UTC, which is that day in London too.
pub fn log_case(
    input: &LogInput,
    services: &[&str],
    now: OffsetDateTime,
) -> Result<LogCase, FieldErrors> {
    let today = feedback_shared::london::london_date(now);
    let mut errors = FieldErrors::default();
    let received = errors.take(input.received.past(today));
    let feedback = FeedbackForm {
        kind: crate::route::from_wire_name(&input.kind),
        service: input.service.clone(),
        what_happened: input.what_happened.clone(),
        put_right: input.put_right.clone(),
        contact: ContactForm {
            name: input.name.clone(),
            email: input.email.clone(),
            phone: input.phone.clone(),
            ..ContactForm::default()
        },
        language: Language::En,
        ..FeedbackForm::default()
    };
    if let Err(more) = feedback.parse(services, today) {
        errors.0.extend(more.0);
    }
    match received {
        Some(day) if errors.is_empty() => Ok(LogCase {
            channel: input.channel,
            received_at: if day == today {
                now
            } else {
                day.with_time(time::Time::from_hms(12, 0, 0).expect("noon"))
                    .assume_utc()
            },
            feedback,
        }),
        _ => Err(errors),
    }
}

/// The officers who handled stage 1 of `case`: none of them may handle stage 2.
pub fn stage1_handlers(case: &Case) -> Vec<String> {
    case.stage1
        .as_ref()
        .map(|s| s.handlers.iter().map(|o| o.to_string()).collect())
        .unwrap_or_default()
}

/// The shared rule that stage 2 goes to someone other than stage 1's handlers, checked
/// before an officer named in the control `control` is sent.
pub fn check_stage2_handler(case: &Case, control: &str, officer: &str) -> Result<(), FormError> {
    let officer = officer.trim();
    if officer.is_empty() {
        return Ok(());
    }
    case.refuse_stage1_handler(&OfficerId(officer.to_owned()))
        // The message starts with the officer's id, which keeps its case.
        .map_err(|e| FormError {
            target: Some(control.to_owned()),
            message: e.to_string(),
        })
}

/// The outcomes a response can give, with their words.
pub const RESPONSE_OUTCOMES: [Outcome; 3] =
    [Outcome::Upheld, Outcome::PartlyUpheld, Outcome::NotUpheld];

#[cfg(test)]
mod tests {
    use super::*;
    use feedback_shared::Reference;
    use feedback_shared::wire::FieldProblem;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 24);

    #[test]
    fn an_acknowledgement_needs_a_real_date_not_in_the_future() {
        assert_eq!(
            acknowledge(&DateParts::of(TODAY), TODAY),
            Ok(Action::Acknowledge { on: TODAY })
        );
        let empty = acknowledge(&DateParts::default(), TODAY).unwrap_err();
        let shown = from_field_errors("acknowledge", &empty);
        assert_eq!(shown[0].target.as_deref(), Some("acknowledge-date-day"));
        let tomorrow = acknowledge(&DateParts::of(date!(2026 - 11 - 25)), TODAY).unwrap_err();
        assert_eq!(
            from_field_errors("acknowledge", &tomorrow)[0].message,
            "The date must be today or in the past"
        );
    }

    #[test]
    fn an_empty_note_gets_the_shared_message() {
        let errors = note("   ").unwrap_err();
        let shown = from_field_errors("note", &errors);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].target.as_deref(), Some("note-note"));
        assert_eq!(shown[0].message, errors.0[0].text(Language::En));
        assert!(
            matches!(note(" Rang the resident "), Ok(Action::Note { text }) if text.as_str() == "Rang the resident")
        );
    }

    #[test]
    fn a_response_names_every_missing_part() {
        let errors = respond(&ResponseInput::default(), TODAY).unwrap_err();
        assert_eq!(errors.0.len(), 2);
        let input = ResponseInput {
            on: DateParts::of(TODAY),
            reasons: "Sorry".into(),
            ..ResponseInput::default()
        };
        assert!(matches!(
            respond(&input, TODAY),
            Ok(Action::Respond { response }) if response.learning.is_none() && response.outstanding_actions.is_none()
        ));
    }

    #[test]
    fn a_response_carries_remedies_outstanding_actions_and_learning() {
        let input = ResponseInput {
            on: DateParts::of(TODAY),
            outcome: Outcome::PartlyUpheld,
            reasons: "The crew missed your street.".into(),
            remedies: vec![Remedy::Action, Remedy::Apology, Remedy::Action],
            outstanding_actions: " A new bin by Friday ".into(),
            learning: "Retrain the crew".into(),
        };
        let Ok(Action::Respond { response }) = respond(&input, TODAY) else {
            panic!("a full response parses");
        };
        assert_eq!(response.remedies, [Remedy::Apology, Remedy::Action]);
        assert_eq!(
            response.outstanding_actions.as_ref().map(|t| t.as_str()),
            Some("A new bin by Friday")
        );
        assert_eq!(
            response.learning.as_ref().map(|t| t.as_str()),
            Some("Retrain the crew")
        );
        let too_long = ResponseInput {
            learning: "x".repeat(20_000),
            ..input
        };
        let errors = respond(&too_long, TODAY).unwrap_err();
        assert_eq!(
            from_field_errors("respond", &errors)[0].target.as_deref(),
            Some("respond-learning")
        );
    }

    #[test]
    fn closing_and_the_ombudsman_take_a_date_not_in_the_future() {
        assert_eq!(
            close(&DateParts::of(TODAY), TODAY),
            Ok(Action::Close { on: Some(TODAY) })
        );
        let tomorrow = DateParts::of(date!(2026 - 11 - 25));
        assert!(close(&tomorrow, TODAY).is_err());
        assert_eq!(
            refer_to_ombudsman(Ombudsman::Lgsco, &DateParts::of(TODAY), TODAY),
            Ok(Action::ReferToOmbudsman {
                ombudsman: Ombudsman::Lgsco,
                on: TODAY
            })
        );
        let errors = ombudsman_decision(OmbudsmanDecision::NoFault, &tomorrow, TODAY).unwrap_err();
        assert_eq!(
            from_field_errors("decision", &errors)[0].target.as_deref(),
            Some("decision-date-day")
        );
        assert_eq!(
            ombudsman_name(Ombudsman::Lgsco),
            "Local Government and Social Care Ombudsman"
        );
    }

    #[test]
    fn an_extension_needs_a_real_date_and_a_reason() {
        let errors = extend(&DateParts::default(), "").unwrap_err();
        let shown = from_field_errors("extend", &errors);
        let targets: Vec<_> = shown.iter().filter_map(|e| e.target.as_deref()).collect();
        assert_eq!(targets, ["extend-date-day", "extend-reason"]);
        let later = date!(2027 - 01 - 08);
        assert!(matches!(
            extend(&DateParts::of(later), "Waiting for the contractor's report"),
            Ok(Action::Extend { to, .. }) if to == later
        ));
    }

    #[test]
    fn escalation_handler_is_optional() {
        assert_eq!(
            escalate(&DateParts::of(TODAY), "", TODAY),
            Ok(Action::Escalate {
                requested_on: TODAY,
                handler: None
            })
        );
        assert!(matches!(
            escalate(&DateParts::of(TODAY), "ben-morgan", TODAY),
            Ok(Action::Escalate {
                handler: Some(_),
                ..
            })
        ));
        assert!(assign(" ").is_err());
    }

    #[test]
    fn a_logged_case_is_checked_by_the_shared_parsers() {
        let now = time::macros::datetime!(2026-11-24 09:30 UTC);
        let empty = LogInput {
            received: DateParts::default(),
            ..LogInput::default()
        };
        let errors = log_case(&empty, &["waste"], now).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        for field in [
            Field::Date,
            Field::Kind,
            Field::Service,
            Field::WhatHappened,
            Field::Name,
        ] {
            assert!(fields.contains(&field), "{field:?} in {fields:?}");
        }
        let input = LogInput {
            channel: Channel::Letter,
            kind: "complaint".into(),
            service: "waste".into(),
            received: DateParts::of(date!(2026 - 11 - 20)),
            what_happened: "The bin was missed.".into(),
            put_right: "Collect it.".into(),
            name: "Rhian Evans".into(),
            email: "rhian@example.com".into(),
            phone: String::new(),
        };
        let log = log_case(&input, &["waste"], now).unwrap();
        assert_eq!(log.channel, Channel::Letter);
        assert_eq!(
            log.received_at,
            time::macros::datetime!(2026-11-20 12:00 UTC)
        );
        let today = LogInput {
            received: DateParts::of(date!(2026 - 11 - 24)),
            ..input
        };
        assert_eq!(log_case(&today, &["waste"], now).unwrap().received_at, now);
    }

    #[test]
    fn ending_or_reclassifying_needs_a_reason() {
        let today = DateParts::of(TODAY);
        for what in WithReason::ALL {
            assert_eq!(WithReason::from_value(what.value()), Some(what));
            let errors = with_reason(what, "", "", &today, TODAY).unwrap_err();
            let targets: Vec<_> = from_field_errors("reason", &errors)
                .into_iter()
                .filter_map(|e| e.target)
                .collect();
            // Only a refusal asks for its ground, first as its select comes first.
            let expected: &[&str] = match what {
                WithReason::NotAccept => &["reason-ground", "reason-reason"],
                _ => &["reason-reason"],
            };
            assert_eq!(targets, expected);
        }
        let earlier = date!(2026 - 10 - 2);
        assert_eq!(
            with_reason(
                WithReason::NotAccept,
                "Over a year after the works",
                "out_of_time",
                &DateParts::of(earlier),
                TODAY
            ),
            Ok(Action::NotAccept {
                reason: LongText::parse(Field::Reason, "Over a year after the works").unwrap(),
                on: Some(earlier),
                ground: Some(RefusalGround::OutOfTime),
            })
        );
        let errors = with_reason(WithReason::NotAccept, "Late", "late", &today, TODAY).unwrap_err();
        assert_eq!(
            from_field_errors("reason", &errors)[0].target.as_deref(),
            Some("reason-ground")
        );
        // A withdrawal dated tomorrow is refused on the date; reclassifying takes none.
        let tomorrow = DateParts::of(date!(2026 - 11 - 25));
        let errors =
            with_reason(WithReason::Withdraw, "Resolved", "", &tomorrow, TODAY).unwrap_err();
        assert_eq!(
            from_field_errors("reason", &errors)[0].target.as_deref(),
            Some("reason-date-day")
        );
        assert!(with_reason(WithReason::Reclassify, "A missed bin", "", &tomorrow, TODAY).is_ok());
    }

    #[test]
    fn stage_2_cannot_go_to_whoever_handled_stage_1() {
        use feedback_shared::case::{Actor, Rules};
        use feedback_shared::{Calendar, CouncilId, Kind, Policy};
        let (calendar, policy) = (Calendar::bundled(), Policy::default());
        let rules = Rules {
            calendar: &calendar,
            policy: &policy,
        };
        let (mut case, _) = Case::receive(
            rules,
            CouncilId::parse("demo").unwrap(),
            Reference::new("DEMO", 2026, 42).unwrap(),
            Kind::Complaint,
            Channel::Web,
            time::macros::datetime!(2026-11-23 10:00 UTC),
            Actor::Resident,
        );
        case.apply(
            rules,
            Actor::Officer(OfficerId("ann-jones".into())),
            time::macros::datetime!(2026-11-23 11:00 UTC),
            Action::Assign {
                officer: OfficerId("ann-jones".into()),
            },
        )
        .unwrap();
        assert_eq!(stage1_handlers(&case), vec!["ann-jones".to_owned()]);
        let refused = check_stage2_handler(&case, "escalate-officer", " ann-jones ").unwrap_err();
        assert_eq!(refused.target.as_deref(), Some("escalate-officer"));
        assert!(
            refused.message.starts_with("ann-jones handled stage 1"),
            "{}",
            refused.message
        );
        assert_eq!(
            check_stage2_handler(&case, "escalate-officer", "ben-morgan"),
            Ok(())
        );
        assert_eq!(check_stage2_handler(&case, "escalate-officer", ""), Ok(()));
    }

    #[test]
    fn a_problem_without_fields_is_one_message_for_the_whole_form() {
        let problem = Problem {
            kind: "https://council-feedback.example/problems/not-allowed-now".into(),
            title: "Conflict".into(),
            status: 409,
            detail: "the case is already acknowledged".into(),
            errors: Vec::new(),
        };
        assert_eq!(
            from_problem("acknowledge", &problem),
            vec![FormError {
                target: None,
                message: "The case is already acknowledged".into()
            }]
        );
        let with_field = Problem {
            errors: vec![FieldProblem {
                field: Field::Date,
                key: "date.invalid".into(),
                message: "Enter a real date".into(),
            }],
            ..problem
        };
        let shown = from_problem("acknowledge", &with_field);
        assert_eq!(
            message_for(&shown, "acknowledge-date-day").as_deref(),
            Some("Enter a real date")
        );
    }
}
