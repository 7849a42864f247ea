//! The coordinator's calendar in the database: every event with its registration counts,
//! saving a new or edited event, status changes, deleting drafts, and one date of a series
//! moved or cancelled. Each change writes its audit line in the same transaction and raises the
//! event's SEQUENCE, so subscribed calendars follow.

use crate::error::{AppError, Problem};
use crate::event_admin::rules::DateChange;
use crate::event_admin::{AdminEventRow, AdminEventsQuery, EventRegistrations, RegistrationRow};
use crate::events::model::EventForCreate;
use crate::events::series::{self as recurrence};
use crate::events::{EventStatus, insert, set_languages};
use crate::i18n::Lang;
use crate::platform::audit::{Actor, created, diff, record};
use crate::platform::db::Result;
use crate::platform::db::db_time;
use crate::platform::search::words;
use crate::registrations::RegistrationStatus;
use crate::registrations::{News, tell_everyone};
use crate::shared::Localized;
use crate::shared::time::{format_span, stored_as_local_minute};
use jiff::Timestamp;
use serde_json::{Map, Value};
use sqlx::{FromRow, SqliteConnection, SqlitePool};

#[derive(FromRow)]
struct Row {
    id: i64,
    slug: String,
    title_et: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    type_code: String,
    type_et: String,
    type_ru: String,
    type_en: String,
    starts_at: String,
    ends_at: String,
    all_day: bool,
    status: EventStatus,
    recurrence: Option<String>,
    capacity: Option<i64>,
    confirmed: i64,
    waiting: i64,
}

/// A row with the event's type code kept for filtering.
pub struct Listed {
    row: AdminEventRow,
    type_code: String,
    month: String,
}

const ROWS: &str = "
    SELECT e.id, e.slug, e.title_et, e.title_ru, e.title_en, e.type_code,
           t.label_et AS type_et, t.label_ru AS type_ru, t.label_en AS type_en,
           e.starts_at, e.ends_at, e.all_day, e.status, e.recurrence, e.capacity,
           (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = ?1)
               AS confirmed,
           (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = ?2)
               AS waiting
    FROM events e JOIN event_types t ON t.code = e.type_code";

fn listed(row: Row, lang: Lang) -> Result<Listed> {
    let parse = |text: &str| {
        text.parse::<jiff::Timestamp>()
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))
    };
    let (starts, ends) = (parse(&row.starts_at)?, parse(&row.ends_at)?);
    let type_label = match lang {
        Lang::Et => row.type_et,
        Lang::Ru => row.type_ru,
        Lang::En => row.type_en,
    };
    Ok(Listed {
        month: starts
            .to_zoned(crate::shared::time::tallinn())
            .strftime("%Y-%m")
            .to_string(),
        type_code: row.type_code,
        row: AdminEventRow {
            id: row.id,
            slug: row.slug,
            title: Localized::new(row.title_et, row.title_ru, row.title_en),
            type_label,
            starts_at: row.starts_at,
            when: format_span(starts, ends, row.all_day, lang),
            status: row.status,
            is_series: row.recurrence.is_some(),
            capacity: row.capacity,
            confirmed: row.confirmed,
            waiting: row.waiting,
        },
    })
}

pub async fn all_events(pool: &SqlitePool, lang: Lang) -> Result<Vec<Listed>> {
    let rows: Vec<Row> = sqlx::query_as(ROWS)
        .bind(RegistrationStatus::Confirmed)
        .bind(RegistrationStatus::Waiting)
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(|row| listed(row, lang)).collect()
}

/// The rows the query asks for, in its order. The search matches every word of the query
/// against the titles in all three languages, folded like the directory's search.
pub fn select(rows: Vec<Listed>, query: &AdminEventsQuery, lang: Lang) -> Vec<AdminEventRow> {
    let wanted = query.q.as_deref().map(words).unwrap_or_default();
    let mut chosen: Vec<AdminEventRow> = rows
        .into_iter()
        .filter(|listed| {
            query
                .status
                .as_ref()
                .is_none_or(|s| *s == listed.row.status.code())
                && query
                    .event_type
                    .as_ref()
                    .is_none_or(|t| *t == listed.type_code)
                && query.month.as_ref().is_none_or(|m| *m == listed.month)
                && (wanted.is_empty() || {
                    let titles = words(
                        &Lang::ALL
                            .map(|l| listed.row.title.get(l).unwrap_or_default())
                            .join(" "),
                    );
                    wanted
                        .iter()
                        .all(|word| titles.iter().any(|t| t.starts_with(word.as_str())))
                })
        })
        .map(|listed| listed.row)
        .collect();
    match query.sort.as_deref() {
        Some("title") => chosen.sort_by_key(|row| {
            row.title
                .show(lang)
                .map(|shown| shown.text.to_lowercase())
                .unwrap_or_default()
        }),
        Some("status") => chosen.sort_by(|a, b| {
            let by_status = a.status.code().cmp(b.status.code());
            by_status.then(b.starts_at.cmp(&a.starts_at))
        }),
        _ => chosen.sort_by(|a, b| b.starts_at.cmp(&a.starts_at)),
    }
    chosen
}

