//! Finding a person: every case of a council that names them, by email, phone, name (of
//! whoever made the feedback, or of the person a representative made it for) or
//! reference.
//!
//! The queue's search terms are the index: each case is already indexed (SQLite's
//! `case_terms` table, DynamoDB's term items) under its reference, the email address in
//! lower case, the phone number's national digits and the folded words of the name, in
//! the case's own write. So a person search reads the term's entries and the cases they
//! point to, never every case, on both stores, and needs no index of its own to keep in
//! step. The terms are words, so every case read is checked against the whole detail
//! (a name's words can also appear in someone else's "what happened"), and the answer
//! says which detail matched.

use crate::app::App;
use crate::cases::CaseError;
use crate::config::CouncilConfig;
use crate::store::fold::normalise_name;
use crate::store::queue::{MAX_QUERY_TERMS, words};
use crate::store::{CaseFilter, CaseQuery, CaseRecord};
use feedback_shared::contact::Submitter;
use feedback_shared::input::{EmailAddress, UkPhone};
use feedback_shared::validation::{FieldError, FieldErrors, Problem};
use feedback_shared::wire::{CaseSort, MatchedField, PersonMatch, PersonSearch, SortOrder};
use feedback_shared::{Field, Language, Reference};
use std::collections::BTreeMap;

/// The most cases a search reads for one detail: a person with more than this many cases
/// is a question for the database, not the console.
const MAX_READ: usize = 500;

/// A search, parsed: what each given detail is looked up and compared as.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    email: Option<String>,
    phone: Option<String>,
    /// Folded, and its words as the index keeps them.
    name: Option<(String, Vec<String>)>,
    reference: Option<Reference>,
}

impl Wanted {
    /// Each given detail parsed, with the errors of those that do not parse, on their
    /// fields; at least one detail is needed.
    pub fn parse(search: &PersonSearch) -> Result<Wanted, CaseError> {
        let mut errors = FieldErrors::default();
        let given = |s: &str| !s.trim().is_empty();
        let email = given(&search.email)
            .then(|| errors.take(EmailAddress::parse(Field::Email, &search.email)))
            .flatten()
            .map(|e| e.as_str().to_lowercase());
        let phone = given(&search.phone)
            .then(|| errors.take(UkPhone::parse(Field::Phone, &search.phone)))
            .flatten()
            .map(|p| p.as_str().to_owned());
        let name = if given(&search.name) {
            // The first few words are looked up (each case read is checked against the
            // whole name), so a long name costs no more than the queue's search.
            let terms: Vec<String> = words(&search.name).take(MAX_QUERY_TERMS).collect();
            if terms.is_empty() {
                // One-letter words are not indexed: there is nothing to look up.
                errors.push(FieldError::new(Field::Name, Problem::Required));
                None
            } else {
                Some((normalise_name(&search.name), terms))
            }
        } else {
            None
        };
        if !errors.is_empty() {
            return Err(CaseError::Validation {
                errors,
                language: Language::En,
            });
        }
        let reference = if given(&search.reference) {
            Some(search.reference.trim().parse::<Reference>().map_err(|_| {
                CaseError::BadInput(
                    "reference: give a case reference such as DEMO-2026-000042".into(),
                )
            })?)
        } else {
            None
        };
        let wanted = Wanted {
            email,
            phone,
            name,
            reference,
        };
        if wanted.email.is_none()
            && wanted.phone.is_none()
            && wanted.name.is_none()
            && wanted.reference.is_none()
        {
            return Err(CaseError::BadInput(
                "give an email address, a phone number, a name or a reference to search for".into(),
            ));
        }
        Ok(wanted)
    }

    /// Which of the wanted details `record` has.
    fn matches(&self, record: &CaseRecord) -> Vec<MatchedField> {
        let mut matched = Vec::new();
        if let Submitter::Identified(person) = &record.details.submitter {
            let contact = &person.contact;
            let email = contact.email.as_ref().map(|e| e.as_str().to_lowercase());
            if self.email.is_some() && email == self.email {
                matched.push(MatchedField::Email);
            }
            let phone = contact.phone.as_ref().map(|p| p.as_str().to_owned());
            if self.phone.is_some() && phone == self.phone {
                matched.push(MatchedField::Phone);
            }
            if let Some((name, _)) = &self.name {
                if normalise_name(contact.name.as_str()) == *name {
                    matched.push(MatchedField::Name);
                }
                let represented = person.representative.as_ref();
                if represented.is_some_and(|r| normalise_name(r.represented_name.as_str()) == *name)
                {
                    matched.push(MatchedField::RepresentedName);
                }
            }
        }
        if self.reference.as_ref() == Some(record.reference()) {
            matched.push(MatchedField::Reference);
        }
        matched
    }
}

/// The council's cases that have any of the wanted details, newest first.
pub async fn find(
    app: &App,
    council: &CouncilConfig,
    wanted: &Wanted,
) -> Result<Vec<PersonMatch>, CaseError> {
    let mut found: BTreeMap<(i32, u64), PersonMatch> = BTreeMap::new();
    let mut consider = |record: CaseRecord| {
        let matched = wanted.matches(&record);
        if matched.is_empty() {
            return;
        }
        let key = (record.reference().year(), record.reference().sequence());
        found.entry(key).or_insert_with(|| PersonMatch {
            council: council.id.clone(),
            reference: record.reference().clone(),
            kind: record.case.kind,
            status: record.case.status,
            received_on: record.case.received_on(),
            closed_on: record.case.closed_on,
            anonymised: record.case.anonymised.is_some(),
            matched,
        });
    };
    let mut lookups: Vec<Vec<String>> = Vec::new();
    lookups.extend(wanted.email.iter().map(|e| vec![e.clone()]));
    lookups.extend(wanted.phone.iter().map(|p| vec![p.clone()]));
    lookups.extend(wanted.name.iter().map(|(_, terms)| terms.clone()));
    for terms in lookups {
        for record in by_terms(app, council, terms).await? {
            consider(record);
        }
    }
    if let Some(reference) = &wanted.reference
        && let Some(record) = app.store.get_case(&council.id, reference).await?
    {
        consider(record);
    }
    // Newest first, as the queue lists a search.
    Ok(found.into_values().rev().collect())
}

/// Every case indexed under all of `terms`, page by page through the queue's index.
async fn by_terms(
    app: &App,
    council: &CouncilConfig,
    terms: Vec<String>,
) -> Result<Vec<CaseRecord>, CaseError> {
    let mut records = Vec::new();
    let mut after = None;
    loop {
        let page = app
            .store
            .case_page(
                &council.id,
                &CaseQuery {
                    filter: CaseFilter::default(),
                    terms: terms.clone(),
                    sort: CaseSort::Reference,
                    order: SortOrder::Desc,
                    limit: 100,
                    after,
                },
            )
            .await?;
        records.extend(page.records);
        match page.next {
            Some(next) if records.len() < MAX_READ => after = Some(next),
            _ => return Ok(records),
        }
    }
}
