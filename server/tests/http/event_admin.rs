//! The coordinator's calendar over HTTP: status changes the public follows at once, drafts
//! deleted, registrations added and removed by hand, and the CSV export.

use super::support::TestApp;

async fn id_of(app: &TestApp, slug: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM events WHERE slug = ?")
        .bind(slug)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    id.to_string()
}

async fn sequence(app: &TestApp, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT sequence FROM events WHERE slug = ?")
        .bind(slug)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_coordinator_publishes_cancels_and_deletes_and_the_public_follows_at_once() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let slug = "koolitus-rahastus";
    sqlx::query("UPDATE events SET status = 'draft' WHERE slug = ?")
        .bind(slug)
        .execute(&app.pool)
        .await
        .unwrap();
    let id = id_of(&app, slug).await;
    assert_eq!(app.page(&format!("/en/events/{slug}")).await.0, 404);

    let listed = app
        .post(
            "/api/coordinator/events",
            Some(&session),
            &[("lang", "en"), ("query[status]", "draft")],
        )
        .await;
    assert_eq!(listed.status(), 200);
    let rows: serde_json::Value = listed.json().await.unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["slug"], slug);

    let before = sequence(&app, slug).await;
    let status = |to: &'static str| {
        let (app, session, id) = (&app, &session, id.clone());
        async move {
            app.post(
                "/api/coordinator/events/status",
                Some(session),
                &[("id", &id), ("status", to)],
            )
            .await
        }
    };
    assert_eq!(status("published").await.status(), 200);
    assert_eq!(app.page(&format!("/en/events/{slug}")).await.0, 200);
    assert_eq!(sequence(&app, slug).await, before + 1);

    assert_eq!(status("cancelled").await.status(), 200);
    let (_, page) = app.page(&format!("/en/events/{slug}")).await;
    assert!(page.contains("This event has been cancelled."));
    let (_, feed) = app.page("/calendar.ics").await;
    let vevent = feed
        .split("BEGIN:VEVENT")
        .find(|v| v.contains(&format!("/events/{slug}")))
        .unwrap();
    assert!(vevent.contains("STATUS:CANCELLED"));
    assert!(vevent.contains(&format!("SEQUENCE:{}", before + 2)));

    let refused = app
        .post(
            "/api/coordinator/events/delete",
            Some(&session),
            &[("id", &id)],
        )
        .await;
    assert_eq!(refused.status(), 422, "only drafts are deleted");
    let impossible = status("draft").await;
    assert_eq!(impossible.status(), 422);

    let draft = id_of(&app, "koolitus-turundus-veebis").await;
    sqlx::query("UPDATE events SET status = 'draft' WHERE id = ?")
        .bind(&draft)
        .execute(&app.pool)
        .await
        .unwrap();
    let deleted = app
        .post(
            "/api/coordinator/events/delete",
            Some(&session),
            &[("id", &draft)],
        )
        .await;
    assert_eq!(deleted.status(), 200);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE id = ?")
        .bind(&draft)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);

    let actions = app.audit_actions().await;
    for expected in ["event.published", "event.cancelled", "event.deleted"] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected}: {actions:?}"
        );
    }
    let html = app
        .get_as("/en/admin/events?status=cancelled", &session)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Funding your creative project"));
    assert!(html.contains("Publish again"));
}

#[tokio::test]
async fn the_coordinator_adds_and_removes_registrations_and_exports_them() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let id = id_of(&app, "noustamine-johvi").await;
    for (name, email) in [
        ("Mari Maasikas", "mari@x.ee"),
        ("Jüri Juurikas", "jyri@x.ee"),
        ("Олег; \"Пётр\"", "oleg@x.ee"),
    ] {
        let added = app
            .post(
                "/api/coordinator/events/registrations/add",
                Some(&session),
                &[
                    ("id", &id),
                    ("name", name),
                    ("email", email),
                    ("lang", "et"),
                ],
            )
            .await;
        assert_eq!(added.status(), 200, "{name}");
    }
    let csv = app
        .get_as(
            &format!("/api/coordinator/events/{id}-registrations.csv"),
            &session,
        )
        .await;
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][0], "confirmed");
    assert_eq!(&rows[2][0], "waiting");
    assert_eq!(&rows[2][1], "1");
    assert_eq!(&rows[2][2], "Олег; \"Пётр\"", "quoted, not split");

    let first: i64 = sqlx::query_scalar("SELECT id FROM registrations WHERE email = 'mari@x.ee'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let removed = app
        .post(
            "/api/coordinator/events/registrations/remove",
            Some(&session),
            &[("registration", &first.to_string())],
        )
        .await;
    assert_eq!(removed.status(), 200);
    let oleg: String =
        sqlx::query_scalar("SELECT status FROM registrations WHERE email = 'oleg@x.ee'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(oleg, "confirmed", "the first waiting moved up");
    let html = app
        .get_as(&format!("/en/admin/events/{id}"), &session)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Jüri Juurikas") && html.contains("Олег"));
    assert!(!html.contains("Mari Maasikas"));

    assert_eq!(
        app.get(&format!("/api/coordinator/events/{id}-registrations.csv"))
            .await
            .status(),
        401,
        "no export without a session"
    );
    let actions = app.audit_actions().await;
    assert!(actions.iter().any(|a| a == "registration.removed"));
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "registration.added")
            .count(),
        3
    );
}
