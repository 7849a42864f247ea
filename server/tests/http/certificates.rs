//! Certificates of attendance: issued only to those present, once each, downloaded from the
//! registrant's page in any language, and shown genuine (as issued) by their link.

use crate::support::{ORIGIN, Session, TestApp};

/// "Counselling in Jõhvi" with Mari (present, mail in English) and Jüri (absent): its id.
async fn counselling_with_mari_present(app: &TestApp, session: &Session) -> i64 {
    let event = app.event_id("noustamine-johvi").await;
    let mari = app
        .add_registration(session, event, ("Mari Maasikas", "mari@x.ee", ""), "en")
        .await;
    app.add_registration(session, event, ("Jüri Juurikas", "jyri@x.ee", ""), "en")
        .await;
    app.mark_present(session, event, mari).await;
    event
}

async fn issue(app: &TestApp, session: &Session, event: i64) -> u64 {
    let issued = app
        .post(
            "/api/coordinator/certificates/issue",
            Some(session),
            &[("id", &event.to_string())],
        )
        .await;
    assert_eq!(issued.status(), 200);
    issued.json().await.unwrap()
}

#[tokio::test]
async fn those_present_get_a_certificate_once_that_its_link_shows_genuine() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let event = counselling_with_mari_present(&app, &session).await;

    assert_eq!(issue(&app, &session, event).await, 1);
    assert_eq!(issue(&app, &session, event).await, 0, "once each");
    assert_eq!(app.count("certificates").await, 1);
    let (subject, body) = app.mail_to("mari@x.ee").await.pop().unwrap();
    assert_eq!(
        subject,
        "Your certificate: Counselling for creative entrepreneurs in Jõhvi"
    );
    assert!(body.contains("Your certificate of attendance is ready"));
    assert!(
        app.mail_to("jyri@x.ee")
            .await
            .iter()
            .all(|(s, _)| !s.contains("certificate"))
    );
    let code: String = sqlx::query_scalar("SELECT code FROM certificates")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    // Mari's page offers the PDF in each language, hers first.
    let private = app.private_link_of("mari@x.ee").await;
    let html = app.navigate(&private, None).await.text().await.unwrap();
    let first = html
        .find(&format!("/certificates/{code}-en.pdf"))
        .expect("English");
    let estonian = html
        .find(&format!("/certificates/{code}-et.pdf"))
        .expect("Estonian");
    assert!(html.contains(&format!("/certificates/{code}-ru.pdf")));
    assert!(first < estonian);

    for lang in ["et", "ru", "en"] {
        let pdf = app.get(&format!("/certificates/{code}-{lang}.pdf")).await;
        assert_eq!(pdf.status(), 200);
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        let bytes = pdf.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let link = format!("/URI({ORIGIN}/{lang}/certificates/{code})");
        assert!(
            bytes
                .windows(link.len())
                .any(|window| window == link.as_bytes()),
            "{lang}: the verification link"
        );
    }

    // A flood of downloads is written a few at a time: each gets its PDF or is told to come
    // back (503), and nothing fails.
    let path = format!("/certificates/{code}-ru.pdf");
    let flood = futures::future::join_all((0..40).map(|_| app.get(&path))).await;
    let statuses: Vec<u16> = flood.iter().map(|r| r.status().as_u16()).collect();
    assert!(
        statuses.iter().all(|s| [200, 503].contains(s)),
        "{statuses:?}"
    );
    assert!(statuses.contains(&200));

    // The link shows it genuine, as issued: a later edit of the event changes nothing.
    sqlx::query("UPDATE events SET title_en = 'Renamed' WHERE id = ?")
        .bind(event)
        .execute(&app.pool)
        .await
        .unwrap();
    let page = app
        .navigate(&format!("/en/certificates/{code}"), None)
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("This certificate is genuine"));
    assert!(html.contains("Mari Maasikas"));
    assert!(html.contains("Counselling for creative entrepreneurs in Jõhvi"));
    assert!(html.contains("<dd>3 h</dd>"), "10:00–13:00");

    for unknown in [
        format!("/certificates/{}-en.pdf", "0".repeat(32)),
        format!("/certificates/{code}-fi.pdf"),
        format!("/certificates/{code}.pdf"),
        "/certificates/..%2F..%2Fetc-en.pdf".to_owned(),
        format!("/en/certificates/{}", "0".repeat(32)),
        "/en/certificates/not-a-code".to_owned(),
    ] {
        assert_eq!(
            app.navigate(&unknown, None).await.status(),
            404,
            "{unknown}"
        );
    }

    // The coordinator's page counts them; strangers cannot issue.
    let html = app
        .navigate(&format!("/en/admin/events/{event}"), Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Certificates issued: 1 of 1 present."));
    let stranger = app
        .post(
            "/api/coordinator/certificates/issue",
            None,
            &[("id", &event.to_string())],
        )
        .await;
    assert_eq!(stranger.status(), 401);
    assert!(
        app.audit_actions()
            .await
            .iter()
            .any(|a| a == "certificates.issued")
    );
}
