//! Restrictions on how a person contacts the council, after unreasonable behaviour (the
//! Ombudsman's guidance on managing unreasonable actions; West Lindsey's policy): a
//! manager decides that a person must use a single point of contact, one channel, set
//! times or some other limit, records the behaviour that led to it, when it was explained
//! to them, and a review date at most 12 months on. Reviews continue it (with a new
//! date, again at most 12 months on) or end it.
//!
//! What this module guarantees:
//! - a restriction never stops a complaint: nothing here is consulted when a case is
//!   received or logged; it is shown beside the person's cases, that is all;
//! - ended restrictions are kept on record with who ended them, when and why; nothing
//!   here deletes one. Retention: a restriction is about a person, not a case, so the
//!   case retention job does not touch it; erasing a person's cases on request does not
//!   remove it either (a known gap, said in the README): a manager ends it and the record
//!   stays, as the policy requires a record of the decision;
//! - every date rule (the review within 12 months, explained on or after the decision)
//!   is checked here, on field-level errors, for the API and the console alike.

use crate::council::OfficerId;
use crate::input::{EmailAddress, LongText, PastDate, PersonName, ShortText, UkPhone};
use crate::validation::{Field, FieldError, FieldErrors, Problem};
use serde::{Deserialize, Serialize};
use time::Date;

/// The one way a person may contact the council under a [`Restricted::OneChannel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RestrictedChannel {
    Email,
    Phone,
    Post,
    InPerson,
}

impl RestrictedChannel {
    pub const ALL: [RestrictedChannel; 4] = [
        RestrictedChannel::Email,
        RestrictedChannel::Phone,
        RestrictedChannel::Post,
        RestrictedChannel::InPerson,
    ];

    /// The name the API and the form use.
    pub fn name(self) -> &'static str {
        match self {
            RestrictedChannel::Email => "email",
            RestrictedChannel::Phone => "phone",
            RestrictedChannel::Post => "post",
            RestrictedChannel::InPerson => "in_person",
        }
    }

    /// Officers' words for it (the console is in English).
    pub fn label(self) -> &'static str {
        match self {
            RestrictedChannel::Email => "Email",
            RestrictedChannel::Phone => "Phone",
            RestrictedChannel::Post => "Post",
            RestrictedChannel::InPerson => "In person",
        }
    }
}

/// The kinds of restriction, as the form's checkboxes name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RestrictionKind {
    SinglePointOfContact,
    OneChannel,
    SetTimes,
    Other,
}

impl RestrictionKind {
    pub const ALL: [RestrictionKind; 4] = [
        RestrictionKind::SinglePointOfContact,
        RestrictionKind::OneChannel,
        RestrictionKind::SetTimes,
        RestrictionKind::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RestrictionKind::SinglePointOfContact => "single_point_of_contact",
            RestrictionKind::OneChannel => "one_channel",
            RestrictionKind::SetTimes => "set_times",
            RestrictionKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RestrictionKind::SinglePointOfContact => "Single point of contact",
            RestrictionKind::OneChannel => "One channel only",
            RestrictionKind::SetTimes => "Set times",
            RestrictionKind::Other => "Other",
        }
    }
}

/// One thing restricted, with what it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Restricted {
    /// Contact only through this named officer.
    SinglePointOfContact { officer: String },
    /// Contact only this way.
    OneChannel { channel: RestrictedChannel },
    /// Contact only at these times (free text: "Tuesdays 10:00 to 12:00").
    SetTimes { times: String },
    /// Anything else (free text).
    Other { detail: String },
}

impl Restricted {
    /// One line for a banner or a list: "Single point of contact: Ann Evans".
    pub fn describe(&self) -> String {
        match self {
            Restricted::SinglePointOfContact { officer } => {
                format!("Single point of contact: {officer}")
            }
            Restricted::OneChannel { channel } => format!("One channel only: {}", channel.label()),
            Restricted::SetTimes { times } => format!("Set times: {times}"),
            Restricted::Other { detail } => format!("Other: {detail}"),
        }
    }
}

/// Who a restriction is about, and the details their cases are matched by: the email
/// address (in lower case) and the phone number (as [`UkPhone`] normalises it); the name
/// only when neither is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestrictedPerson {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// The manager who decided: their officer id (for the review reminder) and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionMaker {
    pub id: OfficerId,
    pub name: String,
}

/// How a restriction ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ended {
    pub on: Date,
    pub by: OfficerId,
    pub reason: String,
}

/// What a review decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// It stays, until the next review.
    Continue { next_review: Date },
    /// It ends, for this reason.
    End { reason: String },
}

