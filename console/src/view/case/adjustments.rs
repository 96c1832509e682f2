//! The case page's "Reasonable adjustments" (Code 5.6): what was agreed with the resident
//! (the needs met, the format and contact method every message follows, who agreed them
//! and the review date), the form to record or change them, the form to record a review
//! (kept, changed or ended, with a note and the next date), and the timeline's words for
//! both. While messages are not emailed, a warning says the officer is sent each one to
//! post, phone or produce. Sent as the other action forms are, so a failed request keeps
//! what was typed.

use super::{Acting, Load, send};
use crate::api::Session;
use crate::deadline::long_date;
use crate::forms::{DateParts, control_id};
use crate::view::fields::{DateInput, TextArea};
use feedback_shared::case::{
    Action, AdjustmentTerms, AgreedAdjustments, Delivery, Format, ReviewDecision, delivery,
};
use feedback_shared::contact::{Adjustment, ContactMethod};
use feedback_shared::input::{LongText, PastDate};
use feedback_shared::{Field, FieldErrors, Reference};
use leptos::prelude::*;
use time::Date;

const NEEDS: [Adjustment; 9] = [
    Adjustment::LargePrint,
    Adjustment::EasyRead,
    Adjustment::PhoneInsteadOfWriting,
    Adjustment::WritingInsteadOfPhone,
    Adjustment::Advocate,
    Adjustment::ExtraTime,
    Adjustment::SinglePointOfContact,
    Adjustment::Interpreter,
    Adjustment::Other,
];
const FORMATS: [(Format, &str, &str); 3] = [
    (Format::Standard, "standard", "Standard"),
    (Format::LargePrint, "large_print", "Large print"),
    (Format::EasyRead, "easy_read", "Easy read"),
];
const CONTACTS: [(ContactMethod, &str, &str); 3] = [
    (ContactMethod::Email, "email", "By email"),
    (ContactMethod::Post, "post", "By post"),
    (ContactMethod::Phone, "phone", "By phone"),
];
const DECISIONS: [(ReviewDecision, &str, &str); 3] = [
    (ReviewDecision::Kept, "kept", "Kept as they are"),
    (
        ReviewDecision::Changed,
        "changed",
        "Changed (record the new terms too)",
    ),
    (ReviewDecision::Ended, "ended", "Ended: no longer needed"),
];

/// The terms typed: the review date must be a real date (the server refuses one passed).
fn terms(
    needs: Vec<Adjustment>,
    notes: &str,
    format: Format,
    contact: ContactMethod,
    review_by: &DateParts,
) -> Result<Action, FieldErrors> {
    let mut errors = FieldErrors::default();
    let notes = if notes.trim().is_empty() {
        None
    } else {
        errors.take(LongText::parse(Field::Adjustments, notes))
    };
    let review_by = errors.take(
        PastDate::parse_parts(
            Field::Date,
            &review_by.day,
            &review_by.month,
            &review_by.year,
            Date::MAX,
        )
        .map(PastDate::date),
    );
    match review_by {
        Some(review_by) if errors.is_empty() => Ok(Action::AgreeAdjustments {
            terms: AdjustmentTerms {
                needs,
                notes,
                format,
                contact,
                review_by,
            },
        }),
        _ => Err(errors),
    }
}

/// A review: a note, and the next date unless the adjustments ended.
fn review(decision: ReviewDecision, note: &str, next: &DateParts) -> Result<Action, FieldErrors> {
    let mut errors = FieldErrors::default();
    let note = errors.take(LongText::parse(Field::Note, note));
    let next_review = if decision == ReviewDecision::Ended {
        None
    } else {
        errors.take(
            PastDate::parse_parts(Field::Date, &next.day, &next.month, &next.year, Date::MAX)
                .map(PastDate::date),
        )
    };
    match note {
        Some(note) if errors.is_empty() => Ok(Action::ReviewAdjustments {
            decision,
            note,
            next_review,
        }),
        _ => Err(errors),
    }
}

