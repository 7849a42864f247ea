//! Calls imported from a CSV file (a list kept in a spreadsheet): one call a row, the columns
//! named as the form's fields, lists in one cell (`;`, `,` or lines between items), each row
//! read by the form's own rules into a call with its status, every problem with its line and
//! column. The store adds them, when the file has no problem, in one transaction.

use crate::error::Problem;
use crate::funding::CallStatus;
use crate::funding::form::CallForm;
use crate::funding::model::Call;
use crate::funding::rules::validate;
use crate::platform::csv::{Row, read, whole_line};
use crate::platform::vocabulary::{Lists, Term};
use crate::shared::ImportProblem;
use std::collections::HashSet;

/// The columns a file may have.
pub const COLUMNS: [&str; 23] = [
    "funder",
    "funder_entry",
    "programme",
    "title_et",
    "title_ru",
    "title_en",
    "summary_et",
    "summary_ru",
    "summary_en",
    "kinds",
    "sectors",
    "municipalities",
    "amount_min",
    "amount_max",
    "self_financing",
    "url",
    "contact",
    "opens_on",
    "deadlines",
    "rule_days",
    "rule_time",
    "rule_next_working_day",
    "status",
];
const REQUIRED: [&str; 1] = ["funder"];
/// The most rows a file may have.
pub const MOST_ROWS: usize = 1000;

/// What an import would add: each call with the line it is on and its status.
#[derive(Clone, Debug, Default)]
pub struct CallsPlan {
    pub calls: Vec<(u64, Call, CallStatus)>,
    pub problems: Vec<ImportProblem>,
}

/// Reads `file` into the calls it would add.
pub fn plan(file: &[u8], vocabulary: &Lists) -> CallsPlan {
    let mut plan = CallsPlan::default();
    let rows = match read(file, &COLUMNS, &REQUIRED) {
        Ok(rows) => rows,
        Err(problems) => {
            plan.problems = problems;
            return plan;
        }
    };
    let mut seen = HashSet::new();
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                plan.problems.push(problem);
                continue;
            }
        };
        if plan.calls.len() + plan.problems.len() >= MOST_ROWS {
            plan.problems.push(whole_line(
                row.line,
                Problem::TooLong,
                MOST_ROWS.to_string(),
            ));
            break;
        }
        let (form, status, mut problems) = form_of(&row, vocabulary);
        match validate(&form, vocabulary) {
            Ok(call) => {
                let identity = (
                    call.funder.to_lowercase(),
                    crate::i18n::Lang::ALL.map(|lang| call.title.get(lang).map(str::to_lowercase)),
                );
                if !seen.insert(identity) {
                    problems.push(whole_line(
                        row.line,
                        Problem::DuplicateInFile,
                        call.funder.clone(),
                    ));
                }
                if problems.is_empty() {
                    plan.calls.push((row.line, call, status));
                }
            }
            Err(refused) => problems.extend(refused.into_iter().map(|refused| ImportProblem {
                line: row.line,
                value: row.cell(&refused.field).to_owned(),
                column: refused.field,
                problem: refused.problem,
            })),
        }
        plan.problems.extend(problems);
    }
    plan
}

/// The items of a list cell.
fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// A list cell's codes: each item a code, or a label in any language.
fn codes(cell: &str, terms: &[Term]) -> Vec<String> {
    items(cell)
        .map(|item| {
            terms
                .iter()
                .find(|term| {
                    term.code == item
                        || [&term.label.et, &term.label.ru, &term.label.en]
                            .iter()
                            .any(|label| label.eq_ignore_ascii_case(item))
                })
                .map_or_else(|| item.to_owned(), |term| term.code.clone())
        })
        .collect()
}

