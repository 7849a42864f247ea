//! Counselling's SQL: free times, bookings (one per time, held by a unique index, so two
//! people booking the last time at once get one yes and one clear no), cancellations from the
//! private link and by the coordinator, reminders, and the coordinator's new times, each change
//! audited and its mail queued in the same transaction.

use crate::counselling::mail::{BOOKED, Booked, News, tell};
use crate::counselling::{AdminBooking, AdminSlot, BookingView, FreeSlot, SlotDay};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::platform::audit::{Actor, erase_values, record};
use crate::platform::db::{Result, db_time};
use crate::platform::limits::PerAddress;
use crate::shared::time::{format_span_zoned, tallinn};
use jiff::{SignedDuration, Timestamp};
use sqlx::{AssertSqlSafe, FromRow, SqlitePool};

/// Bookings one client address may make in an hour.
pub const PER_ADDRESS: PerAddress = PerAddress {
    table: "consultation_bookings",
    most: 5,
    period: "-1 hour",
};
/// How far ahead the public page offers times.
const DAYS_AHEAD: i64 = 120;
/// The most free times the public page lists.
const MOST_FREE: i64 = 200;
/// A booking is no longer cancelled from its link this close to its start.
const CANCEL_BEFORE: SignedDuration = SignedDuration::from_hours(2);
/// Reminders go this long before the time.
const REMIND_BEFORE: SignedDuration = SignedDuration::from_hours(24);

#[derive(FromRow)]
struct SlotRow {
    id: i64,
    starts_at: String,
    minutes: i64,
    place: Option<String>,
    online_url: Option<String>,
    call_slug: Option<String>,
    call_title: Option<String>,
}

fn instant(stored: &str) -> Timestamp {
    stored.parse().unwrap_or(Timestamp::UNIX_EPOCH)
}

fn ends(starts: Timestamp, minutes: i64) -> Timestamp {
    starts
        .saturating_add(SignedDuration::from_mins(minutes))
        .unwrap_or(starts)
}

/// The free, not cancelled times from `now` on, by day.
pub async fn free(pool: &SqlitePool, lang: Lang, now: Timestamp) -> Result<Vec<SlotDay>> {
    let title = match lang {
        Lang::Et => "coalesce(c.title_et, c.title_en, c.title_ru)",
        Lang::Ru => "coalesce(c.title_ru, c.title_et, c.title_en)",
        Lang::En => "coalesce(c.title_en, c.title_et, c.title_ru)",
    };
    let rows: Vec<SlotRow> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT s.id, s.starts_at, s.minutes, s.place, s.online_url,
                CASE WHEN c.status <> 'draft' THEN c.slug END AS call_slug,
                CASE WHEN c.status <> 'draft' THEN {title} END AS call_title
         FROM consultation_slots s LEFT JOIN funding_calls c ON c.id = s.call_id
         WHERE NOT s.cancelled AND s.starts_at > ? AND s.starts_at < ?
           AND NOT EXISTS (SELECT 1 FROM consultation_bookings b
                           WHERE b.slot_id = s.id AND b.status = 'booked')
         ORDER BY s.starts_at, s.id LIMIT ?"
    )))
    .bind(db_time(now))
    .bind(db_time(now + SignedDuration::from_hours(24 * DAYS_AHEAD)))
    .bind(MOST_FREE)
    .fetch_all(pool)
    .await?;
    let mut days: Vec<SlotDay> = Vec::new();
    for row in rows {
        let starts = instant(&row.starts_at);
        let local = starts.to_zoned(tallinn());
        let label = day_label(&local, lang);
        let slot = FreeSlot {
            id: row.id,
            starts_at: row.starts_at,
            time: format!(
                "{}–{}",
                local.strftime("%H:%M"),
                ends(starts, row.minutes)
                    .to_zoned(tallinn())
                    .strftime("%H:%M")
            ),
            place: row.place,
            online: row.online_url.is_some(),
            call: row.call_slug.zip(row.call_title),
        };
        match days.last_mut() {
            Some(day) if day.label == label => day.slots.push(slot),
            _ => days.push(SlotDay {
                label,
                slots: vec![slot],
            }),
        }
    }
    Ok(days)
}

