//! Counselling over HTTP: booking a demo time with its mail and calendar file, cancelling from
//! the private link, the last time booked by several people at once, the coordinator's times
//! and cancellations, the hourly limit, and the reminder the day before.

use super::support::{ORIGIN, TestApp};
use ical::parser::ical::component::IcalEvent;
use serde_json::Value;

async fn free_ids(app: &TestApp) -> Vec<i64> {
    let days: Value = app
        .get("/api/counselling?lang=en")
        .await
        .json()
        .await
        .unwrap();
    days.as_array()
        .unwrap()
        .iter()
        .flat_map(|day| day["slots"].as_array().unwrap().clone())
        .map(|slot| slot["id"].as_i64().unwrap())
        .collect()
}

async fn book(app: &TestApp, slot: i64, email: &str) -> reqwest::Response {
    app.post(
        "/api/counselling/book",
        None,
        &[
            ("lang", "en"),
            ("slot", &slot.to_string()),
            ("name", "Maria Ivanova"),
            ("organisation", "alutaguse PUIDUDISAIN OÜ"),
            ("email", email),
            ("question", "Kulka or EAS for a furniture series?"),
        ],
    )
    .await
}

async fn problem(response: reqwest::Response) -> String {
    let error: Value = response.json().await.unwrap();
    error["Invalid"]["problem"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The calendar file of the last message to `recipient`, as its only event.
async fn attached(app: &TestApp, recipient: &str) -> IcalEvent {
    let calendar: String = sqlx::query_scalar(
        "SELECT calendar FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(recipient)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let mut parsed = ical::IcalParser::new(calendar.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    parsed.events.remove(0)
}

fn value<'a>(event: &'a IcalEvent, name: &str) -> &'a str {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_person_books_a_time_and_cancels_it_from_the_mailed_link() {
    let app = TestApp::spawn().await;
    let free = free_ids(&app).await;
    assert_eq!(free.len(), 4, "the demo consultation day");
    let (status, html) = app.page("/ru/counselling").await;
    assert_eq!(status, 200);
    assert!(html.contains("Jõhvi Kontserdimaja") && html.contains("Тема:"));

    // Refused with a reason, nothing stored.
    for (fields, expected) in [
        (vec![("name", "")], "Required"),
        (vec![("email", "maria@")], "NotAnEmail"),
        (vec![("slot", "999999")], "UnknownChoice"),
    ] {
        let mut form = vec![
            ("lang", "en"),
            ("name", "Maria"),
            ("email", "maria@narva.example"),
        ];
        let slot = free[0].to_string();
        form.push(("slot", &slot));
        for (key, value) in &fields {
            form.retain(|(k, _)| k != key);
            form.push((key, value));
        }
        let refused = app.post("/api/counselling/book", None, &form).await;
        assert_eq!(refused.status(), 422, "{fields:?}");
        assert_eq!(problem(refused).await, expected);
    }
    assert_eq!(app.count("consultation_bookings").await, 0);

    let booked = book(&app, free[0], "maria@narva.example").await;
    assert_eq!(booked.status(), 200);
    assert_eq!(free_ids(&app).await, free[1..]);
    let organisation: Option<String> = sqlx::query_scalar(
        "SELECT o.slug FROM consultation_bookings b JOIN organisations o ON o.id = b.organisation_id",
    )
    .fetch_optional(&app.pool)
    .await
    .unwrap();
    assert_eq!(organisation.as_deref(), Some("alutaguse-puidudisain"));

    let mail = app.mail_to("maria@narva.example").await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].0.starts_with("Consultation "), "{}", mail[0].0);
    assert!(mail[0].1.contains("Jõhvi Kontserdimaja"));
    let event = attached(&app, "maria@narva.example").await;
    assert_eq!(value(&event, "STATUS"), "CONFIRMED");
    assert!(value(&event, "UID").starts_with("consultation-"));
    let uid = value(&event, "UID").to_owned();

    let link = app.private_link_of("maria@narva.example").await;
    assert!(link.starts_with("/en/counselling/"), "{link}");
    let (status, page) = app.page(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Your consultation") && page.contains("Kulka or EAS"));
    let token = link.rsplit('/').next().unwrap();
    let cancelled = app
        .post("/api/counselling/cancel", None, &[("token", token)])
        .await;
    assert_eq!(cancelled.status(), 200);
    assert_eq!(free_ids(&app).await, free, "the time is free again");
    let (_, page) = app.page(&link).await;
    assert!(page.contains("This booking is cancelled."));
    let event = attached(&app, "maria@narva.example").await;
    assert_eq!(
        (
            value(&event, "STATUS"),
            value(&event, "SEQUENCE"),
            value(&event, "UID")
        ),
        ("CANCELLED", "1", uid.as_str())
    );

    for bad in ["not-a-token", &"0".repeat(48)] {
        assert_eq!(app.page(&format!("/en/counselling/{bad}")).await.0, 404);
        let refused = app
            .post("/api/counselling/cancel", None, &[("token", bad)])
            .await;
        assert_eq!(refused.status(), 404);
    }
}