/// Publishes, cancels or restores event `id`; the registrants of a cancelled or restored event
/// are told by mail.
pub async fn set_status(
    pool: &SqlitePool,
    id: i64,
    status: EventStatus,
    origin: &str,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    use EventStatus::{Cancelled, Draft, Published};
    let mut tx = crate::platform::db::write(pool).await?;
    let before: Option<EventStatus> = sqlx::query_scalar("SELECT status FROM events WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(before) = before else {
        return Err(AppError::NotFound);
    };
    let allowed = matches!(
        (before, status),
        (Draft, Published) | (Published, Cancelled) | (Cancelled, Published)
    );
    if !allowed {
        return Err(AppError::invalid("status", Problem::StatusChange));
    }
    sqlx::query(
        "UPDATE events SET status = ?, sequence = sequence + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(status)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let (action, news) = match (before, status) {
        (_, Cancelled) => ("event.cancelled", Some(News::Cancelled)),
        (Draft, _) => ("event.published", None),
        _ => ("event.restored", Some(News::Restored)),
    };
    if let Some(news) = news {
        tell_everyone(&mut tx, id, news, origin, Timestamp::now()).await?;
    }
    record(
        &mut tx,
        actor,
        action,
        "event",
        Some(id),
        serde_json::json!({ "status": [before, status] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_draft(pool: &SqlitePool, id: i64, actor: Actor<'_>) -> Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let found: Option<(EventStatus, String, Option<String>)> =
        sqlx::query_as("SELECT status, slug, title_et FROM events WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status, slug, title)) = found else {
        return Err(AppError::NotFound);
    };
    if status != EventStatus::Draft {
        return Err(AppError::invalid("status", Problem::NotADraft));
    }
    sqlx::query("DELETE FROM events WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        actor,
        "event.deleted",
        "event",
        Some(id),
        serde_json::json!({ "slug": [slug, null], "title_et": [title, null] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn registrations(
    pool: &SqlitePool,
    lang: Lang,
    id: i64,
) -> Result<Option<EventRegistrations>> {
    // Constant text only; the id is bound.
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{ROWS} WHERE e.id = ?3")))
        .bind(RegistrationStatus::Confirmed)
        .bind(RegistrationStatus::Waiting)
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let event = listed(row, lang)?.row;
    type Line = (
        i64,
        String,
        String,
        Option<String>,
        RegistrationStatus,
        String,
        bool,
    );
    let rows: Vec<Line> = sqlx::query_as(
        "SELECT id, name, email, organisation, status, created_at, attended_at IS NOT NULL
         FROM registrations
         WHERE event_id = ?1 AND status <> ?2
         ORDER BY status = ?3, id",
    )
    .bind(id)
    .bind(RegistrationStatus::Cancelled)
    .bind(RegistrationStatus::Waiting)
    .fetch_all(pool)
    .await?;
    Ok(Some(EventRegistrations {
        event,
        registrations: rows
            .into_iter()
            .map(
                |(id, name, email, organisation, status, created, present)| RegistrationRow {
                    id,
                    name,
                    email,
                    organisation,
                    status,
                    created: stored_as_local_minute(&created),
                    present,
                },
            )
            .collect(),
    }))
}

/// What was saved: the event's id and slug, its status and the SEQUENCE it now has.
pub struct Saved {
    pub id: i64,
    pub slug: String,
    pub status: EventStatus,
    pub sequence: i64,
}

/// The fields a change is told by in the audit log, as stored.
async fn snapshot(connection: &mut SqliteConnection, id: i64) -> Result<Map<String, Value>> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT json_object(
             'type_code', type_code, 'title_et', title_et, 'title_ru', title_ru,
             'title_en', title_en, 'description_et', description_et,
             'description_ru', description_ru, 'description_en', description_en,
             'starts_at', starts_at, 'ends_at', ends_at, 'all_day', all_day, 'venue', venue,
             'address', address, 'municipality_code', municipality_code,
             'online_url', online_url, 'organiser', organiser, 'capacity', capacity,
             'registration', registration, 'registration_deadline', registration_deadline,
             'recurrence', recurrence, 'status', status,
             'languages', (SELECT group_concat(language, ',') FROM
                 (SELECT language FROM event_languages WHERE event_id = events.id
                  ORDER BY language)))
         FROM events WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(json
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The stored fields whose change its registrants are told of: the time and the place.
const TIME_AND_PLACE: [&str; 8] = [
    "starts_at",
    "ends_at",
    "all_day",
    "recurrence",
    "venue",
    "address",
    "municipality_code",
    "online_url",
];

/// Saves a new event (a draft, or published when `publish`) or changes event `id`. An edit
/// made after someone else's save (`seen_sequence` behind the stored one) is refused; an edit
/// that changes nothing writes nothing; one that moves a published event in time or place is
/// told to its registrants by mail.
pub async fn save(
    pool: &SqlitePool,
    id: Option<i64>,
    seen_sequence: Option<i64>,
    publish: bool,
    mut event: EventForCreate,
    origin: &str,
    actor: Actor<'_>,
) -> Result<Saved, AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let Some(id) = id else {
        event.slug =
            crate::platform::db::free_slug(&mut tx, "events", &event.title, "event").await?;
        event.status = if publish {
            EventStatus::Published
        } else {
            EventStatus::Draft
        };
        let id = insert(&mut tx, &event).await?;
        let after = snapshot(&mut tx, id).await?;
        record(
            &mut tx,
            actor,
            "event.created",
            "event",
            Some(id),
            created(&after),
        )
        .await?;
        tx.commit().await?;
        return Ok(Saved {
            id,
            slug: event.slug,
            status: event.status,
            sequence: 0,
        });
    };
    let stored: Option<(String, EventStatus, i64)> =
        sqlx::query_as("SELECT slug, status, sequence FROM events WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((slug, status, sequence)) = stored else {
        return Err(AppError::NotFound);
    };
    if seen_sequence.is_some_and(|seen| seen != sequence) {
        return Err(AppError::invalid("form", Problem::EditedMeanwhile));
    }
    let status = if publish && status == EventStatus::Draft {
        EventStatus::Published
    } else {
        status
    };
    let before = snapshot(&mut tx, id).await?;
    sqlx::query(
        "UPDATE events SET type_code = ?, title_et = ?, title_ru = ?, title_en = ?,
             description_et = ?, description_ru = ?, description_en = ?, starts_at = ?,
             ends_at = ?, all_day = ?, venue = ?, address = ?, municipality_code = ?,
             online_url = ?, organiser = ?, capacity = ?, registration = ?,
             registration_deadline = ?, recurrence = ?, status = ?
         WHERE id = ?",
    )
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
    .bind(&event.organiser)
    .bind(event.capacity)
    .bind(&event.registration)
    .bind(event.registration_deadline.map(db_time))
    .bind(&event.recurrence)
    .bind(status)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    set_languages(&mut tx, id, &event.languages).await?;
    let after = snapshot(&mut tx, id).await?;
    let Some(changes) = diff(&before, &after) else {
        // Nothing to tell subscribers or the log.
        tx.rollback().await?;
        return Ok(Saved {
            id,
            slug,
            status,
            sequence,
        });
    };
    drop_stray_exceptions(&mut tx, id, &event).await?;
    sqlx::query(
        "UPDATE events SET sequence = sequence + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let moved = TIME_AND_PLACE
        .iter()
        .any(|field| before.get(*field) != after.get(*field));
    if moved && status == EventStatus::Published {
        tell_everyone(&mut tx, id, News::Changed, origin, Timestamp::now()).await?;
    }
    record(&mut tx, actor, "event.edited", "event", Some(id), changes).await?;
    tx.commit().await?;
    Ok(Saved {
        id,
        slug,
        status,
        sequence: sequence + 1,
    })
}

/// Moved and cancelled dates the edited rule no longer has (or all, when it is no longer a
/// series) are dropped; the ones it still has keep their changes.
async fn drop_stray_exceptions(
    connection: &mut SqliteConnection,
    id: i64,
    event: &EventForCreate,
) -> Result<()> {
    let kept: Vec<String> = match &event.recurrence {
        Some(rule) => recurrence::occurrences(
            event.starts_at,
            event.ends_at,
            rule,
            &[],
            Timestamp::MIN,
            Timestamp::MAX,
        )
        .unwrap_or_default()
        .into_iter()
        .map(|o| db_time(o.original_start))
        .collect(),
        None => Vec::new(),
    };
    sqlx::query(
        "DELETE FROM event_exceptions WHERE event_id = ?
             AND original_start NOT IN (SELECT value FROM json_each(?))",
    )
    .bind(id)
    .bind(serde_json::to_string(&kept).unwrap_or_default())
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Changes the date of series `id` that the rule starts at `original`; returns the event's
/// new SEQUENCE.
pub async fn change_date(
    pool: &SqlitePool,
    id: i64,
    original: Timestamp,
    change: DateChange,
    origin: &str,
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let event = crate::events::event_by_id(&mut *pool.acquire().await?, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let in_series = event.recurrence.as_deref().is_some_and(|rule| {
        recurrence::occurrences(
            event.starts_at,
            event.ends_at,
            rule,
            &[],
            Timestamp::MIN,
            Timestamp::MAX,
        )
        .is_ok_and(|all| all.iter().any(|o| o.original_start == original))
    });
    if !in_series {
        return Err(AppError::invalid("original", Problem::NotInSeries));
    }
    let mut tx = crate::platform::db::write(pool).await?;
    let original_text = db_time(original);
    let (action, changes) = match change {
        DateChange::Cancel => {
            sqlx::query(
                "INSERT INTO event_exceptions (event_id, original_start, cancelled)
                 VALUES (?, ?, 1)
                 ON CONFLICT (event_id, original_start) DO UPDATE SET cancelled = 1",
            )
            .bind(id)
            .bind(&original_text)
            .execute(&mut *tx)
            .await?;
            (
                "event.date_cancelled",
                serde_json::json!({ "date": [original_text, null] }),
            )
        }
        DateChange::Restore => {
            sqlx::query("DELETE FROM event_exceptions WHERE event_id = ? AND original_start = ?")
                .bind(id)
                .bind(&original_text)
                .execute(&mut *tx)
                .await?;
            (
                "event.date_restored",
                serde_json::json!({ "date": [null, original_text] }),
            )
        }
        DateChange::Move(starts, ends) => {
            sqlx::query(
                "INSERT INTO event_exceptions (event_id, original_start, starts_at, ends_at)
                 VALUES (?, ?, ?, ?)
                 ON CONFLICT (event_id, original_start)
                 DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                     cancelled = 0",
            )
            .bind(id)
            .bind(&original_text)
            .bind(db_time(starts))
            .bind(db_time(ends))
            .execute(&mut *tx)
            .await?;
            (
                "event.date_moved",
                serde_json::json!({ "date": [original_text, db_time(starts)] }),
            )
        }
    };
    let sequence: i64 = sqlx::query_scalar(
        "UPDATE events SET sequence = sequence + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?
         RETURNING sequence",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if event.status == EventStatus::Published {
        tell_everyone(&mut tx, id, News::Changed, origin, Timestamp::now()).await?;
    }
    record(&mut tx, actor, action, "event", Some(id), changes).await?;
    tx.commit().await?;
    Ok(sequence)
}

/// The slug of event `id`, if there is one.
pub async fn slug_of(pool: &SqlitePool, id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT slug FROM events WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_admin::form::EventForm;
    use crate::event_admin::rules::{form_of, validate};
    use crate::events::store::event_by_id;

    fn form() -> EventForm {
        EventForm {
            type_code: "training".into(),
            title_et: "Glasuurimise töötuba".into(),
            start_date: "2030-06-04".into(),
            start_time: "10:00".into(),
            end_time: "12:00".into(),
            venue: "Narva Kolledž".into(),
            municipality: "narva".into(),
            registration: "open".into(),
            until: "count".into(),
            ..EventForm::default()
        }
    }

    #[tokio::test]
    async fn a_saved_form_reads_back_as_the_same_form() {
        let pool = crate::platform::db::test_pool().await;
        let typed = EventForm {
            title_ru: "Мастер-класс".into(),
            description_en: "Bring an apron.".into(),
            online_url: "https://meet.example/glaze".into(),
            speaks_et: true,
            speaks_en: true,
            capacity: "12".into(),
            deadline_date: "2030-06-01".into(),
            deadline_time: "18:00".into(),
            repeat: "every-two-weeks".into(),
            until: "date".into(),
            until_date: "2030-09-01".into(),
            end_date: "2030-06-04".into(),
            ..form()
        };
        let event = validate(
            &typed,
            &crate::platform::vocabulary::Vocabulary::load(&pool)
                .await
                .unwrap(),
        )
        .unwrap();
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, role) VALUES ('t@ivek.example', 'x', 'admin')
             RETURNING id",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        let saved = save(
            &pool,
            None,
            None,
            false,
            event,
            "https://loomeklaster.example",
            Actor::account(user_id, "127.0.0.1"),
        )
        .await
        .unwrap();
        let stored = event_by_id(&mut pool.acquire().await.unwrap(), saved.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(form_of(&stored), typed);
    }
}
