//! Sign-ups for events: up to the capacity confirmed, then a waiting list in order of arrival;
//! a cancellation moves the first waiting person up, in the same transaction.

use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::outbox::{NewMessage, letter, queue};
use crate::platform::audit::{Actor, record};
use crate::platform::db::Result;
use crate::platform::limits::PerAddress;
use crate::registrations::RegistrationStatus;
use sqlx::{SqliteConnection, SqlitePool};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrationForCreate<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub organisation: Option<&'a str>,
    pub consent: &'a str,
    pub token: &'a str,
    /// The client's address for a public registration; `None` when the coordinator adds one.
    pub address: Option<&'a str>,
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
             (event_id, name, email, organisation, consent, status, cancel_token, address)
         SELECT ?1, ?2, ?3, ?4, ?5,
                CASE WHEN e.capacity IS NULL
                       OR (SELECT count(*) FROM registrations r
                           WHERE r.event_id = ?1 AND r.status = ?8) < e.capacity
                     THEN ?8 ELSE ?9 END,
                ?6, ?7
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

/// An existing registration, as a second registration with its email finds it.
#[derive(sqlx::FromRow)]
struct Registered {
    id: i64,
    name: String,
    email: String,
    cancel_token: String,
    status: RegistrationStatus,
    told_lately: bool,
}

/// A registration from the public event page, checked, with what its confirmation says.
#[derive(Clone, Debug)]
pub struct PublicRegistration<'a> {
    pub event_id: i64,
    /// Its `address` is the client's.
    pub person: RegistrationForCreate<'a>,
    pub lang: Lang,
    /// The event's title and time as the registrant reads them.
    pub event_title: &'a str,
    pub event_when: &'a str,
    /// The registrant's private pages, to which the token is added (`https://…/et/registration/`).
    pub private_pages: &'a str,
}