/// One review of a restriction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestrictionReview {
    pub on: Date,
    pub by: OfficerId,
    /// The date the review was due (the one reminded).
    pub due: Date,
    #[serde(flatten)]
    pub outcome: ReviewOutcome,
}

/// A restriction on how a person contacts the council, in force or ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Restriction {
    pub id: String,
    /// Raised by one on every change; a change is stored only over the version read.
    pub version: u64,
    pub person: RestrictedPerson,
    /// What is restricted: at least one.
    pub restricted: Vec<Restricted>,
    /// The behaviour that led to it (free text: personal data).
    pub behaviour: String,
    pub decided_by: DecisionMaker,
    pub decided_on: Date,
    /// When it was explained to the person.
    pub explained_on: Date,
    /// When it is next to be reviewed (the last review date once ended).
    pub review_on: Date,
    /// Set when a review ended it.
    #[serde(default)]
    pub ended: Option<Ended>,
    #[serde(default)]
    pub reviews: Vec<RestrictionReview>,
}

/// What a manager records, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRestriction {
    pub person: RestrictedPerson,
    pub restricted: Vec<Restricted>,
    pub behaviour: String,
    pub decided_by_name: String,
    pub decided_on: Date,
    pub explained_on: Date,
    pub review_on: Date,
}

/// The form as typed (every field a string; blank means not given), turned into a
/// [`NewRestriction`] by [`NewRestriction::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestrictionFields<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub kinds: &'a [String],
    pub contact_officer: &'a str,
    pub channel: &'a str,
    pub times: &'a str,
    pub other: &'a str,
    pub behaviour: &'a str,
    pub decided_by_name: &'a str,
    pub decided_on: &'a str,
    pub explained_on: &'a str,
    pub review_on: &'a str,
}

/// The latest review date allowed after `from`: the same day 12 months on (28 February
/// for a 29 February).
pub fn latest_review(from: Date) -> Date {
    let year = from.year() + 1;
    let day = from.day().min(from.month().length(year));
    Date::from_calendar_date(year, from.month(), day).unwrap_or(from)
}

/// A review date: after `today`, and no later than 12 months after `from`.
fn review_date(field: Field, raw: &str, from: Date, today: Date) -> Result<Date, FieldError> {
    let date = any_date(field, raw)?;
    if date <= today {
        return Err(FieldError::new(field, Problem::DateNotInFuture));
    }
    let latest = latest_review(from);
    if date > latest {
        return Err(FieldError::new(
            field,
            Problem::ReviewTooLate {
                latest: crate::labels::day_month_year(latest, crate::Language::En),
            },
        ));
    }
    Ok(date)
}

/// Any real date written `YYYY-MM-DD` (the year within what deadlines are computed for).
fn any_date(field: Field, raw: &str) -> Result<Date, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    let date = crate::input::parse_iso_date(raw)
        .map_err(|_| FieldError::new(field, Problem::NotARealDate))?;
    if !crate::deadlines::SUPPORTED_YEARS.contains(&date.year()) {
        return Err(FieldError::new(field, Problem::YearOutOfRange));
    }
    Ok(date)
}

fn given(raw: &str) -> bool {
    !raw.trim().is_empty()
}

