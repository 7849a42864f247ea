//! The coordinator's event form over HTTP: the check while typing, saving new and edited
//! events (audited field by field, SEQUENCE raised, nothing written when refused), a stale
//! edit refused, and single dates of a series cancelled, moved and restored.

use super::support::{TestApp, with};

/// A complete form for a training in Narva on 4 June 2030, 10:00–12:00, as `form[…]` pairs.
pub fn training(title: &str) -> Vec<(String, String)> {
    [
        ("type_code", "training"),
        ("title_en", title),
        ("start_date", "2030-06-04"),
        ("start_time", "10:00"),
        ("end_time", "12:00"),
        ("venue", "Narva Kolledž"),
        ("municipality", "narva"),
        ("capacity", "20"),
        ("registration", "open"),
        ("speaks_ru", "true"),
    ]
    .into_iter()
    .map(|(field, value)| (format!("form[{field}]"), value.to_owned()))
    .collect()
}

#[tokio::test]
async fn the_check_names_every_problem_and_previews_a_complete_form() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let events_before = app.count("events").await;
    let broken = with(
        training("x"),
        &[
            ("lang", "en"),
            ("form[title_en]", " "),
            ("form[start_date]", "2027-03-28"),
            ("form[start_time]", "03:30"),
            ("form[capacity]", "-1"),
            ("form[online_url]", "javascript:alert(1)"),
        ],
    );
    let answer = app
        .post_pairs("/api/coordinator/events/check", Some(&session), &broken)
        .await;
    assert_eq!(answer.status(), 200);
    let check: serde_json::Value = answer.json().await.unwrap();
    let problems: Vec<(String, String)> = check["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["field"].as_str().unwrap().to_owned(),
                p["problem"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("title_et", "TitleInOneLanguage"),
        ("start_time", "InTimeGap"),
        ("online_url", "NotAWebAddress"),
        ("capacity", "NotAWholeNumber"),
    ] {
        assert!(
            problems.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {problems:?}"
        );
    }
    assert!(check["preview"].is_null());

    let good = with(training("Glazing"), &[("lang", "ru")]);
    let check: serde_json::Value = app
        .post_pairs("/api/coordinator/events/check", Some(&session), &good)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check["problems"], serde_json::json!([]));
    assert_eq!(
        check["preview"]["when"],
        "4.06.2030 10:00–12:00 (время Таллина, EEST)"
    );
    assert_eq!(check["preview"]["places_left"], 20);
    assert_eq!(
        app.count("events").await,
        events_before,
        "a check saves nothing"
    );
}

