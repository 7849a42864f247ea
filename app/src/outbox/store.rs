//! The outbox as the mailer's queue: messages the platform owes people, written in the same
//! transaction as what they tell, claimed by the mailer, and marked sent, retrying, failed or
//! cancelled. The mailer claims a message (`sending`) before it talks to the mail server, so a
//! message is never sent by two workers; one left `sending` by a server that died is waiting
//! again when the next one starts ([`release_claims`]).

use crate::i18n::Lang;
use crate::outbox::MessageStatus;
use crate::platform::audit::{self, Actor};
use crate::platform::db::{self, Result};
use crate::shared::text::{clean_line, shorten};
use sqlx::{FromRow, SqliteConnection, SqlitePool};
use std::time::Duration;

/// A message as the outbox keeps it.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub recipient: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub status: MessageStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// A message to queue, and what it is about (it goes when that is erased).
#[derive(Clone, Debug, Default)]
pub struct NewMessage<'a> {
    pub recipient: &'a str,
    pub lang: Option<Lang>,
    pub subject: &'a str,
    pub body: &'a str,
    /// Bulk mail (the newsletter) is not tried for addresses that bounced.
    pub bulk: bool,
    pub application_id: Option<i64>,
    pub registration_id: Option<i64>,
    pub booking_id: Option<i64>,
    /// An event attached as iCalendar text.
    pub calendar: Option<&'a str>,
    /// A check-in address attached as a QR code.
    pub check_in: Option<&'a str>,
}

/// A letter in `lang`: the greeting with the recipient's `name` (if known), `text`, and the
/// signature.
pub fn letter(lang: Lang, name: &str, text: &str) -> String {
    let mail = &lang.texts().mail;
    let greeting = if name.is_empty() {
        mail.greeting.to_owned()
    } else {
        format!("{} {name}", mail.greeting)
    };
    format!("{greeting},\n\n{text}\n\n{}\n", mail.signature)
}

/// The longest subject kept, in characters.
const SUBJECT_CHARS: usize = 200;
/// The longest reason for a failure kept, in characters.
const ERROR_CHARS: usize = 500;

/// Queues `message` in the caller's transaction. The subject is one line (no header can be
/// smuggled into the mail through a name in it).
pub async fn queue(connection: &mut SqliteConnection, message: &NewMessage<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO outbox
             (recipient, lang, subject, body, bulk, application_id, registration_id, booking_id,
              calendar, check_in)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(message.recipient.trim())
    .bind(message.lang.unwrap_or(Lang::DEFAULT).code())
    .bind(shorten(&clean_line(message.subject), SUBJECT_CHARS))
    .bind(message.body)
    .bind(message.bulk)
    .bind(message.application_id)
    .bind(message.registration_id)
    .bind(message.booking_id)
    .bind(message.calendar)
    .bind(message.check_in)
    .execute(connection)
    .await?;
    Ok(())
}

/// The latest `limit` messages, newest first, of one state or all (editions of the newsletter,
/// which have their own page, left out).
pub async fn latest(
    pool: &SqlitePool,
    status: Option<MessageStatus>,
    limit: u32,
) -> Result<Vec<OutboxMessage>> {
    Ok(sqlx::query_as(
        "SELECT id, recipient, lang, subject, body, status, attempts, last_error, created_at, sent_at
         FROM outbox WHERE (?1 IS NULL OR status = ?1) AND edition_id IS NULL
         ORDER BY id DESC LIMIT ?2",
    )
    .bind(status)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// How many messages are in each state (states with none left out), editions' aside.
pub async fn counts(pool: &SqlitePool) -> Result<Vec<(MessageStatus, i64)>> {
    Ok(sqlx::query_as(
        "SELECT status, COUNT(*) FROM outbox WHERE edition_id IS NULL
         GROUP BY status ORDER BY status",
    )
    .fetch_all(pool)
    .await?)
}

/// The reason an edition's message was not sent: its subscriber left meanwhile.
pub const UNSUBSCRIBED: &str = "not sent: the subscriber left before it was their turn";

/// Message `id` is no longer wanted (an edition's subscriber left): cancelled, with the reason.
pub async fn cancel_unwanted(pool: &SqlitePool, id: i64) -> Result<()> {
    let mut write = db::write(pool).await?;
    sqlx::query("UPDATE outbox SET status = ?, last_error = ? WHERE id = ?")
        .bind(MessageStatus::Cancelled)
        .bind(UNSUBSCRIBED)
        .bind(id)
        .execute(&mut *write)
        .await?;
    write.commit().await?;
    Ok(())
}

/// How many messages failed for good (the dashboard's warning).
pub async fn failures(pool: &SqlitePool) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = ?")
            .bind(MessageStatus::Failed)
            .fetch_one(pool)
            .await?,
    )
}