impl NewRestriction {
    /// Every field parsed, with every bad one's error at once. `today` is the London date.
    pub fn parse(form: &RestrictionFields<'_>, today: Date) -> Result<NewRestriction, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take(PersonName::parse(Field::Name, form.name));
        let email = given(form.email)
            .then(|| errors.take(EmailAddress::parse(Field::Email, form.email)))
            .flatten()
            .map(|e| e.as_str().to_lowercase());
        let phone = given(form.phone)
            .then(|| errors.take(UkPhone::parse(Field::Phone, form.phone)))
            .flatten()
            .map(|p| p.as_str().to_owned());
        let mut restricted = Vec::new();
        let mut kinds = Vec::new();
        for raw in form.kinds {
            match RestrictionKind::ALL.iter().find(|k| k.name() == raw.trim()) {
                Some(kind) if !kinds.contains(kind) => kinds.push(*kind),
                Some(_) => {}
                None => errors.push(FieldError::new(Field::Restrictions, Problem::NotAnOption)),
            }
        }
        if form.kinds.is_empty() {
            errors.push(FieldError::new(Field::Restrictions, Problem::Required));
        }
        // In the order the form lists them, whatever order they came in.
        for kind in RestrictionKind::ALL.iter().filter(|k| kinds.contains(k)) {
            let item = match kind {
                RestrictionKind::SinglePointOfContact => errors
                    .take(PersonName::parse(
                        Field::ContactOfficer,
                        form.contact_officer,
                    ))
                    .map(|o| Restricted::SinglePointOfContact {
                        officer: o.to_string(),
                    }),
                RestrictionKind::OneChannel => {
                    let found = RestrictedChannel::ALL
                        .into_iter()
                        .find(|c| c.name() == form.channel.trim());
                    match found {
                        Some(channel) => Some(Restricted::OneChannel { channel }),
                        None => {
                            let problem = if given(form.channel) {
                                Problem::NotAnOption
                            } else {
                                Problem::Required
                            };
                            errors.push(FieldError::new(Field::Channel, problem));
                            None
                        }
                    }
                }
                RestrictionKind::SetTimes => errors
                    .take(ShortText::parse(Field::Times, form.times))
                    .map(|t| Restricted::SetTimes {
                        times: t.to_string(),
                    }),
                RestrictionKind::Other => errors
                    .take(LongText::parse(Field::OtherRestriction, form.other))
                    .map(|t| Restricted::Other {
                        detail: t.to_string(),
                    }),
            };
            restricted.extend(item);
        }
        let behaviour = errors.take(LongText::parse(Field::Behaviour, form.behaviour));
        let decided_by_name = errors.take(PersonName::parse(
            Field::DecidedByName,
            form.decided_by_name,
        ));
        let decided_on = errors.take(
            PastDate::parse_iso(Field::DecidedOn, form.decided_on, today).map(PastDate::date),
        );
        let explained_on = errors.take(
            PastDate::parse_iso(Field::ExplainedOn, form.explained_on, today).map(PastDate::date),
        );
        if let (Some(decided), Some(explained)) = (decided_on, explained_on)
            && explained < decided
        {
            errors.push(FieldError::new(Field::ExplainedOn, Problem::BeforeDecision));
        }
        let review_on = match decided_on {
            Some(decided) => {
                errors.take(review_date(Field::ReviewOn, form.review_on, decided, today))
            }
            // Without a decision date the 12 months cannot be counted; the date is still
            // checked for what can be.
            None => {
                errors.take(any_date(Field::ReviewOn, form.review_on));
                None
            }
        };
        match (
            name,
            behaviour,
            decided_by_name,
            decided_on,
            explained_on,
            review_on,
        ) {
            (
                Some(name),
                Some(behaviour),
                Some(decided_by_name),
                Some(decided_on),
                Some(explained_on),
                Some(review_on),
            ) if errors.is_empty() => Ok(NewRestriction {
                person: RestrictedPerson {
                    name: name.to_string(),
                    email,
                    phone,
                },
                restricted,
                behaviour: behaviour.to_string(),
                decided_by_name: decided_by_name.to_string(),
                decided_on,
                explained_on,
                review_on,
            }),
            _ => Err(errors),
        }
    }
}

impl Restriction {
    /// A new restriction, in force, decided by `manager` (whose id the review reminder
    /// goes to).
    pub fn record(id: String, new: NewRestriction, manager: OfficerId) -> Restriction {
        Restriction {
            id,
            version: 1,
            person: new.person,
            restricted: new.restricted,
            behaviour: new.behaviour,
            decided_by: DecisionMaker {
                id: manager,
                name: new.decided_by_name,
            },
            decided_on: new.decided_on,
            explained_on: new.explained_on,
            review_on: new.review_on,
            ended: None,
            reviews: Vec::new(),
        }
    }

    /// Whether it is in force (not ended at a review).
    pub fn is_active(&self) -> bool {
        self.ended.is_none()
    }

    /// Whether it was in force at the end of `day`: decided by then, not ended by then.
    pub fn in_force_on(&self, day: Date) -> bool {
        self.decided_on <= day && self.ended.as_ref().is_none_or(|e| e.on > day)
    }

