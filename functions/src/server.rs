//! The local server: the same router as the Lambda function, SQLite on disk, and the
//! built widget with a demo council page when they exist.

use crate::api;
use crate::app::{App, SharedApp};
use crate::auth::{Authenticator, OidcSettings, OidcVerifier, SigningKey};
use crate::calendar_source::load_calendar;
use crate::clock::Clock;
use crate::config::load_councils;
use crate::html::escape;
use crate::jobs;
use crate::notify::Notifier;
use crate::notify::adapters::{self, NotifierConfig, SmtpSettings, SmtpTls};
use crate::store::sqlite::SqliteStore;
use crate::widget_files;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Html;
use axum::routing::get;
use feedback_shared::wire::{ConsoleSettings, HostedSignIn};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Where the local server keeps its state and finds its files.
#[derive(Debug, Clone)]
pub struct LocalPaths {
    /// SQLite database and signing key.
    pub data: PathBuf,
    /// Council TOML files.
    pub config: PathBuf,
    /// The built widget (`dist/widget`), served at `/widget/` when present.
    pub widget: PathBuf,
    pub bank_holidays: Option<PathBuf>,
}

/// How the local server sends notifications: `.eml` files in `data/outbox` unless an
/// SMTP server is named.
#[derive(Debug, Clone, Default)]
pub struct LocalMail {
    pub smtp: Option<(String, u16)>,
}

impl LocalPaths {
    pub fn database(&self) -> PathBuf {
        self.data.join("feedback.sqlite3")
    }

    pub fn signing_key(&self) -> PathBuf {
        self.data.join("signing.key")
    }

    /// Where `.eml` files go when no SMTP server is configured.
    pub fn outbox(&self) -> PathBuf {
        self.data.join("outbox")
    }
}

/// Builds the application the local way: SQLite, a key generated on first run.
pub fn local_app(paths: &LocalPaths, clock: Arc<dyn Clock>) -> Result<SharedApp, String> {
    local_app_signing_in(paths, clock, None)
}

/// [`local_app`], with officers signed in by `sign_in` (an OpenID provider's verified
/// tokens) instead of the local key's tokens when it is given.
pub fn local_app_signing_in(
    paths: &LocalPaths,
    clock: Arc<dyn Clock>,
    sign_in: Option<Arc<OidcVerifier>>,
) -> Result<SharedApp, String> {
    create_private_dir(&paths.data)
        .map_err(|e| format!("cannot create {}: {e}", paths.data.display()))?;
    let councils = load_councils(&paths.config).map_err(|e| e.to_string())?;
    if councils.is_empty() {
        return Err(format!(
            "no councils configured in {}",
            paths.config.display()
        ));
    }
    let calendar = load_calendar(paths.bank_holidays.as_deref())?;
    let store = SqliteStore::open(&paths.database())
        .map_err(|e| format!("{}: {e}", paths.database().display()))?;
    let key = SigningKey::load_or_create(&paths.signing_key())
        .map_err(|e| format!("{}: {e}", paths.signing_key().display()))?;
    Ok(Arc::new(App {
        councils,
        calendar,
        store: Arc::new(store),
        clock,
        auth: match sign_in {
            Some(verifier) => Authenticator::Oidc(verifier),
            None => Authenticator::LocalKey(key.clone()),
        },
        status_secret: key,
    }))
}

/// What the demo pages may load: their own scripts (the widget's wasm included), styles
/// (the widget adopts its CSS as a constructed stylesheet), API calls and images.
pub const DEMO_PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:";

/// Creates `dir` (with its parents) when absent and makes it the owner's alone (0700),
/// whatever the umask: it holds the database, the outbox and the signing key.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// What the console may load: its own script, wasm, styles, fonts and images, and calls to
/// this origin's API; no page may frame it.
pub const CONSOLE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// [`CONSOLE_CSP`], letting the console also call the hosted sign-in's token endpoint
/// when it has one.
pub fn console_csp(settings: &ConsoleSettings) -> String {
    match &settings.hosted_sign_in {
        None => CONSOLE_CSP.to_owned(),
        Some(hosted) => CONSOLE_CSP.replacen(
            "connect-src 'self'",
            &format!("connect-src 'self' {}", api::url_origin(&hosted.domain)),
            1,
        ),
    }
}

