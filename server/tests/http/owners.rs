//! Entries kept fresh by their owners: the link to the private contact address, the owner's
//! page without an account, a confirmation, a proposal the coordinator reviews field by field
//! and approves, links used once (also when sent at once), expired ones, asking again under a
//! limit, and the links to every stale entry.

use super::directory_files::entry_form;
use super::support::{ORIGIN, Session, TestApp, with};
use futures::future::join_all;

const OWNER: &str = "omanik@narvadisain.example";

/// A new published entry with a public email and `OWNER` as its private contact; its id.
async fn entry(app: &TestApp, session: &Session) -> String {
    let saved = app
        .post_pairs(
            "/api/coordinator/directory/save",
            Some(session),
            &entry_form(
                "Narva Disain",
                &[
                    ("form[email]", "info@narvadisain.example"),
                    ("form[phone]", "+372 5555 1234"),
                ],
            ),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let id = saved.json::<i64>().await.unwrap().to_string();
    let contact = app
        .post(
            "/api/coordinator/owners/contact",
            Some(session),
            &[("id", &id), ("contact_email", OWNER)],
        )
        .await;
    assert_eq!(contact.status(), 200);
    id
}

/// The token of the last link mailed to `email`.
async fn link_token(app: &TestApp, email: &str) -> String {
    let (_, body) = app.mail_to(email).await.pop().expect("a message");
    let start = body.find("/check-entry?token=").expect("a link") + 19;
    body[start..].split_whitespace().next().unwrap().to_owned()
}

async fn send_link(app: &TestApp, session: &Session, id: &str) -> reqwest::Response {
    app.post("/api/coordinator/owners/send", Some(session), &[("id", id)])
        .await
}

#[tokio::test]
async fn an_owner_proposes_a_change_from_the_mailed_link_and_the_coordinator_approves_it() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let id = entry(&app, &session).await;

    let sent = send_link(&app, &session, &id).await;
    assert_eq!(sent.status(), 200);
    assert_eq!(sent.json::<String>().await.unwrap(), OWNER);
    let (subject, body) = app.mail_to(OWNER).await.pop().unwrap();
    assert_eq!(
        subject,
        "Kas teie kirje Ida-Viru Loomeklastri kataloogis on õige?"
    );
    assert!(body.contains("„Narva Disain”"), "{body}");
    assert!(body.contains(&format!("{ORIGIN}/et/check-entry?token=")));
    let token = link_token(&app, OWNER).await;

    // The link opens the entry's form without an account.
    let (status, page) = app.page(&format!("/en/check-entry?token={token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Everything is right"), "{page}");
    assert!(page.contains("value=\"+372 5555 1234\""));
    let check: serde_json::Value = app
        .post(
            "/api/entry-check",
            None,
            &[("lang", "en"), ("token", &token)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check["name"], "Narva Disain");
    assert_eq!(check["confirmed"], serde_json::Value::Null);

    // A proposal with a problem is refused and keeps the link; a good one takes it.
    let proposal = |phone: &'static str| {
        with(
            entry_form(
                "Narva Disain",
                &[
                    ("form[email]", "info@narvadisain.example"),
                    ("form[phone]", phone),
                    ("form[description_en]", "Design studio"),
                    // The owner cannot hide the entry or make it a member.
                    ("form[published]", "false"),
                    ("form[member]", "true"),
                ],
            ),
            &[("lang", "en"), ("token", &token)],
        )
    };
    let refused = app
        .post_pairs("/api/entry-check/propose", None, &proposal("12"))
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("NotAPhone"));
    let proposed = app
        .post_pairs(
            "/api/entry-check/propose",
            None,
            &proposal("+372 5555 9876"),
        )
        .await;
    assert_eq!(proposed.status(), 200);
    let again = app
        .post_pairs(
            "/api/entry-check/propose",
            None,
            &proposal("+372 5555 9876"),
        )
        .await;
    assert_eq!(again.status(), 422);
    assert!(again.text().await.unwrap().contains("LinkExpired"));
    let (_, used) = app.page(&format!("/en/check-entry?token={token}")).await;
    assert!(used.contains("This link has expired or has been used already."));
    assert!(used.contains("Send a new link"));

    // Nothing is public before the coordinator approves.
    let (_, profile) = app.page("/en/directory/narva-disain").await;
    assert!(profile.contains("+372 5555 1234"));
    assert!(!profile.contains(OWNER), "the contact address is private");

    let overview: serde_json::Value = app
        .post("/api/coordinator/owners", Some(&session), &[])
        .await
        .json()
        .await
        .unwrap();
    let waiting = overview["waiting"].as_array().unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["entry"], "Narva Disain");
    let proposal_id = waiting[0]["id"].to_string();
    let review: serde_json::Value = app
        .post(
            "/api/coordinator/owners/proposal",
            Some(&session),
            &[("lang", "en"), ("id", &proposal_id)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        review["changes"],
        serde_json::json!([
            { "label": "About (English)", "now": "", "proposed": "Design studio" },
            { "label": "Phone", "now": "+372 5555 1234", "proposed": "+372 5555 9876" },
        ])
    );

    let decide = |approve: &'static str| {
        let (app, session, proposal_id) = (&app, &session, proposal_id.clone());
        async move {
            app.post(
                "/api/coordinator/owners/decide",
                Some(session),
                &[("id", &proposal_id), ("approve", approve)],
            )
            .await
        }
    };
    assert_eq!(
        app.post(
            "/api/coordinator/owners/decide",
            None,
            &[("id", &proposal_id), ("approve", "true")]
        )
        .await
        .status(),
        401
    );
    assert_eq!(decide("true").await.status(), 200);
    let twice = decide("false").await;
    assert_eq!(twice.status(), 422);
    assert!(twice.text().await.unwrap().contains("AlreadyDecided"));
    let (_, profile) = app.page("/en/directory/narva-disain").await;
    assert!(profile.contains("+372 5555 9876"));
    assert!(profile.contains("Design studio"));
    assert!(profile.contains("Confirmed by its owner"));
    let actions = app.audit_actions().await;
    for action in [
        "organisation.check_sent",
        "organisation.change_proposed",
        "organisation.proposal_approved",
    ] {
        assert!(
            actions.contains(&action.to_owned()),
            "{action}: {actions:?}"
        );
    }
    let hidden: (bool, bool) =
        sqlx::query_as("SELECT is_published, is_member FROM organisations WHERE id = ?")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(hidden, (true, false), "status stays the coordinator's");
}

