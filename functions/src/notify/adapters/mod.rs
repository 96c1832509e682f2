//! How it goes: the delivery adapters (`.eml` files in a folder, SMTP, SES), and the one
//! factory that builds whichever the configuration names, for the local server, the
//! command line and the Lambda function alike.

pub mod eml;
pub mod ses;
pub mod smtp;

use crate::notify::Notifier;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;

pub use eml::{OutboxFolder, mime_message};
pub use ses::SesNotifier;
pub use smtp::{SmtpNotifier, SmtpSettings, SmtpTls};

/// Which adapter sends email, tagged by `kind`:
///
/// ```toml
/// kind = "outbox"            # the local default
/// dir = "target/outbox"
///
/// kind = "smtp"
/// host = "smtp.example.gov.uk"
/// port = 587
/// username = "feedback"      # optional
/// password = "…"             # optional
/// tls = "starttls"           # "none" | "starttls" (default) | "tls"
///
/// kind = "ses"
/// configuration_set = "feedback"  # optional
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum NotifierConfig {
    Outbox {
        dir: PathBuf,
    },
    Smtp(SmtpSettings),
    Ses {
        #[serde(default)]
        configuration_set: Option<String>,
    },
}

/// Why a notifier could not be built from its configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("notifier configuration: {0}")]
pub struct BuildError(pub String);

/// The notifier `config` names: the only place a notifier is built. SES loads the AWS settings of the environment. Only an
/// SMTP configuration whose TLS settings cannot be built fails.
pub async fn build(config: &NotifierConfig) -> Result<Arc<dyn Notifier>, BuildError> {
    Ok(match config {
        NotifierConfig::Outbox { dir } => Arc::new(OutboxFolder::new(dir.clone())),
        NotifierConfig::Smtp(settings) => {
            Arc::new(SmtpNotifier::new(settings).map_err(|e| BuildError(e.to_string()))?)
        }
        NotifierConfig::Ses { configuration_set } => {
            Arc::new(SesNotifier::from_env(configuration_set.clone()).await)
        }
    })
}
