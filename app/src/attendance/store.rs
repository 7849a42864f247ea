//! Attendance as stored: `registrations.attended_at` with the clock of the mark that set it,
//! walk-ins as registrations with the key their phone gave them.

use crate::attendance::{
    AttendanceSheet, Attendee, CheckIn, MARKS_PER_SYNC, Mark, Refused, Synced, WALK_INS_PER_SYNC,
    WalkIn, check_walk_in,
};
use crate::error::AppError;
use crate::events::model::CalendarEvent;
use crate::i18n::Lang;
use crate::platform::audit::{Actor, record};
use crate::platform::db::Result;
use crate::registrations::RegistrationStatus;
use crate::shared::text::clean_line;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use sqlx::{SqliteConnection, SqlitePool};

/// A mark's clock may run ahead of the server's by this much (a phone set a little fast); one
/// further ahead is refused, or it would outrank every mark after it.
const CLOCK_AHEAD: SignedDuration = SignedDuration::from_hours(24);

/// Event `event_id`'s attendance list, or `None` when there is no such event.
pub async fn sheet(
    pool: &SqlitePool,
    lang: Lang,
    event_id: i64,
) -> Result<Option<AttendanceSheet>> {
    let mut connection = pool.acquire().await?;
    sheet_in(&mut connection, lang, event_id).await
}

async fn sheet_in(
    connection: &mut SqliteConnection,
    lang: Lang,
    event_id: i64,
) -> Result<Option<AttendanceSheet>> {
    let Some(event) = crate::events::event_by_id(&mut *connection, event_id).await? else {
        return Ok(None);
    };
    type Line = (
        i64,
        String,
        String,
        Option<String>,
        RegistrationStatus,
        bool,
        bool,
    );
    let lines: Vec<Line> = sqlx::query_as(
        "SELECT id, name, email, organisation, status, attended_at IS NOT NULL,
                walk_in_key IS NOT NULL
         FROM registrations WHERE event_id = ? AND status <> ?
         ORDER BY name COLLATE NOCASE, id",
    )
    .bind(event_id)
    .bind(RegistrationStatus::Cancelled)
    .fetch_all(&mut *connection)
    .await?;
    Ok(Some(AttendanceSheet {
        event_id,
        title: event.title.clone(),
        when: when(&event, lang, Timestamp::now()),
        attendees: lines
            .into_iter()
            .map(
                |(id, name, email, organisation, status, present, walk_in)| Attendee {
                    id,
                    name,
                    email,
                    organisation,
                    waiting: status == RegistrationStatus::Waiting,
                    present,
                    walk_in,
                },
            )
            .collect(),
    }))
}

/// The date the attendance is taken for: today's occurrence, else the next, else the last.
fn when(event: &CalendarEvent, lang: Lang, now: Timestamp) -> String {
    let day = SignedDuration::from_hours(24);
    let around = event.occurrences(now - day, now + crate::events::model::HORIZON);
    let (starts_at, ends_at) = around
        .iter()
        .find(|o| !o.cancelled)
        .map_or((event.starts_at, event.ends_at), |o| {
            (o.starts_at, o.ends_at)
        });
    crate::shared::time::format_span(starts_at, ends_at, event.all_day, lang)
}

