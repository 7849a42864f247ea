//! The directory search: an in-memory table of every published entry (per filter option the set
//! of its rows, and the text index), made again when the directory changes, and the answers it
//! gives. A search with facet counts over 50,000 entries runs there in about half a millisecond.

use super::{CardRow, TableRow, table_rows};
use crate::directory::text_index::TextIndex;
use crate::directory::{DirectoryCard, DirectoryQuery, DirectoryView, FacetOption, PAGE_SIZE};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::platform::cache::Versioned;
use crate::platform::db::Result;
use crate::platform::search::{MAX_QUERY_CHARS, SearchQuery};
use crate::platform::vocabulary::{KINDS, LANGUAGES, Term, Vocabulary, kind_label, label};
use crate::shared::Localized;
use fixedbitset::FixedBitSet;
use sqlx::SqlitePool;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

/// Per option of each filter, the rows (by position) that have it: a search counts an
/// option's entries by intersecting sets of bits, a few thousand words however many match.
#[derive(Debug)]
struct Options {
    sectors: Vec<FixedBitSet>,
    municipalities: Vec<FixedBitSet>,
    languages: Vec<FixedBitSet>,
    kinds: Vec<FixedBitSet>,
    members: FixedBitSet,
}

/// Every published entry, loaded from the database at one directory version. Rows are in
/// name order, so a row's position is its place in a list sorted by name.
#[derive(Debug)]
pub struct DirectoryTable {
    sector_codes: Vec<String>,
    municipality_codes: Vec<String>,
    /// The entries' ids, row for row.
    ids: Vec<i64>,
    options: Options,
    /// The rows' text, row for row.
    text: TextIndex,
    /// Published entries, members, and the places they are in (the home page's figures).
    figures: (usize, usize, usize),
    /// Recent answers at this version, by page language and query as sent: the empty
    /// directory, a sector, a popular word are asked again and again. A change to the
    /// directory makes a new table, so an answer is never stale.
    answers: Option<Mutex<lru::LruCache<(Lang, DirectoryQuery), DirectoryView>>>,
    /// The cards shown lately at this version, by id: searches that differ still show many of
    /// the same entries on their first pages, and these need no trip to the database.
    cards: Mutex<lru::LruCache<i64, CardRow>>,
}

/// Answers kept per table; each is a page of cards and the facet lists, a few kilobytes.
const ANSWERS_KEPT: NonZeroUsize = NonZeroUsize::new(256).unwrap();
/// Cards kept per table; each is an entry's name and descriptions, a kilobyte or two.
const CARDS_KEPT: NonZeroUsize = NonZeroUsize::new(2048).unwrap();

impl DirectoryTable {
    /// The table of `rows` (every published entry), coded by `vocabulary`.
    fn build(mut rows: Vec<TableRow>, vocabulary: &Vocabulary, keep_answers: bool) -> Self {
        let codes = |terms: &[Term]| terms.iter().map(|t| t.code.clone()).collect::<Vec<_>>();
        let (sector_codes, municipality_codes) = (
            codes(&vocabulary.sectors),
            codes(&vocabulary.municipalities),
        );
        // The normalised name is the sort key: "Õlu" sorts with "olu", Cyrillic by its Latin form.
        rows.sort_by(|a, b| a.search_name.cmp(&b.search_name).then(a.id.cmp(&b.id)));
        let text = TextIndex::build(
            rows.iter()
                .map(|row| (row.search_name.as_str(), row.search_body.as_str())),
        );
        let index_of = |list: &[String], code: &str| list.iter().position(|c| c == code);
        let sets = |count: usize| vec![FixedBitSet::with_capacity(rows.len()); count];
        let mut options = Options {
            sectors: sets(sector_codes.len()),
            municipalities: sets(municipality_codes.len()),
            languages: sets(LANGUAGES.len()),
            kinds: sets(KINDS.len()),
            members: FixedBitSet::with_capacity(rows.len()),
        };
        /// The codes of a space-separated list.
        fn listed(list: &Option<String>) -> impl Iterator<Item = &str> {
            list.as_deref()
                .unwrap_or_default()
                .split(' ')
                .filter(|code| !code.is_empty())
        }
        for (position, row) in rows.iter().enumerate() {
            for code in listed(&row.sectors) {
                if let Some(sector) = index_of(&sector_codes, code) {
                    options.sectors[sector].insert(position);
                }
            }
            let municipality = index_of(&municipality_codes, &row.municipality_code).unwrap_or(0);
            if let Some(set) = options.municipalities.get_mut(municipality) {
                set.insert(position);
            }
            for code in listed(&row.languages) {
                let language = LANGUAGES.iter().position(|l| *l == code).unwrap_or(3);
                options.languages[language].insert(position);
            }
            let kind = KINDS
                .iter()
                .position(|k| *k == row.kind)
                .unwrap_or(KINDS.len() - 1);
            options.kinds[kind].insert(position);
            options.members.set(position, row.is_member);
        }
        let places = options
            .municipalities
            .iter()
            .filter(|set| !set.is_clear())
            .count();
        Self {
            sector_codes,
            municipality_codes,
            figures: (rows.len(), options.members.count_ones(..), places),
            ids: rows.iter().map(|row| row.id).collect(),
            options,
            text,
            answers: keep_answers.then(|| Mutex::new(lru::LruCache::new(ANSWERS_KEPT))),
            cards: Mutex::new(lru::LruCache::new(CARDS_KEPT)),
        }
    }

