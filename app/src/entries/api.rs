//! The coordinator's directory files: a CSV read back into the directory, first as a preview
//! (nothing written), then, confirmed with the counts the coordinator saw, all rows at once.
//! The export is a plain download (`server::exports::directory_csv`).

use crate::entries::form::EntryForm;
use crate::error::{AppError, Problem};
use crate::shared::FieldProblem;
use crate::shared::Labelled;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

/// A problem of an imported file: where, why, and the value found there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// From 1, as a text editor counts (a row with a line break in a cell starts on its line).
    pub line: u64,
    /// The column's name from the header (empty for a problem of a whole line).
    pub column: String,
    pub problem: Problem,
    pub value: String,
}

/// What importing a file does (or did, when `imported`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub problems: Vec<ImportProblem>,
    /// The names of the first new and updated entries, to recognise the file by.
    pub new_names: Vec<String>,
    pub updated_names: Vec<String>,
    /// The rows were written.
    pub imported: bool,
    /// A confirmation came for other counts than the file gives now (the file or the directory
    /// changed since the check, or it has problems), so nothing was written.
    pub changed: bool,
}

impl ImportPreview {
    /// What the coordinator confirms: the counts they were shown.
    pub fn confirmation(&self) -> String {
        format!("{}/{}", self.new, self.updated)
    }
}

/// How many names of new and updated entries a preview lists.
pub const NAMES_SHOWN: usize = 20;

/// Reads the CSV in the form's `file` field. Without `confirm`, only tells what importing it
/// would do. With `confirm` (the counts the preview showed, `new/updated`), writes every row in
/// one transaction, unless the file has problems or the directory changed since (then the new
/// preview comes back and nothing is written).
#[server(prefix = "/api/coordinator", endpoint = "directory/import", input = MultipartFormData)]
pub async fn import_directory(data: MultipartData) -> Result<ImportPreview, AppError> {
    use crate::entries::store::{commit, plan};
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let mut fields = data
        .into_inner()
        .ok_or_else(|| AppError::BadRequest("not a form".into()))?;
    let (mut file, mut confirm) = (None, None);
    while let Some(field) = fields
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.to_string()))?
    {
        match field.name() {
            Some("file") => {
                file = Some(
                    field
                        .bytes()
                        .await
                        .map_err(|e| AppError::BadRequest(e.to_string()))?,
                )
            }
            Some("confirm") => {
                confirm = Some(
                    field
                        .text()
                        .await
                        .map_err(|e| AppError::BadRequest(e.to_string()))?,
                )
            }
            _ => {}
        }
    }
    let file = file
        .filter(|file| !file.is_empty())
        .ok_or_else(|| AppError::invalid("file", Problem::Required))?;
    let pool = crate::platform::pool()?;
    let planned = plan(&pool, &file)
        .await
        .map_err(|e| AppError::internal("reading an import", e))?;
    let mut preview = ImportPreview {
        new: planned.new.len(),
        updated: planned.updated.len(),
        unchanged: planned.unchanged,
        problems: planned.problems.clone(),
        new_names: planned
            .new
            .iter()
            .take(NAMES_SHOWN)
            .map(|e| e.name.clone())
            .collect(),
        updated_names: planned
            .updated
            .iter()
            .take(NAMES_SHOWN)
            .map(|(_, e)| e.name.clone())
            .collect(),
        imported: false,
        changed: false,
    };
    if let Some(confirmed) = confirm {
        if confirmed == preview.confirmation() && preview.problems.is_empty() {
            let address = crate::platform::request::client_address()
                .await?
                .to_string();
            commit(
                &pool,
                &planned,
                crate::platform::audit::Actor::account(account.id, &address),
            )
            .await?;
            preview.imported = true;
        } else {
            preview.changed = true;
        }
    }
    Ok(preview)
}

/// A line of the coordinator's list of entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEntryRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub municipality: String,
    pub is_published: bool,
    pub is_member: bool,
    /// Tallinn time, to the minute.
    pub updated: String,
}

/// The list as the URL carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AdminEntriesQuery {
    #[serde(default)]
    pub q: Option<String>,
    /// `published` or `hidden`.
    #[serde(default)]
    pub status: Option<String>,
    /// `yes`: members only.
    #[serde(default)]
    pub member: Option<String>,
    /// `yes`: changed in the last 30 days, latest first.
    #[serde(default)]
    pub recent: Option<String>,
}

impl AdminEntriesQuery {
    /// The list's URL for this search.
    pub fn href(&self, lang: crate::i18n::Lang) -> String {
        match serde_urlencoded::to_string(self).unwrap_or_default() {
            query if query.is_empty() => format!("/{lang}/admin/directory"),
            query => format!("/{lang}/admin/directory?{query}"),
        }
    }
}

