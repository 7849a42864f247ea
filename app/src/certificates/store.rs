//! Certificates as stored: what each certifies, kept as issued.

use crate::certificates::Certificate;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::outbox::{NewMessage, letter, queue};
use crate::platform::audit::{Actor, record};
use crate::platform::db::Result;
use crate::registrations::RegistrationStatus;
use crate::shared::Localized;
use crate::shared::time::{format_span, tallinn};
use jiff::Timestamp;
use serde_json::json;
use sqlx::SqlitePool;

/// A certificate as issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issued {
    pub code: String,
    pub name: String,
    pub event_title: Localized,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub all_day: bool,
    pub organiser: Option<String>,
    pub issued_at: Timestamp,
}

impl Issued {
    /// As its page and PDF show it in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Certificate {
        let minutes = (self.ends_at - self.starts_at).get_seconds() / 60;
        let hours = (!self.all_day && minutes > 0).then(|| {
            let hours = format!("{:.1}", minutes as f64 / 60.0);
            let hours = hours.strip_suffix(".0").unwrap_or(&hours).to_owned();
            match lang {
                Lang::En => hours,
                Lang::Et | Lang::Ru => hours.replace('.', ","),
            }
        });
        let issued_on = self.issued_at.to_zoned(tallinn()).strftime(match lang {
            Lang::En => "%-d %B %Y",
            Lang::Et | Lang::Ru => "%-d.%m.%Y",
        });
        Certificate {
            code: self.code.clone(),
            name: self.name.clone(),
            event_title: self.event_title.clone(),
            when: format_span(self.starts_at, self.ends_at, self.all_day, lang),
            hours,
            organiser: self
                .organiser
                .clone()
                .unwrap_or_else(|| lang.texts().foundation_name.to_owned()),
            issued_on: issued_on.to_string(),
        }
    }
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    bool,
    Option<String>,
    String,
);

fn issued(row: Row) -> Option<Issued> {
    let (code, name, title, starts_at, ends_at, all_day, organiser, issued_at) = row;
    Some(Issued {
        code,
        name,
        event_title: serde_json::from_str(&title).ok()?,
        starts_at: starts_at.parse().ok()?,
        ends_at: ends_at.parse().ok()?,
        all_day,
        organiser,
        issued_at: issued_at.parse().ok()?,
    })
}

/// The certificate with code `code`.
pub async fn by_code(pool: &SqlitePool, code: &str) -> Result<Option<Issued>> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT code, name, event_title, starts_at, ends_at, all_day, organiser, issued_at
         FROM certificates WHERE code = ?",
    )
    .bind(code)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(issued))
}

/// Issues a certificate to everyone marked present at event `event_id` who has none, and
/// tells each by mail (in their language, with their private page, where the PDF is).
/// Answers how many were issued.
pub async fn issue(
    pool: &SqlitePool,
    event_id: i64,
    origin: &str,
    actor: Actor<'_>,
) -> Result<u64, AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let Some(event) = crate::events::event_by_id(&mut tx, event_id).await? else {
        return Err(AppError::NotFound);
    };
    let attendees: Vec<(i64, String, String, Lang, String)> = sqlx::query_as(
        "SELECT r.id, r.name, r.email, r.lang, r.cancel_token FROM registrations r
         WHERE r.event_id = ? AND r.status <> ? AND r.attended_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.registration_id = r.id)
         ORDER BY r.id",
    )
    .bind(event_id)
    .bind(RegistrationStatus::Cancelled)
    .fetch_all(&mut *tx)
    .await?;
    let title = serde_json::to_string(&event.title).unwrap_or_default();
    for (id, name, email, lang, token) in &attendees {
        let code = crate::platform::request::random_token()[..32].to_owned();
        sqlx::query(
            "INSERT INTO certificates
                 (registration_id, code, name, event_title, starts_at, ends_at, all_day, organiser)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&code)
        .bind(name)
        .bind(&title)
        .bind(event.starts_at.to_string())
        .bind(event.ends_at.to_string())
        .bind(event.all_day)
        .bind(event.organiser.as_deref().filter(|o| !o.is_empty()))
        .execute(&mut *tx)
        .await?;
        let texts = &lang.texts().certificates;
        let shown = event
            .title
            .show(*lang)
            .map(|shown| shown.text.to_owned())
            .unwrap_or_default();
        let body = format!(
            "{}\n\n{origin}/{lang}/registration/{token}",
            texts.mail_text.replace("{title}", &shown)
        );
        queue(
            &mut tx,
            &NewMessage {
                recipient: email,
                lang: Some(*lang),
                subject: &texts.mail_subject.replace("{title}", &shown),
                body: &letter(*lang, name, &body),
                registration_id: Some(*id),
                ..NewMessage::default()
            },
        )
        .await?;
    }
    let count = attendees.len() as u64;
    if count > 0 {
        record(
            &mut tx,
            actor,
            "certificates.issued",
            "event",
            Some(event_id),
            json!({ "issued": [null, count] }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(count)
}

/// How many of event `event_id`'s attendees have a certificate, and how many attended.
pub async fn counts(pool: &SqlitePool, event_id: i64) -> Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT count(c.id), count(*) FROM registrations r
         LEFT JOIN certificates c ON c.registration_id = r.id
         WHERE r.event_id = ? AND r.status <> ? AND r.attended_at IS NOT NULL",
    )
    .bind(event_id)
    .bind(RegistrationStatus::Cancelled)
    .fetch_one(pool)
    .await?)
}