/// The row as the form it stands for, its status, and the problems only a file has.
fn form_of(row: &Row, vocabulary: &Lists) -> (CallForm, CallStatus, Vec<ImportProblem>) {
    let mut problems = Vec::new();
    let status = match row.cell("status").to_lowercase().as_str() {
        "" => CallStatus::Draft,
        code => CallStatus::from_code(code).unwrap_or_else(|| {
            problems.push(ImportProblem {
                line: row.line,
                column: "status".into(),
                problem: Problem::UnknownChoice,
                value: code.to_owned(),
            });
            CallStatus::Draft
        }),
    };
    let next_working_day = row.yes_no("rule_next_working_day", true, &mut problems);
    let text = |column: &str| row.cell(column).to_owned();
    let form = CallForm {
        funder: text("funder"),
        funder_entry: text("funder_entry"),
        programme: text("programme"),
        title_et: text("title_et"),
        title_ru: text("title_ru"),
        title_en: text("title_en"),
        summary_et: text("summary_et"),
        summary_ru: text("summary_ru"),
        summary_en: text("summary_en"),
        kinds: items(row.cell("kinds")).map(str::to_owned).collect(),
        sectors: codes(row.cell("sectors"), &vocabulary.sectors),
        municipalities: codes(row.cell("municipalities"), &vocabulary.municipalities),
        amount_min: text("amount_min"),
        amount_max: text("amount_max"),
        self_financing: text("self_financing").trim_end_matches('%').to_owned(),
        url: text("url"),
        contact: text("contact"),
        opens_on: text("opens_on"),
        deadlines: row
            .cell("deadlines")
            .split([';', ',', '\n'])
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n"),
        rule_days: text("rule_days"),
        rule_time: text("rule_time"),
        rule_next_working_day: next_working_day,
    };
    (form, status, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::PerLang;

    fn lists() -> Lists {
        let term = |code: &str, et: &str| Term {
            code: code.to_owned(),
            label: PerLang {
                et: et.to_owned(),
                ru: code.to_owned(),
                en: code.to_owned(),
            },
        };
        Lists {
            sectors: vec![term("design", "Disain"), term("music", "Muusika")],
            municipalities: vec![term("narva", "Narva linn"), term("johvi", "Jõhvi vald")],
            event_types: Vec::new(),
        }
    }

    #[test]
    fn rows_become_calls_and_each_problem_names_its_line_and_column() {
        let file = "\u{feff}funder;title_et;sectors;municipalities;deadlines;rule_days;amount_min;amount_max;status\r\n\
                    Kultuurkapital;Ida-Viru toetus;Disain, music;Narva linn;;20.02 20.05;;6000;open\r\n\
                    EIS;Eksport;design;;\"2027-03-01 16:00, 2027-06-01\";;;;forecast\r\n\
                    ;Pealkirjata rahastaja;;;;;;;\r\n\
                    Linn;Kellaajata;;;2027-03-28 03:30;;5000;100;\r\n\
                    Linn;\"Mitmel\nreal\";knitting;;;;;;closed\r\n";
        let plan = plan(file.as_bytes(), &lists());
        assert_eq!(plan.calls.len(), 2);
        let (line, kulka, status) = &plan.calls[0];
        assert_eq!((*line, *status), (2, CallStatus::Open));
        assert_eq!(kulka.sectors, ["design", "music"]);
        assert_eq!(kulka.municipalities, ["narva"]);
        assert!(kulka.rule.is_some());
        assert_eq!(plan.calls[1].1.deadlines.len(), 2);
        assert_eq!(plan.calls[1].2, CallStatus::Forecast);
        let problems: Vec<(u64, &str, Problem)> = plan
            .problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.problem))
            .collect();
        assert_eq!(
            problems,
            [
                (4, "funder", Problem::Required),
                (5, "amount_max", Problem::MaxBelowMin),
                (5, "deadlines", Problem::InTimeGap),
                (6, "sectors", Problem::UnknownSector),
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_one_says_so_at_once() {
        let plan = plan(b"funder,colour\nX,red\n", &lists());
        assert!(plan.calls.is_empty());
        assert_eq!(plan.problems[0].problem, Problem::UnknownColumn);
        assert_eq!(plan.problems[0].column, "colour");
        let plan = plan_of(&[0xff, 0xfe, b'a']);
        assert_eq!(plan.problems[0].problem, Problem::NotUtf8);
    }

    fn plan_of(bytes: &[u8]) -> CallsPlan {
        plan(bytes, &lists())
    }
}
