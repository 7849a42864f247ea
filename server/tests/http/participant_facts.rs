//! The funder's questions (ESF+): asked only where the coordinator turns them on, kept only
//! with consent, withdrawn on the private page, and reported only in totals of five or more.

use crate::support::{Session, TestApp};
use serde_json::{Value, json};

const SLUG: &str = "vorgustiku-kohtumine";

/// Registers `email` from the public form with `extra` fields.
async fn register(app: &TestApp, email: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let mut form = vec![
        ("lang", "en"),
        ("slug", SLUG),
        ("name", "Participant"),
        ("email", email),
        ("consent", "yes"),
    ];
    form.extend_from_slice(extra);
    app.post("/api/register", None, &form).await
}

async fn ask(app: &TestApp, session: &Session, event: i64, asks: bool) {
    let mut form = vec![("id", event.to_string()), ("programme", "ESF+".to_owned())];
    if asks {
        form.push(("asks_facts", "yes".to_owned()));
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let set = app
        .post(
            "/api/coordinator/events/programme/set",
            Some(session),
            &form,
        )
        .await;
    assert_eq!(set.status(), 200);
}

async fn facts_kept(app: &TestApp) -> i64 {
    app.count("participant_facts").await
}

#[tokio::test]
async fn answers_are_asked_only_where_turned_on_and_kept_only_with_consent() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let event = app.event_id(SLUG).await;
    let path = format!("/en/events/{SLUG}");
    let answers = [("facts[gender]", "woman"), ("facts[age_band]", "30-54")];

    // Not asked: the form has no such questions, and answers sent anyway are not kept.
    assert!(!app.page(&path).await.1.contains("For the funder’s report"));
    let mut consented = answers.to_vec();
    consented.push(("facts[consent]", "yes"));
    assert_eq!(register(&app, "a@x.ee", &consented).await.status(), 200);
    assert_eq!(facts_kept(&app).await, 0);

    // Turned on: the page asks, with a consent of its own.
    ask(&app, &session, event, true).await;
    let (_, html) = app.page(&path).await;
    assert!(html.contains("<legend>For the funder’s report (optional)</legend>"));
    assert!(html.contains(r#"<label for="register-age_band">Age</label>"#));
    assert!(html.contains(r#"name="facts[consent]""#));

    // Answers without consent are refused beside the consent, and nothing is registered.
    let refused = register(&app, "b@x.ee", &answers).await;
    assert_eq!(refused.status(), 422);
    let error: Value = refused.json().await.unwrap();
    assert_eq!(
        error["Invalid"],
        json!({ "field": "facts_consent", "problem": "FactsWithoutConsent" })
    );
    let unknown = register(
        &app,
        "b@x.ee",
        &[("facts[gender]", "robot"), ("facts[consent]", "yes")],
    )
    .await;
    assert_eq!(unknown.status(), 422);
    let registered: i64 =
        sqlx::query_scalar("SELECT count(*) FROM registrations WHERE email = 'b@x.ee'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(registered, 0, "nothing half-written");

    // With consent they are kept; no answers at all need none.
    assert_eq!(register(&app, "b@x.ee", &consented).await.status(), 200);
    assert_eq!(register(&app, "c@x.ee", &[]).await.status(), 200);
    assert_eq!(facts_kept(&app).await, 1);

    // The registrant sees them on the private page, and withdraws them.
    let link = app.private_link_of("b@x.ee").await;
    let (_, page) = app.page(&link).await;
    assert!(page.contains("Your answers for the funder’s report"));
    assert!(page.contains("<dt>Age</dt><dd>30–54</dd>"), "{page}");
    let token = link.rsplit('/').next().unwrap();
    let withdrawn = app
        .post(
            "/api/registration/facts/withdraw",
            None,
            &[("token", token)],
        )
        .await;
    assert_eq!(withdrawn.status(), 200);
    assert_eq!(facts_kept(&app).await, 0);
    assert!(!app.page(&link).await.1.contains("Your answers"));
    let stranger = app
        .post(
            "/api/registration/facts/withdraw",
            None,
            &[("token", "x".repeat(43).as_str())],
        )
        .await;
    assert_eq!(stranger.status(), 422);

    // A cancelled registration keeps no answers.
    assert_eq!(register(&app, "d@x.ee", &consented).await.status(), 200);
    assert_eq!(facts_kept(&app).await, 1);
    let link = app.private_link_of("d@x.ee").await;
    let token = link.rsplit('/').next().unwrap();
    let cancelled = app
        .post("/api/registration/cancel", None, &[("token", token)])
        .await;
    assert_eq!(cancelled.status(), 200);
    assert_eq!(facts_kept(&app).await, 0);

    // Turned off again: the page stops asking.
    ask(&app, &session, event, false).await;
    assert!(!app.page(&path).await.1.contains("For the funder’s report"));
    assert!(
        app.audit_actions()
            .await
            .iter()
            .any(|a| a == "event.programme")
    );
}

#[tokio::test]
async fn the_report_shows_only_totals_of_five_or_more() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let event = app.event_id(SLUG).await;
    ask(&app, &session, event, true).await;
    // Six women and one man answer; all of them come, and one who answered stays away.
    let mut people = Vec::new();
    for n in 0..8 {
        let email = format!("p{n}@x.ee");
        let gender = if n == 6 { "man" } else { "woman" };
        let answered = register(
            &app,
            &email,
            &[
                ("facts[gender]", gender),
                ("facts[age_band]", "18-29"),
                ("facts[consent]", "yes"),
            ],
        )
        .await;
        assert_eq!(answered.status(), 200);
        people.push(email);
    }
    for email in &people[..7] {
        let id: i64 = sqlx::query_scalar("SELECT id FROM registrations WHERE email = ?")
            .bind(email)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        app.mark_present(&session, event, id).await;
    }

    let today = jiff::Zoned::now().date();
    let to = (today + jiff::Span::new().days(400)).to_string();
    let from = today.to_string();
    let report_json = || async {
        app.post(
            "/api/coordinator/report",
            Some(&session),
            &[("lang", "en"), ("query[from]", &from), ("query[to]", &to)],
        )
        .await
        .json::<Value>()
        .await
        .unwrap()
    };
    let report = report_json().await;
    let participants = &report["participants"];
    assert_eq!(participants["respondents"], 7, "{participants}");
    let counts = |code: &str| {
        participants["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["code"] == code)
            .unwrap()["counts"]
            .clone()
    };
    // Six women shown; one man hidden, and with him the other small totals.
    assert_eq!(
        counts("gender"),
        json!([
            ["Woman", 6],
            ["Man", null],
            ["Other", null],
            ["not answered", null]
        ])
    );
    assert_eq!(counts("age_band")[1], json!(["18–29", 7]));
    assert_eq!(counts("employment")[4], json!(["not answered", 7]));

    let html = app
        .navigate(
            &format!("/en/admin/reports?from={from}&to={to}"),
            Some(&session),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Participants for the funder (ESF+)"));
    assert!(
        html.contains(r#"<th scope="row">Man</th><td class="bar-chart__value">fewer than 5</td>"#)
    );
    let csv = app
        .get_as(
            &format!("/api/coordinator/report.csv?lang=en&from={from}&to={to}"),
            &session,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("respondents;;7"), "{csv}");
    assert!(csv.contains("gender;Woman;6"));
    assert!(csv.contains("gender;Man;<5"));

    // Fewer than five people who answered: nothing but "fewer than 5".
    let withdrawn: Vec<String> = sqlx::query_scalar(
        "SELECT cancel_token FROM registrations WHERE email IN ('p0@x.ee', 'p1@x.ee', 'p2@x.ee')",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    for token in withdrawn {
        let answer = app
            .post(
                "/api/registration/facts/withdraw",
                None,
                &[("token", &token)],
            )
            .await;
        assert_eq!(answer.status(), 200);
    }
    let few = report_json().await;
    assert_eq!(few["participants"]["respondents"], Value::Null);
    for question in few["participants"]["questions"].as_array().unwrap() {
        assert!(
            question["counts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c[1].is_null()),
            "{question}"
        );
    }
}
