//! Password reset by email: the link read from the delivered mail, used once, ending every
//! session; the same answer for an unknown email; expired links and the limits, under
//! concurrent requests.

use crate::mail::{MailServer, until};
use crate::support::{ORIGIN, PASSWORD, TestApp};
use app::accounts::Role;
use futures::future::join_all;

const EMAIL: &str = "piia@ivek.example";
const NEW_PASSWORD: &str = "Kreenholmi kangas on tugev";

async fn ask(app: &TestApp, email: &str) -> reqwest::Response {
    app.post(
        "/api/password-reset",
        None,
        &[("lang", "en"), ("email", email)],
    )
    .await
}

async fn reset(app: &TestApp, token: &str, new: &str, repeat: &str) -> reqwest::Response {
    app.post(
        "/api/password-reset/new",
        None,
        &[
            ("lang", "en"),
            ("token", token),
            ("new", new),
            ("repeat", repeat),
        ],
    )
    .await
}

/// The token of a `/en/new-password?token=…` link in `text`.
fn token_in(text: &str) -> String {
    let start = text.find("/en/new-password?token=").expect("a reset link") + 23;
    text[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_from_the_delivered_mail_once_and_every_session_ends() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    app.add_account(EMAIL, Role::Coordinator).await;
    let old_session = app.log_in(EMAIL, PASSWORD).await;

    // Known and unknown emails get the same answer; only the account's gets a mail.
    let known = ask(&app, "PIIA@ivek.example").await;
    let unknown = ask(&app, "nobody@ivek.example").await;
    assert_eq!(
        (known.status().as_u16(), unknown.status().as_u16()),
        (200, 200)
    );
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    assert!(app.mail_to("nobody@ivek.example").await.is_empty());
    until("the link", async || mail.delivered_to(EMAIL).len() == 1).await;
    let delivered = &mail.delivered_to(EMAIL)[0];
    let message = mail_parser::MessageParser::default()
        .parse(&delivered.data)
        .unwrap();
    assert_eq!(message.subject(), Some("Resetting your password"));
    let text = message.body_text(0).unwrap();
    assert!(text.contains("it works once, for 30 minutes"), "{text}");
    assert!(text.contains(&format!("{ORIGIN}/en/new-password?token=")));
    let html = message.body_html(0).unwrap();
    let token = token_in(&text);
    assert!(html.contains(&format!("?token={token}\"")), "{html}");

    // Only the secret's SHA-256 is stored.
    let (_, secret) = token.split_once('.').unwrap();
    let stored: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT secret_hash FROM password_resets WHERE secret_hash IS NOT NULL")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].len(), 32);
    let dump: String = sqlx::query_scalar(
        "SELECT group_concat(hex(secret_hash) || address || created_at) FROM password_resets",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!dump.to_lowercase().contains(secret));

    // The link opens the form; a refused password keeps the link working.
    let link = format!("/en/new-password?token={token}");
    let (status, page) = app.page(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Save the new password"), "{page}");
    let response = reset(&app, &token, "short", "short").await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("PasswordTooShort"));
    let response = reset(&app, &token, NEW_PASSWORD, "something else").await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("PasswordsDiffer"));

    assert_eq!(
        reset(&app, &token, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .status(),
        200
    );
    assert_eq!(app.who(&old_session).await, None, "every session ended");
    assert_eq!(app.log_in_response(EMAIL, PASSWORD).await.status(), 401);
    app.log_in(EMAIL, NEW_PASSWORD).await;

    // Used once, the link is refused, on the page and by the function.
    let response = reset(
        &app,
        &token,
        "Another long password 1",
        "Another long password 1",
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("LinkExpired"));
    let (_, page) = app.page(&link).await;
    assert!(page.contains("This link has expired or has been used already."));
    assert!(page.contains("href=\"/en/forgot-password\""));
    assert!(!page.contains("Save the new password"));
    let actions = app.audit_actions().await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "user.password_reset_requested")
            .count(),
        2
    );
    assert!(actions.contains(&"user.password_reset".to_owned()));

    // Without JavaScript the form post comes back to the page, which says a link is on its way.
    let response = app
        .client
        .post(app.url("/api/password-reset"))
        .header("accept", "text/html")
        .form(&[("lang", "en"), ("email", "nobody@ivek.example")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let back = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(back, "/en/forgot-password?sent=1");
    let (_, page) = app.page(&back).await;
    assert!(page.contains("If this address has an account, the link is on its way."));
}

#[tokio::test]
async fn expired_links_are_refused_a_link_works_once_under_concurrency_and_requests_are_limited() {
    let app = TestApp::spawn().await;
    app.add_account(EMAIL, Role::Coordinator).await;
    let link_of = async || token_in(&app.mail_to(EMAIL).await.pop().unwrap().1);

    assert_eq!(ask(&app, EMAIL).await.status(), 200);
    let expired = link_of().await;
    sqlx::query("UPDATE password_resets SET expires_at = unixepoch() - 1")
        .execute(&app.pool)
        .await
        .unwrap();
    let response = reset(&app, &expired, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("LinkExpired"));
    let (_, page) = app.page(&format!("/en/new-password?token={expired}")).await;
    assert!(page.contains("This link has expired or has been used already."));

    // Five resets with one link at once: one sets the password.
    assert_eq!(ask(&app, EMAIL).await.status(), 200);
    let token = link_of().await;
    let statuses: Vec<u16> = join_all((0..5).map(|_| async {
        reset(&app, &token, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .status()
            .as_u16()
    }))
    .await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 422).count(),
        4,
        "{statuses:?}"
    );

    // Ten requests at once from one address: three more pass the address's limit of five an
    // hour, and of those only one more link goes to the account (three an hour).
    let statuses: Vec<u16> =
        join_all((0..10).map(|_| async { ask(&app, EMAIL).await.status().as_u16() })).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        3,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        7,
        "{statuses:?}"
    );
    assert_eq!(app.mail_to(EMAIL).await.len(), 3);
    assert_eq!(app.count("password_resets").await, 5);
}

