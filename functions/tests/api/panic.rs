//! A panic deep in a request becomes a plain 500 problem, never a dropped connection.

use crate::helpers::{NOW, complaint, config_dir};
use async_trait::async_trait;
use axum::http::StatusCode;
use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::clock::FixedClock;
use feedback_functions::config::load_councils;
use feedback_functions::outbox::OutboxMessage;
use feedback_functions::store::{
    ApiKeyRecord, CaseFilter, CaseRecord, Counted, IdempotencyBinding, Inserted, Store,
    StoreResult, UseCounter,
};
use feedback_shared::case::CaseEvent;
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::template::ResponseTemplate;
use feedback_shared::{Calendar, CouncilId, Reference};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;

/// A store whose every call panics, standing in for any bug below the handlers.
struct PanickingStore;

#[async_trait]
impl Store for PanickingStore {
    async fn next_sequence(&self, _: &CouncilId, _: i32) -> StoreResult<u64> {
        panic!("bug with secret detail")
    }
    async fn idempotency(&self, _: &CouncilId, _: &str) -> StoreResult<Option<IdempotencyBinding>> {
        panic!("bug with secret detail")
    }
    async fn insert_case(
        &self,
        _: &CaseRecord,
        _: &CaseEvent,
        _: Option<&IdempotencyBinding>,
        _: &[OutboxMessage],
    ) -> StoreResult<Inserted> {
        panic!("bug with secret detail")
    }
    async fn get_case(&self, _: &CouncilId, _: &Reference) -> StoreResult<Option<CaseRecord>> {
        panic!("bug with secret detail")
    }
    async fn update_case(
        &self,
        _: &CaseRecord,
        _: u64,
        _: &CaseEvent,
        _: &[OutboxMessage],
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn messages(
        &self,
        _: &CouncilId,
        _: &Reference,
    ) -> StoreResult<Vec<feedback_functions::store::MessageRecord>> {
        panic!("bug with secret detail")
    }
    async fn append_event(
        &self,
        _: &CouncilId,
        _: &Reference,
        _: &CaseEvent,
        _: Option<u64>,
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn events(&self, _: &CouncilId, _: &Reference) -> StoreResult<Vec<CaseEvent>> {
        panic!("bug with secret detail")
    }
    async fn list_cases(&self, _: &CouncilId, _: &CaseFilter) -> StoreResult<Vec<CaseRecord>> {
        panic!("bug with secret detail")
    }
    async fn case_page(
        &self,
        _: &CouncilId,
        _: &feedback_functions::store::CaseQuery,
    ) -> StoreResult<feedback_functions::store::CasePage> {
        panic!("bug with secret detail")
    }
    async fn case_counts(
        &self,
        _: &CouncilId,
        _: time::Date,
    ) -> StoreResult<feedback_functions::store::QueueCounts> {
        panic!("bug with secret detail")
    }
    async fn due_reminders(&self, _: OffsetDateTime) -> StoreResult<Vec<CaseRecord>> {
        panic!("bug with secret detail")
    }
    async fn claim_outbox(
        &self,
        _: OffsetDateTime,
        _: &str,
        _: Duration,
        _: usize,
    ) -> StoreResult<Vec<OutboxMessage>> {
        panic!("bug with secret detail")
    }
    async fn complete_outbox(&self, _: &OutboxMessage, _: &str) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn retry_outbox(&self, _: &OutboxMessage, _: &str, _: OffsetDateTime) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn queue_once(&self, _: &OutboxMessage) -> StoreResult<bool> {
        panic!("bug with secret detail")
    }
    async fn outbox_len(&self) -> StoreResult<usize> {
        panic!("bug with secret detail")
    }
    async fn give_up_outbox(
        &self,
        _: &OutboxMessage,
        _: &str,
        _: &str,
        _: OffsetDateTime,
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn undelivered(
        &self,
        _: &CouncilId,
    ) -> StoreResult<Vec<feedback_functions::outbox::Undelivered>> {
        panic!("bug with secret detail")
    }
    async fn retry_undelivered(
        &self,
        _: &CouncilId,
        _: &str,
        _: OffsetDateTime,
    ) -> StoreResult<OutboxMessage> {
        panic!("bug with secret detail")
    }
    async fn record_equality(&self, _: &CouncilId, _: i32, _: &EqualityAnswers) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn equality_answers(&self, _: &CouncilId, _: i32) -> StoreResult<Vec<EqualityAnswers>> {
        panic!("bug with secret detail")
    }
    async fn count_uses(&self, _: &[UseCounter], _: OffsetDateTime) -> StoreResult<Counted> {
        panic!("bug with secret detail")
    }
    async fn census(
        &self,
        _: &CouncilId,
    ) -> StoreResult<feedback_functions::store::aggregates::Census> {
        panic!("bug with secret detail")
    }
    async fn report_tally(
        &self,
        _: &CouncilId,
        _: time::Date,
        _: time::Date,
    ) -> StoreResult<feedback_shared::report::Tally> {
        panic!("bug with secret detail")
    }
    async fn report_learning(
        &self,
        _: &CouncilId,
        _: time::Date,
        _: time::Date,
    ) -> StoreResult<Vec<(time::Date, feedback_shared::report::Learning)>> {
        panic!("bug with secret detail")
    }
    async fn replace_aggregates(
        &self,
        _: &CouncilId,
        _: &feedback_functions::store::aggregates::Aggregates,
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn refund_uses(&self, _: &[UseCounter]) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn sweep_expired(&self, _: OffsetDateTime) -> StoreResult<u64> {
        panic!("bug with secret detail")
    }
    async fn put_api_key(&self, _: &CouncilId, _: &ApiKeyRecord) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn api_keys(&self, _: &CouncilId) -> StoreResult<Vec<ApiKeyRecord>> {
        panic!("bug with secret detail")
    }
    async fn revoke_api_key(
        &self,
        _: &CouncilId,
        _: &str,
        _: OffsetDateTime,
    ) -> StoreResult<ApiKeyRecord> {
        panic!("bug with secret detail")
    }
    async fn put_template(
        &self,
        _: &CouncilId,
        _: &ResponseTemplate,
        _: Option<u64>,
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn templates(&self, _: &CouncilId) -> StoreResult<Vec<ResponseTemplate>> {
        panic!("bug with secret detail")
    }
    async fn delete_template(&self, _: &CouncilId, _: &str, _: u64) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn due_for_retention(
        &self,
        _: &CouncilId,
        _: time::Date,
        _: Option<&feedback_functions::store::RetentionDue>,
        _: usize,
    ) -> StoreResult<Vec<feedback_functions::store::RetentionDue>> {
        panic!("bug with secret detail")
    }
    async fn anonymise_case(
        &self,
        _: &CouncilId,
        _: &feedback_functions::store::Removal,
    ) -> StoreResult<feedback_functions::store::Anonymisation> {
        panic!("bug with secret detail")
    }
    async fn rewrite_case(
        &self,
        _: &CaseRecord,
        _: &feedback_functions::store::Rewrite,
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn put_hold(
        &self,
        _: &CouncilId,
        _: &feedback_shared::wire::LegalHold,
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn remove_hold(&self, _: &CouncilId, _: &Reference) -> StoreResult<()> {
        panic!("bug with secret detail")
    }
    async fn holds(&self, _: &CouncilId) -> StoreResult<Vec<feedback_shared::wire::LegalHold>> {
        panic!("bug with secret detail")
    }
    async fn annual_record(
        &self,
        _: &CouncilId,
        _: i32,
    ) -> StoreResult<Option<feedback_shared::wire::AnnualRecord>> {
        panic!("bug with secret detail")
    }
    async fn put_annual_record(
        &self,
        _: &CouncilId,
        _: &feedback_shared::wire::AnnualRecord,
        _: Option<u64>,
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }

    async fn put_restriction(
        &self,
        _: &CouncilId,
        _: &feedback_shared::restriction::Restriction,
        _: Option<u64>,
    ) -> StoreResult<()> {
        panic!("bug with secret detail")
    }

    async fn restrictions(
        &self,
        _: &CouncilId,
    ) -> StoreResult<Vec<feedback_shared::restriction::Restriction>> {
        panic!("bug with secret detail")
    }
}

#[tokio::test]
async fn a_panic_is_a_500_problem_without_its_detail() {
    let app = Arc::new(App {
        councils: load_councils(&config_dir()).unwrap(),
        calendar: Calendar::bundled(),
        store: Arc::new(PanickingStore),
        clock: Arc::new(FixedClock::new(NOW)),
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    });
    let request = axum::http::Request::post("/v1/councils/demo/feedback")
        .header("content-type", "application/json")
        .header("idempotency-key", "k")
        // A server's submission: checking its key is the first thing to reach the store.
        .header("x-api-key", "cfk_0011223344556677_secret")
        .body(axum::body::Body::from(complaint().to_string()))
        .unwrap();
    let response = feedback_functions::api::router(app)
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let text = String::from_utf8(body.to_vec()).unwrap();
    assert!(!text.contains("secret"), "{text}");
}
