//! Sign-ups for events: up to the capacity confirmed, then a waiting list in order of arrival;
//! a cancellation moves the first waiting person up, in the same transaction.

use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::platform::audit::{Actor, record};
use crate::platform::db::Result;
use crate::platform::limits::PerAddress;
use crate::registrations::RegistrationStatus;
use crate::registrations::facts::Facts;
use crate::registrations::mail::{About, News, REGISTRANT, Registrant, tell};
use sqlx::{AssertSqlSafe, SqliteConnection, SqlitePool};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrationForCreate<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub organisation: Option<&'a str>,
    pub consent: &'a str,
    pub token: &'a str,
    /// The client's address for a public registration; `None` when the coordinator adds one.
    pub address: Option<&'a str>,
    /// The language of the registrant's mail.
    pub lang: Lang,
}

/// Public registrations one address may make in an hour: plenty for a family or an office
/// behind one address, too few for a script to fill an event's places.
pub const PER_ADDRESS: PerAddress = PerAddress {
    table: "registrations",
    most: 10,
    period: "-1 hour",
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placed {
    Confirmed,
    /// On the waiting list, at this position (from 1).
    Waiting(i64),
}

/// Registers for event `event_id` (the caller has checked that it takes registrations).
/// Confirmed while places are left, else waiting; the same email twice is `AlreadyRegistered`.
/// Answers the registration's id and its place.
pub async fn register(
    connection: &mut SqliteConnection,
    event_id: i64,
    registration: &RegistrationForCreate<'_>,
) -> Result<(i64, Placed), AppError> {
    // One statement decides and inserts, so two people cannot take the last place at once.
    let inserted: Option<(i64, RegistrationStatus)> = sqlx::query_as(
        "INSERT INTO registrations
             (event_id, name, email, organisation, consent, status, cancel_token, address, lang)
         SELECT ?1, ?2, ?3, ?4, ?5,
                CASE WHEN e.capacity IS NULL
                       OR (SELECT count(*) FROM registrations r
                           WHERE r.event_id = ?1 AND r.status = ?8) < e.capacity
                     THEN ?8 ELSE ?9 END,
                ?6, ?7, ?10
         FROM events e WHERE e.id = ?1
         ON CONFLICT DO NOTHING
         RETURNING id, status",
    )
    .bind(event_id)
    .bind(registration.name)
    .bind(registration.email)
    .bind(registration.organisation)
    .bind(registration.consent)
    .bind(registration.token)
    .bind(registration.address)
    .bind(RegistrationStatus::Confirmed)
    .bind(RegistrationStatus::Waiting)
    .bind(registration.lang)
    .fetch_optional(&mut *connection)
    .await?;
    let Some((id, status)) = inserted else {
        return Err(AppError::invalid("email", Problem::AlreadyRegistered));
    };
    if status == RegistrationStatus::Confirmed {
        return Ok((id, Placed::Confirmed));
    }
    Ok((id, Placed::Waiting(waiting_position(connection, id).await?)))
}

/// Registration `id`'s place on its event's waiting list, from 1.
async fn waiting_position(connection: &mut SqliteConnection, id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM registrations w JOIN registrations r ON r.id = ?
         WHERE w.event_id = r.event_id AND w.status = ? AND w.id <= r.id",
    )
    .bind(id)
    .bind(RegistrationStatus::Waiting)
    .fetch_one(connection)
    .await?)
}

/// An email already registered for the event is told again at most this often (a double
/// click, or a stranger trying addresses, sends no stream of mail).
const TELL_AGAIN_AFTER_MINUTES: i64 = 10;

/// A registration from the public event page, checked, and the event as it now is.
pub struct PublicRegistration<'a> {
    /// Its `address` is the client's.
    pub person: RegistrationForCreate<'a>,
    pub about: About<'a>,
    /// The funder's questions answered, with consent.
    pub facts: Option<Facts>,
}

