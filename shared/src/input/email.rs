use crate::validation::{Field, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// An email address of the shape mail systems accept: `local@domain.tld`, at most 254
/// characters, the domain in lower case. It does not prove the mailbox exists.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

fn domain_is_valid(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

fn local_is_valid(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c))
}

impl EmailAddress {
    pub fn parse(field: Field, raw: &str) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(field, Problem::Required));
        }
        let invalid = || FieldError::new(field, Problem::Email);
        if trimmed.len() > 254 {
            return Err(invalid());
        }
        let (local, domain) = trimmed.rsplit_once('@').ok_or_else(invalid)?;
        if !local_is_valid(local) || !domain_is_valid(domain) {
            return Err(invalid());
        }
        Ok(EmailAddress(format!(
            "{local}@{}",
            domain.to_ascii_lowercase()
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(Field::Email, &raw).map_err(|e| e.key().to_owned())
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> String {
        value.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_lowercases_the_domain() {
        let e = EmailAddress::parse(Field::Email, " Rhian.Evans+council@Example.GOV.UK ").unwrap();
        assert_eq!(e.as_str(), "Rhian.Evans+council@example.gov.uk");
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "name",
            "name@",
            "@example.com",
            "name@example",
            "name@@example.com",
            "na me@example.com",
            "name@exam_ple.com",
            "name@-example.com",
            "name@example.c0m",
            ".name@example.com",
            "na..me@example.com",
        ] {
            let err = EmailAddress::parse(Field::Email, bad).unwrap_err();
            assert_eq!(err.problem, Problem::Email, "{bad}");
        }
    }

    #[test]
    fn empty_email_is_required_not_malformed() {
        assert_eq!(
            EmailAddress::parse(Field::Email, "").unwrap_err().problem,
            Problem::Required
        );
    }
}
