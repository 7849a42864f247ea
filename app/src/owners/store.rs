//! Links to entries' owners, their confirmations and proposals, and the coordinator's
//! decisions. A link is single-use: confirming or proposing takes it in the write transaction
//! that records the answer, so two answers sent at once with one link make one.

use crate::entries::{Entry, EntryForm, save_in, stored_entry};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::outbox::{NewMessage, letter, queue};
use crate::owners::{LINK_DAYS, ProposalLine, ProposalStatus, STALE_MONTHS};
use crate::platform::audit::{Actor, record};
use crate::platform::db::{Result, write};
use crate::platform::limits::PerAddress;
use crate::platform::links::{matches, new_secret, parse, token};
use crate::shared::identifiers::is_email;
use crate::shared::time::stored_as_local_minute;
use sqlx::{FromRow, SqliteConnection, SqlitePool};

/// Requests for a new link one address may make in an hour.
pub const PER_ADDRESS: PerAddress = PerAddress {
    table: "entry_link_requests",
    most: 5,
    period: "-1 hour",
};

/// Links one request may send (one email may be the contact of several entries).
const MOST_PER_REQUEST: i64 = 10;

/// A stale entry is sent no new link within this many days of the last.
const RESEND_AFTER_DAYS: i64 = 30;

/// An entry as its owner's mail needs it.
#[derive(FromRow)]
struct Owned {
    id: i64,
    name: String,
    /// The contact address, else the public email.
    recipient: Option<String>,
    /// The entry's languages, comma-separated.
    languages: Option<String>,
}

const OWNED: &str = "SELECT o.id, o.name, coalesce(o.contact_email, o.email) AS recipient,
        (SELECT group_concat(language) FROM organisation_languages l
         WHERE l.organisation_id = o.id) AS languages
    FROM organisations o";

/// The language an entry's owner is written to in: Estonian when the entry works in it, else
/// Russian, else English, else Estonian.
fn owner_lang(languages: Option<&str>) -> Lang {
    let spoken: Vec<&str> = languages.unwrap_or_default().split(',').collect();
    [Lang::Et, Lang::Ru, Lang::En]
        .into_iter()
        .find(|lang| spoken.contains(&lang.code()))
        .unwrap_or(Lang::Et)
}

/// Queues a link to `owned`'s recipient, in `lang`, in the caller's transaction.
async fn send(
    connection: &mut SqliteConnection,
    owned: &Owned,
    recipient: &str,
    lang: Lang,
    origin: &str,
) -> Result<()> {
    let (secret, hash) = new_secret();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO entry_links (organisation_id, secret_hash, expires_at)
         VALUES (?, ?, unixepoch() + ?) RETURNING id",
    )
    .bind(owned.id)
    .bind(hash)
    .bind(LINK_DAYS * 24 * 60 * 60)
    .fetch_one(&mut *connection)
    .await?;
    let texts = &lang.texts().owners;
    let text = format!(
        "{}\n\n{origin}/{lang}/check-entry?token={}\n\n{}",
        texts.mail_text.replace("{name}", &owned.name),
        token(id, &secret),
        texts.mail_ignore
    );
    queue(
        connection,
        &NewMessage {
            recipient,
            lang: Some(lang),
            subject: texts.mail_subject,
            body: &letter(lang, "", &text),
            ..NewMessage::default()
        },
    )
    .await
}

/// Sends the owner of entry `id` a link, to its contact address or else its public email, in
/// the entry's language. Answers where it went.
pub async fn send_link(
    pool: &SqlitePool,
    id: i64,
    origin: &str,
    actor: Actor<'_>,
) -> Result<String, AppError> {
    let mut tx = write(pool).await?;
    let owned: Option<Owned> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{OWNED} WHERE o.id = ?")))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let owned = owned.ok_or(AppError::NotFound)?;
    let Some(recipient) = owned.recipient.clone().filter(|r| is_email(r)) else {
        return Err(AppError::invalid(
            "contact_email",
            Problem::NoContactAddress,
        ));
    };
    send(
        &mut tx,
        &owned,
        &recipient,
        owner_lang(owned.languages.as_deref()),
        origin,
    )
    .await?;
    record(
        &mut tx,
        actor,
        "organisation.check_sent",
        "organisation",
        Some(id),
        serde_json::json!({ "to": [null, recipient] }),
    )
    .await?;
    tx.commit().await?;
    Ok(recipient)
}

