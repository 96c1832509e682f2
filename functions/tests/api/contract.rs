//! The OpenAPI document held to the router. Every response any test in this binary gets
//! is checked here (`TestApp::send` calls [`check`]): its route and method must be in the
//! document, its status listed for that operation, and its content type the documented
//! one. And every documented operation must be routed.

use crate::helpers::{Reply, complaint, spawn_app};
use axum::http::Method;
use feedback_functions::auth::Role;
use serde_json::{Value, json};
use std::sync::OnceLock;
use utoipa::OpenApi;

fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        serde_json::to_value(feedback_functions::api::ApiDoc::openapi())
            .expect("the document serialises")
    })
}

/// The documented path template that `path` is an instance of (`{council}` matching one
/// segment), if any.
fn template_of(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    document()["paths"]
        .as_object()?
        .keys()
        .find(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            parts.len() == segments.len()
                && parts
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s)
        })
        .map(String::as_str)
}

/// Paths of the local server that are not the API: the demo pages and the widget's files.
fn outside_the_api(path: &str) -> bool {
    path == "/" || path == "/launcher" || path.starts_with("/widget/")
}

/// Panics unless `reply` to `method path` is what the document says it can be.
pub fn check(method: &Method, uri: &str, reply: &Reply) {
    let path = uri.split('?').next().unwrap_or(uri);
    let content_type = reply.content_type().split(';').next().unwrap_or("").trim();
    if reply.status.as_u16() >= 400 {
        assert_eq!(
            content_type, "application/problem+json",
            "{method} {uri} answered {} without a problem body",
            reply.status
        );
    }
    // CORS preflights are the browser's protocol, answered by the CORS layer for every
    // public route, not operations of the API.
    if outside_the_api(path) || method == Method::OPTIONS {
        return;
    }
    let Some(template) = template_of(path) else {
        // The fallback: no route, so a plain 404 problem.
        assert_eq!(
            reply.status.as_u16(),
            404,
            "{method} {uri} is not in the OpenAPI document but answered {}",
            reply.status
        );
        return;
    };
    let operation = &document()["paths"][template][method.as_str().to_lowercase()];
    if !operation.is_object() && reply.status.as_u16() == 405 {
        // A documented path asked with a method it does not take: the router's own 405.
        return;
    }
    assert!(
        operation.is_object(),
        "{method} {template} is routed but not in the OpenAPI document"
    );
    let status = reply.status.as_u16().to_string();
    let response = &operation["responses"][&status];
    assert!(
        response.is_object(),
        "{method} {template} answered {status}, which the OpenAPI document does not list"
    );
    if let Some(content) = response["content"].as_object() {
        assert!(
            content.contains_key(content_type),
            "{method} {template} answered {status} as {content_type:?}; the document says {:?}",
            content.keys().collect::<Vec<_>>()
        );
    }
}

/// Every operation in the document, as (method, path template).
fn operations() -> Vec<(Method, String)> {
    let mut all = Vec::new();
    for (path, item) in document()["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            all.push((method.to_uppercase().parse().unwrap(), path.clone()));
        }
    }
    all
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let app = spawn_app();
    let sent = app
        .submit("demo", "contract-1", &complaint())
        .await
        .body
        .clone();
    let reference = sent["reference"].as_str().unwrap().to_owned();
    let token = app.token("demo", Role::Manager, "ann-jones");
    let issued = app
        .call(
            Method::POST,
            "/v1/councils/demo/api-keys",
            Some(&token),
            &[],
            Some(&json!({"label": "contract test"})),
        )
        .await;
    let key_id = issued.body["api_key"]["id"].as_str().unwrap().to_owned();
    // A contact restriction, so reading and reviewing one has one to find.
    let restricted = app
        .call(
            Method::POST,
            "/v1/councils/demo/restrictions",
            Some(&token),
            &[],
            Some(&json!({"name": "Rhian Evans", "kinds": ["set_times"], "times": "Mornings",
                "behaviour": "Daily calls", "decided_by_name": "Ann Jones",
                "decided_on": "2026-11-20", "explained_on": "2026-11-20", "review_on": "2027-05-20"})),
        )
        .await;
    let restriction = restricted.body["id"].as_str().unwrap().to_owned();
    // A message given up on, so its retry route has one to send again.
    let store = app.app.store.as_ref();
    let now = time::OffsetDateTime::now_utc() + time::Duration::days(1);
    let claimed = store
        .claim_outbox(now, "contract", time::Duration::minutes(5), 1)
        .await
        .unwrap();
    store
        .give_up_outbox(&claimed[0], "contract", "refused", now)
        .await
        .unwrap();
    // A legal hold on the case, so lifting it has one to lift.
    app.call(
        Method::PUT,
        &format!("/v1/councils/demo/cases/{reference}/hold"),
        Some(&token),
        &[],
        Some(&json!({"reason": "contract test"})),
    )
    .await;
    let ops = operations();
    assert!(
        ops.len() >= 14,
        "the document lists {} operations",
        ops.len()
    );
    for (method, template) in ops {
        let uri = template
            .replace("{council}", "demo")
            .replace("{reference}", &reference)
            .replace("{partnership}", "demo-partnership")
            .replace("{id}", &key_id)
            .replace("{restriction}", &restriction)
            .replace("{message}", &claimed[0].id)
            .replace("{year}", "2026");
        let body = (method == Method::POST).then(|| json!({}));
        let reply = app
            .call(method.clone(), &uri, Some(&token), &[], body.as_ref())
            .await;
        // Routed: the council, the case and the partnership all exist and the token is a
        // manager's, so a 404 or 405 could only be the router's own. Empty bodies get
        // the operation's own answer.
        assert!(
            ![404, 405].contains(&reply.status.as_u16()),
            "{method} {uri} is documented but not routed: {} {}",
            reply.status,
            reply.body
        );
    }
}

#[test]
fn every_body_is_typed() {
    // No bare `object` anywhere: every request and response body, and every schema,
    // names its members (or is a map, a union or a reference to one that does).
    fn bare(value: &Value, at: &str, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                let is_object = map.get("type") == Some(&Value::from("object"));
                let described = [
                    "properties",
                    "additionalProperties",
                    "allOf",
                    "oneOf",
                    "anyOf",
                ]
                .iter()
                .any(|k| map.contains_key(*k));
                if is_object && !described {
                    found.push(at.to_owned());
                }
                for (k, v) in map {
                    bare(v, &format!("{at}/{k}"), found);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    bare(v, &format!("{at}/{i}"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    bare(document(), "", &mut found);
    assert!(
        found.is_empty(),
        "untyped objects in the document: {found:?}"
    );
    // Every JSON request body is a named schema.
    for (method, path) in operations() {
        let op = &document()["paths"][&path][method.as_str().to_lowercase()];
        if let Some(schema) = op["requestBody"]["content"]["application/json"].get("schema") {
            assert!(
                schema.get("$ref").is_some(),
                "{method} {path} takes an unnamed body: {schema}"
            );
        }
    }
}

#[test]
fn every_error_is_documented_as_a_problem() {
    for (method, path) in operations() {
        let responses = document()["paths"][&path][method.as_str().to_lowercase()]["responses"]
            .as_object()
            .unwrap();
        for (status, response) in responses {
            if status.as_str() >= "400" {
                assert!(
                    response["content"]["application/problem+json"].is_object(),
                    "{method} {path} {status} is not documented as application/problem+json"
                );
            }
        }
    }
}
