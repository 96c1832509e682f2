//! Response templates through the API: managers write them, officers read them, changes
//! hold to the version read, and bad placeholders are refused on their field.

use crate::helpers::spawn_app;
use axum::http::{Method, StatusCode};
use feedback_functions::auth::Role;
use serde_json::json;

const TEMPLATES: &str = "/v1/councils/demo/templates";

#[tokio::test]
async fn a_manager_adds_changes_and_removes_a_template_that_officers_read() {
    let app = spawn_app();
    let manager = app.token("demo", Role::Manager, "ben-manager");
    let officer = app.token("demo", Role::Officer, "ann-jones");
    let added = app
        .call(
            Method::POST,
            TEMPLATES,
            Some(&manager),
            &[],
            Some(&json!({
                "title": "Missed bin: collected",
                "text": "Dear ((name)),\n\nWe are sorry your bin was missed (((reference))).",
                "text_cy": "Annwyl ((name)),"
            })),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let id = added.body["id"].as_str().unwrap().to_owned();
    assert_eq!(added.body["version"], 1);
    assert_eq!(added.body["updated_by"], "ben-manager");
    assert_eq!(added.body["text_cy"], "Annwyl ((name)),");

    // Any officer of the council reads them; they may not write them.
    let read = app.get(TEMPLATES, Some(&officer)).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body[0]["title"], "Missed bin: collected");
    let refused = app
        .call(
            Method::POST,
            TEMPLATES,
            Some(&officer),
            &[],
            Some(&json!({"title": "Mine", "text": "Hello"})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(TEMPLATES, Some(&officer))
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Nor may another council's officers read them.
    let other = app.token("north-glen", Role::Manager, "someone");
    assert_eq!(
        app.get(TEMPLATES, Some(&other)).await.status,
        StatusCode::FORBIDDEN
    );

    // A change over the version read; then a colleague's change over the same version is
    // refused and loses nothing.
    let uri = format!("{TEMPLATES}/{id}");
    let body =
        json!({"title": "Missed bin: collected and apology", "text": "Dear ((name)), sorry."});
    let changed = app
        .call(
            Method::PUT,
            &uri,
            Some(&manager),
            &[("if-match", "1")],
            Some(&body),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["version"], 2);
    assert!(
        changed.body.get("text_cy").is_none(),
        "Welsh text left out is removed"
    );
    let late = app
        .call(
            Method::PUT,
            &uri,
            Some(&manager),
            &[("if-match", "\"1\"")],
            Some(&json!({"title": "Overwrite", "text": "Lost"})),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.content_type(), "application/problem+json");
    assert!(late.body["detail"].as_str().unwrap().contains("template"));
    assert_eq!(
        app.get(TEMPLATES, Some(&officer)).await.body[0]["title"],
        "Missed bin: collected and apology"
    );
    // A version no template reaches is a conflict, not a failure.
    for huge in ["18446744073709551615", "9223372036854775807"] {
        let reply = app
            .call(
                Method::PUT,
                &uri,
                Some(&manager),
                &[("if-match", huge)],
                Some(&body),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{huge}: {}", reply.body);
        let reply = app
            .call(
                Method::DELETE,
                &uri,
                Some(&manager),
                &[("if-match", huge)],
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{huge}: {}", reply.body);
    }
    // A change must say what it read.
    let blind = app
        .call(Method::PUT, &uri, Some(&manager), &[], Some(&body))
        .await;
    assert_eq!(blind.status, StatusCode::BAD_REQUEST);
    assert!(blind.body["detail"].as_str().unwrap().contains("If-Match"));

    // Removal holds to the version too.
    let stale = app
        .call(
            Method::DELETE,
            &uri,
            Some(&manager),
            &[("if-match", "1")],
            None,
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let removed = app
        .call(
            Method::DELETE,
            &uri,
            Some(&manager),
            &[("if-match", "2")],
            None,
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(TEMPLATES, Some(&officer)).await.body, json!([]));
    let gone = app
        .call(
            Method::PUT,
            &uri,
            Some(&manager),
            &[("if-match", "2")],
            Some(&body),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_templates_are_refused_field_by_field() {
    let app = spawn_app();
    let manager = app.token("demo", Role::Manager, "ben-manager");
    let reply = app
        .call(
            Method::POST,
            TEMPLATES,
            Some(&manager),
            &[],
            Some(&json!({"title": "", "text": "Dear ((nmae)),", "text_cy": "Annwyl ((name"})),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert_eq!(reply.error_fields(), ["title", "text", "text_cy"]);
    let errors = reply.body["errors"].as_array().unwrap();
    assert_eq!(errors[1]["key"], "template.unknown_placeholder");
    let message = errors[1]["message"].as_str().unwrap();
    assert!(
        message.starts_with("((nmae)) is not a placeholder"),
        "{message}"
    );
    assert!(message.contains("((name))"), "{message}");
    assert_eq!(errors[2]["key"], "template.unclosed_placeholder");
    assert_eq!(app.get(TEMPLATES, Some(&manager)).await.body, json!([]));

    let long = app
        .call(
            Method::POST,
            TEMPLATES,
            Some(&manager),
            &[],
            Some(&json!({"title": "x".repeat(201), "text": "Hello"})),
        )
        .await;
    assert_eq!(long.error_fields(), ["title"]);
    let unknown = app
        .call(
            Method::POST,
            TEMPLATES,
            Some(&manager),
            &[],
            Some(&json!({"title": "A", "text": "B", "stage": 2})),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}
