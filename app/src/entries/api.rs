//! The coordinator's server functions for entries: the list, the form (checked as typed,
//! saved, deleted, erased), logos and CSV imports. The export and the personal-data download
//! are plain downloads (`server::exports`).

use crate::entries::{
    AdminEntriesQuery, AdminEntryRow, EntryCheck, EntryEditor, EntryForm, ImportPreview,
};
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use crate::{
    accounts::{Role, require},
    entries::csv::{ImportPlan, Separator},
    entries::{Entry, EntryChoices, Rules, store},
    error::Problem,
    platform::{audit::Actor, request::client_address, vocabulary::Lists},
    shared::FieldProblem,
};

/// Every entry, hidden ones too, filtered, and searched by `q` as the public directory
/// searches (every word, by prefix, with a typo allowed in long words; name matches first).
#[server(prefix = "/api/coordinator", endpoint = "directory/entries")]
pub async fn admin_entries(
    lang: Lang,
    query: AdminEntriesQuery,
) -> Result<Vec<AdminEntryRow>, AppError> {
    require(Role::Coordinator).await?;
    Ok(store::admin_list(&crate::platform::pool()?, lang, &query).await?)
}

#[server(prefix = "/api/coordinator", endpoint = "directory/form")]
pub async fn get_entry_editor(lang: Lang, id: Option<i64>) -> Result<EntryEditor, AppError> {
    require(Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let (slug, form, logo) = match id {
        Some(id) => {
            let entry = store::entry(&pool, id).await?.ok_or(AppError::NotFound)?;
            let logo = store::logo_address(&pool, id).await?;
            (Some(entry.slug.clone()), entry.form(), logo)
        }
        None => {
            let form = EntryForm {
                published: true,
                ..EntryForm::default()
            };
            (None, form, None)
        }
    };
    Ok(EntryEditor {
        id,
        slug,
        form,
        logo,
        choices: choices(&*crate::platform::vocabulary()?, lang),
    })
}

#[server(prefix = "/api/coordinator", endpoint = "directory/check")]
pub async fn check_entry(form: EntryForm, id: Option<i64>) -> Result<EntryCheck, AppError> {
    require(Role::Coordinator).await?;
    let (pool, vocabulary) = (crate::platform::pool()?, crate::platform::vocabulary()?);
    let (entry, problems) = read(&pool, &vocabulary, &form, id, Reader::Coordinator).await?;
    let look_alikes = store::look_alikes(&pool, &entry, id).await?;
    Ok(EntryCheck {
        problems,
        look_alikes,
    })
}

/// Saves the form (a new entry when `id` is absent); a refused form changes nothing and names
/// its first problem. Answers the entry's id.
#[server(prefix = "/api/coordinator", endpoint = "directory/save")]
pub async fn save_entry(form: EntryForm, id: Option<i64>) -> Result<i64, AppError> {
    let account = require(Role::Coordinator).await?;
    let (pool, vocabulary) = (crate::platform::pool()?, crate::platform::vocabulary()?);
    let (entry, problems) = read(&pool, &vocabulary, &form, id, Reader::Coordinator).await?;
    if let Some(first) = problems.first() {
        return Err(AppError::invalid(&first.field, first.problem));
    }
    let address = client_address().await?.to_string();
    store::save(&pool, id, &entry, Actor::account(account.id, &address)).await
}

/// Deletes an entry (asked first in the page), logged with its name.
#[server(prefix = "/api/coordinator", endpoint = "directory/delete")]
pub async fn delete_entry(id: i64) -> Result<(), AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    let actor = Actor::account(account.id, &address);
    store::delete(&crate::platform::pool()?, id, false, actor).await
}

/// Erases an entry and the personal values of its audit trail (asked first in the page).
#[server(prefix = "/api/coordinator", endpoint = "directory/erase")]
pub async fn erase_entry(id: i64) -> Result<(), AppError> {
    let account = require(Role::Coordinator).await?;
    let address = client_address().await?.to_string();
    let actor = Actor::account(account.id, &address);
    store::delete(&crate::platform::pool()?, id, true, actor).await
}

/// Sets an entry's logo from the form's `file` field (PNG, JPEG or WebP, at most 2 MB); the
/// server decodes it and stores it re-encoded (`entries::logos`). The entry's id is the `id`
/// field.
#[server(prefix = "/api/coordinator", endpoint = "directory/logo", input = MultipartFormData)]
pub async fn upload_logo(data: MultipartData) -> Result<(), AppError> {
    let account = require(Role::Coordinator).await?;
    let mut fields = crate::platform::request::multipart_fields(data, &["id", "file"]).await?;
    let id = fields
        .get("id")
        .and_then(|id| std::str::from_utf8(id).ok()?.parse::<i64>().ok())
        .ok_or_else(|| AppError::BadRequest("no entry".into()))?;
    let file = fields
        .remove("file")
        .ok_or_else(|| AppError::invalid("logo", Problem::Required))?;
    let logo = crate::entries::logos::normalise_bounded(file)
        .await
        .map_err(|_| AppError::Unavailable)?
        .map_err(|problem| AppError::invalid("logo", problem))?;
    let address = client_address().await?.to_string();
    let actor = Actor::account(account.id, &address);
    store::set_logo(&crate::platform::pool()?, id, &logo, actor).await
}

