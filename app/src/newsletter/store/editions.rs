//! Editions: drafted, saved, sent (queued in the outbox, held, paused), written per subscriber,
//! archived and fed.

use crate::error::{AppError, Problem};
use crate::events::{CalendarCache, confirmed_count};
use crate::i18n::Lang;
use crate::newsletter::draft::{self, Coming, NewEntry};
use crate::newsletter::letter::{Foot, Letter, write as write_letter};
use crate::newsletter::signing::{Key, Purpose};
use crate::newsletter::store::subscribers::{audience, key, reader};
use crate::newsletter::{
    ArchiveLine, EditionForm, EditionLine, EditionPanel, EditionStatus, Item, MOST_ITEMS, Progress,
    ThreeLangs, Topic, Topics,
};
use crate::outbox::MessageStatus;
use crate::platform::audit::{self, Actor};
use crate::platform::db::{Result, write};
use crate::shared::text::{clean_line, shorten};
use jiff::Timestamp;
use sqlx::{SqliteConnection, SqlitePool};

/// Writes one edition for its subscribers, one after another (the mailer keeps one per edition
/// while it sends).
pub struct Writer {
    form: EditionForm,
    number: Option<i64>,
    key: Key,
    origin: String,
}

impl Writer {
    /// The writer of edition `id`; `None` when there is no such edition.
    pub async fn load(pool: &SqlitePool, id: i64, origin: &str) -> Result<Option<Writer>> {
        let Some((form, number)) = edition_content(pool, id).await? else {
            return Ok(None);
        };
        Ok(Some(Writer {
            form,
            number,
            key: key(pool).await?,
            origin: origin.to_owned(),
        }))
    }

    /// The letter of a message in `lang` to subscriber `id`, if they are still confirmed and
    /// not bouncing; with no subscriber, the coordinator's test (every topic, marked).
    pub async fn letter(
        &self,
        pool: &SqlitePool,
        lang: &str,
        subscriber: Option<i64>,
    ) -> Result<Option<Letter>> {
        let lang: Lang = lang.parse().unwrap_or(Lang::DEFAULT);
        let Some(id) = subscriber else {
            let page = format!("{}/{lang}/newsletter", self.origin);
            let mut letter = self.write(lang, Topics::EVERY, &page, None);
            letter.subject = format!("{} {}", lang.texts().newsletter.test_mark, letter.subject);
            return Ok(Some(letter));
        };
        let Some(reader) = reader(pool, id).await? else {
            return Ok(None);
        };
        let lang = reader.lang.parse().unwrap_or(lang);
        let token = self.key.sign(Purpose::Manage, reader.id, reader.generation);
        let origin = &self.origin;
        let manage = format!("{origin}/{lang}/newsletter/subscription?token={token}");
        let unsubscribe = format!("{origin}/newsletter/unsubscribe?token={token}");
        Ok(Some(self.write(
            lang,
            Topics(reader.topics),
            &manage,
            Some(unsubscribe),
        )))
    }

    fn write(
        &self,
        lang: Lang,
        topics: Topics,
        manage: &str,
        unsubscribe: Option<String>,
    ) -> Letter {
        let origin = &self.origin;
        let archive = self
            .number
            .map(|number| format!("{origin}/{lang}/newsletter/archive/{number}"));
        let written = write_letter(
            &self.form,
            lang,
            Some(topics),
            origin,
            Some(&Foot {
                archive: archive.as_deref(),
                manage,
            }),
        );
        Letter {
            html: crate::outbox::html::document(lang, &written.subject, &written.fragment),
            subject: written.subject,
            text: written.text,
            lang,
            unsubscribe,
        }
    }
}

