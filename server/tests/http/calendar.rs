//! The calendar's files over HTTP: the subscribable feed and "add to my calendar".

use super::support::{TestApp, with};
use ical::parser::ical::component::{IcalCalendar, IcalEvent};

fn parse(feed: &str) -> IcalCalendar {
    ical::IcalParser::new(feed.as_bytes())
        .next()
        .expect("a calendar")
        .expect("valid iCalendar")
}

fn value<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a str> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

fn by_url<'a>(calendar: &'a IcalCalendar, slug: &str) -> Vec<&'a IcalEvent> {
    calendar
        .events
        .iter()
        .filter(|e| value(e, "URL").is_some_and(|url| url.ends_with(&format!("/events/{slug}"))))
        .collect()
}

#[tokio::test]
async fn the_feed_has_every_public_event_with_series_and_cancellations() {
    let app = TestApp::spawn().await;
    sqlx::query("UPDATE events SET status = 'draft' WHERE slug = 'koolitus-hinnastamine'")
        .execute(&app.pool)
        .await
        .unwrap();
    let response = app.get("/calendar.ics?lang=en").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let feed = response.text().await.unwrap();
    let calendar = parse(&feed);
    assert_eq!(calendar.timezones.len(), 1);
    assert!(
        by_url(&calendar, "koolitus-hinnastamine").is_empty(),
        "drafts stay out"
    );

    let series = by_url(&calendar, "vorgustiku-kohtumine");
    assert_eq!(series.len(), 2, "the series and its moved occurrence");
    assert_eq!(
        value(series[0], "RRULE"),
        Some("FREQ=MONTHLY;BYDAY=1TH;COUNT=13")
    );
    assert!(value(series[0], "EXDATE").is_some());
    assert!(value(series[1], "RECURRENCE-ID").is_some());
    assert_eq!(
        value(series[0], "SUMMARY"),
        Some("Creative Cluster network meeting")
    );

    let cancelled = by_url(&calendar, "noustamispaev-sillamae");
    assert_eq!(value(cancelled[0], "STATUS"), Some("CANCELLED"));
    // No English title: the Estonian one.
    assert_eq!(
        value(cancelled[0], "SUMMARY"),
        Some("Nõustamispäev Sillamäel")
    );
}

#[tokio::test]
async fn the_feed_follows_the_coordinators_edit_with_a_higher_sequence() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let before = parse(&app.page("/calendar.ics").await.1);
    let listed = by_url(&before, "koolitus-rahastus")[0];
    let uid = value(listed, "UID").unwrap().to_owned();
    let sequence: i64 = value(listed, "SEQUENCE").unwrap().parse().unwrap();
    // The form as the coordinator's editor loads it, with a new title, saved.
    let (id, editor) = app.event_editor(&session, "koolitus-rahastus", "et").await;
    let mut pairs: Vec<(String, String)> = editor["form"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(field, value)| {
            let value = match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Bool(true) => "true".to_owned(),
                _ => return None,
            };
            Some((format!("form[{field}]"), value))
        })
        .collect();
    pairs = with(
        pairs,
        &[
            ("form[title_et]", "Uus pealkiri"),
            ("id", &id.to_string()),
            ("sequence", &editor["sequence"].to_string()),
            ("intent", "publish"),
        ],
    );
    let saved = app
        .post_pairs("/api/coordinator/events/save", Some(&session), &pairs)
        .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let after = parse(&app.page("/calendar.ics").await.1);
    let edited = by_url(&after, "koolitus-rahastus")[0];
    assert_eq!(
        value(edited, "UID"),
        Some(uid.as_str()),
        "the UID never changes"
    );
    assert_eq!(
        value(edited, "SEQUENCE"),
        Some((sequence + 1).to_string().as_str())
    );
    assert_eq!(value(edited, "SUMMARY"), Some("Uus pealkiri"));
}

