//! The API's names for the domain's choices, both ways. They are the domain types' serde
//! names (a test holds them to it), written out because the widget sends JSON without
//! serde (see `json.rs`).

use feedback_shared::case::Status;
use feedback_shared::contact::{Adjustment, ContactMethod};
use feedback_shared::{Field, Kind};

pub const KINDS: [(Kind, &str); 4] = [
    (Kind::Complaint, "complaint"),
    (Kind::ServiceRequest, "service_request"),
    (Kind::Comment, "comment"),
    (Kind::Compliment, "compliment"),
];

pub const METHODS: [(ContactMethod, &str); 3] = [
    (ContactMethod::Email, "email"),
    (ContactMethod::Phone, "phone"),
    (ContactMethod::Post, "post"),
];

pub const NEEDS: [(Adjustment, &str); 9] = [
    (Adjustment::LargePrint, "large_print"),
    (Adjustment::EasyRead, "easy_read"),
    (
        Adjustment::PhoneInsteadOfWriting,
        "phone_instead_of_writing",
    ),
    (
        Adjustment::WritingInsteadOfPhone,
        "writing_instead_of_phone",
    ),
    (Adjustment::Advocate, "advocate"),
    (Adjustment::ExtraTime, "extra_time"),
    (Adjustment::SinglePointOfContact, "single_point_of_contact"),
    (Adjustment::Interpreter, "interpreter"),
    (Adjustment::Other, "other"),
];

pub const STATUSES: [(Status, &str); 6] = [
    (Status::Received, "received"),
    (Status::Acknowledged, "acknowledged"),
    (Status::Responded, "responded"),
    (Status::Closed, "closed"),
    (Status::Withdrawn, "withdrawn"),
    (Status::NotAccepted, "not_accepted"),
];

/// The name of `value` in `table`.
pub fn name_of<T: PartialEq + Copy>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// The value named `name` in `table`.
pub fn named<T: Copy>(table: &[(T, &'static str)], name: &str) -> Option<T> {
    table.iter().find(|(_, n)| *n == name).map(|(v, _)| *v)
}

/// The form field named `name` (as the API's problem details name it).
pub fn field_named(name: &str) -> Option<Field> {
    Field::ALL.into_iter().find(|f| f.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_name<T: serde::Serialize>(value: T) -> String {
        serde_json::to_value(value)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn every_name_is_the_domain_types_serde_name() {
        for (v, n) in KINDS {
            assert_eq!(serde_name(v), n);
        }
        for (v, n) in METHODS {
            assert_eq!(serde_name(v), n);
        }
        for (v, n) in NEEDS {
            assert_eq!(serde_name(v), n);
        }
        for (v, n) in STATUSES {
            assert_eq!(serde_name(v), n);
        }
        for f in Field::ALL {
            assert_eq!(field_named(&serde_name(f)), Some(f));
        }
    }

    #[test]
    fn names_go_both_ways() {
        assert_eq!(
            named(&NEEDS, name_of(&NEEDS, Adjustment::Advocate)),
            Some(Adjustment::Advocate)
        );
        assert_eq!(named(&KINDS, "praise"), None);
    }
}
