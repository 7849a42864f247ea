//! Entries in the database: read whole, written whole (with their sectors, languages, links
//! and search text), each change with its audit line; imports in one transaction; logos; and
//! everything stored about an entry, for its owner.
//!
//! Erasing an entry takes the applications it was made from, and its owner's copy of their data
//! includes them and the registrations made with its email: this store reads and deletes those
//! rows itself, since `joining` and `registrations` build on entries, not the other way round.

use crate::entries::csv::ImportPlan;
use crate::entries::entry::Entry;
use crate::entries::logos::Logo;
use crate::entries::{AdminEntriesQuery, AdminEntryRow};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::platform::audit::{Actor, created, diff, erase_values, record, record_all};
use crate::platform::db::{ROWS_A_STATEMENT, Result, insert_all, write};
use crate::shared::Localized;
use serde_json::{Map, Value, json};
use sqlx::query_builder::Separated;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection, SqliteExecutor, SqlitePool};
use std::collections::{HashMap, HashSet};

/// An entry as the database gives it: lists as text, split by [`Row::entry`].
#[derive(FromRow)]
struct Row {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    municipality: String,
    /// Codes, `,`-separated, in the sectors' order.
    sectors: String,
    /// Codes, `,`-separated: Estonian, Russian, English, then the others.
    languages: String,
    description_et: Option<String>,
    description_ru: Option<String>,
    description_en: Option<String>,
    services_et: Option<String>,
    services_ru: Option<String>,
    services_en: Option<String>,
    website: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    registry_code: Option<String>,
    founded_year: Option<i64>,
    size: Option<String>,
    is_member: bool,
    is_published: bool,
    /// One address a line.
    links: String,
}

const ENTRIES: &str = "
    SELECT o.id, o.slug, o.name, o.kind, o.municipality_code AS municipality,
           coalesce((SELECT group_concat(code, ',') FROM (
               SELECT s.code FROM organisation_sectors os JOIN sectors s ON s.code = os.sector_code
               WHERE os.organisation_id = o.id ORDER BY s.position)), '') AS sectors,
           coalesce((SELECT group_concat(language, ',') FROM (
               SELECT language FROM organisation_languages WHERE organisation_id = o.id
               ORDER BY CASE language WHEN 'et' THEN 1 WHEN 'ru' THEN 2 WHEN 'en' THEN 3
                   ELSE 4 END, language)), '') AS languages,
           o.description_et, o.description_ru, o.description_en,
           o.services_et, o.services_ru, o.services_en,
           o.website, o.email, o.phone, o.registry_code, o.founded_year, o.size,
           o.is_member, o.is_published,
           coalesce((SELECT group_concat(url, char(10)) FROM (
               SELECT url FROM organisation_links WHERE organisation_id = o.id
               ORDER BY position)), '') AS links
    FROM organisations o";

impl Row {
    fn entry(self) -> (i64, Entry) {
        let list = |text: &str, separator: char| -> Vec<String> {
            text.split(separator)
                .filter(|item| !item.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let entry = Entry {
            slug: self.slug,
            name: self.name,
            kind: self.kind,
            municipality: self.municipality,
            sectors: list(&self.sectors, ','),
            languages: list(&self.languages, ','),
            description: Localized::new(
                self.description_et,
                self.description_ru,
                self.description_en,
            ),
            services: Localized::new(self.services_et, self.services_ru, self.services_en),
            website: self.website,
            email: self.email,
            phone: self.phone,
            registry_code: self.registry_code,
            founded_year: self.founded_year,
            size: self.size,
            is_member: self.is_member,
            is_published: self.is_published,
            links: list(&self.links, '\n'),
        };
        (self.id, entry)
    }
}

/// Every entry with its id, by name.
pub async fn entries(pool: &SqlitePool) -> Result<Vec<(i64, Entry)>> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ENTRIES} ORDER BY o.name, o.id"
    )))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Row::entry).collect())
}