#[tokio::test]
async fn links_work_once_even_at_once_expire_can_be_asked_for_again_and_reach_stale_entries() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let id = entry(&app, &session).await;
    send_link(&app, &session, &id).await;
    let token = link_token(&app, OWNER).await;

    // Five confirmations with one link at once: one counts.
    let statuses: Vec<u16> = join_all((0..5).map(|_| async {
        app.post(
            "/api/entry-check/confirm",
            None,
            &[("lang", "en"), ("token", &token)],
        )
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
    let (_, profile) = app.page("/en/directory/narva-disain").await;
    assert!(profile.contains("Confirmed by its owner"));

    // An expired link says so; a new one can be asked for, the same answer for any address.
    send_link(&app, &session, &id).await;
    let expired = link_token(&app, OWNER).await;
    sqlx::query("UPDATE entry_links SET expires_at = unixepoch() - 1")
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, page) = app.page(&format!("/en/check-entry?token={expired}")).await;
    assert!(page.contains("This link has expired or has been used already."));
    let before = app.mail_to(OWNER).await.len();
    let ask = |email: &'static str| {
        let app = &app;
        async move {
            app.post(
                "/api/entry-check/ask",
                None,
                &[("lang", "ru"), ("email", email)],
            )
            .await
            .status()
            .as_u16()
        }
    };
    assert_eq!(ask("OMANIK@narvadisain.example").await, 200);
    assert_eq!(ask("nobody@x.example").await, 200);
    let mail = app.mail_to(OWNER).await;
    assert_eq!(mail.len(), before + 1);
    assert_eq!(
        mail.last().unwrap().0,
        "Верна ли ваша запись в каталоге Ида-Вируского творческого кластера?"
    );
    assert!(app.mail_to("nobody@x.example").await.is_empty());
    // Five an hour from one address, also when sent at once.
    let statuses: Vec<u16> = join_all((0..6).map(|_| ask("nobody@x.example"))).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        3,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        3,
        "{statuses:?}"
    );

    // Entries not confirmed in 12 months: each with an address gets one link, once a month.
    sqlx::query(
        "UPDATE organisations SET confirmed_at = NULL, created_at = '2024-01-01T00:00:00Z'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let reachable: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM organisations WHERE coalesce(contact_email, email) LIKE '_%@_%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let overview: serde_json::Value = app
        .post("/api/coordinator/owners", Some(&session), &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(overview["stale"], reachable);
    let owner_mail = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM outbox WHERE body LIKE '%/check-entry?token=%'",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };
    let send_stale = || async {
        app.post("/api/coordinator/owners/send-stale", Some(&session), &[])
            .await
            .json::<i64>()
            .await
            .unwrap()
    };
    let before = owner_mail().await;
    // Narva Disain had links this month already.
    assert_eq!(send_stale().await, reachable - 1);
    assert_eq!(owner_mail().await, before + reachable - 1);
    assert_eq!(send_stale().await, 0, "not again within the month");
    assert_eq!(owner_mail().await, before + reachable - 1);
}