/// Every entry, hidden ones too, filtered, and searched by `q` as the public directory
/// searches (every word, by prefix, with a typo allowed in long words; name matches first).
#[server(prefix = "/api/coordinator", endpoint = "directory/entries")]
pub async fn admin_entries(
    lang: crate::i18n::Lang,
    query: AdminEntriesQuery,
) -> Result<Vec<AdminEntryRow>, AppError> {
    use crate::directory::text_index::TextIndex;
    use crate::platform::search::SearchQuery;
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let failed = |e| AppError::internal("listing entries", e);
    #[derive(sqlx::FromRow)]
    struct Row {
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
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT o.id, o.slug, o.name, m.name_et AS municipality_et, m.name_ru AS municipality_ru,
                m.name_en AS municipality_en, o.is_published, o.is_member, o.updated_at,
                o.updated_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-30 days') AS recent,
                coalesce(t.name, '') AS search_name, coalesce(t.body, '') AS search_body
         FROM organisations o JOIN municipalities m ON m.code = o.municipality_code
         LEFT JOIN organisation_search_text t ON t.organisation_id = o.id
         ORDER BY o.updated_at DESC, o.id DESC",
    )
    .fetch_all(&pool)
    .await
    .map_err(failed)?;
    let yes = |value: &Option<String>| value.as_deref() == Some("yes");
    let mut rows: Vec<Row> = rows
        .into_iter()
        .filter(|row| match query.status.as_deref() {
            Some("published") => row.is_published,
            Some("hidden") => !row.is_published,
            _ => true,
        })
        .filter(|row| !yes(&query.member) || row.is_member)
        .filter(|row| !yes(&query.recent) || row.recent)
        .collect();
    if !yes(&query.recent) {
        rows.sort_by(|a, b| a.search_name.cmp(&b.search_name).then(a.id.cmp(&b.id)));
    }
    // The public directory's index, built over these rows alone: the coordinator's list is
    // small and asked rarely, so it is not kept.
    let index = TextIndex::build(
        rows.iter()
            .map(|row| (row.search_name.as_str(), row.search_body.as_str())),
    );
    let mut scores = vec![Some(0); rows.len()];
    if let Some(hits) = index.search(&SearchQuery::parse(query.q.as_deref().unwrap_or(""))) {
        scores = vec![None; rows.len()];
        for (row, score) in hits {
            scores[row as usize] = Some(score);
        }
    }
    let mut ranked: Vec<(u32, Row)> = scores
        .into_iter()
        .zip(rows)
        .filter_map(|(score, row)| Some((score?, row)))
        .collect();
    // Best first; equal scores keep the list's order (a stable sort).
    ranked.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    Ok(ranked
        .into_iter()
        .map(|(_, row)| AdminEntryRow {
            id: row.id,
            slug: row.slug,
            name: row.name,
            municipality: match lang {
                crate::i18n::Lang::Et => row.municipality_et,
                crate::i18n::Lang::Ru => row.municipality_ru,
                crate::i18n::Lang::En => row.municipality_en,
            },
            is_published: row.is_published,
            is_member: row.is_member,
            updated: crate::shared::tallinn::stored_as_local_minute(&row.updated_at),
        })
        .collect())
}

/// What an entry's form offers to choose from, labelled in the reader's language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryChoices {
    pub kinds: Vec<Labelled>,
    pub sectors: Vec<Labelled>,
    pub municipalities: Vec<Labelled>,
}

/// The form of entry `id`, or of a new one, with the choices it offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryEditor {
    pub id: Option<i64>,
    pub slug: Option<String>,
    pub form: EntryForm,
    /// The address of the entry's logo (with its version), when it has one.
    pub logo: Option<String>,
    pub choices: EntryChoices,
}