/// Registers from the public page, in one transaction: the address's hourly limit, the
/// registration, and its confirmation in the outbox with the private link. An email already
/// registered for the event changes nothing; its owner is sent where they stand again (at most
/// every [`TELL_AGAIN_AFTER_MINUTES`]). The caller answers the same either way, so that no one
/// can learn from the answer who is registered.
pub async fn register_public(
    pool: &SqlitePool,
    registration: &PublicRegistration<'_>,
) -> Result<(), AppError> {
    let person = &registration.person;
    let event_id = registration.about.event.id;
    let mut tx = crate::platform::db::write(pool).await?;
    let address = person.address.unwrap_or_default();
    if PER_ADDRESS.reached(&mut tx, address).await? {
        return Err(AppError::invalid("event", Problem::TooManyRegistrations));
    }
    let news = match register(&mut tx, event_id, person).await {
        Ok((id, placed)) => {
            if let Some(facts) = &registration.facts {
                sqlx::query(
                    "INSERT INTO participant_facts (registration_id, gender, age_band, employment)
                     VALUES (?, ?, ?, ?)",
                )
                .bind(id)
                .bind(&facts.gender)
                .bind(&facts.age_band)
                .bind(&facts.employment)
                .execute(&mut *tx)
                .await?;
            }
            News::from(placed)
        }
        Err(AppError::Invalid {
            problem: Problem::AlreadyRegistered,
            ..
        }) => {
            let told_lately: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM outbox o JOIN registrations r
                                ON o.registration_id = r.id
                                WHERE r.event_id = ? AND r.email = ? AND r.status <> ?
                                AND o.created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?))",
            )
            .bind(event_id)
            .bind(person.email)
            .bind(RegistrationStatus::Cancelled)
            .bind(format!("-{TELL_AGAIN_AFTER_MINUTES} minutes"))
            .fetch_one(&mut *tx)
            .await?;
            if told_lately {
                return Ok(());
            }
            News::Again
        }
        Err(other) => return Err(other),
    };
    // To the registrant as registered: when registered already, nothing the stranger typed
    // goes into the mail.
    let registrant: Registrant = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {REGISTRANT} FROM registrations
         WHERE event_id = ? AND email = ? AND status <> ?"
    )))
    .bind(event_id)
    .bind(person.email)
    .bind(RegistrationStatus::Cancelled)
    .fetch_one(&mut *tx)
    .await?;
    tell(&mut tx, &registrant, &registration.about, news).await?;
    tx.commit().await?;
    Ok(())
}

impl From<Placed> for News {
    fn from(placed: Placed) -> Self {
        match placed {
            Placed::Confirmed => News::Confirmed,
            Placed::Waiting(position) => News::Waiting(position),
        }
    }
}

/// A registration as its private link shows it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RegistrationByToken {
    pub event_slug: String,
    pub name: String,
    pub status: RegistrationStatus,
    pub check_in_code: String,
    /// The code of the registrant's certificate of attendance, once issued.
    pub certificate: Option<String>,
    /// Their answers to the funder's questions (all `None`: none kept).
    #[sqlx(flatten)]
    pub facts: Facts,
}

pub async fn by_token(pool: &SqlitePool, token: &str) -> Result<Option<RegistrationByToken>> {
    Ok(sqlx::query_as(
        "SELECT e.slug AS event_slug, r.name, r.status, r.check_in_code, c.code AS certificate,
                f.gender, f.age_band, f.employment
         FROM registrations r JOIN events e ON e.id = r.event_id
         LEFT JOIN certificates c ON c.registration_id = r.id
         LEFT JOIN participant_facts f ON f.registration_id = r.id
         WHERE r.cancel_token = ?",
    )
    .bind(token)
    .fetch_optional(pool)
    .await?)
}

