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
