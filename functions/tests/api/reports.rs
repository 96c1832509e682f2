use crate::helpers::{complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::json;

/// A complaint answered within the timescale, and a compliment, in financial year 2026.
async fn worked_year(t: &crate::helpers::TestApp) {
    let ann = t.token("demo", Role::Officer, "ann");
    let s = t.submit("demo", "a", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    t.act(
        &ann,
        &reference,
        json!({"action": "acknowledge", "on": "2026-11-24"}),
    )
    .await;
    let respond = json!({"action": "respond", "response": {"responded_on": "2026-11-24", "outcome": "upheld",
        "reasons": "We missed it.", "remedies": ["apology"], "learning": "Crews check the list twice."}});
    assert_eq!(
        t.act(&ann, &reference, respond).await.status,
        StatusCode::OK
    );
    let compliment = json!({"kind": "compliment", "service": "waste", "what_happened": "Lovely crew.", "anonymous": true});
    t.submit("demo", "b", &compliment).await;
}

#[tokio::test]
async fn managers_get_the_years_figures_as_json() {
    years_figures_as_json(spawn_app()).await;
}

#[tokio::test]
async fn managers_get_the_years_figures_as_json_on_dynamodb() {
    let store = crate::support::dynamodb::dynamo_store().await;
    years_figures_as_json(crate::helpers::spawn_app_with_store(std::sync::Arc::new(
        store,
    )))
    .await;
}

async fn years_figures_as_json(t: crate::helpers::TestApp) {
    worked_year(&t).await;
    let manager = t.token("demo", Role::Manager, "mo");
    let r = t
        .get("/v1/councils/demo/reports?year=2026", Some(&manager))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.body["period"],
        json!({"from": "2026-04-01", "to": "2027-03-31"})
    );
    assert_eq!(r.body["volumes"]["total"], 2);
    assert_eq!(
        r.body["volumes"]["by_kind"],
        json!({"complaint": 1, "compliment": 1})
    );
    assert_eq!(r.body["stages"][0]["responses"], 1);
    assert_eq!(r.body["stages"][0]["within_timescale"], 1);
    assert_eq!(r.body["remedies"], json!({"apology": 1}));
    assert_eq!(
        r.body["learning"][0]["learning"],
        "Crews check the list twice."
    );
    // The current financial year is the default (the test clock says November 2026).
    let default = t.get("/v1/councils/demo/reports", Some(&manager)).await;
    assert_eq!(default.body["period"]["from"], "2026-04-01");
}

#[tokio::test]
async fn the_report_comes_as_csv_or_printable_html() {
    let t = spawn_app();
    worked_year(&t).await;
    let manager = t.token("demo", Role::Manager, "mo");
    let csv = t
        .call(
            Method::GET,
            "/v1/councils/demo/reports?year=2026&format=csv",
            Some(&manager),
            &[],
            None,
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type().starts_with("text/csv"));
    let text = csv.body.as_str().unwrap();
    assert!(
        text.contains("demo,2026-04-01,2027-03-31,volumes,total,,2"),
        "{text}"
    );
    let html = t
        .call(
            Method::GET,
            "/v1/councils/demo/reports?year=2026",
            Some(&manager),
            &[("accept", "text/html")],
            None,
        )
        .await;
    assert!(html.content_type().starts_with("text/html"));
    assert!(html.body.as_str().unwrap().contains("<svg"));
    let bad = t
        .get("/v1/councils/demo/reports?format=pdf", Some(&manager))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn only_managers_of_the_council_see_its_report() {
    let t = spawn_app();
    let officer = t.token("demo", Role::Officer, "ann");
    assert_eq!(
        t.get("/v1/councils/demo/reports", Some(&officer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let other = t.token("aberwen", Role::Manager, "carys");
    assert_eq!(
        t.get("/v1/councils/demo/reports", Some(&other))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.get("/v1/councils/demo/reports", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bad_periods_are_refused_clearly() {
    let t = spawn_app();
    let manager = t.token("demo", Role::Manager, "mo");
    for query in [
        "from=2026-05-01",
        "from=2026-05-01&to=2026-04-01",
        "from=2026-04-01&to=2026-13-01",
        "year=2026&from=2026-04-01&to=2026-05-01",
        "quarter=5",
    ] {
        let r = t
            .get(
                &format!("/v1/councils/demo/reports?{query}"),
                Some(&manager),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(r.content_type(), "application/problem+json");
    }
}

#[tokio::test]
async fn a_partnership_manager_sees_each_council_side_by_side() {
    let t = spawn_app();
    worked_year(&t).await;
    let mut claims = feedback_functions::auth::Claims::new(
        feedback_shared::OfficerId("pat".into()),
        "Pat".into(),
        feedback_shared::CouncilId::parse("demo").unwrap(),
        Role::Manager,
        crate::helpers::NOW.unix_timestamp(),
    );
    claims.also = vec![feedback_shared::CouncilId::parse("aberwen").unwrap()];
    let token = t.mint(&claims);
    let r = t
        .get(
            "/v1/partnerships/demo-partnership/reports?year=2026",
            Some(&token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let councils: Vec<&str> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["council"].as_str().unwrap())
        .collect();
    assert_eq!(
        councils,
        ["aberwen", "demo"],
        "only the councils Pat manages, not north-glen"
    );
    let only_demo = t.token("demo", Role::Officer, "ann");
    let r = t
        .get(
            "/v1/partnerships/demo-partnership/reports",
            Some(&only_demo),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

/// A manager of one council of a partnership gets a list of one report, the shape the
/// document gives for the partnership route (schemathesis found a lone object here).
#[tokio::test]
async fn a_partnership_report_is_a_list_even_of_one_council() {
    let t = spawn_app();
    worked_year(&t).await;
    let manager = t.token("demo", Role::Manager, "mo");
    let r = t
        .get(
            "/v1/partnerships/demo-partnership/reports?year=2026",
            Some(&manager),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let reports = r.body.as_array().expect("a list of reports");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["council"], "demo");
    assert_eq!(reports[0]["volumes"]["total"], 2);
}
