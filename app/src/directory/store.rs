use crate::i18n::Lang;
use crate::shared::Localized;
use sqlx::{FromRow, SqliteConnection, SqlitePool};

/// A directory entry as written by the seeds (and later by the coordinator's forms).
#[derive(Clone, Debug)]
pub struct OrganisationForCreate {
    pub slug: String,
    pub name: String,
    pub kind: &'static str,
    pub municipality_code: String,
    pub description: Localized,
    pub services: Localized,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub registry_code: Option<String>,
    pub founded_year: Option<i64>,
    pub is_member: bool,
    pub sector_codes: Vec<String>,
    pub languages: Vec<String>,
    /// Social media and other pages, in the order shown.
    pub links: Vec<String>,
}

#[cfg(test)]
impl OrganisationForCreate {
    /// A minimal valid entry for tests; override what the test is about.
    pub(crate) fn sample(slug: &str, municipality: &str) -> Self {
        Self {
            slug: slug.to_owned(),
            name: slug.to_uppercase(),
            kind: "company",
            municipality_code: municipality.to_owned(),
            description: Localized::default(),
            services: Localized::default(),
            website: None,
            email: None,
            phone: None,
            registry_code: None,
            founded_year: None,
            is_member: false,
            sector_codes: vec!["design".into()],
            languages: vec!["et".into()],
            links: Vec::new(),
        }
    }
}

/// Inserts an entry with its sectors and languages. Run it in a transaction, so that an
/// entry is never left without its sectors.
pub async fn insert(
    connection: &mut SqliteConnection,
    entry: &OrganisationForCreate,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO organisations (slug, name, kind, municipality_code,
             description_et, description_ru, description_en,
             services_et, services_ru, services_en,
             website, email, phone, registry_code, founded_year, is_member)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(&entry.slug)
    .bind(&entry.name)
    .bind(entry.kind)
    .bind(&entry.municipality_code)
    .bind(entry.description.get(Lang::Et))
    .bind(entry.description.get(Lang::Ru))
    .bind(entry.description.get(Lang::En))
    .bind(entry.services.get(Lang::Et))
    .bind(entry.services.get(Lang::Ru))
    .bind(entry.services.get(Lang::En))
    .bind(&entry.website)
    .bind(&entry.email)
    .bind(&entry.phone)
    .bind(&entry.registry_code)
    .bind(entry.founded_year)
    .bind(entry.is_member)
    .fetch_one(&mut *connection)
    .await?;
    for sector in &entry.sector_codes {
        sqlx::query(
            "INSERT INTO organisation_sectors (organisation_id, sector_code) VALUES (?, ?)",
        )
        .bind(id)
        .bind(sector)
        .execute(&mut *connection)
        .await?;
    }
    for language in &entry.languages {
        sqlx::query("INSERT INTO organisation_languages (organisation_id, language) VALUES (?, ?)")
            .bind(id)
            .bind(language)
            .execute(&mut *connection)
            .await?;
    }
    for (position, url) in entry.links.iter().enumerate() {
        sqlx::query(
            "INSERT INTO organisation_links (organisation_id, position, url) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(url)
        .execute(&mut *connection)
        .await?;
    }
    crate::directory::index::reindex(connection, id).await?;
    Ok(id)
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
    pub is_member: bool,
    pub updated_at: String,
    /// Space-separated codes, in the table's order.
    pub sectors: Option<String>,
    pub languages: Option<String>,
    /// JSON array of URLs in their order.
    pub links: String,
    /// The logo's address (with its version), when it has one.
    pub logo: Option<String>,
}

/// The published entry with this slug; hidden and unknown entries are both `None`.
pub async fn published_profile(
    pool: &SqlitePool,
    slug: &str,
) -> Result<Option<PublicProfile>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.slug, o.name, o.kind, o.municipality_code,
                o.description_et, o.description_ru, o.description_en,
                o.services_et, o.services_ru, o.services_en,
                o.website, o.email, o.phone, o.registry_code, o.founded_year, o.is_member, o.updated_at,
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
    .await
}
