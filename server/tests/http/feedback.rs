//! Feedback: asked only of those marked present, once each, answered once through the mailed
//! link, kept without names, summed up for the coordinator; the questions are the event's own.

use crate::support::{ORIGIN, Session, TestApp};
use futures::future::join_all;
use serde_json::json;

/// "Counselling in Jõhvi" with Mari and Jüri registered (Mari in Russian) and Mari marked
/// present: its id.
async fn with_one_attendee(app: &TestApp, session: &Session) -> i64 {
    let event = app.event_id("noustamine-johvi").await;
    let mari = app
        .add_registration(session, event, ("Mari Maasikas", "mari@x.ee", ""), "ru")
        .await;
    app.add_registration(session, event, ("Jüri Juurikas", "jyri@x.ee", ""), "et")
        .await;
    app.mark_present(session, event, mari).await;
    event
}

async fn mark_present(app: &TestApp, session: &Session, event: i64, email: &str) {
    let id: i64 = sqlx::query_scalar("SELECT id FROM registrations WHERE email = ?")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    app.mark_present(session, event, id).await;
}

async fn ask(app: &TestApp, session: &Session, event: i64) -> u64 {
    let asked = app
        .post(
            "/api/coordinator/feedback/ask",
            Some(session),
            &[("id", &event.to_string())],
        )
        .await;
    assert_eq!(asked.status(), 200);
    asked.json().await.unwrap()
}

/// The feedback link in the last message to `email`, and its token.
async fn feedback_link(app: &TestApp, email: &str) -> (String, String) {
    let (_, body) = app.mail_to(email).await.pop().unwrap();
    let path = body
        .split_whitespace()
        .filter_map(|word| word.strip_prefix(ORIGIN))
        .find(|path| path.contains("/feedback/"))
        .unwrap_or_else(|| panic!("a feedback link in {body}"))
        .to_owned();
    let token = path.rsplit('/').next().unwrap().to_owned();
    (path, token)
}

#[tokio::test]
async fn only_attendees_are_asked_and_each_once() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let event = with_one_attendee(&app, &session).await;

    assert_eq!(ask(&app, &session, event).await, 1);
    let (subject, body) = app.mail_to("mari@x.ee").await.pop().unwrap();
    assert_eq!(
        subject,
        "Как вам «Консультации для креативных предпринимателей в Йыхви»?"
    );
    assert!(
        body.contains("Ответы дойдут до нас без вашего имени"),
        "{body}"
    );
    assert!(
        app.mail_to("jyri@x.ee")
            .await
            .iter()
            .all(|(_, body)| !body.contains("/feedback/")),
        "Jüri did not come"
    );
    // Asking again sends nothing; someone marked later is asked on the next click.
    assert_eq!(ask(&app, &session, event).await, 0);
    let messages = app.count("outbox").await;
    mark_present(&app, &session, event, "jyri@x.ee").await;
    assert_eq!(ask(&app, &session, event).await, 1);
    assert_eq!(app.count("outbox").await, messages + 1);
    let actions = app.audit_actions().await;
    assert_eq!(actions.iter().filter(|a| *a == "feedback.asked").count(), 2);
}