/// How the console signs officers in on this server: through the OpenID provider whose
/// tokens it accepts, else with one-time links.
pub fn console_settings(app: &App) -> ConsoleSettings {
    ConsoleSettings {
        api: None,
        hosted_sign_in: match &app.auth {
            Authenticator::Oidc(verifier) => Some(HostedSignIn {
                domain: verifier
                    .settings()
                    .hosted_ui
                    .trim_end_matches('/')
                    .to_owned(),
                client_id: verifier.settings().client_id.clone(),
            }),
            _ => None,
        },
    }
}

/// The API plus the widget's files and the demo page.
pub fn local_router(app: SharedApp, widget_dir: &Path) -> Router {
    local_router_serving(app, widget_dir, None)
}

/// [`local_router`], plus the officer console's files at `/console/` when `console_dir`
/// holds a built console (`dist/console`).
pub fn local_router_serving(
    app: SharedApp,
    widget_dir: &Path,
    console_dir: Option<&Path>,
) -> Router {
    let (inline, launcher) = (demo_page(&app, "inline"), demo_page(&app, "launcher"));
    let app_for_files = app.clone();
    let csp = || {
        SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEMO_PAGE_CSP),
        )
    };
    let mut router = api::router(app)
        .route("/", get(move || async move { Html(inline) }).layer(csp()))
        .route(
            "/launcher",
            get(move || async move { Html(launcher) }).layer(csp()),
        )
        .method_not_allowed_fallback(api::method_not_allowed);
    if widget_dir.is_dir() {
        router = router.nest_service(
            "/widget",
            widget_files::router(app_for_files.clone(), widget_dir),
        );
    }
    if let Some(console) = console_dir.filter(|dir| dir.is_dir()) {
        let settings = console_settings(&app_for_files);
        let csp = HeaderValue::from_str(&console_csp(&settings))
            .unwrap_or_else(|_| HeaderValue::from_static(CONSOLE_CSP));
        router = router.route(
            "/console/config.json",
            get(move || async move { axum::Json(settings) }),
        );
        let files = tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                csp,
            ))
            // Every page of the console is its one index.html: the app reads the path.
            .service(
                ServeDir::new(console).fallback(tower_http::services::ServeFile::new(
                    console.join("index.html"),
                )),
            );
        router = router.nest_service("/console", files);
    }
    router.layer(api::security_headers())
}

/// A page standing in for a council's website, with the widget embedded once it is built:
/// the form in the page (`inline`) or behind a button that opens it (`launcher`).
fn demo_page(app: &App, mode: &str) -> String {
    let councils: String = app
        .councils
        .values()
        .map(|c| format!("<li><code>{}</code>: {}</li>", c.id, escape(&c.name)))
        .collect();
    format!(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Borough Council: contact us</title></head>
<body>
<main>
<h1>Demo Borough Council</h1>
<p>Tell us about a service: a comment, a compliment or a complaint.</p>
<script src="/widget/widget.js" defer></script>
<council-feedback council="demo" mode="{mode}">
  <p><a href="https://www.demo.example/contact">Contact the council</a> to leave feedback.</p>
</council-feedback>
<p>The same form <a href="/">in the page</a> or <a href="/launcher">behind a button</a>.</p>
<h2>For developers</h2>
<p>The API is described at <a href="/v1/openapi.json">/v1/openapi.json</a>. Councils here:</p>
<ul>{councils}</ul>
</main>
</body>
</html>
"#
    )
}

/// The notifier the local server uses: `.eml` files in the data folder, or a plain SMTP
/// server when one is named.
pub async fn local_notifier(
    paths: &LocalPaths,
    mail: &LocalMail,
) -> Result<Arc<dyn Notifier>, String> {
    let config = match &mail.smtp {
        None => NotifierConfig::Outbox {
            dir: paths.outbox(),
        },
        Some((host, port)) => NotifierConfig::Smtp(SmtpSettings {
            host: host.clone(),
            port: *port,
            username: None,
            password: None,
            tls: SmtpTls::None,
        }),
    };
    adapters::build(&config).await.map_err(|e| e.to_string())
}

