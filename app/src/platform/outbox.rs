//! Messages the platform owes people (an application's decision, a registration's
//! confirmation), written in the same transaction as what they tell and waiting in the `outbox`
//! table until a mailer sends them.

use crate::i18n::Lang;
use crate::platform::db::Result;
use sqlx::{FromRow, SqliteConnection, SqlitePool};

/// A message owed to someone.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub recipient: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
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
    pub application_id: Option<i64>,
    pub registration_id: Option<i64>,
}

/// A letter in `lang`: the greeting with the recipient's `name`, `text`, and the signature.
pub fn letter(lang: Lang, name: &str, text: &str) -> String {
    let mail = &lang.texts().mail;
    format!(
        "{} {name},\n\n{text}\n\n{}\n",
        mail.greeting, mail.signature
    )
}

/// Queues `message` in the caller's transaction.
pub async fn queue(connection: &mut SqliteConnection, message: &NewMessage<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO outbox (recipient, lang, subject, body, application_id, registration_id)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(message.recipient)
    .bind(message.lang.unwrap_or(Lang::DEFAULT).code())
    .bind(message.subject)
    .bind(message.body)
    .bind(message.application_id)
    .bind(message.registration_id)
    .execute(connection)
    .await?;
    Ok(())
}

/// Everything the outbox holds, newest first.
pub async fn all(pool: &SqlitePool) -> Result<Vec<OutboxMessage>> {
    Ok(sqlx::query_as(
        "SELECT id, recipient, lang, subject, body, created_at, sent_at
         FROM outbox ORDER BY id DESC",
    )
    .fetch_all(pool)
    .await?)
}
