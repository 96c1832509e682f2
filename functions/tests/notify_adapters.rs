//! The delivery adapters against the real thing, or as near as runs here: the outbox
//! folder's `.eml` files read back by a MIME parser, SMTP against a real `aiosmtpd`
//! server on loopback, and SES against moto.

mod support;

use feedback_functions::notify::adapters::eml::EMAIL_ID_HEADER;
use feedback_functions::notify::adapters::{
    self, NotifierConfig, OutboxFolder, SesNotifier, SmtpNotifier, SmtpSettings, SmtpTls,
};
use feedback_functions::notify::{Notifier, NotifyError};
use feedback_functions::outbox::Email;
use feedback_shared::Language;
use mailparse::{MailHeaderMap, ParsedMail};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use support::smtp_server::{SmtpServer, free_port};

const SUBJECT: &str = "Cydnabod eich cwyn – DEMO-2026-000001";
const TEXT: &str =
    "Annwyl Siân,\n\nDiolch am eich cwyn am yr ŵyl a'r tŷ.\nCyfeirnod: DEMO-2026-000001\n";
const HTML: &str = "<p>Annwyl Siân,</p><p>Diolch am eich cwyn am yr ŵyl a'r tŷ.</p>";

fn welsh_email(id: &str, from: &str) -> Email {
    Email {
        id: id.to_owned(),
        from: from.to_owned(),
        to: vec!["Siân Ŵyn <sian@example.com>".to_owned()],
        subject: SUBJECT.to_owned(),
        text: TEXT.to_owned(),
        html: HTML.to_owned(),
        language: Language::Cy,
    }
}

const FROM: &str = "Cyngor Demo <cwynion@demo.example.gov.uk>";

/// The headers and both parts of a message built from [`welsh_email`].
fn assert_welsh_message(raw: &[u8], id: &str) {
    let mail = mailparse::parse_mail(raw).expect("a parseable message");
    let header = |name: &str| {
        mail.headers
            .get_first_value(name)
            .unwrap_or_else(|| panic!("no {name} header"))
    };
    assert_eq!(header("Subject"), SUBJECT);
    assert_mailbox(&mail, "From", "Cyngor Demo", "cwynion@demo.example.gov.uk");
    assert_mailbox(&mail, "To", "Siân Ŵyn", "sian@example.com");
    assert_eq!(
        header("Message-ID"),
        format!("<{id}@council-feedback.local>")
    );
    assert_eq!(header(EMAIL_ID_HEADER), id);
    assert_eq!(header("Content-Language"), "cy");
    assert_eq!(header("MIME-Version"), "1.0");
    mailparse::dateparse(&header("Date")).expect("a valid Date");
    // Non-ASCII text never goes on the wire raw: headers are RFC 2047 encoded.
    // (A maildir stores lines ending in LF alone, hence the CRs dropped here.)
    let lf: Vec<u8> = raw.iter().copied().filter(|&b| b != b'\r').collect();
    let head = &lf[..lf
        .windows(2)
        .position(|w| w == b"\n\n")
        .expect("a header block")];
    assert!(head.is_ascii(), "the header block is not ASCII");

    assert_eq!(mail.ctype.mimetype, "multipart/alternative");
    assert_eq!(mail.subparts.len(), 2);
    let part = |mimetype: &str| -> &ParsedMail {
        mail.subparts
            .iter()
            .find(|p| p.ctype.mimetype == mimetype)
            .unwrap_or_else(|| panic!("no {mimetype} part"))
    };
    let text = part("text/plain");
    let html = part("text/html");
    for p in [text, html] {
        assert_eq!(p.ctype.charset.to_ascii_lowercase(), "utf-8");
        let encoding = p
            .headers
            .get_first_value("Content-Transfer-Encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(
            encoding == "quoted-printable" || encoding == "base64",
            "unexpected transfer encoding {encoding:?}"
        );
    }
    assert_eq!(normalise(&text.get_body().unwrap()), normalise(TEXT));
    assert_eq!(normalise(&html.get_body().unwrap()), normalise(HTML));
    assert!(text.get_body().unwrap().contains("ŵyl a'r tŷ"));
}