/// The entries whose owners have not confirmed them in [`STALE_MONTHS`] (counted from their
/// creation when never confirmed) and that have an address to write to.
const STALE: &str = "FROM organisations o
    WHERE coalesce(o.confirmed_at, o.created_at)
            < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)
      AND coalesce(o.contact_email, o.email) LIKE '_%@_%'";

pub async fn stale_count(pool: &SqlitePool) -> Result<i64> {
    Ok(
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) {STALE}")))
            .bind(format!("-{STALE_MONTHS} months"))
            .fetch_one(pool)
            .await?,
    )
}

/// Sends a link to the owner of every stale entry not sent one in [`RESEND_AFTER_DAYS`], in
/// one transaction; answers how many went.
pub async fn send_stale(pool: &SqlitePool, origin: &str, actor: Actor<'_>) -> Result<usize> {
    let mut tx = write(pool).await?;
    let stale: Vec<Owned> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{OWNED} WHERE o.id IN (SELECT o.id {STALE})
           AND NOT EXISTS (SELECT 1 FROM entry_links k WHERE k.organisation_id = o.id
                           AND k.created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?2))
         ORDER BY o.id"
    )))
    .bind(format!("-{STALE_MONTHS} months"))
    .bind(format!("-{RESEND_AFTER_DAYS} days"))
    .fetch_all(&mut *tx)
    .await?;
    let mut sent = 0;
    for owned in &stale {
        let Some(recipient) = owned.recipient.as_deref().filter(|r| is_email(r)) else {
            continue;
        };
        send(
            &mut tx,
            owned,
            recipient,
            owner_lang(owned.languages.as_deref()),
            origin,
        )
        .await?;
        sent += 1;
    }
    record(
        &mut tx,
        actor,
        "organisation.checks_sent",
        "organisation",
        None,
        serde_json::json!({ "sent": [null, sent] }),
    )
    .await?;
    tx.commit().await?;
    Ok(sent)
}

