use crate::error::AppError;
use crate::i18n::Lang;
use crate::shared::Localized;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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

/// "Company", "Ettevõte", … for a kind code; empty for a code the catalogue does not know.
#[cfg(feature = "ssr")]
pub(crate) fn kind_label(lang: Lang, kind: &str) -> &'static str {
    crate::directory::index::KINDS
        .iter()
        .position(|k| *k == kind)
        .map(|i| lang.texts().directory.kinds[i])
        .unwrap_or_default()
}

#[server(prefix = "/api", endpoint = "directory", input = GetUrl)]
pub async fn search_directory(
    lang: Lang,
    query: DirectoryQuery,
) -> Result<DirectoryView, AppError> {
    let pool = crate::platform::pool()?;
    let cache = use_context::<crate::directory::index::DirectoryCache>()
        .ok_or_else(|| AppError::internal("directory search", "no directory cache in context"))?;
    directory_view(&pool, &cache, lang, query).await
}

/// The search behind [`search_directory`], with its dependencies passed in (the benchmark
/// calls it directly).
#[cfg(feature = "ssr")]
pub async fn directory_view(
    pool: &sqlx::SqlitePool,
    cache: &crate::directory::index::DirectoryCache,
    lang: Lang,
    query: DirectoryQuery,
) -> Result<DirectoryView, AppError> {
    use crate::directory::index::{self as directory, Filters, KINDS, LANGUAGES, Sort};
    use crate::platform::search::{MAX_QUERY_CHARS, SearchQuery};

    let table = cache
        .current(pool)
        .await
        .map_err(|e| AppError::internal("loading the directory table", e))?;
    let key = (lang, query.clone());
    if let Some(view) = table.recall(&key) {
        return Ok(view);
    }

    let mut understood = DirectoryQuery {
        q: query.q.map(|q| q.chars().take(MAX_QUERY_CHARS).collect()),
        ..DirectoryQuery::default()
    };
    let mut dropped = Vec::new();
    let mut pick =
        |name: &str, value: Option<String>, codes: &[&str], slot: &mut Option<String>| {
            let value = value?;
            match codes.iter().position(|code| *code == value) {
                Some(index) => {
                    *slot = Some(value);
                    Some(index)
                }
                None => {
                    dropped.push(format!("{name}={value}"));
                    None
                }
            }
        };
    let sector_codes: Vec<&str> = table.sector_codes.iter().map(String::as_str).collect();
    let municipality_codes: Vec<&str> = table
        .municipality_codes
        .iter()
        .map(String::as_str)
        .collect();
    let filters = Filters {
        sector: pick(
            "sector",
            query.sector,
            &sector_codes,
            &mut understood.sector,
        ),
        municipality: pick(
            "municipality",
            query.municipality,
            &municipality_codes,
            &mut understood.municipality,
        ),
        language: pick(
            "language",
            query.language,
            &LANGUAGES,
            &mut understood.language,
        ),
        kind: pick("kind", query.kind, &KINDS, &mut understood.kind),
        members_only: pick("member", query.member, &["1"], &mut understood.member).is_some(),
    };
    let search_query = SearchQuery::parse(understood.q.as_deref().unwrap_or_default());
    let sort = match query.sort.as_deref() {
        Some("name") => Sort::Name,
        Some("relevance") => Sort::Relevance,
        _ if search_query.is_empty() => Sort::Name,
        _ => Sort::Relevance,
    };
    understood.sort = query.sort.filter(|s| s == "name" || s == "relevance");
    let page = query
        .page
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1);

    let outcome = directory::search(&table, &search_query, filters, sort, page, PAGE_SIZE);
    understood.page = (outcome.page > 1).then(|| outcome.page.to_string());

    let texts = &lang.texts().directory;
    let to_cards = |rows: Vec<directory::CardRow>| -> Vec<DirectoryCard> {
        rows.into_iter()
            .map(|row| DirectoryCard {
                kind: kind_label(lang, &row.kind).to_owned(),
                municipality: table
                    .municipality_label(&row.municipality_code, lang)
                    .unwrap_or_default()
                    .to_owned(),
                sectors: row
                    .sectors
                    .unwrap_or_default()
                    .split(' ')
                    .filter_map(|code| table.sector_label(code, lang))
                    .map(str::to_owned)
                    .collect(),
                description: Localized::new(
                    row.description_et,
                    row.description_ru,
                    row.description_en,
                )
                .only_shown(lang),
                is_member: row.is_member,
                logo: row.logo,
                slug: row.slug,
                name: row.name,
            })
            .collect()
    };
    let cards = to_cards(
        directory::cards(pool, &outcome.ids)
            .await
            .map_err(|e| AppError::internal("loading cards", e))?,
    );
    let closest = to_cards(
        directory::cards(pool, &outcome.closest)
            .await
            .map_err(|e| AppError::internal("loading cards", e))?,
    );
    let options = |codes: &[String], labels: &dyn Fn(usize) -> String, counts: &[usize]| {
        codes
            .iter()
            .zip(counts)
            .enumerate()
            .map(|(i, (code, count))| FacetOption {
                code: code.clone(),
                label: labels(i),
                count: *count,
            })
            .collect::<Vec<_>>()
    };
    let owned = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let view = DirectoryView {
        total: outcome.total,
        page: outcome.page,
        pages: outcome.pages,
        cards,
        closest,
        sectors: options(
            &table.sector_codes,
            &|i| table.sector_labels[i].get(lang).clone(),
            &outcome.facets.sectors,
        ),
        municipalities: options(
            &table.municipality_codes,
            &|i| table.municipality_labels[i].get(lang).clone(),
            &outcome.facets.municipalities,
        ),
        languages: options(
            &owned(&LANGUAGES),
            &|i| texts.languages[i].to_owned(),
            &outcome.facets.languages,
        ),
        kinds: options(
            &owned(&KINDS),
            &|i| texts.kinds[i].to_owned(),
            &outcome.facets.kinds,
        ),
        members: outcome.facets.members,
        dropped,
        query: understood,
    };
    table.remember(key, &view);
    Ok(view)
}
