//! The public directory: the search (an in-memory index of every published entry), its
//! results, and each entry's profile.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod text_index;

/// The search the server keeps in memory, which the server makes and the home page counts.
#[cfg(feature = "ssr")]
pub use store::index::DirectoryCache;

use crate::i18n::Lang;
use crate::shared::{Labelled, Localized};
use serde::{Deserialize, Serialize};

/// A directory search exactly as the URL carries it: every field is what the user (or a shared
/// link) sent, unvalidated. The server keeps what it understands and says what it dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DirectoryQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl DirectoryQuery {
    /// The directory URL of this search.
    pub fn href(&self, lang: Lang) -> String {
        let query = serde_urlencoded::to_string(self).unwrap_or_default();
        if query.is_empty() {
            format!("/{lang}/directory")
        } else {
            format!("/{lang}/directory?{query}")
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetOption {
    pub code: String,
    pub label: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryCard {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub municipality: String,
    pub sectors: Vec<String>,
    pub description: Localized,
    pub is_member: bool,
    pub logo: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryView {
    /// The search as understood: cut to size, unknown filter values removed.
    pub query: DirectoryQuery,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub cards: Vec<DirectoryCard>,
    pub closest: Vec<DirectoryCard>,
    pub sectors: Vec<FacetOption>,
    pub municipalities: Vec<FacetOption>,
    pub languages: Vec<FacetOption>,
    pub kinds: Vec<FacetOption>,
    pub members: usize,
    /// Filter values in the URL that mean nothing here ("sector=knitting").
    pub dropped: Vec<String>,
}

pub const PAGE_SIZE: usize = 20;

/// Everything public about one entry, labelled in the page's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationProfile {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub municipality: Labelled,
    pub sectors: Vec<Labelled>,
    pub languages: Vec<String>,
    pub description: Localized,
    pub services: Localized,
    /// Only http(s) addresses: anything else in the database is not shown as a link.
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub links: Vec<String>,
    pub registry_code: Option<String>,
    pub founded_year: Option<i64>,
    /// How many people work there ("2–9 people"), when given.
    pub size: Option<String>,
    pub is_member: bool,
    pub logo: Option<String>,
    /// The Tallinn date of the last change, written out for the page's language.
    pub updated: String,
    /// The Tallinn date its owner last confirmed it, likewise; `None` when never.
    pub confirmed: Option<String>,
    /// schema.org Organization as JSON, safe to put inside `<script>`.
    pub json_ld: String,
    /// The open funding calls its kind, sectors and municipality may apply to.
    pub calls: Vec<crate::funding::CallLink>,
}
