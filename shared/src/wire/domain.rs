//! The serde-free codec of the domain's own types that travel inside the wire bodies:
//! choices as their serde names, and the form a resident fills in.

use super::{FromJson, JsonValue, ToJson};
use crate::case::Status;
use crate::contact::{Adjustment, ContactForm, ContactMethod};
use crate::equality::EqualityAnswers;
use crate::submission::{AdjustmentsForm, FeedbackForm, OnBehalfForm};
use crate::{Field, Kind, Language, Reference, Stage};
use std::collections::BTreeMap;

crate::json_enum!(Kind {
    Complaint = "complaint",
    ServiceRequest = "service_request",
    Comment = "comment",
    Compliment = "compliment",
});

crate::json_enum!(Status {
    Received = "received",
    Acknowledged = "acknowledged",
    Responded = "responded",
    Closed = "closed",
    Withdrawn = "withdrawn",
    NotAccepted = "not_accepted",
});

crate::json_enum!(ContactMethod {
    Email = "email",
    Phone = "phone",
    Post = "post",
});

crate::json_enum!(Adjustment {
    LargePrint = "large_print",
    EasyRead = "easy_read",
    PhoneInsteadOfWriting = "phone_instead_of_writing",
    WritingInsteadOfPhone = "writing_instead_of_phone",
    Advocate = "advocate",
    ExtraTime = "extra_time",
    SinglePointOfContact = "single_point_of_contact",
    Interpreter = "interpreter",
    Other = "other",
});

crate::json_enum!(Language {
    En = "en",
    Cy = "cy",
});

/// A field travels as its name, the one [`Field::name`] gives.
impl ToJson for Field {
    fn write_json(&self, out: &mut String) {
        super::json::write_string(self.name(), out);
    }
}

impl FromJson for Field {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        let name = json.string();
        let field = Field::ALL
            .into_iter()
            .find(|f| name.as_deref() == Some(f.name()));
        field.unwrap_or_else(|| {
            *ok = false;
            Field::Kind
        })
    }
}

/// A stage travels as its number, 1 or 2.
impl ToJson for Stage {
    fn write_json(&self, out: &mut String) {
        self.number().write_json(out);
    }
}

impl FromJson for Stage {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        match u8::read(json, ok) {
            2 => Stage::Two,
            1 => Stage::One,
            _ => {
                *ok = false;
                Stage::One
            }
        }
    }
}

impl ToJson for Reference {
    fn write_json(&self, out: &mut String) {
        self.to_string().write_json(out);
    }
}

impl FromJson for Reference {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        match json.string().and_then(|s| crate::reference::parse(&s)) {
            Some(reference) => reference,
            None => {
                *ok = false;
                Reference::stand_in()
            }
        }
    }
}

impl ToJson for EqualityAnswers {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

impl FromJson for EqualityAnswers {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        EqualityAnswers(BTreeMap::read(json, ok))
    }
}

crate::json_struct!(default ContactForm {
    name,
    email,
    phone,
    address,
    postcode,
    preferred
});
crate::json_struct!(default OnBehalfForm {
    represented_name,
    relationship,
    consent
});
crate::json_struct!(default AdjustmentsForm { needs, details });
crate::json_struct!(default FeedbackForm {
    kind,
    service,
    what_happened,
    when_happened,
    put_right,
    staff_name,
    anonymous,
    contact,
    on_behalf,
    adjustments,
    language
});