    /// The cards of `ids`, in their order: those kept from memory, the others from the database.
    async fn cards(&self, pool: &SqlitePool, ids: &[i64]) -> Result<Vec<CardRow>> {
        let kept: Vec<Option<CardRow>> = {
            let mut cards = self.cards.lock().expect("card cache lock");
            ids.iter().map(|id| cards.get(id).cloned()).collect()
        };
        let missing: Vec<i64> = ids
            .iter()
            .zip(&kept)
            .filter(|(_, card)| card.is_none())
            .map(|(id, _)| *id)
            .collect();
        let mut fetched = super::cards(pool, &missing).await?.into_iter().peekable();
        let mut cards = self.cards.lock().expect("card cache lock");
        let mut found = Vec::with_capacity(ids.len());
        for (id, card) in ids.iter().zip(kept) {
            // The fetched cards come in the order of `missing`; an entry gone since is skipped.
            let card = card.or_else(|| {
                let card = fetched.next_if(|row| row.id == *id)?;
                cards.put(card.id, card.clone());
                Some(card)
            });
            found.extend(card);
        }
        Ok(found)
    }

    /// The answer given earlier to the same search, if still kept.
    pub fn recall(&self, key: &(Lang, DirectoryQuery)) -> Option<DirectoryView> {
        let answers = self.answers.as_ref()?;
        answers.lock().expect("answer cache lock").get(key).cloned()
    }

    pub fn remember(&self, key: (Lang, DirectoryQuery), view: &DirectoryView) {
        if let Some(answers) = &self.answers {
            answers
                .lock()
                .expect("answer cache lock")
                .put(key, view.clone());
        }
    }

    /// The home page's figures: published entries, members, and the places they are in.
    /// Counted once when the table is made, not per request.
    pub fn figures(&self) -> (usize, usize, usize) {
        self.figures
    }
}

/// The current [`DirectoryTable`], made again when another writer has changed the directory.
#[derive(Clone)]
pub struct DirectoryCache {
    table: Versioned<DirectoryTable>,
    keep_answers: bool,
}

impl Default for DirectoryCache {
    fn default() -> Self {
        Self {
            table: Versioned::new("directory_version"),
            keep_answers: true,
        }
    }
}

impl DirectoryCache {
    /// A cache that never answers from memory: every search is computed (for the benchmark).
    pub fn without_answers() -> Self {
        Self {
            keep_answers: false,
            ..Self::default()
        }
    }

    pub async fn current(
        &self,
        pool: &SqlitePool,
        vocabulary: &Vocabulary,
    ) -> Result<Arc<DirectoryTable>> {
        let keep_answers = self.keep_answers;
        self.table
            .current(pool, || async {
                let (version, rows) = table_rows(pool).await?;
                let table = DirectoryTable::build(rows, vocabulary, keep_answers);
                Ok((version, table))
            })
            .await
    }

