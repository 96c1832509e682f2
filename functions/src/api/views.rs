//! The JSON shapes the API answers with.

use crate::config::{CouncilConfig, OutOfScope};
use crate::store::CaseRecord;
use feedback_shared::case::{CaseEvent, Rules, Status};
use feedback_shared::deadlines::{DeadlineStatus, deadline_status};
use feedback_shared::validation::Language;
use feedback_shared::{Calendar, Channel, Kind, OfficerId, Reference, Stage};
use serde::Serialize;
use time::Date;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub name_cy: Option<String>,
    /// Where to report a new problem instead of complaining.
    pub service_request_url: Option<String>,
    #[schema(value_type = Vec<Object>)]
    pub out_of_scope: Vec<OutOfScope>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageTimescaleView {
    pub acknowledge_working_days: u32,
    pub respond_working_days: u32,
    pub extension_cap_working_days: u32,
}

/// What the widget needs to draw a council's form.
#[derive(Debug, Serialize, ToSchema)]
pub struct CouncilView {
    pub id: String,
    pub name: String,
    pub name_cy: Option<String>,
    #[schema(value_type = Vec<String>)]
    pub languages: Vec<Language>,
    pub services: Vec<ServiceView>,
    pub stage1: StageTimescaleView,
    pub stage2: StageTimescaleView,
    pub brand_colour: Option<String>,
    pub privacy_notice_url: Option<String>,
    pub contact_page_url: Option<String>,
    pub time_limit_months: u32,
    /// A signed note of when the form was opened, sent back with the feedback.
    pub form_token: String,
    /// What this council's references start with (`DEMO` in `DEMO-2026-000042`).
    pub reference_prefix: String,
}

impl CouncilView {
    pub fn of(c: &CouncilConfig) -> Self {
        let stage = |t: feedback_shared::policy::StageTimescale| StageTimescaleView {
            acknowledge_working_days: t.acknowledge,
            respond_working_days: t.respond,
            extension_cap_working_days: t.extension_cap,
        };
        CouncilView {
            id: c.id.to_string(),
            name: c.name.clone(),
            name_cy: c.name_cy.clone(),
            languages: c.languages.clone(),
            services: c
                .services
                .iter()
                .map(|s| ServiceView {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    name_cy: s.name_cy.clone(),
                    service_request_url: s.service_request_url.clone(),
                    out_of_scope: s.out_of_scope.clone(),
                })
                .collect(),
            stage1: stage(c.policy.timescales.stage1),
            stage2: stage(c.policy.timescales.stage2),
            brand_colour: c.brand_colour.clone(),
            privacy_notice_url: c.privacy_notice_url.clone(),
            contact_page_url: c.contact_page_url.clone(),
            time_limit_months: c.policy.time_limit_months,
            form_token: String::new(),
            reference_prefix: c.reference_prefix(),
        }
    }
}

/// What a resident sees when checking a case: where it stands, nothing about its content.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusView {
    #[schema(value_type = String)]
    pub reference: Reference,
    #[schema(value_type = String)]
    pub kind: Kind,
    #[schema(value_type = String)]
    pub status: Status,
    pub stage: Option<u8>,
    #[schema(value_type = String, format = Date)]
    pub received_on: Date,
    #[schema(value_type = Option<String>, format = Date)]
    pub acknowledge_by: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    pub respond_by: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    pub responded_on: Option<Date>,
    /// Whether the resident can ask for stage 2 now, and until when.
    pub can_escalate: bool,
    #[schema(value_type = Option<String>, format = Date)]
    pub escalate_by: Option<Date>,
}

impl StatusView {
    pub fn of(record: &CaseRecord, rules: Rules<'_>, today: Date) -> Self {
        let case = &record.case;
        let current = case.current_stage();
        let responded_on = current
            .and_then(|s| s.response.as_ref())
            .map(|r| r.responded_on);
        let escalate_by = case.escalate_by(rules);
        StatusView {
            reference: case.reference.clone(),
            kind: case.kind,
            status: case.status,
            stage: case.stage().map(Stage::number),
            received_on: case.received_on(),
            acknowledge_by: current.map(|s| s.acknowledge_by),
            respond_by: current.map(|s| s.respond_by),
            responded_on,
            can_escalate: escalate_by.is_some_and(|by| today <= by),
            escalate_by,
        }
    }
}

/// One row of an officer's case list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummary {
    #[schema(value_type = String)]
    pub reference: Reference,
    #[schema(value_type = String)]
    pub kind: Kind,
    #[schema(value_type = String)]
    pub channel: Channel,
    pub service: String,
    #[schema(value_type = String)]
    pub status: Status,
    pub stage: Option<u8>,
    #[schema(value_type = Option<String>)]
    pub assigned_to: Option<OfficerId>,
    #[schema(value_type = String, format = Date)]
    pub received_on: Date,
    #[schema(value_type = Option<String>, format = Date)]
    pub next_due: Option<Date>,
    #[schema(value_type = Option<Object>)]
    pub next_due_status: Option<DeadlineStatus>,
    pub version: u64,
}

impl CaseSummary {
    pub fn of(
        record: &CaseRecord,
        council: &CouncilConfig,
        calendar: &Calendar,
        today: Date,
    ) -> Self {
        let case = &record.case;
        let next_due = record.next_due();
        CaseSummary {
            reference: case.reference.clone(),
            kind: case.kind,
            channel: case.channel,
            service: record.details.service.clone(),
            status: case.status,
            stage: case.stage().map(Stage::number),
            assigned_to: case.assigned_to.clone(),
            received_on: case.received_on(),
            next_due,
            next_due_status: next_due
                .map(|due| deadline_status(calendar, council.policy.division, due, today)),
            version: case.version,
        }
    }
}

/// A case with everything recorded on it and its whole timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    #[schema(value_type = Object)]
    pub case: feedback_shared::case::Case,
    #[schema(value_type = Object)]
    pub details: feedback_shared::submission::Feedback,
    #[schema(value_type = Vec<Object>)]
    pub timeline: Vec<CaseEvent>,
}