/// A message claimed for sending.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct Claimed {
    pub id: i64,
    pub recipient: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    /// Tries before this one.
    pub attempts: i64,
    /// An event attached as iCalendar text.
    pub calendar: Option<String>,
    /// A check-in address attached as a QR code.
    pub check_in: Option<String>,
    /// An edition of the newsletter, written for this subscriber when it is sent.
    pub edition_id: Option<i64>,
    pub subscriber_id: Option<i64>,
}

/// Makes messages left `sending` by a server that stopped waiting again; the mailer calls it
/// once as it starts, before it claims anything (one mailer per database).
pub async fn release_claims(pool: &SqlitePool) -> Result<u64> {
    let mut write = db::write(pool).await?;
    let released = sqlx::query("UPDATE outbox SET status = ? WHERE status = ?")
        .bind(MessageStatus::Waiting)
        .bind(MessageStatus::Sending)
        .execute(&mut *write)
        .await?
        .rows_affected();
    write.commit().await?;
    Ok(released)
}

/// Makes claimed messages `ids` wait again: the mailer is stopping before it tried them.
pub async fn release(pool: &SqlitePool, ids: &[i64]) -> Result<()> {
    let mut write = db::write(pool).await?;
    for id in ids {
        sqlx::query("UPDATE outbox SET status = ? WHERE id = ? AND status = ?")
            .bind(MessageStatus::Waiting)
            .bind(id)
            .bind(MessageStatus::Sending)
            .execute(&mut *write)
            .await?;
    }
    write.commit().await?;
    Ok(())
}

/// The reason bulk mail to a bouncing address is not sent.
pub const BOUNCING: &str = "not sent: the address bounced before (bulk mail skips it)";

/// Claims up to `limit` messages that are due, transactional mail first and then the oldest,
/// in one write transaction: they are `sending` when it commits. Held messages (an edition
/// paused or not yet due) wait; bulk messages to bouncing addresses fail instead.
pub async fn claim(pool: &SqlitePool, limit: u32) -> Result<Vec<Claimed>> {
    let mut write = db::write(pool).await?;
    sqlx::query(
        "UPDATE outbox SET status = ?1, last_error = ?2
         WHERE status IN (?3, ?4) AND bulk = 1
           AND recipient IN (SELECT address FROM mail_bounces)",
    )
    .bind(MessageStatus::Failed)
    .bind(BOUNCING)
    .bind(MessageStatus::Waiting)
    .bind(MessageStatus::Retrying)
    .execute(&mut *write)
    .await?;
    let claimed: Vec<Claimed> = sqlx::query_as(
        "UPDATE outbox SET status = ?1
         WHERE id IN (
             SELECT id FROM outbox
             WHERE (status = ?2
                OR (status = ?3 AND next_attempt_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))
               AND held = 0
             ORDER BY bulk, id LIMIT ?4)
         RETURNING id, recipient, lang, subject, body, created_at, attempts, calendar,
             check_in, edition_id, subscriber_id",
    )
    .bind(MessageStatus::Sending)
    .bind(MessageStatus::Waiting)
    .bind(MessageStatus::Retrying)
    .bind(limit)
    .fetch_all(&mut *write)
    .await?;
    write.commit().await?;
    let mut claimed = claimed;
    claimed.sort_by_key(|message| message.id);
    Ok(claimed)
}

