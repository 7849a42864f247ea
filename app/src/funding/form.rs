//! The coordinator's call form as typed: every field a string (or a list of ticked codes), so
//! that a form the server refuses comes back exactly as it was.

use serde::{Deserialize, Serialize};

/// The fields, named as in the HTML (`form[title_et]`, `form[sectors][0]`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallForm {
    pub funder: String,
    /// The funder's directory entry, by slug (empty: none).
    pub funder_entry: String,
    pub programme: String,
    pub title_et: String,
    pub title_ru: String,
    pub title_en: String,
    pub summary_et: String,
    pub summary_ru: String,
    pub summary_en: String,
    /// Kinds of entry that may apply; none ticked: any.
    pub kinds: Vec<String>,
    /// Sectors; none ticked: any.
    pub sectors: Vec<String>,
    /// Municipalities; none ticked: all of Estonia.
    pub municipalities: Vec<String>,
    /// Whole euros.
    pub amount_min: String,
    pub amount_max: String,
    /// Per cent.
    pub self_financing: String,
    pub url: String,
    pub contact: String,
    /// `YYYY-MM-DD`.
    pub opens_on: String,
    /// Single deadlines, one a line: `YYYY-MM-DD HH:MM` in Tallinn time (the time may be left
    /// out: 23:59).
    pub deadlines: String,
    /// A rule's days, `DD.MM` each (`20.02 20.05 20.08 20.11`); empty: no rule.
    pub rule_days: String,
    /// The rule's time, `HH:MM`.
    pub rule_time: String,
    /// The rule moves a deadline on a weekend or public holiday to the next working day.
    pub rule_next_working_day: bool,
}

impl CallForm {
    /// A new call's form: a rule's deadlines at 23:59, moved to working days.
    pub fn blank() -> Self {
        Self {
            rule_time: "23:59".to_owned(),
            rule_next_working_day: true,
            ..Self::default()
        }
    }
}