#[tokio::test]
async fn people_booking_the_same_time_at_once_get_one_yes_and_clear_noes() {
    let app = TestApp::spawn().await;
    let slot = free_ids(&app).await[0];
    let emails: Vec<String> = (0..5).map(|n| format!("person{n}@narva.example")).collect();
    let answers =
        futures::future::join_all(emails.iter().map(|email| book(&app, slot, email))).await;
    let mut statuses: Vec<u16> = answers.iter().map(|a| a.status().as_u16()).collect();
    statuses.sort();
    assert_eq!(statuses, [200, 422, 422, 422, 422]);
    for answer in answers.into_iter().filter(|a| a.status() == 422) {
        assert_eq!(problem(answer).await, "SlotTaken");
    }
    let live: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM consultation_bookings WHERE slot_id = ? AND status = 'booked'",
    )
    .bind(slot)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(live, 1);
    let told: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE booking_id IS NOT NULL")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(told, 1, "only the one who got the time is mailed");
}

#[tokio::test]
async fn the_coordinator_adds_times_cancels_them_and_the_limit_holds() {
    let app = TestApp::spawn().await;
    let session = app.coordinator().await;
    let tomorrow = (jiff::Zoned::now().date().tomorrow().unwrap()).to_string();
    let add = |fields: Vec<(&'static str, String)>| {
        let (app, session) = (&app, &session);
        async move {
            let pairs: Vec<(String, String)> = fields
                .into_iter()
                .map(|(k, v)| (format!("form[{k}]"), v))
                .collect();
            app.post_pairs("/api/coordinator/counselling/add", Some(session), &pairs)
                .await
        }
    };
    let anonymous = app
        .post(
            "/api/coordinator/counselling/add",
            None,
            &[("form[date]", "2030-01-01")],
        )
        .await;
    assert_eq!(anonymous.status(), 401);
    let nowhere = add(vec![("date", tomorrow.clone()), ("time", "10:00".into())]).await;
    assert_eq!(problem(nowhere).await, "PlaceOrLink");
    let past = add(vec![
        ("date", "2020-01-01".into()),
        ("time", "10:00".into()),
        ("place", "Narva".into()),
    ])
    .await;
    assert_eq!(problem(past).await, "EventOver");
    let gap = add(vec![
        ("date", "2027-03-28".into()),
        ("time", "03:30".into()),
        ("place", "Narva".into()),
    ])
    .await;
    assert_eq!(problem(gap).await, "InTimeGap");
    let added = add(vec![
        ("date", tomorrow.clone()),
        ("time", "09:00".into()),
        ("minutes", "30".into()),
        ("count", "6".into()),
        ("gap", "0".into()),
        ("online_url", "https://meet.example.org/klaster".into()),
    ])
    .await;
    assert_eq!(added.status(), 200);
    assert_eq!(added.json::<usize>().await.unwrap(), 6);
    let free = free_ids(&app).await;
    assert_eq!(free.len(), 10);

    // Five bookings an hour from one address; the sixth is refused, and says why.
    for (n, slot) in free.iter().take(5).enumerate() {
        let booked = book(&app, *slot, &format!("p{n}@x.example")).await;
        assert_eq!(booked.status(), 200);
    }
    let sixth = book(&app, free[5], "p5@x.example").await;
    assert_eq!(problem(sixth).await, "TooManyBookings");

    let times: Value = app
        .post(
            "/api/coordinator/counselling",
            Some(&session),
            &[("lang", "en")],
        )
        .await
        .json()
        .await
        .unwrap();
    let first = &times[0];
    assert_eq!(first["booking"]["email"], "p0@x.example");
    let id = first["id"].to_string();
    let cancelled = app
        .post(
            "/api/coordinator/counselling/cancel",
            Some(&session),
            &[("id", &id), ("booking_only", "true")],
        )
        .await;
    assert_eq!(cancelled.status(), 200);
    let told = app.mail_to("p0@x.example").await;
    assert!(told.last().unwrap().1.contains("we have to cancel"));
    assert!(
        free_ids(&app)
            .await
            .contains(&first["id"].as_i64().unwrap())
    );
    let cancelled = app
        .post(
            "/api/coordinator/counselling/cancel",
            Some(&session),
            &[("id", &id)],
        )
        .await;
    assert_eq!(cancelled.status(), 200);
    assert!(
        !free_ids(&app)
            .await
            .contains(&first["id"].as_i64().unwrap())
    );
    // Erased on the person's request: the booking and its mail go, its audit keeps no value,
    // and the time is free again.
    let second = &times[1];
    let booking = second["booking"]["id"].to_string();
    let anonymous = app
        .post(
            "/api/coordinator/counselling/erase",
            None,
            &[("id", &booking)],
        )
        .await;
    assert_eq!(anonymous.status(), 401);
    let erased = app
        .post(
            "/api/coordinator/counselling/erase",
            Some(&session),
            &[("id", &booking)],
        )
        .await;
    assert_eq!(erased.status(), 200);
    assert!(app.mail_to("p1@x.example").await.is_empty());
    assert!(
        free_ids(&app)
            .await
            .contains(&second["id"].as_i64().unwrap())
    );
    let kept: Vec<String> = sqlx::query_scalar(
        "SELECT changes FROM audit_log WHERE entity = 'consultation_booking' AND entity_id = ?",
    )
    .bind(second["booking"]["id"].as_i64().unwrap())
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(kept.iter().all(|changes| !changes.contains("p1@x.example")));
    let again = app
        .post(
            "/api/coordinator/counselling/erase",
            Some(&session),
            &[("id", &booking)],
        )
        .await;
    assert_eq!(again.status(), 404);
    let actions = app.audit_actions().await;
    for action in [
        "consultation.added",
        "booking.cancelled",
        "consultation.cancelled",
        "booking.erased",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action}");
    }
}