/// The header holds one mailbox with this display name and address.
fn assert_mailbox(mail: &ParsedMail, name: &str, display_name: &str, addr: &str) {
    let header = mail
        .headers
        .get_first_header(name)
        .unwrap_or_else(|| panic!("no {name} header"));
    let parsed = mailparse::addrparse_header(header).expect("a parseable address list");
    match &parsed[..] {
        [mailparse::MailAddr::Single(info)] => {
            assert_eq!(info.display_name.as_deref(), Some(display_name), "{name}");
            assert_eq!(info.addr, addr, "{name}");
        }
        other => panic!("unexpected {name}: {other:?}"),
    }
}

/// Line ends as `\n`, and no trailing newline: transports may add or convert either.
fn normalise(s: &str) -> String {
    s.replace("\r\n", "\n").trim_end().to_owned()
}

fn eml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------
// The outbox folder

#[tokio::test]
async fn outbox_folder_writes_one_eml_file_that_a_mail_parser_reads_back() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("outbox"); // missing: created on the first send
    let outbox = OutboxFolder::new(&dir);
    let email = welsh_email("DEMO-2026-000001-ack", FROM);

    outbox.send(&email).await.unwrap();

    let files = eml_files(&dir);
    assert_eq!(files, vec![dir.join("DEMO-2026-000001-ack.eml")]);
    let raw = std::fs::read(&files[0]).unwrap();
    assert_welsh_message(&raw, &email.id);
}

#[tokio::test]
async fn outbox_folder_replaces_the_file_when_the_same_id_is_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = OutboxFolder::new(dir.path());
    let mut email = welsh_email("DEMO-2026-000002-ack", FROM);
    outbox.send(&email).await.unwrap();
    email.text = "Ail gynnig: ŷ".to_owned();
    outbox.send(&email).await.unwrap();
    outbox
        .send(&welsh_email("DEMO-2026-000003-ack", FROM))
        .await
        .unwrap();

    let files = eml_files(dir.path());
    assert_eq!(
        files,
        vec![
            dir.path().join("DEMO-2026-000002-ack.eml"),
            dir.path().join("DEMO-2026-000003-ack.eml"),
        ],
        "one file per id and no temporary files left behind"
    );
    let mail = mailparse::parse_mail(&std::fs::read(&files[0]).unwrap())
        .unwrap()
        .subparts[0]
        .get_body()
        .unwrap();
    assert_eq!(normalise(&mail), "Ail gynnig: ŷ");
}

#[tokio::test]
async fn outbox_folder_keeps_unsafe_ids_inside_the_folder() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("outbox");
    let outbox = OutboxFolder::new(&dir);
    outbox
        .send(&welsh_email("../../escape", FROM))
        .await
        .unwrap();
    let files = eml_files(&dir);
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_str().unwrap();
    assert!(name.ends_with(".eml") && !name.starts_with('.'), "{name}");
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
}

#[tokio::test]
async fn malformed_addresses_are_permanent_failures_that_quote_no_address() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = OutboxFolder::new(dir.path());
    let mut email = welsh_email("DEMO-2026-000004-ack", FROM);
    email.to = vec!["not an address at all".to_owned()];
    match outbox.send(&email).await {
        Err(NotifyError::Permanent(message)) => {
            assert!(!message.contains("not an address"), "{message}")
        }
        other => panic!("expected a permanent failure, got {other:?}"),
    }
    email.to = vec![];
    assert!(matches!(
        outbox.send(&email).await,
        Err(NotifyError::Permanent(_))
    ));
    assert!(eml_files(dir.path()).is_empty());
}

// ---------------------------------------------------------------------------------------
// SMTP

fn plain_smtp(port: u16) -> SmtpNotifier {
    SmtpNotifier::new(&SmtpSettings {
        host: "127.0.0.1".to_owned(),
        port,
        username: None,
        password: None,
        tls: SmtpTls::None,
    })
    .unwrap()
}