/// Entry `id`, if there is one.
pub async fn entry(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<Entry>> {
    let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{ENTRIES} WHERE o.id = ?")))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|row| row.entry().1))
}

/// Saves `entry` as entry `id`, or as a new one (its slug made from its name) when `id` is
/// `None`, with its audit line; answers its id. In its own write transaction.
pub async fn save(
    pool: &SqlitePool,
    id: Option<i64>,
    entry: &Entry,
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let mut tx = write(pool).await?;
    let id = save_in(&mut tx, id, entry, actor).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`save`] inside the caller's transaction (approving an application saves its entry).
pub async fn save_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    entry: &Entry,
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let (id, action, before) = match id {
        Some(id) => {
            let before = self::entry(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
            update(tx, &[(id, entry)]).await?;
            (id, "organisation.edited", before.audited())
        }
        None => {
            let slug = entry.free_slug(&mut taken_slugs(tx).await?);
            let ids = insert(tx, &[(entry, &slug)]).await?;
            (ids[0], "organisation.created", Map::new())
        }
    };
    if let Some(changes) = diff(&before, &filled(entry.audited())) {
        record(tx, actor, action, "organisation", Some(id), changes).await?;
    }
    Ok(id)
}

/// Writes a plan without problems, all in one transaction, each entry with its audit line.
/// Answers (new, updated).
pub async fn commit(
    pool: &SqlitePool,
    plan: &ImportPlan,
    actor: Actor<'_>,
) -> Result<(usize, usize), AppError> {
    let mut tx = write(pool).await?;
    let written = commit_in(&mut tx, plan, Some(actor)).await?;
    tx.commit().await?;
    Ok(written)
}

/// [`commit`] inside the caller's transaction; without an actor, unaudited (the demo data, which
/// nobody entered, adds its events in the same transaction).
pub async fn commit_in(
    tx: &mut SqliteConnection,
    plan: &ImportPlan,
    actor: Option<Actor<'_>>,
) -> Result<(usize, usize), AppError> {
    if let Some(first) = plan.problems.first() {
        return Err(AppError::invalid(&first.column, first.problem));
    }
    // A few hundred rows at a time, each with its audit lines, so that memory stays that of
    // a few hundred rows however long the file.
    let mut taken = taken_slugs(tx).await?;
    for chunk in plan.new.chunks(ROWS_A_STATEMENT) {
        let slugs: Vec<String> = chunk.iter().map(|e| e.free_slug(&mut taken)).collect();
        let new: Vec<(&Entry, &str)> = chunk.iter().zip(slugs.iter().map(String::as_str)).collect();
        let ids = insert(tx, &new).await?;
        if let Some(actor) = actor {
            let lines: Vec<_> = (ids.iter().zip(chunk))
                .map(|(id, entry)| {
                    let changes = created(&filled(entry.audited()));
                    ("organisation.imported", Some(*id), changes)
                })
                .collect();
            record_all(tx, actor, "organisation", &lines).await?;
        }
    }
    for chunk in plan.updated.chunks(ROWS_A_STATEMENT) {
        let updated: Vec<(i64, &Entry)> = chunk.iter().map(|(id, e)| (*id, e)).collect();
        let before = stored(tx, updated.iter().map(|(id, _)| *id)).await?;
        update(tx, &updated).await?;
        if let Some(actor) = actor {
            let lines: Vec<_> = (updated.iter())
                .filter_map(|(id, entry)| {
                    let before = before.get(id).map(Entry::audited).unwrap_or_default();
                    let changes = diff(&before, &entry.audited())?;
                    Some(("organisation.import_updated", Some(*id), changes))
                })
                .collect();
            record_all(tx, actor, "organisation", &lines).await?;
        }
    }
    Ok((plan.new.len(), plan.updated.len()))
}

/// The fields that have a value (for a new entry's audit line: what it was created with).
fn filled(fields: Map<String, Value>) -> Map<String, Value> {
    fields
        .into_iter()
        .filter(|(_, value)| value != "")
        .collect()
}

async fn taken_slugs(tx: &mut SqliteConnection) -> Result<HashSet<String>> {
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM organisations")
        .fetch_all(&mut *tx)
        .await?;
    Ok(slugs.into_iter().collect())
}

/// The stored entries `ids`, by id.
async fn stored(
    tx: &mut SqliteConnection,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, Entry>> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ENTRIES} WHERE o.id IN (SELECT value FROM json_each(?))"
    )))
    .bind(json!(ids.collect::<Vec<_>>()).to_string())
    .fetch_all(&mut *tx)
    .await?;
    Ok(rows.into_iter().map(Row::entry).collect())
}

/// The columns of an entry's fields, in the order [`bind_fields`] binds them.
const FIELD_COLUMNS: &str = "name, kind, municipality_code, description_et, description_ru,
    description_en, services_et, services_ru, services_en, website, email, phone, registry_code,
    founded_year, size, is_member, is_published";

