//! The coordinator's directory files: a CSV read back into the directory, first as a preview
//! (nothing written), then, confirmed with the counts the coordinator saw, all rows at once.
//! The export is a plain download (`server::exports::directory_csv`).

use crate::error::{AppError, Problem};
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
    use crate::db::directory_csv::{commit, plan};
    let account = crate::auth::require(crate::domain::account::Role::Coordinator).await?;
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
    let pool = crate::api::pool()?;
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
    };
    if confirm.as_deref() == Some(preview.confirmation().as_str()) && preview.problems.is_empty() {
        let address = crate::auth::client_address().await?.to_string();
        commit(&pool, &planned, Some(account.id), Some(&address)).await?;
        preview.imported = true;
    }
    Ok(preview)
}