#[tokio::test]
async fn smtp_delivers_the_message_to_a_real_server() {
    let server = SmtpServer::start();
    let smtp = plain_smtp(server.port());
    let email = welsh_email("DEMO-2026-000005-ack", FROM);

    smtp.send(&email).await.unwrap();

    let messages = server.wait_for_messages(1);
    assert_eq!(messages.len(), 1);
    let raw = &messages[0];
    assert_welsh_message(raw, &email.id);
    let mail = mailparse::parse_mail(raw).unwrap();
    // aiosmtpd records the envelope it was given.
    assert_eq!(
        mail.headers.get_first_value("X-MailFrom").as_deref(),
        Some("cwynion@demo.example.gov.uk")
    );
    assert_eq!(
        mail.headers.get_first_value("X-RcptTo").as_deref(),
        Some("sian@example.com")
    );
}

/// The values of `name` in each message, in the order they came.
fn header_values(messages: &[Vec<u8>], name: &str) -> Vec<Option<String>> {
    messages
        .iter()
        .map(|raw| {
            mailparse::parse_mail(raw)
                .unwrap()
                .headers
                .get_first_value(name)
        })
        .collect()
}

#[tokio::test]
async fn smtp_resends_carry_the_same_email_id_header() {
    let server = SmtpServer::start();
    let smtp = plain_smtp(server.port());
    let email = welsh_email("DEMO-2026-000010-ack", FROM);

    // As after a lost lease: the same email, sent again by another sender.
    smtp.send(&email).await.unwrap();
    smtp.send(&email).await.unwrap();

    let messages = server.wait_for_messages(2);
    assert_eq!(
        header_values(&messages, EMAIL_ID_HEADER),
        [Some(email.id.clone()), Some(email.id.clone())]
    );
}

#[tokio::test]
async fn smtp_with_nothing_listening_is_a_temporary_failure() {
    let smtp = plain_smtp(free_port());
    match smtp.send(&welsh_email("DEMO-2026-000006-ack", FROM)).await {
        Err(NotifyError::Temporary(_)) => {}
        other => panic!("expected a temporary failure, got {other:?}"),
    }
}

/// A scripted SMTP server that accepts the greeting, EHLO and MAIL FROM and answers
/// RCPT TO with `reply`, on its own thread. Returns its port.
fn refusing_smtp_server(reply: &'static str) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let _ = stream.write_all(b"220 test ESMTP\r\n");
        let mut buffer = Vec::new();
        let mut chunk = [0u8; 1024];
        loop {
            let Ok(n) = stream.read(&mut chunk) else {
                return;
            };
            if n == 0 {
                return;
            }
            buffer.extend_from_slice(&chunk[..n]);
            while let Some(end) = buffer.windows(2).position(|w| w == b"\r\n") {
                let line: Vec<u8> = buffer.drain(..end + 2).collect();
                let line = String::from_utf8_lossy(&line).to_ascii_uppercase();
                let answer = if line.starts_with("EHLO") || line.starts_with("HELO") {
                    "250 test\r\n".to_owned()
                } else if line.starts_with("MAIL") || line.starts_with("RSET") {
                    "250 OK\r\n".to_owned()
                } else if line.starts_with("RCPT") {
                    format!("{reply}\r\n")
                } else if line.starts_with("QUIT") {
                    let _ = stream.write_all(b"221 bye\r\n");
                    return;
                } else {
                    "500 what\r\n".to_owned()
                };
                if stream.write_all(answer.as_bytes()).is_err() {
                    return;
                }
            }
        }
    });
    port
}