fn day_label(local: &jiff::Zoned, lang: Lang) -> String {
    let weekday = lang.texts().counselling.weekdays
        [usize::from(local.weekday().to_monday_zero_offset().unsigned_abs())];
    match lang {
        Lang::En => format!("{weekday}, {}", local.strftime("%-d %B %Y")),
        _ => format!("{weekday}, {}", local.strftime("%d.%m.%Y")),
    }
}

/// A booking as typed on the public page, checked.
pub struct NewBooking<'a> {
    pub slot_id: i64,
    pub name: &'a str,
    pub organisation: Option<&'a str>,
    pub email: &'a str,
    pub question: Option<&'a str>,
    pub lang: Lang,
    pub address: &'a str,
}

/// Books a time in one transaction: the address's hourly limit, the time still free and to
/// come, the booking, and its confirmation in the outbox.
pub async fn book(
    pool: &SqlitePool,
    booking: &NewBooking<'_>,
    origin: &str,
    now: Timestamp,
) -> std::result::Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    if PER_ADDRESS.reached(&mut tx, booking.address).await? {
        return Err(AppError::invalid("slot", Problem::TooManyBookings));
    }
    let open: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM consultation_slots
                        WHERE id = ? AND NOT cancelled AND starts_at > ?)",
    )
    .bind(booking.slot_id)
    .bind(db_time(now))
    .fetch_one(&mut *tx)
    .await?;
    if !open {
        return Err(AppError::invalid("slot", Problem::UnknownChoice));
    }
    let token = crate::platform::request::random_token();
    // The unique index on a time's live booking decides: a second booking inserts nothing.
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO consultation_bookings
             (slot_id, name, organisation, organisation_id, email, question, lang, cancel_token,
              address)
         VALUES (?1, ?2, ?3,
                 (SELECT id FROM organisations WHERE is_published AND lower(name) = lower(?3)
                  LIMIT 1),
                 ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT DO NOTHING
         RETURNING id",
    )
    .bind(booking.slot_id)
    .bind(booking.name)
    .bind(booking.organisation)
    .bind(booking.email)
    .bind(booking.question)
    .bind(booking.lang)
    .bind(&token)
    .bind(booking.address)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Err(AppError::invalid("slot", Problem::SlotTaken));
    };
    let booked = booked_by_id(&mut tx, id).await?;
    tell(&mut tx, &booked, origin, News::Booked).await?;
    tx.commit().await?;
    Ok(())
}

async fn booked_by_id(connection: &mut sqlx::SqliteConnection, id: i64) -> Result<Booked> {
    Ok(sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {BOOKED} FROM consultation_bookings b
         JOIN consultation_slots s ON s.id = b.slot_id WHERE b.id = ?"
    )))
    .bind(id)
    .fetch_one(connection)
    .await?)
}

async fn booked_by_token(
    connection: &mut sqlx::SqliteConnection,
    token: &str,
) -> Result<Option<(Booked, Option<String>)>> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        booked: Booked,
        question: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {BOOKED}, b.question FROM consultation_bookings b
         JOIN consultation_slots s ON s.id = b.slot_id WHERE b.cancel_token = ?"
    )))
    .bind(token)
    .fetch_optional(connection)
    .await?;
    Ok(row.map(|row| (row.booked, row.question)))
}

/// The booking behind a private link, in `lang`.
pub async fn view(
    pool: &SqlitePool,
    token: &str,
    lang: Lang,
    now: Timestamp,
) -> Result<Option<BookingView>> {
    let Some((booked, question)) = booked_by_token(&mut *pool.acquire().await?, token).await?
    else {
        return Ok(None);
    };
    let (starts, ends) = booked.span();
    Ok(Some(BookingView {
        name: booked.name,
        when: format_span_zoned(starts, ends, false, lang),
        place: booked.place,
        online_url: booked.online_url,
        question,
        status: booked.status,
        is_past: starts - CANCEL_BEFORE <= now,
    }))
}

