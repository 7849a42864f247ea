use crate::events::series::{self as recurrence, Exception, Occurrence};
use crate::i18n::{Lang, PerLang};
use crate::shared::Localized;
use jiff::Timestamp;
use sqlx::{AssertSqlSafe, FromRow, SqliteConnection, SqlitePool};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::platform::db::db_time;

/// A calendar event as the seeds and the coordinator's form write it.
#[derive(Clone, Debug, Default)]
pub struct EventForCreate {
    pub slug: String,
    pub type_code: String,
    pub title: Localized,
    pub description: Localized,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub all_day: bool,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub online_url: Option<String>,
    pub status: String,
    pub organiser: Option<String>,
    pub capacity: Option<i64>,
    /// `none`, `open` or `closed`.
    pub registration: String,
    pub registration_deadline: Option<Timestamp>,
    pub languages: Vec<String>,
    /// The RRULE value of a series, and its single occurrences moved or cancelled.
    pub recurrence: Option<String>,
    pub exceptions: Vec<Exception>,
}

pub async fn insert(
    connection: &mut SqliteConnection,
    event: &EventForCreate,
) -> Result<i64, sqlx::Error> {
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
    .bind(&event.status)
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
) -> Result<(), sqlx::Error> {
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

/// An event as the calendar shows and publishes it, with what a series needs to expand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    pub id: i64,
    pub slug: String,
    pub type_code: String,
    pub type_label: PerLang<String>,
    pub title: Localized,
    pub description: Localized,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub all_day: bool,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub municipality: Option<PerLang<String>>,
    pub online_url: Option<String>,
    /// `published` or `cancelled` for the public; `draft` too for the coordinator.
    pub status: String,
    pub organiser: Option<String>,
    /// The organiser's directory entry, when it has a published one.
    pub organiser_slug: Option<String>,
    pub capacity: Option<i64>,
    pub registration: String,
    pub registration_deadline: Option<Timestamp>,
    pub sequence: i64,
    /// The RRULE value of a series.
    pub recurrence: Option<String>,
    pub exceptions: Vec<Exception>,
    /// ISO 639 codes of the languages spoken.
    pub languages: Vec<String>,
    /// Every occurrence of a series, expanded once when loaded (parsing and expanding a rule
    /// on every request cost more than the rest of the events page); empty for single events.
    pub expanded: Vec<Occurrence>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl CalendarEvent {
    pub fn is_cancelled(&self) -> bool {
        self.status == "cancelled"
    }

    /// Its occurrences overlapping `[from, until)`: one for a single event, the expanded ones
    /// for a series (an unreadable rule leaves just the first, and is logged).
    pub fn occurrences(&self, from: Timestamp, until: Timestamp) -> Vec<Occurrence> {
        if !self.expanded.is_empty() {
            return self
                .expanded
                .iter()
                .filter(|o| o.ends_at > from && o.starts_at < until)
                .cloned()
                .collect();
        }
        let single = || Occurrence {
            original_start: self.starts_at,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            cancelled: false,
            moved: false,
        };
        let Some(rule) = &self.recurrence else {
            return [single()]
                .into_iter()
                .filter(|o| o.ends_at > from && o.starts_at < until)
                .collect();
        };
        recurrence::occurrences(
            self.starts_at,
            self.ends_at,
            rule,
            &self.exceptions,
            from,
            until,
        )
        .unwrap_or_else(|error| {
            tracing::error!(%error, slug = self.slug, "expanding a series");
            vec![single()]
        })
    }
}

/// What the public calendar is narrowed to; `None` is everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct EventFilter {
    pub event_type: Option<String>,
    pub municipality: Option<String>,
    pub language: Option<String>,
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
    status: String,
    organiser: Option<String>,
    organiser_slug: Option<String>,
    capacity: Option<i64>,
    registration: String,
    registration_deadline: Option<String>,
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
           e.capacity, e.registration, e.registration_deadline, e.sequence, e.recurrence,
           (SELECT group_concat(l.language, ',') FROM event_languages l WHERE l.event_id = e.id)
               AS languages,
           e.created_at, e.updated_at
    FROM events e
    JOIN event_types t ON t.code = e.type_code
    LEFT JOIN municipalities m ON m.code = e.municipality_code";

fn time(text: &str) -> Result<Timestamp, sqlx::Error> {
    text.parse()
        .map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

impl EventRow {
    fn into_event(self, exceptions: Vec<Exception>) -> Result<CalendarEvent, sqlx::Error> {
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
            crate::directory::index::LANGUAGES
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
    pool: &SqlitePool,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<Exception>>, sqlx::Error> {
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
    .fetch_all(pool)
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
    pool: &SqlitePool,
    rows: Vec<EventRow>,
) -> Result<Vec<CalendarEvent>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut exceptions = exceptions_of(pool, &ids).await?;
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
pub async fn public_events(pool: &SqlitePool) -> Result<Vec<CalendarEvent>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(AssertSqlSafe(format!(
        "{EVENT_COLUMNS} WHERE e.status IN ('published', 'cancelled') ORDER BY e.starts_at, e.id"
    )))
    .fetch_all(pool)
    .await?;
    with_exceptions(pool, rows).await
}

/// One event by its id, whatever its status (for the coordinator).
pub async fn event_by_id(pool: &SqlitePool, id: i64) -> Result<Option<CalendarEvent>, sqlx::Error> {
    let rows: Vec<EventRow> =
        sqlx::query_as(AssertSqlSafe(format!("{EVENT_COLUMNS} WHERE e.id = ?")))
            .bind(id)
            .fetch_all(pool)
            .await?;
    Ok(with_exceptions(pool, rows).await?.pop())
}

/// Every event, drafts too, for the coordinator's month view.
pub async fn all_events(pool: &SqlitePool) -> Result<Vec<CalendarEvent>, sqlx::Error> {
    let rows: Vec<EventRow> = sqlx::query_as(AssertSqlSafe(format!(
        "{EVENT_COLUMNS} ORDER BY e.starts_at, e.id"
    )))
    .fetch_all(pool)
    .await?;
    with_exceptions(pool, rows).await
}

impl EventFilter {
    pub fn matches(&self, event: &CalendarEvent) -> bool {
        self.event_type
            .as_ref()
            .is_none_or(|t| *t == event.type_code)
            && self
                .municipality
                .as_ref()
                .is_none_or(|m| event.municipality_code.as_ref() == Some(m))
            && self
                .language
                .as_ref()
                .is_none_or(|l| event.languages.contains(l))
    }
}

/// The public events, kept in memory and reloaded when `calendar_version` moves (every change
/// to an event bumps it), one load at a time. Pages, feeds and the home page read from here.
#[derive(Clone, Debug, Default)]
pub struct CalendarCache {
    loaded: Arc<RwLock<Option<Loaded>>>,
    loading: Arc<tokio::sync::Mutex<()>>,
}

/// The events as loaded at a version of the calendar.
#[derive(Clone, Debug)]
struct Loaded {
    version: i64,
    events: Arc<Vec<CalendarEvent>>,
}

impl CalendarCache {
    pub async fn events(&self, pool: &SqlitePool) -> Result<Arc<Vec<CalendarEvent>>, sqlx::Error> {
        let version: i64 = sqlx::query_scalar("SELECT version FROM calendar_version")
            .fetch_one(pool)
            .await?;
        if let Some(events) = self.at_least(version) {
            return Ok(events);
        }
        let _loading = self.loading.lock().await;
        if let Some(events) = self.at_least(version) {
            return Ok(events);
        }
        let fresh = Arc::new(public_events(pool).await?);
        *self.loaded.write().expect("calendar cache lock") = Some(Loaded {
            version,
            events: fresh.clone(),
        });
        Ok(fresh)
    }

    fn at_least(&self, version: i64) -> Option<Arc<Vec<CalendarEvent>>> {
        let loaded = self.loaded.read().expect("calendar cache lock").clone();
        loaded
            .filter(|loaded| loaded.version >= version)
            .map(|loaded| loaded.events)
    }
}

/// How far ahead "upcoming" looks: series are expanded this far.
pub const HORIZON: jiff::SignedDuration = jiff::SignedDuration::from_hours(2 * 366 * 24);

/// The occurrences of `events` overlapping `[from, until)`, soonest first, each with its event.
pub fn occurrences_between<'a>(
    events: impl IntoIterator<Item = &'a CalendarEvent>,
    from: Timestamp,
    until: Timestamp,
) -> Vec<(&'a CalendarEvent, Occurrence)> {
    let mut all: Vec<(&CalendarEvent, Occurrence)> = events
        .into_iter()
        .flat_map(|event| {
            event
                .occurrences(from, until)
                .into_iter()
                .map(move |occurrence| (event, occurrence))
        })
        .collect();
    all.sort_by_key(|(event, occurrence)| (occurrence.starts_at, event.id));
    all
}

/// Occurrences not yet over and not cancelled, of published events: the public "upcoming".
pub fn count_upcoming(events: &[CalendarEvent], now: Timestamp) -> i64 {
    let count = occurrences_between(events, now, now + HORIZON)
        .into_iter()
        .filter(|(event, occurrence)| !event.is_cancelled() && !occurrence.cancelled)
        .count();
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// One published or cancelled event by its slug.
pub async fn public_event(
    pool: &SqlitePool,
    calendar: &CalendarCache,
    slug: &str,
) -> Result<Option<CalendarEvent>, sqlx::Error> {
    Ok(calendar
        .events(pool)
        .await?
        .iter()
        .find(|event| event.slug == slug)
        .cloned())
}