#[tokio::test]
async fn an_attendee_answers_once_without_their_name_and_the_coordinator_sees_the_sum() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let event = with_one_attendee(&app, &session).await;
    ask(&app, &session, event).await;
    let (path, token) = feedback_link(&app, "mari@x.ee").await;
    assert!(path.starts_with("/ru/feedback/"));

    let html = app.navigate(&path, None).await.text().await.unwrap();
    assert!(html.contains("Насколько полезным было для вас мероприятие?"));
    assert!(html.contains("Что было полезным?") && html.contains(r#"name="answers[1]""#));
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));

    // Nothing filled in is refused, and so is a rating off the scale.
    for form in [
        vec![("lang", "ru"), ("token", token.as_str())],
        vec![("lang", "ru"), ("token", token.as_str()), ("rating", "9")],
        vec![("lang", "ru"), ("token", token.as_str()), ("rating", "x")],
    ] {
        let refused = app.post("/api/feedback/give", None, &form).await;
        assert!(refused.status().is_client_error(), "{form:?}");
    }
    // Many answers at once (a double click, a script): one is kept.
    let form = [
        ("lang", "ru"),
        ("token", token.as_str()),
        ("rating", "4"),
        ("answers[0]", "Бизнес-план по шагам"),
        ("answers[1]", ""),
        ("answers[7]", "beyond the questions"),
    ];
    let answers = join_all((0..12).map(|_| app.post("/api/feedback/give", None, &form))).await;
    let kept = answers
        .iter()
        .filter(|answer| answer.status() == 200)
        .count();
    assert_eq!(kept, 1);
    assert!(
        answers
            .iter()
            .all(|a| a.status() == 200 || a.status() == 422)
    );
    assert_eq!(app.count("feedback_answers").await, 1);
    let stored: (Option<i64>, String) =
        sqlx::query_as("SELECT rating, answers FROM feedback_answers")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        stored,
        (Some(4), r#"["Бизнес-план по шагам",""]"#.to_owned())
    );
    let html = app.navigate(&path, None).await.text().await.unwrap();
    assert!(html.contains("Спасибо, ваши ответы получены."));

    let summary: serde_json::Value = app
        .post(
            "/api/coordinator/feedback/summary",
            Some(&session),
            &[("id", &event.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(summary["attendees"], 1);
    assert_eq!(summary["answers"], 1);
    assert_eq!(summary["ratings"], json!([0, 0, 0, 1, 0]));
    assert_eq!(summary["average"], "4.0");
    assert_eq!(summary["written"][0][0], "Бизнес-план по шагам");
    let page = app
        .navigate(&format!("/en/admin/events/{event}"), Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Average rating: 4.0 of 5"));
    assert!(page.contains("Бизнес-план по шагам"));

    assert_eq!(
        app.post(
            "/api/coordinator/feedback/summary",
            None,
            &[("id", &event.to_string())]
        )
        .await
        .status(),
        401
    );
    let unknown = "0".repeat(48);
    assert_eq!(
        app.navigate(&format!("/en/feedback/{unknown}"), None)
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn the_coordinator_sets_the_questions_and_a_plain_form_still_answers() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let event = with_one_attendee(&app, &session).await;
    let id = event.to_string();
    let saved = app
        .post(
            "/api/coordinator/feedback/questions",
            Some(&session),
            &[
                ("id", &id),
                ("questions[0][et]", "Mida proovid järgmisena?"),
                ("questions[0][en]", "What will you try next?"),
                ("questions[1][et]", "  "),
            ],
        )
        .await;
    assert_eq!(saved.status(), 200);
    let too_long = "x".repeat(301);
    let refused = app
        .post(
            "/api/coordinator/feedback/questions",
            Some(&session),
            &[("id", &id), ("questions[0][ru]", &too_long)],
        )
        .await;
    assert_eq!(refused.status(), 422);
    ask(&app, &session, event).await;
    let (_, token) = feedback_link(&app, "mari@x.ee").await;
    let html = app
        .navigate(&format!("/en/feedback/{token}"), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("What will you try next?"));
    assert!(!html.contains("What was useful?") && !html.contains(r#"name="answers[1]""#));
    let html = app
        .navigate(&format!("/ru/feedback/{token}"), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Mida proovid järgmisena?"),
        "shown in Estonian when not in Russian"
    );

    // Without JavaScript: back to the form, which thanks.
    let answered = app
        .client
        .post(app.url("/api/feedback/give"))
        .header("accept", "text/html")
        .form(&[
            ("lang", "en"),
            ("token", &token),
            ("answers[0]", "A web shop"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), 302);
    assert_eq!(
        answered.headers()["location"],
        format!("/en/feedback/{token}").as_str()
    );
    let again = app
        .client
        .post(app.url("/api/feedback/give"))
        .header("accept", "text/html")
        .form(&[("lang", "en"), ("token", &token), ("rating", "5")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.headers()["location"],
        format!("/en/feedback/{token}?problem=AlreadyAnswered").as_str()
    );
    let written: String = sqlx::query_scalar("SELECT answers FROM feedback_answers")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(written, r#"["A web shop"]"#);
}