/// Cancels the booking behind a private link (until two hours before its time); the time is
/// free again.
pub async fn cancel(
    pool: &SqlitePool,
    token: &str,
    origin: &str,
    now: Timestamp,
    actor: Actor<'_>,
) -> std::result::Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let Some((booked, _)) = booked_by_token(&mut tx, token).await? else {
        return Err(AppError::NotFound);
    };
    if booked.span().0 - CANCEL_BEFORE <= now {
        return Err(AppError::invalid("booking", Problem::EventOver));
    }
    let changed = sqlx::query(
        "UPDATE consultation_bookings SET status = 'cancelled' WHERE id = ? AND status = 'booked'",
    )
    .bind(booked.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(()); // cancelled already: the same answer
    }
    record(
        &mut tx,
        actor,
        "booking.cancelled",
        "consultation_booking",
        Some(booked.id),
        serde_json::json!({ "status": ["booked", "cancelled"] }),
    )
    .await?;
    tell(&mut tx, &booked, origin, News::Cancelled).await?;
    tx.commit().await?;
    Ok(())
}

/// Queues the reminders of the times starting within a day, once each; how many.
pub async fn remind(pool: &SqlitePool, origin: &str, now: Timestamp) -> Result<usize> {
    let mut tx = crate::platform::db::write(pool).await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "UPDATE consultation_bookings SET reminded = 1
         WHERE status = 'booked' AND NOT reminded AND created_at <= ?3
           AND slot_id IN (SELECT id FROM consultation_slots
                           WHERE NOT cancelled AND starts_at > ?1 AND starts_at <= ?2)
         RETURNING id",
    )
    .bind(db_time(now))
    .bind(db_time(now + REMIND_BEFORE))
    // Booked within the last day: the confirmation was the reminder.
    .bind(db_time(now - REMIND_BEFORE))
    .fetch_all(&mut *tx)
    .await?;
    for id in &ids {
        let booked = booked_by_id(&mut tx, *id).await?;
        tell(&mut tx, &booked, origin, News::Reminder).await?;
    }
    tx.commit().await?;
    Ok(ids.len())
}

/// Every time from a month ago on, with its booking, for the coordinator.
pub async fn admin_slots(pool: &SqlitePool, lang: Lang, now: Timestamp) -> Result<Vec<AdminSlot>> {
    #[derive(FromRow)]
    struct Row {
        id: i64,
        starts_at: String,
        minutes: i64,
        place: Option<String>,
        online_url: Option<String>,
        cancelled: bool,
        call: Option<String>,
        booking_id: Option<i64>,
        name: Option<String>,
        organisation: Option<String>,
        email: Option<String>,
        question: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.starts_at, s.minutes, s.place, s.online_url, s.cancelled,
                coalesce(c.title_et, c.title_en, c.title_ru) AS call,
                b.id AS booking_id, b.name, b.organisation, b.email, b.question
         FROM consultation_slots s
         LEFT JOIN funding_calls c ON c.id = s.call_id
         LEFT JOIN consultation_bookings b ON b.slot_id = s.id AND b.status = 'booked'
         WHERE s.starts_at > ?
         ORDER BY s.starts_at, s.id LIMIT 1000",
    )
    .bind(db_time(now - SignedDuration::from_hours(24 * 31)))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let starts = instant(&row.starts_at);
            AdminSlot {
                id: row.id,
                when: format_span_zoned(starts, ends(starts, row.minutes), false, lang),
                starts_at: row.starts_at,
                place: row.place,
                online_url: row.online_url,
                call: row.call,
                cancelled: row.cancelled,
                booking: row.booking_id.map(|id| AdminBooking {
                    id,
                    name: row.name.unwrap_or_default(),
                    organisation: row.organisation,
                    email: row.email.unwrap_or_default(),
                    question: row.question,
                }),
            }
        })
        .collect())
}

/// New consultation times, checked by the caller.
pub struct NewSlots<'a> {
    pub starts: Vec<Timestamp>,
    pub minutes: i64,
    pub place: Option<&'a str>,
    pub online_url: Option<&'a str>,
    pub call_slug: Option<&'a str>,
}

