//! What the resident has answered so far, and where they are. Plain data, so it can be
//! kept in `sessionStorage` across a reload and tested without a browser.

use feedback_shared::contact::{Adjustment, ContactMethod};
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::input::PastDate;
use feedback_shared::submission::{FeedbackForm, OnBehalfForm};
use feedback_shared::wire::CouncilView;
use feedback_shared::{Field, FieldError, Kind, Language};
use time::Date;

/// The pages of the form, in order. Some are skipped (see [`Draft::next`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Step {
    #[default]
    Kind,
    Service,
    /// Before a complaint: is this really a new problem, or a matter with its own route?
    Triage,
    Details,
    About,
    Adjustments,
    Equality,
    Check,
    Sent,
    /// Not part of the form: checking an earlier case's progress.
    Progress,
}

// Each step's name in the saved draft.
feedback_shared::json_enum!(Step {
    Kind = "kind",
    Service = "service",
    Triage = "triage",
    Details = "details",
    About = "about",
    Adjustments = "adjustments",
    Equality = "equality",
    Check = "check",
    Sent = "sent",
    Progress = "progress",
});

impl Step {
    /// The fields asked on this page, so its errors are the form's errors for them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Step::Kind => &[Field::Kind],
            Step::Service => &[Field::Service],
            Step::Details => &[
                Field::WhatHappened,
                Field::WhenHappened,
                Field::PutRight,
                Field::StaffName,
            ],
            Step::About => &[
                Field::Name,
                Field::Email,
                Field::Phone,
                Field::Address,
                Field::Postcode,
                Field::ContactMethod,
                Field::RepresentedName,
                Field::Relationship,
                Field::Consent,
            ],
            Step::Adjustments => &[Field::Adjustments],
            Step::Triage | Step::Equality | Step::Check | Step::Sent | Step::Progress => &[],
        }
    }

    /// The page that asks `field`.
    pub fn asking(field: Field) -> Step {
        [Step::Kind, Step::Service, Step::Details, Step::About]
            .into_iter()
            .find(|s| s.fields().contains(&field))
            .unwrap_or(Step::Adjustments)
    }
}

/// A date typed as three boxes, GOV.UK style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateParts {
    /// `YYYY-MM-DD` for the domain's parser: empty when nothing was typed, and something
    /// the parser refuses (with its own message) when the parts do not make a date.
    pub fn iso(&self) -> String {
        let (d, m, y) = (self.day.trim(), self.month.trim(), self.year.trim());
        if d.is_empty() && m.is_empty() && y.is_empty() {
            return String::new();
        }
        let pad = |s: &str| {
            if s.len() == 1 {
                format!("0{s}")
            } else {
                s.to_owned()
            }
        };
        format!("{y}-{}-{}", pad(m), pad(d))
    }
}

/// Everything answered, the page shown, and the keys that make a retry safe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub step: Step,
    /// Set by a "Change" link on the check page: Continue goes back there.
    pub changing: bool,
    pub kind: Option<Kind>,
    pub service: String,
    pub what_happened: String,
    pub when: DateParts,
    pub put_right: String,
    pub staff_name: String,
    pub anonymous: bool,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub preferred: Option<ContactMethod>,
    pub for_someone_else: bool,
    pub represented_name: String,
    pub relationship: String,
    pub consent: bool,
    pub needs: Vec<Adjustment>,
    pub needs_details: String,
    pub equality: EqualityAnswers,
    /// One key per submission, made before the first attempt and kept for every retry,
    /// so the server stores the case once however many times it is sent.
    pub idempotency_key: String,
    /// The server's signed note of when this form was first opened (the spam check's
    /// minimum fill time counts from it).
    pub form_token: String,
    /// The body last sent under `idempotency_key`, in case that attempt reached the
    /// council though its answer did not reach the resident.
    pub sent_body: String,
}

// The draft as saved in `sessionStorage`; a member that is missing comes back empty.
feedback_shared::json_struct!(default DateParts { day, month, year });
feedback_shared::json_struct!(default Draft {
    step,
    changing,
    kind,
    service,
    what_happened,
    when,
    put_right,
    staff_name,
    anonymous,
    name,
    email,
    phone,
    address,
    postcode,
    preferred,
    for_someone_else,
    represented_name,
    relationship,
    consent,
    needs,
    needs_details,
    equality,
    idempotency_key,
    form_token,
    sent_body,
});