/// Queues a test of edition `id` in `lang` to the coordinator's `recipient`: written when it is
/// sent, from the edition as saved then.
pub async fn send_test(
    pool: &SqlitePool,
    id: i64,
    lang: Lang,
    recipient: &str,
) -> Result<(), AppError> {
    let mut tx = write(pool).await?;
    edition_row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    sqlx::query(
        "INSERT INTO outbox (recipient, lang, subject, body, edition_id) VALUES (?, ?, ?, '', ?)",
    )
    .bind(recipient)
    .bind(lang.code())
    .bind(lang.texts().newsletter.test_mark)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EditionRow {
    id: i64,
    number: Option<i64>,
    status: EditionStatus,
    subject_et: String,
    subject_ru: String,
    subject_en: String,
    intro_et: String,
    intro_ru: String,
    intro_en: String,
    send_at: Option<String>,
    updated_at: String,
    sent_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    topic: String,
    link: String,
    title_et: String,
    title_ru: String,
    title_en: String,
    text_et: String,
    text_ru: String,
    text_en: String,
}

const EDITION: &str = "SELECT id, number, status, subject_et, subject_ru, subject_en, intro_et,
    intro_ru, intro_en, send_at, updated_at, sent_at FROM editions";

fn three(et: String, ru: String, en: String) -> ThreeLangs {
    ThreeLangs { et, ru, en }
}

async fn edition_row(connection: &mut SqliteConnection, id: i64) -> Result<Option<EditionRow>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{EDITION} WHERE id = ?")))
            .bind(id)
            .fetch_optional(connection)
            .await?,
    )
}

async fn form_of(connection: &mut SqliteConnection, row: EditionRow) -> Result<EditionForm> {
    let items: Vec<ItemRow> = sqlx::query_as(
        "SELECT topic, link, title_et, title_ru, title_en, text_et, text_ru, text_en
         FROM edition_items WHERE edition_id = ? ORDER BY position",
    )
    .bind(row.id)
    .fetch_all(connection)
    .await?;
    Ok(EditionForm {
        subject: three(row.subject_et, row.subject_ru, row.subject_en),
        intro: three(row.intro_et, row.intro_ru, row.intro_en),
        items: items
            .into_iter()
            .filter_map(|item| {
                Some(Item {
                    topic: Topic::from_code(&item.topic)?,
                    link: item.link,
                    title: three(item.title_et, item.title_ru, item.title_en),
                    text: three(item.text_et, item.text_ru, item.text_en),
                })
            })
            .collect(),
    })
}

/// An edition's content and number.
pub async fn edition_content(
    pool: &SqlitePool,
    id: i64,
) -> Result<Option<(EditionForm, Option<i64>)>> {
    let mut connection = pool.acquire().await?;
    let Some(row) = edition_row(&mut connection, id).await? else {
        return Ok(None);
    };
    let number = row.number;
    Ok(Some((form_of(&mut connection, row).await?, number)))
}

