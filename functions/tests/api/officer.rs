use crate::helpers::{TestApp, complaint, spawn_app, spawn_app_with_store};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::Arc;
use time::macros::datetime;

#[tokio::test]
async fn a_complaint_is_worked_through_both_stages_to_closed() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let s = t.submit("demo", "k", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    let code = json!({"reference": reference, "status_token": s.body["status_token"]});

    // Stage 1: assign, acknowledge, respond (Tue 24 Nov).
    assert_eq!(
        t.act(
            &ann,
            &reference,
            json!({"action": "assign", "officer": "ann"})
        )
        .await
        .status,
        StatusCode::OK
    );
    let ack = t
        .act(
            &ann,
            &reference,
            json!({"action": "acknowledge", "on": "2026-11-24"}),
        )
        .await;
    assert_eq!(ack.status, StatusCode::OK);
    // 10 working days after Tue 24 Nov: 25-27, 30 Nov, 1-4, 7, 8 Dec.
    assert_eq!(ack.body["summary"]["next_due"], "2026-12-08");
    let respond = json!({"action": "respond", "response": {
        "responded_on": "2026-11-24", "outcome": "partly_upheld",
        "reasons": "The crew missed your street twice.", "remedies": ["apology", "action"],
        "learning": "Route sheets now list your street.", "outstanding_actions": null, "responder": null
    }});
    let r = t.act(&ann, &reference, respond.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["summary"]["status"], "responded");

    // The resident escalates; the stage 1 handler cannot take stage 2.
    let esc = t
        .call(
            Method::POST,
            "/v1/councils/demo/escalation",
            None,
            &[],
            Some(&code),
        )
        .await;
    assert_eq!(esc.status, StatusCode::OK, "{}", esc.body);
    assert_eq!(esc.body["stage"], 2);
    let same = t
        .act(
            &ann,
            &reference,
            json!({"action": "assign", "officer": "ann"}),
        )
        .await;
    assert_eq!(same.status, StatusCode::CONFLICT);
    assert!(
        same.body["detail"]
            .as_str()
            .unwrap()
            .contains("handled stage 1")
    );

    // Stage 2 by Ben, then closed.
    t.clock.advance(time::Duration::days(1));
    // A new day, a new token: yesterday's has expired.
    let ben = t.token("demo", Role::Officer, "ben");
    let ann = t.token("demo", Role::Officer, "ann");
    assert_eq!(
        t.act(
            &ben,
            &reference,
            json!({"action": "assign", "officer": "ben"})
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        t.act(
            &ben,
            &reference,
            json!({"action": "acknowledge", "on": "2026-11-25"})
        )
        .await
        .status,
        StatusCode::OK
    );
    let mut stage2 = respond.clone();
    stage2["response"]["responded_on"] = json!("2026-11-25");
    stage2["response"]["outcome"] = json!("upheld");
    assert_eq!(t.act(&ben, &reference, stage2).await.status, StatusCode::OK);
    let closed = t.act(&ben, &reference, json!({"action": "close"})).await;
    assert_eq!(closed.body["summary"]["status"], "closed");

    // Every step is on the timeline with who did it.
    let detail = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    let timeline = detail.body["timeline"].as_array().unwrap();
    let actions: Vec<&str> = timeline
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "receive",
            "assign",
            "acknowledge",
            "respond",
            "escalate",
            "assign",
            "acknowledge",
            "respond",
            "close"
        ]
    );
    assert_eq!(timeline[4]["actor"], json!({"type": "resident"}));
    assert_eq!(
        timeline[7]["actor"],
        json!({"type": "officer", "id": "ben"})
    );
    assert_eq!(
        timeline
            .iter()
            .map(|e| e["version"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        (1..=9).collect::<Vec<_>>()
    );
    assert_eq!(
        detail.body["details"]["submitter"]["contact"]["email"],
        "rhian@example.com"
    );
}

#[tokio::test]
async fn impossible_moves_are_refused_with_clear_problems() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let s = t.submit("demo", "k", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap();
    let early = t
        .act(&ann, reference, json!({"action": "respond", "response": {"responded_on": "2026-11-24", "outcome": "upheld", "reasons": "x"}}))
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(
        early.body["detail"],
        "cannot respond before the complaint is acknowledged: acknowledge it first"
    );

    t.act(
        &ann,
        reference,
        json!({"action": "acknowledge", "on": "2026-11-24"}),
    )
    .await;
    // Respond by 8 Dec; the cap allows 10 more working days: 9-11, 14-18, 21, 22 Dec.
    let too_long = t
        .act(
            &ann,
            reference,
            json!({"action": "extend", "to": "2026-12-23", "reason": "Waiting for a site visit"}),
        )
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_long.error_fields(), ["new_respond_by"]);
    assert_eq!(
        too_long.body["errors"][0]["message"],
        "An extension can be at most 10 working days: the latest date is 2026-12-22"
    );
    let ok = t
        .act(
            &ann,
            reference,
            json!({"action": "extend", "to": "2026-12-22", "reason": "Waiting for a site visit"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);

    let bogus = t.act(&ann, reference, json!({"action": "teleport"})).await;
    assert_eq!(bogus.status, StatusCode::BAD_REQUEST);
    assert_eq!(bogus.content_type(), "application/problem+json");
}

#[tokio::test]
async fn a_stale_if_match_is_a_conflict_and_changes_nothing() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let s = t.submit("demo", "k", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap();
    let uri = format!("/v1/councils/demo/cases/{reference}/actions");
    let note = json!({"action": "note", "text": "Phoned the resident."});
    let stale = t
        .call(
            Method::POST,
            &uri,
            Some(&ann),
            &[("if-match", "\"7\"")],
            Some(&note),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let fresh = t
        .call(
            Method::POST,
            &uri,
            Some(&ann),
            &[("if-match", "1")],
            Some(&note),
        )
        .await;
    assert_eq!(fresh.status, StatusCode::OK);
    assert_eq!(
        fresh.body["summary"]["version"], 1,
        "a note changes nothing, so the version read still holds"
    );
    assert_eq!(fresh.body["timeline"].as_array().unwrap().len(), 2);

    // A change moves the version on, and a change or a note sent with the old one is
    // refused and adds nothing.
    let assign = json!({"action": "assign", "officer": "ann"});
    let changed = t
        .call(
            Method::POST,
            &uri,
            Some(&ann),
            &[("if-match", "1")],
            Some(&assign),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["summary"]["version"], 2);
    for body in [&assign, &note] {
        let stale = t
            .call(
                Method::POST,
                &uri,
                Some(&ann),
                &[("if-match", "1")],
                Some(body),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{body}");
    }
    let detail = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    assert_eq!(detail.body["timeline"].as_array().unwrap().len(), 3);
}

/// Eight officers adding five notes each to one case, all at the same moment.
async fn officers_noting_at_once_all_land(t: TestApp) {
    const OFFICERS: usize = 8;
    const NOTES: usize = 5;
    let t = Arc::new(t);
    let s = t.submit("demo", "k", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();
    let start = Arc::new(tokio::sync::Barrier::new(OFFICERS));
    let officers: Vec<_> = (0..OFFICERS)
        .map(|o| {
            let (t, reference, start) = (t.clone(), reference.clone(), start.clone());
            tokio::spawn(async move {
                let token = t.token("demo", Role::Officer, &format!("officer-{o}"));
                start.wait().await;
                let mut statuses = Vec::new();
                for n in 0..NOTES {
                    let note = json!({"action": "note", "text": format!("{o}/{n}")});
                    statuses.push(t.act(&token, &reference, note).await.status);
                }
                statuses
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for officer in officers {
        statuses.extend(officer.await.unwrap());
    }
    let conflicts = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!(conflicts, 0, "notes refused for a race: {statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );

    let ann = t.token("demo", Role::Officer, "ann");
    let detail = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    let notes: BTreeSet<&str> = detail.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "note")
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), OFFICERS * NOTES, "every note, once: {notes:?}");
    assert_eq!(detail.body["summary"]["version"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn officers_noting_at_once_all_land_on_sqlite() {
    officers_noting_at_once_all_land(spawn_app()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn officers_noting_at_once_all_land_on_dynamodb() {
    let store = crate::support::dynamodb::dynamo_store().await;
    officers_noting_at_once_all_land(spawn_app_with_store(Arc::new(store))).await
}

#[tokio::test]
async fn officers_log_cases_from_other_channels_with_their_real_receipt_time() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    // A phone call at 00:30 BST on Monday 1 June 2026 (23:30 UTC on Sunday).
    let body =
        json!({"channel": "phone", "received_at": "2026-05-31T23:30:00Z", "feedback": complaint()});
    let r = t
        .call(
            Method::POST,
            "/v1/councils/demo/cases",
            Some(&ann),
            &[],
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["received_on"], "2026-06-01");
    assert_eq!(r.body["acknowledge_by"], "2026-06-08");
    let detail = t
        .get(
            &format!(
                "/v1/councils/demo/cases/{}",
                r.body["reference"].as_str().unwrap()
            ),
            Some(&ann),
        )
        .await;
    assert_eq!(detail.body["summary"]["channel"], "phone");
    assert_eq!(
        detail.body["timeline"][0]["actor"],
        json!({"type": "officer", "id": "ann"})
    );

    let future = json!({"channel": "letter", "received_at": "2026-12-25T09:00:00Z", "feedback": complaint()});
    let r = t
        .call(
            Method::POST,
            "/v1/councils/demo/cases",
            Some(&ann),
            &[],
            Some(&future),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn filters_find_cases_by_status_kind_service_stage_officer_and_deadline() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let first = t.submit("demo", "a", &complaint()).await.body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut parking = complaint();
    parking["service"] = json!("parking");
    let second = t.submit("demo", "b", &parking).await.body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let comment = json!({"kind": "comment", "service": "waste", "what_happened": "Thanks for the new bins.", "anonymous": true});
    t.submit("demo", "c", &comment).await;
    t.act(&ann, &first, json!({"action": "assign", "officer": "ann"}))
        .await;
    t.act(
        &ann,
        &first,
        json!({"action": "acknowledge", "on": "2026-11-24"}),
    )
    .await;

    let refs = |query: &'static str| {
        let t = &t;
        async move {
            // Minted per call, so the token is fresh whatever the test clock says.
            let ann = t.token("demo", Role::Officer, "ann");
            let r = t
                .get(&format!("/v1/councils/demo/cases{query}"), Some(&ann))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.body);
            r.body["cases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["reference"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(refs("").await.len(), 3);
    assert_eq!(refs("?kind=comment").await.len(), 1);
    assert_eq!(refs("?service=parking").await, [second.as_str()]);
    assert_eq!(refs("?status=acknowledged").await, [first.as_str()]);
    assert_eq!(refs("?assigned_to=ann").await, [first.as_str()]);
    assert_eq!(refs("?stage=1").await.len(), 2);
    // The unacknowledged complaint is due 1 Dec; the acknowledged one on 8 Dec.
    assert_eq!(refs("?due_before=2026-12-01").await, [second.as_str()]);
    assert!(refs("?overdue=true").await.is_empty());
    t.clock.set(datetime!(2026-12-02 09:00 UTC));
    assert_eq!(refs("?overdue=true").await, [second.as_str()]);
    let ann = t.token("demo", Role::Officer, "ann");
    let bad = t.get("/v1/councils/demo/cases?stage=9", Some(&ann)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn endings_take_the_date_they_took_effect_and_refuse_a_future_one() {
    let t = spawn_app();
    let sent = t.submit("demo", "ending-1", &complaint()).await;
    let reference = sent.body["reference"].as_str().unwrap().to_owned();
    // Recorded a week after the decision, which was made on the day it came in.
    t.clock.advance(time::Duration::days(7));
    let ann = t.token("demo", Role::Officer, "ann");
    let refusal = |on: &str| json!({"action": "not_accept", "reason": "A parking appeal: statutory route.", "on": on});
    let r = t.act(&ann, &reference, refusal("2026-12-25")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_fields(), ["date"]);
    let r = t.act(&ann, &reference, refusal("2026-11-24")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["case"]["status"], "not_accepted");
    let closed_on = t
        .app
        .store
        .get_case(
            &feedback_shared::CouncilId::parse("demo").unwrap(),
            &reference.parse().unwrap(),
        )
        .await
        .unwrap()
        .unwrap()
        .case
        .closed_on;
    assert_eq!(closed_on, Some(time::macros::date!(2026 - 11 - 24)));
}
