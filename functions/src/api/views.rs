//! The wire bodies the API answers with (`feedback_shared::wire`), built from what the
//! use cases return and the council's configuration.

use crate::config::CouncilConfig;
use crate::store::CaseRecord;
use feedback_shared::Calendar;
use feedback_shared::case::{CaseEvent, Rules};
use feedback_shared::deadlines::deadline_status;
use feedback_shared::policy::StageTimescale;
use feedback_shared::wire::{
    CaseDetail, CaseSummary, CouncilView, OutOfScopeView, ServiceView, StageTimescaleView,
    StatusView,
};
use time::Date;

fn timescale(t: StageTimescale) -> StageTimescaleView {
    StageTimescaleView {
        acknowledge_working_days: t.acknowledge,
        respond_working_days: t.respond,
        extension_cap_working_days: t.extension_cap,
    }
}

/// What the widget needs to draw `c`'s form, with `form_token` for the spam checks.
pub fn council_view(c: &CouncilConfig, form_token: String) -> CouncilView {
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
                out_of_scope: s
                    .out_of_scope
                    .iter()
                    .map(|m| OutOfScopeView {
                        matter: m.matter.clone(),
                        matter_cy: m.matter_cy.clone(),
                        route: m.route.clone(),
                        route_cy: m.route_cy.clone(),
                        url: m.url.clone(),
                    })
                    .collect(),
            })
            .collect(),
        stage1: timescale(c.policy.timescales.stage1),
        stage2: timescale(c.policy.timescales.stage2),
        brand_colour: c.brand_colour.clone(),
        palette: feedback_shared::colour::palette(feedback_shared::colour::ColourSettings {
            brand: c.brand_colour.as_deref(),
            background: c.widget_background.as_deref(),
            text: c.widget_text.as_deref(),
            link: c.widget_link.as_deref(),
        }),
        ombudsman: feedback_shared::wire::OmbudsmanView::of(c.ombudsman),
        privacy_notice_url: c.privacy_notice_url.clone(),
        contact_page_url: c.contact_page_url.clone(),
        time_limit_months: c.policy.time_limit_months,
        form_token,
        reference_prefix: c.reference_prefix(),
    }
}

/// Where `record` stands, as its resident may see it on `today`: nothing of its content.
pub fn status_view(record: &CaseRecord, rules: Rules<'_>, today: Date) -> StatusView {
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
        stage: case.stage(),
        received_on: case.received_on(),
        acknowledge_by: current.map(|s| s.acknowledge_by),
        respond_by: current.map(|s| s.respond_by),
        responded_on,
        can_escalate: escalate_by.is_some_and(|by| today <= by),
        escalate_by,
    }
}

/// `record` as a row of an officer's case list on `today`.
pub fn case_summary(
    record: &CaseRecord,
    council: &CouncilConfig,
    calendar: &Calendar,
    today: Date,
) -> CaseSummary {
    let case = &record.case;
    let next_due = record.next_due();
    CaseSummary {
        reference: case.reference.clone(),
        kind: case.kind,
        channel: case.channel,
        service: record.details.service.clone(),
        status: case.status,
        stage: case.stage(),
        assigned_to: case.assigned_to.clone(),
        received_on: case.received_on(),
        next_due,
        next_due_status: next_due
            .map(|due| deadline_status(calendar, council.policy.division, due, today)),
        version: case.version,
    }
}

/// `record` with everything recorded on it and its timeline.
pub fn case_detail(
    record: CaseRecord,
    timeline: Vec<CaseEvent>,
    council: &CouncilConfig,
    calendar: &Calendar,
    today: Date,
) -> CaseDetail {
    CaseDetail {
        summary: case_summary(&record, council, calendar, today),
        case: record.case,
        details: record.details,
        timeline,
        council_ombudsman: council.ombudsman,
        messages: Vec::new(),
        restrictions: Vec::new(),
    }
}