fn bind_fields(row: &mut Separated<'_, Sqlite, &'static str>, entry: &Entry) {
    row.push_bind(&entry.name)
        .push_bind(&entry.kind)
        .push_bind(&entry.municipality)
        .push_bind(entry.description.get(Lang::Et))
        .push_bind(entry.description.get(Lang::Ru))
        .push_bind(entry.description.get(Lang::En))
        .push_bind(entry.services.get(Lang::Et))
        .push_bind(entry.services.get(Lang::Ru))
        .push_bind(entry.services.get(Lang::En))
        .push_bind(&entry.website)
        .push_bind(&entry.email)
        .push_bind(&entry.phone)
        .push_bind(&entry.registry_code)
        .push_bind(entry.founded_year)
        .push_bind(&entry.size)
        .push_bind(entry.is_member)
        .push_bind(entry.is_published);
}

/// Inserts each entry as its slug, with its lists and search text, a few hundred a statement;
/// answers their ids in the same order. Run it in a transaction, so that an entry is never left
/// without its sectors.
pub async fn insert(tx: &mut SqliteConnection, entries: &[(&Entry, &str)]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(entries.len());
    for chunk in entries.chunks(ROWS_A_STATEMENT) {
        let mut insert = QueryBuilder::new(format!(
            "INSERT INTO organisations (slug, {FIELD_COLUMNS}) "
        ));
        insert.push_values(chunk, |mut row, (entry, slug)| {
            row.push_bind(*slug);
            bind_fields(&mut row, entry);
        });
        // SQLite answers a multi-row RETURNING in no promised order: match the ids by slug.
        insert.push(" RETURNING slug, id");
        let returned: HashMap<String, i64> = insert
            .build_query_as::<(String, i64)>()
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
        for (_, slug) in chunk {
            ids.push(*returned.get(*slug).ok_or(sqlx::Error::RowNotFound)?);
        }
    }
    let written: Vec<(i64, &Entry)> = ids
        .iter()
        .copied()
        .zip(entries.iter().map(|e| e.0))
        .collect();
    write_lists(tx, &written).await?;
    Ok(ids)
}

/// Replaces every field but the slug of each (id, entry).
async fn update(tx: &mut SqliteConnection, entries: &[(i64, &Entry)]) -> Result<()> {
    for (id, entry) in entries {
        let mut update =
            QueryBuilder::new(format!("UPDATE organisations SET ({FIELD_COLUMNS}) = ("));
        bind_fields(&mut update.separated(", "), entry);
        update.push("), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ");
        update.push_bind(id).build().execute(&mut *tx).await?;
    }
    let ids = json!(entries.iter().map(|(id, _)| id).collect::<Vec<_>>()).to_string();
    for table in [
        "organisation_sectors",
        "organisation_languages",
        "organisation_links",
    ] {
        // Constant table names only.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE organisation_id IN (SELECT value FROM json_each(?))"
        )))
        .bind(&ids)
        .execute(&mut *tx)
        .await?;
    }
    write_lists(tx, entries).await
}

/// Writes each entry's sectors, languages and links (none stored yet), then its search text.
async fn write_lists(tx: &mut SqliteConnection, entries: &[(i64, &Entry)]) -> Result<()> {
    let items = |list: fn(&Entry) -> &Vec<String>| -> Vec<(i64, usize, &String)> {
        let items = entries.iter().flat_map(|(id, entry)| {
            let list = list(entry).iter().enumerate();
            list.map(move |(position, item)| (*id, position, item))
        });
        items.collect()
    };
    let pair = |mut row: Separated<'_, Sqlite, &str>, (id, _, item): &(i64, usize, &String)| {
        row.push_bind(*id).push_bind(*item);
    };
    insert_all(
        tx,
        "INSERT INTO organisation_sectors (organisation_id, sector_code) ",
        &items(|entry| &entry.sectors),
        "",
        pair,
    )
    .await?;
    insert_all(
        tx,
        "INSERT INTO organisation_languages (organisation_id, language) ",
        &items(|entry| &entry.languages),
        "",
        pair,
    )
    .await?;
    insert_all(
        tx,
        "INSERT INTO organisation_links (organisation_id, position, url) ",
        &items(|entry| &entry.links),
        "",
        |mut row, (id, position, url)| {
            row.push_bind(*id)
                .push_bind(*position as i64)
                .push_bind(*url);
        },
    )
    .await?;
    reindex(tx, entries.iter().map(|(id, _)| *id)).await
}

