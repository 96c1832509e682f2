//! Who the feedback is from, how to reach them, whom they act for and what they need.

use crate::input::optional;
use crate::input::{Address, EmailAddress, LongText, PersonName, Postcode, ShortText, UkPhone};
use crate::validation::{Field, FieldError, FieldErrors, Problem};
use serde::{Deserialize, Serialize};

/// How the person wants to hear back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    Email,
    Phone,
    Post,
}

/// A named person's contact details, consistent with the method they prefer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub name: PersonName,
    pub email: Option<EmailAddress>,
    pub phone: Option<UkPhone>,
    pub address: Option<Address>,
    pub postcode: Option<Postcode>,
    pub preferred: ContactMethod,
}

/// Contact details as typed; empty strings mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ContactForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub preferred: Option<ContactMethod>,
}

impl Contact {
    /// Every field's error at once. An email or a phone number is needed unless the
    /// person asks for post and gives an address; the preferred method must have its detail.
    pub fn parse(form: &ContactForm) -> Result<Contact, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take(PersonName::parse(Field::Name, &form.name));
        let email = errors
            .take(optional(&form.email, |s| {
                EmailAddress::parse(Field::Email, s)
            }))
            .flatten();
        let phone = errors
            .take(optional(&form.phone, |s| UkPhone::parse(Field::Phone, s)))
            .flatten();
        let address = errors
            .take(optional(&form.address, |s| {
                Address::parse(Field::Address, s)
            }))
            .flatten();
        let postcode = errors
            .take(optional(&form.postcode, |s| {
                Postcode::parse(Field::Postcode, s)
            }))
            .flatten();
        let preferred = form.preferred.unwrap_or(
            if form.email.trim().is_empty() && !form.phone.trim().is_empty() {
                ContactMethod::Phone
            } else {
                ContactMethod::Email
            },
        );
        let blank = |s: &str| s.trim().is_empty();
        match preferred {
            ContactMethod::Email if blank(&form.email) && !errors.has(Field::Email) => {
                if blank(&form.phone) {
                    errors.push(FieldError::new(Field::Email, Problem::EmailOrPhoneRequired));
                } else {
                    errors.push(FieldError::new(Field::Email, Problem::Required));
                }
            }
            ContactMethod::Phone if blank(&form.phone) && !errors.has(Field::Phone) => {
                errors.push(FieldError::new(Field::Phone, Problem::Required));
            }
            ContactMethod::Post => {
                if blank(&form.address) && !errors.has(Field::Address) {
                    errors.push(FieldError::new(Field::Address, Problem::Required));
                }
                if blank(&form.postcode) && !errors.has(Field::Postcode) {
                    errors.push(FieldError::new(Field::Postcode, Problem::Required));
                }
            }
            _ => {}
        }
        match (errors.is_empty(), name) {
            (true, Some(name)) => Ok(Contact {
                name,
                email,
                phone,
                address,
                postcode,
                preferred,
            }),
            _ => Err(errors),
        }
    }
}

/// Someone making the complaint for another person (with their consent), or an executor
/// for a person who has died.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Representative {
    /// The person the feedback is about.
    pub represented_name: PersonName,
    /// Relationship to them, in the representative's words ("daughter", "advocate").
    pub relationship: ShortText,
}

