//! The public edge's limits, as an attacker meets them and a resident never does: form
//! tokens with a lifetime and a use limit, API keys for servers, rate limits per client
//! address and per council, and automatic emails per resident address a day.

use crate::helpers::{Reply, TestApp, complaint, spawn_app, spawn_app_with_limits};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use feedback_functions::auth::Role;
use feedback_shared::CouncilId;
use serde_json::{Value, json};
use std::net::SocketAddr;
use time::Duration;

const RATE_LIMITED: &str = "https://council-feedback.example/problems/rate-limited";
const FORM_EXPIRED: &str = "https://council-feedback.example/problems/form-expired";

fn demo() -> CouncilId {
    CouncilId::parse("demo").unwrap()
}

async fn cases_stored(t: &TestApp) -> usize {
    t.app
        .store
        .list_cases(&demo(), &Default::default())
        .await
        .unwrap()
        .len()
}

/// A POST or GET from the client at `from`, with extra headers.
async fn from(
    t: &TestApp,
    client: [u8; 4],
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .extension(ConnectInfo(SocketAddr::from((client, 50000))));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(json) => {
            request = request.header("content-type", "application/json");
            Body::from(serde_json::to_vec(json).unwrap())
        }
        None => Body::empty(),
    };
    t.send(request.body(body).unwrap()).await
}

/// The widget's submission from `client` with `token`.
async fn browser(t: &TestApp, client: [u8; 4], key: &str, token: &str, body: &Value) -> Reply {
    let mut body = body.clone();
    body["form_token"] = json!(token);
    let origin = t.origin("demo");
    let headers = [("idempotency-key", key), ("origin", origin.as_str())];
    from(
        t,
        client,
        Method::POST,
        "/v1/councils/demo/feedback",
        &headers,
        Some(&body),
    )
    .await
}