/// Writes the normalised search text (name; descriptions, services, sector labels and
/// municipality names in all three languages) of entries `ids`.
async fn reindex(tx: &mut SqliteConnection, ids: impl Iterator<Item = i64>) -> Result<()> {
    let texts: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT o.id, o.name,
                coalesce(o.description_et, '') || ' ' || coalesce(o.description_ru, '') || ' ' ||
                coalesce(o.description_en, '') || ' ' || coalesce(o.services_et, '') || ' ' ||
                coalesce(o.services_ru, '') || ' ' || coalesce(o.services_en, '') || ' ' ||
                m.name_et || ' ' || m.name_ru || ' ' || m.name_en || ' ' ||
                coalesce((SELECT group_concat(s.label_et || ' ' || s.label_ru || ' ' || s.label_en, ' ')
                          FROM organisation_sectors os JOIN sectors s ON s.code = os.sector_code
                          WHERE os.organisation_id = o.id), '')
         FROM organisations o JOIN municipalities m ON m.code = o.municipality_code
         WHERE o.id IN (SELECT value FROM json_each(?))",
    )
    .bind(json!(ids.collect::<Vec<_>>()).to_string())
    .fetch_all(&mut *tx)
    .await?;
    insert_all(
        tx,
        "INSERT INTO organisation_search_text (organisation_id, name, body) ",
        &texts,
        " ON CONFLICT (organisation_id) DO UPDATE SET name = excluded.name, body = excluded.body",
        |mut row, (id, name, body)| {
            row.push_bind(*id)
                .push_bind(crate::platform::search::index_text(name))
                .push_bind(crate::platform::search::index_text(body));
        },
    )
    .await
}

/// Deletes entry `id` (its sectors, languages, links and logo go with it). The audit log keeps
/// that it existed and its name; with `erase`, it keeps only that changes happened: every value
/// in the entry's trail becomes "erased" (the fields stay named, with their times and actors),
/// and the applications it came from are deleted (their messages with them), their trail
/// erased the same way.
pub async fn delete(
    pool: &SqlitePool,
    id: i64,
    erase: bool,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let mut tx = write(pool).await?;
    if erase {
        // Before the entry goes, while its applications still point to it.
        let applications: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM applications WHERE organisation_id = ?")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        for application in applications {
            erase_values(&mut tx, "application", application).await?;
        }
        sqlx::query("DELETE FROM applications WHERE organisation_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        erase_values(&mut tx, "organisation", id).await?;
    }
    let name: Option<String> =
        sqlx::query_scalar("DELETE FROM organisations WHERE id = ? RETURNING name")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let name = name.ok_or(AppError::NotFound)?;
    let (action, changes) = if erase {
        ("organisation.erased", json!({}))
    } else {
        ("organisation.deleted", json!({ "name": [name, null] }))
    };
    record(&mut tx, actor, action, "organisation", Some(id), changes).await?;
    tx.commit().await?;
    Ok(())
}