/// Applies a phone's `marks` and `walk_ins` to event `event_id` in one transaction, in their
/// order, and answers the list as it then is. A mark older than the one a registration has is
/// skipped, as is a walk-in whose key was added before; a walk-in whose email is registered
/// already marks that registration present. Walk-ins with a refused field come back refused.
pub async fn sync(
    pool: &SqlitePool,
    lang: Lang,
    event_id: i64,
    marks: &[Mark],
    walk_ins: &[WalkIn],
    actor: Actor<'_>,
) -> Result<Synced, AppError> {
    let now = Timestamp::now();
    let latest = (now + CLOCK_AHEAD).as_millisecond();
    if marks.len() > MARKS_PER_SYNC
        || walk_ins.len() > WALK_INS_PER_SYNC
        || marks
            .iter()
            .map(|m| m.clock)
            .chain(walk_ins.iter().map(|w| w.clock))
            .any(|clock| !(0..=latest).contains(&clock))
    {
        return Err(AppError::BadRequest("marks".to_owned()));
    }
    let mut tx = crate::platform::db::write(pool).await?;
    if crate::events::event_by_id(&mut tx, event_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let mut changed = Vec::new();
    for mark in marks {
        if set_presence(&mut tx, event_id, mark).await? {
            changed.push(json!([mark.registration, mark.present]));
        }
    }
    let mut refused = Vec::new();
    let mut added = Vec::new();
    for walk_in in walk_ins {
        if let Err((field, problem)) = check_walk_in(walk_in) {
            refused.push(Refused {
                walk_in: walk_in.clone(),
                field: field.to_owned(),
                problem,
            });
            continue;
        }
        if let Some(name) = add_walk_in(&mut tx, event_id, walk_in).await? {
            added.push(name);
        }
    }
    if !changed.is_empty() || !added.is_empty() {
        record(
            &mut tx,
            actor,
            "attendance.marked",
            "event",
            Some(event_id),
            json!({ "marks": changed, "walk_ins": added }),
        )
        .await?;
    }
    let sheet = sheet_in(&mut tx, lang, event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(Synced { sheet, refused })
}

/// Applies `mark` unless the registration has a later one; whether it changed anything.
async fn set_presence(
    connection: &mut SqliteConnection,
    event_id: i64,
    mark: &Mark,
) -> Result<bool> {
    let updated = sqlx::query(
        "UPDATE registrations
         SET attended_at = CASE WHEN ?1
                 THEN coalesce(attended_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) END,
             attendance_clock = ?2
         WHERE id = ?3 AND event_id = ?4 AND status <> ?5
           AND (attendance_clock IS NULL OR attendance_clock <= ?2)
           AND (attended_at IS NOT NULL) <> ?1",
    )
    .bind(mark.present)
    .bind(mark.clock)
    .bind(mark.registration)
    .bind(event_id)
    .bind(RegistrationStatus::Cancelled)
    .execute(&mut *connection)
    .await?;
    if updated.rows_affected() > 0 {
        return Ok(true);
    }
    // The same presence again: only its clock moves on, so that an older opposite mark
    // arriving later stays behind it.
    sqlx::query(
        "UPDATE registrations SET attendance_clock = ?1
         WHERE id = ?2 AND event_id = ?3 AND (attendance_clock IS NULL OR attendance_clock < ?1)",
    )
    .bind(mark.clock)
    .bind(mark.registration)
    .bind(event_id)
    .execute(&mut *connection)
    .await?;
    Ok(false)
}

/// Adds `walk_in` present, or marks present the live registration their email has (which is
/// also what a walk-in sent again finds: its own row, present already). Answers the name added
/// or newly marked.
async fn add_walk_in(
    connection: &mut SqliteConnection,
    event_id: i64,
    walk_in: &WalkIn,
) -> Result<Option<String>> {
    let name = clean_line(&walk_in.name);
    let email = walk_in.email.trim();
    let organisation = walk_in
        .organisation
        .as_deref()
        .map(clean_line)
        .filter(|o| !o.is_empty());
    let inserted = sqlx::query(
        "INSERT INTO registrations
             (event_id, name, email, organisation, consent, status, cancel_token, lang,
              walk_in_key, attended_at, attendance_clock)
         VALUES (?, ?, ?, ?, 'walk-in, added by the coordinator', ?, ?, ?, ?,
                 strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)
         ON CONFLICT DO NOTHING",
    )
    .bind(event_id)
    .bind(&name)
    .bind(email)
    .bind(organisation.as_deref())
    .bind(RegistrationStatus::Confirmed)
    .bind(crate::platform::request::random_token())
    .bind(walk_in.lang)
    .bind(&walk_in.key)
    .bind(walk_in.clock)
    .execute(&mut *connection)
    .await?;
    if inserted.rows_affected() > 0 {
        return Ok(Some(name));
    }
    // Registered already under this email: that registration is the one present.
    let registered: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM registrations WHERE event_id = ? AND email = ? AND status <> ?",
    )
    .bind(event_id)
    .bind(email)
    .bind(RegistrationStatus::Cancelled)
    .fetch_optional(&mut *connection)
    .await?;
    let Some((id, registered_name)) = registered else {
        return Ok(None);
    };
    let mark = Mark {
        registration: id,
        present: true,
        clock: walk_in.clock,
    };
    Ok(set_presence(connection, event_id, &mark)
        .await?
        .then_some(registered_name))
}

/// The registration behind check-in code `code`, as its check-in page shows it.
pub async fn check_in_view(pool: &SqlitePool, lang: Lang, code: &str) -> Result<Option<CheckIn>> {
    let mut connection = pool.acquire().await?;
    type Line = (i64, String, Option<String>, RegistrationStatus, bool);
    let line: Option<Line> = sqlx::query_as(
        "SELECT event_id, name, organisation, status, attended_at IS NOT NULL
         FROM registrations WHERE check_in_code = ?",
    )
    .bind(code)
    .fetch_optional(&mut *connection)
    .await?;
    let Some((event_id, name, organisation, status, present)) = line else {
        return Ok(None);
    };
    let Some(event) = crate::events::event_by_id(&mut connection, event_id).await? else {
        return Ok(None);
    };
    Ok(Some(CheckIn {
        event_id,
        title: event.title.clone(),
        when: when(&event, lang, Timestamp::now()),
        name,
        organisation,
        waiting: status == RegistrationStatus::Waiting,
        cancelled: status == RegistrationStatus::Cancelled,
        present,
    }))
}

/// Marks the live registration behind `code` present, now by the server's clock. Answers its
/// event's id, or `None` when the code is unknown or its registration cancelled.
pub async fn check_in(pool: &SqlitePool, code: &str, actor: Actor<'_>) -> Result<Option<i64>> {
    let mut tx = crate::platform::db::write(pool).await?;
    let found: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, event_id FROM registrations WHERE check_in_code = ? AND status <> ?",
    )
    .bind(code)
    .bind(RegistrationStatus::Cancelled)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, event_id)) = found else {
        return Ok(None);
    };
    let mark = Mark {
        registration: id,
        present: true,
        clock: Timestamp::now().as_millisecond(),
    };
    if set_presence(&mut tx, event_id, &mark).await? {
        record(
            &mut tx,
            actor,
            "attendance.checked_in",
            "event",
            Some(event_id),
            json!({ "marks": [[id, true]] }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(event_id))
}