#[tokio::test]
async fn a_form_token_lasts_a_day_then_the_widget_is_told_to_open_the_form_again() {
    let t = spawn_app();
    let day_old = t.form_token_opened("demo", 24 * 3600 - 60);
    let r = browser(&t, [10, 0, 0, 1], "k1", &day_old, &complaint()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let expired = t.form_token_opened("demo", 24 * 3600);
    let r = browser(&t, [10, 0, 0, 1], "k2", &expired, &complaint()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["type"], FORM_EXPIRED);
    // The measured attack: a token issued in January, sent in December.
    let january = t.form_token_opened("demo", 320 * 24 * 3600);
    let r = browser(&t, [10, 0, 0, 1], "k3", &january, &complaint()).await;
    assert_eq!(r.body["type"], FORM_EXPIRED);
    assert_eq!(cases_stored(&t).await, 1);
}

#[tokio::test]
async fn one_form_token_carries_three_new_cases_and_replays_never_count() {
    let t = spawn_app();
    let token = t.form_token_opened("demo", 60);
    for key in ["k1", "k2", "k3"] {
        let r = browser(&t, [10, 0, 0, 1], key, &token, &complaint()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{key}: {}", r.body);
        // A retry while the token still has uses is answered and gives its use back.
        let r = browser(&t, [10, 0, 0, 1], key, &token, &complaint()).await;
        assert_eq!(r.status, StatusCode::OK, "{key} again: {}", r.body);
    }
    let r = browser(&t, [10, 0, 0, 1], "k4", &token, &complaint()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["type"], FORM_EXPIRED);
    // A resident's retry of a case that landed is answered whatever the token's count.
    let r = browser(&t, [10, 0, 0, 1], "k1", &token, &complaint()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(cases_stored(&t).await, 3);
}

#[tokio::test]
async fn servers_need_a_live_api_key_of_the_council_issued_by_a_manager() {
    let t = spawn_app();
    let post = |key: Option<String>, idem: &'static str| {
        let t = &t;
        async move {
            let mut headers = vec![("idempotency-key", idem.to_owned())];
            if let Some(key) = key {
                headers.push(("x-api-key", key));
            }
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            t.call(
                Method::POST,
                "/v1/councils/demo/feedback",
                None,
                &headers,
                Some(&complaint()),
            )
            .await
        }
    };
    // The measured attack: no Origin, no token, nothing else.
    let r = post(None, "k0").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.content_type(), "application/problem+json");

    let officer = t.token("demo", Role::Officer, "ann");
    let manager = t.token("demo", Role::Manager, "ben");
    let label = json!({"label": "CRM integration"});
    let r = t
        .call(
            Method::POST,
            "/v1/councils/demo/api-keys",
            Some(&officer),
            &[],
            Some(&label),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let issued = t
        .call(
            Method::POST,
            "/v1/councils/demo/api-keys",
            Some(&manager),
            &[],
            Some(&label),
        )
        .await;
    assert_eq!(issued.status, StatusCode::CREATED);
    let key = issued.body["key"].as_str().unwrap().to_owned();
    let id = issued.body["api_key"]["id"].as_str().unwrap().to_owned();
    assert!(key.starts_with(&format!("cfk_{id}_")));
    assert_eq!(issued.body["api_key"]["created_by"], "ben");

    // Only a hash is kept: nothing stored holds the secret.
    let stored = t.app.store.api_keys(&demo()).await.unwrap();
    // Everything after the id: the secret is base64url, which may itself hold a '_'.
    let secret = key.strip_prefix(&format!("cfk_{id}_")).unwrap();
    assert!(secret.len() >= 43, "{secret}");
    assert_eq!(stored.len(), 1);
    assert!(!format!("{stored:?}").contains(secret));
    // The list never shows it either.
    let listed = t
        .call(
            Method::GET,
            "/v1/councils/demo/api-keys",
            Some(&manager),
            &[],
            None,
        )
        .await;
    assert_eq!(listed.body[0]["label"], "CRM integration");
    assert!(!listed.body.to_string().contains(secret));

    let r = post(Some(key.clone()), "k1").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // A wrong secret with a real id, and another council's key, are refused alike.
    let r = post(Some(format!("cfk_{id}_{}", "x".repeat(43))), "k2").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let aberwen_manager = t.token("aberwen", Role::Manager, "cai");
    let aberwen = t
        .call(
            Method::POST,
            "/v1/councils/aberwen/api-keys",
            Some(&aberwen_manager),
            &[],
            Some(&label),
        )
        .await;
    let r = post(aberwen.body["key"].as_str().map(str::to_owned), "k3").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let uri = format!("/v1/councils/demo/api-keys/{id}");
    let r = t
        .call(Method::DELETE, &uri, Some(&officer), &[], None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = t
        .call(Method::DELETE, &uri, Some(&manager), &[], None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body["revoked_at"].is_string());
    let r = post(Some(key), "k4").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(cases_stored(&t).await, 1);
}

#[tokio::test]
async fn a_flood_from_one_address_waits_for_the_next_hour_and_neighbours_do_not() {
    let t = spawn_app();
    let limit = t
        .app
        .council("demo")
        .unwrap()
        .limits
        .submissions_per_address_hour;
    let attacker = [203, 0, 113, 9];
    for n in 0..limit {
        let token = t.fresh_form_token("demo");
        let r = browser(&t, attacker, &format!("k{n}"), &token, &complaint()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{n}: {}", r.body);
    }
    let token = t.fresh_form_token("demo");
    let r = browser(&t, attacker, "over", &token, &complaint()).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.body["type"], RATE_LIMITED);
    // The clock stands at 10:00: the window ends in an hour.
    assert_eq!(r.headers["retry-after"], "3600");
    let r = browser(&t, [198, 51, 100, 1], "neighbour", &token, &complaint()).await;
    assert_eq!(r.status, StatusCode::CREATED);
    t.clock.advance(Duration::hours(1));
    let token = t.fresh_form_token("demo");
    let r = browser(&t, attacker, "next-hour", &token, &complaint()).await;
    assert_eq!(r.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_council_limit_bounds_everyone_together() {
    let t = spawn_app_with_limits("submissions_per_hour = 5");
    for n in 0..5u8 {
        let token = t.fresh_form_token("demo");
        let r = browser(&t, [10, 1, 0, n], &format!("k{n}"), &token, &complaint()).await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let token = t.fresh_form_token("demo");
    let r = browser(&t, [10, 1, 0, 99], "k99", &token, &complaint()).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.body["type"], RATE_LIMITED);
    assert_eq!(cases_stored(&t).await, 5);
}

#[tokio::test]
async fn a_victims_address_gets_three_automatic_emails_a_day_and_every_case_is_kept() {
    let t = spawn_app();
    let mut aimed = complaint();
    aimed["contact"]["email"] = json!("Victim@Example.com");
    let mut tokens = Vec::new();
    for n in 0..6u8 {
        let token = t.fresh_form_token("demo");
        tokens.push(token.clone());
        // From six addresses, so no rate limit hides what the email limit does.
        let r = browser(&t, [10, 2, 0, n], &format!("k{n}"), &token, &aimed).await;
        assert_eq!(r.status, StatusCode::CREATED);
        // The widget tells the resident whether an email is coming: it is not once the
        // address has had its three.
        assert_eq!(
            r.body["emailed"],
            json!(n < 3),
            "submission {n}: {}",
            r.body
        );
    }
    assert_eq!(cases_stored(&t).await, 6);
    assert_eq!(t.app.store.outbox_len().await.unwrap(), 3);
    // A replay of the first and of the last says what each first said.
    for (n, emailed) in [(0u8, true), (5, false)] {
        let token = &tokens[usize::from(n)];
        let r = browser(&t, [10, 2, 0, n], &format!("k{n}"), token, &aimed).await;
        assert_eq!(r.status, StatusCode::OK, "replay {n}: {}", r.body);
        assert_eq!(r.body["emailed"], json!(emailed), "replay {n}: {}", r.body);
    }
    // Another resident is not affected.
    let token = t.fresh_form_token("demo");
    let r = browser(&t, [10, 2, 1, 1], "other", &token, &complaint()).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(t.app.store.outbox_len().await.unwrap(), 4);
    // An officer still writes to the victim: acknowledging the sixth case emails them.
    let officer = t.token("demo", Role::Officer, "ann");
    let r = t
        .act(
            &officer,
            "DEMO-2026-000006",
            json!({"action": "acknowledge", "on": "2026-11-24"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(t.app.store.outbox_len().await.unwrap(), 5);
    // The next day the count starts again.
    t.clock.advance(Duration::days(1));
    let token = t.fresh_form_token("demo");
    let r = browser(&t, [10, 2, 0, 1], "tomorrow", &token, &aimed).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(t.app.store.outbox_len().await.unwrap(), 6);
}

#[tokio::test]
async fn guessing_references_and_codes_is_limited_per_address() {
    let t = spawn_app();
    let limit = t
        .app
        .council("demo")
        .unwrap()
        .limits
        .lookups_per_address_hour;
    let guess = json!({"reference": "DEMO-2026-000001", "status_token": "AAAAAAAAAAAAAAAAAAAA"});
    let guesser = [203, 0, 113, 50];
    for _ in 0..limit {
        let r = from(
            &t,
            guesser,
            Method::POST,
            "/v1/councils/demo/status",
            &[],
            Some(&guess),
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    for path in ["status", "escalation"] {
        let uri = format!("/v1/councils/demo/{path}");
        let r = from(&t, guesser, Method::POST, &uri, &[], Some(&guess)).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{path}");
        assert!(r.headers.contains_key("retry-after"));
    }
    let r = from(
        &t,
        [10, 3, 0, 1],
        Method::POST,
        "/v1/councils/demo/status",
        &[],
        Some(&guess),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn opening_the_form_is_limited_per_address() {
    let t = spawn_app_with_limits("form_loads_per_address_hour = 4");
    for _ in 0..4 {
        let r = from(
            &t,
            [10, 4, 0, 1],
            Method::GET,
            "/v1/councils/demo",
            &[],
            None,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = from(
        &t,
        [10, 4, 0, 1],
        Method::GET,
        "/v1/councils/demo",
        &[],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = from(
        &t,
        [10, 4, 0, 2],
        Method::GET,
        "/v1/councils/demo",
        &[],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn a_resident_at_a_normal_pace_meets_no_limit() {
    let t = spawn_app();
    let home = [81, 2, 69, 160];
    // Opens the form twice (a reload), sends a complaint and a compliment, their
    // equality answers, then checks progress a few times.
    for _ in 0..2 {
        let r = from(&t, home, Method::GET, "/v1/councils/demo", &[], None).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let token = t.form_token_opened("demo", 300);
    let sent = browser(&t, home, "first", &token, &complaint()).await;
    assert_eq!(sent.status, StatusCode::CREATED);
    let compliment = json!({"kind": "compliment", "service": "waste", "what_happened": "The crew were kind.", "anonymous": true});
    let r = browser(&t, home, "second", &token, &compliment).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    for _ in 0..2 {
        let r = from(
            &t,
            home,
            Method::POST,
            "/v1/councils/demo/equality",
            &[],
            Some(&json!({"age": "25_44"})),
        )
        .await;
        assert_eq!(r.status, StatusCode::ACCEPTED);
    }
    let code =
        json!({"reference": sent.body["reference"], "status_token": sent.body["status_token"]});
    for _ in 0..5 {
        let r = from(
            &t,
            home,
            Method::POST,
            "/v1/councils/demo/status",
            &[],
            Some(&code),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    assert_eq!(t.app.store.outbox_len().await.unwrap(), 1);
}

/// The attacks at once, on a store: one token sent 40 times concurrently from one
/// address, and 12 complaints at once naming one victim from 12 addresses. Only three
/// submissions ride the token and three emails reach the victim, however the requests
/// interleave.
async fn concurrent_abuse_is_bounded(t: TestApp) {
    let t = std::sync::Arc::new(t);
    let token = t.form_token_opened("demo", 60);
    let mut tasks = Vec::new();
    for n in 0..40 {
        let (t, token) = (t.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            browser(
                &t,
                [203, 0, 113, 7],
                &format!("reuse-{n}"),
                &token,
                &complaint(),
            )
            .await
            .status
        }));
    }
    let mut created = 0;
    for task in tasks {
        let status = task.await.unwrap();
        assert!(
            [StatusCode::CREATED, StatusCode::BAD_REQUEST].contains(&status),
            "{status}"
        );
        created += usize::from(status == StatusCode::CREATED);
    }
    assert_eq!(created, 3);

    let mut aimed = complaint();
    aimed["contact"]["email"] = json!("victim@example.com");
    let mut tasks = Vec::new();
    for n in 0..12u8 {
        let (t, aimed) = (t.clone(), aimed.clone());
        tasks.push(tokio::spawn(async move {
            let token = t.fresh_form_token("demo");
            browser(&t, [10, 5, 0, n], &format!("aim-{n}"), &token, &aimed)
                .await
                .status
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::CREATED);
    }
    assert_eq!(cases_stored(&t).await, 15);
    // Three acknowledgements to the token's resident, three to the victim.
    assert_eq!(t.app.store.outbox_len().await.unwrap(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_abuse_is_bounded_on_sqlite() {
    concurrent_abuse_is_bounded(spawn_app()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_abuse_is_bounded_on_dynamodb() {
    let store = crate::support::dynamodb::dynamo_store().await;
    concurrent_abuse_is_bounded(crate::helpers::spawn_app_with_store(std::sync::Arc::new(
        store,
    )))
    .await
}
