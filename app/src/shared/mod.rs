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
