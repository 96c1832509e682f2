//! Sending through Amazon SES (API v2), in AWS.
//!
//! The message goes as raw MIME built by [`mime_message`], so it is the same message the
//! outbox folder and SMTP adapters produce. SES takes the envelope from its From and To
//! headers. SES replaces the `Message-ID` and `Date` headers with its own, so a resent
//! email has a new `Message-ID`; the [`EMAIL_ID_HEADER`](super::eml::EMAIL_ID_HEADER)
//! header it keeps is what marks a resend as the same email.

use super::eml::mime_message;
use crate::notify::{Notifier, NotifyError};
use crate::outbox::Email;
use async_trait::async_trait;
use aws_sdk_sesv2::config::http::HttpResponse;
use aws_sdk_sesv2::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sesv2::operation::send_email::SendEmailError;
use aws_sdk_sesv2::primitives::Blob;
use aws_sdk_sesv2::types::{EmailContent, RawMessage};
use std::time::Duration;

/// One HTTP attempt may take this long; the SDK retries throttling and 5xx replies within
/// [`OPERATION_TIMEOUT`] before the send fails as [`NotifyError::Temporary`].
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends each email with SESv2 `SendEmail`, optionally through a configuration set (for
/// bounce and complaint events).
#[derive(Debug, Clone)]
pub struct SesNotifier {
    client: aws_sdk_sesv2::Client,
    configuration_set: Option<String>,
}

impl SesNotifier {
    pub fn new(client: aws_sdk_sesv2::Client, configuration_set: Option<String>) -> Self {
        Self {
            client,
            configuration_set,
        }
    }

    /// A client from the environment's AWS settings (region, credentials: the Lambda's
    /// role in AWS), with [`ATTEMPT_TIMEOUT`] and [`OPERATION_TIMEOUT`].
    pub async fn from_env(configuration_set: Option<String>) -> Self {
        let shared = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
        let config = aws_sdk_sesv2::config::Builder::from(&shared)
            .timeout_config(
                aws_sdk_sesv2::config::timeout::TimeoutConfig::builder()
                    .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                    .operation_timeout(OPERATION_TIMEOUT)
                    .build(),
            )
            .build();
        Self::new(aws_sdk_sesv2::Client::from_conf(config), configuration_set)
    }
}

#[async_trait]
impl Notifier for SesNotifier {
    async fn send(&self, email: &Email) -> Result<(), NotifyError> {
        let raw = mime_message(email)?.formatted();
        let raw = RawMessage::builder()
            .data(Blob::new(raw))
            .build()
            .map_err(|e| NotifyError::Permanent(format!("cannot build the SES message: {e}")))?;
        let result = self
            .client
            .send_email()
            .content(EmailContent::builder().raw(raw).build())
            .set_configuration_set_name(self.configuration_set.clone())
            .send()
            .await;
        match result {
            Ok(out) => {
                tracing::debug!(
                    email_id = %email.id,
                    ses_message_id = out.message_id().unwrap_or_default(),
                    "email sent through SES"
                );
                Ok(())
            }
            Err(e) => {
                let error = classify(&e);
                tracing::warn!(email_id = %email.id, error = %error, "SES send failed");
                Err(error)
            }
        }
    }
}

/// Throttling, quotas, a paused or suspended account, 5xx replies, timeouts and network
/// failures are [`NotifyError::Temporary`] (the message itself is fine); a rejected
/// message, an unverified sender or MAIL FROM domain, and other bad requests are
/// [`NotifyError::Permanent`].
///
/// Only the error's code goes into the result, never its message: SES quotes addresses
/// in messages ("Email address is not verified … x@y").
fn classify(e: &SdkError<SendEmailError, HttpResponse>) -> NotifyError {
    let service = match e {
        SdkError::ServiceError(service) => service,
        SdkError::TimeoutError(_) => {
            return NotifyError::Temporary("SES request timed out".to_owned());
        }
        SdkError::DispatchFailure(_) => {
            return NotifyError::Temporary("SES could not be reached".to_owned());
        }
        SdkError::ResponseError(_) => {
            return NotifyError::Temporary("SES reply could not be read".to_owned());
        }
        SdkError::ConstructionFailure(_) => {
            return NotifyError::Permanent("SES request could not be built".to_owned());
        }
        _ => return NotifyError::Temporary("SES request failed".to_owned()),
    };
    let status = service.raw().status().as_u16();
    let err = service.err();
    let code = err.code().unwrap_or("unknown").to_owned();
    let text = format!("SES replied {status} {code}");
    let temporary = match err {
        SendEmailError::TooManyRequestsException(_)
        | SendEmailError::LimitExceededException(_)
        | SendEmailError::SendingPausedException(_)
        | SendEmailError::AccountSuspendedException(_) => true,
        SendEmailError::MessageRejected(_)
        | SendEmailError::MailFromDomainNotVerifiedException(_)
        | SendEmailError::BadRequestException(_)
        | SendEmailError::NotFoundException(_) => false,
        // Not in the model: throttling, server faults and credentials that need fixing
        // (the message is fine) are worth retrying; any other client error is not.
        _ => {
            status >= 500
                || status == 429
                || matches!(
                    code.as_str(),
                    "Throttling"
                        | "ThrottlingException"
                        | "RequestTimeout"
                        | "ServiceUnavailable"
                        | "InternalFailure"
                        | "ExpiredToken"
                        | "ExpiredTokenException"
                        | "UnrecognizedClientException"
                        | "InvalidClientTokenId"
                        | "InvalidSignatureException"
                        | "SignatureDoesNotMatch"
                        | "AccessDeniedException"
                )
        }
    };
    if temporary {
        NotifyError::Temporary(text)
    } else {
        NotifyError::Permanent(text)
    }
}
