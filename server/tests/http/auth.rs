//! Accounts, sessions and the role checks, through real HTTP.

use super::support::{PASSWORD, Session, TestApp};
use app::accounts::store::Role;
use futures::future::join_all;

const COORDINATOR: &str = "piia@ivek.example";
const ADMIN: &str = "admin@ivek.example";

/// The server functions anyone may call. Every other one must be under a protected prefix;
/// a new function that is neither listed here nor protected fails
/// `every_protected_server_function_refuses_callers_without_the_role`.
const PUBLIC_FUNCTIONS: [&str; 38] = [
    "/api/directory",
    "/api/join",
    "/api/join/check",
    "/api/join/form",
    "/api/organisation",
    "/api/events",
    "/api/funding",
    "/api/funding/call",
    "/api/counselling",
    "/api/counselling/book",
    "/api/counselling/booking",
    "/api/counselling/cancel",
    "/api/event",
    "/api/register",
    "/api/registration",
    "/api/registration/cancel",
    "/api/registration/facts/withdraw",
    "/api/feedback",
    "/api/feedback/give",
    "/api/certificate",
    "/api/home-overview",
    "/api/login",
    "/api/logout",
    "/api/account",
    "/api/password-reset",
    "/api/password-reset/check",
    "/api/password-reset/new",
    "/api/entry-check",
    "/api/entry-check/confirm",
    "/api/entry-check/propose",
    "/api/entry-check/ask",
    "/api/newsletter/subscribe",
    "/api/newsletter/confirm",
    "/api/newsletter/subscription",
    "/api/newsletter/subscription/change",
    "/api/newsletter/subscription/end",
    "/api/newsletter/archive",
    "/api/newsletter/edition",
];

fn error_of(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"))
}

#[tokio::test]
async fn signing_in_sets_a_hardened_session_cookie_and_opens_the_dashboard() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let response = app.log_in_response(COORDINATOR, PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["location"], "/et/admin");
    let session = Session::from_response(&response).unwrap();
    assert_eq!(session.name, "__Host-session", "served over https");
    for attribute in [
        "HttpOnly",
        "SameSite=Lax",
        "Secure",
        "Path=/",
        "Max-Age=7200",
    ] {
        assert!(
            session.set_cookie.contains(attribute),
            "{attribute} in {}",
            session.set_cookie
        );
    }
    assert!(!session.set_cookie.contains("Domain"));

    let dashboard = app.get_as("/et/admin", &session).await;
    assert_eq!(dashboard.status(), 200);
    assert_eq!(dashboard.headers()["cache-control"], "no-store");
    let html = dashboard.text().await.unwrap();
    assert!(html.contains("<h1>Töölaud</h1>"), "{html}");
    assert!(html.contains(COORDINATOR));
    assert!(html.contains("Avaldatud kirjeid"));
    assert!(
        !html.contains("/et/admin/accounts"),
        "a coordinator is not led to the admin's accounts page"
    );
    assert_eq!(app.who(&session).await.as_deref(), Some(COORDINATOR));
}

