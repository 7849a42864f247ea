//! The coordinator's directory: every entry, hidden ones too, with its form and rules
//! ([`entry`]), CSV files ([`csv`]), logos and personal data. The public side of the same
//! entries is `directory`; applications to join are `joining`, which saves through
//! [`save_in`].

pub mod api;
pub mod fields;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod entry;
#[cfg(feature = "ssr")]
pub mod logos;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use api::{Reader, choices, export, plan_import, read};
#[cfg(feature = "ssr")]
pub use csv::{ImportPlan, Separator};
#[cfg(feature = "ssr")]
pub use entry::{Entry, Rules};
#[cfg(feature = "ssr")]
pub use store::{commit, commit_in, entry as stored_entry, logo, personal_data, save_in};

use crate::i18n::Lang;
use crate::shared::{FieldProblem, Labelled};
use serde::{Deserialize, Serialize};

/// An entry's form as typed: the coordinator's, an application's, or a CSV row's cells. The
/// server reads it into an [`Entry`] by one set of rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryForm {
    pub name: String,
    pub kind: String,
    pub municipality: String,
    /// Sector codes (checkboxes `form[sectors][n]`).
    pub sectors: Vec<String>,
    pub speaks_et: bool,
    pub speaks_ru: bool,
    pub speaks_en: bool,
    /// Other language codes, comma-separated.
    pub other_languages: String,
    pub description_et: String,
    pub description_ru: String,
    pub description_en: String,
    pub services_et: String,
    pub services_ru: String,
    pub services_en: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub registry_code: String,
    pub founded_year: String,
    /// A code of `platform::vocabulary::SIZES` (or, from a file, its label); empty: not given.
    pub size: String,
    pub member: bool,
    pub published: bool,
    /// One address a line.
    pub links: String,
}

/// What an entry's form offers to choose from, labelled in the reader's language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryChoices {
    pub kinds: Vec<Labelled>,
    pub sizes: Vec<Labelled>,
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

/// The form checked as the coordinator types: every refused field, and entries it may
/// duplicate (as id and name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryCheck {
    pub problems: Vec<FieldProblem>,
    pub look_alikes: Vec<(i64, String)>,
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
    pub fn href(&self, lang: Lang) -> String {
        match serde_urlencoded::to_string(self).unwrap_or_default() {
            query if query.is_empty() => format!("/{lang}/admin/directory"),
            query => format!("/{lang}/admin/directory?{query}"),
        }
    }
}

pub use crate::shared::ImportProblem;

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