#[tokio::test]
async fn a_new_event_is_saved_as_a_draft_then_published_with_its_own_slug_and_audit() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let events_before = app.count("events").await;
    let save = |form: Vec<(String, String)>| {
        let (app, session) = (&app, &session);
        async move {
            app.post_pairs("/api/coordinator/events/save", Some(session), &form)
                .await
        }
    };

    let draft = save(with(
        training("Glazing: for beginners!"),
        &[("intent", "draft")],
    ))
    .await;
    assert_eq!(draft.status(), 200);
    let draft: serde_json::Value = draft.json().await.unwrap();
    assert_eq!(draft["slug"], "glazing-for-beginners");
    assert_eq!(draft["status"], "draft");
    assert_eq!(app.page("/en/events/glazing-for-beginners").await.0, 404);

    // The same title again gets a slug of its own.
    let second: serde_json::Value = save(with(
        training("Glazing: for beginners!"),
        &[("intent", "publish")],
    ))
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(second["slug"], "glazing-for-beginners-2");
    assert_eq!(second["status"], "published");
    let (status, page) = app.page("/en/events/glazing-for-beginners-2").await;
    assert_eq!(status, 200);
    assert!(page.contains("4 Jun 2030, 10:00–12:00"));
    assert!(page.contains("20 of 20 places left"));
    assert_eq!(app.count("events").await, events_before + 2);

    let stored: (String, String, i64, Option<i64>) = sqlx::query_as(
        "SELECT starts_at, ends_at, sequence, capacity FROM events WHERE slug = 'glazing-for-beginners'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // 10:00 in Tallinn in June is 07:00 UTC.
    assert_eq!(
        stored,
        (
            "2030-06-04T07:00:00Z".to_owned(),
            "2030-06-04T09:00:00Z".to_owned(),
            0,
            Some(20)
        )
    );
    let (action, changes): (String, String) = sqlx::query_as(
        "SELECT action, changes FROM audit_log WHERE entity = 'event' ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(action, "event.created");
    let changes: serde_json::Value = serde_json::from_str(&changes).unwrap();
    assert_eq!(
        changes["title_en"],
        serde_json::json!([null, "Glazing: for beginners!"])
    );
    assert_eq!(changes["languages"], serde_json::json!([null, "ru"]));
}

#[tokio::test]
async fn an_edit_raises_the_sequence_logs_old_and_new_and_a_stale_or_refused_one_writes_nothing() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let saved: serde_json::Value = app
        .post_pairs(
            "/api/coordinator/events/save",
            Some(&session),
            &with(training("Glazing"), &[("intent", "publish")]),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = saved["id"].to_string();
    let edit = |extra: Vec<(&'static str, String)>| {
        let (app, session, id) = (&app, &session, id.clone());
        async move {
            let mut form = with(training("Glazing"), &[("id", &id)]);
            for (key, value) in extra {
                form = with(form, &[(key, &value)]);
            }
            app.post_pairs("/api/coordinator/events/save", Some(session), &form)
                .await
        }
    };

    let answer = edit(vec![
        ("sequence", "0".into()),
        ("form[title_en]", "Glazing for beginners".into()),
        ("form[start_time]", "11:00".into()),
        ("form[end_time]", "13:00".into()),
    ])
    .await;
    assert_eq!(answer.status(), 200);
    let answer: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(answer["sequence"], 1);
    assert_eq!(answer["slug"], "glazing", "the address stays");
    let (_, feed) = app.page("/calendar.ics?lang=en").await;
    let entry = feed
        .split("BEGIN:VEVENT")
        .find(|v| v.contains("SUMMARY:Glazing for beginners"))
        .unwrap();
    assert!(entry.contains("SEQUENCE:1"));
    assert!(entry.contains("DTSTART;TZID=Europe/Tallinn:20300604T110000"));
    let changes: String = sqlx::query_scalar(
        "SELECT changes FROM audit_log WHERE action = 'event.edited' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let changes: serde_json::Value = serde_json::from_str(&changes).unwrap();
    assert_eq!(
        changes,
        serde_json::json!({
            "title_en": ["Glazing", "Glazing for beginners"],
            "starts_at": ["2030-06-04T07:00:00Z", "2030-06-04T08:00:00Z"],
            "ends_at": ["2030-06-04T09:00:00Z", "2030-06-04T10:00:00Z"],
        })
    );

    // Saved from a form read before that change: refused, nothing written.
    let stale = edit(vec![
        ("sequence", "0".into()),
        ("form[title_en]", "Overwritten".into()),
    ])
    .await;
    assert_eq!(stale.status(), 422);
    let error: serde_json::Value = stale.json().await.unwrap();
    assert_eq!(error["Invalid"]["problem"], "EditedMeanwhile");

    // A refused form: 422 naming the field, and the stored event as it was.
    let refused = edit(vec![
        ("sequence", "1".into()),
        ("form[title_en]", "Overwritten".into()),
        ("form[end_time]", "09:00".into()),
    ])
    .await;
    assert_eq!(refused.status(), 422);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(
        error["Invalid"],
        serde_json::json!({"field": "end_time", "problem": "EndBeforeStart"})
    );
    let (title, sequence): (String, i64) =
        sqlx::query_as("SELECT title_en, sequence FROM events WHERE id = ?")
            .bind(saved["id"].as_i64())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((title.as_str(), sequence), ("Glazing for beginners", 1));

    // Saving the same form twice changes nothing the second time.
    let unchanged: serde_json::Value = edit(vec![
        ("sequence", "1".into()),
        ("form[title_en]", "Glazing for beginners".into()),
        ("form[start_time]", "11:00".into()),
        ("form[end_time]", "13:00".into()),
    ])
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(unchanged["sequence"], 1);

    // Malformed arguments are a 400, an unknown event a 404.
    let malformed = app
        .post(
            "/api/coordinator/events/save",
            Some(&session),
            &[("id", "seven")],
        )
        .await;
    assert_eq!(malformed.status(), 400);
    let missing = edit(vec![("id", "999999".into())]).await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_form_of_a_stored_series_reads_back_what_was_saved() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM events WHERE slug = 'vorgustiku-kohtumine'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let answer = app
        .post(
            "/api/coordinator/events/form",
            Some(&session),
            &[("lang", "en"), ("id", &id.to_string())],
        )
        .await;
    assert_eq!(answer.status(), 200);
    let editor: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(editor["form"]["repeat"], "monthly-by-weekday");
    assert_eq!(editor["form"]["until"], "count");
    assert_eq!(editor["form"]["count"], "13");
    assert_eq!(editor["form"]["start_time"], "16:00");
    assert!(!editor["dates"].as_array().unwrap().is_empty());

    // Saved back unchanged, nothing moves: no new sequence, no audit line.
    let mut pairs: Vec<(String, String)> = editor["form"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(field, value)| match value {
            serde_json::Value::String(text) => Some((format!("form[{field}]"), text.clone())),
            serde_json::Value::Bool(true) => Some((format!("form[{field}]"), "true".to_owned())),
            _ => None,
        })
        .collect();
    pairs.push(("id".into(), id.to_string()));
    let saved: serde_json::Value = app
        .post_pairs("/api/coordinator/events/save", Some(&session), &pairs)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["sequence"], editor["sequence"]);
    assert!(
        !app.audit_actions()
            .await
            .contains(&"event.edited".to_owned())
    );

    // A copy opens as a new event with the same fields.
    let copy: serde_json::Value = app
        .post(
            "/api/coordinator/events/form",
            Some(&session),
            &[("lang", "en"), ("from", &id.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(copy["id"].is_null());
    assert_eq!(copy["form"], editor["form"]);
}

#[tokio::test]
async fn one_date_of_a_series_is_cancelled_moved_and_restored_and_the_feed_follows() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let (id, editor) = app
        .event_editor(&session, "vorgustiku-kohtumine", "en")
        .await;
    let date = editor["dates"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|d| d["cancelled"] == false && d["moved"] == false)
        .unwrap()
        .clone();
    let original = date["original"].as_str().unwrap().to_owned();
    let id = id.to_string();
    let change = |pairs: Vec<(&'static str, String)>| {
        let (app, session, id, original) = (&app, &session, id.clone(), original.clone());
        async move {
            let mut all = vec![("id", id), ("original", original)];
            all.extend(pairs);
            let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post("/api/coordinator/events/date", Some(session), &borrowed)
                .await
        }
    };
    let entry_of = |feed: String| {
        feed.split("BEGIN:VEVENT")
            .filter(|v| v.contains("vorgustiku-kohtumine"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
            .join("")
            .replace("\r\n ", "")
    };

    // Each change answers the event's new SEQUENCE, one higher each time, and the feed
    // carries it, so subscribed calendars take the change.
    let sequence_before: i64 = editor["sequence"].as_i64().unwrap();
    let feed_sequence = |feed: &str| -> i64 {
        feed.split("\r\n")
            .find_map(|line| line.strip_prefix("SEQUENCE:"))
            .unwrap()
            .parse()
            .unwrap()
    };
    let cancelled = change(vec![("change", "cancel".into())]).await;
    assert_eq!(cancelled.status(), 200);
    let sequence: i64 = cancelled.json().await.unwrap();
    assert_eq!(sequence, sequence_before + 1);
    let feed = entry_of(app.page("/calendar.ics").await.1);
    assert_eq!(feed_sequence(&feed), sequence);
    let local_original: String = date["date"].as_str().unwrap().replace('-', "");
    assert!(
        feed.contains(&format!(
            "EXDATE;TZID=Europe/Tallinn:{local_original}T160000"
        )) || feed.contains(&format!(
            "RECURRENCE-ID;TZID=Europe/Tallinn:{local_original}T160000"
        )),
        "{feed}"
    );

    // Moved to the next day at 17:00–19:00 (a moved date is no longer cancelled).
    let next_day = date["date"]
        .as_str()
        .unwrap()
        .parse::<jiff::civil::Date>()
        .unwrap()
        .tomorrow()
        .unwrap();
    let moved = change(vec![
        ("change", "move".into()),
        ("date", next_day.to_string()),
        ("start_time", "17:00".into()),
        ("end_time", "19:00".into()),
    ])
    .await;
    assert_eq!(moved.status(), 200);
    let sequence: i64 = moved.json().await.unwrap();
    assert_eq!(sequence, sequence_before + 2);
    let feed = entry_of(app.page("/calendar.ics").await.1);
    assert_eq!(feed_sequence(&feed), sequence);
    assert!(
        feed.contains(&format!(
            "DTSTART;TZID=Europe/Tallinn:{}T170000",
            next_day.to_string().replace('-', "")
        )),
        "{feed}"
    );

    // Back to the rule's date and time.
    let restored = change(vec![("change", "restore".into())]).await;
    assert_eq!(restored.status(), 200);
    let sequence: i64 = restored.json().await.unwrap();
    assert_eq!(sequence, sequence_before + 3);
    assert_eq!(
        feed_sequence(&entry_of(app.page("/calendar.ics").await.1)),
        sequence
    );
    let exceptions: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM event_exceptions WHERE event_id = ? AND original_start = ?",
    )
    .bind(id.parse::<i64>().unwrap())
    .bind(&original)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(exceptions, 0);
    let actions = app.audit_actions().await;
    for action in [
        "event.date_cancelled",
        "event.date_moved",
        "event.date_restored",
    ] {
        assert!(actions.contains(&action.to_owned()), "{action}");
    }

    // A time in the spring gap, an end before the start, a date not in the series.
    let gap = change(vec![
        ("change", "move".into()),
        ("date", "2027-03-28".into()),
        ("start_time", "03:30".into()),
        ("end_time", "05:00".into()),
    ])
    .await;
    assert_eq!(gap.status(), 422);
    let backwards = change(vec![
        ("change", "move".into()),
        ("date", next_day.to_string()),
        ("start_time", "17:00".into()),
        ("end_time", "16:00".into()),
    ])
    .await;
    assert_eq!(backwards.status(), 422);
    let stranger = app
        .post(
            "/api/coordinator/events/date",
            Some(&session),
            &[
                ("id", &id),
                ("original", "2031-01-01T10:00:00Z"),
                ("change", "cancel"),
            ],
        )
        .await;
    assert_eq!(stranger.status(), 422);
    let error: serde_json::Value = stranger.json().await.unwrap();
    assert_eq!(error["Invalid"]["problem"], "NotInSeries");
}

#[tokio::test]
async fn line_breaks_and_control_characters_are_cleaned_before_an_event_is_stored() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let saved = app
        .post_pairs(
            "/api/coordinator/events/save",
            Some(&session),
            &with(
                training("Feed test\rATTACH:https://evil.example/x"),
                &[
                    ("intent", "publish"),
                    (
                        "form[description_en]",
                        "First line\r\nsecond\rthird\u{0}\u{1b}[2J",
                    ),
                    ("form[venue]", "Hall\r\nURL:https://evil.example"),
                ],
            ),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let (title, description, venue): (String, String, String) = sqlx::query_as(
        "SELECT title_en, description_en, venue FROM events WHERE title_en LIKE 'Feed test%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(title, "Feed test ATTACH:https://evil.example/x");
    assert_eq!(description, "First line\nsecond\nthird[2J");
    assert_eq!(venue, "Hall URL:https://evil.example");
    let feed = app.page("/calendar.ics?lang=en").await.1;
    assert!(!feed.replace("\r\n", "").contains('\r'), "no bare CR");
    assert!(!feed.contains("\r\nATTACH:"));
}

#[tokio::test]
async fn a_filled_in_trap_field_refuses_a_registration() {
    let app = TestApp::spawn().await;
    let form = [
        ("lang", "en"),
        ("slug", "noustamine-johvi"),
        ("name", "Robot"),
        ("email", "robot@spam.example"),
        ("consent", "yes"),
        ("website", "https://spam.example"),
    ];
    let response = app.post("/api/register", None, &form).await;
    assert_eq!(response.status(), 400);
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM registrations WHERE email = 'robot@spam.example'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0);
    // The same form with the trap left empty, as people leave it, registers.
    let mut human = form;
    human[5] = ("website", "");
    assert_eq!(app.post("/api/register", None, &human).await.status(), 200);
}

#[tokio::test]
async fn the_calendar_list_goes_on_past_fifty_on_its_next_page() {
    let app = TestApp::spawn().await;
    // Sixty trainings on the coming days, all published.
    let mut tx = app.pool.begin().await.unwrap();
    let now = jiff::Timestamp::now();
    for n in 0..60_i64 {
        let starts = now + jiff::SignedDuration::from_hours(24 * (n + 1));
        app::events::store::insert(
            &mut tx,
            &app::events::model::EventForCreate {
                slug: format!("paging-{n}"),
                type_code: "training".into(),
                title: app::shared::Localized::new(None, None, Some(format!("Paging test {n}"))),
                starts_at: starts,
                ends_at: starts + jiff::SignedDuration::from_hours(1),
                status: app::events::EventStatus::Published,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let (_, first) = app.page("/en/events?type=training").await;
    assert_eq!(first.matches("class=\"event-card\"").count(), 50);
    assert!(
        first.contains("href=\"/en/events?type=training&amp;page=2\""),
        "{first}"
    );
    let (_, second) = app.page("/en/events?type=training&page=2").await;
    assert!(second.contains("Paging test 59"));
    let titles = |html: &str| html.matches(">Paging test ").count();
    assert_eq!(titles(&first) + titles(&second), 60, "each once, none lost");
}