/// How often the local server runs the reminder job and sends queued messages.
pub const TICK: std::time::Duration = std::time::Duration::from_secs(60);

/// A one-time console sign-in link for a demo officer of the first council: what the
/// banner offers, so nobody pastes tokens to try the console.
fn demo_sign_in_link(app: &App, addr: SocketAddr) -> String {
    if let Authenticator::Oidc(verifier) = &app.auth {
        return format!(
            "http://{addr}/console/ (signs in at {})",
            verifier.settings().hosted_ui
        );
    }
    let demo = app.council("demo").map(|c| &c.id);
    let (Authenticator::LocalKey(key), Some(council)) =
        (&app.auth, demo.or_else(|| app.councils.keys().next()))
    else {
        return "not available".into();
    };
    let code = crate::auth::SignInCode::new(
        feedback_shared::OfficerId("demo-officer".into()),
        "Demo Officer".into(),
        vec![council.clone()],
        crate::auth::Role::Officer,
        app.clock.now().unix_timestamp(),
    );
    sign_in_link(&addr.to_string(), &code.seal(key))
}

/// The console's sign-in link on the local server at `host` (`127.0.0.1:8080`).
pub fn sign_in_link(host: &str, code: &str) -> String {
    format!("http://{host}/console/#signin={code}")
}

/// Serves on loopback until interrupted, running the scheduled work every [`TICK`].
pub async fn serve(
    paths: LocalPaths,
    console: PathBuf,
    port: u16,
    mail: LocalMail,
    clock: Arc<dyn Clock>,
    sign_in: Option<OidcSettings>,
) -> Result<(), String> {
    let verifier = match sign_in {
        None => None,
        Some(settings) => {
            let verifier = OidcVerifier::new(settings)?;
            verifier
                .load_keys()
                .await
                .map_err(|e| format!("cannot read the sign-in provider's keys: {e}"))?;
            Some(Arc::new(verifier))
        }
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let mut app = local_app_signing_in(&paths, clock, verifier)?;
    // Officers' emails link to this server's own console unless a council says otherwise;
    // the port is known only now. The app is not shared yet, so this cannot fail.
    if let Some(app) = Arc::get_mut(&mut app) {
        for council in app.councils.values_mut() {
            council
                .console_url
                .get_or_insert_with(|| format!("http://{addr}/console"));
        }
    }
    let notifier = local_notifier(&paths, &mail).await?;
    // The personal data routes remove the outbox folder's copies of a case's emails.
    let copies = crate::api::LocalCopies(notifier.clone());
    let owner = format!("local-{}", std::process::id());
    let worker = app.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(TICK);
        loop {
            every.tick().await;
            match jobs::tick(&worker, notifier.as_ref(), &owner).await {
                Ok(t) if t.reminders_claimed + t.messages_sent + t.messages_retried > 0 => {
                    tracing::info!(
                        claimed = t.reminders_claimed,
                        sent = t.messages_sent,
                        retried = t.messages_retried,
                        "scheduled work"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "scheduled work failed"),
            }
        }
    });
    let router = local_router_serving(app.clone(), &paths.widget, Some(&console))
        .layer(axum::Extension(copies));
    // Written without panicking: a closed stdout must not take the server down.
    let banner = format!(
        "Council Feedback is running.\n  Clock:             {}\n  Demo council page: http://{addr}/\n  API:               http://{addr}/v1/councils/demo\n  OpenAPI:           http://{addr}/v1/openapi.json\n  Officer token:     cargo xtask run token --council demo --role officer\n  Console sign-in:   {}\n  Data:              {}\n  Outbox:            {}\n",
        app.clock
            .now()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        demo_sign_in_link(&app, addr),
        paths.data.display(),
        if mail.smtp.is_some() {
            "SMTP".to_owned()
        } else {
            paths.outbox().display().to_string()
        }
    );
    {
        use std::io::Write;
        let mut out = std::io::stdout();
        let _ = out.write_all(banner.as_bytes()).and_then(|()| out.flush());
    }
    // The socket's peer address is the client address the per-address limits count.
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