#[tokio::test]
async fn admin_pages_without_a_session_send_to_sign_in_and_back_after_it() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    for path in [
        "/et/admin",
        "/ru/admin/audit?page=2",
        "/en/admin/password",
        "/en/admin/events/1/edit",
    ] {
        let lang = &path[1..3];
        let expected = format!(
            "/{lang}/login?next={}",
            app::shared::query::encode_query_value(path)
        );
        // A browser, and anything else (a cache, a crawler), gets a real redirect and no page.
        for response in [app.navigate(path, None).await, app.get(path).await] {
            assert_eq!(response.status(), 303, "{path}");
            assert_eq!(response.headers()["location"], expected.as_str());
            let body = response.text().await.unwrap();
            assert!(!body.contains("<h1>"), "{path}: {body}");
        }
    }
    // A session that has ended is no session.
    let stale = Session {
        name: "__Host-session".into(),
        value: "bm90IGEgc2Vzc2lvbg".into(),
        set_cookie: String::new(),
    };
    assert_eq!(app.navigate("/et/admin", Some(&stale)).await.status(), 303);
    // Pages that only look like admin pages are not held back.
    assert_eq!(app.page("/et/administration").await.0, 404);
    let (status, login) = app.page("/ru/login?next=%2Fru%2Fadmin%2Faudit").await;
    assert_eq!(status, 200);
    assert!(login.contains("<h1>Вход</h1>"));
    assert!(login.contains(r#"name="next" value="/ru/admin/audit""#));

    let response = app
        .post(
            "/api/login",
            None,
            &[
                ("lang", "ru"),
                ("email", COORDINATOR),
                ("password", PASSWORD),
                ("next", "/ru/admin/audit"),
            ],
        )
        .await;
    assert_eq!(response.headers()["location"], "/ru/admin/audit");
    // Never to another site.
    let response = app
        .post(
            "/api/login",
            None,
            &[
                ("lang", "en"),
                ("email", COORDINATOR),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(response.headers()["location"], "/en/admin");
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in_and_dies_at_sign_out() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let first = app.log_in(COORDINATOR, PASSWORD).await;
    // Signing in again from the same browser (with the old cookie) gives a new id.
    let again = app
        .client
        .post(app.url("/api/login"))
        .header("cookie", first.cookie_header())
        .form(&[
            ("lang", "et"),
            ("email", COORDINATOR),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let second = Session::from_response(&again).unwrap();
    assert_ne!(first.value, second.value);
    assert_eq!(app.who(&first).await, None, "the old id is dead");
    assert_eq!(app.who(&second).await.as_deref(), Some(COORDINATOR));

    let out = app
        .post("/api/logout", Some(&second), &[("lang", "en")])
        .await;
    assert_eq!(out.headers()["location"], "/en/login?signed_out=1");
    let removal = out
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(removal.contains("__Host-session=;"), "{removal}");
    assert!(removal.contains("Max-Age=0"), "{removal}");
    assert_eq!(app.who(&second).await, None);
    assert_eq!(app.navigate("/en/admin", Some(&second)).await.status(), 303);
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0, "nothing is left in the database");
    assert_eq!(
        app.audit_actions().await,
        [
            "user.created",
            "login.succeeded",
            "login.succeeded",
            "logout"
        ]
    );
}

#[tokio::test]
async fn a_wrong_password_an_unknown_email_and_a_disabled_account_look_the_same() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    app.add_account("gone@ivek.example", Role::Coordinator)
        .await;
    sqlx::query(
        "UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE email = 'gone@ivek.example'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let mut answers = Vec::new();
    for (email, password) in [
        (COORDINATOR, "not the password at all"),
        ("nobody@ivek.example", PASSWORD),
        ("gone@ivek.example", PASSWORD),
    ] {
        let checked = app::accounts::password::checked();
        let response = app.log_in_response(email, password).await;
        // The same work for each: one argon2id check of the same cost (the unknown email is
        // checked against a decoy hash made with the same parameters).
        assert_eq!(app::accounts::password::checked() - checked, 1, "{email}");
        assert!(Session::from_response(&response).is_none());
        answers.push((response.status().as_u16(), response.text().await.unwrap()));
    }
    assert_eq!(answers[0], (401, r#""WrongCredentials""#.to_owned()));
    assert_eq!(answers[1], answers[0]);
    assert_eq!(answers[2], answers[0]);
}

#[tokio::test]
async fn after_five_failures_an_account_waits_with_a_clear_message() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    for _ in 0..5 {
        let response = app.log_in_response(COORDINATOR, "guessing wrong").await;
        assert_eq!(response.status(), 401);
    }
    let response = app.log_in_response(COORDINATOR, PASSWORD).await;
    assert_eq!(response.status(), 429, "even the right password waits");
    assert_eq!(response.text().await.unwrap(), r#""TooManyAttempts""#);

    // A plain form post (no JavaScript) goes back to the form, which says why.
    let response = app
        .client
        .post(app.url("/api/login"))
        .header("accept", "text/html")
        .header("referer", app.url("/en/login"))
        .form(&[
            ("lang", "en"),
            ("email", COORDINATOR),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let back = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(back, "/en/login?error=wait");
    let (_, page) = app.page(&back).await;
    assert!(page.contains("Too many failed attempts. Please try again in 15 minutes."));
}

#[tokio::test]
async fn after_twenty_failures_from_one_address_every_account_waits() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    for n in 0..20 {
        let response = app
            .log_in_response(&format!("guess{n}@ivek.example"), "wrong")
            .await;
        assert_eq!(response.status(), 401);
    }
    let response = app.log_in_response(COORDINATOR, PASSWORD).await;
    assert_eq!(response.status(), 429);
}

/// Signs in with an `X-Real-IP` header and returns the address the audit log recorded.
async fn address_recorded_behind_a_proxy(app: &TestApp) -> String {
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let response = app
        .client
        .post(app.url("/api/login"))
        .header("x-real-ip", "198.51.100.23")
        .form(&[
            ("lang", "et"),
            ("email", COORDINATOR),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    sqlx::query_scalar("SELECT address FROM audit_log WHERE action = 'login.succeeded'")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_proxy_header_names_the_client_only_when_configured() {
    let app = TestApp::spawn_with(|settings| {
        settings.client_ip_header = Some("x-real-ip".into());
    })
    .await;
    assert_eq!(address_recorded_behind_a_proxy(&app).await, "198.51.100.23");
    drop(app);
    let plain = TestApp::spawn().await;
    assert_eq!(
        address_recorded_behind_a_proxy(&plain).await,
        "127.0.0.1",
        "without the setting, the header is ignored"
    );
}

#[tokio::test]
async fn every_protected_server_function_refuses_callers_without_the_role() {
    let app = TestApp::spawn().await;
    app.add_account(ADMIN, Role::Admin).await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let disabled_id = app.add_account("gone@ivek.example", Role::Admin).await;
    let admin = app.log_in(ADMIN, PASSWORD).await;
    let coordinator = app.log_in(COORDINATOR, PASSWORD).await;
    let disabled = app.log_in("gone@ivek.example", PASSWORD).await;
    sqlx::query("UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE id = ?")
        .bind(disabled_id)
        .execute(&app.pool)
        .await
        .unwrap();

    let mut protected = 0;
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        if PUBLIC_FUNCTIONS.contains(&path) {
            continue;
        }
        // A GET can be sent by an image tag on any site; nothing protected may answer one.
        assert_eq!(method.as_str(), "POST", "{path}");
        let needed = server::sessions::PROTECTED_PREFIXES
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix))
            .map(|(_, role)| *role)
            .unwrap_or_else(|| panic!("{path} is neither public nor under a protected prefix"));
        protected += 1;
        for (who, session) in [("nobody", None), ("a disabled account", Some(&disabled))] {
            let response = app.post(path, session, &[]).await;
            assert_eq!(response.status(), 401, "{path} called by {who}");
            assert_eq!(response.text().await.unwrap(), r#""SignInRequired""#);
        }
        let allowed = match needed {
            Role::Admin => {
                let response = app.post(path, Some(&coordinator), &[]).await;
                assert_eq!(response.status(), 403, "{path} called by a coordinator");
                &admin
            }
            Role::Coordinator => &coordinator,
        };
        // With the role the gate lets the call through (to its own argument checks).
        let status = app.post(path, Some(allowed), &[]).await.status().as_u16();
        assert!(![401, 403].contains(&status), "{path}: {status}");
    }
    assert!(protected >= 6, "only {protected} protected functions found");
}

#[tokio::test]
async fn the_admin_adds_disables_and_enables_accounts_and_disabling_ends_sessions() {
    let app = TestApp::spawn().await;
    app.add_account(ADMIN, Role::Admin).await;
    let admin = app.log_in(ADMIN, PASSWORD).await;

    let response = app
        .post(
            "/api/admin/accounts/add",
            Some(&admin),
            &[
                ("email", "uus@ivek.example"),
                ("role", "coordinator"),
                ("lang", "et"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    // The newcomer chooses a password through the invitation's link.
    let (_, invitation) = app.mail_to("uus@ivek.example").await.pop().unwrap();
    let start = invitation.find("?token=").unwrap() + 7;
    let token = invitation[start..].split_whitespace().next().unwrap();
    let chosen = app
        .post(
            "/api/password-reset/new",
            None,
            &[
                ("lang", "et"),
                ("token", token),
                ("new", PASSWORD),
                ("repeat", PASSWORD),
            ],
        )
        .await;
    assert_eq!(chosen.status(), 200);
    let newcomer = app.log_in("uus@ivek.example", PASSWORD).await;

    for (email, problem) in [
        ("UUS@ivek.example", "EmailTaken"),
        ("not an address", "NotAnEmail"),
    ] {
        let response = app
            .post(
                "/api/admin/accounts/add",
                Some(&admin),
                &[("email", email), ("role", "coordinator"), ("lang", "et")],
            )
            .await;
        assert_eq!(response.status(), 422);
        let error = error_of(&response.text().await.unwrap());
        assert_eq!(error["Invalid"]["field"], "email");
        assert_eq!(error["Invalid"]["problem"], problem);
    }

    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'uus@ivek.example'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let id = id.to_string();
    let response = app
        .post(
            "/api/admin/accounts/disabled",
            Some(&admin),
            &[("id", &id), ("disabled", "true")],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(app.who(&newcomer).await, None, "the session ended at once");
    assert_eq!(
        app.log_in_response("uus@ivek.example", PASSWORD)
            .await
            .status(),
        401
    );

    let (_, page) = {
        let response = app.get_as("/et/admin/accounts", &admin).await;
        (response.status(), response.text().await.unwrap())
    };
    assert!(page.contains("uus@ivek.example"));
    assert!(page.contains("Keelatud"));
    assert!(page.contains("Luba uuesti"));

    app.post(
        "/api/admin/accounts/disabled",
        Some(&admin),
        &[("id", &id), ("disabled", "false")],
    )
    .await;
    app.log_in("uus@ivek.example", PASSWORD).await;

    let own_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = ?")
        .bind(ADMIN)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let response = app
        .post(
            "/api/admin/accounts/disabled",
            Some(&admin),
            &[("id", &own_id.to_string()), ("disabled", "true")],
        )
        .await;
    assert_eq!(response.status(), 422, "no admin locks themselves out");

    let actions = app.audit_actions().await;
    for expected in ["user.created", "user.disabled", "user.enabled"] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected}: {actions:?}"
        );
    }
    let (by, address): (i64, String) =
        sqlx::query_as("SELECT user_id, address FROM audit_log WHERE action = 'user.disabled'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((by, address.as_str()), (own_id, "127.0.0.1"));
}

#[tokio::test]
async fn changing_the_password_checks_it_and_ends_the_other_sessions() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let here = app.log_in(COORDINATOR, PASSWORD).await;
    let elsewhere = app.log_in(COORDINATOR, PASSWORD).await;
    let new = "Kohtla-Järve kaevandusmuuseum";

    for (current, new_password, repeat, field, problem) in [
        ("wrong one", new, new, "current", "WrongPassword"),
        (PASSWORD, "short", "short", "new", "PasswordTooShort"),
        (
            PASSWORD,
            "qwerty123456",
            "qwerty123456",
            "new",
            "PasswordTooCommon",
        ),
        (PASSWORD, new, "something else", "repeat", "PasswordsDiffer"),
    ] {
        let response = app
            .post(
                "/api/coordinator/password",
                Some(&here),
                &[
                    ("current", current),
                    ("new", new_password),
                    ("repeat", repeat),
                ],
            )
            .await;
        assert_eq!(response.status(), 422, "{problem}");
        let error = error_of(&response.text().await.unwrap());
        assert_eq!(error["Invalid"]["field"], field);
        assert_eq!(error["Invalid"]["problem"], problem);
    }

    let response = app
        .post(
            "/api/coordinator/password",
            Some(&here),
            &[("current", PASSWORD), ("new", new), ("repeat", new)],
        )
        .await;
    assert_eq!(response.status(), 200);
    let renewed = Session::from_response(&response).expect("the remaining session gets a new id");
    assert_ne!(renewed.value, here.value);
    assert_eq!(app.who(&renewed).await.as_deref(), Some(COORDINATOR));
    assert_eq!(app.who(&elsewhere).await, None, "the other session ended");
    assert_eq!(
        app.log_in_response(COORDINATOR, PASSWORD).await.status(),
        401
    );
    app.log_in(COORDINATOR, new).await;
}

/// Moves a stored session `seconds` into the past, as if that much time had gone by: its
/// idle expiry and its sign-in time.
async fn age_sessions(app: &TestApp, seconds: i64) {
    sqlx::query(
        "UPDATE sessions SET expires_at = expires_at - ?1,
             data = json_set(data, '$.signed_in_at', json_extract(data, '$.signed_in_at') - ?1,
                                   '$.seen_at', json_extract(data, '$.seen_at') - ?1)",
    )
    .bind(seconds)
    .execute(&app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_session_ends_after_its_idle_time() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let session = app.log_in(COORDINATOR, PASSWORD).await;
    assert!(session.set_cookie.contains("Max-Age=7200"));
    // Used again just before its idle time is up: it lives on, from this use...
    age_sessions(&app, 7100).await;
    assert_eq!(app.who(&session).await.as_deref(), Some(COORDINATOR));
    // ...until it has been idle for two hours.
    age_sessions(&app, 7201).await;
    assert_eq!(app.who(&session).await, None);
}

#[tokio::test]
async fn a_session_ends_after_its_lifetime_however_active() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let session = app.log_in(COORDINATOR, PASSWORD).await;
    // Used every hour and a half for twelve hours: each use pushes the idle expiry back...
    for _ in 0..7 {
        age_sessions(&app, 90 * 60).await;
        assert_eq!(app.who(&session).await.as_deref(), Some(COORDINATOR));
    }
    // ...but twelve hours after signing in it ends all the same.
    age_sessions(&app, 90 * 60).await;
    assert_eq!(app.who(&session).await, None);
}

#[tokio::test]
async fn the_audit_log_lists_newest_first_and_filters_by_account_and_entity() {
    let app = TestApp::spawn().await;
    let admin_id = app.add_account(ADMIN, Role::Admin).await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    app.log_in_response(COORDINATOR, "a wrong guess").await;
    let admin = app.log_in(ADMIN, PASSWORD).await;

    let response = app.get_as("/en/admin/audit", &admin).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let newest = html.find("login.succeeded").unwrap();
    let failed = html.find("login.failed").unwrap();
    let created = html.find("user.created").unwrap();
    assert!(newest < failed && failed < created, "newest first");
    assert!(
        html.contains("command line"),
        "add-user has no account behind it"
    );

    let mine = app
        .get_as(&format!("/en/admin/audit?user={admin_id}"), &admin)
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains("login.succeeded"));
    assert!(!mine.contains("login.failed"));
    let none = app
        .get_as("/en/admin/audit?entity=organisation", &admin)
        .await
        .text()
        .await
        .unwrap();
    assert!(none.contains("The log has no lines for this choice."));
}

#[tokio::test]
async fn hostile_text_a_stranger_can_put_in_the_audit_log_renders_as_text() {
    let app = TestApp::spawn().await;
    app.add_account(ADMIN, Role::Admin).await;
    let hostile = r#"<script>alert(1)</script>"onmouseover="alert(2)@x.ee"#;
    app.log_in_response(hostile, "wrong").await;
    let admin = app.log_in(ADMIN, PASSWORD).await;
    let html = app
        .get_as("/et/admin/audit", &admin)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"), "{html}");
    // Quotes are harmless in text; what must not happen is an attribute appearing in a tag.
    let tags = html
        .split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(rest));
    for tag in tags {
        assert!(!tag.contains("onmouseover"), "<{tag}>");
    }
}

#[tokio::test]
async fn a_cross_site_post_with_a_coordinators_cookie_is_refused() {
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let session = app.log_in(COORDINATOR, PASSWORD).await;
    let new = "Kohtla-Järve kaevandusmuuseum";
    let response = app
        .client
        .post(app.url("/api/coordinator/password"))
        .header("cookie", session.cookie_header())
        .header("origin", "https://evil.example")
        .form(&[("current", PASSWORD), ("new", new), ("repeat", new)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        app.log_in_response(COORDINATOR, PASSWORD).await.status(),
        200
    );
}

/// A sign-in from `address` (the app takes the client's address from `X-Real-IP`).
async fn log_in_from(
    app: &TestApp,
    address: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/login"))
        .header("x-real-ip", address)
        .form(&[("lang", "et"), ("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

/// An app with a full pool of connections that trusts `X-Real-IP`, as behind a proxy.
async fn behind_a_proxy() -> TestApp {
    TestApp::spawn_with(|settings| {
        settings.client_ip_header = Some("x-real-ip".into());
        settings.database_connections = 8;
    })
    .await
}

/// The statuses of `responses`, counted: (status, how many), by status.
fn tally(responses: Vec<reqwest::Response>) -> Vec<(u16, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for response in responses {
        *counts.entry(response.status().as_u16()).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

#[tokio::test]
async fn wrong_passwords_sent_all_at_once_are_held_to_the_same_limits() {
    let app = behind_a_proxy().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let guesses = (0..20).map(|n| {
        let app = &app;
        async move { log_in_from(app, "203.0.113.66", COORDINATOR, &format!("guess {n}")).await }
    });
    let answers = join_all(guesses).await;
    assert_eq!(tally(answers), [(401, 5), (429, 15)]);

    let strangers =
        (0..24).map(|n| {
            let app = &app;
            async move {
                log_in_from(app, "198.51.100.7", &format!("nobody{n}@ivek.example"), "x").await
            }
        });
    let answers = join_all(strangers).await;
    assert_eq!(tally(answers), [(401, 20), (429, 4)]);
    let failures: i64 = sqlx::query_scalar("SELECT count(*) FROM login_failures")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(failures, 25);
}

#[tokio::test]
async fn a_stranger_guessing_a_coordinators_password_cannot_lock_them_out() {
    let app = behind_a_proxy().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    for _ in 0..5 {
        let answer = log_in_from(&app, "203.0.113.66", COORDINATOR, "a guess").await;
        assert_eq!(answer.status(), 401);
    }
    let answer = log_in_from(&app, "203.0.113.66", COORDINATOR, PASSWORD).await;
    assert_eq!(answer.status(), 429, "the guesser's address waits");
    let answer = log_in_from(&app, "192.0.2.10", COORDINATOR, PASSWORD).await;
    assert_eq!(answer.status(), 200, "the owner, elsewhere, does not");
}

#[tokio::test]
async fn a_stolen_session_does_not_come_back_after_the_owner_changes_the_password() {
    use tower_sessions::SessionStore;
    let app = TestApp::spawn().await;
    app.add_account(COORDINATOR, Role::Coordinator).await;
    let owner = app.log_in(COORDINATOR, PASSWORD).await;
    let stolen = app.log_in(COORDINATOR, PASSWORD).await;
    let store = app::accounts::store::sessions::SqliteSessionStore::new(app.pool.clone());
    let id = stolen.value.parse().unwrap();
    // A request on the stolen session is in flight: it has loaded the session...
    let in_flight = store
        .load(&id)
        .await
        .unwrap()
        .expect("the stolen session is live");
    let new = "Kohtla-Järve kaevandusmuuseum";
    let changed = app
        .post(
            "/api/coordinator/password",
            Some(&owner),
            &[("current", PASSWORD), ("new", new), ("repeat", new)],
        )
        .await;
    assert_eq!(changed.status(), 200);
    // ...and saves it on its way out, after the change ended it.
    store.save(&in_flight).await.unwrap();
    assert_eq!(app.who(&stolen).await, None);

    // Even put back by hand, a session from before the change is refused.
    let (data, expires_at) = (
        serde_json::to_string(&in_flight.data).unwrap(),
        in_flight.expiry_date.unix_timestamp(),
    );
    sqlx::query("INSERT INTO sessions (id, user_id, data, expires_at) VALUES (?, NULL, ?, ?)")
        .bind(&stolen.value)
        .bind(data)
        .bind(expires_at)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.who(&stolen).await, None);
    assert_eq!(
        app.get_as("/api/coordinator/directory.csv", &stolen)
            .await
            .status(),
        401
    );
    let renewed = Session::from_response(&changed).unwrap();
    assert_eq!(app.who(&renewed).await.as_deref(), Some(COORDINATOR));
}