/// Writes `form` as edition `id`'s content (its items replaced).
async fn write_form(connection: &mut SqliteConnection, id: i64, form: &EditionForm) -> Result<()> {
    sqlx::query(
        "UPDATE editions SET subject_et = ?, subject_ru = ?, subject_en = ?, intro_et = ?,
             intro_ru = ?, intro_en = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(&form.subject.et)
    .bind(&form.subject.ru)
    .bind(&form.subject.en)
    .bind(&form.intro.et)
    .bind(&form.intro.ru)
    .bind(&form.intro.en)
    .bind(id)
    .execute(&mut *connection)
    .await?;
    sqlx::query("DELETE FROM edition_items WHERE edition_id = ?")
        .bind(id)
        .execute(&mut *connection)
        .await?;
    for (position, item) in form.items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO edition_items (edition_id, position, topic, link, title_et, title_ru,
                 title_en, text_et, text_ru, text_en)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(item.topic.code())
        .bind(item.link.trim())
        .bind(&item.title.et)
        .bind(&item.title.ru)
        .bind(&item.title.en)
        .bind(&item.text.et)
        .bind(&item.text.ru)
        .bind(&item.text.en)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// Starts an edition with the drafted `form`; its id.
pub async fn start(pool: &SqlitePool, form: &EditionForm, actor: Actor<'_>) -> Result<i64> {
    let mut tx = write(pool).await?;
    let id: i64 = sqlx::query_scalar("INSERT INTO editions DEFAULT VALUES RETURNING id")
        .fetch_one(&mut *tx)
        .await?;
    write_form(&mut tx, id, form).await?;
    audit::record(
        &mut tx,
        actor,
        "newsletter.start",
        "edition",
        Some(id),
        serde_json::json!({ "items": form.items.len() }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Drafts an edition at `now` from the calendar and the directory.
pub async fn draft(
    pool: &SqlitePool,
    calendar: &CalendarCache,
    funding: &crate::funding::FundingCache,
    now: Timestamp,
) -> Result<EditionForm> {
    let calendar = calendar.current(pool).await?;
    let mut coming = Vec::new();
    for (event, starts_at, ends_at) in draft::coming(&calendar.events, now) {
        let places = match event.capacity {
            Some(capacity) => Some((capacity, capacity - confirmed_count(pool, event.id).await?)),
            None => None,
        };
        coming.push(Coming {
            event,
            starts_at,
            ends_at,
            places,
        });
    }
    let since = match last_sent(pool).await? {
        Some(since) => since,
        None => draft::first_since(now),
    };
    let entries = new_entries(pool, &since, draft::MOST_ENTRIES).await?;
    let calls = funding.calls(pool).await?;
    Ok(draft::form(&coming, &calls, &entries, now))
}

/// When the newest edition sent (or being sent) went, else `None`: what "new since the last
/// edition" counts from.
pub async fn last_sent(pool: &SqlitePool) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT max(coalesce(send_at, updated_at)) FROM editions WHERE number IS NOT NULL",
    )
    .fetch_one(pool)
    .await?)
}

/// Entries published since `since` (stored time), oldest first, at most `limit`.
pub async fn new_entries(pool: &SqlitePool, since: &str, limit: u32) -> Result<Vec<NewEntry>> {
    Ok(sqlx::query_as(
        "SELECT name, slug, description_et, description_ru, description_en FROM organisations
         WHERE is_published = 1 AND created_at > ? ORDER BY created_at, id LIMIT ?",
    )
    .bind(since)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Checks an edition's content: lengths, items' topics and titles, links.
pub fn check(form: &EditionForm) -> Result<(), AppError> {
    let too_long = |text: &str, most: usize| text.chars().count() > most;
    for lang in Lang::ALL {
        if too_long(form.subject.get(lang), 200) {
            return Err(AppError::invalid(
                &format!("subject_{lang}"),
                Problem::TooLong,
            ));
        }
        if too_long(form.intro.get(lang), 10_000) {
            return Err(AppError::invalid(
                &format!("intro_{lang}"),
                Problem::TooLong,
            ));
        }
    }
    if form.items.len() > MOST_ITEMS {
        return Err(AppError::invalid("items", Problem::TooLong));
    }
    for (at, item) in form.items.iter().enumerate() {
        if item.title.show(Lang::DEFAULT).is_none() {
            return Err(AppError::invalid(
                &format!("items.{at}.title"),
                Problem::TitleInOneLanguage,
            ));
        }
        let link = item.link.trim();
        if too_long(link, 2000)
            || !(link.is_empty()
                || link.starts_with('/')
                || crate::newsletter::letter::is_safe_link(link))
        {
            return Err(AppError::invalid(
                &format!("items.{at}.link"),
                Problem::NotAWebAddress,
            ));
        }
        for lang in Lang::ALL {
            if too_long(item.title.get(lang), 300) || too_long(item.text.get(lang), 5000) {
                return Err(AppError::invalid(&format!("items.{at}"), Problem::TooLong));
            }
        }
    }
    Ok(())
}

/// Saves a draft's content, audited; `EditionSent` once it is no longer a draft.
pub async fn save(
    pool: &SqlitePool,
    id: i64,
    form: &EditionForm,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    check(form)?;
    let mut tx = write(pool).await?;
    let row = edition_row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if row.status != EditionStatus::Draft {
        return Err(AppError::invalid("edition", Problem::EditionSent));
    }
    write_form(&mut tx, id, form).await?;
    audit::record(
        &mut tx,
        actor,
        "newsletter.save",
        "edition",
        Some(id),
        serde_json::json!({ "items": form.items.len() }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The set of topics an edition has items in; every topic when it has none.
fn topics_of(form: &EditionForm) -> Topics {
    let topics = Topics::of(form.items.iter().map(|item| item.topic));
    if topics.is_empty() {
        Topics::EVERY
    } else {
        topics
    }
}

/// Sends draft `id` at `at` (a stored UTC time; now when `None` or past): numbers it, queues a
/// message to every confirmed subscriber who is not bouncing and has a topic it has items in,
/// held until `at`. Audited. The count queued.
pub async fn send(
    pool: &SqlitePool,
    id: i64,
    at: Option<jiff::Timestamp>,
    actor: Actor<'_>,
) -> Result<u64, AppError> {
    let mut tx = write(pool).await?;
    let row = edition_row(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if row.status != EditionStatus::Draft {
        return Err(AppError::invalid("edition", Problem::EditionSent));
    }
    let form = form_of(&mut tx, row).await?;
    check(&form)?;
    let topics = topics_of(&form);
    let later = at.filter(|at| *at > jiff::Timestamp::now());
    let subject = |lang: Lang| {
        let written = write_letter(&form, lang, None, "", None);
        shorten(&clean_line(&written.subject), 200)
    };
    // One statement for every subscriber: 20,000 rows in a fraction of the time separate
    // inserts take, while the write turn is held.
    let queued = sqlx::query(
        "INSERT INTO outbox (recipient, lang, subject, body, bulk, edition_id, subscriber_id, held)
         SELECT email, lang, CASE lang WHEN 'et' THEN ?1 WHEN 'ru' THEN ?2 ELSE ?3 END, '', 1,
             ?4, id, ?5
         FROM subscribers
         WHERE status = 'confirmed' AND topics & ?6 != 0
           AND email NOT IN (SELECT address FROM mail_bounces)
         ORDER BY id
         ON CONFLICT (edition_id, subscriber_id) WHERE edition_id IS NOT NULL DO NOTHING",
    )
    .bind(subject(Lang::Et))
    .bind(subject(Lang::Ru))
    .bind(subject(Lang::En))
    .bind(id)
    .bind(later.is_some())
    .bind(topics.0)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let status = if later.is_some() {
        EditionStatus::Scheduled
    } else {
        EditionStatus::Sending
    };
    sqlx::query(
        "UPDATE editions SET status = ?,
             number = (SELECT coalesce(max(number), 0) + 1 FROM editions),
             send_at = coalesce(?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), recipients = ?
         WHERE id = ?",
    )
    .bind(status)
    .bind(later.map(|at| at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()))
    .bind(queued as i64)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        "newsletter.send",
        "edition",
        Some(id),
        serde_json::json!({ "recipients": queued, "at": later.map(|at| at.to_string()) }),
    )
    .await?;
    tx.commit().await?;
    Ok(queued)
}

/// Holds edition `id`'s unsent messages (a pause, or a time not yet come) or lets them go.
async fn hold(connection: &mut SqliteConnection, id: i64, held: bool) -> Result<()> {
    sqlx::query("UPDATE outbox SET held = ? WHERE edition_id = ? AND status IN (?, ?)")
        .bind(held)
        .bind(id)
        .bind(MessageStatus::Waiting)
        .bind(MessageStatus::Retrying)
        .execute(connection)
        .await?;
    Ok(())
}

/// Pauses a sending (or scheduled) edition, or resumes a paused one: its unsent messages are
/// held or let go. Audited; false when the edition is not in a state that allows it.
pub async fn pause(pool: &SqlitePool, id: i64, paused: bool, actor: Actor<'_>) -> Result<bool> {
    use EditionStatus::*;
    let mut tx = write(pool).await?;
    let Some(row) = edition_row(&mut tx, id).await? else {
        return Ok(false);
    };
    let due = row
        .send_at
        .as_deref()
        .and_then(|at| at.parse::<jiff::Timestamp>().ok())
        .is_none_or(|at| at <= jiff::Timestamp::now());
    let to = match (row.status, paused) {
        (Sending | Scheduled, true) => Paused,
        (Paused, false) if due => Sending,
        (Paused, false) => Scheduled,
        _ => return Ok(false),
    };
    hold(&mut tx, id, to != Sending).await?;
    sqlx::query("UPDATE editions SET status = ? WHERE id = ?")
        .bind(to)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        if paused {
            "newsletter.pause"
        } else {
            "newsletter.resume"
        },
        "edition",
        Some(id),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Lets scheduled editions whose time has come go, and marks sending editions whose every
/// message is done as sent. Run by the server every little while.
pub async fn tick(pool: &SqlitePool) -> Result<()> {
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM editions WHERE status = 'scheduled'
           AND send_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    )
    .fetch_all(pool)
    .await?;
    let sending: Vec<i64> = sqlx::query_scalar("SELECT id FROM editions WHERE status = 'sending'")
        .fetch_all(pool)
        .await?;
    if due.is_empty() && sending.is_empty() {
        return Ok(());
    }
    let mut tx = write(pool).await?;
    for id in due {
        hold(&mut tx, id, false).await?;
        sqlx::query("UPDATE editions SET status = 'sending' WHERE id = ? AND status = 'scheduled'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    for id in sending {
        sqlx::query(
            "UPDATE editions SET status = 'sent', sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?1 AND status = 'sending' AND NOT EXISTS (
                 SELECT 1 FROM outbox WHERE edition_id = ?1 AND subscriber_id IS NOT NULL
                   AND status IN (?2, ?3, ?4))",
        )
        .bind(id)
        .bind(MessageStatus::Waiting)
        .bind(MessageStatus::Sending)
        .bind(MessageStatus::Retrying)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Edition `id` as the coordinator sees it.
pub async fn panel(pool: &SqlitePool, id: i64) -> Result<Option<EditionPanel>> {
    let mut connection = pool.acquire().await?;
    let Some(row) = edition_row(&mut connection, id).await? else {
        return Ok(None);
    };
    let (number, status) = (row.number, row.status);
    let send_at = row
        .send_at
        .as_deref()
        .map(crate::shared::time::stored_as_local_minute);
    let form = form_of(&mut connection, row).await?;
    drop(connection);
    let mut progress = Progress::default();
    let counts: Vec<(MessageStatus, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM outbox
         WHERE edition_id = ? AND subscriber_id IS NOT NULL GROUP BY status",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    for (state, count) in counts {
        progress.total += count;
        match state {
            MessageStatus::Sent => progress.sent += count,
            MessageStatus::Failed => progress.failed += count,
            MessageStatus::Cancelled => progress.cancelled += count,
            _ => {}
        }
    }
    Ok(Some(EditionPanel {
        id,
        number,
        status,
        form,
        send_at,
        progress,
        audience: audience(pool).await?,
    }))
}

/// Every edition, newest first.
pub async fn editions(pool: &SqlitePool) -> Result<Vec<EditionLine>> {
    let rows: Vec<EditionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EDITION} ORDER BY id DESC LIMIT 200"
    )))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| EditionLine {
            id: row.id,
            number: row.number,
            status: row.status,
            subject: three(row.subject_et, row.subject_ru, row.subject_en)
                .show(Lang::DEFAULT)
                .map(|(text, _)| text.to_owned())
                .unwrap_or_default(),
            when: crate::shared::time::stored_as_local_minute(
                row.sent_at.as_deref().unwrap_or(&row.updated_at),
            ),
        })
        .collect())
}

/// The archive: editions that went out (or are going), newest first, in `lang`.
pub async fn archive(pool: &SqlitePool, lang: Lang) -> Result<Vec<(ArchiveLine, String)>> {
    let rows: Vec<EditionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EDITION} WHERE number IS NOT NULL AND status IN ('sending', 'paused', 'sent')
         ORDER BY number DESC LIMIT 500"
    )))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let subject = three(row.subject_et, row.subject_ru, row.subject_en);
            let subject = subject
                .show(lang)
                .map_or(lang.texts().newsletter.default_subject, |(text, _)| text)
                .to_owned();
            let went = row.send_at.unwrap_or(row.updated_at);
            Some((
                ArchiveLine {
                    number: row.number?,
                    subject,
                    date: crate::shared::time::stored_as_local_minute(&went)
                        .get(..10)
                        .unwrap_or_default()
                        .to_owned(),
                },
                went,
            ))
        })
        .collect())
}

