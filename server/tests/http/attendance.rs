//! Attendance at the door: marks and walk-ins a phone sends (again, late, many at once), one
//! mark from the plain form, and the check-in page a registrant's QR code opens.

use crate::support::{ORIGIN, Session, TestApp};
use futures::future::join_all;
use serde_json::{Value, json};

/// The id of "Counselling in Jõhvi" (two places) with three people added: Mari and Jüri with
/// places, Oleg waiting. Their registration ids by name.
async fn counselling(app: &TestApp, session: &Session) -> (i64, [i64; 3]) {
    let event = app.event_id("noustamine-johvi").await;
    let mut ids = [0; 3];
    for (index, person) in [
        ("Mari Maasikas", "mari@x.ee", ""),
        ("Jüri Juurikas", "jyri@x.ee", ""),
        ("Oleg Petrov", "oleg@x.ee", ""),
    ]
    .into_iter()
    .enumerate()
    {
        ids[index] = app.add_registration(session, event, person, "et").await;
    }
    (event, ids)
}

async fn sync(app: &TestApp, session: &Session, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/coordinator/attendance/sync"))
        .header("cookie", session.cookie_header())
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn mark(registration: i64, present: bool, clock: i64) -> Value {
    json!({ "registration": registration, "present": present, "clock": clock })
}

fn walk_in(key: &str, name: &str, email: &str, clock: i64) -> Value {
    json!({
        "key": key, "name": name, "email": email, "organisation": "Loomekoda OÜ",
        "lang": "ru", "clock": clock
    })
}

/// The names marked present, by name.
async fn present(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT name FROM registrations WHERE attended_at IS NOT NULL ORDER BY name")
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

/// Clocks of the phone: a minute apart, some minutes ago.
fn at(minute: i64) -> i64 {
    jiff::Timestamp::now().as_millisecond() - 600_000 + minute * 60_000
}

#[tokio::test]
async fn marks_sent_twice_or_late_change_nothing_and_walk_ins_are_added_once() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (event, [mari, jyri, oleg]) = counselling(&app, &session).await;

    let body = json!({
        "lang": "en", "id": event,
        "marks": [mark(mari, true, at(1)), mark(oleg, true, at(1))],
        "walk_ins": [walk_in("walk-in-0001", "Anna Kask", "anna@x.ee", at(2))],
    });
    let first = sync(&app, &session, body.clone()).await;
    assert_eq!(first.status(), 200);
    let synced: Value = first.json().await.unwrap();
    let attendees = synced["sheet"]["attendees"].as_array().unwrap();
    let shown: Vec<(&str, bool)> = attendees
        .iter()
        .map(|a| (a["name"].as_str().unwrap(), a["present"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Anna Kask", true),
            ("Jüri Juurikas", false),
            ("Mari Maasikas", true),
            ("Oleg Petrov", true),
        ],
        "everyone by name, the walk-in present"
    );
    assert_eq!(
        attendees[3]["waiting"], true,
        "Oleg came from the waiting list"
    );
    assert_eq!(attendees[0]["walk_in"], true);

    // The phone never heard the answer and sends it all again: nothing changes.
    let again = sync(&app, &session, body).await;
    assert_eq!(again.status(), 200);
    assert_eq!(
        present(&app).await,
        ["Anna Kask", "Mari Maasikas", "Oleg Petrov"]
    );
    assert_eq!(app.count("registrations").await, 4, "Anna added once");
    let anna: (String, String, Option<String>) = sqlx::query_as(
        "SELECT status, lang, organisation FROM registrations WHERE email = 'anna@x.ee'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        anna,
        ("confirmed".into(), "ru".into(), Some("Loomekoda OÜ".into()))
    );
    let marked = app
        .audit_actions()
        .await
        .into_iter()
        .filter(|action| action == "attendance.marked")
        .count();
    assert_eq!(marked, 1, "the repeat wrote no audit line");

    // A second phone's older mark arrives late: the later one stands. A newer one wins.
    let late =
        json!({ "lang": "et", "id": event, "marks": [mark(mari, false, at(0))], "walk_ins": [] });
    assert_eq!(sync(&app, &session, late).await.status(), 200);
    assert!(present(&app).await.contains(&"Mari Maasikas".to_owned()));
    let undo =
        json!({ "lang": "et", "id": event, "marks": [mark(mari, false, at(3))], "walk_ins": [] });
    assert_eq!(sync(&app, &session, undo).await.status(), 200);
    assert_eq!(present(&app).await, ["Anna Kask", "Oleg Petrov"]);
    // In one batch, the later of two marks for the same person stands.
    let both = json!({ "lang": "et", "id": event,
        "marks": [mark(jyri, true, at(4)), mark(jyri, false, at(5))], "walk_ins": [] });
    assert_eq!(sync(&app, &session, both).await.status(), 200);
    assert!(!present(&app).await.contains(&"Jüri Juurikas".to_owned()));

    // A walk-in who had registered: their registration is marked, no one is added.
    let registered = json!({ "lang": "et", "id": event, "marks": [],
        "walk_ins": [walk_in("walk-in-0002", "Jüri J.", "JYRI@x.ee", at(6))] });
    assert_eq!(sync(&app, &session, registered).await.status(), 200);
    assert!(present(&app).await.contains(&"Jüri Juurikas".to_owned()));
    assert_eq!(app.count("registrations").await, 4);

    // A refused walk-in comes back with why; the rest of the batch is applied.
    let refused: Value = sync(
        &app,
        &session,
        json!({ "lang": "et", "id": event, "marks": [],
            "walk_ins": [walk_in("walk-in-0003", "Pille", "pille-at-x.ee", at(7)),
                         walk_in("walk-in-0004", "Tiit Tamm", "tiit@x.ee", at(7))] }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(refused["refused"][0]["walk_in"]["name"], "Pille");
    assert_eq!(refused["refused"][0]["field"], "email");
    assert_eq!(refused["refused"][0]["problem"], "NotAnEmail");
    assert_eq!(app.count("registrations").await, 5, "Tiit added, Pille not");
}

#[tokio::test]
async fn a_sync_out_of_bounds_is_refused_whole() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (event, [mari, ..]) = counselling(&app, &session).await;
    let far_ahead = jiff::Timestamp::now().as_millisecond() + 3 * 86_400_000;
    let too_many: Vec<Value> = (0..501).map(|i| mark(mari, i % 2 == 0, at(i))).collect();
    for (why, body) in [
        (
            "a clock days ahead",
            json!({ "lang": "et", "id": event,
            "marks": [mark(mari, true, far_ahead)], "walk_ins": [] }),
        ),
        (
            "a clock before 1970",
            json!({ "lang": "et", "id": event,
            "marks": [mark(mari, true, -1)], "walk_ins": [] }),
        ),
        (
            "too many marks",
            json!({ "lang": "et", "id": event, "marks": too_many, "walk_ins": [] }),
        ),
        (
            "no such event",
            json!({ "lang": "et", "id": 999_999, "marks": [], "walk_ins": [] }),
        ),
        (
            "not a mark",
            json!({ "lang": "et", "id": event, "marks": [{"registration": "x"}], "walk_ins": [] }),
        ),
    ] {
        let answer = sync(&app, &session, body).await;
        let status = answer.status().as_u16();
        assert!((400..500).contains(&status), "{why}: {status}");
    }
    assert!(present(&app).await.is_empty(), "nothing half-applied");
    // Another event's registration is not this event's to mark.
    let other: i64 =
        sqlx::query_scalar("SELECT id FROM events WHERE slug <> 'noustamine-johvi' LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let wrong =
        json!({ "lang": "et", "id": other, "marks": [mark(mari, true, at(1))], "walk_ins": [] });
    assert_eq!(sync(&app, &session, wrong).await.status(), 200);
    assert!(present(&app).await.is_empty());
}

#[tokio::test]
async fn many_phones_sending_the_same_walk_in_at_once_add_it_once() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (event, [mari, ..]) = counselling(&app, &session).await;
    let body = json!({ "lang": "et", "id": event, "marks": [mark(mari, true, at(1))],
        "walk_ins": [walk_in("walk-in-same", "Anna Kask", "anna@x.ee", at(1))] });
    let answers = join_all((0..24).map(|_| sync(&app, &session, body.clone()))).await;
    for answer in answers {
        assert_eq!(answer.status(), 200);
    }
    let annas: i64 =
        sqlx::query_scalar("SELECT count(*) FROM registrations WHERE email = 'anna@x.ee'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(annas, 1);
    assert_eq!(present(&app).await, ["Anna Kask", "Mari Maasikas"]);
}

#[tokio::test]
async fn the_page_works_without_javascript_and_is_the_coordinators_alone() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (event, [mari, ..]) = counselling(&app, &session).await;
    let page = format!("/en/admin/events/{event}/attendance");

    let stranger = app.navigate(&page, None).await;
    assert_eq!(stranger.status(), 303, "sent to sign in");
    assert!(!stranger.text().await.unwrap().contains("Mari Maasikas"));

    let html = app
        .navigate(&page, Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Present: 0 of 3"), "{html}");
    assert!(html.contains("Mari Maasikas") && html.contains("waiting list"));
    assert!(html.contains(r#"aria-pressed="false""#));

    // A tap as a plain form post: marked, and back to the list at that person.
    let tap = app
        .client
        .post(app.url("/api/coordinator/attendance/mark"))
        .header("cookie", session.cookie_header())
        .header("accept", "text/html")
        .form(&[
            ("lang", "en"),
            ("id", &event.to_string()),
            ("registration", &mari.to_string()),
            ("present", "true"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(tap.status(), 302);
    assert_eq!(
        tap.headers()["location"],
        format!("/en/admin/events/{event}/attendance#attendee-{mari}").as_str()
    );
    assert_eq!(present(&app).await, ["Mari Maasikas"]);
    let html = app
        .navigate(&page, Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Present: 1 of 3"));

    // A walk-in from the plain form, sent twice with the key the page wrote: added once.
    let key = html
        .split(r#"name="key" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form's key")
        .to_owned();
    for _ in 0..2 {
        let added = app
            .client
            .post(app.url("/api/coordinator/attendance/walk-in"))
            .header("cookie", session.cookie_header())
            .header("accept", "text/html")
            .form(&[
                ("lang", "en"),
                ("id", &event.to_string()),
                ("key", &key),
                ("name", "Anna Kask"),
                ("email", "anna@x.ee"),
                ("organisation", ""),
                ("mail_lang", "en"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(added.status(), 302);
    }
    assert_eq!(present(&app).await, ["Anna Kask", "Mari Maasikas"]);
    let refused = app
        .client
        .post(app.url("/api/coordinator/attendance/walk-in"))
        .header("cookie", session.cookie_header())
        .header("accept", "text/html")
        .form(&[
            ("lang", "en"),
            ("id", &event.to_string()),
            ("key", "another-key-1"),
            ("name", "Pille"),
            ("email", "pille"),
            ("mail_lang", "en"),
        ])
        .send()
        .await
        .unwrap();
    let back = refused.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        back,
        format!(
            "/en/admin/events/{event}/attendance?walk_in_field=email&walk_in_problem=NotAnEmail#walk-in-heading"
        )
    );
    let html = app
        .navigate(&back, Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(
            r#"id="walk-in-email-problem" class="field-problem">This is not an email address.<"#
        ),
        "{html}"
    );

    // The registrations page says who came, and so does its export.
    let html = app
        .navigate(&format!("/en/admin/events/{event}"), Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!(r#"href="/en/admin/events/{event}/attendance""#)));
    let csv = app
        .get_as(
            &format!("/api/coordinator/events/{event}-registrations.csv"),
            &session,
        )
        .await
        .text()
        .await
        .unwrap();
    let mari_line = csv
        .lines()
        .find(|line| line.contains("Mari Maasikas"))
        .unwrap();
    assert!(mari_line.ends_with(";yes"), "{mari_line}");
}

#[tokio::test]
async fn a_registrants_qr_code_opens_their_check_in() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (_, [mari, ..]) = counselling(&app, &session).await;
    let code: String = sqlx::query_scalar("SELECT check_in_code FROM registrations WHERE id = ?")
        .bind(mari)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(code.len(), 32);

    // The registrant's private page shows the code; the waiting list's does not.
    let private = app.private_link_of("mari@x.ee").await;
    let html = app.navigate(&private, None).await.text().await.unwrap();
    assert!(html.contains(r#"<svg role="img" aria-label="QR-kood kohaloleku märkimiseks""#));
    let waiting = app.private_link_of("oleg@x.ee").await;
    let html = app.navigate(&waiting, None).await.text().await.unwrap();
    assert!(!html.contains("<svg role=\"img\""));
    let (_, body) = app.mail_to("mari@x.ee").await.pop().unwrap();
    assert!(body.contains("QR-koodi"), "{body}");
    let check_in: String =
        sqlx::query_scalar("SELECT check_in FROM outbox WHERE recipient = 'mari@x.ee'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(check_in, format!("{ORIGIN}/et/admin/check-in/{code}"));

    let page = format!("/et/admin/check-in/{code}");
    assert_eq!(
        app.navigate(&page, None).await.status(),
        303,
        "sign in first"
    );
    let html = app
        .navigate(&page, Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Mari Maasikas") && html.contains("Märgi kohalolijaks"));
    assert!(
        present(&app).await.is_empty(),
        "opening the page marks no one"
    );

    let marked = app
        .post(
            "/api/coordinator/check-in/mark",
            Some(&session),
            &[("lang", "et"), ("code", &code)],
        )
        .await;
    assert_eq!(marked.status(), 200);
    assert_eq!(present(&app).await, ["Mari Maasikas"]);
    let html = app
        .navigate(&page, Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Mari Maasikas on märgitud kohalolijaks."));

    for unknown in ["0".repeat(32), "not-a-code".into(), "A".repeat(32)] {
        let answer = app
            .post(
                "/api/coordinator/check-in/mark",
                Some(&session),
                &[("lang", "et"), ("code", &unknown)],
            )
            .await;
        assert_eq!(answer.status(), 404, "{unknown}");
        let page = app
            .navigate(&format!("/et/admin/check-in/{unknown}"), Some(&session))
            .await;
        assert_eq!(page.status(), 404, "{unknown}");
    }
}