/// The mail server took message `id`.
pub async fn sent(pool: &SqlitePool, id: i64) -> Result<()> {
    let mut write = db::write(pool).await?;
    sqlx::query(
        "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = NULL,
             next_attempt_at = NULL, sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(MessageStatus::Sent)
    .bind(id)
    .execute(&mut *write)
    .await?;
    write.commit().await?;
    Ok(())
}

/// Message `id` met a temporary failure (`error`): another try after `delay`.
pub async fn retry_later(pool: &SqlitePool, id: i64, error: &str, delay: Duration) -> Result<()> {
    let mut write = db::write(pool).await?;
    sqlx::query(
        "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?,
             next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)
         WHERE id = ?",
    )
    .bind(MessageStatus::Retrying)
    .bind(shorten(error, ERROR_CHARS))
    .bind(format!("+{:.3} seconds", delay.as_secs_f64()))
    .bind(id)
    .execute(&mut *write)
    .await?;
    write.commit().await?;
    Ok(())
}

/// Message `id` failed for good (`error`); when the mail server refused the mailbox itself
/// (`bounced`), the address is recorded as bouncing.
pub async fn failed(
    pool: &SqlitePool,
    id: i64,
    recipient: &str,
    error: &str,
    bounced: bool,
) -> Result<()> {
    let error = shorten(error, ERROR_CHARS);
    let mut write = db::write(pool).await?;
    sqlx::query(
        "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?,
             next_attempt_at = NULL
         WHERE id = ?",
    )
    .bind(MessageStatus::Failed)
    .bind(&error)
    .bind(id)
    .execute(&mut *write)
    .await?;
    if bounced {
        sqlx::query(
            "INSERT INTO mail_bounces (address, reason) VALUES (?, ?)
             ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, at = excluded.at",
        )
        .bind(shorten(recipient, 320))
        .bind(&error)
        .execute(&mut *write)
        .await?;
    }
    write.commit().await?;
    Ok(())
}

/// Whether an address bounced.
pub async fn bouncing(pool: &SqlitePool, address: &str) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM mail_bounces WHERE address = ?)")
            .bind(address.trim())
            .fetch_one(pool)
            .await?,
    )
}

/// What the coordinator can do to a message that is not on its way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Send it again now: a failed, cancelled or retrying message waits again, its tries
    /// counted from nought.
    Retry,
    /// Do not send it: a waiting, retrying or failed message.
    Cancel,
}

/// Does `action` to message `id`, audited; false when the message is not in a state it
/// applies to (being sent, already sent, or gone).
pub async fn act(pool: &SqlitePool, id: i64, action: Action, actor: Actor<'_>) -> Result<bool> {
    use MessageStatus::*;
    let (from, to, name): (&[MessageStatus], _, _) = match action {
        Action::Retry => (&[Failed, Cancelled, Retrying], Waiting, "outbox.retry"),
        Action::Cancel => (&[Waiting, Retrying, Failed], Cancelled, "outbox.cancel"),
    };
    let mut write = db::write(pool).await?;
    let before: Option<MessageStatus> =
        sqlx::query_scalar("SELECT status FROM outbox WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *write)
            .await?;
    let Some(before) = before.filter(|status| from.contains(status)) else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE outbox SET status = ?, attempts = CASE WHEN ? THEN 0 ELSE attempts END,
             next_attempt_at = NULL
         WHERE id = ?",
    )
    .bind(to)
    .bind(action == Action::Retry)
    .bind(id)
    .execute(&mut *write)
    .await?;
    audit::record(
        &mut write,
        actor,
        name,
        "outbox",
        Some(id),
        serde_json::json!({ "status": [before.code(), to.code()] }),
    )
    .await?;
    write.commit().await?;
    Ok(true)
}
