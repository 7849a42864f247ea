//! The coordinator's event form as typed: every field a string (or a checkbox), so that a form
//! the server refuses comes back exactly as it was. The server reads it into an event
//! (`db::event_editing::validate`) and names each problem by its field.

use serde::{Deserialize, Serialize};

/// The fields of the form, named as in the HTML (`form[title_et]`, …). Checkboxes send `true`
/// when ticked and nothing otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub type_code: String,
    pub title_et: String,
    pub title_ru: String,
    pub title_en: String,
    pub description_et: String,
    pub description_ru: String,
    pub description_en: String,
    pub all_day: bool,
    /// `YYYY-MM-DD` (what `<input type="date">` sends).
    pub start_date: String,
    /// `HH:MM` in Tallinn time (what `<input type="time">` sends).
    pub start_time: String,
    /// Empty: the start date.
    pub end_date: String,
    pub end_time: String,
    pub venue: String,
    pub address: String,
    pub municipality: String,
    pub online_url: String,
    pub organiser: String,
    pub speaks_et: bool,
    pub speaks_ru: bool,
    pub speaks_en: bool,
    /// Empty: no limit.
    pub capacity: String,
    /// `none`, `open` or `closed`.
    pub registration: String,
    pub deadline_date: String,
    pub deadline_time: String,
    /// Empty for a single event; else `weekly`, `every-two-weeks`, `monthly-by-date` or
    /// `monthly-by-weekday`.
    pub repeat: String,
    /// How a series ends: `count` (after `count` dates) or `date` (on `until_date`).
    pub until: String,
    pub count: String,
    pub until_date: String,
}

/// The series choices of the form, in the order the select shows them.
pub const REPEATS: [&str; 4] = [
    "weekly",
    "every-two-weeks",
    "monthly-by-date",
    "monthly-by-weekday",
];

impl EventForm {
    /// A new event's form: registration off, the end of a series after a count.
    pub fn blank(date: Option<String>) -> Self {
        Self {
            registration: "none".to_owned(),
            until: "count".to_owned(),
            start_date: date.clone().unwrap_or_default(),
            end_date: date.unwrap_or_default(),
            ..Self::default()
        }
    }
}
