//! What registrants are sent: the confirmation with the event's details, private link and
//! calendar attachment, read back from the delivered mail; the place freed by a cancellation;
//! the event moved or cancelled; and the reminder the day before, once.

use crate::mail::{MailServer, until};
use crate::support::{ORIGIN, Session, TestApp, with};
use ical::parser::ical::component::IcalCalendar;
use jiff::Timestamp;
use mail_parser::MimeHeaders;

/// A training in Narva on 4 June 2027, 10:00–12:00 Tallinn time, with two places, published.
async fn training(app: &TestApp, session: &Session) -> i64 {
    let form: Vec<(String, String)> = [
        ("type_code", "training"),
        ("title_en", "Glazing for beginners"),
        ("title_ru", "Глазурь для начинающих"),
        ("start_date", "2027-06-04"),
        ("start_time", "10:00"),
        ("end_time", "12:00"),
        ("venue", "Narva Kolledž"),
        ("municipality", "narva"),
        ("capacity", "2"),
        ("registration", "open"),
        ("speaks_ru", "true"),
    ]
    .into_iter()
    .map(|(field, value)| (format!("form[{field}]"), value.to_owned()))
    .collect();
    let saved: serde_json::Value = app
        .post_pairs(
            "/api/coordinator/events/save",
            Some(session),
            &with(form, &[("intent", "publish")]),
        )
        .await
        .json()
        .await
        .unwrap();
    saved["id"].as_i64().unwrap()
}

async fn register(app: &TestApp, lang: &str, name: &str, email: &str) {
    let response = app
        .post(
            "/api/register",
            None,
            &[
                ("lang", lang),
                ("slug", "glazing-for-beginners"),
                ("name", name),
                ("email", email),
                ("consent", "yes"),
            ],
        )
        .await;
    let status = response.status();
    assert_eq!(status, 200, "{email}: {}", response.text().await.unwrap());
}

async fn cancel(app: &TestApp, email: &str) {
    let link = app.private_link_of(email).await;
    let token = link.rsplit('/').next().unwrap();
    let response = app
        .post("/api/registration/cancel", None, &[("token", token)])
        .await;
    assert_eq!(response.status(), 200);
}