/// An owner who lost or outlived their link asks for one at `email`: a link goes, in `lang`,
/// for each entry (at most [`MOST_PER_REQUEST`]) whose contact address, or public email when
/// it has none, is `email`. The same answer whether or not one does; `TooManyAttempts` past the
/// address's limit.
pub async fn ask_again(
    pool: &SqlitePool,
    email: &str,
    lang: Lang,
    origin: &str,
    address: &str,
) -> Result<(), AppError> {
    let email = email.trim();
    if !is_email(email) {
        return Err(AppError::invalid("email", Problem::NotAnEmail));
    }
    let mut tx = write(pool).await?;
    if PER_ADDRESS.reached(&mut tx, address).await? {
        return Err(AppError::TooManyAttempts);
    }
    sqlx::query("INSERT INTO entry_link_requests (address) VALUES (?)")
        .bind(address)
        .execute(&mut *tx)
        .await?;
    let owned: Vec<Owned> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{OWNED} WHERE coalesce(o.contact_email, o.email) = ? COLLATE NOCASE
         ORDER BY o.id LIMIT ?"
    )))
    .bind(email)
    .bind(MOST_PER_REQUEST)
    .fetch_all(&mut *tx)
    .await?;
    // To the address as the entry has it, not as typed.
    for owned in &owned {
        if let Some(recipient) = &owned.recipient {
            send(&mut tx, owned, recipient, lang, origin).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The entry a live link's `token` opens, or `None` for a token unknown, used or expired.
pub async fn usable(connection: &mut SqliteConnection, token: &str) -> Result<Option<i64>> {
    let Some((id, secret)) = parse(token) else {
        return Ok(None);
    };
    let found: Option<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT organisation_id, secret_hash FROM entry_links
         WHERE id = ? AND used_at IS NULL AND expires_at > unixepoch()",
    )
    .bind(id)
    .fetch_optional(connection)
    .await?;
    Ok(found.and_then(|(organisation, stored)| matches(secret, &stored).then_some(organisation)))
}

/// The entry behind a live link: its id, the entry, and when its owner last confirmed it.
pub async fn checked_entry(
    pool: &SqlitePool,
    token: &str,
) -> Result<Option<(i64, Entry, Option<String>)>> {
    let mut connection = pool.acquire().await?;
    let Some(id) = usable(&mut connection, token).await? else {
        return Ok(None);
    };
    let Some(entry) = stored_entry(&mut *connection, id).await? else {
        return Ok(None);
    };
    let confirmed: Option<String> =
        sqlx::query_scalar("SELECT confirmed_at FROM organisations WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *connection)
            .await?;
    Ok(Some((id, entry, confirmed)))
}

/// Takes the link behind `token` in the caller's transaction: its entry, or `LinkExpired`
/// when it is not live (or was taken meanwhile by another answer).
async fn take(connection: &mut SqliteConnection, token: &str) -> Result<i64, AppError> {
    let expired = || AppError::invalid("token", Problem::LinkExpired);
    let entry = usable(&mut *connection, token).await?.ok_or_else(expired)?;
    let (link, _) = parse(token).ok_or_else(expired)?;
    let taken = sqlx::query(
        "UPDATE entry_links SET used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND used_at IS NULL",
    )
    .bind(link)
    .execute(&mut *connection)
    .await?;
    if taken.rows_affected() != 1 {
        return Err(expired());
    }
    Ok(entry)
}

/// The owner confirms the entry as it is.
pub async fn confirm(pool: &SqlitePool, token: &str, address: &str) -> Result<(), AppError> {
    let mut tx = write(pool).await?;
    let id = take(&mut tx, token).await?;
    let before: Option<String> =
        sqlx::query_scalar("SELECT confirmed_at FROM organisations WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    let after: String = sqlx::query_scalar(
        "UPDATE organisations SET confirmed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? RETURNING confirmed_at",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    record(
        &mut tx,
        Actor::visitor(None, address),
        "organisation.confirmed",
        "organisation",
        Some(id),
        serde_json::json!({ "confirmed_at": [before, after] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The owner proposes `form` (already read and found without problems by the caller) for the
/// entry behind the link; answers the proposal's id.
pub async fn propose(
    pool: &SqlitePool,
    token: &str,
    form: &EntryForm,
    address: &str,
) -> Result<i64, AppError> {
    let mut tx = write(pool).await?;
    let id = take(&mut tx, token).await?;
    let proposal: i64 = sqlx::query_scalar(
        "INSERT INTO entry_proposals (organisation_id, form) VALUES (?, ?) RETURNING id",
    )
    .bind(id)
    .bind(serde_json::to_string(form).unwrap_or_default())
    .fetch_one(&mut *tx)
    .await?;
    record(
        &mut tx,
        Actor::visitor(None, address),
        "organisation.change_proposed",
        "organisation",
        Some(id),
        serde_json::json!({ "proposal": [null, proposal] }),
    )
    .await?;
    tx.commit().await?;
    Ok(proposal)
}

/// Sets or clears the private contact address of entry `id` (audited).
pub async fn set_contact(
    pool: &SqlitePool,
    id: i64,
    contact: Option<&str>,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    if contact.is_some_and(|email| !is_email(email)) {
        return Err(AppError::invalid("contact_email", Problem::NotAnEmail));
    }
    let mut tx = write(pool).await?;
    let before: Option<Option<String>> =
        sqlx::query_scalar("SELECT contact_email FROM organisations WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let before = before.ok_or(AppError::NotFound)?;
    if before.as_deref() != contact {
        sqlx::query("UPDATE organisations SET contact_email = ? WHERE id = ?")
            .bind(contact)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            "organisation.edited",
            "organisation",
            Some(id),
            serde_json::json!({ "contact_email": [before, contact] }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets the address applicants gave as the contact of the entry made of their application,
/// confirmed as of now (they have just written it).
pub async fn adopt_contact(
    connection: &mut SqliteConnection,
    id: i64,
    contact: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE organisations SET contact_email = ?,
             confirmed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(contact.trim())
    .bind(id)
    .execute(connection)
    .await?;
    Ok(())
}

/// An entry as the coordinator's panel shows it.
#[derive(FromRow)]
pub struct Panel {
    pub name: String,
    pub slug: String,
    pub contact_email: Option<String>,
    pub email: Option<String>,
    pub confirmed_at: Option<String>,
}

pub async fn panel(pool: &SqlitePool, id: i64) -> Result<Option<(Panel, Vec<ProposalLine>)>> {
    let found: Option<Panel> = sqlx::query_as(
        "SELECT name, slug, contact_email, email, confirmed_at FROM organisations WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(found) = found else {
        return Ok(None);
    };
    let proposals = proposal_lines(pool, "p.organisation_id = ?", id).await?;
    Ok(Some((found, proposals)))
}

/// The proposals waiting, oldest first.
pub async fn waiting(pool: &SqlitePool) -> Result<Vec<ProposalLine>> {
    proposal_lines(pool, "p.status = 'pending' AND 0 = ?", 0).await
}

/// Proposals matching `condition` (one `?`, bound to `value`; constant conditions only).
async fn proposal_lines(
    pool: &SqlitePool,
    condition: &'static str,
    value: i64,
) -> Result<Vec<ProposalLine>> {
    let rows: Vec<(i64, String, ProposalStatus, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT p.id, o.name, p.status, p.created_at
             FROM entry_proposals p JOIN organisations o ON o.id = p.organisation_id
             WHERE {condition} ORDER BY p.id LIMIT 500"
        )))
        .bind(value)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, entry, status, created)| ProposalLine {
            id,
            entry,
            status,
            received: stored_as_local_minute(&created),
        })
        .collect())
}

/// A stored proposal.
#[derive(Clone, Debug, FromRow)]
pub struct Proposal {
    pub id: i64,
    pub organisation_id: i64,
    pub form: String,
    pub status: ProposalStatus,
    pub created_at: String,
}

impl Proposal {
    pub fn form(&self) -> EntryForm {
        serde_json::from_str(&self.form).unwrap_or_default()
    }
}

pub async fn proposal(pool: &SqlitePool, id: i64) -> Result<Option<(Proposal, Entry)>> {
    let found: Option<Proposal> = sqlx::query_as(
        "SELECT id, organisation_id, form, status, created_at FROM entry_proposals WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(found) = found else {
        return Ok(None);
    };
    Ok(stored_entry(pool, found.organisation_id)
        .await?
        .map(|entry| (found, entry)))
}

/// Approves pending proposal `id` with `entry` (its form as read now), which is saved, audited
/// field by field, and counts as confirmed; or rejects it (`entry` is `None`).
pub async fn decide(
    pool: &SqlitePool,
    id: i64,
    entry: Option<&Entry>,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let mut tx = write(pool).await?;
    let status = if entry.is_some() {
        ProposalStatus::Approved
    } else {
        ProposalStatus::Rejected
    };
    let organisation: Option<i64> = sqlx::query_scalar(
        "UPDATE entry_proposals
         SET status = ?, decided_by = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND status = 'pending'
         RETURNING organisation_id",
    )
    .bind(status)
    .bind(actor.user_id)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(organisation) = organisation else {
        return Err(AppError::invalid("proposal", Problem::AlreadyDecided));
    };
    if let Some(entry) = entry {
        save_in(&mut tx, Some(organisation), entry, actor).await?;
        sqlx::query(
            "UPDATE organisations SET confirmed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?",
        )
        .bind(organisation)
        .execute(&mut *tx)
        .await?;
    }
    let action = match status {
        ProposalStatus::Approved => "organisation.proposal_approved",
        _ => "organisation.proposal_rejected",
    };
    record(
        &mut tx,
        actor,
        action,
        "organisation",
        Some(organisation),
        serde_json::json!({ "proposal": [null, id] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
