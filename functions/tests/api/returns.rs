//! The Welsh and Scottish returns through the report route (`format=wcsa|spso`): CSV
//! from the same figures as the report, a year cut into its quarters for the WCSA.

use crate::helpers::{complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;

#[tokio::test]
async fn a_manager_downloads_the_wcsa_return_and_the_spso_indicators() {
    let t = spawn_app();
    // Received on 24 November 2026: quarter 3 of financial year 2026.
    let sent = t.submit("aberwen", "r-1", &complaint()).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    let manager = t.token("aberwen", Role::Manager, "mia");
    let wcsa = t
        .call(
            Method::GET,
            "/v1/councils/aberwen/reports?year=2026&format=wcsa",
            Some(&manager),
            &[],
            None,
        )
        .await;
    assert_eq!(wcsa.status, StatusCode::OK);
    assert_eq!(wcsa.content_type(), "text/csv; charset=utf-8");
    let csv = wcsa.body.as_str().unwrap();
    for row in [
        "aberwen,2026-Q1,2026-04-01,2026-06-30,received,,0",
        "aberwen,2026-Q3,2026-10-01,2026-12-31,received,,1",
        // One complaint in a population of 24,000.
        "aberwen,2026-Q3,2026-10-01,2026-12-31,received_per_1000,,0.04",
        "aberwen,2026-Q4,2027-01-01,2027-03-31,received,,0",
    ] {
        assert!(csv.contains(row), "missing {row} in\n{csv}");
    }
    let spso = t
        .call(
            Method::GET,
            "/v1/councils/aberwen/reports?year=2026&format=SPSO",
            Some(&manager),
            &[],
            None,
        )
        .await;
    assert_eq!(spso.status, StatusCode::OK);
    let csv = spso.body.as_str().unwrap();
    assert!(csv.starts_with("council,period_from,period_to,indicator,stage,value\r\n"));
    assert!(csv.contains("aberwen,2026-04-01,2027-03-31,received,,1\r\n"));
    assert!(csv.contains("aberwen,2026-04-01,2027-03-31,closed,1,0\r\n"));
    // Officers may not; nor may another council's manager.
    let officer = t.token("aberwen", Role::Officer, "ann");
    let refused = t
        .get(
            "/v1/councils/aberwen/reports?year=2026&format=wcsa",
            Some(&officer),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let other = t.token("demo", Role::Manager, "mia");
    let refused = t
        .get(
            "/v1/councils/aberwen/reports?year=2026&format=spso",
            Some(&other),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