#[tokio::test]
async fn smtp_5xx_replies_are_permanent_and_4xx_temporary_and_neither_quotes_the_reply() {
    let email = welsh_email("DEMO-2026-000007-ack", FROM);

    let port = refusing_smtp_server("550 5.1.1 <sian@example.com>: no such user");
    match plain_smtp(port).send(&email).await {
        Err(NotifyError::Permanent(message)) => {
            assert!(message.contains("550"), "{message}");
            assert!(!message.contains("sian@"), "{message}");
        }
        other => panic!("expected a permanent failure, got {other:?}"),
    }

    let port = refusing_smtp_server("451 4.3.0 <sian@example.com>: try again later");
    match plain_smtp(port).send(&email).await {
        Err(NotifyError::Temporary(message)) => {
            assert!(message.contains("451"), "{message}");
            assert!(!message.contains("sian@"), "{message}");
        }
        other => panic!("expected a temporary failure, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// SES (moto)

async fn ses_client() -> aws_sdk_sesv2::Client {
    let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_sdk_sesv2::config::Region::new("eu-west-2"))
        .credentials_provider(aws_sdk_sesv2::config::Credentials::new(
            "test", "test", None, None, "test",
        ))
        .endpoint_url(support::moto::endpoint())
        .load()
        .await;
    aws_sdk_sesv2::Client::new(&config)
}

/// A sender domain no other test (nor test process, on a shared moto) uses.
fn unique_domain(label: &str) -> String {
    format!("{label}-{}.example.gov.uk", std::process::id())
}

/// Every message moto's SES has accepted, from its model introspection endpoint
/// `GET /moto-api/data.json`: `ses` → `RawMessage` → `[{id, source, destinations,
/// raw_data}]`.
fn moto_sent_messages() -> Vec<serde_json::Value> {
    let endpoint = support::moto::endpoint();
    let address = endpoint
        .strip_prefix("http://")
        .expect("moto's endpoint is plain http")
        .trim_end_matches('/');
    let mut stream = TcpStream::connect(address).expect("connect to moto");
    write!(
        stream,
        "GET /moto-api/data.json HTTP/1.0\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP response");
    let status = String::from_utf8_lossy(&response[..split]);
    assert!(
        status.starts_with("HTTP/1.") && status.contains(" 200 "),
        "{status}"
    );
    let data: serde_json::Value =
        serde_json::from_slice(&response[split + 4..]).expect("moto's data.json is JSON");
    data["ses"]["RawMessage"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn ses_sends_the_raw_message_from_a_verified_sender() {
    let client = ses_client().await;
    let domain = unique_domain("ses-verified");
    client
        .create_email_identity()
        .email_identity(&domain)
        .send()
        .await
        .expect("moto verifies the sender's domain");
    let from = format!("Cyngor Demo <cwynion@{domain}>");
    let id = format!("DEMO-2026-000008-ack-{}", std::process::id());
    let mut email = welsh_email(&id, &from);
    email.to = vec!["sian@example.com".to_owned()];

    SesNotifier::new(client, None).send(&email).await.unwrap();

    let sent = moto_sent_with_email_id(&id);
    assert_eq!(sent.len(), 1, "exactly one message with this email id");
    let sent = &sent[0];
    assert_eq!(sent["source"], format!("cwynion@{domain}"));
    assert_eq!(
        sent["destinations"],
        serde_json::json!(["sian@example.com"])
    );
    let raw = sent["raw_data"].as_str().unwrap();
    let mail = mailparse::parse_mail(raw.as_bytes()).unwrap();
    assert_eq!(mail.headers.get_first_value("Subject").unwrap(), SUBJECT);
    assert_eq!(
        mail.headers.get_first_value("Content-Language").as_deref(),
        Some("cy")
    );
    let text = mail
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .expect("a text part")
        .get_body()
        .unwrap();
    assert_eq!(normalise(&text), normalise(TEXT));
}

/// The messages moto's SES accepted whose `X-Feedback-Email-Id` header is `id`: the
/// header SES keeps while it replaces the `Message-ID`.
fn moto_sent_with_email_id(id: &str) -> Vec<serde_json::Value> {
    moto_sent_messages()
        .into_iter()
        .filter(|m| {
            let raw = m["raw_data"].as_str().unwrap_or_default();
            mailparse::parse_mail(raw.as_bytes())
                .ok()
                .and_then(|mail| mail.headers.get_first_value(EMAIL_ID_HEADER))
                .is_some_and(|value| value == id)
        })
        .collect()
}

#[tokio::test]
async fn ses_resends_carry_the_same_email_id_header() {
    let client = ses_client().await;
    let domain = unique_domain("ses-resend");
    client
        .create_email_identity()
        .email_identity(&domain)
        .send()
        .await
        .expect("moto verifies the sender's domain");
    let id = format!("DEMO-2026-000011-ack-{}", std::process::id());
    let mut email = welsh_email(&id, &format!("cwynion@{domain}"));
    email.to = vec!["sian@example.com".to_owned()];
    let ses = SesNotifier::new(client, None);

    // As after a lost lease: the same email, sent again.
    ses.send(&email).await.unwrap();
    ses.send(&email).await.unwrap();

    let sent = moto_sent_with_email_id(&id);
    assert_eq!(sent.len(), 2, "both sends, each with the email's id");
    for message in &sent {
        let raw = message["raw_data"].as_str().unwrap();
        let mail = mailparse::parse_mail(raw.as_bytes()).unwrap();
        assert_eq!(
            mail.headers.get_all_values(EMAIL_ID_HEADER),
            vec![id.clone()],
            "one header, the email's id"
        );
    }
}

#[tokio::test]
async fn ses_refuses_an_unverified_sender_permanently() {
    let client = ses_client().await;
    let domain = unique_domain("ses-unverified");
    let email = welsh_email("DEMO-2026-000009-ack", &format!("cwynion@{domain}"));
    match SesNotifier::new(client, None).send(&email).await {
        Err(NotifyError::Permanent(message)) => {
            assert!(message.contains("MessageRejected"), "{message}");
            assert!(!message.contains(&domain), "{message}");
        }
        other => panic!("expected a permanent failure, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Configuration

#[tokio::test]
async fn configuration_picks_the_adapter() {
    let outbox: NotifierConfig =
        toml::from_str("kind = \"outbox\"\ndir = \"target/outbox\"").unwrap();
    assert_eq!(
        outbox,
        NotifierConfig::Outbox {
            dir: "target/outbox".into()
        }
    );
    let smtp: NotifierConfig = toml::from_str(
        "kind = \"smtp\"\nhost = \"smtp.example.gov.uk\"\nport = 587\nusername = \"u\"\npassword = \"secret\"",
    )
    .unwrap();
    let NotifierConfig::Smtp(settings) = &smtp else {
        panic!("{smtp:?}")
    };
    assert_eq!(settings.tls, SmtpTls::StartTls);
    assert!(!format!("{smtp:?}").contains("secret"));
    let tls: NotifierConfig =
        toml::from_str("kind = \"smtp\"\nhost = \"h\"\nport = 465\ntls = \"tls\"").unwrap();
    assert!(matches!(
        tls,
        NotifierConfig::Smtp(SmtpSettings {
            tls: SmtpTls::Tls,
            ..
        })
    ));
    let ses: NotifierConfig = toml::from_str("kind = \"ses\"").unwrap();
    assert_eq!(
        ses,
        NotifierConfig::Ses {
            configuration_set: None
        }
    );
    assert!(toml::from_str::<NotifierConfig>("kind = \"carrier-pigeon\"").is_err());

    // Building connects to nothing.
    adapters::build(&outbox).await.unwrap();
    adapters::build(&smtp).await.unwrap();
    adapters::build(&tls).await.unwrap();
}

#[cfg(unix)]
#[tokio::test]
async fn outbox_files_are_the_owners_alone_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let root = tempfile::tempdir().unwrap();
    // A folder others could read, as a loose umask or a hand-made folder leaves it.
    let loose = root.path().join("loose");
    std::fs::create_dir(&loose).unwrap();
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o777)).unwrap();
    let fresh = root.path().join("new/outbox");
    for dir in [&loose, &fresh] {
        OutboxFolder::new(dir)
            .send(&welsh_email("DEMO-2026-000009-ack", FROM))
            .await
            .unwrap();
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
        let files = eml_files(dir);
        assert_eq!(files.len(), 1);
        assert_eq!(mode(&files[0]), 0o600);
    }
}
