//! Joining the directory over HTTP: the public application with its checks, trap and limit, and
//! the coordinator's approval and rejection, which only a coordinator may make.

use super::directory_files::entry_form;
use super::support::{TestApp, with};

/// A complete application from Narva, in Russian, with `extra`'s fields set. (Its `published`
/// is ignored: only the coordinator publishes.)
fn application(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let form = with(
        entry_form("Narva Savikoda", &[]),
        &[
            ("lang", "ru"),
            ("contact[name]", "Мария Иванова"),
            ("contact[email]", "maria@savikoda.example"),
            ("contact[phone]", ""),
            ("contact[consent]", "true"),
        ],
    );
    with(form, extra)
}

async fn pending_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM applications WHERE status = 'pending' ORDER BY id DESC")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_join_page_is_rendered_in_each_language_and_linked_from_the_directory() {
    let app = TestApp::spawn().await;
    for (lang, heading, send) in [
        ("et", "Liitu kataloogiga", "Saada liitumissoov"),
        ("ru", "Вступить в каталог", "Отправить заявку"),
        ("en", "Join the directory", "Send the application"),
    ] {
        let (status, html) = app.page(&format!("/{lang}/join")).await;
        assert_eq!(status, 200);
        assert!(html.contains(heading), "{lang}");
        assert!(html.contains(send), "{lang}");
        assert!(html.contains("name=\"contact[consent]\""));
        assert!(html.contains("name=\"homepage\""), "the trap field");
        let (_, directory) = app.page(&format!("/{lang}/directory")).await;
        assert!(
            directory.contains(&format!("href=\"/{lang}/join\"")),
            "{lang}"
        );
    }
}

#[tokio::test]
async fn a_bad_application_is_named_field_by_field_and_stores_nothing() {
    let app = TestApp::spawn().await;
    // The consent box left unticked: the browser sends nothing for it.
    let bad: Vec<(String, String)> =
        application(&[("form[phone]", "12"), ("contact[email]", "maria")])
            .into_iter()
            .filter(|(key, _)| key != "contact[consent]")
            .collect();
    let check: serde_json::Value = app
        .post_pairs("/api/join/check", None, &bad)
        .await
        .json()
        .await
        .unwrap();
    let fields: Vec<&str> = check
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["phone", "contact.email", "contact.consent"]);
    let refused = app.post_pairs("/api/join", None, &bad).await;
    assert_eq!(refused.status(), 422);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(error["Invalid"]["field"], "phone");
    assert_eq!(app.count("applications").await, 0);

    // Malformed arguments are a 400, not a 500.
    let garbage = app
        .post("/api/join", None, &[("lang", "xx"), ("form[sectors]", "x")])
        .await;
    assert_eq!(garbage.status(), 400);
}

#[tokio::test]
async fn the_trap_field_and_the_daily_limit_keep_robots_out() {
    let app = TestApp::spawn().await;
    let trapped = app
        .post_pairs(
            "/api/join",
            None,
            &application(&[("homepage", "http://spam.example")]),
        )
        .await;
    assert_eq!(trapped.status(), 400);

    assert_eq!(app.count("applications").await, 0);

    for n in 0..app::joining::store::PER_ADDRESS.most {
        let response = app
            .post_pairs(
                "/api/join",
                None,
                &application(&[("form[name]", &format!("Stuudio {n}"))]),
            )
            .await;
        assert_eq!(response.status(), 200, "application {n}");
    }
    let refused = app.post_pairs("/api/join", None, &application(&[])).await;
    assert_eq!(refused.status(), 422);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(error["Invalid"]["problem"], "TooManyApplications");
    assert_eq!(
        app.count("applications").await,
        app::joining::store::PER_ADDRESS.most
    );
}

#[tokio::test]
async fn a_plain_form_post_comes_back_to_the_page_told_the_outcome() {
    let app = TestApp::spawn().await;
    let post = |pairs: Vec<(String, String)>| {
        app.client
            .post(app.url("/api/join"))
            .header("accept", "text/html")
            .form(&pairs)
            .send()
    };
    let sent = post(application(&[])).await.unwrap();
    assert_eq!(sent.status(), 302);
    assert_eq!(sent.headers()["location"], "/ru/join?sent=1");
    let (_, html) = app.page("/ru/join?sent=1").await;
    assert!(html.contains("Спасибо! Заявка отправлена."));

    let refused = post(application(&[("contact[email]", "maria")]))
        .await
        .unwrap();
    assert_eq!(refused.headers()["location"], "/ru/join?problem=NotAnEmail");
    let (_, html) = app.page("/ru/join?problem=NotAnEmail").await;
    assert!(
        html.contains("Это не адрес электронной почты."),
        "the reason is shown"
    );
}