impl Draft {
    /// The form as the API takes it.
    pub fn form(&self, language: Language) -> FeedbackForm {
        let anonymous = self.anonymous && self.kind.is_some_and(Kind::may_be_anonymous);
        let mut form = FeedbackForm {
            kind: self.kind,
            service: self.service.clone(),
            what_happened: self.what_happened.clone(),
            when_happened: self.when.iso(),
            put_right: self.put_right.clone(),
            staff_name: if self.kind == Some(Kind::Compliment) {
                self.staff_name.clone()
            } else {
                String::new()
            },
            anonymous,
            language,
            ..Default::default()
        };
        if !anonymous {
            form.contact.name = self.name.clone();
            form.contact.email = self.email.clone();
            form.contact.phone = self.phone.clone();
            form.contact.address = self.address.clone();
            form.contact.postcode = self.postcode.clone();
            form.contact.preferred = self.preferred;
            form.adjustments.needs = self.needs.clone();
            form.adjustments.details = self.needs_details.clone();
            if self.for_someone_else {
                form.on_behalf = Some(OnBehalfForm {
                    represented_name: self.represented_name.clone(),
                    relationship: self.relationship.clone(),
                    consent: self.consent,
                });
            }
        }
        form
    }

    /// Whether the person stays anonymous (only comments and compliments may).
    pub fn is_anonymous(&self) -> bool {
        self.anonymous && self.kind.is_some_and(Kind::may_be_anonymous)
    }

