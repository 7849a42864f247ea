//! The coordinator's side of the calendar: all events with their registration counts, status
//! changes, deleting drafts, and registrations added or removed by hand. Each change writes its
//! audit line in the same transaction and raises the event's SEQUENCE.

use crate::error::{AppError, Problem};
use crate::event_admin::api::{
    AdminEventRow, AdminEventsQuery, EventRegistrations, RegistrationRow,
};
use crate::i18n::Lang;
use crate::platform::audit::{Actor, record};
use crate::platform::search::words;
use crate::registrations::store::cancel_in;
use crate::shared::Localized;
use crate::shared::tallinn::{format_span, stored_as_local_minute};
use sqlx::{FromRow, SqlitePool};

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
    status: String,
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
           (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed')
               AS confirmed,
           (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'waiting')
               AS waiting
    FROM events e JOIN event_types t ON t.code = e.type_code";

fn listed(row: Row, lang: Lang) -> Result<Listed, sqlx::Error> {
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
            .to_zoned(crate::shared::tallinn::tallinn())
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

pub async fn all_events(pool: &SqlitePool, lang: Lang) -> Result<Vec<Listed>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(ROWS).fetch_all(pool).await?;
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
                .is_none_or(|s| *s == listed.row.status)
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
        Some("status") => {
            chosen.sort_by(|a, b| a.status.cmp(&b.status).then(b.starts_at.cmp(&a.starts_at)))
        }
        _ => chosen.sort_by(|a, b| b.starts_at.cmp(&a.starts_at)),
    }
    chosen
}

pub async fn set_status(
    pool: &SqlitePool,
    id: i64,
    status: &str,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let failed = |e| AppError::internal("changing an event's status", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let before: Option<String> = sqlx::query_scalar("SELECT status FROM events WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(failed)?;
    let Some(before) = before else {
        return Err(AppError::NotFound);
    };
    let allowed = matches!(
        (before.as_str(), status),
        ("draft", "published") | ("published", "cancelled") | ("cancelled", "published")
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
    .await
    .map_err(failed)?;
    let action = match status {
        "cancelled" => "event.cancelled",
        _ if before == "draft" => "event.published",
        _ => "event.restored",
    };
    record(
        &mut tx,
        actor,
        action,
        "event",
        Some(id),
        serde_json::json!({ "status": [before, status] }),
    )
    .await
    .map_err(failed)?;
    tx.commit().await.map_err(failed)
}

pub async fn delete_draft(pool: &SqlitePool, id: i64, actor: Actor<'_>) -> Result<(), AppError> {
    let failed = |e| AppError::internal("deleting an event", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let found: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT status, slug, title_et FROM events WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(failed)?;
    let Some((status, slug, title)) = found else {
        return Err(AppError::NotFound);
    };
    if status != "draft" {
        return Err(AppError::invalid("status", Problem::NotADraft));
    }
    sqlx::query("DELETE FROM events WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(failed)?;
    record(
        &mut tx,
        actor,
        "event.deleted",
        "event",
        Some(id),
        serde_json::json!({ "slug": [slug, null], "title_et": [title, null] }),
    )
    .await
    .map_err(failed)?;
    tx.commit().await.map_err(failed)
}

pub async fn registrations(
    pool: &SqlitePool,
    lang: Lang,
    id: i64,
) -> Result<Option<EventRegistrations>, sqlx::Error> {
    // Constant text only; the id is bound.
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{ROWS} WHERE e.id = ?")))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let event = listed(row, lang)?.row;
    let rows: Vec<(i64, String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT id, name, email, organisation, status, created_at FROM registrations
         WHERE event_id = ? AND status <> 'cancelled'
         ORDER BY status = 'waiting', id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Some(EventRegistrations {
        event,
        registrations: rows
            .into_iter()
            .map(
                |(id, name, email, organisation, status, created)| RegistrationRow {
                    id,
                    name,
                    email,
                    organisation,
                    status,
                    created: stored_as_local_minute(&created),
                },
            )
            .collect(),
    }))
}

pub async fn add_registration(
    pool: &SqlitePool,
    event_id: i64,
    name: &str,
    email: &str,
    organisation: Option<&str>,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    use crate::registrations::store::{RegistrationForCreate, register};
    if name.is_empty() {
        return Err(AppError::invalid("name", Problem::Required));
    }
    if name.chars().count() > 200 || organisation.is_some_and(|o| o.chars().count() > 200) {
        return Err(AppError::invalid("name", Problem::TooLong));
    }
    if !crate::shared::identifiers::is_email(email) {
        return Err(AppError::invalid("email", Problem::NotAnEmail));
    }
    let failed = |e| AppError::internal("adding a registration", e);
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM events WHERE id = ?)")
        .bind(event_id)
        .fetch_one(pool)
        .await
        .map_err(failed)?;
    if !exists {
        return Err(AppError::NotFound);
    }
    let token = crate::platform::request::random_token();
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
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
    .await
    .map_err(failed)?;
    tx.commit().await.map_err(failed)
}

pub async fn remove_registration(
    pool: &SqlitePool,
    registration_id: i64,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let failed = |e| AppError::internal("removing a registration", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let Some((event_id, email)) = cancel_in(&mut tx, registration_id).await.map_err(failed)? else {
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
    .await
    .map_err(failed)?;
    tx.commit().await.map_err(failed)
}