/// Everything stored about entry `id`, for its owner: every field, the applications it came
/// from, the registrations made with its email, and its audit trail. The download itself is
/// logged.
pub async fn personal_data(
    pool: &SqlitePool,
    id: i64,
    actor: Actor<'_>,
) -> Result<Value, AppError> {
    let stored = entry(pool, id).await?.ok_or(AppError::NotFound)?;
    #[derive(FromRow, serde::Serialize)]
    struct Application {
        sent_at: String,
        language: String,
        #[serde(serialize_with = "as_json")]
        form: String,
        contact_name: String,
        contact_email: String,
        contact_phone: Option<String>,
        consent: String,
        consented_at: String,
        status: String,
        decided_at: Option<String>,
    }
    #[derive(FromRow, serde::Serialize)]
    struct Registration {
        event: String,
        name: String,
        email: String,
        organisation: Option<String>,
        consent: String,
        status: String,
        registered_at: String,
        cancelled_at: Option<String>,
    }
    #[derive(FromRow, serde::Serialize)]
    struct AuditLine {
        at: String,
        action: String,
        by: Option<String>,
        address: Option<String>,
        #[serde(serialize_with = "as_json")]
        changes: String,
    }
    fn as_json<S: serde::Serializer>(text: &str, out: S) -> std::result::Result<S::Ok, S::Error> {
        let value = serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
        serde::Serialize::serialize(&value, out)
    }
    let applications: Vec<Application> = sqlx::query_as(
        "SELECT created_at AS sent_at, lang AS language, form, contact_name, contact_email,
                contact_phone, consent, consented_at, status, decided_at
         FROM applications WHERE organisation_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let registrations: Vec<Registration> = sqlx::query_as(
        "SELECT e.slug AS event, r.name, r.email, r.organisation, r.consent, r.status,
                r.created_at AS registered_at, r.cancelled_at
         FROM registrations r JOIN events e ON e.id = r.event_id
         WHERE r.email = ? ORDER BY r.id",
    )
    .bind(stored.email.as_deref().unwrap_or_default())
    .fetch_all(pool)
    .await?;
    let audit: Vec<AuditLine> = sqlx::query_as(
        "SELECT a.at, a.action, u.email AS by, a.address, a.changes
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.entity = 'organisation' AND a.entity_id = ? ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let (contact_email, confirmed_at): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT contact_email, confirmed_at FROM organisations WHERE id = ?")
            .bind(id)
            .fetch_one(pool)
            .await?;
    let proposals: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT created_at, status, form FROM entry_proposals WHERE organisation_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let proposals: Vec<Value> = proposals
        .into_iter()
        .map(|(sent_at, status, form)| {
            let form = serde_json::from_str::<Value>(&form).unwrap_or(Value::Null);
            json!({ "sent_at": sent_at, "status": status, "form": form })
        })
        .collect();
    let mut fields = Map::new();
    fields.insert("slug".into(), Value::String(stored.slug.clone()));
    fields.extend(stored.audited());
    fields.insert("contact_email".into(), json!(contact_email));
    fields.insert("confirmed_at".into(), json!(confirmed_at));
    let data = json!({
        "entry": fields,
        "proposals": proposals,
        "applications": applications,
        "registrations": registrations,
        "audit_log": audit,
    });
    let mut tx = write(pool).await?;
    let action = "organisation.data_exported";
    record(&mut tx, actor, action, "organisation", Some(id), json!({})).await?;
    tx.commit().await?;
    Ok(data)
}

/// Entries that may be the same as `entry` (other than entry `id`): the same registry code, or
/// a name within a typo or two in the same municipality. As (id, name).
pub async fn look_alikes(
    pool: &SqlitePool,
    entry: &Entry,
    id: Option<i64>,
) -> Result<Vec<(i64, String)>> {
    let candidates: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, name, municipality_code, registry_code FROM organisations WHERE id IS NOT ?",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let words = |name: &str| crate::platform::search::words(name).join(" ");
    let name = words(&entry.name);
    Ok(candidates
        .into_iter()
        .filter(|(_, other, municipality, code)| {
            let same_code = entry.registry_code.is_some() && *code == entry.registry_code;
            let similar = *municipality == entry.municipality
                && !name.is_empty()
                && strsim::jaro_winkler(&name, &words(other)) >= 0.92;
            same_code || similar
        })
        .map(|(id, name, _, _)| (id, name))
        .take(5)
        .collect())
}

/// Whether an entry other than `id` has registry code `code` (with `published_only`, a
/// published one: the public may learn only what the directory shows).
pub async fn registry_code_taken(
    pool: &SqlitePool,
    code: &str,
    id: Option<i64>,
    published_only: bool,
) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM organisations
                        WHERE registry_code = ? AND id IS NOT ? AND (is_published OR NOT ?))",
    )
    .bind(code)
    .bind(id)
    .bind(published_only)
    .fetch_one(pool)
    .await?)
}

