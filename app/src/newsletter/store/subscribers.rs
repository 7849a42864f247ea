//! Subscribers: asking, confirming, changing and ending a subscription behind a signed link,
//! the coordinator's additions, counts and export.

use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::newsletter::letter::Reader;
use crate::newsletter::signing::{Key, Purpose};
use crate::newsletter::{
    SubscriberLine, SubscriberStatus, Subscribers, Subscription, Topic, Topics,
};
use crate::outbox::{NewMessage, letter, queue};
use crate::platform::audit::{self, Actor};
use crate::platform::db::{Result, write};
use crate::platform::limits::PerAddress;
use crate::shared::identifiers::is_email;
use crate::shared::text::clean_line;
use sqlx::{SqliteConnection, SqlitePool};

/// Requests to subscribe one client address may make in an hour.
pub const PER_ADDRESS: PerAddress = PerAddress {
    table: "subscription_requests",
    most: 10,
    period: "-1 hour",
};
/// Mails one email address may be sent by requests to subscribe in a day.
const PER_EMAIL_A_DAY: i64 = 3;
/// Days an unconfirmed subscription is kept.
pub const PENDING_DAYS: i64 = 7;
/// The longest note of where consent was given, in characters.
pub const SOURCE_CHARS: usize = 500;

/// The key that signs subscribers' links.
pub async fn key(pool: &SqlitePool) -> Result<Key> {
    let key: Vec<u8> = sqlx::query_scalar("SELECT key FROM signing_keys WHERE name = 'newsletter'")
        .fetch_one(pool)
        .await?;
    Ok(Key::new(key))
}