#[tokio::test]
async fn an_invited_coordinator_chooses_a_password_from_the_delivered_mail_and_no_one_else_can() {
    const ADMIN: &str = "admin@ivek.example";
    const INVITED: &str = "uus@ivek.example";
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    app.add_account(ADMIN, Role::Admin).await;
    let admin = app.log_in(ADMIN, PASSWORD).await;
    let invite = |email: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            app.post(
                "/api/admin/accounts/add",
                Some(admin),
                &[("email", email), ("role", "coordinator"), ("lang", "et")],
            )
            .await
        }
    };
    let response = invite(INVITED).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<String>().await.unwrap(), INVITED);
    // The same email again is refused; a coordinator cannot invite at all.
    let again = invite("UUS@ivek.example").await;
    assert_eq!(again.status(), 422);
    assert!(again.text().await.unwrap().contains("EmailTaken"));
    let coordinator = app.coordinator().await;
    let refused = app
        .post(
            "/api/admin/accounts/add",
            Some(&coordinator),
            &[
                ("email", "x@ivek.example"),
                ("role", "admin"),
                ("lang", "et"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);

    until("the invitation", async || {
        mail.delivered_to(INVITED).len() == 1
    })
    .await;
    let delivered = mail.delivered_to(INVITED);
    let message = mail_parser::MessageParser::default()
        .parse(&delivered[0].data)
        .unwrap();
    assert_eq!(
        message.subject(),
        Some("Kutse Ida-Viru Loomeklastri platvormile")
    );
    let text = message.body_text(0).unwrap();
    assert!(
        text.contains(
            "admin@ivek.example kutsub sind Ida-Viru Loomeklastri platvormile (roll: Koordinaator)"
        ),
        "{text}"
    );
    let start = text.find("/et/new-password?token=").expect("the link") + 23;
    let token = text[start..].split_whitespace().next().unwrap().to_owned();

    // No password works before the invitee chooses one, not even an empty one.
    for guess in ["", PASSWORD] {
        assert_eq!(app.log_in_response(INVITED, guess).await.status(), 401);
    }
    let (status, page) = app.page(&format!("/et/new-password?token={token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"new\""), "the form to choose it");
    assert_eq!(
        reset(&app, &token, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .status(),
        200
    );
    let session = app.log_in(INVITED, NEW_PASSWORD).await;
    assert_eq!(app.who(&session).await.as_deref(), Some(INVITED));
    assert_eq!(
        reset(
            &app,
            &token,
            "Teine pikk parool 123",
            "Teine pikk parool 123"
        )
        .await
        .status(),
        422,
        "an invitation works once"
    );
    let valid_for: i64 = sqlx::query_scalar(
        "SELECT expires_at - unixepoch(created_at) FROM password_resets WHERE purpose = 'invitation'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(valid_for, 7 * 24 * 60 * 60);
}