/// Every entry, hidden ones too, filtered by `query`, and searched by its text as the public
/// directory searches (every word, by prefix, with a typo allowed in long words; name matches
/// first).
pub async fn admin_list(
    pool: &SqlitePool,
    lang: Lang,
    query: &AdminEntriesQuery,
) -> Result<Vec<AdminEntryRow>> {
    use crate::directory::text_index::TextIndex;
    use crate::platform::search::SearchQuery;
    #[derive(FromRow)]
    struct Line {
        id: i64,
        slug: String,
        name: String,
        municipality_et: String,
        municipality_ru: String,
        municipality_en: String,
        is_published: bool,
        is_member: bool,
        updated_at: String,
        recent: bool,
        search_name: String,
        search_body: String,
    }
    let lines: Vec<Line> = sqlx::query_as(
        "SELECT o.id, o.slug, o.name, m.name_et AS municipality_et, m.name_ru AS municipality_ru,
                m.name_en AS municipality_en, o.is_published, o.is_member, o.updated_at,
                o.updated_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-30 days') AS recent,
                coalesce(t.name, '') AS search_name, coalesce(t.body, '') AS search_body
         FROM organisations o JOIN municipalities m ON m.code = o.municipality_code
         LEFT JOIN organisation_search_text t ON t.organisation_id = o.id
         ORDER BY o.updated_at DESC, o.id DESC",
    )
    .fetch_all(pool)
    .await?;
    let yes = |value: &Option<String>| value.as_deref() == Some("yes");
    let mut lines: Vec<Line> = lines
        .into_iter()
        .filter(|line| match query.status.as_deref() {
            Some("published") => line.is_published,
            Some("hidden") => !line.is_published,
            _ => true,
        })
        .filter(|line| !yes(&query.member) || line.is_member)
        .filter(|line| !yes(&query.recent) || line.recent)
        .collect();
    if !yes(&query.recent) {
        lines.sort_by(|a, b| a.search_name.cmp(&b.search_name).then(a.id.cmp(&b.id)));
    }
    // The public directory's index, built over these lines alone: the coordinator's list is
    // small and asked rarely, so it is not kept.
    let index = TextIndex::build(
        lines
            .iter()
            .map(|line| (line.search_name.as_str(), line.search_body.as_str())),
    );
    let mut scores = vec![Some(0); lines.len()];
    if let Some(hits) = index.search(&SearchQuery::parse(query.q.as_deref().unwrap_or(""))) {
        scores = vec![None; lines.len()];
        for (line, score) in hits {
            scores[line as usize] = Some(score);
        }
    }
    let mut ranked: Vec<(u32, Line)> = scores
        .into_iter()
        .zip(lines)
        .filter_map(|(score, line)| Some((score?, line)))
        .collect();
    // Best first; equal scores keep the list's order (a stable sort).
    ranked.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    Ok(ranked
        .into_iter()
        .map(|(_, line)| AdminEntryRow {
            id: line.id,
            slug: line.slug,
            name: line.name,
            municipality: match lang {
                Lang::Et => line.municipality_et,
                Lang::Ru => line.municipality_ru,
                Lang::En => line.municipality_en,
            },
            is_published: line.is_published,
            is_member: line.is_member,
            updated: crate::shared::time::stored_as_local_minute(&line.updated_at),
        })
        .collect())
}

