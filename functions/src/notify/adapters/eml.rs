//! The local default: an outbox folder of `.eml` files, one per email, that any mail
//! program can open. Also the MIME builder every adapter that sends a whole message
//! (this one, SMTP and SES) shares, so they all put the same bytes on the wire.

use crate::notify::{Notifier, NotifyError};
use crate::outbox::Email;
use async_trait::async_trait;
use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The domain of every `Message-ID` this service makes.
pub const MESSAGE_ID_DOMAIN: &str = "council-feedback.local";

/// The header that carries the email's own id, `X-Feedback-Email-Id: {id}`. SES replaces
/// the `Message-ID` with one of its own, different on every send, but keeps this header:
/// it is what a receiving system can recognise a resent email (after a lost lease) by,
/// whichever adapter sent it.
pub const EMAIL_ID_HEADER: &str = "X-Feedback-Email-Id";

/// The `Message-ID` of an email: `<{id}@council-feedback.local>`, stable across retries
/// (except through SES, which replaces it: see [`EMAIL_ID_HEADER`]).
pub fn message_id(email: &Email) -> String {
    format!("<{}@{MESSAGE_ID_DOMAIN}>", email.id)
}

/// The whole RFC 5322 message: `multipart/alternative` with a text and an HTML part (each
/// UTF-8, quoted-printable or base64 as is shorter), headers From, To, Subject (RFC 2047
/// encoded when not ASCII), Date, Message-ID, [`EMAIL_ID_HEADER`], Content-Language and
/// MIME-Version.
///
/// A malformed address or an id that cannot sit in a `Message-ID` is
/// [`NotifyError::Permanent`]: no retry will mend it. The errors never quote an address.
pub fn mime_message(email: &Email) -> Result<Message, NotifyError> {
    if !valid_id(&email.id) {
        return Err(NotifyError::Permanent(
            "the email id cannot be used in a Message-ID or header".to_owned(),
        ));
    }
    let from: Mailbox = email
        .from
        .parse()
        .map_err(|e| NotifyError::Permanent(format!("invalid From address: {e}")))?;
    if email.to.is_empty() {
        return Err(NotifyError::Permanent("no recipients".to_owned()));
    }
    let mut builder = Message::builder()
        .from(from)
        .subject(email.subject.as_str())
        .message_id(Some(message_id(email)))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str(EMAIL_ID_HEADER),
            email.id.clone(),
        ))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            email.language.tag().to_owned(),
        ));
    for (n, to) in email.to.iter().enumerate() {
        let to: Mailbox = to.parse().map_err(|e| {
            NotifyError::Permanent(format!("invalid To address (number {}): {e}", n + 1))
        })?;
        builder = builder.to(to);
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| NotifyError::Permanent(format!("cannot build the message: {e}")))
}

/// An id fit for the left of a `Message-ID`: printable ASCII without the characters that
/// would end or break the `<…@…>` form.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'@' | b'"' | b'\\'))
}

/// Writes each email to `{dir}/{sanitised id}.eml`. Sending the same id again replaces
/// the file, so a retried delivery leaves one file, not two.
#[derive(Debug, Clone)]
pub struct OutboxFolder {
    dir: PathBuf,
}

impl OutboxFolder {
    /// The folder is created on the first send if it is missing.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the email with this id is (or would be) written.
    pub fn path_for(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{}.eml", file_stem(id)))
    }
}

#[async_trait]
impl Notifier for OutboxFolder {
    async fn send(&self, email: &Email) -> Result<(), NotifyError> {
        let bytes = mime_message(email)?.formatted();
        let path = self.path_for(&email.id);
        write_atomically(&self.dir, &path, &bytes)
            .await
            .map_err(|e| {
                NotifyError::Temporary(format!(
                    "cannot write to the outbox folder {}: {e}",
                    self.dir.display()
                ))
            })?;
        tracing::debug!(email_id = %email.id, "email written to the outbox folder");
        Ok(())
    }

    fn keeps_copies(&self) -> bool {
        true
    }

    async fn forget(&self, id: &str) -> Result<(), NotifyError> {
        match tokio::fs::remove_file(self.path_for(id)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(NotifyError::Temporary(format!(
                    "cannot remove from the outbox folder {}: {e}",
                    self.dir.display()
                )))
            }
            _ => Ok(()),
        }
    }
}

/// Creates `dir` (and its parents) when absent, and makes it the owner's alone (0700).
async fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut builder = tokio::fs::DirBuilder::new();
        builder.recursive(true).mode(0o700);
        builder.create(dir).await?;
        let mode = tokio::fs::metadata(dir).await?.permissions().mode() & 0o777;
        if mode != 0o700 {
            tokio::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).await?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        tokio::fs::create_dir_all(dir).await
    }
}

/// Writes a hidden temporary file beside `path`, flushes it, then renames it over `path`,
/// so a reader of the folder sees the whole message or none of it.
async fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;

    static TEMP_FILES: AtomicU64 = AtomicU64::new(0);
    create_private_dir(dir).await?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("message.eml");
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        TEMP_FILES.fetch_add(1, Ordering::Relaxed)
    ));
    let written = async {
        let mut options = tokio::fs::OpenOptions::new();
        options.write(true).create_new(true);
        // A message holds personal data: the owner alone reads it, whatever the umask.
        #[cfg(unix)]
        options.mode(0o600);
        let mut file = options.open(&temp).await?;
        file.write_all(bytes).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&temp, path).await
    }
    .await;
    if written.is_err() {
        let _ = tokio::fs::remove_file(&temp).await;
    }
    written
}

/// The id made safe for a file name: ASCII letters, digits, `-` and `_` (and `.` after the
/// first character) kept, anything else `_`, at most 100 characters. When that changed
/// the id, a short hash of the real id is appended so two ids never share a file.
pub fn file_stem(id: &str) -> String {
    const MAX: usize = 100;
    let mut stem: String = id
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || (c == '.' && i > 0) {
                c
            } else {
                '_'
            }
        })
        .take(MAX)
        .collect();
    if stem.is_empty() || stem != id {
        let hash = Sha256::digest(id.as_bytes());
        stem.push('-');
        stem.push_str(&hex::encode(&hash[..6]));
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_name_the_file_as_they_are() {
        assert_eq!(
            file_stem("DEMO-2026-000001.ack_1"),
            "DEMO-2026-000001.ack_1"
        );
    }

    #[test]
    fn unsafe_ids_are_replaced_and_kept_apart() {
        let a = file_stem("../etc/passwd");
        let b = file_stem("__etc_passwd");
        assert!(!a.contains('/') && !a.starts_with('.'), "{a}");
        assert_ne!(a, b);
        assert_ne!(file_stem("a/b"), file_stem("a_b"));
        assert!(file_stem(&"x".repeat(500)).len() < 120);
        assert!(!file_stem("").is_empty());
    }

    #[test]
    fn ids_that_would_break_the_message_id_are_refused() {
        assert!(valid_id("DEMO-2026-000001-ack"));
        for bad in ["", "a b", "a>b", "a@b", "ŵ"] {
            assert!(!valid_id(bad), "{bad:?}");
        }
    }
}
