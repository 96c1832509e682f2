//! `feedback`: the local command for a council officer or developer.

mod act;
mod annual;
mod correct;
mod deadlines;
mod personal_data;
mod restrictions;

use clap::{Parser, Subcommand};
use deadlines::{ArgumentError, answer, parse_received};
use feedback_functions::auth::{Claims, OidcSettings, Role, SignInCode, SigningKey};
use feedback_functions::calendar_source::load_calendar;
use feedback_functions::clock::{Clock, FixedClock, OffsetClock, SystemClock};
use feedback_functions::config::{default_config_dir, load_council};
use feedback_functions::jobs::tick;
use feedback_functions::report_render::{ReportFormat, render};
use feedback_functions::server::{
    LocalMail, LocalPaths, local_app, local_notifier, serve, sign_in_link,
};
use feedback_shared::input::parse_iso_date;
use feedback_shared::report::Period;
use feedback_shared::{CouncilId, Division, OfficerId, Policy, Stage};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "feedback",
    version,
    about = "Council Feedback: comments, compliments and complaints"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the local server: the API, the widget and a demo council page, on loopback.
    Serve {
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Folder for the SQLite database and the signing key (created on first run).
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Folder of council TOML files (default $FEEDBACK_CONFIG or config/councils).
        #[arg(long)]
        config: Option<PathBuf>,
        /// The built widget.
        #[arg(long, default_value = "dist/widget")]
        widget: PathBuf,
        /// The built officer console, served at /console/.
        #[arg(long, default_value = "dist/console")]
        console: PathBuf,
        /// A newer GOV.UK bank-holidays.json.
        #[arg(long)]
        bank_holidays: Option<PathBuf>,
        /// Start the clock at this instant (RFC 3339) instead of now, to watch deadlines
        /// and reminders happen. Time then moves on in real time.
        #[arg(long, value_parser = parse_instant)]
        clock: Option<time::OffsetDateTime>,
        /// Send notifications to this SMTP server (HOST:PORT, plain) instead of writing
        /// `.eml` files to DATA/outbox.
        #[arg(long, value_parser = parse_host_port)]
        smtp: Option<(String, u16)>,
        /// Sign officers in through this OpenID provider (the `iss` of its tokens; its keys
        /// at ISSUER/.well-known/jwks.json, as Cognito publishes them) instead of one-time
        /// links: the console sends officers to it, and the API accepts its RS256 tokens.
        #[arg(long, requires = "oidc_client_id")]
        oidc_issuer: Option<String>,
        /// The console's client id at that provider (the tokens' audience).
        #[arg(long, requires = "oidc_issuer")]
        oidc_client_id: Option<String>,
        /// Where the provider's /oauth2/authorize, /oauth2/token and /logout are (a Cognito
        /// hosted UI domain); default the issuer.
        #[arg(long, requires = "oidc_issuer")]
        oidc_hosted_ui: Option<String>,
    },
    /// Run the reminder job and send queued messages once, as at the given instant, on
    /// the local server's data; prints what it did as JSON.
    Reminders {
        /// The instant to run at (RFC 3339); default now.
        #[arg(long, value_parser = parse_instant)]
        at: Option<time::OffsetDateTime>,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long, value_parser = parse_host_port)]
        smtp: Option<(String, u16)>,
    },
    /// Remove the personal data of cases closed more than their council's
    /// `retention_years` ago (held cases excepted), as at the given instant, on the local
    /// server's data. Prints the counts as JSON; with --dry-run, the cases it would
    /// anonymise (council, reference, closure date, whether held) and changes nothing.
    Retention {
        /// List what would go, change nothing.
        #[arg(long)]
        dry_run: bool,
        /// The instant to run at (RFC 3339); default now.
        #[arg(long, value_parser = parse_instant)]
        at: Option<time::OffsetDateTime>,
        /// Only this council (default every configured council).
        #[arg(long)]
        council: Option<String>,
        /// Anonymise at most this many cases (default all that are due).
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// The year's self-assessment and annual record (Code 8.1) as JSON, with what the
    /// figures suggest; --save saves a draft (the JSON the API's PUT takes) over it.
    Annual {
        #[arg(long)]
        council: String,
        /// The financial year starting in April of this year.
        #[arg(long)]
        year: i32,
        #[arg(long)]
        save: Option<String>,
        /// The manager saving it, as the record keeps it.
        #[arg(long, default_value = "local-manager")]
        officer: String,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// The council's contact restrictions as JSON: how many are in force and ended, and
    /// each one's kinds and dates (never the person or the behaviour).
    Restrictions {
        #[arg(long)]
        council: String,
        /// Record one: the JSON body the API's POST takes.
        #[arg(long, conflicts_with = "review")]
        record: Option<String>,
        /// Review the restriction with this id, as --with says.
        #[arg(long, requires = "with")]
        review: Option<String>,
        /// The review: {"outcome":"continue","next_review":"YYYY-MM-DD"} or
        /// {"outcome":"end","reason":"…"}.
        #[arg(long, requires = "review")]
        with: Option<String>,
        /// The manager recording or reviewing, as the restriction keeps it.
        #[arg(long, default_value = "local-manager")]
        officer: String,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// A subject access request: the council's cases of a person (by email, phone, name
    /// or reference) as JSON; with --out, every one exported to DIR/bundle.json and
    /// DIR/bundle.html (officers named by role if the council says so, each --redact
    /// span blanked), recorded on each case's timeline.
    Sar {
        #[arg(long)]
        council: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, default_value = "")]
        reference: String,
        /// Text to blank in the bundle (repeat for several).
        #[arg(long)]
        redact: Vec<String>,
        #[arg(long)]
        out: Option<PathBuf>,
        /// Who is exporting, as the timeline records it.
        #[arg(long, default_value = "local-manager")]
        officer: String,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Erase one closed case's personal data on request, before its retention period
    /// ends (refused while it is open or under a legal hold).
    Erase {
        #[arg(long)]
        council: String,
        #[arg(long)]
        reference: String,
        /// Why, as the timeline records it.
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Act on a case: any officer action, as the JSON body the API's actions route takes,
    /// e.g. --action '{"action":"acknowledge","on":"2026-11-24"}'; prints the case after.
    Act {
        #[arg(long)]
        council: String,
        #[arg(long)]
        reference: String,
        #[arg(long)]
        action: String,
        /// Who acts, as the timeline records it.
        #[arg(long, default_value = "local-officer")]
        officer: String,
        /// Act as a complaints manager (needed to close over open promised actions).
        #[arg(long)]
        manager: bool,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Correct a case's contact details (rectification): each detail given replaces
    /// the one held (an empty value removes it); the timeline records which fields and why,
    /// never the old values.
    Rectify {
        #[arg(long)]
        council: String,
        #[arg(long)]
        reference: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        postcode: Option<String>,
        /// How they want to be contacted: email, post or phone.
        #[arg(long)]
        preferred: Option<String>,
        /// Why, as the timeline records it (do not quote the old details).
        #[arg(long)]
        reason: String,
        /// Who corrects them, as the timeline records it.
        #[arg(long, default_value = "local-officer")]
        officer: String,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Redact a span of a resident's words: the exact text becomes "[redacted]" in the
    /// field and in every stored copy; the timeline records that it happened and why.
    Redact {
        #[arg(long)]
        council: String,
        #[arg(long)]
        reference: String,
        /// what_happened, put_right, staff_name, relationship or adjustment_details.
        #[arg(long)]
        field: String,
        /// The exact text to remove.
        #[arg(long)]
        span: String,
        /// Why, as the timeline records it (do not quote the text).
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "local-officer")]
        officer: String,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print the annual complaints performance report from the local server's data.
    Report {
        /// The council, or several for a partnership side by side.
        #[arg(long, required = true)]
        council: Vec<String>,
        /// The financial year starting that April (default: the current one).
        #[arg(long, conflicts_with_all = ["from", "to"])]
        year: Option<i32>,
        #[arg(long, value_parser = parse_iso_date, requires = "to")]
        from: Option<time::Date>,
        #[arg(long, value_parser = parse_iso_date, requires = "from")]
        to: Option<time::Date>,
        /// json, csv or html; or, for one council at a time, wcsa (the Welsh quarterly
        /// data return) or spso (the SPSO's indicators), both CSV.
        #[arg(long, default_value = "json")]
        format: String,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Recompute the running sums the report and the dashboard read (the report's facts
    /// by date, the learning, the census of open cases) from the local data's cases, and
    /// put them in place of the stored ones; prints what was rebuilt as JSON. Run it while
    /// the server is stopped.
    Aggregates {
        /// Required: the rebuild is the only thing this command does.
        #[arg(long, required = true)]
        rebuild: bool,
        /// The councils to rebuild (default every configured council).
        #[arg(long)]
        council: Vec<String>,
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
        /// Rebuild a deployment's DynamoDB table instead of the local data (credentials
        /// and region from the usual AWS environment, as the AWS CLI finds them).
        #[arg(long)]
        dynamodb_table: Option<String>,
        /// Another DynamoDB endpoint (DynamoDB Local, say).
        #[arg(long, requires = "dynamodb_table")]
        dynamodb_endpoint: Option<String>,
    },
    /// Print an officer token the local server accepts (valid 12 hours).
    Token {
        /// The council the officer works for; repeat it for an officer of several
        /// councils in a partnership.
        #[arg(long, required = true)]
        council: Vec<String>,
        #[arg(long, default_value = "officer")]
        role: Role,
        /// The officer's name; their id is made from it.
        #[arg(long, default_value = "Demo Officer")]
        name: String,
        /// The local server's data folder, where the signing key lives.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Issue the token as at this instant (RFC 3339): for a server started with
        /// `--clock`, whose time is not now.
        #[arg(long, value_parser = parse_instant)]
        at: Option<time::OffsetDateTime>,
    },
    /// Print a one-time link that signs an officer in to the local console (it works
    /// once, within 5 minutes, and gives a session of an hour).
    Signin {
        /// The council the officer works for; repeat it for several in a partnership.
        #[arg(long, required = true)]
        council: Vec<String>,
        #[arg(long, default_value = "officer")]
        role: Role,
        /// The officer's name; their id is made from it.
        #[arg(long, default_value = "Demo Officer")]
        name: String,
        /// The local server's data folder, where the signing key lives.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// The local server's port, for the link.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Issue the link as at this instant (RFC 3339): for a server started with
        /// `--clock`, whose time is not now.
        #[arg(long, value_parser = parse_instant)]
        at: Option<time::OffsetDateTime>,
    },
    /// Print a complaint's deadlines in working days as JSON.
    Deadlines {
        /// When it was received: an RFC 3339 instant (dated in London time) or YYYY-MM-DD.
        /// At stage 2, when the escalation was requested.
        #[arg(long, value_parser = parse_received)]
        received: time::Date,
        /// Bank-holiday division (default england-and-wales, or the council's).
        #[arg(long, conflicts_with = "council")]
        division: Option<Division>,
        /// Stage of the complaints procedure.
        #[arg(long, default_value = "1", value_parser = parse_stage)]
        stage: Stage,
        /// When it was acknowledged (YYYY-MM-DD); the response is counted from it.
        #[arg(long, value_parser = parse_iso_date)]
        acknowledged: Option<time::Date>,
        /// A configured council whose policy applies (default: the Code's timescales).
        #[arg(long)]
        council: Option<String>,
        /// Folder of council TOML files (default $FEEDBACK_CONFIG or config/councils).
        #[arg(long)]
        config: Option<PathBuf>,
        /// A newer GOV.UK bank-holidays.json (default $FEEDBACK_BANK_HOLIDAYS or the bundled copy).
        #[arg(long)]
        bank_holidays: Option<PathBuf>,
    },
}

fn parse_instant(raw: &str) -> Result<time::OffsetDateTime, String> {
    time::OffsetDateTime::parse(raw.trim(), &time::format_description::well_known::Rfc3339)
        .map_err(|_| format!("`{raw}` is not an RFC 3339 instant like 2026-12-01T08:05:00Z"))
}

fn parse_host_port(raw: &str) -> Result<(String, u16), String> {
    let (host, port) = raw
        .rsplit_once(':')
        .ok_or_else(|| format!("`{raw}` is not HOST:PORT"))?;
    let port = port
        .parse()
        .map_err(|_| format!("`{port}` is not a port number"))?;
    Ok((host.to_owned(), port))
}

fn parse_stage(raw: &str) -> Result<Stage, String> {
    raw.parse::<u8>()
        .map_err(|_| format!("`{raw}` is not 1 or 2"))
        .and_then(Stage::try_from)
}

/// clap's message without the usage block: one line naming the argument.
fn one_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    rendered
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Human-readable logs on stderr. Handlers log references and kinds, never what people wrote.
fn init_local_logging() {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn officer_id(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    slug.split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn run(cli: Cli) -> Result<String, ArgumentError> {
    match cli.command {
        Command::Report {
            council,
            year,
            from,
            to,
            format,
            data,
            config,
        } => report_command(council, year, from, to, format, data, config),
        Command::Reminders {
            at,
            data,
            config,
            smtp,
        } => reminders_command(at, data, config, smtp),
        Command::Annual {
            council,
            year,
            save,
            officer,
            data,
            config,
        } => annual::annual_command(
            personal_data::Local {
                council,
                data,
                config,
            },
            year,
            save,
            officer,
        ),
        Command::Restrictions {
            council,
            record,
            review,
            with,
            officer,
            data,
            config,
        } => {
            let local = personal_data::Local {
                council,
                data,
                config,
            };
            match (record, review, with) {
                (Some(json), _, _) => {
                    restrictions::change_command(local, restrictions::Change::Record(json), officer)
                }
                (None, Some(id), Some(with)) => restrictions::change_command(
                    local,
                    restrictions::Change::Review { id, with },
                    officer,
                ),
                _ => restrictions::restrictions_command(local),
            }
        }
        Command::Sar {
            council,
            email,
            phone,
            name,
            reference,
            redact,
            out,
            officer,
            data,
            config,
        } => personal_data::sar_command(
            personal_data::Local {
                council,
                data,
                config,
            },
            feedback_shared::wire::PersonSearch {
                email,
                phone,
                name,
                reference,
            },
            redact,
            out,
            officer,
        ),
        Command::Act {
            council,
            reference,
            action,
            officer,
            manager,
            data,
            config,
        } => act::act_command(
            personal_data::Local {
                council,
                data,
                config,
            },
            reference,
            action,
            act::Officer {
                id: officer,
                manager,
            },
        ),
        Command::Rectify {
            council,
            reference,
            name,
            email,
            phone,
            address,
            postcode,
            preferred,
            reason,
            officer,
            data,
            config,
        } => correct::rectify_command(
            personal_data::Local {
                council,
                data,
                config,
            },
            reference,
            correct::ContactChanges {
                name,
                email,
                phone,
                address,
                postcode,
                preferred,
            },
            reason,
            officer,
        ),
        Command::Redact {
            council,
            reference,
            field,
            span,
            reason,
            officer,
            data,
            config,
        } => correct::redact_command(
            personal_data::Local {
                council,
                data,
                config,
            },
            reference,
            field,
            span,
            reason,
            officer,
        ),
        Command::Erase {
            council,
            reference,
            reason,
            data,
            config,
        } => personal_data::erase_command(
            personal_data::Local {
                council,
                data,
                config,
            },
            reference,
            reason,
        ),
        Command::Retention {
            dry_run,
            at,
            council,
            limit,
            data,
            config,
        } => retention_command(dry_run, at, council, limit, data, config),
        Command::Aggregates {
            rebuild: _,
            council,
            data,
            config,
            dynamodb_table,
            dynamodb_endpoint,
        } => aggregates_command(
            council,
            data,
            config,
            dynamodb_table.map(|table| (table, dynamodb_endpoint)),
        ),
        Command::Serve {
            port,
            data,
            config,
            widget,
            console,
            bank_holidays,
            clock,
            smtp,
            oidc_issuer,
            oidc_client_id,
            oidc_hosted_ui,
        } => serve_command(
            port,
            data,
            config,
            (widget, console),
            bank_holidays,
            clock,
            (
                smtp,
                oidc_issuer
                    .zip(oidc_client_id)
                    .map(|(issuer, client_id)| OidcSettings {
                        hosted_ui: oidc_hosted_ui.unwrap_or_else(|| issuer.clone()),
                        issuer,
                        client_id,
                    }),
            ),
        ),
        Command::Signin {
            council,
            role,
            name,
            data,
            port,
            at,
        } => signin_command(council, role, name, data, port, at),
        Command::Token {
            council,
            role,
            name,
            data,
            at,
        } => token_command(council, role, name, data, at),
        Command::Deadlines {
            received,
            division,
            stage,
            acknowledged,
            council,
            config,
            bank_holidays,
        } => deadlines_command(
            received,
            division,
            stage,
            acknowledged,
            council,
            config,
            bank_holidays,
        ),
    }
}

/// `feedback report`: the annual report of one council, or a partnership's side by side.
fn report_command(
    council: Vec<String>,
    year: Option<i32>,
    from: Option<time::Date>,
    to: Option<time::Date>,
    format: String,
    data: PathBuf,
    config: Option<PathBuf>,
) -> Result<String, ArgumentError> {
    let fail = |argument: &'static str| move |message: String| ArgumentError { argument, message };
    let a_return = feedback_functions::report_render::returns::Return::parse(&format);
    if a_return.is_some() && council.len() != 1 {
        return Err(fail("--council")(
            "the wcsa and spso returns are for one council at a time".into(),
        ));
    }
    let format = match a_return {
        Some(_) => ReportFormat::Csv,
        None => {
            ReportFormat::from_query_or_accept(Some(&format), None).map_err(fail("--format"))?
        }
    };
    let paths = LocalPaths {
        data,
        config: config.unwrap_or_else(default_config_dir),
        widget: PathBuf::new(),
        bank_holidays: None,
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("report")(e.to_string()))?;
    runtime.block_on(async {
        let app = local_app(&paths, Arc::new(SystemClock)).map_err(fail("--data"))?;
        let period = match (year, from, to) {
            (Some(year), _, _) => {
                Period::financial_year(year).map_err(|e| fail("--year")(e.to_string()))?
            }
            (None, Some(from), Some(to)) => {
                Period::new(from, to).map_err(|e| fail("--to")(e.to_string()))?
            }
            _ => Period::financial_year_of(feedback_shared::london::london_date(app.clock.now()))
                .map_err(|e| fail("report")(e.to_string()))?,
        };
        let mut reports = Vec::new();
        for id in &council {
            let council = app
                .council(id)
                .ok_or_else(|| fail("--council")(format!("no council `{id}` is configured")))?;
            if let Some(kind) = a_return {
                return feedback_functions::reports::council_return(&app, council, period, kind)
                    .await
                    .map_err(|e| fail("report")(e.to_string()));
            }
            let (report, _) = feedback_functions::reports::council_report(&app, council, period)
                .await
                .map_err(|e| fail("report")(e.to_string()))?;
            reports.push(report);
        }
        Ok(render(&reports, format))
    })
}

/// `feedback aggregates --rebuild`: the running sums recomputed from the cases; what was
/// rebuilt for each council, as a JSON array.
fn aggregates_command(
    council: Vec<String>,
    data: PathBuf,
    config: Option<PathBuf>,
    dynamodb: Option<(String, Option<String>)>,
) -> Result<String, ArgumentError> {
    let fail = |argument: &'static str| move |message: String| ArgumentError { argument, message };
    let paths = LocalPaths {
        data,
        config: config.unwrap_or_else(default_config_dir),
        widget: PathBuf::new(),
        bank_holidays: None,
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("aggregates")(e.to_string()))?;
    runtime.block_on(async {
        let app = match dynamodb {
            None => local_app(&paths, Arc::new(SystemClock)).map_err(fail("--data"))?,
            Some((table, endpoint)) => {
                let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
                if let Some(endpoint) = endpoint {
                    loader = loader.endpoint_url(endpoint);
                }
                let client = aws_sdk_dynamodb::Client::new(&loader.load().await);
                let councils = feedback_functions::config::load_councils(&paths.config)
                    .map_err(|e| fail("--config")(e.to_string()))?;
                Arc::new(feedback_functions::app::App {
                    councils,
                    calendar: feedback_shared::Calendar::bundled(),
                    store: Arc::new(feedback_functions::store::dynamodb::DynamoStore::new(
                        client, table,
                    )),
                    clock: Arc::new(SystemClock),
                    auth: feedback_functions::auth::Authenticator::ApiGatewayJwt,
                    status_secret: SigningKey::generate(),
                })
            }
        };
        let ids: Vec<String> = if council.is_empty() {
            app.councils.keys().map(|id| id.to_string()).collect()
        } else {
            council
        };
        let mut lines = Vec::new();
        for id in &ids {
            let council = app
                .council(id)
                .ok_or_else(|| fail("--council")(format!("no council `{id}` is configured")))?;
            let rebuilt = feedback_functions::reports::rebuild_aggregates(&app, council)
                .await
                .map_err(|e| fail("aggregates")(e.to_string()))?;
            lines.push(serde_json::json!({
                "council": id,
                "cases": rebuilt.cases,
                "days": rebuilt.days,
                "learning": rebuilt.learning,
                "indexed_for_retention": rebuilt.indexed_for_retention,
            }));
        }
        Ok(serde_json::Value::Array(lines).to_string())
    })
}

/// `feedback reminders`: one run of the scheduled work on the local data, as JSON.
fn reminders_command(
    at: Option<time::OffsetDateTime>,
    data: PathBuf,
    config: Option<PathBuf>,
    smtp: Option<(String, u16)>,
) -> Result<String, ArgumentError> {
    let paths = LocalPaths {
        data,
        config: config.unwrap_or_else(default_config_dir),
        widget: PathBuf::new(),
        bank_holidays: None,
    };
    let clock: Arc<dyn Clock> = match at {
        Some(at) => Arc::new(FixedClock::new(at)),
        None => Arc::new(SystemClock),
    };
    let fail = |message: String| ArgumentError {
        argument: "reminders",
        message,
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail(e.to_string()))?;
    let tick = runtime
        .block_on(async {
            let app = local_app(&paths, clock)?;
            let notifier = local_notifier(&paths, &LocalMail { smtp }).await?;
            tick(
                &app,
                notifier.as_ref(),
                &format!("cli-{}", std::process::id()),
            )
            .await
        })
        .map_err(fail)?;
    Ok(serde_json::to_string(&tick).expect("the tick serialises"))
}

/// `feedback retention`: the retention job on the local data, as JSON.
fn retention_command(
    dry_run: bool,
    at: Option<time::OffsetDateTime>,
    council: Option<String>,
    limit: Option<usize>,
    data: PathBuf,
    config: Option<PathBuf>,
) -> Result<String, ArgumentError> {
    use feedback_functions::jobs::retention;
    let paths = LocalPaths {
        data,
        config: config.unwrap_or_else(default_config_dir),
        widget: PathBuf::new(),
        bank_holidays: None,
    };
    let fail = |argument: &'static str| move |message: String| ArgumentError { argument, message };
    let now = at.unwrap_or_else(time::OffsetDateTime::now_utc);
    let runtime = tokio::runtime::Runtime::new().map_err(|e| fail("retention")(e.to_string()))?;
    runtime.block_on(async {
        let app = local_app(&paths, Arc::new(FixedClock::new(now))).map_err(fail("--data"))?;
        // The outbox folder, whose copies of an anonymised case's emails go with it.
        let notifier = local_notifier(&paths, &LocalMail { smtp: None })
            .await
            .map_err(fail("--data"))?;
        let only = match &council {
            None => None,
            Some(id) => Some(
                app.council(id)
                    .ok_or_else(|| fail("--council")(format!("no council `{id}` is configured")))?
                    .id
                    .clone(),
            ),
        };
        let store_failed =
            |e: feedback_functions::store::StoreError| fail("retention")(e.to_string());
        if dry_run {
            let due = retention::due(&app, now, only.as_ref())
                .await
                .map_err(store_failed)?;
            return serde_json::to_string(&due).map_err(|e| fail("retention")(e.to_string()));
        }
        // Batch after batch until nothing is left (or the limit is reached).
        let mut total = retention::RetentionRun::default();
        loop {
            let batch = limit
                .map_or(retention::BATCH, |limit| limit - total.anonymised)
                .min(retention::BATCH);
            if batch == 0 {
                break;
            }
            let run = retention::run(&app, notifier.as_ref(), now, batch, only.as_ref())
                .await
                .map_err(store_failed)?;
            total.read += run.read;
            total.anonymised += run.anonymised;
            total.held += run.held;
            total.skipped += run.skipped;
            if run.anonymised < batch {
                break;
            }
        }
        serde_json::to_string(&total).map_err(|e| fail("retention")(e.to_string()))
    })
}

/// `feedback serve`: the local server, until interrupted.
fn serve_command(
    port: u16,
    data: PathBuf,
    config: Option<PathBuf>,
    (widget, console): (PathBuf, PathBuf),
    bank_holidays: Option<PathBuf>,
    clock: Option<time::OffsetDateTime>,
    // The services outside the server: where mail goes and who signs officers in.
    (smtp, sign_in): (Option<(String, u16)>, Option<OidcSettings>),
) -> Result<String, ArgumentError> {
    init_local_logging();
    let clock: Arc<dyn Clock> = match clock {
        Some(start) => Arc::new(OffsetClock::starting_at(start)),
        None => Arc::new(SystemClock),
    };
    let mail = LocalMail { smtp };
    let paths = LocalPaths {
        data,
        config: config.unwrap_or_else(default_config_dir),
        widget,
        bank_holidays,
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| ArgumentError {
        argument: "serve",
        message: e.to_string(),
    })?;
    runtime
        .block_on(serve(paths, console, port, mail, clock, sign_in))
        .map_err(|message| ArgumentError {
            argument: "serve",
            message,
        })?;
    Ok(String::new())
}

/// What `feedback token` and `feedback signin` both take: the officer's councils and
/// name, the local signing key, and the instant to issue at.
struct OfficerArgs {
    councils: Vec<CouncilId>,
    id: OfficerId,
    key: SigningKey,
    now: i64,
}

impl OfficerArgs {
    fn parse(
        council: &[String],
        name: &str,
        data: &Path,
        at: Option<time::OffsetDateTime>,
    ) -> Result<Self, ArgumentError> {
        let councils = council
            .iter()
            .map(|c| CouncilId::parse(c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ArgumentError {
                argument: "--council",
                message: e.to_string(),
            })?;
        let id = officer_id(name);
        if id.is_empty() {
            return Err(ArgumentError {
                argument: "--name",
                message: "give a name with letters or digits".into(),
            });
        }
        let key =
            SigningKey::load_or_create(&data.join("signing.key")).map_err(|e| ArgumentError {
                argument: "--data",
                message: e.to_string(),
            })?;
        let now = at
            .unwrap_or_else(time::OffsetDateTime::now_utc)
            .unix_timestamp();
        Ok(OfficerArgs {
            councils,
            id: OfficerId(id),
            key,
            now,
        })
    }
}

/// `feedback signin`: a one-time console sign-in link for the local server.
fn signin_command(
    council: Vec<String>,
    role: Role,
    name: String,
    data: PathBuf,
    port: u16,
    at: Option<time::OffsetDateTime>,
) -> Result<String, ArgumentError> {
    let officer = OfficerArgs::parse(&council, &name, &data, at)?;
    let code = SignInCode::new(officer.id, name, officer.councils, role, officer.now);
    Ok(sign_in_link(
        &format!("127.0.0.1:{port}"),
        &code.seal(&officer.key),
    ))
}

/// `feedback token`: an officer token the local server accepts.
fn token_command(
    council: Vec<String>,
    role: Role,
    name: String,
    data: PathBuf,
    at: Option<time::OffsetDateTime>,
) -> Result<String, ArgumentError> {
    let mut officer = OfficerArgs::parse(&council, &name, &data, at)?;
    let first = officer.councils.remove(0);
    let mut claims = Claims::new(officer.id, name, first, role, officer.now);
    claims.also = officer.councils;
    Ok(officer.key.mint(&claims))
}

/// `feedback deadlines`: a stage's dates, as JSON.
fn deadlines_command(
    received: time::Date,
    division: Option<Division>,
    stage: Stage,
    acknowledged: Option<time::Date>,
    council: Option<String>,
    config: Option<PathBuf>,
    bank_holidays: Option<PathBuf>,
) -> Result<String, ArgumentError> {
    let calendar = load_calendar(bank_holidays.as_deref()).map_err(|message| ArgumentError {
        argument: "--bank-holidays",
        message,
    })?;
    let (policy, council_id) = match council {
        Some(id) => {
            let dir = config.unwrap_or_else(default_config_dir);
            let council = load_council(&dir, &id).map_err(|e| ArgumentError {
                argument: "--council",
                message: e.to_string(),
            })?;
            (council.policy, Some(council.id))
        }
        None => (
            Policy::code_default(division.unwrap_or(Division::EnglandAndWales)),
            None,
        ),
    };
    let answer = answer(
        &calendar,
        &policy,
        council_id,
        stage,
        received,
        acknowledged,
    )?;
    Ok(serde_json::to_string(&answer).expect("the answer serialises"))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version.
            print!("{err}");
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!("{}", one_line(&err));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(output) => {
            if !output.is_empty() {
                println!("{output}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}
