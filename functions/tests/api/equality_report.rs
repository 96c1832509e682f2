//! Equality answers sent through the public route, counted in the annual report (JSON,
//! CSV and HTML, and a partnership's side by side) for every calendar year the period
//! touches, with groups of fewer than 5 suppressed.

use crate::helpers::{NOW, Reply, TestApp, spawn_app};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use feedback_functions::auth::{Claims, Role};
use feedback_shared::{CouncilId, OfficerId};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU8, Ordering};
use time::macros::datetime;

/// Each set of answers from its own address, as residents' browsers send them, so no
/// per-address limit is met.
async fn answer(t: &TestApp, council: &str, answers: Value) -> Reply {
    static NEXT: AtomicU8 = AtomicU8::new(1);
    let client = [10, 77, 0, NEXT.fetch_add(1, Ordering::Relaxed)];
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("/v1/councils/{council}/equality"))
        .header("origin", t.origin(council))
        .header("content-type", "application/json")
        .extension(ConnectInfo(SocketAddr::from((client, 50000))))
        .body(Body::from(serde_json::to_vec(&answers).unwrap()))
        .unwrap();
    let r = t.send(request).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    r
}

async fn answer_times(t: &TestApp, council: &str, times: usize, answers: Value) {
    for _ in 0..times {
        answer(t, council, answers.clone()).await;
    }
}

/// Ten compliments received in November 2026, and answers given in 2025 (not counted in
/// financial year 2026), 2026 and 2027 (both counted).
async fn answered_year(t: &TestApp) {
    let compliment = json!({"kind": "compliment", "service": "waste", "what_happened": "Lovely crew.", "anonymous": true});
    for n in 0..10 {
        let r = t.submit("demo", &format!("c{n}"), &compliment).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    answer_times(t, "demo", 5, json!({"age": "25_44", "sex": "female"})).await;
    answer_times(
        t,
        "demo",
        2,
        json!({"age": "under_25", "sex": "prefer_not_to_say"}),
    )
    .await;
    t.clock.set(datetime!(2027-02-10 12:00 UTC));
    answer(t, "demo", json!({"disability": "no"})).await;
    t.clock.set(datetime!(2025-12-01 12:00 UTC));
    answer_times(t, "demo", 6, json!({"age": "65_plus"})).await;
    t.clock.set(NOW);
}

fn row<'a>(report: &'a Value, question: &str, answer: &str) -> &'a Value {
    let q = report["equality"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question"] == question)
        .unwrap_or_else(|| panic!("no question {question}"));
    &q["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["answer"] == answer)
        .unwrap_or_else(|| panic!("no answer {answer}"))["count"]
}

#[tokio::test]
async fn answers_sent_by_residents_are_counted_in_the_report_by_calendar_year() {
    let t = spawn_app();
    answered_year(&t).await;
    let manager = t.token("demo", Role::Manager, "mo");
    let r = t
        .get("/v1/councils/demo/reports?year=2026", Some(&manager))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let e = &r.body["equality"];
    assert_eq!(e["years"], json!([2026, 2027]));
    assert_eq!(
        e["responses"], 8,
        "5 + 2 in 2026 and 1 in 2027, not 2025's 6"
    );
    assert_eq!(e["received"], 10);
    assert_eq!(e["response_rate_percent"], 80.0);
    assert_eq!(row(&r.body, "age", "25_44"), 5);
    assert_eq!(
        row(&r.body, "age", "under_25"),
        &Value::Null,
        "2 is fewer than 5"
    );
    assert_eq!(row(&r.body, "age", "65_plus"), 0, "given in 2025");
    assert_eq!(row(&r.body, "age", "not_answered"), &Value::Null);
    assert_eq!(row(&r.body, "sex", "female"), 5);
    assert_eq!(row(&r.body, "sex", "prefer_not_to_say"), &Value::Null);
    assert_eq!(row(&r.body, "disability", "no"), &Value::Null);
    assert_eq!(row(&r.body, "disability", "not_answered"), 7);
    assert_eq!(row(&r.body, "ethnic_group", "not_answered"), 8);
    let note = e["note"].as_str().unwrap();
    assert!(
        note.contains("counts those given in 2026 and 2027"),
        "{note}"
    );

    // Calendar 2025 alone (its last quarter): the six 65-or-over answers, no feedback.
    let r = t
        .get(
            "/v1/councils/demo/reports?from=2025-10-01&to=2025-12-31",
            Some(&manager),
        )
        .await;
    assert_eq!(r.body["equality"]["responses"], 6);
    assert_eq!(r.body["equality"]["response_rate_percent"], Value::Null);
    assert_eq!(row(&r.body, "age", "65_plus"), 6);

    let csv = t
        .call(
            Method::GET,
            "/v1/councils/demo/reports?year=2026&format=csv",
            Some(&manager),
            &[],
            None,
        )
        .await;
    let text = csv.body.as_str().unwrap();
    for line in [
        "demo,2026-04-01,2027-03-31,equality,responses,,8\r\n",
        "demo,2026-04-01,2027-03-31,equality,response_rate_percent,,80\r\n",
        "demo,2026-04-01,2027-03-31,equality,age,25 to 44,5\r\n",
        "demo,2026-04-01,2027-03-31,equality,age,Under 25,fewer than 5\r\n",
        "demo,2026-04-01,2027-03-31,equality,age,65 or over,0\r\n",
        "demo,2026-04-01,2027-03-31,equality,disability,Not answered,7\r\n",
    ] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }

    let html = t
        .call(
            Method::GET,
            "/v1/councils/demo/reports?year=2026&format=html",
            Some(&manager),
            &[],
            None,
        )
        .await;
    let html = html.body.as_str().unwrap();
    assert!(html.contains("8 responses were given in 2026 and 2027: 80% of the 10"));
    assert!(html.contains("<caption>What is your age?</caption>"));
    assert!(
        html.contains(
            "<tr><th scope=\"row\">Under 25</th><td class=\"num\">Fewer than 5</td></tr>"
        )
    );
    assert!(html.contains("<tr><th scope=\"row\">25 to 44</th><td class=\"num\">5</td></tr>"));
}

