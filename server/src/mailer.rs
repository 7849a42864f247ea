//! The mailer: one worker inside the server that sends the outbox over SMTP (lettre), in order,
//! at most `MAIL_RATE` messages a second.
//!
//! Each message is claimed (`sending`) in a write transaction before the mail server sees it
//! and marked sent as soon as the server takes it, so no two workers send it and a restart
//! sends what was left. One window stays, as with every SMTP client: a server killed after the
//! mail server said yes and before the mark is written sends that one message again, with the
//! same `Message-ID`, which mail programs use to drop the copy.
//!
//! A temporary failure (a 4xx answer, no connection, a timeout, refused credentials) is tried
//! again after growing delays; a permanent refusal (5xx) is not, its reason is kept, and a
//! refused mailbox is recorded as bouncing, so bulk mail skips it.

use crate::config::MailSettings;
use anyhow::{Context, bail};
use app::i18n::Lang;
use app::newsletter::{Letter, Writer};
use app::outbox::store::{self, Claimed};
use lettre::message::dkim::{DkimConfig, DkimSigningAlgorithm, DkimSigningKey};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Messages claimed at a time.
const BATCH: u32 = 20;
/// How long an idle mailer waits before it looks at the outbox again.
const IDLE: Duration = Duration::from_secs(1);
/// How long a mail server may take to answer one step.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// An SMTP connection (pooled) and what every message carries.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    dkim: Option<Arc<DkimConfig>>,
    pause: Duration,
    retry_after: Duration,
    tries: u32,
}

/// Why a message was not sent.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// Try again later.
    Temporary(String),
    /// Do not try again; `bounced` when the mail server refused the mailbox itself.
    Permanent { reason: String, bounced: bool },
}

impl Mailer {
    /// The mailer `settings` describe; none without `SMTP_URL`. Every setting is checked here,
    /// so that a wrong one stops the server at start with its reason, not a message later.
    pub fn new(settings: &MailSettings) -> anyhow::Result<Option<Self>> {
        let Some(url) = &settings.smtp_url else {
            return Ok(None);
        };
        let from: Mailbox = settings
            .mail_from
            .as_deref()
            .context("MAIL_FROM is needed with SMTP_URL: the sender of every message, e.g. MAIL_FROM='Ida-Viru Loomeklaster <info@loomeklaster.ee>'")?
            .parse()
            .context("MAIL_FROM is not an address a mail server would take")?;
        if !(settings.mail_rate > 0.0 && settings.mail_rate <= 10_000.0) {
            bail!("MAIL_RATE must be more than 0 and at most 10000 messages a second");
        }
        let retry_after = Duration::try_from(settings.mail_retry_after)
            .ok()
            .filter(|delay| !delay.is_zero() && *delay <= Duration::from_secs(86_400))
            .context("MAIL_RETRY_AFTER must be more than nothing and at most a day")?;
        if !(1..=20).contains(&settings.mail_tries) {
            bail!("MAIL_TRIES must be between 1 and 20");
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&transport_url(url)?)
            .context("SMTP_URL is not an SMTP address (smtp://user:pass@host:587 or smtps://…)")?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let dkim = match &settings.dkim_key_file {
            Some(file) => {
                let pem = std::fs::read_to_string(file)
                    .with_context(|| format!("reading DKIM_KEY_FILE {}", file.display()))?;
                let key =
                    DkimSigningKey::new(&pem, DkimSigningAlgorithm::Rsa).map_err(|error| {
                        anyhow::anyhow!(
                            "DKIM_KEY_FILE {} is not an RSA private key in PKCS#1 PEM: {error:?}",
                            file.display()
                        )
                    })?;
                let domain = from.email.domain().to_owned();
                Some(Arc::new(DkimConfig::default_config(
                    settings.dkim_selector.clone(),
                    domain,
                    key,
                )))
            }
            None => None,
        };
        Ok(Some(Self {
            transport,
            from,
            dkim,
            pause: Duration::from_secs_f64(1.0 / settings.mail_rate),
            retry_after,
            tries: settings.mail_tries,
        }))
    }