/// Registers from the public page, in one transaction: the address's hourly limit, the
/// registration, and its confirmation in the outbox with the private link. An email already
/// registered for the event changes nothing; its owner is sent their own link again (at most
/// every [`TELL_AGAIN_AFTER_MINUTES`]). The caller answers the same either way, so that no one
/// can learn from the answer who is registered.
pub async fn register_public(
    pool: &SqlitePool,
    registration: &PublicRegistration<'_>,
) -> Result<(), AppError> {
    let person = &registration.person;
    let texts = &registration.lang.texts().events;
    let about_event = |template: &str| {
        template
            .replace("{title}", registration.event_title)
            .replace("{when}", registration.event_when)
    };
    let mut tx = crate::platform::db::write(pool).await?;
    let address = person.address.unwrap_or_default();
    if PER_ADDRESS.reached(&mut tx, address).await? {
        return Err(AppError::invalid("event", Problem::TooManyRegistrations));
    }
    let (id, token, news, again) = match register(&mut tx, registration.event_id, person).await {
        Ok((id, Placed::Confirmed)) => (
            id,
            person.token.to_owned(),
            about_event(texts.mail_confirmed),
            None,
        ),
        Ok((id, Placed::Waiting(position))) => (
            id,
            person.token.to_owned(),
            about_event(texts.mail_waiting).replace("{position}", &position.to_string()),
            None,
        ),
        Err(AppError::Invalid {
            problem: Problem::AlreadyRegistered,
            ..
        }) => {
            let registered: Registered = sqlx::query_as(
                "SELECT r.id, r.name, r.email, r.cancel_token, r.status,
                        EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id
                                AND o.created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?))
                            AS told_lately
                 FROM registrations r
                 WHERE r.event_id = ? AND r.email = ? AND r.status <> ?",
            )
            .bind(format!("-{} minutes", TELL_AGAIN_AFTER_MINUTES))
            .bind(registration.event_id)
            .bind(person.email)
            .bind(RegistrationStatus::Cancelled)
            .fetch_one(&mut *tx)
            .await?;
            if registered.told_lately {
                return Ok(());
            }
            let status = if registered.status == RegistrationStatus::Confirmed {
                texts.status_confirmed
            } else {
                texts.status_waiting
            };
            let news = about_event(texts.mail_again).replace("{status}", status);
            // To the registrant as registered: nothing the stranger typed goes into the mail.
            (
                registered.id,
                registered.cancel_token.clone(),
                news,
                Some(registered),
            )
        }
        Err(other) => return Err(other),
    };
    let (recipient, name) = match &again {
        Some(registered) => (registered.email.as_str(), registered.name.as_str()),
        None => (person.email, person.name),
    };
    let text = format!(
        "{news}\n\n{}\n{}{token}",
        texts.mail_link, registration.private_pages
    );
    queue(
        &mut tx,
        &NewMessage {
            recipient,
            lang: Some(registration.lang),
            subject: &about_event(texts.mail_subject),
            body: &letter(registration.lang, name, &text),
            registration_id: Some(id),
            ..NewMessage::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A registration as its private link shows it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RegistrationByToken {
    pub event_slug: String,
    pub name: String,
    pub status: RegistrationStatus,
}

pub async fn by_token(pool: &SqlitePool, token: &str) -> Result<Option<RegistrationByToken>> {
    Ok(sqlx::query_as(
        "SELECT e.slug AS event_slug, r.name, r.status
         FROM registrations r JOIN events e ON e.id = r.event_id
         WHERE r.cancel_token = ?",
    )
    .bind(token)
    .fetch_optional(pool)
    .await?)
}

/// Cancels the registration behind `token`. A freed confirmed place goes to the first person
/// waiting. `UnknownRegistration` when there is no live one.
pub async fn cancel(pool: &SqlitePool, token: &str) -> Result<(), AppError> {
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
    cancel_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels registration `id` in the caller's transaction and moves the first waiting person
/// up when it held a place. Returns the event's id and the registrant's email, or `None` when
/// there was no live registration.
pub async fn cancel_in(
    connection: &mut SqliteConnection,
    id: i64,
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
    if was == RegistrationStatus::Confirmed {
        sqlx::query(
            "UPDATE registrations SET status = ?1
             WHERE id = (SELECT id FROM registrations
                         WHERE event_id = ?2 AND status = ?3 ORDER BY id LIMIT 1)",
        )
        .bind(RegistrationStatus::Confirmed)
        .bind(event_id)
        .bind(RegistrationStatus::Waiting)
        .execute(&mut *connection)
        .await?;
    }
    Ok(Some((event_id, email)))
}

pub async fn add_registration(
    pool: &SqlitePool,
    event_id: i64,
    name: &str,
    email: &str,
    organisation: Option<&str>,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    if name.is_empty() {
        return Err(AppError::invalid("name", Problem::Required));
    }
    if name.chars().count() > 200 || organisation.is_some_and(|o| o.chars().count() > 200) {
        return Err(AppError::invalid("name", Problem::TooLong));
    }
    if !crate::shared::identifiers::is_email(email) {
        return Err(AppError::invalid("email", Problem::NotAnEmail));
    }
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM events WHERE id = ?)")
        .bind(event_id)
        .fetch_one(pool)
        .await?;
    if !exists {
        return Err(AppError::NotFound);
    }
    let token = crate::platform::request::random_token();
    let mut tx = crate::platform::db::write(pool).await?;
    register(
        &mut tx,
        event_id,
        &RegistrationForCreate {
            name,
            email,
            organisation,
            consent: "added by the coordinator",
            token: &token,
            address: None,
        },
    )
    .await?;
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
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let Some((event_id, email)) = cancel_in(&mut tx, registration_id).await? else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::store as events;
    use crate::platform::db::test_pool;

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

        cancel(&pool, "t1").await.unwrap();
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
        // Someone waiting who cancels frees no place.
        cancel(&pool, "t4").await.unwrap();
        assert_eq!(statuses(&pool).await[3].1, "cancelled");
        assert_eq!(
            cancel(&pool, "t4").await,
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
        cancel(&pool, "t1").await.unwrap();
        assert_eq!(
            sign_up(&pool, event, "mari@x.ee", "t3").await,
            Ok(Placed::Confirmed)
        );
    }
}