fn need(need: Adjustment) -> &'static str {
    match need {
        Adjustment::LargePrint => "large print",
        Adjustment::EasyRead => "easy read",
        Adjustment::PhoneInsteadOfWriting => "phone instead of writing",
        Adjustment::WritingInsteadOfPhone => "writing instead of phone",
        Adjustment::Advocate => "an advocate",
        Adjustment::ExtraTime => "extra time",
        Adjustment::SinglePointOfContact => "a single point of contact",
        Adjustment::Interpreter => "an interpreter",
        Adjustment::Other => "other",
    }
}

fn contact(method: ContactMethod) -> &'static str {
    match method {
        ContactMethod::Email => "by email",
        ContactMethod::Phone => "by phone",
        ContactMethod::Post => "by post",
    }
}

fn format(format: Format) -> &'static str {
    match format {
        Format::Standard => "",
        Format::LargePrint => ", in large print",
        Format::EasyRead => ", in easy read",
    }
}

/// The timeline's title and words for an adjustments event.
pub(super) fn describe(action: &Action) -> Option<(String, String)> {
    Some(match action {
        Action::AgreeAdjustments { terms } => {
            let needs: Vec<_> = terms.needs.iter().map(|n| need(*n)).collect();
            let needs = if needs.is_empty() {
                String::new()
            } else {
                format!("{}. ", needs.join(", "))
            };
            (
                "Adjustments agreed".into(),
                format!(
                    "{needs}Contact {}{}. Review by {}",
                    contact(terms.contact),
                    format(terms.format),
                    long_date(terms.review_by)
                ),
            )
        }
        Action::ReviewAdjustments {
            decision,
            note,
            next_review,
        } => {
            let title = match decision {
                ReviewDecision::Kept => "Adjustments reviewed: kept",
                ReviewDecision::Changed => "Adjustments reviewed: changed",
                ReviewDecision::Ended => "Adjustments ended",
            };
            let next = next_review
                .map(|d| format!(" Next review by {}.", long_date(d)))
                .unwrap_or_default();
            (title.into(), format!("{note}{next}"))
        }
        _ => return None,
    })
}

/// Which way an officer must send the resident's messages, in words, when not by email.
fn officer_task(delivery: &Delivery) -> Option<String> {
    match delivery {
        Delivery::Officer {
            contact: c,
            format: f,
        } => Some(format!(
            "Messages to this resident are not emailed to them: each one comes to the case's officer to send {}{}.",
            contact(*c),
            format(*f)
        )),
        Delivery::Email(_) | Delivery::Nobody => None,
    }
}

/// What was agreed, as a GOV.UK summary list.
#[component]
fn Agreed(agreed: AgreedAdjustments) -> impl IntoView {
    let needs: Vec<_> = agreed.needs.iter().map(|n| need(*n)).collect();
    let row = |key: &'static str, value: String| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value">{value}</dd>
            </div>
        }
    };
    let format_words = match agreed.format {
        Format::Standard => "Standard".to_owned(),
        other => format(other).trim_start_matches(", in ").to_owned(),
    };
    let review = agreed
        .review_by
        .map(long_date)
        .unwrap_or_else(|| "Ended".to_owned());
    let reviews: Vec<String> = agreed
        .reviews
        .iter()
        .map(|r| {
            let what = match r.decision {
                ReviewDecision::Kept => "kept",
                ReviewDecision::Changed => "changed",
                ReviewDecision::Ended => "ended",
            };
            format!("{} by {}: {what}. {}", long_date(r.on), r.by, r.note)
        })
        .collect();
    view! {
        <dl class="govuk-summary-list" id="adjustments-agreed">
            {row("Needs met", if needs.is_empty() { "None listed".to_owned() } else { needs.join(", ") })}
            {row("How they are met", agreed.notes.clone().unwrap_or_default())}
            {row("Format", format_words)}
            {row("Contact", contact(agreed.contact).trim_start_matches("by ").to_owned())}
            {row("Agreed", format!("{} by {}", long_date(agreed.agreed_on), agreed.agreed_by))}
            {row("Review by", review)}
            {(!reviews.is_empty()).then(|| row("Reviews", reviews.join(" ")))}
        </dl>
    }
}