impl Representative {
    /// Consent must be confirmed; the council may still check it.
    pub fn parse(
        represented_name: &str,
        relationship: &str,
        consent: bool,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take(PersonName::parse(Field::RepresentedName, represented_name));
        let relationship = errors.take(ShortText::parse(Field::Relationship, relationship));
        if !consent {
            errors.push(FieldError::new(Field::Consent, Problem::Required));
        }
        match (name, relationship) {
            (Some(represented_name), Some(relationship)) if errors.is_empty() => {
                Ok(Representative {
                    represented_name,
                    relationship,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A reasonable adjustment a person can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Adjustment {
    LargePrint,
    EasyRead,
    PhoneInsteadOfWriting,
    WritingInsteadOfPhone,
    Advocate,
    ExtraTime,
    SinglePointOfContact,
    Interpreter,
    Other,
}

/// The adjustments asked for, recorded on the case and reviewed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Adjustments {
    pub needs: Vec<Adjustment>,
    /// The person's own words; required when they chose "Other".
    pub details: Option<LongText>,
}

impl Adjustments {
    pub fn parse(needs: &[Adjustment], details: &str) -> Result<Self, FieldError> {
        let details = optional(details, |s| LongText::parse(Field::Adjustments, s))?;
        if needs.contains(&Adjustment::Other) && details.is_none() {
            return Err(FieldError::new(Field::Adjustments, Problem::Required));
        }
        let mut needs = needs.to_vec();
        needs.sort();
        needs.dedup();
        Ok(Adjustments { needs, details })
    }
}

/// A person who gave their name: how to reach them, whom they act for, what they need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub contact: Contact,
    pub representative: Option<Representative>,
    #[serde(default)]
    pub adjustments: Adjustments,
}

/// Who the feedback is from. Anonymous feedback is recorded but can never be answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Submitter {
    Anonymous,
    Identified(Box<Person>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, email: &str, phone: &str) -> ContactForm {
        ContactForm {
            name: name.into(),
            email: email.into(),
            phone: phone.into(),
            ..Default::default()
        }
    }

    #[test]
    fn email_or_phone_is_enough() {
        assert!(Contact::parse(&form("Ann", "ann@example.com", "")).is_ok());
        let by_phone = Contact::parse(&form("Ann", "", "07700 900982")).unwrap();
        assert_eq!(by_phone.preferred, ContactMethod::Phone);
    }

    #[test]
    fn reports_every_bad_field_at_once() {
        let errors = Contact::parse(&form("", "not-an-email", "123")).unwrap_err();
        let keys: Vec<_> = errors.iter().map(|e| (e.field, e.key())).collect();
        assert_eq!(
            keys,
            [
                (Field::Name, "required"),
                (Field::Email, "email.invalid"),
                (Field::Phone, "phone.invalid")
            ]
        );
    }

    #[test]
    fn no_way_to_reply_is_an_error_on_email() {
        let errors = Contact::parse(&form("Ann", "", "")).unwrap_err();
        assert_eq!(
            errors.0,
            [FieldError::new(Field::Email, Problem::EmailOrPhoneRequired)]
        );
    }

    #[test]
    fn post_needs_address_and_postcode() {
        let mut f = form("Ann", "", "");
        f.preferred = Some(ContactMethod::Post);
        let errors = Contact::parse(&f).unwrap_err();
        assert!(errors.has(Field::Address) && errors.has(Field::Postcode));
        f.address = "1 High Street, Barry".into();
        f.postcode = "cf62 1aa".into();
        assert_eq!(
            Contact::parse(&f).unwrap().postcode.unwrap().as_str(),
            "CF62 1AA"
        );
    }

    #[test]
    fn representative_needs_consent() {
        let errors = Representative::parse("Gwen Jones", "daughter", false).unwrap_err();
        assert_eq!(
            errors.0,
            [FieldError::new(Field::Consent, Problem::Required)]
        );
        assert!(Representative::parse("Gwen Jones", "daughter", true).is_ok());
    }

    #[test]
    fn submitters_serialise_with_a_type_tag() {
        let anon = serde_json::to_value(Submitter::Anonymous).unwrap();
        assert_eq!(anon, serde_json::json!({"type": "anonymous"}));
        let person = Submitter::Identified(Box::new(Person {
            contact: Contact::parse(&form("Ann", "ann@example.com", "")).unwrap(),
            representative: None,
            adjustments: Adjustments::default(),
        }));
        let json = serde_json::to_value(&person).unwrap();
        assert_eq!(json["type"], "identified");
        assert_eq!(json["contact"]["email"], "ann@example.com");
        assert_eq!(serde_json::from_value::<Submitter>(json).unwrap(), person);
    }

    #[test]
    fn other_adjustment_needs_details() {
        assert!(Adjustments::parse(&[Adjustment::Other], "").is_err());
        let a = Adjustments::parse(
            &[
                Adjustment::LargePrint,
                Adjustment::LargePrint,
                Adjustment::Other,
            ],
            "BSL interpreter",
        )
        .unwrap();
        assert_eq!(a.needs, [Adjustment::LargePrint, Adjustment::Other]);
    }
}
