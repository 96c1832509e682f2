//! The annual record through the API (Code 8.1–8.3): a manager reads the Code's checklist
//! pre-filled from the year's figures, saves the self-assessment, improvements and the
//! Ombudsman's letter over the version read, and the year's printable report then holds
//! every item 8.1 asks for. Officers may not; bad input is refused as problem details.

use crate::helpers::{TestApp, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::{Value, json};

const ANNUAL: &str = "/v1/councils/demo/annual/2026";

/// A complaint answered on time at stage 1 by ann, escalated, and answered at stage 2 by
/// ben (a different person, as the procedure requires).
async fn worked_case(t: &TestApp) {
    let ann = t.token("demo", Role::Officer, "ann");
    let ben = t.token("demo", Role::Officer, "ben");
    let s = t.submit("demo", "a", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    for (who, action) in [
        (&ann, json!({"action": "acknowledge", "on": "2026-11-24"})),
        (
            &ann,
            json!({"action": "respond", "response": {"responded_on": "2026-11-24", "outcome": "not_upheld",
            "reasons": "We collected it.", "remedies": []}}),
        ),
        (
            &ann,
            json!({"action": "escalate", "requested_on": "2026-11-24", "handler": "ben"}),
        ),
        (&ben, json!({"action": "acknowledge", "on": "2026-11-24"})),
        (
            &ben,
            json!({"action": "respond", "response": {"responded_on": "2026-11-24", "outcome": "upheld",
            "reasons": "We missed it.", "remedies": ["apology"]}}),
        ),
    ] {
        let reply = t.act(who, &reference, action.clone()).await;
        assert_eq!(reply.status, StatusCode::OK, "{action}: {}", reply.body);
    }
}

fn requirement<'a>(view: &'a Value, id: &str) -> &'a Value {
    view["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
}

fn draft() -> Value {
    json!({
        "assessment": [
            {"requirement": "s6-stage2-person", "compliant": false,
             "evidence": "Two stage 2 reviews were done in the same team as stage 1.",
             "actions": "Stage 2 goes to the service manager from January."},
            {"requirement": "s6-stage1", "compliant": true, "evidence": "All on time."}
        ],
        "improvements": [
            {"description": "Crews check the street list twice.", "from_case": "DEMO-2026-0001",
             "service": "waste", "status": "in_progress", "owner": "Waste team", "date": "2027-01-31"}
        ],
        "ombudsman_letter": {"url": "https://www.lgo.org.uk/your-councils-performance",
            "text": "Dear Chief Executive,\n\nThis year we upheld two complaints.",
            "response": "The council accepts the Ombudsman's findings."}
    })
}

#[tokio::test]
async fn the_checklist_is_prefilled_from_the_years_figures() {
    let t = spawn_app();
    worked_case(&t).await;
    let manager = t.token("demo", Role::Manager, "mia");
    let view = t.get(ANNUAL, Some(&manager)).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(view.body["record"], Value::Null);
    let person = requirement(&view.body, "s6-stage2-person");
    assert_eq!(person["section"], "6.7");
    assert_eq!(person["suggestion"]["compliant"], true);
    assert_eq!(
        person["suggestion"]["evidence"],
        "1 of 1 stage 2 responses sent by someone who did not handle stage 1; the system refuses a stage 2 response from a stage 1 handler."
    );
    let stage1 = requirement(&view.body, "s6-stage1");
    assert_eq!(stage1["suggestion"]["compliant"], true);
    assert_eq!(
        stage1["suggestion"]["evidence"],
        "1 of 1 stage 1 responses within 10 working days, 0 within an extension, 0 late."
    );
    // A requirement no figure speaks to has no suggestion.
    assert_eq!(
        requirement(&view.body, "s3-published")["suggestion"],
        Value::Null
    );
}

#[tokio::test]
async fn a_manager_saves_over_the_version_read_and_the_report_holds_every_item_of_8_1() {
    let t = spawn_app();
    worked_case(&t).await;
    let manager = t.token("demo", Role::Manager, "mia");
    let saved = t
        .call(Method::PUT, ANNUAL, Some(&manager), &[], Some(&draft()))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["version"], 1);
    assert_eq!(saved.body["saved_by"], "mia");
    // Saved in the Code's order, whatever the order sent.
    assert_eq!(saved.body["assessment"][0]["requirement"], "s6-stage1");

    // A second first save is a conflict; a save over version 1 goes through once.
    let again = t
        .call(Method::PUT, ANNUAL, Some(&manager), &[], Some(&draft()))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.content_type(), "application/problem+json");
    let second = t
        .call(
            Method::PUT,
            ANNUAL,
            Some(&manager),
            &[("if-match", "1")],
            Some(&draft()),
        )
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(second.body["version"], 2);
    let stale = t
        .call(
            Method::PUT,
            ANNUAL,
            Some(&manager),
            &[("if-match", "1")],
            Some(&draft()),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    let view = t.get(ANNUAL, Some(&manager)).await;
    assert_eq!(view.body["record"]["version"], 2);
    assert_eq!(
        requirement(&view.body, "s6-stage2-person")["answer"]["compliant"],
        false
    );

    let html = t
        .call(
            Method::GET,
            "/v1/councils/demo/reports?year=2026&format=html",
            Some(&manager),
            &[],
            None,
        )
        .await;
    assert_eq!(html.status, StatusCode::OK);
    let page = html.body.as_str().unwrap().to_owned();
    // Code 8.1, item by item: the figures, the self-assessment, the types refused, any
    // finding of non-compliance, the improvements made from learning, the Ombudsman's
    // letter and the council's response to it.
    for (item, expected) in [
        ("performance figures", "Timeliness by stage"),
        (
            "self-assessment",
            "Self-assessment against the Complaint Handling Code",
        ),
        (
            "self-assessment answer",
            "6.7 Stage 2 is handled by a different person from stage 1.",
        ),
        ("types of complaint refused", "Complaints not accepted"),
        ("non-compliance", "Findings of non-compliance with the Code"),
        (
            "non-compliance action",
            "Stage 2 goes to the service manager from January.",
        ),
        ("service improvements", "Crews check the street list twice."),
        ("improvement status", "In progress"),
        ("Ombudsman's letter", "This year we upheld two complaints."),
        (
            "Ombudsman's letter link",
            "https://www.lgo.org.uk/your-councils-performance",
        ),
        (
            "council's response",
            "The council accepts the Ombudsman&#39;s findings.",
        ),
    ] {
        assert!(
            page.contains(expected),
            "the report lacks {item}: {expected}"
        );
    }
    let csv = t
        .call(
            Method::GET,
            "/v1/councils/demo/reports?year=2026&format=csv",
            Some(&manager),
            &[],
            None,
        )
        .await;
    let csv = csv.body.as_str().unwrap().to_owned();
    for row in [
        "demo,2026-04-01,2027-03-31,stage2_handling,by_another_person,,1",
        "demo,2026-04-01,2027-03-31,non_compliance,self_assessment_no,,1",
        "demo,2026-04-01,2027-03-31,self_assessment,s6-stage2-person,compliant,no",
        "demo,2026-04-01,2027-03-31,improvements,1,status,In progress",
        "demo,2026-04-01,2027-03-31,ombudsman_letter,response,,The council accepts the Ombudsman's findings.",
    ] {
        assert!(csv.contains(row), "the CSV lacks {row}");
    }
}

