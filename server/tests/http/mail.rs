//! Mail leaving over SMTP: a real mail server on a port of its own (mailin-embedded) takes or
//! refuses what the server's mailer sends, and what it took is read back with a mail parser.

use crate::support::{ORIGIN, TestApp};
use app::outbox::{NewMessage, queue};
use mailin_embedded::{Handler, Response, Server, response};
use server::config::MailSettings;
use std::collections::HashMap;
use std::net::{IpAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A message the mail server took.
#[derive(Clone, Debug)]
pub struct Delivered {
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    delivered: Mutex<Vec<Delivered>>,
    /// How many times each recipient was offered.
    offers: Mutex<HashMap<String, u32>>,
    /// While set, a recipient starting with `stall` gets no answer.
    stall: AtomicBool,
}

/// The handler of one SMTP session. Recipients script the answers: `bounce…` is refused for
/// good (550), `later…` is refused for now (451) the first time it is offered, `stall…` waits
/// while the server stalls; everything else is taken.
#[derive(Clone)]
struct Session {
    shared: Arc<Shared>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Session {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, _from: &str) -> Response {
        self.to.clear();
        self.data.clear();
        response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        let to = to.trim_matches(['<', '>']).to_owned();
        let offers = {
            let mut offers = self.shared.offers.lock().unwrap();
            let count = offers.entry(to.clone()).or_default();
            *count += 1;
            *count
        };
        if to.starts_with("stall") {
            while self.shared.stall.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        if to.starts_with("bounce") {
            return response::NO_MAILBOX;
        }
        if to.starts_with("later") && offers == 1 {
            return Response::custom(451, "Greylisted, try again later".into());
        }
        self.to.push(to);
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.shared.delivered.lock().unwrap().push(Delivered {
            to: std::mem::take(&mut self.to),
            data: std::mem::take(&mut self.data),
        });
        response::OK
    }
}

/// A mail server on its own port, in threads of its own for as long as the tests run.
pub struct MailServer {
    pub port: u16,
    shared: Arc<Shared>,
}

impl MailServer {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared::default());
        let mut server = Server::new(Session {
            shared: shared.clone(),
            to: Vec::new(),
            data: Vec::new(),
        });
        server
            .with_name("mail.example")
            .with_num_threads(4)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(error) = server.serve() {
                panic!("the test mail server stopped: {error}");
            }
        });
        Self { port, shared }
    }

    /// Settings that send to this server, quickly: 1,000 messages a second, a first retry
    /// after 200 ms.
    pub fn settings(&self) -> MailSettings {
        MailSettings {
            smtp_url: Some(format!("smtp://127.0.0.1:{}", self.port)),
            mail_from: Some("Ida-Viru Loomeklaster <info@loomeklaster.example>".into()),
            mail_rate: 1000.0,
            mail_retry_after: jiff::SignedDuration::from_millis(200),
            ..MailSettings::default()
        }
    }

    pub fn delivered(&self) -> Vec<Delivered> {
        self.shared.delivered.lock().unwrap().clone()
    }

    /// The messages taken for `recipient`.
    pub fn delivered_to(&self, recipient: &str) -> Vec<Delivered> {
        self.delivered()
            .into_iter()
            .filter(|message| message.to.iter().any(|to| to == recipient))
            .collect()
    }

    pub fn offers(&self, recipient: &str) -> u32 {
        self.shared
            .offers
            .lock()
            .unwrap()
            .get(recipient)
            .copied()
            .unwrap_or(0)
    }

    pub fn stall(&self, stall: bool) {
        self.shared.stall.store(stall, Ordering::SeqCst);
    }
}

