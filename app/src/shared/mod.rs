//! The kernel every feature shares, compiled for the server and the browser alike: text in
//! three languages, identifiers, text cleaning, a labelled code, a form field's problem, URL
//! queries; and, on the server, Tallinn time (`time`).

pub mod identifiers;
pub mod localized;
pub mod query;
pub mod text;
#[cfg(feature = "ssr")]
pub mod time;

pub use localized::{Localized, Shown};

use serde::{Deserialize, Serialize};

/// A code with its label in the page's language (a sector, a municipality).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labelled {
    pub code: String,
    pub label: String,
}

/// One refused field of a form, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub problem: crate::error::Problem,
}

/// A problem of an imported file: where, why, and the value found there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// From 1, as a text editor counts (a row with a line break in a cell starts on its line).
    pub line: u64,
    /// The column's name from the header (empty for a problem of a whole line).
    pub column: String,
    pub problem: crate::error::Problem,
    pub value: String,
}

/// The label of `code` in a fixed list: `labels` in the order of `codes`; empty for a code the
/// list does not have.
pub fn code_label(codes: &[&str], labels: &[&'static str], code: &str) -> &'static str {
    codes
        .iter()
        .position(|c| *c == code)
        .and_then(|i| labels.get(i))
        .copied()
        .unwrap_or_default()
}
