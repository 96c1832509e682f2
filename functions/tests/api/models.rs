//! The model procedures through the council's description: the widget reads the time
//! limit it tells residents about from here, so a council on the SPSO or PSOW model says
//! 6 months and one on the Code says 12, with each model's timescales.

use crate::helpers::spawn_app;
use axum::http::StatusCode;

#[tokio::test]
async fn each_council_describes_its_models_time_limit_and_timescales() {
    let t = spawn_app();
    for (council, months, stage1_days) in
        [("demo", 12, 10), ("north-glen", 6, 5), ("aberwen", 6, 8)]
    {
        let reply = t.get(&format!("/v1/councils/{council}"), None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["time_limit_months"], months, "{council}");
        assert_eq!(
            reply.body["stage1"]["respond_working_days"], stage1_days,
            "{council}: {}",
            reply.body
        );
    }
}
