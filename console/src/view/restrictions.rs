//! Contact restrictions (managers only), after unreasonable behaviour: the council's
//! restrictions in force and ended, recording one (what is restricted, the behaviour,
//! who decided, when it was explained, the review date), reading one with its reviews and
//! reviewing it (continued to a new date, or ended with the reason); and the banner every
//! case page of a restricted person carries.
//!
//! Every form keeps what was typed when a request fails, and shows GOV.UK's error summary
//! with the server's field errors beside their controls.

use super::fields::{Banner, DateInput, ErrorSummary, TextArea, TextInput, show_errors};
use super::{Console, Link};
use crate::api::{Failure, Session};
use crate::deadline::long_date;
use crate::forms::{DateParts, FormError, message_for, sentence};
use crate::restrictions as calls;
use crate::route::Route;
use feedback_shared::Field;
use feedback_shared::restriction::{
    Restricted, RestrictedChannel, Restriction, RestrictionKind, ReviewOutcome,
};
use feedback_shared::wire::{RestrictionDraft, RestrictionNotice, RestrictionReviewDraft};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The record form's id prefix (`restriction-name`, …) and the review form's.
const RECORD: &str = "restriction";
const REVIEW: &str = "review";

/// The id of `field`'s control: a date's day box (where the summary sends the officer),
/// else `{form}-{field}`; a group of checkboxes or radios is its first input.
fn control(form: &str, field: Field) -> String {
    match field {
        Field::DecidedOn => "restriction-decided-date-day".into(),
        Field::ExplainedOn => "restriction-explained-date-day".into(),
        Field::ReviewOn => "restriction-review-date-day".into(),
        Field::NextReview => "review-next-date-day".into(),
        other => format!("{form}-{}", other.name()),
    }
}

/// The errors to show for a failed call (or `None` after signing out).
fn errors_of(form: &str, failure: Failure) -> Option<Vec<FormError>> {
    if failure.is_unauthenticated() {
        Console::get().sign_out();
        return None;
    }
    Some(match failure {
        Failure::Problem(problem) if !problem.errors.is_empty() => problem
            .errors
            .iter()
            .map(|e| FormError {
                target: Some(control(form, e.field)),
                message: e.message.clone(),
            })
            .collect(),
        Failure::Problem(problem) => vec![FormError {
            target: None,
            message: sentence(&problem.detail),
        }],
        other => vec![FormError {
            target: None,
            message: other.message(),
        }],
    })
}

/// The three boxes as the API's `YYYY-MM-DD`: padded when they are numbers, else as typed
/// (which the server refuses as not a real date); blank when all are blank.
fn iso(parts: &DateParts) -> String {
    let (d, m, y) = (parts.day.trim(), parts.month.trim(), parts.year.trim());
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return String::new();
    }
    match (d.parse::<u8>(), m.parse::<u8>(), y.len() == 4) {
        (Ok(d), Ok(m), true) => format!("{y}-{m:02}-{d:02}"),
        _ => format!("{y}-{m}-{d}"),
    }
}