#[tokio::test]
async fn the_feed_filters_and_refuses_malformed_parameters_with_400() {
    let app = TestApp::spawn().await;
    let trainings = parse(&app.page("/calendar.ics?type=training&lang=ru").await.1);
    assert!(!trainings.events.is_empty());
    assert!(
        trainings
            .events
            .iter()
            .all(|e| value(e, "CATEGORIES") == Some("Обучение"))
    );
    let in_narva = parse(&app.page("/calendar.ics?municipality=narva").await.1);
    assert!(!in_narva.events.is_empty());
    assert!(
        in_narva
            .events
            .iter()
            .all(|e| value(e, "LOCATION").unwrap_or_default().contains("Narva"))
    );
    let english = parse(&app.page("/calendar.ics?language=en").await.1);
    assert_eq!(english.events.len(), 1, "only the fair is held in English");

    for bad in [
        "/calendar.ics?lang=de",
        "/calendar.ics?type=%3Cscript%3E",
        "/calendar.ics?municipality=..%2F..",
        "/calendar.ics?language=x%20y",
    ] {
        let (status, _) = app.page(bad).await;
        assert_eq!(status, 400, "{bad}");
    }
    let (status, _) = app.page("/calendar.ics?type=no-such-type").await;
    assert_eq!(
        status, 200,
        "a well-formed unknown code is just an empty feed"
    );
}

#[tokio::test]
async fn one_event_downloads_as_its_own_calendar_file() {
    let app = TestApp::spawn().await;
    let response = app.get("/et/events/ida-viru-kultuurilaat.ics").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"ida-viru-kultuurilaat.ics\""
    );
    let calendar = parse(&response.text().await.unwrap());
    assert_eq!(calendar.events.len(), 1);
    assert_eq!(
        value(&calendar.events[0], "SUMMARY"),
        Some("Ida-Viru Kultuurilaat")
    );

    assert_eq!(app.get("/et/events/no-such-event.ics").await.status(), 404);
    sqlx::query("UPDATE events SET status = 'draft' WHERE slug = 'ida-viru-kultuurilaat'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        app.get("/et/events/ida-viru-kultuurilaat.ics")
            .await
            .status(),
        404,
        "a draft is not public"
    );
}