    /// `message` as the mail server gets it: plain text and HTML, in the recipient's language,
    /// with a `Message-ID` that stays the same on every try. An edition of the newsletter comes
    /// as its `letter`, written for the subscriber, with the headers that unsubscribe in one
    /// click (RFC 8058). A `Failure` when the recipient is not an address.
    pub fn compose(&self, message: &Claimed, letter: Option<&Letter>) -> Result<Message, Failure> {
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|error| Failure::Permanent {
                reason: format!("not an email address: {error}"),
                bounced: false,
            })?;
        let lang = letter.map_or_else(
            || message.lang.parse().unwrap_or(Lang::DEFAULT),
            |letter| letter.lang,
        );
        let stamp: String = message
            .created_at
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let domain = self.from.email.domain();
        let header = |name: &'static str, value: String| {
            HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
        };
        let subject = letter.map_or(message.subject.as_str(), |letter| &letter.subject);
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject.replace(['\r', '\n'], " "))
            .message_id(Some(format!("<outbox-{}.{stamp}@{domain}>", message.id)))
            .date_now()
            .raw_header(header("Content-Language", lang.code().into()));
        builder = match letter {
            // Every other message the outbox holds is written by the platform, not a person
            // (RFC 3834): auto-responders do not answer it.
            None => builder.raw_header(header("Auto-Submitted", "auto-generated".into())),
            Some(letter) => {
                let builder = builder.raw_header(header(
                    "List-Id",
                    format!("Ida-Viru Loomeklaster <newsletter.{domain}>"),
                ));
                match &letter.unsubscribe {
                    Some(unsubscribe) => builder
                        .raw_header(header("List-Unsubscribe", format!("<{unsubscribe}>")))
                        .raw_header(header(
                            "List-Unsubscribe-Post",
                            "List-Unsubscribe=One-Click".into(),
                        )),
                    None => builder,
                }
            }
        };
        let body = match letter {
            None => body(lang, message),
            Some(letter) => alternatives(letter.text.clone(), letter.html.clone()),
        };
        let mut email = builder
            .multipart(body)
            .map_err(|error| Failure::Permanent {
                reason: format!("the message could not be written: {error}"),
                bounced: false,
            })?;
        if let Some(dkim) = &self.dkim {
            email.sign(dkim);
        }
        Ok(email)
    }

    /// Hands `email` to the mail server.
    pub async fn send(&self, email: &Message) -> Result<(), Failure> {
        self.transport
            .send(email.clone())
            .await
            .map(|_| ())
            .map_err(|error| classify(&error))
    }

    /// How long to wait before try number `tries + 1`, after `tries` failed: the first delay,
    /// four times longer after each further failure.
    fn delay(&self, tries: i64) -> Duration {
        let factor = 4u32.saturating_pow(tries.saturating_sub(1).clamp(0, 10) as u32);
        self.retry_after.saturating_mul(factor)
    }

    /// Sends a short message to `to` and says how it went: for `server send-test-mail`.
    pub async fn send_test(&self, to: &str) -> anyhow::Result<()> {
        let reachable = self.transport.test_connection().await.context(
            "connecting to the SMTP server (check SMTP_URL: host, port, TLS, user and password)",
        )?;
        if !reachable {
            bail!("the SMTP server did not answer as a mail server should (check SMTP_URL)");
        }
        let test = Claimed {
            id: 0,
            recipient: to.to_owned(),
            lang: Lang::DEFAULT.code().to_owned(),
            subject: "Ida-Viru Loomeklaster: test message / проверка / test".to_owned(),
            body: "This message checks the platform's mail settings; nothing else is needed.\n"
                .to_owned(),
            created_at: jiff::Timestamp::now().to_string(),
            attempts: 0,
            calendar: None,
            check_in: None,
            edition_id: None,
            subscriber_id: None,
        };
        let email = self
            .compose(&test, None)
            .map_err(|failure| anyhow::anyhow!("{failure:?}"))?;
        match self.send(&email).await {
            Ok(()) => Ok(()),
            Err(Failure::Temporary(reason)) => bail!("the SMTP server refused for now: {reason}"),
            Err(Failure::Permanent { reason, .. }) => bail!("the SMTP server refused: {reason}"),
        }
    }
}