/// Deletes the answers to the funder's questions kept with the registration behind `token`
/// (none kept: nothing changes). `UnknownRegistration` when no registration has the token.
pub async fn withdraw_facts(pool: &SqlitePool, token: &str) -> Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM registrations WHERE cancel_token = ?")
        .bind(token)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(id) = id else {
        return Err(AppError::invalid("token", Problem::UnknownRegistration));
    };
    sqlx::query("DELETE FROM participant_facts WHERE registration_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels the registration behind `token`. A freed confirmed place goes to the first person
/// waiting, who is told by mail. `UnknownRegistration` when there is no live one.
pub async fn cancel(pool: &SqlitePool, token: &str, origin: &str) -> Result<(), AppError> {
    // IMMEDIATE: the write lock from the start, so a read cannot go stale before the update.
    let mut tx = crate::platform::db::write(pool).await?;
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM registrations WHERE cancel_token = ? AND status <> ?")
            .bind(token)
            .bind(RegistrationStatus::Cancelled)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(id) = id else {
        return Err(AppError::invalid("token", Problem::UnknownRegistration));
    };
    cancel_in(&mut tx, id, origin).await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels registration `id` in the caller's transaction and, when it held a place, moves the
/// first waiting person up and tells them. Returns the event's id and the registrant's email,
/// or `None` when there was no live registration.
pub async fn cancel_in(
    connection: &mut SqliteConnection,
    id: i64,
    origin: &str,
) -> Result<Option<(i64, String)>> {
    let live: Option<(i64, RegistrationStatus, String)> = sqlx::query_as(
        "SELECT event_id, status, email FROM registrations WHERE id = ? AND status <> ?",
    )
    .bind(id)
    .bind(RegistrationStatus::Cancelled)
    .fetch_optional(&mut *connection)
    .await?;
    let Some((event_id, was, email)) = live else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE registrations SET status = ?,
             cancelled_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(RegistrationStatus::Cancelled)
    .bind(id)
    .execute(&mut *connection)
    .await?;
    // Answers to the funder's questions serve no report once the registration is gone.
    sqlx::query("DELETE FROM participant_facts WHERE registration_id = ?")
        .bind(id)
        .execute(&mut *connection)
        .await?;
    if was == RegistrationStatus::Confirmed {
        let moved_up: Option<Registrant> = sqlx::query_as(AssertSqlSafe(format!(
            "UPDATE registrations SET status = ?1
             WHERE id = (SELECT id FROM registrations
                         WHERE event_id = ?2 AND status = ?3 ORDER BY id LIMIT 1)
             RETURNING {REGISTRANT}"
        )))
        .bind(RegistrationStatus::Confirmed)
        .bind(event_id)
        .bind(RegistrationStatus::Waiting)
        .fetch_optional(&mut *connection)
        .await?;
        if let Some(registrant) = moved_up
            && let Some(event) = crate::events::event_by_id(&mut *connection, event_id).await?
        {
            let about = About::next(&event, origin, jiff::Timestamp::now());
            tell(connection, &registrant, &about, News::MovedUp).await?;
        }
    }
    Ok(Some((event_id, email)))
}

/// A registration the coordinator adds (by phone, at the door).
pub struct Added<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub organisation: Option<&'a str>,
    /// The language of the registrant's mail.
    pub lang: Lang,
}

/// Adds a registration for event `event_id`, with the same places and waiting list as the
/// public form, and sends the registrant where they stand with their private link.
pub async fn add_registration(
    pool: &SqlitePool,
    event_id: i64,
    added: &Added<'_>,
    origin: &str,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let Added {
        name,
        email,
        organisation,
        lang,
    } = *added;
    if name.is_empty() {
        return Err(AppError::invalid("name", Problem::Required));
    }
    if name.chars().count() > 200 || organisation.is_some_and(|o| o.chars().count() > 200) {
        return Err(AppError::invalid("name", Problem::TooLong));
    }
    if !crate::shared::identifiers::is_email(email) {
        return Err(AppError::invalid("email", Problem::NotAnEmail));
    }
    let token = crate::platform::request::random_token();
    let mut tx = crate::platform::db::write(pool).await?;
    let Some(event) = crate::events::event_by_id(&mut tx, event_id).await? else {
        return Err(AppError::NotFound);
    };
    let (id, placed) = register(
        &mut tx,
        event_id,
        &RegistrationForCreate {
            name,
            email,
            organisation,
            consent: "added by the coordinator",
            token: &token,
            address: None,
            lang,
        },
    )
    .await?;
    let registrant: Registrant = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {REGISTRANT} FROM registrations WHERE id = ?"
    )))
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let about = About::next(&event, origin, jiff::Timestamp::now());
    tell(&mut tx, &registrant, &about, News::from(placed)).await?;
    record(
        &mut tx,
        actor,
        "registration.added",
        "event",
        Some(event_id),
        serde_json::json!({ "email": [null, email], "name": [null, name] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_registration(
    pool: &SqlitePool,
    registration_id: i64,
    origin: &str,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let Some((event_id, email)) = cancel_in(&mut tx, registration_id, origin).await? else {
        return Err(AppError::NotFound);
    };
    record(
        &mut tx,
        actor,
        "registration.removed",
        "event",
        Some(event_id),
        serde_json::json!({ "email": [email, null] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How long before a date its registrants are reminded.
pub const REMIND_BEFORE: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

/// Queues the reminder for every date of `events` that starts within [`REMIND_BEFORE`] of
/// `now`, to each registrant holding a place who registered before that window opened and was
/// not reminded of that date yet; nothing for cancelled events, cancelled dates or cancelled
/// registrations. Run every few minutes by the server; answers how many were queued.
pub async fn remind(
    pool: &SqlitePool,
    events: &[crate::events::model::CalendarEvent],
    origin: &str,
    now: jiff::Timestamp,
) -> Result<usize> {
    use crate::platform::db::db_time;
    let mut queued = 0;
    for event in events.iter().filter(|event| !event.is_cancelled()) {
        let Some(date) = event
            .occurrences(now, now + REMIND_BEFORE)
            .into_iter()
            .find(|o| o.starts_at > now && !o.cancelled)
        else {
            continue;
        };
        let starts = db_time(date.starts_at);
        let mut tx = crate::platform::db::write(pool).await?;
        let registrants: Vec<Registrant> = sqlx::query_as(AssertSqlSafe(format!(
            "UPDATE registrations SET reminded_for = ?1
             WHERE event_id = ?2 AND status = ?3 AND created_at <= ?4
               AND reminded_for IS NOT ?1
             RETURNING {REGISTRANT}"
        )))
        .bind(&starts)
        .bind(event.id)
        .bind(RegistrationStatus::Confirmed)
        .bind(db_time(date.starts_at - REMIND_BEFORE))
        .fetch_all(&mut *tx)
        .await?;
        let about = About {
            event,
            origin,
            starts_at: date.starts_at,
            ends_at: date.ends_at,
        };
        for registrant in &registrants {
            tell(&mut tx, registrant, &about, News::Reminder).await?;
        }
        tx.commit().await?;
        queued += registrants.len();
    }
    Ok(queued)
}

/// Tells every live registrant of event `event_id` (confirmed or waiting) `news`, in the
/// caller's transaction, about the event as it now is there. Nothing for an event that is not
/// public (a draft has no registrants to tell).
pub async fn tell_everyone(
    connection: &mut SqliteConnection,
    event_id: i64,
    news: News,
    origin: &str,
    now: jiff::Timestamp,
) -> Result<usize> {
    let Some(event) = crate::events::event_by_id(&mut *connection, event_id).await? else {
        return Ok(0);
    };
    let registrants: Vec<Registrant> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {REGISTRANT} FROM registrations WHERE event_id = ? AND status <> ? ORDER BY id"
    )))
    .bind(event_id)
    .bind(RegistrationStatus::Cancelled)
    .fetch_all(&mut *connection)
    .await?;
    let about = About::next(&event, origin, now);
    for registrant in &registrants {
        tell(connection, registrant, &about, news).await?;
    }
    Ok(registrants.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::store as events;
    use crate::platform::db::test_pool;

    const ORIGIN: &str = "https://loomeklaster.example";

    async fn event_with_capacity(pool: &SqlitePool, capacity: i64) -> i64 {
        let mut connection = pool.acquire().await.unwrap();
        events::insert(
            &mut connection,
            &crate::events::model::EventForCreate {
                slug: "koolitus".into(),
                type_code: "training".into(),
                title: crate::shared::Localized::new(Some("Koolitus".into()), None, None),
                starts_at: "2030-01-01T10:00:00Z".parse().unwrap(),
                ends_at: "2030-01-01T12:00:00Z".parse().unwrap(),
                status: crate::events::EventStatus::Published,
                registration: "open".into(),
                capacity: Some(capacity),
                ..crate::events::model::EventForCreate::default()
            },
        )
        .await
        .unwrap()
    }

    /// Registers `email` for `event` with the cancel token `token`.
    async fn sign_up(
        pool: &SqlitePool,
        event: i64,
        email: &str,
        token: &str,
    ) -> Result<Placed, AppError> {
        let person = RegistrationForCreate {
            name: "Mari",
            email,
            organisation: None,
            consent: "I agree",
            token,
            address: None,
            lang: Lang::Et,
        };
        register(&mut pool.acquire().await.unwrap(), event, &person)
            .await
            .map(|(_, placed)| placed)
    }

    async fn statuses(pool: &SqlitePool) -> Vec<(String, String)> {
        sqlx::query_as("SELECT email, status FROM registrations ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn places_fill_up_then_the_waiting_list_then_a_cancellation_moves_the_first_up() {
        let pool = test_pool().await;
        let event = event_with_capacity(&pool, 2).await;
        assert_eq!(
            sign_up(&pool, event, "a@x.ee", "t1").await,
            Ok(Placed::Confirmed)
        );
        assert_eq!(
            sign_up(&pool, event, "b@x.ee", "t2").await,
            Ok(Placed::Confirmed)
        );
        assert_eq!(
            sign_up(&pool, event, "c@x.ee", "t3").await,
            Ok(Placed::Waiting(1))
        );
        assert_eq!(
            sign_up(&pool, event, "d@x.ee", "t4").await,
            Ok(Placed::Waiting(2))
        );

        cancel(&pool, "t1", ORIGIN).await.unwrap();
        let now: Vec<(String, String)> = statuses(&pool).await;
        assert_eq!(
            now,
            [
                ("a@x.ee".into(), "cancelled".into()),
                ("b@x.ee".into(), "confirmed".into()),
                ("c@x.ee".into(), "confirmed".into()),
                ("d@x.ee".into(), "waiting".into()),
            ]
        );
        // The one moved up is told, with the event in their calendar.
        let told: Vec<(String, String, bool)> =
            sqlx::query_as("SELECT recipient, subject, calendar LIKE '%BEGIN:VEVENT%' FROM outbox")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert_eq!(
            told,
            [("c@x.ee".into(), "Sulle vabanes koht: Koolitus".into(), true)]
        );
        // Someone waiting who cancels frees no place, and no one is told.
        cancel(&pool, "t4", ORIGIN).await.unwrap();
        assert_eq!(statuses(&pool).await[3].1, "cancelled");
        assert_eq!(
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM outbox")
                .fetch_one(&pool)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            cancel(&pool, "t4", ORIGIN).await,
            Err(AppError::invalid("token", Problem::UnknownRegistration))
        );
    }

    #[tokio::test]
    async fn the_same_email_twice_is_told_and_not_stored_but_may_return_after_cancelling() {
        let pool = test_pool().await;
        let event = event_with_capacity(&pool, 5).await;
        sign_up(&pool, event, "mari@x.ee", "t1").await.unwrap();
        assert_eq!(
            sign_up(&pool, event, "MARI@x.ee", "t2").await,
            Err(AppError::invalid("email", Problem::AlreadyRegistered))
        );
        assert_eq!(statuses(&pool).await.len(), 1);
        cancel(&pool, "t1", ORIGIN).await.unwrap();
        assert_eq!(
            sign_up(&pool, event, "mari@x.ee", "t3").await,
            Ok(Placed::Confirmed)
        );
    }
}
