//! Bodies of the public routes, which residents reach through the widget.

use super::{FromJson, JsonValue, ObjectWriter, ToJson, member_or_default};
use crate::case::Status;
use crate::submission::FeedbackForm;
use crate::{Kind, Language, Reference, Stage};
use serde::{Deserialize, Serialize};
use time::Date;

/// A matter a service's complaints procedure does not cover, and its own route.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutOfScopeView {
    /// What it is, e.g. "A parking fine".
    pub matter: String,
    pub matter_cy: Option<String>,
    /// Where to go instead, e.g. "Appeal to the Traffic Penalty Tribunal".
    pub route: String,
    pub route_cy: Option<String>,
    pub url: Option<String>,
}

/// One of the council's services.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceView {
    /// The id a submission names in `service`.
    pub id: String,
    pub name: String,
    pub name_cy: Option<String>,
    /// Where to report a new problem (a service request) instead of complaining.
    pub service_request_url: Option<String>,
    pub out_of_scope: Vec<OutOfScopeView>,
}

/// A stage's time limits in working days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageTimescaleView {
    pub acknowledge_working_days: u32,
    pub respond_working_days: u32,
    pub extension_cap_working_days: u32,
}

/// What the widget needs to draw a council's form: `GET /v1/councils/{council}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilView {
    pub id: String,
    pub name: String,
    pub name_cy: Option<String>,
    pub languages: Vec<Language>,
    pub services: Vec<ServiceView>,
    pub stage1: StageTimescaleView,
    pub stage2: StageTimescaleView,
    /// A `#rrggbb` colour for buttons; the widget uses it only where it is readable.
    pub brand_colour: Option<String>,
    /// The widget's own colours, already checked for contrast.
    pub palette: super::PaletteView,
    /// Who a complainant goes to after the final (stage 2) response.
    pub ombudsman: super::OmbudsmanView,
    pub privacy_notice_url: Option<String>,
    pub contact_page_url: Option<String>,
    /// How long after the events a complaint is normally accepted.
    pub time_limit_months: u32,
    /// A signed note of when the form was opened, sent back with the feedback.
    pub form_token: String,
    /// What this council's references start with (`DEMO` in `DEMO-2026-000042`).
    pub reference_prefix: String,
}

/// Welsh where the council wrote it, else English.
pub fn in_language<'a>(language: Language, en: &'a str, cy: Option<&'a str>) -> &'a str {
    match (language, cy) {
        (Language::Cy, Some(cy)) if !cy.trim().is_empty() => cy,
        _ => en,
    }
}

impl CouncilView {
    pub fn service(&self, id: &str) -> Option<&ServiceView> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn name_in(&self, language: Language) -> &str {
        in_language(language, &self.name, self.name_cy.as_deref())
    }

    /// Whether the council offers its form in Welsh.
    pub fn bilingual(&self) -> bool {
        self.languages.contains(&Language::Cy)
    }
}

impl ServiceView {
    pub fn name_in(&self, language: Language) -> &str {
        in_language(language, &self.name, self.name_cy.as_deref())
    }
}

/// `POST /v1/councils/{council}/feedback`: the form, with the spam checks' two fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackSubmission {
    #[serde(flatten)]
    pub form: FeedbackForm,
    /// The spam trap: a field people never see, so it must be empty.
    #[serde(default)]
    pub website: String,
    /// The council description's `form_token`; browsers must send it.
    #[serde(default)]
    pub form_token: String,
}

/// What a submission answers: enough for the confirmation page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Submitted {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "DEMO-2026-000042"))]
    pub reference: Reference,
    /// The resident's code for checking status and escalating; shown once, never stored.
    pub status_token: String,
    pub kind: Kind,
    pub received_on: Date,
    /// Null where the kind has no deadline (comments, compliments, service requests).
    pub acknowledge_by: Option<Date>,
    pub respond_by: Option<Date>,
    /// Whether an acknowledgement was queued to the resident's email address: false with
    /// no address, for kinds not acknowledged by email, and when the address has had its
    /// day's emails (the case is stored all the same).
    pub emailed: bool,
}

/// A resident's proof that a case is theirs: `POST …/status` and `POST …/escalation`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseCode {
    pub reference: String,
    pub status_token: String,
}

/// What a resident sees when checking a case: where it stands, nothing of its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusView {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "DEMO-2026-000042"))]
    pub reference: Reference,
    pub kind: Kind,
    pub status: Status,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>, minimum = 1, maximum = 2))]
    pub stage: Option<Stage>,
    pub received_on: Date,
    pub acknowledge_by: Option<Date>,
    pub respond_by: Option<Date>,
    pub responded_on: Option<Date>,
    /// Whether the resident can ask for stage 2 now, and until when.
    pub can_escalate: bool,
    pub escalate_by: Option<Date>,
}

crate::json_struct!(OutOfScopeView {
    matter,
    matter_cy,
    route,
    route_cy,
    url
});
crate::json_struct!(ServiceView {
    id,
    name,
    name_cy,
    service_request_url,
    out_of_scope
});
crate::json_struct!(StageTimescaleView {
    acknowledge_working_days,
    respond_working_days,
    extension_cap_working_days
});
crate::json_struct!(CouncilView {
    id,
    name,
    name_cy,
    languages,
    services,
    stage1,
    stage2,
    brand_colour,
    palette,
    ombudsman,
    privacy_notice_url,
    contact_page_url,
    time_limit_months,
    form_token,
    reference_prefix
});
crate::json_struct!(Submitted {
    reference,
    status_token,
    kind,
    received_on,
    acknowledge_by,
    respond_by,
    emailed
});
crate::json_struct!(CaseCode {
    reference,
    status_token
});
crate::json_struct!(StatusView {
    reference,
    kind,
    status,
    stage,
    received_on,
    acknowledge_by,
    respond_by,
    responded_on,
    can_escalate,
    escalate_by
});

/// The form's members and the two spam fields side by side, as serde's `flatten` does.
impl ToJson for FeedbackSubmission {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::start(out);
        self.form.write_json_members(&mut object);
        object.member("website", &self.website);
        object.member("form_token", &self.form_token);
        object.end();
    }
}

impl FromJson for FeedbackSubmission {
    fn read<V: JsonValue>(json: &V, ok: &mut bool) -> Self {
        FeedbackSubmission {
            form: FeedbackForm::read(json, ok),
            website: member_or_default(json, "website"),
            form_token: member_or_default(json, "form_token"),
        }
    }
}