/// A set of GOV.UK radios bound to `value` (the option's wire name).
#[component]
fn Radios(
    /// The group's name; each option's id is `{name}-{value}`.
    name: &'static str,
    legend: &'static str,
    options: Vec<(&'static str, &'static str)>,
    value: RwSignal<&'static str>,
) -> impl IntoView {
    view! {
        <div class="govuk-form-group">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <div class="govuk-radios govuk-radios--small">
                    {options.into_iter().map(|(wire, words)| {
                        let id = format!("{name}-{wire}");
                        view! {
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" type="radio" id=id.clone() name=name value=wire
                                    prop:checked=move || value.get() == wire
                                    on:change=move |_| value.set(wire) />
                                <label class="govuk-label govuk-radios__label" for=id>{words}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// The section, with its forms. Drawn once, so what is typed survives a failed send.
#[component]
pub(super) fn ReasonableAdjustments(
    acting: Acting,
    session: Session,
    reference: Reference,
) -> impl IntoView {
    let detail = move || match acting.detail.get() {
        Load::Loaded(detail) => Some(detail),
        _ => None,
    };
    let agreed = move || detail().and_then(|d| d.case.adjustments);
    let in_force = move || agreed().is_some_and(|a| a.in_force());
    let unfinished = move || detail().is_some_and(|d| !d.case.status.is_finished());
    let task = move || {
        detail().and_then(|d| {
            officer_task(&delivery(&d.details.submitter, d.case.adjustments.as_ref()))
        })
    };
    let errors = acting.errors;

    let chosen = RwSignal::new(Vec::<Adjustment>::new());
    let notes = RwSignal::new(String::new());
    let format_choice = RwSignal::new("standard");
    let contact_choice = RwSignal::new("post");
    let review_by = RwSignal::new(DateParts::default());
    let on_agree = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let format_value = FORMATS
                .iter()
                .find(|f| f.1 == format_choice.get_untracked())
                .map_or(Format::Standard, |f| f.0);
            let contact_value = CONTACTS
                .iter()
                .find(|c| c.1 == contact_choice.get_untracked())
                .map_or(ContactMethod::Post, |c| c.0);
            let parsed = terms(
                chosen.get_untracked(),
                &notes.get_untracked(),
                format_value,
                contact_value,
                &review_by.get_untracked(),
            );
            send(
                acting,
                session.clone(),
                reference.clone(),
                "adjust",
                parsed,
                "Adjustments recorded",
                move || {
                    chosen.set(Vec::new());
                    notes.set(String::new());
                    review_by.set(DateParts::default());
                },
            );
        }
    };

    let decision = RwSignal::new("kept");
    let note = RwSignal::new(String::new());
    let next = RwSignal::new(DateParts::default());
    let on_review = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let decided = DECISIONS
                .iter()
                .find(|d| d.1 == decision.get_untracked())
                .map_or(ReviewDecision::Kept, |d| d.0);
            let parsed = review(decided, &note.get_untracked(), &next.get_untracked());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "review",
                parsed,
                "Adjustments review recorded",
                move || {
                    note.set(String::new());
                    next.set(DateParts::default());
                },
            );
        }
    };

    view! {
        <Show when=move || detail().is_some()>
            <h2 class="govuk-heading-m" id="adjustments-heading">"Reasonable adjustments"</h2>
            {move || task().map(|words| view! {
                <div class="govuk-warning-text" id="adjustments-task">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        {words}
                    </strong>
                </div>
            })}
            {move || match agreed() {
                Some(agreed) => view! { <Agreed agreed=agreed /> }.into_any(),
                None => view! { <p class="govuk-body">"No adjustments have been agreed on this case."</p> }.into_any(),
            }}
        </Show>
        <Show when=unfinished>
            <form novalidate on:submit=on_agree.clone()>
                <h3 class="govuk-heading-s">"Record the adjustments agreed"</h3>
                <div class="govuk-form-group">
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Needs met"</legend>
                        <div class="govuk-checkboxes govuk-checkboxes--small">
                            {NEEDS.into_iter().map(|n| {
                                let id = format!("adjust-need-{}", need(n).replace(' ', "-"));
                                view! {
                                    <div class="govuk-checkboxes__item">
                                        <input class="govuk-checkboxes__input" type="checkbox" id=id.clone() name="adjust-needs"
                                            prop:checked=move || chosen.get().contains(&n)
                                            on:change=move |_| chosen.update(|c| if c.contains(&n) { c.retain(|x| *x != n) } else { c.push(n) }) />
                                        <label class="govuk-label govuk-checkboxes__label" for=id>{need(n)}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
                <TextArea id=control_id("adjust", Field::Adjustments) label="How they are met (optional)" hint="For the case record: it may hold health details, and is removed with the case's personal data." value=notes errors=errors rows=2 />
                <Radios name="adjust-format" legend="Format of letters" options=FORMATS.iter().map(|f| (f.1, f.2)).collect() value=format_choice />
                <Radios name="adjust-contact" legend="Contact them" options=CONTACTS.iter().map(|c| (c.1, c.2)).collect() value=contact_choice />
                <DateInput form="adjust" legend="Review by" value=review_by errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Record the adjustments"</button>
            </form>
        </Show>
        <Show when=move || unfinished() && in_force()>
            <form novalidate on:submit=on_review.clone()>
                <h3 class="govuk-heading-s">"Record a review"</h3>
                <Radios name="review-decision" legend="What was decided" options=DECISIONS.iter().map(|d| (d.1, d.2)).collect() value=decision />
                <TextArea id=control_id("review", Field::Note) label="What was discussed" value=note errors=errors rows=2 />
                <DateInput form="review" legend="Next review by (not needed when ended)" value=next errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Record the review"</button>
            </form>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use feedback_shared::Field;
    use feedback_shared::case::AdjustmentTerms;
    use feedback_shared::input::LongText;
    use time::macros::date;

    #[test]
    fn the_timeline_says_what_was_agreed_and_when_it_is_reviewed() {
        let agreed = Action::AgreeAdjustments {
            terms: AdjustmentTerms {
                needs: vec![Adjustment::LargePrint, Adjustment::Advocate],
                notes: None,
                format: Format::LargePrint,
                contact: ContactMethod::Post,
                review_by: date!(2027 - 05 - 24),
            },
        };
        let (title, words) = describe(&agreed).unwrap();
        assert_eq!(title, "Adjustments agreed");
        assert!(words.starts_with("large print, an advocate. Contact by post, in large print."));
        assert!(words.contains("Review by"), "{words}");
        let ended = Action::ReviewAdjustments {
            decision: ReviewDecision::Ended,
            note: LongText::parse(Field::Note, "No longer needed").unwrap(),
            next_review: None,
        };
        assert_eq!(
            describe(&ended).unwrap(),
            ("Adjustments ended".into(), "No longer needed".into())
        );
    }

    fn parts(day: &str, month: &str, year: &str) -> DateParts {
        DateParts {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    #[test]
    fn the_forms_need_a_review_date_and_a_note_but_not_a_date_to_end() {
        let errors = terms(
            vec![],
            "",
            Format::Standard,
            ContactMethod::Post,
            &parts("", "", ""),
        )
        .unwrap_err();
        let targets: Vec<_> = crate::forms::from_field_errors("adjust", &errors)
            .into_iter()
            .filter_map(|e| e.target)
            .collect();
        assert_eq!(targets, ["adjust-date-day"]);
        let errors = review(ReviewDecision::Kept, "", &parts("", "", "")).unwrap_err();
        let targets: Vec<_> = crate::forms::from_field_errors("review", &errors)
            .into_iter()
            .filter_map(|e| e.target)
            .collect();
        assert_eq!(targets, ["review-note", "review-date-day"]);
        assert!(review(ReviewDecision::Ended, "Not needed", &parts("", "", "")).is_ok());
    }
}