/// The email typed, trimmed, if it is an address.
fn address(email: &str) -> Result<&str, AppError> {
    let email = email.trim();
    if is_email(email) {
        Ok(email)
    } else {
        Err(AppError::invalid("email", Problem::NotAnEmail))
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    status: String,
    generation: i64,
}

async fn find(connection: &mut SqliteConnection, email: &str) -> Result<Option<Row>> {
    Ok(
        sqlx::query_as("SELECT id, status, generation FROM subscribers WHERE email = ?")
            .bind(email)
            .fetch_optional(connection)
            .await?,
    )
}

/// A request to subscribe `email` in `lang` to `topics`, with the `consent` text the person
/// saw, from client `client`. A new, pending or unsubscribed address gets the mail that
/// confirms it; a confirmed one gets a mail saying so, with its link (the page says the same
/// either way). `TooManyAttempts` past the client's or the address's limit.
pub async fn subscribe(
    pool: &SqlitePool,
    email: &str,
    lang: Lang,
    topics: Topics,
    consent: &str,
    client: &str,
    origin: &str,
) -> Result<(), AppError> {
    let email = address(email)?;
    if topics.is_empty() {
        return Err(AppError::invalid("topics", Problem::NoTopic));
    }
    let key = key(pool).await?;
    let mut tx = write(pool).await?;
    let asked_today: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM subscription_requests
         WHERE email = ? AND created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 day')",
    )
    .bind(email)
    .fetch_one(&mut *tx)
    .await?;
    if PER_ADDRESS.reached(&mut tx, client).await? || asked_today >= PER_EMAIL_A_DAY {
        return Err(AppError::TooManyAttempts);
    }
    sqlx::query("INSERT INTO subscription_requests (address, email) VALUES (?, ?)")
        .bind(client)
        .bind(email)
        .execute(&mut *tx)
        .await?;
    let texts = &lang.texts().newsletter;
    let (subject, text) = match find(&mut tx, email).await? {
        Some(row) if row.status == "confirmed" => {
            let token = key.sign(Purpose::Manage, row.id, row.generation);
            let link = format!("{origin}/{lang}/newsletter/subscription?token={token}");
            (
                texts.already_subject,
                format!("{}\n\n{link}", texts.already_text),
            )
        }
        found => {
            let (id, generation) = match found {
                Some(row) => {
                    sqlx::query(
                        "UPDATE subscribers SET lang = ?, topics = ?, status = 'pending',
                             consent = ?, consent_address = ?, added_by = NULL,
                             consent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
                             created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                         WHERE id = ?",
                    )
                    .bind(lang.code())
                    .bind(topics.0)
                    .bind(consent)
                    .bind(client)
                    .bind(row.id)
                    .execute(&mut *tx)
                    .await?;
                    (row.id, row.generation)
                }
                None => (
                    sqlx::query_scalar(
                        "INSERT INTO subscribers (email, lang, topics, consent, consent_address)
                     VALUES (?, ?, ?, ?, ?) RETURNING id",
                    )
                    .bind(email)
                    .bind(lang.code())
                    .bind(topics.0)
                    .bind(consent)
                    .bind(client)
                    .fetch_one(&mut *tx)
                    .await?,
                    0,
                ),
            };
            let token = key.sign(Purpose::Confirm, id, generation);
            let link = format!("{origin}/{lang}/newsletter/confirm?token={token}");
            (
                texts.confirm_subject,
                format!(
                    "{}\n\n{link}\n\n{}",
                    texts.confirm_text, texts.confirm_ignore
                ),
            )
        }
    };
    queue(
        &mut tx,
        &NewMessage {
            recipient: email,
            lang: Some(lang),
            subject,
            body: &letter(lang, "", &text),
            ..NewMessage::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The subscriber (and generation) a token for `purpose` names, if it is still that
/// subscriber's link.
async fn holder(
    connection: &mut SqliteConnection,
    key: &Key,
    purpose: Purpose,
    token: &str,
) -> Result<Option<(i64, i64)>> {
    let Some((id, generation)) = key.verify(purpose, token) else {
        return Ok(None);
    };
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM subscribers WHERE id = ? AND generation = ?")
            .bind(id)
            .bind(generation)
            .fetch_optional(connection)
            .await?;
    Ok(found.map(|id| (id, generation)))
}

/// The subscription behind a link, by subscriber id.
async fn subscription_of(connection: &mut SqliteConnection, id: i64) -> Result<Subscription> {
    let (email, lang, topics, status, bouncing, sectors): (
        String,
        String,
        i64,
        String,
        bool,
        String,
    ) = sqlx::query_as(
        "SELECT email, lang, topics, status,
                 EXISTS (SELECT 1 FROM mail_bounces WHERE address = subscribers.email), sectors
             FROM subscribers WHERE id = ?",
    )
    .bind(id)
    .fetch_one(connection)
    .await?;
    Ok(Subscription {
        email,
        lang: lang.parse().unwrap_or(Lang::DEFAULT),
        topics: Topics(topics),
        status: status_of(&status, bouncing),
        sectors: sectors.split_whitespace().map(str::to_owned).collect(),
        sector_choices: Vec::new(),
    })
}

fn status_of(stored: &str, bouncing: bool) -> SubscriberStatus {
    match SubscriberStatus::from_code(stored) {
        Some(SubscriberStatus::Confirmed) if bouncing => SubscriberStatus::Bouncing,
        Some(status) => status,
        None => SubscriberStatus::Pending,
    }
}

/// Confirms the subscription a confirmation link names: the subscription and the token of
/// its page, or `None` for a link that is not (or no longer) one. Following it twice is fine;
/// an unsubscribed address is not subscribed again by an old link.
pub async fn confirm(pool: &SqlitePool, token: &str) -> Result<Option<(Subscription, String)>> {
    let key = key(pool).await?;
    let mut tx = write(pool).await?;
    let Some((id, generation)) = holder(&mut tx, &key, Purpose::Confirm, token).await? else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE subscribers SET status = 'confirmed',
             confirmed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND status = 'pending'",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let subscription = subscription_of(&mut tx, id).await?;
    tx.commit().await?;
    if subscription.status == SubscriberStatus::Unsubscribed {
        return Ok(None);
    }
    Ok(Some((
        subscription,
        key.sign(Purpose::Manage, id, generation),
    )))
}

/// The subscription a subscriber's link names.
pub async fn subscription(pool: &SqlitePool, token: &str) -> Result<Option<Subscription>> {
    let key = key(pool).await?;
    let mut connection = pool.acquire().await?;
    let Some((id, _)) = holder(&mut connection, &key, Purpose::Manage, token).await? else {
        return Ok(None);
    };
    Ok(Some(subscription_of(&mut connection, id).await?))
}

/// The subscriber changes language, topics and the sectors of their funding reminders behind
/// their link; false for a link that is not.
pub async fn change(
    pool: &SqlitePool,
    token: &str,
    lang: Lang,
    topics: Topics,
    sectors: &[String],
) -> Result<bool, AppError> {
    if topics.is_empty() {
        return Err(AppError::invalid("topics", Problem::NoTopic));
    }
    let key = key(pool).await?;
    let mut tx = write(pool).await?;
    let Some((id, _)) = holder(&mut tx, &key, Purpose::Manage, token).await? else {
        return Ok(false);
    };
    sqlx::query("UPDATE subscribers SET lang = ?, topics = ?, sectors = ? WHERE id = ?")
        .bind(lang.code())
        .bind(topics.0)
        .bind(sectors.join(" "))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Ends the subscription a subscriber's link names (again is fine); false for a link that is
/// not one.
pub async fn unsubscribe(pool: &SqlitePool, token: &str) -> Result<bool> {
    let key = key(pool).await?;
    let mut tx = write(pool).await?;
    let Some((id, _)) = holder(&mut tx, &key, Purpose::Manage, token).await? else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE subscribers SET status = 'unsubscribed',
             unsubscribed_at = coalesce(unsubscribed_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
         WHERE id = ?",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The language a subscriber's link is in (for the page a one-click GET is sent on to).
pub async fn lang_of(pool: &SqlitePool, token: &str) -> Result<Option<Lang>> {
    Ok(subscription(pool, token)
        .await?
        .map(|subscription| subscription.lang))
}

/// A subscriber an edition is written for: confirmed and not bouncing.
pub async fn reader(pool: &SqlitePool, id: i64) -> Result<Option<Reader>> {
    Ok(sqlx::query_as(
        "SELECT id, email, lang, topics, generation FROM subscribers
         WHERE id = ? AND status = 'confirmed'
           AND email NOT IN (SELECT address FROM mail_bounces)",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

/// Deletes subscriptions left unconfirmed for [`PENDING_DAYS`] and requests older than a day.
pub async fn forget_unconfirmed(pool: &SqlitePool) -> Result<u64> {
    let mut tx = write(pool).await?;
    let forgotten = sqlx::query(
        "DELETE FROM subscribers WHERE status = 'pending' AND created_at
             < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)",
    )
    .bind(format!("-{PENDING_DAYS} days"))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query(
        "DELETE FROM subscription_requests
         WHERE created_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 day')",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(forgotten)
}

/// The coordinator adds someone who gave consent elsewhere (`source` says where): confirmed at
/// once, audited. An address that unsubscribed is never added again, and one already
/// subscribed is left as it is.
pub async fn add(
    pool: &SqlitePool,
    email: &str,
    lang: Lang,
    topics: Topics,
    source: &str,
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let email = address(email)?;
    let source = clean_line(source);
    if source.is_empty() {
        return Err(AppError::invalid("source", Problem::Required));
    }
    if source.chars().count() > SOURCE_CHARS {
        return Err(AppError::invalid("source", Problem::TooLong));
    }
    if topics.is_empty() {
        return Err(AppError::invalid("topics", Problem::NoTopic));
    }
    let mut tx = write(pool).await?;
    let id =
        match find(&mut tx, email).await? {
            Some(row) if row.status == "unsubscribed" => {
                return Err(AppError::invalid("email", Problem::Unsubscribed));
            }
            Some(row) if row.status == "confirmed" => {
                return Err(AppError::invalid("email", Problem::AlreadySubscribed));
            }
            Some(row) => {
                sqlx::query(
                "UPDATE subscribers SET lang = ?, topics = ?, status = 'confirmed', consent = ?,
                     consent_address = ?, added_by = ?,
                     consent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
                     confirmed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?",
            )
            .bind(lang.code())
            .bind(topics.0)
            .bind(&source)
            .bind(actor.address.unwrap_or(""))
            .bind(actor.user_id)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
                row.id
            }
            None => sqlx::query_scalar(
                "INSERT INTO subscribers (email, lang, topics, status, consent, consent_address,
                     added_by, confirmed_at)
                 VALUES (?, ?, ?, 'confirmed', ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                 RETURNING id",
            )
            .bind(email)
            .bind(lang.code())
            .bind(topics.0)
            .bind(&source)
            .bind(actor.address.unwrap_or(""))
            .bind(actor.user_id)
            .fetch_one(&mut *tx)
            .await?,
        };
    audit::record(
        &mut tx,
        actor,
        "newsletter.add_subscriber",
        "subscriber",
        Some(id),
        serde_json::json!({ "email": email, "lang": lang.code(), "source": source }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Counts by state, language and topic, and the latest [`crate::newsletter::LISTED`].
pub async fn overview(pool: &SqlitePool) -> Result<Subscribers> {
    let rows: Vec<(String, bool, String, i64, i64)> = sqlx::query_as(
        "SELECT status, EXISTS (SELECT 1 FROM mail_bounces WHERE address = email) AS bouncing,
             lang, topics, count(*)
         FROM subscribers GROUP BY status, bouncing, lang, topics",
    )
    .fetch_all(pool)
    .await?;
    let mut by_status: Vec<(SubscriberStatus, i64)> = SubscriberStatus::ALL
        .into_iter()
        .map(|status| (status, 0))
        .collect();
    let mut by_lang: Vec<(Lang, i64)> = Lang::ALL.into_iter().map(|lang| (lang, 0)).collect();
    let mut by_topic: Vec<(Topic, i64)> = Topic::ALL.into_iter().map(|t| (t, 0)).collect();
    for (status, bouncing, lang, topics, count) in rows {
        let status = status_of(&status, bouncing);
        if let Some(slot) = by_status.iter_mut().find(|(s, _)| *s == status) {
            slot.1 += count;
        }
        if status != SubscriberStatus::Confirmed {
            continue;
        }
        if let Some(slot) = by_lang.iter_mut().find(|(l, _)| l.code() == lang) {
            slot.1 += count;
        }
        for slot in by_topic.iter_mut().filter(|(t, _)| Topics(topics).has(*t)) {
            slot.1 += count;
        }
    }
    let latest = all(pool, Some(crate::newsletter::LISTED)).await?;
    Ok(Subscribers {
        by_status,
        by_lang,
        by_topic,
        latest,
    })
}

/// Subscribers, newest first, with their consent for the export: `limit` of them or all.
pub async fn all(pool: &SqlitePool, limit: Option<u32>) -> Result<Vec<SubscriberLine>> {
    Ok(export(pool, limit)
        .await?
        .into_iter()
        .map(|row| row.line)
        .collect())
}

/// A subscriber as the export has them.
pub struct Exported {
    pub line: SubscriberLine,
    pub consent: String,
    pub consent_at: String,
    pub consent_address: String,
    pub confirmed_at: Option<String>,
}

/// Every subscriber (or the latest `limit`), newest first.
pub async fn export(pool: &SqlitePool, limit: Option<u32>) -> Result<Vec<Exported>> {
    type Row = (
        i64,
        String,
        String,
        i64,
        String,
        bool,
        String,
        String,
        String,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, email, lang, topics, status,
             EXISTS (SELECT 1 FROM mail_bounces WHERE address = email),
             created_at, consent, consent_at, consent_address, confirmed_at
         FROM subscribers ORDER BY id DESC LIMIT ?",
    )
    .bind(limit.map_or(-1, i64::from))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                email,
                lang,
                topics,
                status,
                bouncing,
                created,
                consent,
                at,
                client,
                confirmed,
            )| {
                Exported {
                    line: SubscriberLine {
                        id,
                        email,
                        lang: lang.parse().unwrap_or(Lang::DEFAULT),
                        topics: Topics(topics),
                        status: status_of(&status, bouncing),
                        since: crate::shared::time::stored_as_local_minute(&created),
                    },
                    consent,
                    consent_at: at,
                    consent_address: client,
                    confirmed_at: confirmed,
                }
            },
        )
        .collect())
}

/// Confirmed subscribers that are not bouncing, by language.
pub async fn audience(pool: &SqlitePool) -> Result<Vec<(Lang, i64)>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT lang, count(*) FROM subscribers
         WHERE status = 'confirmed' AND email NOT IN (SELECT address FROM mail_bounces)
         GROUP BY lang",
    )
    .fetch_all(pool)
    .await?;
    Ok(Lang::ALL
        .into_iter()
        .map(|lang| {
            let count = rows
                .iter()
                .find(|(code, _)| code == lang.code())
                .map_or(0, |(_, count)| *count);
            (lang, count)
        })
        .collect())
}
