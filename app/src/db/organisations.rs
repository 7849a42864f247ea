use crate::domain::Localized;
use crate::i18n::Lang;
use sqlx::SqliteConnection;

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
    super::directory::reindex(connection, id).await?;
    Ok(id)
}