#[tokio::test]
async fn only_a_coordinator_sees_and_decides_applications() {
    let app = TestApp::spawn().await;
    app.post_pairs("/api/join", None, &application(&[])).await;
    let id = pending_id(&app).await.to_string();
    for (path, form) in [
        ("/api/coordinator/applications", vec![("lang", "et")]),
        (
            "/api/coordinator/applications/get",
            vec![("lang", "et"), ("id", &id)],
        ),
        (
            "/api/coordinator/applications/reject",
            vec![("id", &id), ("reason", "x")],
        ),
        ("/api/coordinator/applications/erase", vec![("id", &id)]),
        ("/api/coordinator/outbox", vec![]),
    ] {
        assert_eq!(app.post(path, None, &form).await.status(), 401, "{path}");
    }
    let approve = with(application(&[]), &[("id", &id)]);
    let response = app
        .post_pairs("/api/coordinator/applications/approve", None, &approve)
        .await;
    assert_eq!(response.status(), 401);
    assert_eq!(
        app.count("outbox").await,
        1,
        "only the confirmation that it arrived"
    );
    assert_eq!(app.count("applications").await, 1, "still there, undecided");
}

#[tokio::test]
async fn the_coordinator_corrects_and_approves_an_application_and_the_directory_shows_it() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    app.post_pairs("/api/join", None, &application(&[])).await;
    let id = pending_id(&app).await;
    let list: serde_json::Value = app
        .post(
            "/api/coordinator/applications",
            Some(&session),
            &[("lang", "en")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["name"], "Narva Savikoda");
    assert_eq!(list[0]["municipality"], "Narva");
    assert_eq!(list[0]["contact"], "Мария Иванова <maria@savikoda.example>");
    let review: serde_json::Value = app
        .post(
            "/api/coordinator/applications/get",
            Some(&session),
            &[("lang", "en"), ("id", &id.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(review["status"], "pending");
    assert_eq!(review["language"], "Russian");
    assert!(
        review["consent"]
            .as_str()
            .unwrap()
            .starts_with("Я согласен(на)")
    );
    assert_eq!(review["form"]["description_et"], "Disainistuudio");

    // The coordinator's correction is checked like any entry: a bad one is refused.
    let bad = with(
        entry_form("Narva Savikoda OÜ", &[("form[website]", "savikoda")]),
        &[("id", &id.to_string())],
    );
    let refused = app
        .post_pairs(
            "/api/coordinator/applications/approve",
            Some(&session),
            &bad,
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(
        app.count("outbox").await,
        1,
        "only the confirmation that it arrived"
    );

    let corrected = with(
        entry_form("Narva Savikoda OÜ", &[]),
        &[("id", &id.to_string())],
    );
    let approved = app
        .post_pairs(
            "/api/coordinator/applications/approve",
            Some(&session),
            &corrected,
        )
        .await;
    assert_eq!(approved.status(), 200);
    let entry: i64 = approved.json().await.unwrap();
    // The entry's personal data names the application it came from, with the consent.
    let data: serde_json::Value = app
        .get_as(
            &format!("/api/coordinator/directory/{entry}-personal-data.json"),
            &session,
        )
        .await
        .json()
        .await
        .unwrap();
    let applications = data["applications"].as_array().unwrap();
    assert_eq!(applications.len(), 1);
    assert_eq!(applications[0]["contact_email"], "maria@savikoda.example");
    assert_eq!(applications[0]["status"], "approved");
    assert!(
        applications[0]["consent"]
            .as_str()
            .unwrap()
            .starts_with("Я согласен(на)")
    );
    let (_, page) = app.page("/en/directory?q=savikoda").await;
    assert!(page.contains("Narva Savikoda OÜ"), "published at once");
    let outbox: serde_json::Value = app
        .post("/api/coordinator/outbox", Some(&session), &[])
        .await
        .json()
        .await
        .unwrap();
    let message = &outbox["messages"][0];
    assert_eq!(message["recipient"], "maria@savikoda.example");
    assert_eq!(
        message["status"], "waiting",
        "no SMTP_URL in tests: it waits"
    );
    assert!(
        message["body"]
            .as_str()
            .unwrap()
            .contains("https://loomeklaster.example/ru/directory/narva-savikoda-ou")
    );
    let again = app
        .post_pairs(
            "/api/coordinator/applications/approve",
            Some(&session),
            &corrected,
        )
        .await;
    assert_eq!(again.status(), 422);
    let error: serde_json::Value = again.json().await.unwrap();
    assert_eq!(error["Invalid"]["problem"], "AlreadyDecided");
    let actions = app.audit_actions().await;
    assert!(
        actions.ends_with(&[
            "application.submitted".to_owned(),
            "organisation.created".to_owned(),
            "application.approved".to_owned(),
            "organisation.data_exported".to_owned(),
        ]),
        "{actions:?}"
    );
}

#[tokio::test]
async fn a_rejection_needs_a_reason_which_the_applicant_is_told() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    app.post_pairs("/api/join", None, &application(&[])).await;
    let id = pending_id(&app).await.to_string();
    let reject = |reason: &'static str| {
        let id = id.clone();
        let session = session.clone();
        let app = &app;
        async move {
            app.post(
                "/api/coordinator/applications/reject",
                Some(&session),
                &[("id", &id), ("reason", reason)],
            )
            .await
        }
    };
    let blank = reject("   ").await;
    assert_eq!(blank.status(), 422);
    assert_eq!(
        app.count("outbox").await,
        1,
        "only the confirmation that it arrived"
    );
    assert_eq!(reject("Вне творческой сферы.").await.status(), 200);
    let body: String = sqlx::query_scalar("SELECT body FROM outbox ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(body.contains("Причина:\n\nВне творческой сферы."), "{body}");
    let reason: Option<String> = sqlx::query_scalar("SELECT reason FROM applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reason.as_deref(), Some("Вне творческой сферы."));
}

#[tokio::test]
async fn applications_sent_all_at_once_are_held_to_the_daily_limit() {
    let app = TestApp::spawn_with(|settings| settings.database_connections = 8).await;
    let sends = (0..10).map(|n| {
        let app = &app;
        async move {
            let name = format!("Stuudio {n}");
            app.post_pairs("/api/join", None, &application(&[("form[name]", &name)]))
                .await
                .status()
                .as_u16()
        }
    });
    let mut statuses = futures::future::join_all(sends).await;
    statuses.sort();
    assert_eq!(
        statuses,
        [[200; 5].as_slice(), [422; 5].as_slice()].concat()
    );
    assert_eq!(
        app.count("applications").await,
        app::joining::store::PER_ADDRESS.most
    );
}

#[tokio::test]
async fn the_public_check_tells_nothing_about_hidden_entries() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let saved = app
        .post_pairs(
            "/api/coordinator/directory/save",
            Some(&session),
            &with(
                entry_form("Varjatud Stuudio", &[("form[registry_code]", "10421629")]),
                &[("form[published]", "false")],
            ),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let problems = |pairs: Vec<(String, String)>| {
        let app = &app;
        async move {
            let check: serde_json::Value = app
                .post_pairs("/api/join/check", None, &pairs)
                .await
                .json()
                .await
                .unwrap();
            check.to_string()
        }
    };
    let hidden_code = problems(application(&[("form[registry_code]", "10421629")])).await;
    let unused_code = problems(application(&[("form[registry_code]", "10060701")])).await;
    assert_eq!(hidden_code, "[]");
    assert_eq!(hidden_code, unused_code, "the same answer either way");
    // The coordinator, deciding, is told.
    let check: serde_json::Value = app
        .post_pairs(
            "/api/coordinator/directory/check",
            Some(&session),
            &entry_form("Uus", &[("form[registry_code]", "10421629")]),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(check.to_string().contains("RegistryCodeTaken"), "{check}");
}

#[tokio::test]
async fn the_applicant_is_told_it_arrived_and_coordinators_who_asked_are_told_of_it() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    app.add_account("quiet@ivek.example", app::accounts::Role::Coordinator)
        .await;
    let notifications = || async {
        app.post("/api/coordinator/notifications", Some(&session), &[])
            .await
            .json::<Option<String>>()
            .await
            .unwrap()
    };
    assert_eq!(notifications().await, None);
    // Asked for on the English page: notices come in English. Strangers cannot ask.
    let set = |fields: &'static [(&'static str, &'static str)]| {
        app.post("/api/coordinator/notifications/set", Some(&session), fields)
    };
    assert_eq!(
        set(&[("lang", "en"), ("applications", "on")])
            .await
            .status(),
        200
    );
    assert_eq!(notifications().await.as_deref(), Some("en"));
    let stranger = app
        .post(
            "/api/coordinator/notifications/set",
            None,
            &[("lang", "en"), ("applications", "on")],
        )
        .await;
    assert_eq!(stranger.status(), 401);

    app.post_pairs("/api/join", None, &application(&[])).await;
    let id = pending_id(&app).await;
    let told = app.mail_to("maria@savikoda.example").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].0, "Мы получили вашу заявку: Narva Savikoda");
    assert!(told[0].1.starts_with("Здравствуйте, Мария Иванова,"));
    let notice = app.mail_to("piia@ivek.example").await;
    assert_eq!(notice.len(), 1);
    assert_eq!(notice[0].0, "New application: Narva Savikoda");
    assert!(
        notice[0].1.contains(&format!(
            "{}/en/admin/applications/{id}",
            super::support::ORIGIN
        )),
        "{}",
        notice[0].1
    );
    assert!(app.mail_to("quiet@ivek.example").await.is_empty());

    // Unticked (the browser sends no field): no more notices.
    assert_eq!(set(&[("lang", "en")]).await.status(), 200);
    assert_eq!(notifications().await, None);
    app.post_pairs(
        "/api/join",
        None,
        &application(&[("form[name]", "Sillamäe Studio")]),
    )
    .await;
    assert_eq!(app.mail_to("piia@ivek.example").await.len(), 1);
    assert!(
        app.audit_actions()
            .await
            .contains(&"user.notifications".to_owned())
    );
}