/// An archived edition by its number: its content and when it went.
pub async fn archived(pool: &SqlitePool, number: i64) -> Result<Option<(EditionForm, String)>> {
    let mut connection = pool.acquire().await?;
    let row: Option<EditionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EDITION} WHERE number = ? AND status IN ('sending', 'paused', 'sent')"
    )))
    .bind(number)
    .fetch_optional(&mut *connection)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let went = row
        .send_at
        .clone()
        .unwrap_or_else(|| row.updated_at.clone());
    Ok(Some((form_of(&mut connection, row).await?, went)))
}

/// The Atom feed of the latest editions in `lang`.
pub async fn feed(pool: &SqlitePool, lang: Lang, origin: &str) -> Result<String> {
    let mut entries = Vec::new();
    for (line, went) in archive(pool, lang).await?.into_iter().take(FEED_ENTRIES) {
        if let Some((form, _)) = archived(pool, line.number).await? {
            let written = write_letter(&form, lang, None, origin, None);
            entries.push(crate::newsletter::atom::FeedEntry {
                number: line.number,
                subject: written.subject,
                went,
                html: written.fragment,
            });
        }
    }
    Ok(crate::newsletter::atom::feed(&entries, lang, origin))
}

/// Editions the feed carries.
const FEED_ENTRIES: usize = 20;
