//! The calendar's SQL: events with their languages and single dates, in and out of the
//! database, and the public ones kept in memory.

use crate::events::EventStatus;
use crate::events::model::{Calendar, CalendarEvent, EventForCreate};
use crate::events::series::Exception;
use crate::i18n::{Lang, PerLang};
use crate::platform::cache::Versioned;
use crate::platform::db::Result;
use crate::platform::db::db_time;
use crate::registrations::RegistrationStatus;
use crate::shared::Localized;
use jiff::Timestamp;
use sqlx::{AssertSqlSafe, FromRow, SqliteConnection, SqlitePool};
use std::collections::HashMap;
use std::sync::Arc;

pub async fn insert(connection: &mut SqliteConnection, event: &EventForCreate) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO events (slug, type_code, title_et, title_ru, title_en,
             description_et, description_ru, description_en, starts_at, ends_at, all_day,
             venue, address, municipality_code, online_url, status,
             organiser, capacity, registration, registration_deadline, recurrence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(&event.slug)
    .bind(&event.type_code)
    .bind(event.title.get(Lang::Et))
    .bind(event.title.get(Lang::Ru))
    .bind(event.title.get(Lang::En))
    .bind(event.description.get(Lang::Et))
    .bind(event.description.get(Lang::Ru))
    .bind(event.description.get(Lang::En))
    .bind(db_time(event.starts_at))
    .bind(db_time(event.ends_at))
    .bind(event.all_day)
    .bind(&event.venue)
    .bind(&event.address)
    .bind(&event.municipality_code)
    .bind(&event.online_url)
    .bind(event.status)
    .bind(&event.organiser)
    .bind(event.capacity)
    .bind(if event.registration.is_empty() {
        "none"
    } else {
        &event.registration
    })
    .bind(event.registration_deadline.map(db_time))
    .bind(&event.recurrence)
    .fetch_one(&mut *connection)
    .await?;
    set_languages(connection, id, &event.languages).await?;
    for exception in &event.exceptions {
        sqlx::query(
            "INSERT INTO event_exceptions (event_id, original_start, starts_at, ends_at, cancelled)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(db_time(exception.original_start))
        .bind(exception.moved.map(|(starts, _)| db_time(starts)))
        .bind(exception.moved.map(|(_, ends)| db_time(ends)))
        .bind(exception.cancelled)
        .execute(&mut *connection)
        .await?;
    }
    Ok(id)
}

/// Replaces the languages spoken at event `id`.
pub async fn set_languages(
    connection: &mut SqliteConnection,
    id: i64,
    languages: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM event_languages WHERE event_id = ?")
        .bind(id)
        .execute(&mut *connection)
        .await?;
    for language in languages {
        sqlx::query("INSERT INTO event_languages (event_id, language) VALUES (?, ?)")
            .bind(id)
            .bind(language)
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct EventRow {
    id: i64,
    slug: String,
    type_code: String,
    type_et: String,
    type_ru: String,
    type_en: String,
    title_et: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    description_et: Option<String>,
    description_ru: Option<String>,
    description_en: Option<String>,
    starts_at: String,
    ends_at: String,
    all_day: bool,
    venue: Option<String>,
    address: Option<String>,
    municipality_code: Option<String>,
    municipality_et: Option<String>,
    municipality_ru: Option<String>,
    municipality_en: Option<String>,
    online_url: Option<String>,
    status: EventStatus,
    organiser: Option<String>,
    organiser_slug: Option<String>,
    capacity: Option<i64>,
    registration: String,
    registration_deadline: Option<String>,
    asks_participant_facts: bool,
    sequence: i64,
    recurrence: Option<String>,
    languages: Option<String>,
    created_at: String,
    updated_at: String,
}

const EVENT_COLUMNS: &str = "
    SELECT e.id, e.slug, e.type_code,
           t.label_et AS type_et, t.label_ru AS type_ru, t.label_en AS type_en,
           e.title_et, e.title_ru, e.title_en, e.description_et, e.description_ru, e.description_en,
           e.starts_at, e.ends_at, e.all_day, e.venue, e.address, e.municipality_code,
           m.name_et AS municipality_et, m.name_ru AS municipality_ru, m.name_en AS municipality_en,
           e.online_url, e.status, e.organiser,
           (SELECT o.slug FROM organisations o WHERE o.id = e.organiser_id AND o.is_published)
               AS organiser_slug,
           e.capacity, e.registration, e.registration_deadline, e.asks_participant_facts,
           e.sequence, e.recurrence,
           (SELECT group_concat(l.language, ',') FROM event_languages l WHERE l.event_id = e.id)
               AS languages,
           e.created_at, e.updated_at
    FROM events e
    JOIN event_types t ON t.code = e.type_code
    LEFT JOIN municipalities m ON m.code = e.municipality_code";

fn time(text: &str) -> Result<Timestamp> {
    Ok(text
        .parse()
        .map_err(|error| sqlx::Error::Decode(Box::new(error)))?)
}

impl EventRow {
    fn into_event(self, exceptions: Vec<Exception>) -> Result<CalendarEvent> {
        let municipality = match (
            self.municipality_et,
            self.municipality_ru,
            self.municipality_en,
        ) {
            (Some(et), Some(ru), Some(en)) => Some(PerLang { et, ru, en }),
            _ => None,
        };
        let mut languages: Vec<String> = self
            .languages
            .unwrap_or_default()
            .split(',')
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect();
        languages.sort_by_key(|code| {
            crate::platform::vocabulary::LANGUAGES
                .iter()
                .position(|known| known == code)
                .unwrap_or(usize::MAX)
        });
        Ok(CalendarEvent {
            id: self.id,
            slug: self.slug,
            type_code: self.type_code,
            type_label: PerLang {
                et: self.type_et,
                ru: self.type_ru,
                en: self.type_en,
            },
            title: Localized::new(self.title_et, self.title_ru, self.title_en),
            description: Localized::new(
                self.description_et,
                self.description_ru,
                self.description_en,
            ),
            starts_at: time(&self.starts_at)?,
            ends_at: time(&self.ends_at)?,
            all_day: self.all_day,
            venue: self.venue,
            address: self.address,
            municipality_code: self.municipality_code,
            municipality,
            online_url: self.online_url,
            status: self.status,
            organiser: self.organiser,
            organiser_slug: self.organiser_slug,
            capacity: self.capacity,
            registration: self.registration,
            registration_deadline: self
                .registration_deadline
                .as_deref()
                .map(time)
                .transpose()?,
            asks_participant_facts: self.asks_participant_facts,
            sequence: self.sequence,
            recurrence: self.recurrence,
            exceptions,
            languages,
            expanded: Vec::new(),
            created_at: time(&self.created_at)?,
            updated_at: time(&self.updated_at)?,
        })
    }
}

async fn exceptions_of(
    connection: &mut SqliteConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<Exception>>> {
    let mut by_event: HashMap<i64, Vec<Exception>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_event);
    }
    #[derive(FromRow)]
    struct Row {
        event_id: i64,
        original_start: String,
        starts_at: Option<String>,
        ends_at: Option<String>,
        cancelled: bool,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT event_id, original_start, starts_at, ends_at, cancelled FROM event_exceptions
         WHERE event_id IN (SELECT value FROM json_each(?))",
    )
    .bind(serde_json::to_string(ids).unwrap_or_default())
    .fetch_all(connection)
    .await?;
    for row in rows {
        let moved = match (row.starts_at, row.ends_at) {
            (Some(starts), Some(ends)) => Some((time(&starts)?, time(&ends)?)),
            _ => None,
        };
        by_event.entry(row.event_id).or_default().push(Exception {
            original_start: time(&row.original_start)?,
            moved,
            cancelled: row.cancelled,
        });
    }
    Ok(by_event)
}

async fn with_exceptions(
    connection: &mut SqliteConnection,
    rows: Vec<EventRow>,
) -> Result<Vec<CalendarEvent>> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut exceptions = exceptions_of(connection, &ids).await?;
    rows.into_iter()
        .map(|row| {
            let own = exceptions.remove(&row.id).unwrap_or_default();
            let mut event = row.into_event(own)?;
            if event.recurrence.is_some() {
                event.expanded = event.occurrences(Timestamp::MIN, Timestamp::MAX);
            }
            Ok(event)
        })
        .collect()
}

/// Every published and cancelled event (and series), in start order. Cancelled ones stay so
/// that calendars and pages can say so.
pub async fn public_events(pool: &SqlitePool) -> Result<Vec<CalendarEvent>> {
    let rows: Vec<EventRow> = sqlx::query_as(AssertSqlSafe(format!(
        "{EVENT_COLUMNS} WHERE e.status IN (?, ?) ORDER BY e.starts_at, e.id"
    )))
    .bind(EventStatus::Published)
    .bind(EventStatus::Cancelled)
    .fetch_all(pool)
    .await?;
    with_exceptions(&mut *pool.acquire().await?, rows).await
}

/// One event by its id, whatever its status (for the coordinator).
pub async fn event_by_id(
    connection: &mut SqliteConnection,
    id: i64,
) -> Result<Option<CalendarEvent>> {
    let rows: Vec<EventRow> =
        sqlx::query_as(AssertSqlSafe(format!("{EVENT_COLUMNS} WHERE e.id = ?")))
            .bind(id)
            .fetch_all(&mut *connection)
            .await?;
    Ok(with_exceptions(connection, rows).await?.pop())
}

/// Every event, drafts too, for the coordinator's month view.
pub async fn all_events(pool: &SqlitePool) -> Result<Vec<CalendarEvent>> {
    let rows: Vec<EventRow> = sqlx::query_as(AssertSqlSafe(format!(
        "{EVENT_COLUMNS} ORDER BY e.starts_at, e.id"
    )))
    .fetch_all(pool)
    .await?;
    with_exceptions(&mut *pool.acquire().await?, rows).await
}

/// One published or cancelled event by its slug.
pub async fn public_event(
    pool: &SqlitePool,
    calendar: &CalendarCache,
    slug: &str,
) -> Result<Option<CalendarEvent>> {
    Ok(calendar.current(pool).await?.event(slug).cloned())
}

/// The confirmed registrations of event `id`: what its places left are counted from.
pub async fn confirmed_count(pool: &SqlitePool, id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM registrations WHERE event_id = ? AND status = ?")
            .bind(id)
            .bind(RegistrationStatus::Confirmed)
            .fetch_one(pool)
            .await?,
    )
}