/// `SMTP_URL` as lettre takes it. lettre reads `smtp://` without `?tls=` as plain text, which
/// would send the password and every message unencrypted over the internet: here it means
/// STARTTLS, required, except on this machine (`localhost`, a loopback address) or when
/// `?tls=none` says so explicitly.
fn transport_url(setting: &str) -> anyhow::Result<String> {
    let invalid = || "SMTP_URL is not an SMTP address (smtp://user:pass@host:587 or smtps://…)";
    let mut url = url::Url::parse(setting).with_context(invalid)?;
    if url.scheme() != "smtp" {
        return Ok(setting.to_owned());
    }
    let tls = url
        .query_pairs()
        .find(|(key, _)| key == "tls")
        .map(|(_, value)| value.into_owned());
    let local = match url.host() {
        // `smtp` is not a scheme the URL standard knows, so an address comes as a name.
        Some(url::Host::Domain(name)) => {
            name == "localhost"
                || name
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|address| address.is_loopback())
        }
        Some(url::Host::Ipv4(address)) => address.is_loopback(),
        Some(url::Host::Ipv6(address)) => address.is_loopback(),
        None => bail!(invalid()),
    };
    match tls.as_deref() {
        None if !local => {
            url.query_pairs_mut().append_pair("tls", "required");
        }
        Some("none") => {
            let others: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(key, _)| key != "tls")
                .map(|(key, value)| (key.into_owned(), value.into_owned()))
                .collect();
            url.set_query(None);
            if !others.is_empty() {
                url.query_pairs_mut().extend_pairs(others);
            }
        }
        _ => {}
    }
    Ok(url.into())
}

/// A 4xx answer, a connection or TLS failure, a timeout, and refused credentials (the
/// settings will be mended, the messages should wait for it) are temporary; other 5xx answers
/// are permanent, and those about the mailbox (550, 551, 553) mean it bounces.
fn classify(error: &lettre::transport::smtp::Error) -> Failure {
    let reason = error.to_string();
    let code = error.status().map(|code| code.to_string());
    let credentials = matches!(code.as_deref(), Some("530" | "534" | "535" | "538"));
    if error.is_permanent() && !credentials {
        let bounced = matches!(code.as_deref(), Some("550" | "551" | "553"));
        Failure::Permanent { reason, bounced }
    } else {
        Failure::Temporary(reason)
    }
}

/// The text and its HTML as alternatives, followed by the event as an `.ics` attachment when
/// the message has one (`text/calendar; method=PUBLISH`, which calendars offer to add) and the
/// check-in QR code as a PNG picture when it has one.
fn body(lang: Lang, message: &Claimed) -> MultiPart {
    let text = alternatives(
        message.body.clone(),
        app::outbox::html::from_text(lang, &message.subject, &message.body),
    );
    let calendar = message.calendar.as_ref().map(|calendar| {
        Attachment::new("event.ics".to_owned()).body(
            calendar.clone(),
            ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                .expect("a valid content type"),
        )
    });
    let qr = message
        .check_in
        .as_deref()
        .and_then(app::attendance::qr::png)
        .map(|png| {
            Attachment::new("check-in.png".to_owned()).body(
                png,
                ContentType::parse("image/png").expect("a valid content type"),
            )
        });
    let attachments: Vec<SinglePart> = calendar.into_iter().chain(qr).collect();
    if attachments.is_empty() {
        return text;
    }
    attachments
        .into_iter()
        .fold(MultiPart::mixed().multipart(text), MultiPart::singlepart)
}

/// A text and its HTML as alternatives.
fn alternatives(text: String, html: String) -> MultiPart {
    MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(text),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(html),
        )
}

/// Sends the outbox until `stop` turns true: first makes the messages a stopped server left
/// `sending` wait again, then claims due messages in order and sends each, pausing between
/// messages to keep to the rate. Database errors are logged and tried again after a pause.
/// `origin` begins the links written into editions of the newsletter.
pub async fn run(
    pool: SqlitePool,
    mailer: Mailer,
    origin: String,
    mut stop: watch::Receiver<bool>,
) {
    match store::release_claims(&pool).await {
        Ok(0) => {}
        Ok(released) => tracing::warn!(
            released,
            "messages left being sent by a stopped server: sending them again"
        ),
        Err(error) => tracing::error!(%error, "releasing the outbox's claims"),
    }
    let mut pace = tokio::time::interval(mailer.pause);
    pace.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let idle = IDLE.min(mailer.retry_after);
    while !*stop.borrow() {
        let claimed = match store::claim(&pool, BATCH).await {
            Ok(claimed) => claimed,
            Err(error) => {
                tracing::error!(%error, "claiming messages from the outbox");
                Vec::new()
            }
        };
        if claimed.is_empty() {
            tokio::select! {
                _ = tokio::time::sleep(idle) => {}
                _ = stop.changed() => {}
            }
            continue;
        }
        // An edition cannot change once it is being sent: read once per batch.
        let mut writers = HashMap::new();
        let mut left = claimed.into_iter();
        for message in left.by_ref() {
            pace.tick().await;
            deliver(&pool, &mailer, &origin, &mut writers, &message).await;
            if *stop.borrow() {
                break;
            }
        }
        // Claimed but not tried because the server is stopping: they wait for the next one.
        let unsent: Vec<i64> = left.map(|message| message.id).collect();
        if !unsent.is_empty()
            && let Err(error) = store::release(&pool, &unsent).await
        {
            tracing::error!(%error, "releasing unsent messages");
        }
    }
}