/// Reads the CSV in the form's `file` field. Without `confirm`, only tells what importing it
/// would do. With `confirm` (the counts the preview showed, `new/updated`), writes every row in
/// one transaction, unless the file has problems or the directory changed since (then the new
/// preview comes back and nothing is written).
#[server(prefix = "/api/coordinator", endpoint = "directory/import", input = MultipartFormData)]
pub async fn import_directory(data: MultipartData) -> Result<ImportPreview, AppError> {
    use crate::entries::NAMES_SHOWN;
    let account = require(Role::Coordinator).await?;
    let fields = crate::platform::request::multipart_fields(data, &["file", "confirm"]).await?;
    let file = fields
        .get("file")
        .ok_or_else(|| AppError::invalid("file", Problem::Required))?;
    let (pool, vocabulary) = (crate::platform::pool()?, crate::platform::vocabulary()?);
    let plan = plan_import(&pool, &vocabulary, file).await?;
    let mut preview = ImportPreview {
        new: plan.new.len(),
        updated: plan.updated.len(),
        unchanged: plan.unchanged,
        problems: plan.problems.clone(),
        new_names: plan
            .new
            .iter()
            .take(NAMES_SHOWN)
            .map(|e| e.name.clone())
            .collect(),
        updated_names: (plan.updated.iter().take(NAMES_SHOWN))
            .map(|(_, e)| e.name.clone())
            .collect(),
        imported: false,
        changed: false,
    };
    let confirmed = fields.get("confirm").map(|c| String::from_utf8_lossy(c));
    if let Some(confirmed) = confirmed {
        if confirmed == preview.confirmation() && preview.problems.is_empty() {
            let address = client_address().await?.to_string();
            store::commit(&pool, &plan, Actor::account(account.id, &address)).await?;
            preview.imported = true;
        } else {
            preview.changed = true;
        }
    }
    Ok(preview)
}

/// Every entry as a CSV file (the coordinator's download and `server export-directory`).
#[cfg(feature = "ssr")]
pub async fn export(pool: &sqlx::SqlitePool, separator: Separator) -> Result<Vec<u8>, AppError> {
    let stored = store::entries(pool).await?;
    crate::entries::csv::write(stored.iter().map(|(_, entry)| entry), separator)
        .map_err(|e| AppError::internal("writing the directory's file", e))
}

/// What importing `file` would do to the entries stored now; [`store::commit`] writes it.
#[cfg(feature = "ssr")]
pub async fn plan_import(
    pool: &sqlx::SqlitePool,
    vocabulary: &Lists,
    file: &[u8],
) -> Result<ImportPlan, AppError> {
    let stored = store::entries(pool).await?;
    Ok(crate::entries::csv::plan(
        file,
        &Rules::now(vocabulary),
        &stored,
    ))
}

/// What an entry's form offers, labelled in `lang`.
#[cfg(feature = "ssr")]
pub fn choices(vocabulary: &Lists, lang: Lang) -> EntryChoices {
    use crate::platform::vocabulary::{KINDS, labelled};
    use crate::shared::Labelled;
    let kinds = KINDS
        .iter()
        .zip(lang.texts().directory.kinds)
        .map(|(code, label)| Labelled {
            code: (*code).to_owned(),
            label: label.to_owned(),
        })
        .collect();
    let sizes = crate::platform::vocabulary::SIZES
        .iter()
        .zip(lang.texts().directory.sizes)
        .map(|(code, label)| Labelled {
            code: (*code).to_owned(),
            label: label.to_owned(),
        })
        .collect();
    EntryChoices {
        kinds,
        sizes,
        sectors: labelled(&vocabulary.sectors, lang),
        municipalities: labelled(&vocabulary.municipalities, lang),
    }
}

/// Who reads an entry's form: the public's join form may learn only what the directory shows.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    Coordinator,
    Public,
}

/// The form read by the entry's rules: the entry, and every refused field once, by the form's
/// names, another entry's registry code included (for the public, only a published entry's).
#[cfg(feature = "ssr")]
pub async fn read(
    pool: &sqlx::SqlitePool,
    vocabulary: &Lists,
    form: &EntryForm,
    id: Option<i64>,
    reader: Reader,
) -> Result<(Entry, Vec<FieldProblem>), AppError> {
    let (entry, refused) = Rules::now(vocabulary).read(form);
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut refuse = |field: &str, problem| {
        if !problems.iter().any(|p| p.field == field) {
            problems.push(FieldProblem {
                field: field.to_owned(),
                problem,
            });
        }
    };
    for refused in refused {
        refuse(refused.field, refused.problem);
    }
    if let Some(code) = &entry.registry_code {
        let published_only = reader == Reader::Public;
        if store::registry_code_taken(pool, code, id, published_only).await? {
            refuse("registry_code", Problem::RegistryCodeTaken);
        }
    }
    Ok((entry, problems))
}