#[tokio::test]
async fn the_events_page_lists_coming_occurrences_by_month_with_their_marks() {
    let app = TestApp::spawn().await;
    sqlx::query("UPDATE events SET status = 'draft' WHERE slug = 'koolitus-turundus-veebis'")
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, html) = app.page("/en/events").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Events</h1>"));
    // The series shows once per coming month, one of them moved and one cancelled.
    let meetings = html.matches("Creative Cluster network meeting").count();
    assert!(meetings >= 6, "{meetings} network meetings listed");
    assert!(html.contains(">New time<"));
    assert!(html.contains(">Cancelled<"));
    assert!(
        !html.contains("koolitus-turundus-veebis"),
        "drafts stay out"
    );
    assert!(html.contains(r#"href="/calendar.ics?lang=en""#));

    let (_, trainings) = app.page("/en/events?type=training").await;
    assert!(!trainings.contains("Creative Cluster network meeting"));
    assert!(trainings.contains("Funding your creative project"));
    assert!(trainings.contains(r#"href="/calendar.ics?lang=en&amp;type=training""#));

    let (_, past) = app.page("/en/events?when=past").await;
    assert!(past.contains("<h1>Past events</h1>"));
    assert!(past.contains("Creative Cluster network meeting"));
    assert!(
        !past.contains("Funding your creative project"),
        "not over yet"
    );
}

#[tokio::test]
async fn the_month_view_is_a_grid_with_its_neighbours_and_survives_a_bad_month() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/et/events?view=month&month=2027-03").await;
    assert_eq!(status, 200);
    assert!(html.contains("märts 2027"));
    assert!(html.contains(r#"<th scope="col">E</th>"#));
    assert!(html.contains("month=2027-02"));
    assert!(html.contains("month=2027-04"));
    // March 2027 starts on a Monday and has 31 days: 5 weeks of 7 cells.
    assert_eq!(
        html.matches("month-grid__day").count() - html.matches("month-grid__day--").count(),
        35
    );

    // A month that is no month, or one outside the calendar's years, is refused with the
    // reason, at once (a year 9999 once sent the grid's loop round for ever).
    for (bad, reason) in [
        ("2027-13", "See ei ole kuupäev."),
        ("x", "See ei ole kuupäev."),
        ("2027-3-1", "See ei ole kuupäev."),
        ("9999-12", "Kalender näitab aastaid 1900–2200"),
        ("-009999-01", "See ei ole kuupäev."),
        ("1899-12", "Kalender näitab aastaid 1900–2200"),
    ] {
        let path = format!("/et/events?view=month&month={bad}");
        let (status, page) =
            tokio::time::timeout(std::time::Duration::from_secs(20), app.page(&path))
                .await
                .unwrap_or_else(|_| panic!("{path} did not answer"));
        assert_eq!(status, 400, "{bad}");
        assert!(page.contains(reason), "{bad}: {page}");
        assert!(
            page.contains("<h1>Seda aadressi ei saa näidata</h1>"),
            "{bad}"
        );
    }
    // The calendar's last month has no next month to go to.
    let (status, last) = app.page("/en/events?view=month&month=2200-12").await;
    assert_eq!(status, 200);
    assert!(last.contains("month=2200-11") && !last.contains("month=2201-01"));
    // The coordinator's month view shares the rule.
    let session = app.coordinator().await;
    let refused = app
        .post(
            "/api/coordinator/events/month",
            Some(&session),
            &[("lang", "en"), ("month", "9999-12")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(error["Invalid"]["problem"], "DateOutOfRange");
}

#[tokio::test]
async fn an_event_page_has_its_time_zone_places_and_structured_data() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/en/events/vorgustiku-kohtumine").await;
    assert_eq!(status, 200);
    assert!(html.contains("Creative Cluster network meeting"));
    assert!(
        html.contains("Tallinn time, EE"),
        "the zone is shown (EET or EEST)"
    );
    assert!(html.contains("60 of 60 places left"));
    assert!(html.contains("Registration is open."));
    assert!(html.contains(r#"href="/en/events/vorgustiku-kohtumine.ics""#));
    assert!(html.contains("https://www.openstreetmap.org/search?query=Pargi+40%2C+J%C3%B5hvi"));
    assert!(html.contains(r#""@type":"Event""#));
    assert!(
        html.contains(r#""eventAttendanceMode":"https://schema.org/OfflineEventAttendanceMode""#)
    );
    assert!(
        html.contains(r#"<meta property="og:title" content="Creative Cluster network meeting""#)
    );
    assert!(html.contains("Next dates"));

    let (_, cancelled) = app.page("/et/events/noustamispaev-sillamae").await;
    assert!(cancelled.contains("See sündmus on ära jäetud."));
    assert!(cancelled.contains("https://schema.org/EventCancelled"));

    assert_eq!(app.page("/en/events/no-such-event").await.0, 404);
    assert_eq!(app.page("/en/events/Not_A_Slug").await.0, 404);
    sqlx::query("UPDATE events SET status = 'draft' WHERE slug = 'ida-viru-kultuurilaat'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.page("/en/events/ida-viru-kultuurilaat").await.0, 404);
}

async fn register(app: &TestApp, slug: &str, name: &str, email: &str) -> reqwest::Response {
    app.post(
        "/api/register",
        None,
        &[
            ("lang", "en"),
            ("slug", slug),
            ("name", name),
            ("email", email),
            ("consent", "yes"),
        ],
    )
    .await
}

#[tokio::test]
async fn registration_fills_the_places_then_the_waiting_list_and_a_cancellation_moves_it_up() {
    let app = TestApp::spawn().await;
    let slug = "noustamine-johvi";
    let mut links = Vec::new();
    for (n, expected) in [
        (1, "you are registered for"),
        (2, "you are registered for"),
        (3, "you are number 1 on the waiting list"),
        (4, "you are number 2 on the waiting list"),
    ] {
        let email = format!("p{n}@x.ee");
        let response = register(&app, slug, &format!("Person {n}"), &email).await;
        assert_eq!(response.status(), 200);
        let registered: serde_json::Value = response.json().await.unwrap();
        assert_eq!(registered, serde_json::json!({ "email": email }));
        let mail = app.mail_to(&email).await;
        assert_eq!(mail.len(), 1, "person {n}");
        let (subject, body) = &mail[0];
        assert_eq!(
            subject,
            "Registration: Counselling for creative entrepreneurs in Jõhvi"
        );
        assert!(body.starts_with(&format!("Hello Person {n},")), "{body}");
        assert!(body.contains(expected), "person {n}: {body}");
        links.push(app.private_link_of(&email).await);
    }
    let (_, page) = app.page(&format!("/en/events/{slug}")).await;
    assert!(page.contains("0 of 2 places left"));

    // The same email again gets the same answer as anyone, and nothing is stored. Its owner is
    // sent their own link once more, but not within ten minutes of the last message (a double
    // click, a stranger trying addresses).
    let again = || async {
        let again = register(&app, slug, "Click here: https://evil.example", "P1@x.ee").await;
        assert_eq!(again.status(), 200);
        let answer: serde_json::Value = again.json().await.unwrap();
        assert_eq!(answer, serde_json::json!({ "email": "P1@x.ee" }));
    };
    again().await;
    assert_eq!(
        app.mail_to("p1@x.ee").await.len(),
        1,
        "told just now already"
    );
    sqlx::query(
        "UPDATE outbox SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-11 minutes')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    again().await;
    again().await;
    assert_eq!(app.count("registrations").await, 4);
    let mail = app.mail_to("p1@x.ee").await;
    assert_eq!(mail.len(), 2, "told once more: {mail:?}");
    let (_, told) = &mail[1];
    assert!(
        told.starts_with("Hello Person 1,"),
        "the registrant's own name: {told}"
    );
    assert!(!told.contains("evil.example"));
    assert!(told.contains("was already registered"));
    assert!(told.contains(&links[0]), "their own link");

    // Person 1 cancels through the private page; person 3 moves up.
    let (status, private) = app.page(&links[0]).await;
    assert_eq!(status, 200);
    assert!(private.contains("Person 1") && private.contains("Registered"));
    let token = links[0].rsplit('/').next().unwrap();
    let cancelled = app
        .post("/api/registration/cancel", None, &[("token", token)])
        .await;
    assert_eq!(cancelled.status(), 200);
    let (_, third) = app.page(&links[2]).await;
    assert!(
        third.contains("Registered"),
        "the first waiting person has the place"
    );
    let (_, fourth) = app.page(&links[3]).await;
    assert!(fourth.contains("On the waiting list"));
    let (_, first) = app.page(&links[0]).await;
    assert!(first.contains("Your registration has been cancelled."));
    let twice = app
        .post("/api/registration/cancel", None, &[("token", token)])
        .await;
    assert_eq!(twice.status(), 422);
}

#[tokio::test]
async fn registrations_sent_all_at_once_fill_exactly_the_places_and_hold_the_address_limit() {
    let app = TestApp::spawn_with(|settings| {
        settings.client_ip_header = Some("x-real-ip".into());
        settings.database_connections = 8;
    })
    .await;
    let slug = "noustamine-johvi";
    // 30 people from 30 addresses at once, for 2 places.
    let people = (0..30).map(|n| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/register"))
                .header("x-real-ip", format!("192.0.2.{n}"))
                .form(&[
                    ("lang", "en"),
                    ("slug", slug),
                    ("name", "Person"),
                    ("email", &format!("p{n}@x.ee")),
                    ("consent", "yes"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    let statuses = futures::future::join_all(people).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let (confirmed, waiting): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status = 'waiting')
         FROM registrations",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((confirmed, waiting), (2, 28));
    let positions: Vec<i64> = futures::future::join_all((0..30).map(|n| {
        let app = &app;
        async move {
            let (_, body) = app.mail_to(&format!("p{n}@x.ee")).await.pop().unwrap();
            body.split("number ")
                .nth(1)
                .and_then(|rest| rest.split(' ').next()?.parse().ok())
                .unwrap_or(0)
        }
    }))
    .await;
    let mut waiting_positions: Vec<i64> = positions.into_iter().filter(|p| *p > 0).collect();
    waiting_positions.sort();
    assert_eq!(
        waiting_positions,
        (1..=28).collect::<Vec<_>>(),
        "each told their own place"
    );

    // 20 at once from one address: its limit of 10 holds.
    sqlx::query("UPDATE events SET capacity = 100 WHERE slug = 'koolitus-rahastus'")
        .execute(&app.pool)
        .await
        .unwrap();
    let bots = (0..20).map(|n| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/register"))
                .header("x-real-ip", "203.0.113.9")
                .form(&[
                    ("lang", "en"),
                    ("slug", "koolitus-rahastus"),
                    ("name", "Bot"),
                    ("email", &format!("bot{n}@x.ee")),
                    ("consent", "yes"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let mut statuses = futures::future::join_all(bots).await;
    statuses.sort();
    assert_eq!(
        statuses,
        [[200; 10].as_slice(), [422; 10].as_slice()].concat()
    );
}

#[tokio::test]
async fn registrations_while_another_writer_holds_the_database_all_complete_and_nothing_is_half_done()
 {
    use sqlx::Connection;
    let app = TestApp::spawn_with(|settings| settings.database_connections = 8).await;
    sqlx::query("UPDATE events SET capacity = 100 WHERE slug = 'noustamine-johvi'")
        .execute(&app.pool)
        .await
        .unwrap();
    let database = sqlx::query_scalar::<_, String>("SELECT file FROM pragma_database_list")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // Another program holds the write lock for two seconds: longer than the health check waits.
    let mut writer = sqlx::SqliteConnection::connect(&format!("sqlite://{database}"))
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut writer)
        .await
        .unwrap();
    let holder = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        sqlx::query("COMMIT").execute(&mut writer).await.unwrap();
    });
    let registrations = (0..10).map(|n| {
        let app = &app;
        async move {
            register(app, "noustamine-johvi", "Person", &format!("w{n}@x.ee"))
                .await
                .status()
                .as_u16()
        }
    });
    // Meanwhile the site reads on: writers wait for their turn without taking the connections
    // that pages and the health check need (its own limit is one second).
    let readers = async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let health = app.get("/health").await.status().as_u16();
        let events = app.page("/et/events").await.0;
        (health, events)
    };
    let (statuses, read) = tokio::join!(futures::future::join_all(registrations), readers);
    holder.await.unwrap();
    assert_eq!(statuses, [200; 10]);
    assert_eq!(
        read,
        (200, 200),
        "health and the events page, during the lock"
    );
    let unexplained: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registrations r
         WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id)",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(app.count("registrations").await, 10);
    assert_eq!(unexplained, 0, "every registrant is sent their link");
}

#[tokio::test]
async fn registration_refuses_bad_input_and_events_that_take_none_with_a_reason() {
    let app = TestApp::spawn().await;
    let form = |name: &'static str, email: &'static str, consent: Option<&'static str>| {
        let mut form = vec![
            ("lang", "et"),
            ("slug", "noustamine-johvi"),
            ("name", name),
            ("email", email),
        ];
        if let Some(consent) = consent {
            form.push(("consent", consent));
        }
        form
    };
    for (fields, field, problem) in [
        (form(" ", "a@x.ee", Some("yes")), "name", "Required"),
        (
            form("Mari", "not-an-email", Some("yes")),
            "email",
            "NotAnEmail",
        ),
        (form("Mari", "a@x.ee", None), "consent", "Required"),
    ] {
        let response = app.post("/api/register", None, &fields).await;
        assert_eq!(response.status(), 422, "{field}");
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error["Invalid"]["field"], field);
        assert_eq!(error["Invalid"]["problem"], problem);
    }
    let long = "x".repeat(201);
    let response = app
        .post(
            "/api/register",
            None,
            &[
                ("lang", "et"),
                ("slug", "noustamine-johvi"),
                ("name", &long),
                ("email", "a@x.ee"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);

    for (slug, problem) in [
        ("noustamispaev-sillamae", "EventCancelled"),
        ("koolitus-hinnastamine", "EventOver"),
        ("ida-viru-kultuurilaat", "RegistrationClosed"),
    ] {
        let response = register(&app, slug, "Mari", "mari@x.ee").await;
        assert_eq!(response.status(), 422, "{slug}");
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error["Invalid"]["problem"], problem, "{slug}");
    }
    assert_eq!(
        register(&app, "no-such-event", "Mari", "m@x.ee")
            .await
            .status(),
        404
    );
    assert_eq!(
        register(&app, "../etc", "Mari", "m@x.ee").await.status(),
        404
    );
    assert_eq!(app.page("/en/registration/not-a-token").await.0, 404);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM registrations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing half-written");
}

#[tokio::test]
async fn a_registrants_hostile_name_renders_as_text_on_their_page() {
    let app = TestApp::spawn().await;
    let response = register(
        &app,
        "noustamine-johvi",
        r#"<script>alert(1)</script>"onmouseover="x"#,
        "h@x.ee",
    )
    .await;
    assert_eq!(response.status(), 200);
    let (_, html) = app.page(&app.private_link_of("h@x.ee").await).await;
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
}

#[tokio::test]
async fn the_atom_feed_lists_coming_occurrences_with_stable_ids() {
    let app = TestApp::spawn().await;
    let response = app.get("/ru/events.atom").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let body = response.text().await.unwrap();
    let feed: atom_syndication::Feed = body.parse().expect("valid Atom");
    assert_eq!(feed.lang(), Some("ru"));
    assert!(feed.title().as_str().starts_with("События"));
    let entries = feed.entries();
    assert!(entries.len() >= 6);
    let mut ids: Vec<&str> = entries.iter().map(|e| e.id()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), entries.len(), "one id per occurrence");
    assert!(
        entries
            .iter()
            .any(|e| e.title().as_str() == "Встреча сети креативного кластера")
    );
    assert!(entries.iter().any(|e| {
        e.summary()
            .is_some_and(|s| s.as_str().starts_with("Отменено: "))
    }));
    assert_eq!(app.get("/de/events.atom").await.status(), 404);
}

#[tokio::test]
async fn without_javascript_registration_comes_back_to_the_event_told_it_was_received_or_why_not() {
    let app = TestApp::spawn().await;
    let plain = |email: &'static str, consent: &'static str| {
        app.client
            .post(app.url("/api/register"))
            .header("accept", "text/html")
            .header("referer", app.url("/et/events/noustamine-johvi"))
            .form(&[
                ("lang", "et"),
                ("slug", "noustamine-johvi"),
                ("name", "Mari"),
                ("email", email),
                ("consent", consent),
            ])
            .send()
    };
    let received = "/et/events/noustamine-johvi?registered=1#register-heading";
    let response = plain("mari@x.ee", "yes").await.unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], received);
    let (_, page) = app.page(received).await;
    assert!(page.contains("Aitäh! Registreerimine on vastu võetud."));
    assert!(page.contains("Saatsime sinu e-posti aadressile kinnituse"));
    let (_, private) = app.page(&app.private_link_of("mari@x.ee").await).await;
    assert!(private.contains("Registreeritud"));

    // The same email again looks the same.
    let again = plain("MARI@x.ee", "yes").await.unwrap();
    assert_eq!(again.headers()["location"], received);

    let refused = plain("other@x.ee", "").await.unwrap();
    let back = refused.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        back,
        "/et/events/noustamine-johvi?register_problem=Required#register-heading"
    );
    let (_, page) = app.page(&back).await;
    assert!(page.contains("See väli on kohustuslik."), "{page}");
}

#[tokio::test]
async fn one_address_cannot_fill_an_event_with_scripted_registrations() {
    let app = TestApp::spawn().await;
    sqlx::query("UPDATE events SET capacity = 100 WHERE slug = 'noustamine-johvi'")
        .execute(&app.pool)
        .await
        .unwrap();
    for n in 0..10 {
        let response = register(&app, "noustamine-johvi", "Bot", &format!("bot{n}@x.ee")).await;
        assert_eq!(response.status(), 200, "registration {n}");
    }
    let refused = register(&app, "noustamine-johvi", "Bot", "bot10@x.ee").await;
    assert_eq!(refused.status(), 422);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(error["Invalid"]["problem"], "TooManyRegistrations");
    // Public registrations keep the address they came from; that is what the limit counts.
    let address: Option<String> =
        sqlx::query_scalar("SELECT address FROM registrations WHERE email = 'bot0@x.ee'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(address.as_deref(), Some("127.0.0.1"));
}
