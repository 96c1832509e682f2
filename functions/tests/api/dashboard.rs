use crate::helpers::{NOW, TestApp, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use feedback_functions::jobs::delivery;
use feedback_functions::notify::adapters::{SmtpNotifier, SmtpSettings, SmtpTls};
use serde_json::{Value, json};

/// Logs a complaint taken by phone at `received_at`; its reference.
async fn log_complaint(t: &TestApp, token: &str, received_at: &str) -> String {
    let body = json!({"channel": "phone", "received_at": received_at, "feedback": complaint()});
    let r = t
        .call(
            Method::POST,
            "/v1/councils/demo/cases",
            Some(token),
            &[],
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["reference"].as_str().unwrap().to_owned()
}

/// The list route's query string for a figure's `query`, as the console writes it.
fn query_string(query: &Value) -> String {
    let pairs: Vec<String> = query
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect();
    pairs.join("&")
}

/// How many cases the list route gives for a figure's query.
async fn listed(t: &TestApp, token: &str, query: &Value) -> usize {
    let r = t
        .get(
            &format!("/v1/councils/demo/cases?{}", query_string(query)),
            Some(token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = &r.body;
    body.as_array()
        .or_else(|| body["cases"].as_array())
        .unwrap()
        .len()
}

#[tokio::test]
async fn the_dashboard_counts_open_due_and_overdue_cases_as_the_queue_lists_them() {
    dashboard_counts_as_the_queue_lists(spawn_app()).await;
}

#[tokio::test]
async fn the_dashboard_counts_as_the_queue_lists_on_dynamodb() {
    let store = crate::support::dynamodb::dynamo_store().await;
    dashboard_counts_as_the_queue_lists(crate::helpers::spawn_app_with_store(std::sync::Arc::new(
        store,
    )))
    .await;
}

async fn dashboard_counts_as_the_queue_lists(t: TestApp) {
    let ann = t.token("demo", Role::Officer, "ann");
    // Acknowledgement was due in October: overdue.
    log_complaint(&t, &ann, "2026-10-01T10:00:00Z").await;
    // Received Thursday 19 November: acknowledge by Thursday 26, this week.
    log_complaint(&t, &ann, "2026-11-19T10:00:00Z").await;
    // Received today and answered today, within the timescale.
    let today = log_complaint(&t, &ann, "2026-11-24T09:00:00Z").await;
    t.act(
        &ann,
        &today,
        json!({"action": "acknowledge", "on": "2026-11-24"}),
    )
    .await;
    let respond = json!({"action": "respond", "response": {"responded_on": "2026-11-24", "outcome": "upheld",
        "reasons": "We missed it.", "remedies": ["apology"]}});
    assert_eq!(t.act(&ann, &today, respond).await.status, StatusCode::OK);

    let r = t.get("/v1/councils/demo/dashboard", Some(&ann)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let d = &r.body;
    assert_eq!(d["today"], "2026-11-24");
    assert_eq!(d["overdue"]["count"], 1);
    assert_eq!(d["overdue"]["query"]["overdue"], true);
    assert_eq!(listed(&t, &ann, &d["overdue"]["query"]).await, 1);
    assert_eq!(d["due_this_week"]["count"], 1);
    assert_eq!(d["due_this_week"]["query"]["due_before"], "2026-11-29");
    assert_eq!(listed(&t, &ann, &d["due_this_week"]["query"]).await, 1);

    let stage1 = &d["open"][0];
    assert_eq!(stage1["stage"], 1);
    let by_status = |status: &str| {
        stage1["by_status"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["status"] == status)
            .unwrap()
            .clone()
    };
    assert_eq!(by_status("received")["count"], 2);
    assert_eq!(by_status("responded")["count"], 1);
    assert_eq!(listed(&t, &ann, &by_status("received")["query"]).await, 2);
    assert_eq!(d["open"][1]["stage"], 2);
    assert_eq!(d["open"][2]["kind"], "service_request");

    // The report's own figures, for the quarter and the year so far.
    assert_eq!(
        d["quarter"]["period"],
        json!({"from": "2026-10-01", "to": "2026-12-31"})
    );
    assert_eq!(d["quarter"]["stages"][0]["responses"], 1);
    assert_eq!(d["quarter"]["stages"][0]["percent_within_timescale"], 100.0);
    assert_eq!(
        d["year_to_date"]["period"],
        json!({"from": "2026-04-01", "to": "2026-11-24"})
    );
    assert_eq!(d["year_to_date"]["escalation"]["stage1_responses"], 1);
    assert_eq!(d["undelivered"], 0);
}

#[tokio::test]
async fn the_dashboard_is_only_for_the_councils_officers() {
    let t = spawn_app();
    let r = t.get("/v1/councils/demo/dashboard", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let elsewhere = t.token("aberwen", Role::Manager, "ann");
    for uri in [
        "/v1/councils/demo/dashboard",
        "/v1/councils/demo/outbox/undelivered",
    ] {
        let r = t.get(uri, Some(&elsewhere)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri}");
        assert_eq!(r.content_type(), "application/problem+json");
    }
}

#[tokio::test]
async fn officers_are_refused_the_managers_pages() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    for uri in [
        "/v1/councils/demo/reports",
        "/v1/councils/demo/configuration",
        "/v1/partnerships/demo-partnership/reports",
    ] {
        let r = t.get(uri, Some(&ann)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri}");
        assert_eq!(r.content_type(), "application/problem+json");
    }
}

/// An SMTP server that is not there: every send fails, for real.
fn closed_smtp() -> SmtpNotifier {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    SmtpNotifier::new(&SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        username: None,
        password: None,
        tls: SmtpTls::None,
    })
    .unwrap()
}

#[tokio::test]
async fn messages_given_up_are_listed_masked_and_sent_again_once() {
    let t = spawn_app();
    t.submit("demo", "a", &complaint()).await;
    let queued = t.app.store.outbox_len().await.unwrap();
    assert!(queued > 0, "the acknowledgement is queued");
    let smtp = closed_smtp();
    // A day apart, so every backoff has passed, until the sender gives up.
    for day in 0..delivery::MAX_ATTEMPTS {
        let at = NOW + time::Duration::days(i64::from(day) + 1);
        delivery::run(t.app.store.as_ref(), &smtp, at, "test")
            .await
            .unwrap();
    }
    assert_eq!(t.app.store.outbox_len().await.unwrap(), 0);

    let ann = t.token("demo", Role::Officer, "ann");
    let r = t
        .get("/v1/councils/demo/outbox/undelivered", Some(&ann))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.body.as_array().unwrap();
    assert_eq!(list.len(), queued);
    let to_resident = list
        .iter()
        .find(|m| m["to"] == json!(["r…@example.com"]))
        .expect("the resident's acknowledgement, its address masked");
    assert!(!r.body.to_string().contains("rhian@example.com"));
    assert!(
        to_resident["reason"]
            .as_str()
            .unwrap()
            .starts_with("temporary failure"),
        "{to_resident}"
    );
    assert_eq!(to_resident["attempts"], delivery::MAX_ATTEMPTS);
    let dashboard = t.get("/v1/councils/demo/dashboard", Some(&ann)).await;
    assert_eq!(dashboard.body["undelivered"], queued);

    let id = to_resident["id"].as_str().unwrap();
    let retry = format!("/v1/councils/demo/outbox/undelivered/{id}/retry");
    let r = t.call(Method::POST, &retry, Some(&ann), &[], None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(t.app.store.outbox_len().await.unwrap(), 1);
    let again = t.call(Method::POST, &retry, Some(&ann), &[], None).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "once only");
    assert_eq!(again.content_type(), "application/problem+json");
    let r = t
        .get("/v1/councils/demo/outbox/undelivered", Some(&ann))
        .await;
    assert_eq!(r.body.as_array().unwrap().len(), queued - 1);
    // Another council's officer can neither see nor send it.
    let elsewhere = t.token("aberwen", Role::Officer, "ann");
    let r = t
        .call(Method::POST, &retry, Some(&elsewhere), &[], None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