    /// The domain crate's errors for the fields on `step`: the same rules the server runs.
    pub fn errors_on(&self, step: Step, council: &CouncilView, today: Date) -> Vec<FieldError> {
        let services: Vec<&str> = council.services.iter().map(|s| s.id.as_str()).collect();
        match self.form(Language::En).parse(&services, today) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .iter()
                .filter(|e| step.fields().contains(&e.field))
                .cloned()
                .collect(),
        }
    }

    /// Whether the date given is longer ago than the council's time limit: the council
    /// may still look at it, and the form says so rather than refusing.
    pub fn beyond_time_limit(&self, months: u32, today: Date) -> bool {
        let Ok(date) = PastDate::parse_iso(Field::WhenHappened, &self.when.iso(), today) else {
            return false;
        };
        let policy = feedback_shared::Policy {
            time_limit_months: months,
            ..Default::default()
        };
        !policy.within_time_limit(date.date(), today)
    }

    /// The page after `self.step`, skipping pages that do not apply.
    pub fn next(&self, council: &CouncilView) -> Step {
        if self.changing && !matches!(self.step, Step::Kind | Step::Service) {
            return Step::Check;
        }
        match self.step {
            Step::Kind => Step::Service,
            Step::Service if self.needs_triage(council) => Step::Triage,
            Step::Service | Step::Triage => Step::Details,
            Step::Details => Step::About,
            Step::About if self.is_anonymous() => Step::Equality,
            Step::About => Step::Adjustments,
            Step::Adjustments => Step::Equality,
            Step::Equality => Step::Check,
            Step::Check | Step::Sent => Step::Sent,
            Step::Progress => Step::Kind,
        }
    }

    /// The page before `self.step`, for the Back link.
    pub fn previous(&self, council: &CouncilView) -> Option<Step> {
        Some(match self.step {
            Step::Kind | Step::Sent => return None,
            Step::Progress => Step::Kind,
            Step::Service => Step::Kind,
            Step::Triage => Step::Service,
            Step::Details if self.needs_triage(council) => Step::Triage,
            Step::Details => Step::Service,
            Step::About => Step::Details,
            Step::Adjustments => Step::About,
            Step::Equality if self.is_anonymous() => Step::About,
            Step::Equality => Step::Adjustments,
            Step::Check => Step::Equality,
        })
    }

    /// A complaint about a service with a request route or matters out of scope.
    pub fn needs_triage(&self, council: &CouncilView) -> bool {
        self.kind == Some(Kind::Complaint)
            && council
                .service(&self.service)
                .is_some_and(|s| s.service_request_url.is_some() || !s.out_of_scope.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::council::tests::demo;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 24);

    fn complaint() -> Draft {
        Draft {
            kind: Some(Kind::Complaint),
            service: "waste".into(),
            what_happened: "The bin was missed again.".into(),
            put_right: "Collect it.".into(),
            name: "Rhian Evans".into(),
            email: "rhian@example.com".into(),
            ..Default::default()
        }
    }

    #[test]
    fn date_parts_pad_and_stay_empty_when_untouched() {
        let parts = |d: &str, m: &str, y: &str| DateParts {
            day: d.into(),
            month: m.into(),
            year: y.into(),
        };
        assert_eq!(parts("3", "7", "2026").iso(), "2026-07-03");
        assert_eq!(parts(" ", "", "").iso(), "");
        assert_eq!(parts("31", "2", "2026").iso(), "2026-02-31");
    }

    #[test]
    fn each_page_shows_only_its_own_errors() {
        let empty = Draft::default();
        let on = |step| -> Vec<Field> {
            empty
                .errors_on(step, &demo(), TODAY)
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(on(Step::Kind), [Field::Kind]);
        assert_eq!(on(Step::Service), [Field::Service]);
        assert_eq!(on(Step::Details), [Field::WhatHappened]);
        assert_eq!(on(Step::About), [Field::Name, Field::Email]);
        assert!(on(Step::Equality).is_empty());
        assert!(
            complaint()
                .errors_on(Step::About, &demo(), TODAY)
                .is_empty()
        );
    }

    #[test]
    fn a_complaint_needs_what_would_put_it_right_but_a_comment_does_not() {
        let mut draft = complaint();
        draft.put_right.clear();
        let fields = |d: &Draft| -> Vec<Field> {
            d.errors_on(Step::Details, &demo(), TODAY)
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields(&draft), [Field::PutRight]);
        draft.kind = Some(Kind::Comment);
        assert!(fields(&draft).is_empty());
    }

    #[test]
    fn a_future_or_impossible_date_is_refused_by_the_domain_rule() {
        let mut draft = complaint();
        draft.when = DateParts {
            day: "31".into(),
            month: "2".into(),
            year: "2026".into(),
        };
        assert_eq!(
            draft.errors_on(Step::Details, &demo(), TODAY)[0].field,
            Field::WhenHappened
        );
        draft.when.day = "1".into();
        draft.when.month = "12".into();
        assert!(!draft.errors_on(Step::Details, &demo(), TODAY).is_empty());
    }

    #[test]
    fn a_complaint_about_a_service_with_other_routes_is_triaged() {
        let mut draft = complaint();
        draft.step = Step::Service;
        assert_eq!(draft.next(&demo()), Step::Triage);
        draft.kind = Some(Kind::Comment);
        assert_eq!(draft.next(&demo()), Step::Details);
        draft.kind = Some(Kind::Complaint);
        draft.service = "other".into();
        assert_eq!(draft.next(&demo()), Step::Details);
    }

    #[test]
    fn anonymous_comments_skip_adjustments_and_send_no_contact() {
        let mut draft = complaint();
        draft.kind = Some(Kind::Comment);
        draft.anonymous = true;
        draft.step = Step::About;
        assert_eq!(draft.next(&demo()), Step::Equality);
        let form = draft.form(Language::En);
        assert!(form.anonymous);
        assert!(form.contact.name.is_empty());
        // A complaint cannot be anonymous: the same draft as a complaint keeps the contact.
        draft.kind = Some(Kind::Complaint);
        assert!(!draft.form(Language::En).anonymous);
        assert_eq!(draft.next(&demo()), Step::Adjustments);
    }

    #[test]
    fn change_links_return_to_the_check_page() {
        let mut draft = complaint();
        draft.step = Step::Details;
        draft.changing = true;
        assert_eq!(draft.next(&demo()), Step::Check);
        assert_eq!(draft.previous(&demo()), Some(Step::Triage));
    }

    #[test]
    fn a_date_older_than_the_time_limit_is_noticed() {
        let mut draft = complaint();
        draft.when = DateParts {
            day: "23".into(),
            month: "11".into(),
            year: "2025".into(),
        };
        assert!(draft.beyond_time_limit(12, TODAY));
        draft.when.day = "25".into();
        assert!(!draft.beyond_time_limit(12, TODAY));
    }

    #[test]
    fn a_saved_draft_comes_back_whole() {
        use feedback_shared::wire::{ToJson, from_json};
        // The browser's JSON.parse is not here; serde_json reads the text instead.
        let read = |text: String| -> Option<Draft> {
            from_json(&&serde_json::from_str::<serde_json::Value>(&text).unwrap())
        };
        let mut draft = complaint();
        draft.changing = true;
        draft.needs = vec![Adjustment::LargePrint, Adjustment::Other];
        draft.needs_details = "BSL".into();
        draft.preferred = Some(ContactMethod::Phone);
        draft.equality.0.insert("age".into(), "25_44".into());
        draft.idempotency_key = "k".into();
        for step in [
            Step::Kind,
            Step::Service,
            Step::Triage,
            Step::Details,
            Step::About,
            Step::Adjustments,
            Step::Equality,
            Step::Check,
            Step::Sent,
            Step::Progress,
        ] {
            draft.step = step;
            assert_eq!(read(draft.to_text()), Some(draft.clone()));
        }
        // A draft saved by an older widget, or cut short, loses nothing it has.
        let restored =
            read(r#"{"service":"waste","needs":["large_print",7],"kind":"x"}"#.into()).unwrap();
        assert_eq!(restored.service, "waste");
        assert_eq!(restored.step, Step::Kind);
        assert_eq!(restored.needs, []);
        assert_eq!(restored.kind, None);
        assert_eq!(read("[]".into()), None);
    }
}