/// Stores `logo` as entry `id`'s (replacing any), audited.
pub async fn set_logo(
    pool: &SqlitePool,
    id: i64,
    logo: &Logo,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let mut tx = write(pool).await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organisations WHERE id = ?)")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if !exists {
        return Err(AppError::NotFound);
    }
    sqlx::query(
        "INSERT INTO organisation_logos (organisation_id, png, width, height) VALUES (?, ?, ?, ?)
         ON CONFLICT (organisation_id) DO UPDATE SET png = excluded.png, width = excluded.width,
             height = excluded.height, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    )
    .bind(id)
    .bind(&logo.png)
    .bind(logo.width)
    .bind(logo.height)
    .execute(&mut *tx)
    .await?;
    let size = format!("{}×{}", logo.width, logo.height);
    let changes = json!({ "logo": [null, size] });
    record(
        &mut tx,
        actor,
        "organisation.logo_changed",
        "organisation",
        Some(id),
        changes,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Entry `id`'s logo as PNG bytes, if it has one (with `published_only`, if the entry is
/// published too).
pub async fn logo(pool: &SqlitePool, id: i64, published_only: bool) -> Result<Option<Vec<u8>>> {
    Ok(sqlx::query_scalar(
        "SELECT l.png FROM organisation_logos l JOIN organisations o ON o.id = l.organisation_id
         WHERE l.organisation_id = ? AND (o.is_published OR NOT ?)",
    )
    .bind(id)
    .bind(published_only)
    .fetch_optional(pool)
    .await?)
}

/// The address of entry `id`'s logo for the coordinator, with its version, if it has one.
pub async fn logo_address(pool: &SqlitePool, id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT '/api/coordinator/directory/' || organisation_id || '-logo.png?v='
                || strftime('%s', updated_at)
         FROM organisation_logos WHERE organisation_id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entries::Rules;
    use crate::entries::csv::{Separator, plan, write};
    use crate::platform::db::test_pool;
    use crate::platform::vocabulary::Vocabulary;

    const HEADER: &str = "name;kind;municipality;sectors;languages;description_et;registry_code";

    async fn planned(pool: &SqlitePool, file: &str) -> ImportPlan {
        let vocabulary = Vocabulary::load(pool).await.unwrap();
        let stored = entries(pool).await.unwrap();
        plan(file.as_bytes(), &Rules::now(&vocabulary), &stored)
    }

    async fn count(pool: &SqlitePool) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM organisations")
            .fetch_one(pool)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn an_import_is_written_whole_audited_and_exported_as_it_was_read() {
        let pool = test_pool().await;
        let file = format!(
            "{HEADER}\n\
             Narva Disain;company;narva;film, design;ru, et, uk;\"Stuudio\nja kool\";10421629\n\
             Narva Disain;sole-trader;johvi;design;et;Teine;\n"
        );
        let first = planned(&pool, &file).await;
        assert_eq!(first.problems, vec![]);
        assert_eq!(
            commit(&pool, &first, Actor::COMMAND_LINE).await.unwrap(),
            (2, 0)
        );
        let slugs: Vec<String> = entries(&pool)
            .await
            .unwrap()
            .into_iter()
            .map(|(_, e)| e.slug)
            .collect();
        assert_eq!(slugs, ["narva-disain", "narva-disain-2"], "free slugs");

        let exported = write(
            entries(&pool).await.unwrap().iter().map(|(_, e)| e),
            Separator::Semicolon,
        )
        .unwrap();
        let again = planned(&pool, &String::from_utf8(exported).unwrap()).await;
        assert_eq!(
            (again.new.len(), again.updated.len(), again.unchanged),
            (0, 0, 2),
            "what was stored reads back as stored"
        );
        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
        assert_eq!(actions, ["organisation.imported", "organisation.imported"]);
    }

    #[tokio::test]
    async fn a_plan_with_a_problem_or_a_failure_half_way_writes_nothing() {
        let pool = test_pool().await;
        let broken = planned(&pool, &format!("{HEADER}\nX;company;narva;design;et;T;1\n")).await;
        assert!(commit(&pool, &broken, Actor::COMMAND_LINE).await.is_err());
        let mut doomed = planned(
            &pool,
            &format!("{HEADER}\nY;company;narva;design;et;T;\nZ;company;narva;design;et;T;\n"),
        )
        .await;
        doomed.new[1].municipality = "atlantis".into(); // the database refuses the second row
        assert!(commit(&pool, &doomed, Actor::COMMAND_LINE).await.is_err());
        assert_eq!(count(&pool).await, 0, "the first row was rolled back too");
    }

    #[tokio::test]
    async fn saving_an_entry_audits_what_changed_and_keeps_its_slug() {
        let pool = test_pool().await;
        let vocabulary = Vocabulary::load(&pool).await.unwrap();
        let form = crate::entries::EntryForm {
            name: "Kohtla Puutöö".into(),
            kind: "company".into(),
            municipality: "kohtla-jarve".into(),
            sectors: vec!["design".into()],
            speaks_et: true,
            description_et: "Puutöökoda".into(),
            published: true,
            ..Default::default()
        };
        let (entry, refused) = Rules::now(&vocabulary).read(&form);
        assert_eq!(refused, vec![]);
        let id = save(&pool, None, &entry, Actor::COMMAND_LINE)
            .await
            .unwrap();
        let renamed = Entry {
            name: "Kohtla Puutöö OÜ".into(),
            ..entry
        };
        save(&pool, Some(id), &renamed, Actor::COMMAND_LINE)
            .await
            .unwrap();
        let stored = self::entry(&pool, id).await.unwrap().unwrap();
        assert_eq!(
            (stored.slug.as_str(), stored.name.as_str()),
            ("kohtla-puutoo", "Kohtla Puutöö OÜ")
        );
        let changes: String = sqlx::query_scalar(
            "SELECT changes FROM audit_log WHERE action = 'organisation.edited'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(changes, r#"{"name":["Kohtla Puutöö","Kohtla Puutöö OÜ"]}"#);
        assert_eq!(
            save(&pool, Some(id + 1), &renamed, Actor::COMMAND_LINE).await,
            Err(AppError::NotFound)
        );
    }
}
