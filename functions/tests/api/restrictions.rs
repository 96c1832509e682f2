//! Contact restrictions through the API: a manager records one (refused field by field
//! when it is wrong), reads, lists and reviews it; officers and other councils are
//! refused; it shows on every case of the person, and never stops their feedback being
//! received or logged.

use crate::helpers::{TestApp, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::{Value, json};

fn draft() -> Value {
    json!({
        "name": "Rhian Evans",
        "email": "RHIAN@example.com",
        "kinds": ["single_point_of_contact", "one_channel"],
        "contact_officer": "Ann Jones",
        "channel": "email",
        "behaviour": "Forty calls a day to the contact centre, abusive to staff",
        "decided_by_name": "Ben Morgan",
        "decided_on": "2026-11-20",
        "explained_on": "2026-11-23",
        "review_on": "2027-05-20"
    })
}

async fn post(t: &TestApp, token: &str, path: &str, body: &Value) -> crate::helpers::Reply {
    t.call(Method::POST, path, Some(token), &[], Some(body))
        .await
}

const LIST: &str = "/v1/councils/demo/restrictions";

#[tokio::test]
async fn a_manager_records_reads_and_reviews_a_restriction_which_stays_on_record() {
    let t = spawn_app();
    let ben = t.token("demo", Role::Manager, "ben");
    let r = post(&t, &ben, LIST, &draft()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        r.body["decided_by"],
        json!({"id": "ben", "name": "Ben Morgan"})
    );
    assert_eq!(r.body["person"]["email"], "rhian@example.com");
    assert_eq!(
        r.body["restricted"],
        json!([{"kind": "single_point_of_contact", "officer": "Ann Jones"},
               {"kind": "one_channel", "channel": "email"}])
    );
    assert_eq!(r.body["review_on"], "2027-05-20");
    assert_eq!(r.body["ended"], Value::Null);

    let one = t.get(&format!("{LIST}/{id}"), Some(&ben)).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.body, r.body);
    assert_eq!(
        t.get(&format!("{LIST}/nope"), Some(&ben)).await.status,
        StatusCode::NOT_FOUND
    );

    // Continued to a date more than 12 months on: refused on its field.
    let review = format!("{LIST}/{id}/review");
    let late = post(
        &t,
        &ben,
        &review,
        &json!({"outcome": "continue", "next_review": "2027-11-25"}),
    )
    .await;
    assert_eq!(
        late.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        late.body
    );
    assert_eq!(late.error_fields(), ["next_review"]);
    let kept = post(
        &t,
        &ben,
        &review,
        &json!({"outcome": "continue", "next_review": "2027-05-24"}),
    )
    .await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    assert_eq!(kept.body["review_on"], "2027-05-24");
    assert_eq!(kept.body["reviews"][0]["due"], "2027-05-20");
    assert_eq!(kept.body["reviews"][0]["outcome"], "continue");

    let mia = t.token("demo", Role::Manager, "mia");
    let ended = post(
        &t,
        &mia,
        &review,
        &json!({"outcome": "end", "reason": "Contact is back to normal"}),
    )
    .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_eq!(
        ended.body["ended"],
        json!({"on": "2026-11-24", "by": "mia", "reason": "Contact is back to normal"})
    );
    // The year's report counts it, in number only: imposed in the year, and ended.
    let report = t
        .get("/v1/councils/demo/reports?year=2026", Some(&ben))
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert_eq!(
        report.body["restrictions"],
        json!({"in_force_at_end": 0, "imposed": 1, "ended": 1})
    );
    assert!(!report.body.to_string().contains("Rhian"));
    // Ended, it is listed still, and cannot be reviewed again.
    let listed = t.get(LIST, Some(&ben)).await;
    assert_eq!(listed.body, json!([ended.body]));
    let again = post(
        &t,
        &ben,
        &review,
        &json!({"outcome": "end", "reason": "again"}),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error_fields(), ["outcome"]);
}

