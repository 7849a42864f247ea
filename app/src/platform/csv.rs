//! A CSV file as spreadsheets write it, read for an import: an optional BOM, UTF-8, commas or
//! semicolons (the header line tells which), a header of known columns (trimmed, any case), and
//! records each with the line it starts on, as a text editor counts. What is wrong with the
//! file as a whole, or with one row's shape, is an [`ImportProblem`] with its line and column;
//! each feature reads the cells.

use crate::error::Problem;
use crate::shared::ImportProblem;
use crate::shared::text::unguard_cell;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    Comma,
    /// What Estonian Excel writes and expects.
    Semicolon,
}

impl Separator {
    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
        }
    }

    /// The separator a file uses: the one its header line has more of.
    fn of(text: &str) -> Separator {
        let header = text.lines().next().unwrap_or_default();
        if header.matches(';').count() > header.matches(',').count() {
            Separator::Semicolon
        } else {
            Separator::Comma
        }
    }
}

/// A problem of a whole line.
pub fn whole_line(line: u64, problem: Problem, value: String) -> ImportProblem {
    ImportProblem {
        line,
        column: String::new(),
        problem,
        value,
    }
}

/// One record's cells by column (trimmed, a spreadsheet guard taken off), and its line.
pub struct Row {
    pub line: u64,
    cells: HashMap<String, String>,
}

impl Row {
    pub fn cell(&self, column: &str) -> &str {
        self.cells
            .get(column)
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// The cell as yes or no, in any of the three languages or as a spreadsheet writes it
    /// (`TRUE`, `1`, `x`); `default` when empty; else a problem, with the default.
    pub fn yes_no(&self, column: &str, default: bool, problems: &mut Vec<ImportProblem>) -> bool {
        match self.cell(column).to_lowercase().as_str() {
            "" => default,
            "yes" | "y" | "true" | "1" | "x" | "jah" | "да" => true,
            "no" | "n" | "false" | "0" | "ei" | "нет" => false,
            _ => {
                problems.push(ImportProblem {
                    line: self.line,
                    column: column.to_owned(),
                    problem: Problem::NotYesOrNo,
                    value: self.cell(column).to_owned(),
                });
                default
            }
        }
    }
}

/// The rows of `file` whose header has only `known` columns and every `required` one; blank
/// rows are skipped. Problems of the file as a whole end the reading; a row that is not one
/// (a broken quote, more cells than the header) is a problem in its place.
pub fn read(
    file: &[u8],
    known: &[&str],
    required: &[&str],
) -> Result<Vec<Result<Row, ImportProblem>>, Vec<ImportProblem>> {
    let file = file.strip_prefix("\u{feff}".as_bytes()).unwrap_or(file);
    let text = match std::str::from_utf8(file) {
        Ok(text) => text,
        Err(error) => {
            let before = &file[..error.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            return Err(vec![whole_line(line, Problem::NotUtf8, String::new())]);
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(Separator::of(text).byte())
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(error) => return Err(vec![whole_line(1, Problem::NotACsvFile, error.to_string())]),
    };
    let mut problems = Vec::new();
    for column in &header {
        if !known.contains(&column.as_str()) {
            problems.push(ImportProblem {
                line: 1,
                column: column.clone(),
                problem: Problem::UnknownColumn,
                value: column.clone(),
            });
        }
    }
    for column in required {
        if !header.iter().any(|h| h == column) {
            problems.push(ImportProblem {
                line: 1,
                column: (*column).to_owned(),
                problem: Problem::MissingColumn,
                value: String::new(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut lines = Lines::new(text);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| lines.of(p.byte()));
                rows.push(Err(whole_line(
                    line,
                    Problem::NotACsvFile,
                    error.to_string(),
                )));
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| lines.of(p.byte()));
        if record.len() > header.len() {
            let cells = record.len().to_string();
            rows.push(Err(whole_line(line, Problem::TooManyCells, cells)));
            continue;
        }
        let cells = header
            .iter()
            .cloned()
            .zip(
                record
                    .iter()
                    .map(|cell| unguard_cell(cell).trim().to_owned()),
            )
            .collect();
        rows.push(Ok(Row { line, cells }));
    }
    Ok(rows)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const COLUMNS: [&str; 3] = ["name", "kind", "note"];

    proptest! {
        /// Any bytes at all: rows or problems, each on a line the file has.
        #[test]
        fn any_file_is_read_or_refused_with_lines_it_has(
            file in prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..400),
                "\\PC{0,300}".prop_map(String::into_bytes),
                "(name|kind|note|x|\"|;|,|\r|\n| |'|=|ä){0,120}".prop_map(String::into_bytes),
            ]
        ) {
            let lines = file.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            match read(&file, &COLUMNS, &["name"]) {
                Ok(rows) => {
                    for row in rows {
                        let line = match row {
                            Ok(row) => row.line,
                            Err(problem) => problem.line,
                        };
                        prop_assert!((1..=lines).contains(&line), "line {line} of {lines}");
                    }
                }
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    prop_assert!(problems.iter().all(|p| (1..=lines).contains(&p.line)));
                }
            }
        }

        /// What a spreadsheet writes (quotes, separators and line breaks in cells, either
        /// separator, either line end) reads back cell for cell, each row on its first line.
        #[test]
        fn a_written_table_reads_back_with_its_lines(
            table in proptest::collection::vec(
                proptest::collection::vec("(\\PC|[\";,\n])*", COLUMNS.len()),
                0..12,
            ),
            semicolons: bool,
            windows: bool,
        ) {
            let separator = if semicolons { Separator::Semicolon } else { Separator::Comma };
            let mut writer = csv::WriterBuilder::new()
                .delimiter(separator.byte())
                .terminator(if windows { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
                .from_writer(Vec::new());
            writer.write_record(COLUMNS).unwrap();
            writer.flush().unwrap();
            let mut expected = Vec::new();
            for cells in &table {
                let line = writer.get_ref().iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                writer.write_record(cells).unwrap();
                writer.flush().unwrap();
                if cells.iter().any(|cell| !cell.trim().is_empty()) {
                    let read: Vec<String> =
                        cells.iter().map(|cell| unguard_cell(cell).trim().to_owned()).collect();
                    expected.push((line, read));
                }
            }
            let file = writer.into_inner().unwrap();
            let rows = read(&file, &COLUMNS, &["name"]).unwrap();
            let found: Vec<(u64, Vec<String>)> = rows
                .into_iter()
                .map(|row| {
                    let row = row.unwrap();
                    (row.line, COLUMNS.iter().map(|c| row.cell(c).to_owned()).collect())
                })
                .collect();
            prop_assert_eq!(found, expected);
        }
    }
}