/// What is restricted, one line each.
fn restricted_list(items: &[Restricted]) -> impl IntoView + use<> {
    let lines: Vec<String> = items.iter().map(Restricted::describe).collect();
    view! {
        <ul class="govuk-list govuk-list--bullet">
            {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
        </ul>
    }
}

/// MOJ's status tag: in force or ended.
fn status_tag(r: &Restriction) -> impl IntoView + use<> {
    if r.is_active() {
        view! { <strong class="govuk-tag govuk-tag--red">"In force"</strong> }.into_any()
    } else {
        view! { <strong class="govuk-tag govuk-tag--grey">"Ended"</strong> }.into_any()
    }
}

/// The banner on a case page: each restriction in force on its resident, what it
/// restricts and when it is reviewed. It says the case is handled as any other.
#[component]
pub fn RestrictionBanner(restrictions: Vec<RestrictionNotice>) -> impl IntoView {
    (!restrictions.is_empty()).then(|| {
        view! {
            <div class="govuk-notification-banner" role="region" aria-labelledby="restriction-banner-title" id="restriction-banner">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="restriction-banner-title">"Contact restriction"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">
                        "This person's contact with the council is restricted. Their complaint is still handled as any other."
                    </p>
                    {restrictions.into_iter().map(|r| view! {
                        {restricted_list(&r.restricted)}
                        <p class="govuk-body">
                            {format!("Decided by {} on {}. Review by {}.", r.decided_by_name, long_date(r.decided_on), long_date(r.review_on))}
                        </p>
                    }).collect_view()}
                </div>
            </div>
        }
    })
}

/// The council's restrictions, in force and ended.
#[component]
pub fn RestrictionsPage(session: Session) -> impl IntoView {
    let console = Console::get();
    let flash = console.flash.get_untracked();
    console.flash.set(None);
    let list = RwSignal::new(None::<Result<Vec<Restriction>, String>>);
    spawn_local(async move {
        match calls::list(&session).await {
            Ok(all) => list.set(Some(Ok(all))),
            Err(f) if f.is_unauthenticated() => Console::get().sign_out(),
            Err(f) => list.set(Some(Err(f.message()))),
        }
    });
    view! {
        {flash.map(|message| view! { <Banner message=message /> })}
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Contact restrictions"</h1>
        <p class="govuk-body">
            "A restriction limits how a person contacts the council after unreasonable behaviour. It never stops their complaints being logged and handled, and it shows on each of their cases. Ended restrictions stay on record."
        </p>
        <p class="govuk-body">
            <Link to=Route::NewRestriction class="govuk-button">"Record a restriction"</Link>
        </p>
        {move || match list.get() {
            None => view! { <p class="govuk-body" role="status">"Loading the restrictions…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
            Some(Ok(all)) if all.is_empty() => view! { <p class="govuk-body">"No restriction has been recorded."</p> }.into_any(),
            Some(Ok(all)) => view! {
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--m">"Restrictions"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Person"</th>
                            <th scope="col" class="govuk-table__header">"Restricted"</th>
                            <th scope="col" class="govuk-table__header">"Status"</th>
                            <th scope="col" class="govuk-table__header">"Review by"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {all.into_iter().map(|r| {
                            let kinds = r.restricted.iter().map(|x| x.describe()).collect::<Vec<_>>().join("; ");
                            let review = if r.is_active() { long_date(r.review_on) } else { "–".to_owned() };
                            let (to, person, tag) = (Route::Restriction(r.id.clone()), r.person.name.clone(), status_tag(&r));
                            view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell"><Link to=to>{person}</Link></td>
                                    <td class="govuk-table__cell">{kinds}</td>
                                    <td class="govuk-table__cell">{tag}</td>
                                    <td class="govuk-table__cell">{review}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}

/// A fieldset of checkboxes or radios with its error, GOV.UK style; the first input has
/// the group's id, where the error summary sends the officer.
#[component]
fn Choices(
    /// The group's id (`restriction-restrictions`).
    id: String,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// `checkbox` or `radio`.
    kind: &'static str,
    /// (value, words) of each choice.
    options: Vec<(&'static str, &'static str)>,
    chosen: RwSignal<Vec<&'static str>>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let message = {
        let id = id.clone();
        move || message_for(&errors.get(), &id)
    };
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = {
        let (message, hint_id, error_id) = (message.clone(), hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let group = {
        let message = message.clone();
        move || {
            if message().is_some() {
                "govuk-form-group govuk-form-group--error"
            } else {
                "govuk-form-group"
            }
        }
    };
    let (list_class, item_class, input_class, label_class) = if kind == "radio" {
        (
            "govuk-radios govuk-radios--small",
            "govuk-radios__item",
            "govuk-radios__input",
            "govuk-label govuk-radios__label",
        )
    } else {
        (
            "govuk-checkboxes govuk-checkboxes--small",
            "govuk-checkboxes__item",
            "govuk-checkboxes__input",
            "govuk-label govuk-checkboxes__label",
        )
    };
    let name = id.clone();
    view! {
        <div class=group>
            <fieldset class="govuk-fieldset" aria-describedby=described>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {hint.map(|hint| view! { <div id=hint_id.clone() class="govuk-hint">{hint}</div> })}
                {move || message().map(|m| view! {
                    <p id=error_id.clone() class="govuk-error-message">
                        <span class="govuk-visually-hidden">"Error: "</span>{m}
                    </p>
                })}
                <div class=list_class>
                    {options.into_iter().enumerate().map(|(i, (value, words))| {
                        let input_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
                        let name = name.clone();
                        view! {
                            <div class=item_class>
                                <input class=input_class type=kind id=input_id.clone() name=name value=value
                                    prop:checked=move || chosen.get().contains(&value)
                                    on:change=move |_| chosen.update(|c| {
                                        if kind == "radio" {
                                            *c = vec![value];
                                        } else if c.contains(&value) {
                                            c.retain(|x| *x != value);
                                        } else {
                                            c.push(value);
                                        }
                                    }) />
                                <label class=label_class for=input_id>{words}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// Recording a restriction.
#[component]
pub fn NewRestrictionPage(session: Session) -> impl IntoView {
    let console = Console::get();
    let errors = RwSignal::new(Vec::<FormError>::new());
    let text = || RwSignal::new(String::new());
    let (name, email, phone) = (text(), text(), text());
    let (officer, times, other, behaviour) = (text(), text(), text(), text());
    let decided_by_name = RwSignal::new(session.name.clone());
    let kinds = RwSignal::new(Vec::<&'static str>::new());
    let channel = RwSignal::new(Vec::<&'static str>::new());
    let today = super::today();
    let decided = RwSignal::new(DateParts::of(today));
    let explained = RwSignal::new(DateParts::of(today));
    let review = RwSignal::new(DateParts::default());
    let busy = RwSignal::new(false);
    let has = move |kind: RestrictionKind| move || kinds.get().contains(&kind.name());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let draft = RestrictionDraft {
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            kinds: kinds
                .get_untracked()
                .iter()
                .map(|k| (*k).to_owned())
                .collect(),
            contact_officer: officer.get_untracked(),
            channel: channel
                .get_untracked()
                .first()
                .copied()
                .unwrap_or_default()
                .to_owned(),
            times: times.get_untracked(),
            other: other.get_untracked(),
            behaviour: behaviour.get_untracked(),
            decided_by: String::new(),
            decided_by_name: decided_by_name.get_untracked(),
            decided_on: iso(&decided.get_untracked()),
            explained_on: iso(&explained.get_untracked()),
            review_on: iso(&review.get_untracked()),
        };
        let session = session.clone();
        busy.set(true);
        spawn_local(async move {
            match calls::record(&session, &draft).await {
                Ok(r) => {
                    console.flash.set(Some(format!(
                        "The restriction on {} is recorded: review by {}",
                        r.person.name,
                        long_date(r.review_on)
                    )));
                    console.go(Route::Restrictions);
                }
                Err(failure) => {
                    if let Some(list) = errors_of(RECORD, failure) {
                        show_errors(errors, list);
                    }
                }
            }
            busy.set(false);
        });
    };
    let kind_options: Vec<(&'static str, &'static str)> = RestrictionKind::ALL
        .iter()
        .map(|k| (k.name(), k.label()))
        .collect();
    let channel_options: Vec<(&'static str, &'static str)> = RestrictedChannel::ALL
        .iter()
        .map(|c| (c.name(), c.label()))
        .collect();
    view! {
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Record a contact restriction"</h1>
        <p class="govuk-body">"It never stops the person's complaints being logged and handled. "
            <Link to=Route::Restrictions>"Back to restrictions"</Link>
        </p>
        <form novalidate on:submit=submit>
            <h2 class="govuk-heading-m">"Who it is about"</h2>
            <TextInput id=control(RECORD, Field::Name) label="Full name" value=name errors=errors />
            <TextInput id=control(RECORD, Field::Email) label="Email address (optional)" hint="Their cases are matched by email address or phone number; by name only when neither is given." value=email errors=errors />
            <TextInput id=control(RECORD, Field::Phone) label="Phone number (optional)" value=phone errors=errors />
            <h2 class="govuk-heading-m">"What is restricted"</h2>
            <Choices id=control(RECORD, Field::Restrictions) legend="Restrictions" hint="Select all that apply." kind="checkbox" options=kind_options chosen=kinds errors=errors />
            <Show when=has(RestrictionKind::SinglePointOfContact)>
                <TextInput id=control(RECORD, Field::ContactOfficer) label="Single point of contact: the officer's name" value=officer errors=errors />
            </Show>
            <Show when=has(RestrictionKind::OneChannel)>
                <Choices id=control(RECORD, Field::Channel) legend="The one way they may contact us" kind="radio" options=channel_options.clone() chosen=channel errors=errors />
            </Show>
            <Show when=has(RestrictionKind::SetTimes)>
                <TextInput id=control(RECORD, Field::Times) label="The times they may contact us" hint="For example, Tuesdays 10am to 12pm" value=times errors=errors />
            </Show>
            <Show when=has(RestrictionKind::Other)>
                <TextArea id=control(RECORD, Field::OtherRestriction) label="The other restriction" value=other errors=errors rows=2 />
            </Show>
            <TextArea id=control(RECORD, Field::Behaviour) label="The behaviour that led to it" hint="Kept on the restriction's record; never shown on the person's cases." value=behaviour errors=errors rows=4 />
            <h2 class="govuk-heading-m">"The decision"</h2>
            <TextInput id=control(RECORD, Field::DecidedByName) label="Manager who decided" value=decided_by_name errors=errors />
            <DateInput form="restriction-decided" legend="Date of the decision" value=decided errors=errors />
            <DateInput form="restriction-explained" legend="Date it was explained to them" value=explained errors=errors />
            <DateInput form="restriction-review" legend="Review by (at most 12 months after the decision)" value=review errors=errors />
            <button type="submit" class="govuk-button" id="restriction-record" aria-disabled=move || busy.get().then_some("true")>
                "Record the restriction"
            </button>
        </form>
    }
}

/// One restriction with its reviews, and the review form while it is in force.
#[component]
pub fn RestrictionPage(session: Session, id: String) -> impl IntoView {
    let errors = RwSignal::new(Vec::<FormError>::new());
    let restriction = RwSignal::new(None::<Result<Restriction, String>>);
    let banner = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(Vec::<&'static str>::new());
    let next = RwSignal::new(DateParts::default());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    {
        let (session, id) = (session.clone(), id.clone());
        spawn_local(async move {
            match calls::get(&session, &id).await {
                Ok(r) => restriction.set(Some(Ok(r))),
                Err(f) if f.is_unauthenticated() => Console::get().sign_out(),
                Err(f) => restriction.set(Some(Err(f.message()))),
            }
        });
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let draft = RestrictionReviewDraft {
            outcome: outcome
                .get_untracked()
                .first()
                .copied()
                .unwrap_or_default()
                .to_owned(),
            next_review: iso(&next.get_untracked()),
            reason: reason.get_untracked(),
        };
        let (session, id) = (session.clone(), id.clone());
        busy.set(true);
        spawn_local(async move {
            match calls::review(&session, &id, &draft).await {
                Ok(r) => {
                    errors.set(Vec::new());
                    banner.set(Some(if r.is_active() {
                        format!(
                            "The restriction continues: next review by {}",
                            long_date(r.review_on)
                        )
                    } else {
                        "The restriction has ended. It stays on record.".to_owned()
                    }));
                    restriction.set(Some(Ok(r)));
                    super::focus_later("banner-title");
                }
                Err(failure) => {
                    if let Some(list) = errors_of(REVIEW, failure) {
                        show_errors(errors, list);
                    }
                }
            }
            busy.set(false);
        });
    };
    let continues = move || outcome.get().contains(&"continue");
    let ends = move || outcome.get().contains(&"end");
    let active = move || matches!(restriction.get(), Some(Ok(r)) if r.is_active());
    view! {
        {move || banner.get().map(|message| view! { <Banner message=message /> })}
        <ErrorSummary errors=errors />
        {move || match restriction.get() {
            None => view! {
                <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Contact restriction"</h1>
                <p class="govuk-body" role="status">"Loading the restriction…"</p>
            }.into_any(),
            Some(Err(message)) => view! {
                <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Contact restriction"</h1>
                <p class="govuk-body govuk-error-message" role="alert">{message}</p>
            }.into_any(),
            Some(Ok(r)) => {
                let contact = [r.person.email.clone(), r.person.phone.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
                let ended = r.ended.clone().map(|e| format!("Ended on {} by {}: {}", long_date(e.on), e.by.0, e.reason));
                view! {
                    <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{format!("Contact restriction: {}", r.person.name)}</h1>
                    <p class="govuk-body">{status_tag(&r)}" "<Link to=Route::Restrictions>"Back to restrictions"</Link></p>
                    <dl class="govuk-summary-list">
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Matched by"</dt>
                            <dd class="govuk-summary-list__value">{if contact.is_empty() { format!("Name: {}", r.person.name) } else { contact }}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Restricted"</dt>
                            <dd class="govuk-summary-list__value">{restricted_list(&r.restricted)}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Behaviour"</dt>
                            <dd class="govuk-summary-list__value">{r.behaviour.clone()}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Decided"</dt>
                            <dd class="govuk-summary-list__value">{format!("{} by {}", long_date(r.decided_on), r.decided_by.name)}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Explained to them"</dt>
                            <dd class="govuk-summary-list__value">{long_date(r.explained_on)}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{if r.is_active() { "Review by" } else { "Ended" }}</dt>
                            <dd class="govuk-summary-list__value" id="restriction-review-by">{ended.unwrap_or_else(|| long_date(r.review_on))}</dd>
                        </div>
                    </dl>
                    {(!r.reviews.is_empty()).then(|| view! {
                        <h2 class="govuk-heading-m">"Reviews"</h2>
                        <ul class="govuk-list govuk-list--bullet">
                            {r.reviews.iter().map(|v| {
                                let what = match &v.outcome {
                                    ReviewOutcome::Continue { next_review } => format!("continued to {}", long_date(*next_review)),
                                    ReviewOutcome::End { reason } => format!("ended: {reason}"),
                                };
                                view! { <li>{format!("{} by {}: {what}", long_date(v.on), v.by.0)}</li> }
                            }).collect_view()}
                        </ul>
                    })}
                }.into_any()
            }
        }}
        <Show when=active>
            <form novalidate on:submit=submit.clone()>
                <h2 class="govuk-heading-m">"Record a review"</h2>
                <Choices id=control(REVIEW, Field::ReviewOutcome) legend="What was decided" kind="radio" options=vec![("continue", "It continues"), ("end", "It ends")] chosen=outcome errors=errors />
                <Show when=continues>
                    <DateInput form="review-next" legend="Next review by (at most 12 months from today)" value=next errors=errors />
                </Show>
                <Show when=ends>
                    <TextArea id=control(REVIEW, Field::Reason) label="Why it ends" value=reason errors=errors rows=2 />
                </Show>
                <button type="submit" class="govuk-button" id="review-record" aria-disabled=move || busy.get().then_some("true")>
                    "Record the review"
                </button>
            </form>
        </Show>
    }
}