#[tokio::test]
async fn a_reminder_goes_once_the_day_before() {
    let app = TestApp::spawn().await;
    let slot = free_ids(&app).await[0];
    assert_eq!(book(&app, slot, "maria@narva.example").await.status(), 200);
    sqlx::query("UPDATE consultation_bookings SET created_at = '2020-01-01T00:00:00Z'")
        .execute(&app.pool)
        .await
        .unwrap();
    let starts: jiff::Timestamp =
        sqlx::query_scalar::<_, String>("SELECT starts_at FROM consultation_slots WHERE id = ?")
            .bind(slot)
            .fetch_one(&app.pool)
            .await
            .unwrap()
            .parse()
            .unwrap();
    let hours = |h: i64| jiff::SignedDuration::from_hours(h);
    let remind = |at: jiff::Timestamp| app::counselling::remind(&app.pool, ORIGIN, at);
    assert_eq!(remind(starts - hours(25)).await.unwrap(), 0, "too early");
    assert_eq!(remind(starts - hours(23)).await.unwrap(), 1);
    assert_eq!(remind(starts - hours(22)).await.unwrap(), 0, "once");
    let mail = app.mail_to("maria@narva.example").await;
    assert!(mail.last().unwrap().0.starts_with("Reminder: consultation"));
}