    /// Records a review by `by` on `today`: `outcome` is `continue` (with `next_review`
    /// after today and within 12 months of it) or `end` (with a reason). Refused once ended
    /// (the review's errors name the `outcome` field).
    pub fn review(
        &mut self,
        by: OfficerId,
        today: Date,
        outcome: &str,
        next_review: &str,
        reason: &str,
    ) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if !self.is_active() {
            errors.push(FieldError::new(Field::ReviewOutcome, Problem::NotAnOption));
            return Err(errors);
        }
        let outcome = match outcome.trim() {
            "continue" => errors
                .take(review_date(Field::NextReview, next_review, today, today))
                .map(|next_review| ReviewOutcome::Continue { next_review }),
            "end" => errors
                .take(LongText::parse(Field::Reason, reason))
                .map(|r| ReviewOutcome::End {
                    reason: r.to_string(),
                }),
            "" => {
                errors.push(FieldError::new(Field::ReviewOutcome, Problem::Required));
                None
            }
            _ => {
                errors.push(FieldError::new(Field::ReviewOutcome, Problem::NotAnOption));
                None
            }
        };
        let Some(outcome) = outcome else {
            return Err(errors);
        };
        let due = self.review_on;
        match &outcome {
            ReviewOutcome::Continue { next_review } => self.review_on = *next_review,
            ReviewOutcome::End { reason } => {
                self.ended = Some(Ended {
                    on: today,
                    by: by.clone(),
                    reason: reason.clone(),
                });
            }
        }
        self.reviews.push(RestrictionReview {
            on: today,
            by,
            due,
            outcome,
        });
        self.version += 1;
        Ok(())
    }
}

/// What the annual report says of restrictions: numbers only, no names, no details.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestrictionFigures {
    /// In force at the end of the period's last day.
    pub in_force_at_end: u32,
    /// Decided in the period.
    pub imposed: u32,
    /// Ended at a review in the period.
    pub ended: u32,
}