#[tokio::test]
async fn officers_may_not_and_bad_drafts_are_refused_as_problems() {
    let t = spawn_app();
    let officer = t.token("demo", Role::Officer, "ann");
    let manager = t.token("demo", Role::Manager, "mia");
    assert_eq!(
        t.get(ANNUAL, Some(&officer)).await.status,
        StatusCode::FORBIDDEN
    );
    let refused = t
        .call(Method::PUT, ANNUAL, Some(&officer), &[], Some(&draft()))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(t.get(ANNUAL, None).await.status, StatusCode::UNAUTHORIZED);
    // Another council's manager reaches nothing here.
    let other = t.token("north-glen", Role::Manager, "mia");
    assert_eq!(
        t.get(ANNUAL, Some(&other)).await.status,
        StatusCode::FORBIDDEN
    );

    let unknown = json!({"assessment": [{"requirement": "s99-made-up", "compliant": true}]});
    let reply = t
        .call(Method::PUT, ANNUAL, Some(&manager), &[], Some(&unknown))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert_eq!(reply.content_type(), "application/problem+json");

    let blank = json!({"improvements": [{"description": " ", "owner": ""}],
        "ombudsman_letter": {"response": ""}});
    let reply = t
        .call(Method::PUT, ANNUAL, Some(&manager), &[], Some(&blank))
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert_eq!(reply.error_fields(), ["learning", "officer", "reason"]);

    let year = t.get("/v1/councils/demo/annual/1850", Some(&manager)).await;
    assert_eq!(year.status, StatusCode::BAD_REQUEST);
    // Nothing was saved by the refused requests.
    assert_eq!(
        t.get(ANNUAL, Some(&manager)).await.body["record"],
        Value::Null
    );
}