/// Adds consultation times in the caller's transaction; their ids.
pub async fn insert_slots(
    connection: &mut sqlx::SqliteConnection,
    slots: &NewSlots<'_>,
) -> std::result::Result<Vec<i64>, AppError> {
    let call_id: Option<i64> = match slots.call_slug {
        None => None,
        Some(slug) => Some(
            sqlx::query_scalar("SELECT id FROM funding_calls WHERE slug = ?")
                .bind(slug)
                .fetch_optional(&mut *connection)
                .await?
                .ok_or_else(|| AppError::invalid("call", Problem::UnknownChoice))?,
        ),
    };
    let mut ids = Vec::with_capacity(slots.starts.len());
    for starts in &slots.starts {
        ids.push(
            sqlx::query_scalar(
                "INSERT INTO consultation_slots (starts_at, minutes, place, online_url, call_id)
                 VALUES (?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(db_time(*starts))
            .bind(slots.minutes)
            .bind(slots.place)
            .bind(slots.online_url)
            .bind(call_id)
            .fetch_one(&mut *connection)
            .await?,
        );
    }
    Ok(ids)
}

/// Adds consultation times, each audited; how many.
pub async fn add_slots(
    pool: &SqlitePool,
    slots: &NewSlots<'_>,
    actor: Actor<'_>,
) -> std::result::Result<usize, AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let ids = insert_slots(&mut tx, slots).await?;
    for (id, starts) in ids.iter().zip(&slots.starts) {
        record(
            &mut tx,
            actor,
            "consultation.added",
            "consultation_slot",
            Some(*id),
            serde_json::json!({
                "starts_at": [null, db_time(*starts)],
                "minutes": [null, slots.minutes],
                "place": [null, slots.place],
                "online_url": [null, slots.online_url],
                "call": [null, slots.call_slug],
            }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ids.len())
}

/// Cancels a time, or only its booking (`booking_only`): the person who booked is told.
pub async fn cancel_by_coordinator(
    pool: &SqlitePool,
    slot_id: i64,
    booking_only: bool,
    origin: &str,
    actor: Actor<'_>,
) -> std::result::Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM consultation_slots WHERE id = ?)")
            .bind(slot_id)
            .fetch_one(&mut *tx)
            .await?;
    if !exists {
        return Err(AppError::NotFound);
    }
    let cancelled: Vec<i64> = sqlx::query_scalar(
        "UPDATE consultation_bookings SET status = 'cancelled'
         WHERE slot_id = ? AND status = 'booked' RETURNING id",
    )
    .bind(slot_id)
    .fetch_all(&mut *tx)
    .await?;
    for id in &cancelled {
        record(
            &mut tx,
            actor,
            "booking.cancelled",
            "consultation_booking",
            Some(*id),
            serde_json::json!({ "status": ["booked", "cancelled"] }),
        )
        .await?;
        let booked = booked_by_id(&mut tx, *id).await?;
        tell(&mut tx, &booked, origin, News::CancelledByUs).await?;
    }
    if !booking_only {
        let changed = sqlx::query(
            "UPDATE consultation_slots SET cancelled = 1 WHERE id = ? AND NOT cancelled",
        )
        .bind(slot_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed > 0 {
            record(
                &mut tx,
                actor,
                "consultation.cancelled",
                "consultation_slot",
                Some(slot_id),
                serde_json::json!({ "cancelled": [false, true] }),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Erases booking `id` on its person's request: it goes with its messages, and its audit trail
/// keeps only that changes happened. A time it held is free again; nobody is mailed.
pub async fn erase_booking(
    pool: &SqlitePool,
    id: i64,
    actor: Actor<'_>,
) -> std::result::Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let deleted = sqlx::query("DELETE FROM consultation_bookings WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Err(AppError::NotFound);
    }
    erase_values(&mut tx, "consultation_booking", id).await?;
    record(
        &mut tx,
        actor,
        "booking.erased",
        "consultation_booking",
        Some(id),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
