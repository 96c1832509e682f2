//! Officers signed in through an OpenID provider with Cognito's layout: the local server
//! checks the provider's RS256 tokens as API Gateway's JWT authorizer does in AWS, reading
//! the keys the provider publishes over HTTP, and tells the console where to sign in.
//!
//! The provider here is a JWKS served from a real socket; the keys in
//! `tests/fixtures/oidc/` are test keys (PKCS#1 DER and their public JWKS), trusted nowhere
//! else. The browser test `tests/browser/console-oidc.test.mjs` runs the whole sign-in
//! against a certified provider.

use crate::helpers::{TestApp, complaint, spawn_app, spawn_app_adjusted};
use axum::http::StatusCode;
use feedback_functions::auth::{Authenticator, OidcSettings, OidcVerifier};
use feedback_functions::server::{console_csp, console_settings, local_router_serving};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CLIENT: &str = "console-client";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/oidc")
            .join(name),
    )
    .unwrap()
}

/// A provider's JWKS endpoint whose keys the test can rotate, counting its requests.
struct Provider {
    issuer: String,
    jwks: Arc<Mutex<Value>>,
    requests: Arc<Mutex<u32>>,
}

async fn provider(kid: &str) -> Provider {
    let jwks = Arc::new(Mutex::new(
        serde_json::from_slice::<Value>(&fixture(&format!("{kid}-jwks.json"))).unwrap(),
    ));
    let requests = Arc::new(Mutex::new(0));
    let (served, counted) = (jwks.clone(), requests.clone());
    let router = axum::Router::new().route(
        "/pool/.well-known/jwks.json",
        axum::routing::get(move || {
            let (served, counted) = (served.clone(), counted.clone());
            async move {
                *counted.lock().unwrap() += 1;
                axum::Json(served.lock().unwrap().clone())
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Provider {
        issuer: format!("http://{addr}/pool"),
        jwks,
        requests,
    }
}

impl Provider {
    fn settings(&self) -> OidcSettings {
        OidcSettings {
            issuer: self.issuer.clone(),
            client_id: CLIENT.into(),
            hosted_ui: "https://officers.auth.eu-west-2.amazoncognito.com/".into(),
        }
    }

    fn rotate_to(&self, kid: &str) {
        *self.jwks.lock().unwrap() =
            serde_json::from_slice(&fixture(&format!("{kid}-jwks.json"))).unwrap();
    }

    fn requests(&self) -> u32 {
        *self.requests.lock().unwrap()
    }

    /// An ID token as Cognito issues one, with `changes` made to its claims.
    fn id_token(&self, kid: &str, changes: Value) -> String {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let mut claims = json!({
            "sub": "5f0c-ann",
            "iss": self.issuer,
            "aud": CLIENT,
            "token_use": "id",
            "iat": now,
            "exp": now + 3600,
            "name": "Ann Jones",
            "email": "ann.jones@demo.example",
            "cognito:groups": ["demo:manager", "everyone"],
        });
        for (k, v) in changes.as_object().unwrap() {
            if v.is_null() {
                claims.as_object_mut().unwrap().remove(k);
            } else {
                claims[k] = v.clone();
            }
        }
        sign(kid, &claims)
    }
}

fn sign(kid: &str, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.into());
    let key = EncodingKey::from_rsa_der(&fixture(&format!("{kid}-key.der")));
    jsonwebtoken::encode(&header, claims, &key).unwrap()
}

async fn app_behind(provider: &Provider, refetch_after: Duration) -> TestApp {
    let verifier = OidcVerifier::new(provider.settings())
        .unwrap()
        .refetching_after(refetch_after);
    verifier.load_keys().await.unwrap();
    let verifier = Arc::new(verifier);
    spawn_app_adjusted(move |app| app.auth = Authenticator::Oidc(verifier))
}

#[tokio::test]
async fn the_providers_tokens_work_the_officer_routes_for_their_groups_councils() {
    let provider = provider("first").await;
    let t = app_behind(&provider, Duration::from_secs(60)).await;
    let s = t.submit("demo", "k", &complaint()).await;
    let reference = s.body["reference"].as_str().unwrap().to_owned();

    let token = provider.id_token("first", json!({}));
    let case = t
        .get(
            &format!("/v1/councils/demo/cases/{reference}"),
            Some(&token),
        )
        .await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.body);
    // A manager by the `demo:manager` group: the configuration is theirs to read.
    let config = t.get("/v1/councils/demo/configuration", Some(&token)).await;
    assert_eq!(config.status, StatusCode::OK, "{}", config.body);
    // Their groups grant no other council.
    let other = t.get("/v1/councils/aberwen/cases", Some(&token)).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);

    // What they do is recorded under their subject and name.
    let note = t
        .call(
            axum::http::Method::POST,
            &format!("/v1/councils/demo/cases/{reference}/actions"),
            Some(&token),
            &[],
            Some(&json!({"action": "note", "text": "Rang the resident."})),
        )
        .await;
    assert_eq!(note.status, StatusCode::OK, "{}", note.body);
    assert!(note.body.to_string().contains("5f0c-ann"), "{}", note.body);

    // An access token names the client in `client_id`, not `aud`.
    let access = provider.id_token(
        "first",
        json!({"token_use": "access", "aud": null, "client_id": CLIENT}),
    );
    assert_eq!(
        t.get("/v1/councils/demo/cases", Some(&access)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn tokens_the_authorizer_would_refuse_are_refused() {
    let provider = provider("first").await;
    let t = app_behind(&provider, Duration::from_secs(60)).await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let refused = [
        (
            "another client's",
            provider.id_token("first", json!({"aud": "someone-else"})),
        ),
        (
            "another client's access token",
            provider.id_token(
                "first",
                json!({"token_use": "access", "aud": null, "client_id": "someone-else"}),
            ),
        ),
        (
            "another issuer's",
            provider.id_token("first", json!({"iss": "https://evil.example"})),
        ),
        (
            "an expired",
            provider.id_token("first", json!({"iat": now - 7200, "exp": now - 3600})),
        ),
        (
            "a subject-less",
            provider.id_token("first", json!({"sub": null})),
        ),
        (
            "an unknown use's",
            provider.id_token("first", json!({"token_use": "refresh"})),
        ),
        (
            "a key it never published",
            provider.id_token("second", json!({})),
        ),
        ("a tampered", {
            let token = provider.id_token("first", json!({}));
            let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
            let other = provider.id_token("first", json!({"cognito:groups": ["aberwen:manager"]}));
            parts[1] = other.split('.').nth(1).unwrap().to_owned();
            parts.join(".")
        }),
        ("an unsigned", {
            let token = provider.id_token("first", json!({}));
            let payload = token.split('.').nth(1).unwrap().to_owned();
            format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.")
        }),
        ("an HMAC-signed", {
            let mut header = Header::new(Algorithm::HS256);
            header.kid = Some("first".into());
            let claims: Value = {
                let token = provider.id_token("first", json!({}));
                let payload = token.split('.').nth(1).unwrap();
                use base64::Engine;
                serde_json::from_slice(
                    &base64::engine::general_purpose::URL_SAFE_NO_PAD
                        .decode(payload)
                        .unwrap(),
                )
                .unwrap()
            };
            // Keyed by the public key's own text, the classic confusion attack.
            let key = EncodingKey::from_secret(&fixture("first-jwks.json")).unwrap();
            jsonwebtoken::encode(&header, &claims, &key).unwrap()
        }),
    ];
    for (what, token) in refused {
        let r = t.get("/v1/councils/demo/cases", Some(&token)).await;
        assert_eq!(
            r.status,
            StatusCode::UNAUTHORIZED,
            "{what} token: {}",
            r.body
        );
        assert_eq!(r.content_type(), "application/problem+json");
    }
    // A genuine token without a council group is refused too, as in AWS.
    let no_groups = provider.id_token("first", json!({"cognito:groups": ["everyone"]}));
    let r = t.get("/v1/councils/demo/cases", Some(&no_groups)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    // Local tokens are not the provider's: the local key no longer signs officers in.
    let local = t.token("demo", feedback_functions::auth::Role::Manager, "mo");
    assert_eq!(
        t.get("/v1/councils/demo/cases", Some(&local)).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Nor does a one-time sign-in link: there is no local sign-in behind a provider.
    let signin = t
        .call(
            axum::http::Method::POST,
            "/v1/signin",
            None,
            &[],
            Some(&json!({"code": "anything"})),
        )
        .await;
    assert_eq!(signin.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_forged_key_ids_do_not_flood_the_provider() {
    let provider = provider("first").await;
    // Long enough that a loaded machine still sends the burst below within one interval
    // or two, short enough to wait out once.
    let interval = Duration::from_millis(1500);
    let t = app_behind(&provider, interval).await;
    assert_eq!(provider.requests(), 1, "the keys are read at start");
    provider.rotate_to("second");
    tokio::time::sleep(interval + Duration::from_millis(50)).await;

    let rotated = provider.id_token("second", json!({}));
    let r = t.get("/v1/councils/demo/cases", Some(&rotated)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(provider.requests(), 2, "the new key was fetched");
    // Held from now on: no request to the provider per officer request.
    for _ in 0..5 {
        let r = t.get("/v1/councils/demo/cases", Some(&rotated)).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    assert_eq!(provider.requests(), 2);

    // A burst of tokens naming keys nobody published costs the provider at most one
    // request per refetch interval, however long the burst takes.
    let burst = std::time::Instant::now();
    for i in 0..20 {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(format!("forged-{i}"));
        let claims: Value =
            json!({"sub": "x", "iss": provider.issuer, "aud": CLIENT, "exp": 4102444800i64});
        let key = EncodingKey::from_rsa_der(&fixture("second-key.der"));
        let forged = jsonwebtoken::encode(&header, &claims, &key).unwrap();
        let r = t.get("/v1/councils/demo/cases", Some(&forged)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let intervals = (burst.elapsed().as_millis() / interval.as_millis()) as usize;
    assert!(
        provider.requests() as usize <= 3 + intervals,
        "{} requests in {} intervals",
        provider.requests(),
        intervals
    );
}

#[tokio::test]
async fn the_console_is_told_where_to_sign_in_and_may_call_only_there() {
    let provider = provider("first").await;
    let t = app_behind(&provider, Duration::from_secs(60)).await;
    let settings = console_settings(&t.app);
    let hosted = settings.hosted_sign_in.clone().expect("a hosted sign-in");
    assert_eq!(
        hosted.domain,
        "https://officers.auth.eu-west-2.amazoncognito.com"
    );
    assert_eq!(hosted.client_id, CLIENT);
    let csp = console_csp(&settings);
    assert!(
        csp.contains("connect-src 'self' https://officers.auth.eu-west-2.amazoncognito.com;"),
        "{csp}"
    );

    let console = tempfile::tempdir().unwrap();
    std::fs::write(console.path().join("index.html"), "<!doctype html>").unwrap();
    let router = local_router_serving(
        t.app.clone(),
        &console.path().join("w"),
        Some(console.path()),
    );
    let config = crate::helpers::oneshot_json(&router, "/console/config.json").await;
    assert_eq!(
        config,
        json!({"hosted_sign_in": {"domain": hosted.domain, "client_id": CLIENT}})
    );

    // Without a provider the console takes one-time links, and calls only its own origin.
    let local = spawn_app();
    let settings = console_settings(&local.app);
    assert_eq!(settings.hosted_sign_in, None);
    assert_eq!(
        console_csp(&settings),
        feedback_functions::server::CONSOLE_CSP
    );
    let router = local_router_serving(
        local.app.clone(),
        &console.path().join("w"),
        Some(console.path()),
    );
    let config = crate::helpers::oneshot_json(&router, "/console/config.json").await;
    assert_eq!(config, json!({"hosted_sign_in": null}));
}