    /// The directory's answer to `query` in `lang`: the page of results with their cards, the
    /// filters' counts, and what of the query was not understood.
    pub async fn answer(
        &self,
        pool: &SqlitePool,
        vocabulary: &Vocabulary,
        lang: Lang,
        query: DirectoryQuery,
    ) -> Result<DirectoryView, AppError> {
        let table = self.current(pool, vocabulary).await?;
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

        let outcome = search(&table, &search_query, filters, sort, page, PAGE_SIZE);
        understood.page = (outcome.page > 1).then(|| outcome.page.to_string());

        let texts = &lang.texts().directory;
        let to_cards = |rows: Vec<CardRow>| -> Vec<DirectoryCard> {
            rows.into_iter()
                .map(|row| DirectoryCard {
                    kind: kind_label(lang, &row.kind).to_owned(),
                    municipality: label(&vocabulary.municipalities, &row.municipality_code, lang)
                        .unwrap_or_default()
                        .to_owned(),
                    sectors: row
                        .sectors
                        .unwrap_or_default()
                        .split(' ')
                        .filter_map(|code| label(&vocabulary.sectors, code, lang))
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
        let cards = to_cards(table.cards(pool, &outcome.ids).await?);
        let closest = to_cards(table.cards(pool, &outcome.closest).await?);
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
                &|i| vocabulary.sectors[i].label.get(lang).clone(),
                &outcome.facets.sectors,
            ),
            municipalities: options(
                &table.municipality_codes,
                &|i| vocabulary.municipalities[i].label.get(lang).clone(),
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
}

/// Filters by position in the table's lists (already validated).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub sector: Option<usize>,
    pub municipality: Option<usize>,
    pub language: Option<usize>,
    pub kind: Option<usize>,
    pub members_only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Name,
}

/// Counts per filter value: each counts the entries that match the query and every *other*
/// filter with that value chosen, so the numbers say what choosing it would give.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub sectors: Vec<usize>,
    pub municipalities: Vec<usize>,
    pub languages: Vec<usize>,
    pub kinds: Vec<usize>,
    pub members: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchOutcome {
    pub total: usize,
    /// The ids on the requested page, in order.
    pub ids: Vec<i64>,
    pub page: usize,
    pub pages: usize,
    pub facets: Facets,
    /// With no results: the closest matches (most of the words instead of all).
    pub closest: Vec<i64>,
}

impl Filters {
    /// The chosen option's rows of each filter, in the order sector, municipality, language,
    /// kind, members (`None`: that filter is not used).
    fn chosen(self, options: &Options) -> [Option<&FixedBitSet>; 5] {
        [
            self.sector.map(|s| &options.sectors[s]),
            self.municipality.map(|m| &options.municipalities[m]),
            self.language.map(|l| &options.languages[l]),
            self.kind.map(|k| &options.kinds[k]),
            self.members_only.then_some(&options.members),
        ]
    }
}

/// `rows` within every chosen option but the one at `skip`.
fn within(
    rows: &FixedBitSet,
    chosen: &[Option<&FixedBitSet>; 5],
    skip: Option<usize>,
) -> FixedBitSet {
    let mut within = rows.clone();
    for (dimension, set) in chosen.iter().enumerate() {
        if let Some(set) = set
            && skip != Some(dimension)
        {
            within.intersect_with(set);
        }
    }
    within
}

fn all_rows(count: usize) -> FixedBitSet {
    let mut all = FixedBitSet::with_capacity(count);
    all.insert_range(..);
    all
}

/// Searches the table: text, filters, facet counts, sorting and the page. Pure computation
/// over memory; the caller fetches the cards of the ids.
pub fn search(
    table: &DirectoryTable,
    query: &SearchQuery,
    filters: Filters,
    sort: Sort,
    page: usize,
    page_size: usize,
) -> SearchOutcome {
    // Positions with their text score, in name order; an empty query matches every row.
    let found = table.text.search(query);
    let matched = match &found {
        Some(found) => {
            let mut matched = FixedBitSet::with_capacity(table.ids.len());
            found
                .iter()
                .for_each(|&(row, _)| matched.insert(row as usize));
            matched
        }
        None => all_rows(table.ids.len()),
    };
    // Each option counts the entries that match the text and every *other* filter.
    let chosen = filters.chosen(&table.options);
    let counts = |dimension: usize, sets: &[FixedBitSet]| {
        let base = within(&matched, &chosen, Some(dimension));
        sets.iter()
            .map(|set| base.intersection_count(set))
            .collect()
    };
    let facets = Facets {
        sectors: counts(0, &table.options.sectors),
        municipalities: counts(1, &table.options.municipalities),
        languages: counts(2, &table.options.languages),
        kinds: counts(3, &table.options.kinds),
        members: within(&matched, &chosen, Some(4)).intersection_count(&table.options.members),
    };

    let hits = within(&matched, &chosen, None);
    let total = hits.count_ones(..);
    let pages = total.div_ceil(page_size).max(1);
    let page = page.clamp(1, pages);
    let (start, end) = ((page - 1) * page_size, (page * page_size).min(total));
    let rows: Vec<usize> = match found {
        Some(mut ranked) if sort == Sort::Relevance && end > 0 => {
            ranked.retain(|&(row, _)| hits.contains(row as usize));
            // Best score first, ties in name order (the position); only the rows up to the
            // page's end are put in order.
            let key = |&(row, score): &(u32, u32)| (std::cmp::Reverse(score), row);
            if end < ranked.len() {
                ranked.select_nth_unstable_by_key(end - 1, key);
                ranked.truncate(end);
            }
            ranked.sort_unstable_by_key(key);
            ranked[start..]
                .iter()
                .map(|&(row, _)| row as usize)
                .collect()
        }
        _ => hits.ones().skip(start).take(end - start).collect(),
    };
    let ids = rows.into_iter().map(|row| table.ids[row]).collect();
    let closest = if total == 0 && query.words().len() > 1 {
        closest_matches(
            table,
            query,
            &within(&all_rows(table.ids.len()), &chosen, None),
        )
    } else {
        Vec::new()
    };
    SearchOutcome {
        total,
        ids,
        page,
        pages,
        facets,
        closest,
    }
}

/// When all words together find nothing: the entries (of `filtered`, the rows within the
/// filters) that match the most of the words, best first.
fn closest_matches(
    table: &DirectoryTable,
    query: &SearchQuery,
    filtered: &FixedBitSet,
) -> Vec<i64> {
    let mut matched = vec![(0u32, 0u32); table.ids.len()];
    for word in query.words() {
        for (row, score) in table
            .text
            .search(&SearchQuery::parse(word))
            .unwrap_or_default()
        {
            let slot = &mut matched[row as usize];
            slot.0 += 1;
            slot.1 += score;
        }
    }
    let mut closest: Vec<(usize, (u32, u32))> = matched
        .into_iter()
        .enumerate()
        .filter(|&(row, (words, _))| words > 0 && filtered.contains(row))
        .collect();
    // Stable: ties stay in name order.
    closest.sort_by_key(|&(_, key)| std::cmp::Reverse(key));
    closest
        .into_iter()
        .take(5)
        .map(|(row, _)| table.ids[row])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entries::Entry;
    use crate::platform::db::test_pool;
    use crate::shared::Localized;

    struct Fixture {
        pool: SqlitePool,
        table: Arc<DirectoryTable>,
    }

    fn entry(
        slug: &str,
        name: &str,
        municipality: &str,
        sectors: &[&str],
        languages: &[&str],
        description: &str,
    ) -> Entry {
        Entry {
            name: name.into(),
            kind: if slug.ends_with("ngo") {
                "non-profit".into()
            } else {
                "company".into()
            },
            description: Localized::new(Some(description.into()), None, None),
            is_member: slug.starts_with("member"),
            sectors: sectors.iter().map(|s| (*s).into()).collect(),
            languages: languages.iter().map(|l| (*l).into()).collect(),
            ..Entry::sample(slug, municipality)
        }
    }

    async fn fixture() -> Fixture {
        let pool = test_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        for e in [
            entry(
                "member-disain",
                "Jõhvi Disainistuudio",
                "johvi",
                &["design"],
                &["et", "ru"],
                "Graafiline disain ja brändid.",
            ),
            entry(
                "narva-video",
                "Видеостудия Нарва",
                "narva",
                &["film"],
                &["ru"],
                "Съёмка и монтаж.",
            ),
            entry(
                "member-teater-ngo",
                "Kohtla-Järve Teater",
                "kohtla-jarve",
                &["performing-arts"],
                &["ru", "et"],
                "Noorteteater.",
            ),
            entry(
                "zukovski",
                "Žukovski Muusika",
                "sillamae",
                &["music"],
                &["ru", "uk"],
                "Salvestusstuudio Sillamäel.",
            ),
            entry(
                "design-mention",
                "Rannaküla Pood",
                "narva-joesuu",
                &["heritage-crafts"],
                &["et"],
                "Käsitöö ja disain suvitajatele.",
            ),
        ] {
            crate::entries::store::insert(&mut conn, &[(&e, &e.slug)])
                .await
                .unwrap();
        }
        drop(conn);
        let vocabulary = Vocabulary::load(&pool).await.unwrap();
        let table = DirectoryCache::default()
            .current(&pool, &vocabulary)
            .await
            .unwrap();
        Fixture { pool, table }
    }

    impl Fixture {
        async fn find(&self, q: &str, filters: Filters) -> SearchOutcome {
            search(
                &self.table,
                &SearchQuery::parse(q),
                filters,
                Sort::Relevance,
                1,
                20,
            )
        }

        async fn names(&self, q: &str) -> Vec<String> {
            let outcome = self.find(q, Filters::default()).await;
            let mut names = Vec::new();
            for id in outcome.ids {
                names.push(
                    sqlx::query_scalar("SELECT name FROM organisations WHERE id = ?")
                        .bind(id)
                        .fetch_one(&self.pool)
                        .await
                        .unwrap(),
                );
            }
            names
        }
    }

    #[tokio::test]
    async fn diacritics_and_case_are_folded() {
        let f = fixture().await;
        assert_eq!(f.names("johvi").await, ["Jõhvi Disainistuudio"]);
        assert_eq!(f.names("ZUKOVSKI").await, ["Žukovski Muusika"]);
        assert_eq!(
            f.names("joesuu").await,
            ["Rannaküla Pood"],
            "municipality names are indexed"
        );
    }

    #[tokio::test]
    async fn latin_finds_cyrillic_and_back() {
        let f = fixture().await;
        assert_eq!(
            f.names("narva").await.first().map(String::as_str),
            Some("Видеостудия Нарва")
        );
        assert_eq!(
            f.names("Нарва").await.first().map(String::as_str),
            Some("Видеостудия Нарва")
        );
        assert!(
            f.names("театр")
                .await
                .contains(&"Kohtla-Järve Teater".to_owned())
        );
    }

    #[tokio::test]
    async fn prefixes_match_while_typing_and_names_rank_first() {
        let f = fixture().await;
        let names = f.names("dis").await;
        assert_eq!(
            names.first().map(String::as_str),
            Some("Jõhvi Disainistuudio"),
            "{names:?}"
        );
        assert!(
            names.contains(&"Rannaküla Pood".to_owned()),
            "description and sector label match too"
        );
    }

    #[tokio::test]
    async fn one_typo_in_a_long_word_still_finds_it() {
        let f = fixture().await;
        assert!(
            f.names("dizain")
                .await
                .contains(&"Rannaküla Pood".to_owned())
        );
        assert_eq!(
            f.names("muusica").await.first().map(String::as_str),
            Some("Žukovski Muusika")
        );
    }

    #[tokio::test]
    async fn fts_syntax_is_searched_as_text_without_error() {
        let f = fixture().await;
        for q in [
            "\"",
            "*",
            "-",
            ":",
            "(",
            ")",
            "NEAR(",
            "AND",
            "OR NOT",
            "a\"b",
            "name:x",
            "\"unbalanced",
        ] {
            f.find(q, Filters::default()).await;
        }
        assert_eq!(
            f.names("\"Žukovski\" OR").await,
            Vec::<String>::new(),
            "OR is a word here, and no entry has it"
        );
    }

    #[tokio::test]
    async fn filters_combine_and_facets_count_what_choosing_would_give() {
        let f = fixture().await;
        let ru = LANGUAGES.iter().position(|l| *l == "ru");
        let everything = f.find("", Filters::default()).await;
        assert_eq!(everything.total, 5);
        assert_eq!(everything.facets.languages[ru.unwrap()], 4);
        assert_eq!(everything.facets.members, 2);

        let russian_members = f
            .find(
                "",
                Filters {
                    language: ru,
                    members_only: true,
                    ..Filters::default()
                },
            )
            .await;
        assert_eq!(russian_members.total, 2);
        // The language counts ignore the language filter itself but keep the member filter.
        assert_eq!(russian_members.facets.languages[0], 2);
        let other = LANGUAGES.iter().position(|l| *l == "other").unwrap();
        assert_eq!(
            everything.facets.languages[other], 1,
            "Ukrainian counts as another language"
        );
    }

    #[tokio::test]
    async fn a_page_past_the_end_shows_the_last_page() {
        let f = fixture().await;
        let outcome = search(
            &f.table,
            &SearchQuery::parse(""),
            Filters::default(),
            Sort::Name,
            99,
            2,
        );
        assert_eq!((outcome.page, outcome.pages, outcome.ids.len()), (3, 3, 1));
    }

    #[tokio::test]
    async fn the_pages_of_a_ranked_search_follow_one_order() {
        let f = fixture().await;
        let ranked = |page, page_size| {
            search(
                &f.table,
                &SearchQuery::parse("s"),
                Filters::default(),
                Sort::Relevance,
                page,
                page_size,
            )
        };
        let all = ranked(1, 20);
        assert!(all.total >= 4, "{all:?}");
        let paged: Vec<i64> = (1..=all.total.div_ceil(2))
            .flat_map(|page| ranked(page, 2).ids)
            .collect();
        assert_eq!(
            paged, all.ids,
            "page after page, the order of the whole list"
        );
    }

    #[tokio::test]
    async fn no_result_offers_the_closest_matches() {
        let f = fixture().await;
        let outcome = f.find("johvi xylofon", Filters::default()).await;
        assert_eq!(outcome.total, 0);
        assert_eq!(outcome.closest.len(), 1);
    }

    #[tokio::test]
    async fn without_a_query_entries_are_in_name_order_across_scripts() {
        let f = fixture().await;
        let names = f.names("").await;
        // "Видеостудия" sorts as "videostudiia", "Žukovski" as "zukovski".
        assert_eq!(
            names,
            [
                "Jõhvi Disainistuudio",
                "Kohtla-Järve Teater",
                "Rannaküla Pood",
                "Видеостудия Нарва",
                "Žukovski Muusika"
            ]
        );
    }

    #[tokio::test]
    async fn the_cache_follows_changes_made_elsewhere() {
        let f = fixture().await;
        let cache = DirectoryCache::default();
        let vocabulary = Vocabulary::load(&f.pool).await.unwrap();
        assert_eq!(
            cache.current(&f.pool, &vocabulary).await.unwrap().ids.len(),
            5
        );
        sqlx::query("UPDATE organisations SET is_published = 0 WHERE slug = 'zukovski'")
            .execute(&f.pool)
            .await
            .unwrap();
        assert_eq!(
            cache.current(&f.pool, &vocabulary).await.unwrap().ids.len(),
            4
        );
    }

    #[tokio::test]
    async fn the_home_pages_figures_count_only_published_entries() {
        let f = fixture().await;
        // Five published entries, two of them members, in five places; then one hidden.
        assert_eq!(f.table.figures(), (5, 2, 5));
        sqlx::query("UPDATE organisations SET is_published = 0 WHERE slug = 'member-disain'")
            .execute(&f.pool)
            .await
            .unwrap();
        let vocabulary = Vocabulary::load(&f.pool).await.unwrap();
        let table = DirectoryCache::default()
            .current(&f.pool, &vocabulary)
            .await
            .unwrap();
        assert_eq!(table.figures(), (4, 1, 4));
    }
}
