//! The local server's files hold personal data: 0600 files in 0700 folders, whatever the
//! umask. (No libc here to set a umask, so the folders start loose and the modes are
//! checked explicitly.)
#![cfg(unix)]

use crate::helpers::{complaint, config_dir};
use feedback_functions::clock::FixedClock;
use feedback_functions::server::{LocalPaths, local_app, local_router};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn the_data_folder_database_and_key_are_private() {
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for data in [root.path().join("fresh/data"), root.path().join("loose")] {
        if data.ends_with("loose") {
            std::fs::create_dir(&data).unwrap();
            std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o777)).unwrap();
            // A database left readable by an earlier run.
            std::fs::write(data.join("feedback.sqlite3"), b"").unwrap();
            std::fs::set_permissions(
                data.join("feedback.sqlite3"),
                std::fs::Permissions::from_mode(0o644),
            )
            .unwrap();
        }
        let paths = LocalPaths {
            data: data.clone(),
            config: config_dir(),
            widget: data.join("no-widget"),
            bank_holidays: None,
        };
        let app = local_app(&paths, Arc::new(FixedClock::new(crate::helpers::NOW))).unwrap();
        // A submission writes to the database, so the WAL and shared memory exist.
        let router = local_router(app.clone(), &paths.widget);
        let mut body = complaint();
        let opened = crate::helpers::NOW - time::Duration::minutes(2);
        body["form_token"] = app
            .form_token(&feedback_shared::CouncilId::parse("demo").unwrap(), opened)
            .into();
        let request = axum::http::Request::post("/v1/councils/demo/feedback")
            .header("content-type", "application/json")
            .header("idempotency-key", "files-1")
            .header("origin", "http://127.0.0.1:8080")
            .body(axum::body::Body::from(serde_json::to_vec(&body).unwrap()))
            .unwrap();
        let response = tower::ServiceExt::oneshot(router, request).await.unwrap();
        assert_eq!(response.status(), axum::http::StatusCode::CREATED);

        assert_eq!(mode(&data), 0o700, "{}", data.display());
        assert_eq!(mode(&paths.database()), 0o600);
        assert_eq!(mode(&paths.signing_key()), 0o600);
        for companion in ["feedback.sqlite3-wal", "feedback.sqlite3-shm"] {
            let path = data.join(companion);
            if path.exists() {
                assert_eq!(mode(&path), 0o600, "{companion}");
            }
        }
        assert!(data.join("feedback.sqlite3-wal").exists());
    }
}