#[tokio::test]
async fn a_partnership_report_shows_each_councils_answers_side_by_side() {
    let t = spawn_app();
    answered_year(&t).await;
    answer_times(&t, "aberwen", 5, json!({"ethnic_group": "white"})).await;
    let mut claims = Claims::new(
        OfficerId("pat".into()),
        "Pat".into(),
        CouncilId::parse("demo").unwrap(),
        Role::Manager,
        NOW.unix_timestamp(),
    );
    claims.also = vec![CouncilId::parse("aberwen").unwrap()];
    let token = t.mint(&claims);
    let uri = "/v1/partnerships/demo-partnership/reports?year=2026";
    let r = t.get(uri, Some(&token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let reports = r.body.as_array().unwrap();
    assert_eq!(reports[0]["council"], "aberwen");
    assert_eq!(reports[0]["equality"]["responses"], 5);
    assert_eq!(row(&reports[0], "ethnic_group", "white"), 5);
    assert_eq!(
        row(&reports[0], "age", "25_44"),
        0,
        "demo's answers stay demo's"
    );
    assert_eq!(reports[1]["equality"]["responses"], 8);
    assert_eq!(row(&reports[1], "ethnic_group", "white"), 0);

    let html = t
        .call(
            Method::GET,
            &format!("{uri}&format=html"),
            Some(&token),
            &[],
            None,
        )
        .await;
    let html = html.body.as_str().unwrap();
    let side = &html[html
        .find("Equality monitoring across the partnership")
        .expect("side by side")..];
    assert!(side.contains(
        "<tr><th scope=\"row\">White</th><td class=\"num\">5</td><td class=\"num\">0</td></tr>"
    ));
    assert!(side.contains(
        "<tr><th scope=\"row\">Responses</th><td class=\"num\">5</td><td class=\"num\">8</td></tr>"
    ));
}
