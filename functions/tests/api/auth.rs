use crate::helpers::{NOW, complaint, spawn_app};
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;

#[tokio::test]
async fn officer_routes_refuse_each_kind_of_bad_caller() {
    let t = spawn_app();
    let s = t.submit("demo", "k", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap();
    let case_uri = format!("/v1/councils/demo/cases/{reference}");

    let no_token = t.get(&case_uri, None).await;
    assert_eq!(no_token.status, StatusCode::UNAUTHORIZED);
    assert_eq!(no_token.content_type(), "application/problem+json");

    let garbage = t.get(&case_uri, Some("not.a.token")).await;
    assert_eq!(garbage.status, StatusCode::UNAUTHORIZED);

    let thirteen_hours_ago = NOW.unix_timestamp() - 13 * 3600;
    let expired = t.token_at("demo", Role::Officer, "ann", thirteen_hours_ago);
    assert_eq!(
        t.get(&case_uri, Some(&expired)).await.status,
        StatusCode::UNAUTHORIZED
    );

    let other_council = t.token("aberwen", Role::Manager, "carys");
    let r = t.get(&case_uri, Some(&other_council)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        t.get("/v1/councils/demo/cases", Some(&other_council))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let act = t
        .call(
            Method::POST,
            &format!("{case_uri}/actions"),
            Some(&other_council),
            &[],
            Some(&serde_json::json!({"action": "close"})),
        )
        .await;
    assert_eq!(act.status, StatusCode::FORBIDDEN);

    let officer = t.token("demo", Role::Officer, "ann");
    assert_eq!(
        t.get(&case_uri, Some(&officer)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        t.get("/v1/councils/demo/configuration", Some(&officer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let manager = t.token("demo", Role::Manager, "mo");
    let config = t
        .get("/v1/councils/demo/configuration", Some(&manager))
        .await;
    assert_eq!(config.status, StatusCode::OK);
    assert_eq!(config.body["policy"]["division"], "england-and-wales");
}

#[tokio::test]
async fn a_council_never_sees_anothers_cases() {
    let t = spawn_app();
    let demo_case = t.submit("demo", "k", &complaint()).await.body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let aberwen = t.token("aberwen", Role::Manager, "carys");
    // Even asking under its own council for the other council's reference finds nothing.
    let r = t
        .get(
            &format!("/v1/councils/aberwen/cases/{demo_case}"),
            Some(&aberwen),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let list = t.get("/v1/councils/aberwen/cases", Some(&aberwen)).await;
    assert_eq!(list.body["cases"], serde_json::json!([]));
}

#[tokio::test]
async fn tokens_from_the_future_or_living_too_long_are_refused() {
    let t = spawn_app();
    let now = NOW.unix_timestamp();
    let uri = "/v1/councils/demo/cases";
    let claims = |iat: i64| {
        feedback_functions::auth::Claims::new(
            feedback_shared::OfficerId("ann".into()),
            "Ann".into(),
            feedback_shared::CouncilId::parse("demo").unwrap(),
            Role::Officer,
            iat,
        )
    };
    // Issued a little ahead of our clock: accepted; an hour ahead: refused.
    let skewed = t.mint(&claims(now + 30));
    assert_eq!(t.get(uri, Some(&skewed)).await.status, StatusCode::OK);
    let future = t.mint(&claims(now + 3600));
    let r = t.get(uri, Some(&future)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.content_type(), "application/problem+json");

    let mut not_before = claims(now);
    not_before.nbf = Some(now + 3600);
    let r = t.get(uri, Some(&t.mint(&not_before))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // A self-made token that expires in 1,000 years.
    let mut forever = claims(now);
    forever.exp = now + 1_000 * 365 * 24 * 3600;
    let r = t.get(uri, Some(&t.mint(&forever))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let mut day = claims(now - 60);
    day.exp = now - 60 + 24 * 3600;
    assert_eq!(t.get(uri, Some(&t.mint(&day))).await.status, StatusCode::OK);
}
