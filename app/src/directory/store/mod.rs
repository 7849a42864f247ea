//! The directory's SQL: the published entries the in-memory index is made of, the cards of a
//! page of results, and a published entry's profile.

pub mod index;

use crate::platform::db::Result;
use sqlx::{FromRow, SqlitePool};

/// A published entry as the index keeps it: its filter values and its normalised text.
#[derive(FromRow)]
pub struct TableRow {
    pub id: i64,
    pub kind: String,
    pub municipality_code: String,
    /// Space-separated codes.
    pub sectors: Option<String>,
    pub languages: Option<String>,
    pub is_member: bool,
    pub search_name: String,
    pub search_body: String,
}

/// Every published entry, with the directory's version read in the same transaction (every
/// change to an entry raises it).
pub async fn table_rows(pool: &SqlitePool) -> Result<(i64, Vec<TableRow>)> {
    let mut tx = pool.begin().await?;
    let version: i64 = sqlx::query_scalar("SELECT version FROM directory_version")
        .fetch_one(&mut *tx)
        .await?;
    let rows = sqlx::query_as(
        "SELECT o.id, o.kind, o.municipality_code, o.is_member,
                (SELECT group_concat(sector_code, ' ') FROM organisation_sectors WHERE organisation_id = o.id) AS sectors,
                (SELECT group_concat(language, ' ') FROM organisation_languages WHERE organisation_id = o.id) AS languages,
                coalesce(t.name, '') AS search_name, coalesce(t.body, '') AS search_body
         FROM organisations o LEFT JOIN organisation_search_text t ON t.organisation_id = o.id
         WHERE o.is_published",
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((version, rows))
}

/// What a result list shows of an entry.
#[derive(Clone, Debug, FromRow)]
pub struct CardRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub municipality_code: String,
    pub is_member: bool,
    pub description_et: Option<String>,
    pub description_ru: Option<String>,
    pub description_en: Option<String>,
    pub sectors: Option<String>,
    pub logo: Option<String>,
}

/// The cards of the given entries, in the order of `ids`.
pub async fn cards(pool: &SqlitePool, ids: &[i64]) -> Result<Vec<CardRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(ids).expect("ids serialise");
    let mut rows: Vec<CardRow> = sqlx::query_as(
        "SELECT o.id, o.slug, o.name, o.kind, o.municipality_code, o.is_member,
                o.description_et, o.description_ru, o.description_en,
                (SELECT group_concat(sector_code, ' ') FROM organisation_sectors WHERE organisation_id = o.id) AS sectors,
                (SELECT '/logos/' || l.organisation_id || '.png?v=' || strftime('%s', l.updated_at) FROM organisation_logos l WHERE l.organisation_id = o.id) AS logo
         FROM organisations o WHERE o.id IN (SELECT value FROM json_each(?))",
    )
    .bind(list)
    .fetch_all(pool)
    .await?;
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(rows)
}

/// Everything public about a published entry.
#[derive(Clone, Debug, FromRow)]
pub struct PublicProfile {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub municipality_code: String,
    pub description_et: Option<String>,
    pub description_ru: Option<String>,
    pub description_en: Option<String>,
    pub services_et: Option<String>,
    pub services_ru: Option<String>,
    pub services_en: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub registry_code: Option<String>,
    pub founded_year: Option<i64>,
    pub size: Option<String>,
    pub is_member: bool,
    pub updated_at: String,
    pub confirmed_at: Option<String>,
    /// Space-separated codes, in the table's order.
    pub sectors: Option<String>,
    pub languages: Option<String>,
    /// JSON array of URLs in their order.
    pub links: String,
    /// The logo's address (with its version), when it has one.
    pub logo: Option<String>,
}

/// The published entry with this slug; hidden and unknown entries are both `None`.
pub async fn published_profile(pool: &SqlitePool, slug: &str) -> Result<Option<PublicProfile>> {
    Ok(sqlx::query_as(
        "SELECT o.slug, o.name, o.kind, o.municipality_code,
                o.description_et, o.description_ru, o.description_en,
                o.services_et, o.services_ru, o.services_en,
                o.website, o.email, o.phone, o.registry_code, o.founded_year, o.size, o.is_member, o.updated_at,
                o.confirmed_at,
                (SELECT group_concat(os.sector_code, ' ') FROM
                    (SELECT os.sector_code FROM organisation_sectors os JOIN sectors s ON s.code = os.sector_code
                     WHERE os.organisation_id = o.id ORDER BY s.position) os) AS sectors,
                (SELECT group_concat(language, ' ') FROM
                    (SELECT language FROM organisation_languages WHERE organisation_id = o.id
                     ORDER BY CASE language WHEN 'et' THEN 0 WHEN 'ru' THEN 1 WHEN 'en' THEN 2 ELSE 3 END, language)) AS languages,
                (SELECT json_group_array(url) FROM
                    (SELECT url FROM organisation_links WHERE organisation_id = o.id ORDER BY position)) AS links,
                (SELECT '/logos/' || l.organisation_id || '.png?v=' || strftime('%s', l.updated_at) FROM organisation_logos l WHERE l.organisation_id = o.id) AS logo
         FROM organisations o
         WHERE o.slug = ? AND o.is_published",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?)
}