/// The letter of an edition's message, written for its subscriber (or the coordinator's
/// test): `Ok(None)` when the subscriber is gone or no longer confirmed (it is not sent).
async fn edition_letter(
    pool: &SqlitePool,
    origin: &str,
    writers: &mut HashMap<i64, Option<Writer>>,
    edition: i64,
    message: &Claimed,
) -> Result<Option<Letter>, app::platform::db::StoreError> {
    let writer = match writers.entry(edition) {
        Entry::Occupied(known) => known.into_mut(),
        Entry::Vacant(new) => new.insert(Writer::load(pool, edition, origin).await?),
    };
    match writer {
        Some(writer) => {
            writer
                .letter(pool, &message.lang, message.subscriber_id)
                .await
        }
        None => Ok(None),
    }
}

/// Sends one claimed message and records how it went.
async fn deliver(
    pool: &SqlitePool,
    mailer: &Mailer,
    origin: &str,
    writers: &mut HashMap<i64, Option<Writer>>,
    message: &Claimed,
) {
    let letter = match message.edition_id {
        None => Ok(None),
        Some(edition) => match edition_letter(pool, origin, writers, edition, message).await {
            Ok(None) => {
                if let Err(error) = store::cancel_unwanted(pool, message.id).await {
                    tracing::error!(id = message.id, %error, "cancelling a message");
                }
                return;
            }
            Ok(letter) => Ok(letter),
            Err(error) => Err(Failure::Temporary(format!(
                "the edition could not be read: {error}"
            ))),
        },
    };
    let outcome = match letter.and_then(|letter| mailer.compose(message, letter.as_ref())) {
        Ok(email) => mailer.send(&email).await,
        Err(failure) => Err(failure),
    };
    let recorded = match outcome {
        Ok(()) => store::sent(pool, message.id).await,
        Err(Failure::Temporary(reason)) if message.attempts + 1 < i64::from(mailer.tries) => {
            tracing::warn!(id = message.id, %reason, "message not sent: trying again later");
            let delay = mailer.delay(message.attempts + 1);
            store::retry_later(pool, message.id, &reason, delay).await
        }
        Err(Failure::Temporary(reason)) => {
            tracing::warn!(id = message.id, %reason, "message not sent: giving up");
            store::failed(pool, message.id, &message.recipient, &reason, false).await
        }
        Err(Failure::Permanent { reason, bounced }) => {
            tracing::warn!(id = message.id, %reason, "message refused");
            store::failed(pool, message.id, &message.recipient, &reason, bounced).await
        }
    };
    if let Err(error) = recorded {
        tracing::error!(id = message.id, %error, "recording a message's outcome");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(url: &str) -> MailSettings {
        MailSettings {
            smtp_url: Some(url.into()),
            mail_from: Some("Loomeklaster <info@loomeklaster.example>".into()),
            ..MailSettings::default()
        }
    }

    #[tokio::test]
    async fn no_smtp_url_means_no_mailer_and_wrong_settings_stop_the_start() {
        assert!(Mailer::new(&MailSettings::default()).unwrap().is_none());
        assert!(
            Mailer::new(&settings("smtp://localhost:2525"))
                .unwrap()
                .is_some()
        );
        assert!(Mailer::new(&settings("http://localhost")).is_err());
        let no_from = MailSettings {
            mail_from: None,
            ..settings("smtp://localhost")
        };
        let refused = Mailer::new(&no_from)
            .err()
            .expect("a mailer without MAIL_FROM");
        assert!(refused.to_string().contains("MAIL_FROM"));
        let bad_from = MailSettings {
            mail_from: Some("not an address".into()),
            ..settings("smtp://localhost")
        };
        assert!(Mailer::new(&bad_from).is_err());
        let no_rate = MailSettings {
            mail_rate: 0.0,
            ..settings("smtp://localhost")
        };
        assert!(Mailer::new(&no_rate).is_err());
    }

    #[test]
    fn plain_smtp_is_encrypted_unless_local_or_said_otherwise() {
        for (setting, expected) in [
            (
                "smtp://u:p@mail.example:587",
                "smtp://u:p@mail.example:587?tls=required",
            ),
            ("smtp://mail.example:25?tls=none", "smtp://mail.example:25"),
            (
                "smtp://mail.example?tls=opportunistic",
                "smtp://mail.example?tls=opportunistic",
            ),
            ("smtp://localhost:2525", "smtp://localhost:2525"),
            ("smtp://127.0.0.1:2525", "smtp://127.0.0.1:2525"),
            ("smtp://[::1]:2525", "smtp://[::1]:2525"),
            ("smtps://u:p@mail.example", "smtps://u:p@mail.example"),
        ] {
            assert_eq!(transport_url(setting).unwrap(), expected, "{setting}");
        }
        assert!(transport_url("not a url").is_err());
    }

    #[tokio::test]
    async fn delays_grow_fourfold() {
        let mailer = Mailer::new(&settings("smtp://localhost")).unwrap().unwrap();
        let minutes = |tries| mailer.delay(tries).as_secs() / 60;
        assert_eq!(
            [minutes(1), minutes(2), minutes(3), minutes(4)],
            [1, 4, 16, 64]
        );
        assert!(mailer.delay(1_000) <= Duration::from_secs(60 * 4u64.pow(10)));
    }

    fn claimed(recipient: &str, subject: &str) -> Claimed {
        Claimed {
            id: 7,
            recipient: recipient.into(),
            lang: "en".into(),
            subject: subject.into(),
            body: "Hello".into(),
            created_at: "2026-12-01T10:00:00Z".into(),
            attempts: 0,
            calendar: None,
            check_in: None,
            edition_id: None,
            subscriber_id: None,
        }
    }

    #[tokio::test]
    async fn no_header_can_be_smuggled_and_a_bad_address_fails_for_good() {
        let mailer = Mailer::new(&settings("smtp://localhost")).unwrap().unwrap();
        let email = mailer
            .compose(
                &claimed("a@b.example", "Hi\r\nBcc: victim@example.com"),
                None,
            )
            .unwrap();
        let raw = String::from_utf8(email.formatted()).unwrap();
        let (headers, _) = raw.split_once("\r\n\r\n").unwrap();
        assert!(!headers.contains("\r\nBcc:"), "{headers}");
        assert!(headers.contains("Subject: Hi  Bcc: victim@example.com"));
        assert!(headers.contains("Message-ID: <outbox-7.20261201100000@loomeklaster.example>"));
        assert!(headers.contains("Auto-Submitted: auto-generated"));
        assert!(matches!(
            mailer.compose(&claimed("a@b.example\r\nBcc: x@y.example", "Hi"), None),
            Err(Failure::Permanent { bounced: false, .. })
        ));
    }

    #[test]
    fn every_address_the_forms_take_is_one_the_mail_crate_takes() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(15);
        // Mostly characters an address may have, now and then one it may not.
        let hostile: Vec<char> = "\"()<> ,;:[]\\@\u{0}\r\n\t".chars().collect();
        let local: Vec<char> = "abz19.-_+'!#$%&*/=?^`{|}~üЖ😀".chars().collect();
        let domain: Vec<char> = "abz19-üЖ".chars().collect();
        let mut pick = |set: &[char], most: usize| -> String {
            let length = rng.random_range(1..=most);
            (0..length)
                .map(|_| {
                    if rng.random_bool(0.05) {
                        hostile[rng.random_range(0..hostile.len())]
                    } else {
                        set[rng.random_range(0..set.len())]
                    }
                })
                .collect()
        };
        let mut taken = 0;
        for _ in 0..100_000 {
            let address = format!(
                "{}@{}.{}",
                pick(&local, 8),
                pick(&domain, 6),
                pick(&domain, 4)
            );
            if app::shared::identifiers::is_email(&address) {
                taken += 1;
                assert!(
                    address.parse::<lettre::Address>().is_ok(),
                    "the forms take {address:?}, the mailer refuses it"
                );
            }
        }
        assert!(
            taken > 1_000,
            "only {taken} addresses taken: the test proves little"
        );
    }
}
