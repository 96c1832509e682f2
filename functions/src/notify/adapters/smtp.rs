//! Sending over SMTP, where a council runs (or rents) a mail relay.

use super::eml::mime_message;
use crate::notify::{Notifier, NotifyError};
use crate::outbox::Email;
use async_trait::async_trait;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::Deserialize;
use std::fmt;
use std::time::Duration;

/// How long one SMTP connection or command may take before the send fails as
/// [`NotifyError::Temporary`].
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How the connection to the relay is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain text throughout: only for a relay on the same machine or a test server.
    None,
    /// Plain text upgraded with `STARTTLS` before anything is sent; refused if the server
    /// cannot (usually port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (SMTPS, usually port 465).
    Tls,
}

/// Where the relay is and how to log in to it.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub tls: SmtpTls,
}

/// The password is never printed.
impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("tls", &self.tls)
            .finish()
    }
}

/// Sends each email as one SMTP transaction, the envelope taken from its From and To.
#[derive(Clone)]
pub struct SmtpNotifier {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl fmt::Debug for SmtpNotifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpNotifier").finish_non_exhaustive()
    }
}

impl SmtpNotifier {
    /// Fails only when the TLS settings cannot be built for `host`. Nothing connects
    /// until the first send.
    pub fn new(settings: &SmtpSettings) -> Result<Self, NotifyError> {
        let tls = match settings.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::StartTls => Tls::Required(tls_parameters(&settings.host)?),
            SmtpTls::Tls => Tls::Wrapper(tls_parameters(&settings.host)?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            .port(settings.port)
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if let Some(username) = &settings.username {
            builder = builder.credentials(Credentials::new(
                username.clone(),
                settings.password.clone().unwrap_or_default(),
            ));
        }
        Ok(Self {
            transport: builder.build(),
        })
    }
}

fn tls_parameters(host: &str) -> Result<TlsParameters, NotifyError> {
    TlsParameters::new(host.to_owned())
        .map_err(|e| NotifyError::Permanent(format!("SMTP TLS settings for {host}: {e}")))
}

#[async_trait]
impl Notifier for SmtpNotifier {
    async fn send(&self, email: &Email) -> Result<(), NotifyError> {
        let message = mime_message(email)?;
        match self.transport.send(message).await {
            Ok(_) => {
                tracing::debug!(email_id = %email.id, "email sent over SMTP");
                Ok(())
            }
            Err(e) => {
                let error = classify(&e);
                tracing::warn!(email_id = %email.id, error = %error, "SMTP send failed");
                Err(error)
            }
        }
    }
}

/// A 5xx reply is [`NotifyError::Permanent`]; a 4xx reply, a refused or dropped
/// connection, a timeout, a TLS failure or a garbled reply is [`NotifyError::Temporary`].
///
/// A reply's text is left out: servers quote addresses in it (`550 <x@y>: unknown user`),
/// and these errors end up in logs.
fn classify(e: &lettre::transport::smtp::Error) -> NotifyError {
    if let Some(code) = e.status() {
        let text = format!("SMTP server replied {code}");
        return if e.is_permanent() {
            NotifyError::Permanent(text)
        } else {
            NotifyError::Temporary(text)
        };
    }
    if e.is_response() {
        // The cause may quote the unreadable reply.
        return NotifyError::Temporary("SMTP reply could not be read".to_owned());
    }
    let what = if e.is_timeout() {
        "SMTP timed out"
    } else if e.is_tls() {
        "SMTP TLS failed"
    } else if e.is_client() {
        "SMTP client error"
    } else {
        "SMTP connection failed"
    };
    NotifyError::Temporary(format!("{what}: {e}"))
}