#[cfg(feature = "ssr")]
pub(crate) async fn entry_choices(
    pool: &sqlx::SqlitePool,
    lang: crate::i18n::Lang,
) -> Result<EntryChoices, AppError> {
    use crate::platform::vocabulary::KINDS;
    let failed = |e| AppError::internal("loading an entry form's choices", e);
    let labelled = |rows: Vec<(String, String, String, String)>| {
        rows.into_iter()
            .map(|(code, et, ru, en)| Labelled {
                code,
                label: match lang {
                    crate::i18n::Lang::Et => et,
                    crate::i18n::Lang::Ru => ru,
                    crate::i18n::Lang::En => en,
                },
            })
            .collect::<Vec<_>>()
    };
    let sectors =
        sqlx::query_as("SELECT code, label_et, label_ru, label_en FROM sectors ORDER BY position")
            .fetch_all(pool)
            .await
            .map_err(failed)?;
    let municipalities = sqlx::query_as(
        "SELECT code, name_et, name_ru, name_en FROM municipalities ORDER BY position",
    )
    .fetch_all(pool)
    .await
    .map_err(failed)?;
    let kinds = KINDS
        .iter()
        .zip(lang.texts().directory.kinds)
        .map(|(code, label)| Labelled {
            code: (*code).to_owned(),
            label: label.to_owned(),
        })
        .collect();
    Ok(EntryChoices {
        kinds,
        sectors: labelled(sectors),
        municipalities: labelled(municipalities),
    })
}

#[server(prefix = "/api/coordinator", endpoint = "directory/form")]
pub async fn get_entry_editor(
    lang: crate::i18n::Lang,
    id: Option<i64>,
) -> Result<EntryEditor, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let failed = |e| AppError::internal("loading an entry's form", e);
    let choices = entry_choices(&pool, lang).await?;
    let (slug, form) = match id {
        Some(id) => {
            let entry = crate::entries::store::entry(&pool, id)
                .await
                .map_err(failed)?
                .ok_or(AppError::NotFound)?;
            (Some(entry.slug.clone()), form_of(&entry))
        }
        None => (
            None,
            EntryForm {
                published: true,
                ..EntryForm::default()
            },
        ),
    };
    let logo: Option<String> = sqlx::query_scalar(
        "SELECT '/api/coordinator/directory/' || organisation_id || '-logo.png?v='
                || strftime('%s', updated_at)
         FROM organisation_logos WHERE organisation_id = ?",
    )
    .bind(id)
    .fetch_optional(&pool)
    .await
    .map_err(failed)?;
    Ok(EntryEditor {
        id,
        slug,
        form,
        logo,
        choices,
    })
}

/// An entry as its form shows it.
#[cfg(feature = "ssr")]
pub(crate) fn form_of(entry: &crate::entries::store::Entry) -> EntryForm {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let languages: Vec<&str> = entry
        .languages
        .split(", ")
        .filter(|l| !l.is_empty())
        .collect();
    EntryForm {
        name: entry.name.clone(),
        kind: entry.kind.clone(),
        municipality: entry.municipality.clone(),
        sectors: entry
            .sectors
            .split(", ")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        speaks_et: languages.contains(&"et"),
        speaks_ru: languages.contains(&"ru"),
        speaks_en: languages.contains(&"en"),
        other_languages: languages
            .iter()
            .filter(|l| !["et", "ru", "en"].contains(l))
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        description_et: text(&entry.description_et),
        description_ru: text(&entry.description_ru),
        description_en: text(&entry.description_en),
        services_et: text(&entry.services_et),
        services_ru: text(&entry.services_ru),
        services_en: text(&entry.services_en),
        website: text(&entry.website),
        email: text(&entry.email),
        phone: text(&entry.phone),
        registry_code: text(&entry.registry_code),
        founded_year: entry
            .founded_year
            .map(|y| y.to_string())
            .unwrap_or_default(),
        member: entry.is_member,
        published: entry.is_published,
        links: entry.links.clone(),
    }
}

/// The form checked as the coordinator types: every refused field, and entries it may
/// duplicate (as id and name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryCheck {
    pub problems: Vec<FieldProblem>,
    pub look_alikes: Vec<(i64, String)>,
}

/// Who reads an entry's form: the public's join form may learn only what the directory shows.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reader {
    Coordinator,
    Public,
}

/// The form read with the rules of a CSV row: the entry, and every refused field by the form's
/// names (another entry's registry code included; for the public, only a published entry's).
#[cfg(feature = "ssr")]
pub(crate) async fn read(
    pool: &sqlx::SqlitePool,
    form: &EntryForm,
    id: Option<i64>,
    reader: Reader,
) -> Result<(crate::entries::store::Entry, Vec<FieldProblem>), AppError> {
    let cells = form.cells();
    let cells: std::collections::HashMap<&str, &str> = cells
        .iter()
        .map(|(column, value)| (*column, value.as_str()))
        .collect();
    let (entry, problems) = crate::entries::store::read_entry(pool, &cells)
        .await
        .map_err(|e| AppError::internal("reading an entry's form", e))?;
    let mut fields: Vec<FieldProblem> = Vec::new();
    for problem in problems {
        // The form shows the languages as checkboxes and one field for the others.
        let field = match problem.column.as_str() {
            "languages" => "other_languages".to_owned(),
            column => column.to_owned(),
        };
        if !fields.iter().any(|f| f.field == field) {
            fields.push(FieldProblem {
                field,
                problem: problem.problem,
            });
        }
    }
    if let Some(code) = &entry.registry_code {
        let taken: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM organisations
                            WHERE registry_code = ? AND id IS NOT ? AND (is_published OR ?))",
        )
        .bind(code)
        .bind(id)
        .bind(reader == Reader::Coordinator)
        .fetch_one(pool)
        .await
        .map_err(|e| AppError::internal("reading an entry's form", e))?;
        if taken && !fields.iter().any(|f| f.field == "registry_code") {
            fields.push(FieldProblem {
                field: "registry_code".to_owned(),
                problem: Problem::RegistryCodeTaken,
            });
        }
    }
    Ok((entry, fields))
}