/// The public events, kept in memory and made again when `calendar_version` moves (every
/// change to an event raises it). Pages, feeds and the home page read from here.
#[derive(Clone)]
pub struct CalendarCache(Versioned<Calendar>);

impl Default for CalendarCache {
    fn default() -> Self {
        Self(Versioned::new("calendar_version"))
    }
}

impl CalendarCache {
    pub async fn current(&self, pool: &SqlitePool) -> Result<Arc<Calendar>> {
        self.0
            .current(pool, || async {
                // The version before the rows: a change in between is only loaded again.
                let version: i64 = sqlx::query_scalar("SELECT version FROM calendar_version")
                    .fetch_one(pool)
                    .await?;
                Ok((version, Calendar::new(public_events(pool).await?)))
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;
    use jiff::ToSpan;

    fn event(slug: &str, starts_at: Timestamp, status: &str) -> EventForCreate {
        EventForCreate {
            slug: slug.to_owned(),
            type_code: "training".into(),
            title: Localized::new(Some(format!("Pealkiri {slug}")), None, None),
            starts_at,
            ends_at: starts_at + 2.hours(),
            municipality_code: Some("narva".into()),
            status: EventStatus::from_code(status).unwrap(),
            ..EventForCreate::default()
        }
    }

    #[tokio::test]
    async fn next_events_are_soonest_first_and_include_cancellations_but_not_drafts() {
        let pool = test_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        insert(&mut conn, &event("later", now + 48.hours(), "published"))
            .await
            .unwrap();
        insert(
            &mut conn,
            &event("cancelled", now + 24.hours(), "cancelled"),
        )
        .await
        .unwrap();
        insert(&mut conn, &event("draft", now + 1.hour(), "draft"))
            .await
            .unwrap();
        insert(&mut conn, &event("gone", now - 48.hours(), "published"))
            .await
            .unwrap();

        drop(conn);
        let calendar = Calendar::new(public_events(&pool).await.unwrap());
        let next = calendar.next(now, 5);

        let slugs: Vec<_> = next.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["cancelled", "later"]);
        assert!(next[0].is_cancelled);
        assert_eq!(next[1].starts_at, now + 48.hours());
        assert_eq!(next[1].municipality.as_ref().unwrap().ru, "Нарва");
        assert_eq!(next[1].type_label.en, "Training");
    }

    #[tokio::test]
    async fn upcoming_counts_public_events_not_yet_over() {
        let pool = test_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        for (slug, starts_at, status) in [
            ("past", now - 30.hours(), "published"),
            ("running", now - 1.hour(), "published"),
            ("soon", now + 3.hours(), "published"),
            ("draft", now + 3.hours(), "draft"),
        ] {
            insert(&mut conn, &event(slug, starts_at, status))
                .await
                .unwrap();
        }
        drop(conn);
        let calendar = Calendar::new(public_events(&pool).await.unwrap());
        assert_eq!(calendar.count_upcoming(now), 2);
    }
}
