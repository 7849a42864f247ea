//! Password reset by email. A link names its request and carries a random secret, which is
//! stored only as its SHA-256 and compared in constant time; it works once, for 30 minutes.
//! Asking gives the same answer whether or not the email has an account. Requests are counted
//! per address and per account in the write transaction that records them, so requests sent at
//! once are held to the same limits. A reset ends every session of the account.

use crate::accounts::Role;
use crate::accounts::password;
use crate::accounts::store::{create_user, password_problem, sessions::end_sessions_of};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::outbox::{NewMessage, letter, queue};
use crate::platform::audit::{Actor, record};
use crate::platform::db::{self, Result};
use crate::platform::limits::PerAddress;
use crate::platform::links::{matches, new_secret, parse, token};
use crate::platform::request::random_token;
use crate::shared::identifiers::is_email;
use sqlx::SqlitePool;

/// How long a link works, in seconds.
pub const VALID_SECONDS: i64 = 30 * 60;
/// Requests from one address in an hour, whatever the emails.
pub const PER_ADDRESS: PerAddress = PerAddress {
    table: "password_resets",
    most: 5,
    period: "-1 hour",
};
/// Links sent to one account in an hour; further requests get the same answer and no mail.
pub const PER_ACCOUNT: i64 = 3;

/// Records a request for a link to `email`, made at `address`, and queues the link (to the
/// site at `origin`, in `lang`) when the email has an enabled account that has not had its
/// links for the hour. `TooManyAttempts` only for the address's own limit, which says nothing
/// about the account.
pub async fn request(
    pool: &SqlitePool,
    email: &str,
    lang: Lang,
    origin: &str,
    address: &str,
) -> Result<(), AppError> {
    let now = jiff::Timestamp::now().as_second();
    let mut tx = db::write(pool).await?;
    if PER_ADDRESS.reached(&mut tx, address).await? {
        tx.rollback().await?;
        tracing::warn!(%address, "password reset requests throttled");
        return Err(AppError::TooManyAttempts);
    }
    let account: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.email, (SELECT count(*) FROM password_resets r WHERE r.user_id = u.id
             AND r.created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 hour'))
         FROM users u WHERE u.email = ? AND u.disabled_at IS NULL",
    )
    .bind(email.trim())
    .fetch_optional(&mut *tx)
    .await?;
    let user_id = account.as_ref().map(|(id, _, _)| *id);
    let Some((user_id, email, _)) = account.filter(|(_, _, recent)| *recent < PER_ACCOUNT) else {
        // No account, or links enough for the hour: the request counts for the address only.
        sqlx::query("INSERT INTO password_resets (address, expires_at) VALUES (?, ?)")
            .bind(address)
            .bind(now + VALID_SECONDS)
            .execute(&mut *tx)
            .await?;
        let note = if user_id.is_some() {
            "no link: links enough for the hour"
        } else {
            "no link: no such account"
        };
        record(
            &mut tx,
            Actor::visitor(user_id, address),
            "user.password_reset_requested",
            "user",
            user_id,
            serde_json::json!({ "link": [null, note] }),
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    };
    let (secret, hash) = new_secret();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO password_resets (user_id, secret_hash, address, expires_at)
         VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(user_id)
    .bind(hash)
    .bind(address)
    .bind(now + VALID_SECONDS)
    .fetch_one(&mut *tx)
    .await?;
    let mail = &lang.texts().mail;
    let link = format!("{origin}/{lang}/new-password?token={}", token(id, &secret));
    let text = format!("{}\n\n{link}\n\n{}", mail.reset_text, mail.reset_ignore);
    queue(
        &mut tx,
        &NewMessage {
            recipient: &email,
            lang: Some(lang),
            subject: mail.reset_subject,
            body: &letter(lang, "", &text),
            ..NewMessage::default()
        },
    )
    .await?;
    record(
        &mut tx,
        Actor::visitor(Some(user_id), address),
        "user.password_reset_requested",
        "user",
        Some(user_id),
        serde_json::json!({ "link": [null, "sent"] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How long an invitation's link works, in seconds.
pub const INVITATION_SECONDS: i64 = 7 * 24 * 60 * 60;

/// An admin's invitation of a new account.
pub struct Invitation<'a> {
    pub email: &'a str,
    pub role: Role,
    /// The language of the invitation's mail.
    pub lang: Lang,
    /// The site's origin, for the link.
    pub origin: &'a str,
    /// Who invites, named in the mail.
    pub by: &'a str,
}

/// Creates the account of `invitation` (with a password no one knows) and queues the link that
/// sets its password, valid for [`INVITATION_SECONDS`]; after that its owner asks for a reset
/// link like anyone who forgot a password. `EmailTaken` when the email has an account.
pub async fn invite(
    pool: &SqlitePool,
    invitation: &Invitation<'_>,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let email = invitation.email.trim();
    if !is_email(email) {
        return Err(AppError::invalid("email", Problem::NotAnEmail));
    }
    let unknown = password::hash_bounded(random_token())
        .await
        .map_err(|_| AppError::Unavailable)?;
    let mut tx = db::write(pool).await?;
    let Some(user_id) = create_user(&mut tx, email, invitation.role, &unknown, actor).await? else {
        return Err(AppError::invalid("email", Problem::EmailTaken));
    };
    let (secret, hash) = new_secret();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO password_resets (user_id, secret_hash, address, expires_at, purpose)
         VALUES (?, ?, ?, ?, 'invitation') RETURNING id",
    )
    .bind(user_id)
    .bind(hash)
    .bind(actor.address.unwrap_or_default())
    .bind(jiff::Timestamp::now().as_second() + INVITATION_SECONDS)
    .fetch_one(&mut *tx)
    .await?;
    let lang = invitation.lang;
    let texts = lang.texts();
    let role = texts.admin.roles[Role::ALL
        .iter()
        .position(|role| *role == invitation.role)
        .unwrap_or_default()];
    let text = format!(
        "{}\n\n{}/{lang}/new-password?token={}\n\n{}",
        texts
            .mail
            .invitation_text
            .replace("{by}", invitation.by)
            .replace("{role}", role),
        invitation.origin,
        token(id, &secret),
        texts.mail.invitation_ignore
    );
    queue(
        &mut tx,
        &NewMessage {
            recipient: email,
            lang: Some(lang),
            subject: texts.mail.invitation_subject,
            body: &letter(lang, "", &text),
            ..NewMessage::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The account a live link's `token` resets: its id and email; `None` for a token that is
/// unknown, used, expired, or of an account since disabled.
pub async fn usable(pool: &SqlitePool, token: &str) -> Result<Option<(i64, String)>> {
    let Some((id, secret)) = parse(token) else {
        return Ok(None);
    };
    let found: Option<(i64, String, Vec<u8>)> = sqlx::query_as(
        "SELECT u.id, u.email, r.secret_hash FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.id = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.disabled_at IS NULL",
    )
    .bind(id)
    .bind(jiff::Timestamp::now().as_second())
    .fetch_optional(pool)
    .await?;
    Ok(found
        .and_then(|(user_id, email, stored)| matches(secret, &stored).then_some((user_id, email))))
}

/// Sets `new` as the password of the account a live link's `token` resets, used at `address`:
/// the link and every other link of the account stop working, every session of the account
/// ends, and failed sign-ins of it are forgotten. A token used by two requests at once works
/// for one of them.
pub async fn complete(
    pool: &SqlitePool,
    token: &str,
    new: &str,
    address: &str,
) -> Result<(), AppError> {
    let expired = || AppError::invalid("token", Problem::LinkExpired);
    let Some((user_id, email)) = usable(pool, token).await? else {
        return Err(expired());
    };
    password::check_new(new, &email).map_err(|p| password_problem("new", p))?;
    let hash = password::hash_bounded(new.to_owned())
        .await
        .map_err(|_| AppError::Unavailable)?;
    let (id, _) = parse(token).ok_or_else(expired)?;
    let mut tx = db::write(pool).await?;
    let taken = sqlx::query(
        "UPDATE password_resets SET used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND used_at IS NULL AND expires_at > ?",
    )
    .bind(id)
    .bind(jiff::Timestamp::now().as_second())
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() != 1 {
        tx.rollback().await?;
        return Err(expired());
    }
    sqlx::query(
        "UPDATE password_resets SET used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE user_id = ? AND used_at IS NULL",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1,
             password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(hash)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    let ended = end_sessions_of(&mut *tx, user_id, None).await?;
    sqlx::query("DELETE FROM login_failures WHERE email = ?")
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Actor::visitor(Some(user_id), address),
        "user.password_reset",
        "user",
        Some(user_id),
        serde_json::json!({ "sessions_ended": [null, ended] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