/// The figures of `all` for the period from `from` to `to` (both included).
pub fn figures(all: &[Restriction], from: Date, to: Date) -> RestrictionFigures {
    let within = |d: Date| from <= d && d <= to;
    let count = |f: &dyn Fn(&Restriction) -> bool| {
        u32::try_from(all.iter().filter(|r| f(r)).count()).unwrap_or(u32::MAX)
    };
    RestrictionFigures {
        in_force_at_end: count(&|r| r.in_force_on(to)),
        imposed: count(&|r| within(r.decided_on)),
        ended: count(&|r| r.ended.as_ref().is_some_and(|e| within(e.on))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 24);

    fn kinds(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    fn form(kinds: &[String]) -> RestrictionFields<'_> {
        RestrictionFields {
            name: "Siân Jones",
            email: "Sian@Example.com",
            phone: "",
            kinds,
            contact_officer: "Ann Evans",
            channel: "email",
            times: "Tuesdays 10:00 to 12:00",
            other: "",
            behaviour: "Forty calls a day to the contact centre",
            decided_by_name: "Morgan Price",
            decided_on: "2026-11-20",
            explained_on: "2026-11-23",
            review_on: "2027-05-20",
        }
    }

    fn fields(errors: &FieldErrors) -> Vec<(Field, &'static str)> {
        errors.iter().map(|e| (e.field, e.key())).collect()
    }

    #[test]
    fn a_restriction_is_parsed_with_its_kinds_in_the_forms_order() {
        let k = kinds(&["one_channel", "single_point_of_contact"]);
        let new = NewRestriction::parse(&form(&k), TODAY).unwrap();
        assert_eq!(new.person.email.as_deref(), Some("sian@example.com"));
        assert_eq!(
            new.restricted,
            vec![
                Restricted::SinglePointOfContact {
                    officer: "Ann Evans".into()
                },
                Restricted::OneChannel {
                    channel: RestrictedChannel::Email
                },
            ]
        );
        assert_eq!(new.review_on, date!(2027 - 05 - 20));
    }

    #[test]
    fn at_least_one_kind_and_each_kinds_detail_are_required() {
        let none = NewRestriction::parse(&form(&[]), TODAY).unwrap_err();
        assert_eq!(fields(&none), vec![(Field::Restrictions, "required")]);
        let k = kinds(&["other", "one_channel", "fax"]);
        let mut f = form(&k);
        f.channel = "pigeon";
        let errors = NewRestriction::parse(&f, TODAY).unwrap_err();
        assert_eq!(
            fields(&errors),
            vec![
                (Field::Restrictions, "option.unknown"),
                (Field::Channel, "option.unknown"),
                (Field::OtherRestriction, "required"),
            ]
        );
    }

    #[test]
    fn the_review_is_at_most_twelve_months_after_the_decision() {
        let k = kinds(&["set_times"]);
        let mut f = form(&k);
        f.review_on = "2027-11-20";
        assert!(NewRestriction::parse(&f, TODAY).is_ok());
        f.review_on = "2027-11-21";
        let errors = NewRestriction::parse(&f, TODAY).unwrap_err();
        assert_eq!(
            errors.0,
            vec![FieldError::new(
                Field::ReviewOn,
                Problem::ReviewTooLate {
                    latest: "20 November 2027".into()
                }
            )]
        );
        f.review_on = "2026-11-24";
        let errors = NewRestriction::parse(&f, TODAY).unwrap_err();
        assert_eq!(
            fields(&errors),
            vec![(Field::ReviewOn, "date.not_in_future")]
        );
        assert_eq!(latest_review(date!(2028 - 02 - 29)), date!(2029 - 02 - 28));
    }

    #[test]
    fn dates_are_checked_against_today_and_the_decision() {
        let k = kinds(&["set_times"]);
        let mut f = form(&k);
        f.explained_on = "2026-11-19";
        f.decided_by_name = " ";
        let errors = NewRestriction::parse(&f, TODAY).unwrap_err();
        assert_eq!(
            fields(&errors),
            vec![
                (Field::DecidedByName, "required"),
                (Field::ExplainedOn, "date.before_decision")
            ]
        );
        f.explained_on = "2026-11-23";
        f.decided_by_name = "Morgan Price";
        f.decided_on = "2026-11-25";
        let errors = NewRestriction::parse(&f, TODAY).unwrap_err();
        assert_eq!(fields(&errors)[0], (Field::DecidedOn, "date.in_future"));
        f.decided_on = "2026-02-30";
        let errors = NewRestriction::parse(&f, TODAY).unwrap_err();
        assert_eq!(fields(&errors)[0], (Field::DecidedOn, "date.invalid"));
    }

    #[test]
    fn a_review_continues_with_a_new_date_or_ends_and_stays_on_record() {
        let k = kinds(&["set_times"]);
        let new = NewRestriction::parse(&form(&k), TODAY).unwrap();
        let mut r = Restriction::record("r1".into(), new, OfficerId("mgr".into()));
        assert!(r.is_active());
        let today = date!(2027 - 05 - 20);
        let errors = r
            .review(OfficerId("mgr".into()), today, "continue", "2028-05-21", "")
            .unwrap_err();
        assert_eq!(
            fields(&errors),
            vec![(Field::NextReview, "date.review_too_late")]
        );
        r.review(OfficerId("mgr".into()), today, "continue", "2027-11-20", "")
            .unwrap();
        assert_eq!((r.review_on, r.version), (date!(2027 - 11 - 20), 2));
        assert_eq!(r.reviews[0].due, date!(2027 - 05 - 20));
        let errors = r
            .review(OfficerId("boss".into()), today, "end", "", "")
            .unwrap_err();
        assert_eq!(fields(&errors), vec![(Field::Reason, "required")]);
        r.review(
            OfficerId("boss".into()),
            today,
            "end",
            "",
            "Calls are back to normal",
        )
        .unwrap();
        assert!(!r.is_active());
        assert_eq!(r.reviews.len(), 2);
        assert!(r.in_force_on(date!(2027 - 05 - 19)));
        assert!(!r.in_force_on(today));
        let errors = r
            .review(
                OfficerId("boss".into()),
                today,
                "continue",
                "2027-11-20",
                "",
            )
            .unwrap_err();
        assert_eq!(
            fields(&errors),
            vec![(Field::ReviewOutcome, "option.unknown")]
        );
    }

    #[test]
    fn the_report_counts_in_force_imposed_and_ended() {
        let k = kinds(&["set_times"]);
        let at = |decided: &str, ended: Option<Date>| {
            let new = NewRestriction::parse(&form(&k), TODAY).unwrap();
            let mut r = Restriction::record("r".into(), new, OfficerId("mgr".into()));
            r.decided_on = crate::input::parse_iso_date(decided).unwrap();
            r.ended = ended.map(|on| Ended {
                on,
                by: OfficerId("mgr".into()),
                reason: "done".into(),
            });
            r
        };
        // The financial year 2026-27, counted by hand (in force at its end / imposed in
        // it / ended in it): decided before it, in force (1/0/0), twice; decided and ended
        // before it (0/0/0); imposed in it, in force (1/1/0); imposed and ended in it
        // (0/1/1); imposed on its last day (1/1/0); after it (0/0/0); ended on its last
        // day (0/0/1). So 4 in force, 3 imposed, 2 ended.
        let all = [
            at("2026-01-10", None),
            at("2025-12-01", None),
            at("2026-02-01", Some(date!(2026 - 03 - 31))),
            at("2026-05-05", None),
            at("2026-07-01", Some(date!(2026 - 12 - 01))),
            at("2027-03-31", None),
            at("2027-04-01", None),
            at("2026-03-01", Some(date!(2027 - 03 - 31))),
        ];
        assert_eq!(
            figures(&all, date!(2026 - 04 - 01), date!(2027 - 03 - 31)),
            RestrictionFigures {
                in_force_at_end: 4,
                imposed: 3,
                ended: 2,
            }
        );
    }
}