/// The text of the QR code in the PNG picture `png`.
fn read_qr(png: &[u8]) -> String {
    let picture = image::load_from_memory(png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(picture);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    grids[0].decode().unwrap().1
}

/// The subjects of the messages to `email`, oldest first.
async fn subjects(app: &TestApp, email: &str) -> Vec<String> {
    app.mail_to(email)
        .await
        .into_iter()
        .map(|(subject, _)| subject)
        .collect()
}

#[tokio::test]
async fn a_registrant_gets_the_event_in_their_calendar_and_the_next_in_line_hears_of_the_place() {
    let mail = MailServer::start();
    let app = TestApp::spawn_with(|settings| settings.mail = mail.settings()).await;
    let session = app.coordinator().await;
    let id = training(&app, &session).await;
    register(&app, "en", "Mari Tamm", "mari@x.ee").await;
    register(&app, "en", "Jaan Kask", "jaan@x.ee").await;
    register(&app, "ru", "Ольга Петрова", "olga@x.ee").await;

    until("the confirmation", async || {
        mail.delivered_to("mari@x.ee").len() == 1
    })
    .await;
    let delivered = &mail.delivered_to("mari@x.ee")[0];
    let message = mail_parser::MessageParser::default()
        .parse(&delivered.data)
        .unwrap();
    assert_eq!(
        message.subject(),
        Some("Registration: Glazing for beginners")
    );
    let text = message.body_text(0).unwrap();
    for expected in [
        "Hello Mari Tamm,",
        "you are registered for “Glazing for beginners”",
        "When: 4 Jun 2027, 10:00–12:00 (Tallinn time, EEST)",
        "Where: Narva Kolledž, Narva",
        &format!("Event page: {ORIGIN}/en/events/glazing-for-beginners"),
        &format!("{ORIGIN}/en/registration/"),
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // The event as an attachment any calendar reads: one VEVENT, the feed's own UID.
    let attachment = message.attachment(0).expect("the event attached");
    assert_eq!(attachment.attachment_name(), Some("event.ics"));
    let content_type = attachment.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("text", Some("calendar"))
    );
    assert_eq!(content_type.attribute("method"), Some("PUBLISH"));
    let calendar: IcalCalendar = ical::IcalParser::new(attachment.contents())
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(calendar.events.len(), 1);
    // The check-in code, attached as a picture a phone's camera reads: Mari's check-in page.
    assert!(text.contains("At the door, show the QR code attached to this message"));
    let picture = message.attachment(1).expect("the check-in code attached");
    assert_eq!(picture.attachment_name(), Some("check-in.png"));
    assert_eq!(picture.content_type().unwrap().subtype(), Some("png"));
    let code: String =
        sqlx::query_scalar("SELECT check_in_code FROM registrations WHERE email = 'mari@x.ee'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        read_qr(picture.contents()),
        format!("{ORIGIN}/et/admin/check-in/{code}")
    );
    let property = |name: &str| {
        calendar.events[0]
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(
        property("UID"),
        Some(format!("event-{id}@loomeklaster.example"))
    );
    assert_eq!(
        property("SUMMARY").as_deref(),
        Some("Glazing for beginners")
    );
    assert_eq!(property("DTSTART").as_deref(), Some("20270604T100000"));

    // Someone on the waiting list has no place to put in a calendar.
    until("the waiting list place", async || {
        mail.delivered_to("olga@x.ee").len() == 1
    })
    .await;
    let delivered = mail.delivered_to("olga@x.ee");
    let waiting = mail_parser::MessageParser::default()
        .parse(&delivered[0].data)
        .unwrap();
    assert!(waiting.attachment(0).is_none());
    assert!(
        waiting
            .body_text(0)
            .unwrap()
            .contains("вы в листе ожидания под номером 1"),
        "{:?}",
        waiting.body_text(0)
    );

    // Mari cancels: Olga has the place, and is told so in Russian with the event attached.
    cancel(&app, "mari@x.ee").await;
    until("the place freed", async || {
        mail.delivered_to("olga@x.ee").len() == 2
    })
    .await;
    let delivered = mail.delivered_to("olga@x.ee");
    let moved_up = mail_parser::MessageParser::default()
        .parse(&delivered[1].data)
        .unwrap();
    assert_eq!(
        moved_up.subject(),
        Some("Для вас освободилось место: Глазурь для начинающих")
    );
    assert!(
        moved_up
            .body_text(0)
            .unwrap()
            .contains("Здравствуйте, Ольга Петрова,")
    );
    assert!(moved_up.attachment(0).is_some());
    assert_eq!(
        subjects(&app, "jaan@x.ee").await.len(),
        1,
        "no news for Jaan"
    );
}

#[tokio::test]
async fn registrants_hear_when_the_event_moves_or_is_cancelled_and_the_day_before_once() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let id = training(&app, &session).await;
    register(&app, "en", "Mari Tamm", "mari@x.ee").await;
    register(&app, "en", "Jaan Kask", "jaan@x.ee").await;
    register(&app, "en", "Olev Saar", "olev@x.ee").await;
    register(&app, "en", "Toomas Mets", "toomas@x.ee").await;
    // Olev moves up to Jaan's place; Toomas waits.
    cancel(&app, "jaan@x.ee").await;

    // A new title is not news; a new time is, to everyone still registered.
    let (_, editor) = app
        .event_editor(&session, "glazing-for-beginners", "en")
        .await;
    let sequence = editor["sequence"].to_string();
    let mut form: Vec<(String, String)> = editor["form"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(field, value)| Some((format!("form[{field}]"), value.as_str()?.to_owned())))
        .collect();
    form = with(form, &[("form[title_en]", "Glazing for all")]);
    let save = |form: Vec<(String, String)>, sequence: String| {
        let (app, session) = (&app, &session);
        async move {
            let pairs = with(form, &[("id", &id.to_string()), ("sequence", &sequence)]);
            let answer: serde_json::Value = app
                .post_pairs("/api/coordinator/events/save", Some(session), &pairs)
                .await
                .json()
                .await
                .unwrap();
            answer["sequence"].to_string()
        }
    };
    let sequence = save(form.clone(), sequence).await;
    assert_eq!(subjects(&app, "mari@x.ee").await.len(), 1);
    form = with(
        form,
        &[("form[start_time]", "14:00"), ("form[end_time]", "16:00")],
    );
    save(form, sequence).await;
    for (email, told) in [
        ("mari@x.ee", true),
        ("olev@x.ee", true),
        ("toomas@x.ee", true),
        ("jaan@x.ee", false),
    ] {
        let mail = app.mail_to(email).await;
        let (subject, body) = mail.last().unwrap();
        assert_eq!(
            subject == "Changed: Glazing for all",
            told,
            "{email}: {subject}"
        );
        if told {
            assert!(
                body.contains("It is now: 4 Jun 2027, 14:00–16:00."),
                "{body}"
            );
        }
    }

    // The day before: those holding a place are reminded once; the one waiting is not.
    let start: Timestamp = "2027-06-04T11:00:00Z".parse().unwrap();
    let events = app::events::store::public_events(&app.pool).await.unwrap();
    let remind = |now: Timestamp| {
        let (app, events) = (&app, &events);
        async move {
            app::registrations::store::remind(&app.pool, events, ORIGIN, now)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        remind(start - jiff::SignedDuration::from_hours(25)).await,
        0
    );
    assert_eq!(
        remind(start - jiff::SignedDuration::from_hours(23)).await,
        2
    );
    assert_eq!(
        remind(start - jiff::SignedDuration::from_hours(22)).await,
        0
    );
    assert_eq!(
        subjects(&app, "mari@x.ee").await.last().unwrap(),
        "Tomorrow: Glazing for all"
    );
    assert!(
        !subjects(&app, "toomas@x.ee")
            .await
            .iter()
            .any(|s| s.starts_with("Tomorrow")),
        "Toomas is waiting, not coming"
    );

    // Cancelled: everyone registered is told, and no reminder follows.
    let status = app
        .post(
            "/api/coordinator/events/status",
            Some(&session),
            &[("id", &id.to_string()), ("status", "cancelled")],
        )
        .await;
    assert_eq!(status.status(), 200);
    for email in ["mari@x.ee", "olev@x.ee", "toomas@x.ee"] {
        assert_eq!(
            subjects(&app, email).await.last().unwrap(),
            "Cancelled: Glazing for all",
            "{email}"
        );
    }
    sqlx::query("UPDATE registrations SET reminded_for = NULL")
        .execute(&app.pool)
        .await
        .unwrap();
    let events = app::events::store::public_events(&app.pool).await.unwrap();
    let reminded = app::registrations::store::remind(
        &app.pool,
        &events,
        ORIGIN,
        start - jiff::SignedDuration::from_hours(23),
    )
    .await
    .unwrap();
    assert_eq!(reminded, 0, "no reminder of a cancelled event");
}
