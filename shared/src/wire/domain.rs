//! The serde-free codec of the domain's own types that travel inside the wire bodies:
//! choices as their serde names, and the form a resident fills in.

use super::{FromJson, Json, ToJson};
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
        self.name().to_owned().write_json(out);
    }
}

impl FromJson for Field {
    fn from_json(json: &Json) -> Option<Self> {
        let name = json.as_str()?;
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A stage travels as its number, 1 or 2.
impl ToJson for Stage {
    fn write_json(&self, out: &mut String) {
        self.number().write_json(out);
    }
}

impl FromJson for Stage {
    fn from_json(json: &Json) -> Option<Self> {
        Stage::try_from(u8::from_json(json)?).ok()
    }
}

impl ToJson for Reference {
    fn write_json(&self, out: &mut String) {
        self.to_string().write_json(out);
    }
}

impl FromJson for Reference {
    fn from_json(json: &Json) -> Option<Self> {
        json.as_str()?.parse().ok()
    }
}

impl ToJson for EqualityAnswers {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

impl FromJson for EqualityAnswers {
    fn from_json(json: &Json) -> Option<Self> {
        BTreeMap::from_json(json).map(EqualityAnswers)
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
