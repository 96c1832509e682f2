//! The queue's list route: pages and their cursors, search, sort and the refusals of a
//! bad page size or cursor.

use crate::helpers::{complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Logs `n` phone complaints, a day apart from 1 October 2026, each from a person of
/// its own; the references in order.
async fn log_cases(t: &crate::helpers::TestApp, token: &str, n: usize) -> Vec<String> {
    let mut references = Vec::new();
    for i in 0..n {
        let mut feedback = complaint();
        feedback["contact"] = json!({"name": format!("Person{i} Surname"), "email": format!("person{i}@example.com")});
        let at = time::macros::datetime!(2026-10-01 10:00 UTC) + time::Duration::days(i as i64);
        let body = json!({
            "channel": if i % 3 == 0 { "letter" } else { "phone" },
            "received_at": at.format(&time::format_description::well_known::Rfc3339).unwrap(),
            "feedback": feedback,
        });
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
        references.push(r.body["reference"].as_str().unwrap().to_owned());
    }
    references
}

fn references(body: &Value) -> Vec<String> {
    body["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn cursors_page_through_the_queue_and_the_last_page_has_none() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let logged = log_cases(&t, &ann, 23).await;
    let mut seen = Vec::new();
    let mut uri = "/v1/councils/demo/cases?sort=received&order=asc&limit=10".to_owned();
    let mut pages = 0;
    loop {
        let r = t.get(&uri, Some(&ann)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body["items_read"].as_u64().unwrap() <= 11);
        seen.extend(references(&r.body));
        pages += 1;
        match r.body["next_cursor"].as_str() {
            Some(cursor) => {
                uri = format!(
                    "/v1/councils/demo/cases?sort=received&order=asc&limit=10&cursor={cursor}"
                )
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, logged, "oldest receipt first, each once");
    // The default page is 25 and the default order the soonest deadline first.
    let r = t.get("/v1/councils/demo/cases", Some(&ann)).await;
    assert_eq!(references(&r.body), logged);
    assert!(r.body.get("next_cursor").is_none());
}

#[tokio::test]
async fn search_and_filters_narrow_the_queue() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let logged = log_cases(&t, &ann, 6).await;
    let get = |query: &'static str| {
        let t = &t;
        let ann = ann.clone();
        async move {
            let r = t
                .get(&format!("/v1/councils/demo/cases?{query}"), Some(&ann))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.body);
            references(&r.body)
        }
    };
    assert_eq!(get("q=person4").await, [logged[4].clone()]);
    assert_eq!(get("q=PERSON2%40example.com").await, [logged[2].clone()]);
    assert_eq!(
        get(Box::leak(format!("q={}", logged[1]).into_boxed_str())).await,
        [logged[1].clone()]
    );
    assert_eq!(
        get("q=surname&limit=2").await,
        [logged[5].clone(), logged[4].clone()],
        "newest first"
    );
    assert_eq!(
        get("channel=letter").await,
        [logged[0].clone(), logged[3].clone()]
    );
    assert_eq!(
        get("received_from=2026-10-02&received_to=2026-10-03").await,
        logged[1..3]
    );
    assert_eq!(get("status=open&unassigned=true").await.len(), 6);
    assert!(get("status=closed").await.is_empty());
    let by_reference: BTreeSet<String> =
        get("sort=reference&order=desc").await.into_iter().collect();
    assert_eq!(by_reference.len(), 6);
}

#[tokio::test]
async fn a_bad_page_size_or_cursor_is_refused_naming_it() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    log_cases(&t, &ann, 3).await;
    for limit in ["0", "101", "ten", "-1"] {
        let r = t
            .get(
                &format!("/v1/councils/demo/cases?limit={limit}"),
                Some(&ann),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "limit={limit}");
        assert_eq!(r.content_type(), "application/problem+json");
        assert!(
            r.body["detail"].as_str().unwrap().starts_with("limit"),
            "{}",
            r.body
        );
    }
    let first = t.get("/v1/councils/demo/cases?limit=1", Some(&ann)).await;
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let next = t
        .get(
            &format!("/v1/councils/demo/cases?limit=1&cursor={cursor}"),
            Some(&ann),
        )
        .await;
    assert_eq!(next.status, StatusCode::OK);
    let mut tampered = cursor.clone().into_bytes();
    tampered[1] = if tampered[1] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    for (query, why) in [
        (format!("limit=1&cursor={tampered}"), "changed"),
        (
            format!("limit=1&cursor={cursor}&status=open"),
            "other filters",
        ),
        (
            format!("limit=1&cursor={cursor}&sort=received"),
            "another sort",
        ),
        ("cursor=nonsense".to_owned(), "not a cursor"),
    ] {
        let r = t
            .get(&format!("/v1/councils/demo/cases?{query}"), Some(&ann))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{why}");
        assert!(
            r.body["detail"].as_str().unwrap().starts_with("cursor"),
            "{}",
            r.body
        );
    }
    // Another council's officer cannot use a demo cursor either.
    let aberwen = t.token("aberwen", Role::Officer, "ann");
    let r = t
        .get(
            &format!("/v1/councils/aberwen/cases?limit=1&cursor={cursor}"),
            Some(&aberwen),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = t
        .get(
            "/v1/councils/demo/cases?received_from=2026-10-05&received_to=2026-10-01",
            Some(&ann),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let long = "x".repeat(201);
    let r = t
        .get(&format!("/v1/councils/demo/cases?q={long}"), Some(&ann))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn counts_are_asked_for_apart_and_count_every_case() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let logged = log_cases(&t, &ann, 5).await;
    let r = t
        .act(
            &ann,
            &logged[0],
            json!({"action": "withdraw", "reason": "The resident rang to withdraw it."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let counts = t.get("/v1/councils/demo/case-counts", Some(&ann)).await;
    assert_eq!(counts.status, StatusCode::OK, "{}", counts.body);
    assert_eq!(counts.body["open"], 4);
    assert_eq!(
        counts.body["kind"],
        json!([{"value": "complaint", "count": 5}])
    );
    let at_stage_one = t.get("/v1/councils/demo/cases?stage=1", Some(&ann)).await;
    let at_stage_one = at_stage_one.body["cases"].as_array().unwrap().len();
    assert_eq!(
        counts.body["stage"],
        json!([{"value": "1", "count": at_stage_one}])
    );
    let status: Vec<(String, u64)> = counts.body["status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        status,
        [("received".to_owned(), 4), ("withdrawn".to_owned(), 1)]
    );
    // Received in October and never acknowledged: all four open ones are overdue.
    assert_eq!(counts.body["overdue"], 4);
    let other = t.token("aberwen", Role::Officer, "ann");
    let r = t.get("/v1/councils/demo/case-counts", Some(&other)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[test]
fn every_schema_the_document_refers_to_is_in_it() {
    use utoipa::OpenApi;
    let document = serde_json::to_value(feedback_functions::api::ApiDoc::openapi()).unwrap();
    let text = document.to_string();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for part in text.split("\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(
            schemas.contains_key(name),
            "{name} is referred to but not defined"
        );
    }
    for name in [
        "StatusFilter",
        "CaseSort",
        "SortOrder",
        "CaseList",
        "CaseCounts",
    ] {
        assert!(schemas.contains_key(name), "{name}");
    }
}
