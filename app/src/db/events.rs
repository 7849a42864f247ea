use crate::domain::Localized;
use crate::i18n::Lang;
use jiff::Timestamp;
use sqlx::SqliteConnection;

use super::db_time;

/// A calendar event as written by the seeds (and later by the coordinator's forms).
#[derive(Clone, Debug)]
pub struct EventForCreate {
    pub slug: String,
    pub type_code: &'static str,
    pub title: Localized,
    pub description: Localized,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub all_day: bool,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub online_url: Option<String>,
    pub status: &'static str,
}

pub async fn insert(
    connection: &mut SqliteConnection,
    event: &EventForCreate,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO events (slug, type_code, title_et, title_ru, title_en,
             description_et, description_ru, description_en, starts_at, ends_at, all_day,
             venue, address, municipality_code, online_url, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(&event.slug)
    .bind(event.type_code)
    .bind(event.title.get(Lang::Et))
    .bind(event.title.get(Lang::Ru))
    .bind(event.title.get(Lang::En))
    .bind(event.description.get(Lang::Et))
    .bind(event.description.get(Lang::Ru))
    .bind(event.description.get(Lang::En))
    .bind(db_time(event.starts_at))
    .bind(db_time(event.ends_at))
    .bind(event.all_day)
    .bind(&event.venue)
    .bind(&event.address)
    .bind(&event.municipality_code)
    .bind(&event.online_url)
    .bind(event.status)
    .fetch_one(connection)
    .await
}