#[server(prefix = "/api/coordinator", endpoint = "directory/check")]
pub async fn check_entry(form: EntryForm, id: Option<i64>) -> Result<EntryCheck, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let (entry, problems) = read(&pool, &form, id, Reader::Coordinator).await?;
    let look_alikes = crate::entries::store::look_alikes(&pool, &entry, id)
        .await
        .map_err(|e| AppError::internal("looking for similar entries", e))?;
    Ok(EntryCheck {
        problems,
        look_alikes,
    })
}

/// Saves the form (a new entry when `id` is absent); a refused form changes nothing and names
/// its first problem. Answers the entry's id.
#[server(prefix = "/api/coordinator", endpoint = "directory/save")]
pub async fn save_entry(form: EntryForm, id: Option<i64>) -> Result<i64, AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let (entry, problems) = read(&pool, &form, id, Reader::Coordinator).await?;
    if let Some(first) = problems.first() {
        return Err(AppError::invalid(&first.field, first.problem));
    }
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::entries::store::save_entry(
        &pool,
        id,
        &entry,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// Deletes an entry (asked first in the page), logged with its name.
#[server(prefix = "/api/coordinator", endpoint = "directory/delete")]
pub async fn delete_entry(id: i64) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::entries::store::delete_entry(
        &pool,
        id,
        false,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// Erases an entry and the personal values of its audit trail (asked first in the page).
#[server(prefix = "/api/coordinator", endpoint = "directory/erase")]
pub async fn erase_entry(id: i64) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    crate::entries::store::delete_entry(
        &pool,
        id,
        true,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

/// Sets an entry's logo from the form's `file` field (PNG, JPEG or WebP, at most 2 MB); the
/// server decodes it and stores it re-encoded (`db::logos`). The entry's id is the `id` field.
#[server(prefix = "/api/coordinator", endpoint = "directory/logo", input = MultipartFormData)]
pub async fn upload_logo(data: MultipartData) -> Result<(), AppError> {
    use crate::entries::logos::{normalise_bounded, store};
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let mut fields = data
        .into_inner()
        .ok_or_else(|| AppError::BadRequest("not a form".into()))?;
    let (mut id, mut file) = (None, None);
    while let Some(field) = fields
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.to_string()))?
    {
        let bad = |e: &dyn std::fmt::Display| AppError::BadRequest(e.to_string());
        match field.name() {
            Some("id") => {
                id = field.text().await.map_err(|e| bad(&e))?.parse::<i64>().ok();
            }
            Some("file") => file = Some(field.bytes().await.map_err(|e| bad(&e))?),
            _ => {}
        }
    }
    let id = id.ok_or_else(|| AppError::BadRequest("no entry".into()))?;
    let file = file
        .filter(|file| !file.is_empty())
        .ok_or_else(|| AppError::invalid("logo", Problem::Required))?;
    let logo = normalise_bounded(file.to_vec())
        .await
        .map_err(|_| AppError::Unavailable)?
        .map_err(|problem| AppError::invalid("logo", problem))?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    store(
        &pool,
        id,
        &logo,
        crate::platform::audit::Actor::account(account.id, &address),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::AdminEntriesQuery;
    use crate::i18n::Lang;

    #[test]
    fn a_list_url_carries_only_what_was_chosen() {
        assert_eq!(
            AdminEntriesQuery::default().href(Lang::En),
            "/en/admin/directory"
        );
        let query = AdminEntriesQuery {
            q: Some("narva disain".into()),
            status: Some("hidden".into()),
            ..AdminEntriesQuery::default()
        };
        assert_eq!(
            query.href(Lang::Ru),
            "/ru/admin/directory?q=narva+disain&status=hidden"
        );
    }
}