#[tokio::test]
async fn a_bad_restriction_is_refused_field_by_field_as_problem_json() {
    let t = spawn_app();
    let ben = t.token("demo", Role::Manager, "ben");
    let mut bad = draft();
    bad["kinds"] = json!(["one_channel", "set_times"]);
    bad["channel"] = json!("");
    bad["email"] = json!("not an address");
    bad["behaviour"] = json!("");
    bad["explained_on"] = json!("2026-11-19");
    bad["review_on"] = json!("2027-11-21");
    let r = post(&t, &ben, LIST, &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(
        r.error_fields(),
        [
            "email",
            "channel",
            "times",
            "behaviour",
            "explained_on",
            "review_on"
        ]
    );
    let none = post(&t, &ben, LIST, &json!({"name": "Rhian Evans"})).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.error_fields().contains(&"restrictions".to_owned()));
    // A field the form does not have is a bad request, not silently dropped.
    let unknown = post(&t, &ben, LIST, &json!({"name": "x", "colour": "red"})).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.content_type(), "application/problem+json");
    assert_eq!(t.get(LIST, Some(&ben)).await.body, json!([]));
}

#[tokio::test]
async fn officers_and_other_councils_are_refused() {
    let t = spawn_app();
    let ann = t.token("demo", Role::Officer, "ann");
    let other = t.token("aberwen", Role::Manager, "ben");
    for token in [&ann, &other] {
        let r = post(&t, token, LIST, &draft()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(r.content_type(), "application/problem+json");
        assert_eq!(t.get(LIST, Some(token)).await.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(t.get(LIST, None).await.status, StatusCode::UNAUTHORIZED);
    let ben = t.token("demo", Role::Manager, "ben");
    assert_eq!(t.get(LIST, Some(&ben)).await.body, json!([]));
}

#[tokio::test]
async fn a_restricted_persons_feedback_is_received_and_logged_and_shows_the_restriction() {
    let t = spawn_app();
    let ben = t.token("demo", Role::Manager, "ben");
    let ann = t.token("demo", Role::Officer, "ann");
    let recorded = post(&t, &ben, LIST, &draft()).await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.body);

    // Through the widget, as anyone's.
    let sent = t.submit("demo", "restricted-1", &complaint()).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    // Logged by an officer, from a phone call.
    let logged = t
        .call(
            Method::POST,
            "/v1/councils/demo/cases",
            Some(&ann),
            &[],
            Some(&json!({"channel": "phone", "received_at": "2026-11-23T10:00:00Z", "feedback": complaint()})),
        )
        .await;
    assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.body);
    // Someone else's case carries no restriction.
    let mut other = complaint();
    other["contact"] = json!({"name": "Rhian Evans", "email": "another@example.com"});
    let theirs = t.submit("demo", "unrestricted-1", &other).await;
    assert_eq!(theirs.status, StatusCode::CREATED, "{}", theirs.body);

    for reply in [&sent, &logged] {
        let reference = reply.body["reference"].as_str().unwrap();
        let case = t
            .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
            .await;
        assert_eq!(case.status, StatusCode::OK, "{}", case.body);
        assert_eq!(case.body["case"]["status"], "received");
        let shown = &case.body["restrictions"];
        assert_eq!(shown.as_array().unwrap().len(), 1, "{shown}");
        assert_eq!(shown[0]["id"], recorded.body["id"]);
        assert_eq!(shown[0]["review_on"], "2027-05-20");
        assert_eq!(shown[0]["restricted"], recorded.body["restricted"]);
        // The case page says what is restricted, never the behaviour behind it.
        assert!(!case.body.to_string().contains("Forty calls"));
        // And the case is worked as any other.
        let acted = t
            .act(
                &ann,
                reference,
                json!({"action": "acknowledge", "on": "2026-11-24"}),
            )
            .await;
        assert_eq!(acted.status, StatusCode::OK, "{}", acted.body);
        assert_eq!(acted.body["restrictions"].as_array().unwrap().len(), 1);
    }
    let reference = theirs.body["reference"].as_str().unwrap();
    let case = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    assert_eq!(case.body["restrictions"], json!([]));

    // Ended, it no longer shows on the cases.
    let id = recorded.body["id"].as_str().unwrap();
    let ended = post(
        &t,
        &ben,
        &format!("{LIST}/{id}/review"),
        &json!({"outcome": "end", "reason": "Back to normal"}),
    )
    .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    let reference = sent.body["reference"].as_str().unwrap();
    let case = t
        .get(&format!("/v1/councils/demo/cases/{reference}"), Some(&ann))
        .await;
    assert_eq!(case.body["restrictions"], json!([]));
}