/// Waits until `done` says so, for at most 30 seconds.
pub async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !done().await {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "still waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn status_of(app: &TestApp, recipient: &str) -> (String, i64, Option<String>) {
    sqlx::query_as(
        "SELECT status, attempts, last_error FROM outbox WHERE recipient = ? ORDER BY id DESC",
    )
    .bind(recipient)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn queue_message(app: &TestApp, recipient: &str, bulk: bool) {
    let mut connection = app.pool.acquire().await.unwrap();
    queue(
        &mut connection,
        &NewMessage {
            recipient,
            subject: "Uudiskiri",
            body: "Tere!",
            bulk,
            ..NewMessage::default()
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_registration_confirmation_arrives_in_two_parts_in_the_registrants_language() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    let response = app
        .post(
            "/api/register",
            None,
            &[
                ("lang", "ru"),
                ("slug", "noustamine-johvi"),
                ("name", "Мария"),
                ("email", "maria@x.ee"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    until("the confirmation", async || {
        mail.delivered_to("maria@x.ee").len() == 1
    })
    .await;
    until("the outbox to mark it sent", async || {
        status_of(&app, "maria@x.ee").await.0 == "sent"
    })
    .await;

    let delivered = &mail.delivered_to("maria@x.ee")[0];
    let message = mail_parser::MessageParser::default()
        .parse(&delivered.data)
        .unwrap();
    assert!(message.subject().unwrap().starts_with("Регистрация: "));
    let from = message.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("info@loomeklaster.example"));
    assert_eq!(from.name(), Some("Ida-Viru Loomeklaster"));
    assert_eq!(
        message.to().unwrap().first().unwrap().address(),
        Some("maria@x.ee")
    );
    let id: i64 = sqlx::query_scalar("SELECT id FROM outbox WHERE recipient = 'maria@x.ee'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let message_id = message.message_id().unwrap();
    assert!(
        message_id.starts_with(&format!("outbox-{id}.")),
        "{message_id}"
    );
    assert!(
        message_id.ends_with("@loomeklaster.example"),
        "{message_id}"
    );
    assert!(message.date().is_some());
    assert_eq!(
        message.header_raw("Auto-Submitted").unwrap().trim(),
        "auto-generated"
    );
    assert_eq!(message.header_raw("Content-Language").unwrap().trim(), "ru");
    // The text and its HTML as alternatives, then the event for calendars and the code to show
    // at the door.
    assert!(
        message
            .header_raw("Content-Type")
            .unwrap()
            .contains("multipart/mixed")
    );
    assert_eq!(message.attachment_count(), 2);
    assert_eq!(
        (message.text_body_count(), message.html_body_count()),
        (1, 1)
    );

    let text = message.body_text(0).unwrap();
    assert!(text.starts_with("Здравствуйте, Мария"), "{text}");
    let link = format!("{ORIGIN}/ru/registration/");
    let start = text.find(&link).expect("the private link");
    let private_link = text[start..].split_whitespace().next().unwrap();
    let html = message.body_html(0).unwrap();
    assert!(html.contains("<html lang=\"ru\">"));
    assert!(
        html.contains(&format!("<a href=\"{private_link}\"")),
        "{html}"
    );
    assert!(!html.contains("<img"), "no picture, so nothing that tracks");
}

#[tokio::test]
async fn a_temporary_refusal_is_tried_again_and_a_permanent_one_is_not() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    queue_message(&app, "later@x.ee", false).await;
    queue_message(&app, "bounce@x.ee", false).await;

    until("the greylisted message", async || {
        mail.delivered_to("later@x.ee").len() == 1
    })
    .await;
    until("its outbox row", async || {
        status_of(&app, "later@x.ee").await.0 == "sent"
    })
    .await;
    assert_eq!(
        status_of(&app, "later@x.ee").await,
        ("sent".into(), 2, None)
    );
    assert_eq!(mail.offers("later@x.ee"), 2);

    until("the refusal", async || {
        status_of(&app, "bounce@x.ee").await.0 == "failed"
    })
    .await;
    let (_, attempts, reason) = status_of(&app, "bounce@x.ee").await;
    assert_eq!(attempts, 1);
    assert!(reason.unwrap().contains("550"));
    let bounced: i64 =
        sqlx::query_scalar("SELECT count(*) FROM mail_bounces WHERE address = 'bounce@x.ee'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(bounced, 1);

    // The newsletter skips a bouncing address without asking the mail server; a message the
    // person is owed (a registration, a password reset) is still tried.
    queue_message(&app, "bounce@x.ee", true).await;
    until("the bulk message to fail", async || {
        status_of(&app, "bounce@x.ee")
            .await
            .2
            .is_some_and(|reason| reason.contains("bulk"))
    })
    .await;
    assert_eq!(mail.offers("bounce@x.ee"), 1);
    queue_message(&app, "bounce@x.ee", false).await;
    until("the transactional message to be offered", async || {
        mail.offers("bounce@x.ee") == 2
    })
    .await;
    // Given 3 more retry delays, the refused messages were not offered again.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(mail.offers("bounce@x.ee"), 2);
    assert!(mail.delivered_to("bounce@x.ee").is_empty());
}

#[tokio::test]
async fn the_outbox_page_says_when_sending_is_not_configured() {
    const NOTICE: &str = "Sending mail is not configured";
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let response = app.navigate("/en/admin/outbox", Some(&session)).await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains(NOTICE));
    drop(app);

    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    let session = app.coordinator().await;
    let response = app.navigate("/en/admin/outbox", Some(&session)).await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("<h1>Outbox</h1>"), "{page}");
    assert!(!page.contains(NOTICE));
}

#[tokio::test]
async fn only_a_coordinator_retries_or_cancels_a_message_and_each_is_audited() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    queue_message(&app, "bounce@x.ee", false).await;
    until("the refusal", async || {
        status_of(&app, "bounce@x.ee").await.0 == "failed"
    })
    .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM outbox WHERE recipient = 'bounce@x.ee'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let id = id.to_string();

    let anonymous = app
        .post(
            "/api/coordinator/outbox/act",
            None,
            &[("id", &id), ("action", "retry")],
        )
        .await;
    assert_eq!(anonymous.status(), 401);
    assert_eq!(mail.offers("bounce@x.ee"), 1);

    let coordinator = app.coordinator().await;
    let failed = app
        .post(
            "/api/coordinator/outbox",
            Some(&coordinator),
            &[("state", "failed")],
        )
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let line = &failed["messages"][0];
    assert_eq!(line["recipient"], "bounce@x.ee");
    assert!(line["error"].as_str().unwrap().contains("550"));

    let forged = app
        .post(
            "/api/coordinator/outbox/act",
            Some(&coordinator),
            &[("id", &id), ("action", "delete")],
        )
        .await;
    assert_eq!(forged.status(), 422);
    let retry = app
        .post(
            "/api/coordinator/outbox/act",
            Some(&coordinator),
            &[("id", &id), ("action", "retry")],
        )
        .await;
    assert_eq!(retry.status(), 200);
    until("the second try", async || mail.offers("bounce@x.ee") == 2).await;
    until("its failure", async || {
        status_of(&app, "bounce@x.ee").await.0 == "failed"
    })
    .await;
    let cancel = app
        .post(
            "/api/coordinator/outbox/act",
            Some(&coordinator),
            &[("id", &id), ("action", "cancel")],
        )
        .await;
    assert_eq!(cancel.status(), 200);
    assert_eq!(status_of(&app, "bounce@x.ee").await.0, "cancelled");
    let actions = app.audit_actions().await;
    assert!(
        actions.ends_with(&["outbox.retry".to_owned(), "outbox.cancel".to_owned()]),
        "{actions:?}"
    );

    queue_message(&app, "sent@x.ee", false).await;
    until("the message to go", async || {
        status_of(&app, "sent@x.ee").await.0 == "sent"
    })
    .await;
    let sent_id: i64 = sqlx::query_scalar("SELECT id FROM outbox WHERE recipient = 'sent@x.ee'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let too_late = app
        .post(
            "/api/coordinator/outbox/act",
            Some(&coordinator),
            &[("id", &sent_id.to_string()), ("action", "cancel")],
        )
        .await;
    assert_eq!(too_late.status(), 422);
    assert!(too_late.text().await.unwrap().contains("MessageOnItsWay"));
}

/// The server binary, as `server` started from a shell.
pub fn start_server(database: &std::path::Path, mail: &MailServer) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env(
            "LEPTOS_SITE_ROOT",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../public"),
        )
        .env("DEMO_DATA", "false")
        .env("RUST_LOG", "error")
        .env("SMTP_URL", format!("smtp://127.0.0.1:{}", mail.port))
        .env("MAIL_FROM", "info@loomeklaster.example")
        .env("MAIL_RATE", "2000")
        .spawn()
        .unwrap()
}

async fn statuses(pool: &sqlx::SqlitePool) -> HashMap<String, i64> {
    sqlx::query_as::<_, (String, i64)>("SELECT status, count(*) FROM outbox GROUP BY status")
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

/// A server killed (SIGKILL) in the middle of a batch, with the mail server holding one
/// message half-way, and started again: every one of 1,000 messages arrives exactly once.
#[tokio::test]
async fn a_server_killed_while_sending_sends_each_message_once_after_a_restart() {
    let mail = MailServer::start();
    let folder = tempfile::tempdir().unwrap();
    let database = folder.path().join("mail.db");
    let pool = server::startup::open_database(&format!("sqlite://{}", database.display()), 1)
        .await
        .unwrap();
    let recipients: Vec<String> = (1..=1000)
        .map(|n| match n {
            510 => "stall@x.ee".to_owned(),
            n => format!("person-{n:04}@x.ee"),
        })
        .collect();
    let mut transaction = pool.begin().await.unwrap();
    for recipient in &recipients {
        queue(
            &mut transaction,
            &NewMessage {
                recipient,
                subject: "Teade",
                body: "Tere!",
                ..NewMessage::default()
            },
        )
        .await
        .unwrap();
    }
    transaction.commit().await.unwrap();

    mail.stall(true);
    let mut first = start_server(&database, &mail);
    until("the mailer to reach message 510", async || {
        mail.offers("stall@x.ee") == 1
    })
    .await;
    first.kill().unwrap();
    first.wait().unwrap();
    let delivered_before = mail.delivered().len();
    assert_eq!(delivered_before, 509);
    let left = statuses(&pool).await;
    assert!(
        left.get("sending").copied().unwrap_or(0) > 1,
        "killed with a claimed batch half-sent: {left:?}"
    );
    mail.stall(false);

    let mut second = start_server(&database, &mail);
    until("every message to be sent", async || {
        statuses(&pool).await.get("sent") == Some(&1000)
    })
    .await;
    second.kill().unwrap();
    second.wait().unwrap();

    let delivered = mail.delivered();
    let mut times: HashMap<&str, usize> = HashMap::new();
    for message in &delivered {
        for to in &message.to {
            *times.entry(to.as_str()).or_default() += 1;
        }
    }
    assert_eq!(delivered.len(), 1000);
    for recipient in &recipients {
        assert_eq!(times.get(recipient.as_str()), Some(&1), "{recipient}");
    }
    assert_eq!(
        mail.offers("stall@x.ee"),
        2,
        "offered before the kill and after"
    );
}
