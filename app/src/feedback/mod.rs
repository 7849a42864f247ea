//! Feedback after an event: the coordinator asks those marked present, once each, by mail in
//! their language; each answers once through the mail's private link (a 1–5 rating and the
//! event's questions, all optional); the answers are kept apart from who gave them and summed
//! up on the event's page, where the coordinator also sets the questions.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;

use crate::shared::Localized;
use serde::{Deserialize, Serialize};

/// The most text questions an event's form has.
pub const MAX_QUESTIONS: usize = 5;
/// The longest question, in characters, in each language.
pub const QUESTION_CHARS: usize = 300;
/// The longest answer kept, in characters.
pub const ANSWER_CHARS: usize = 2000;

/// The questions asked when the coordinator has set none: what was useful, what could be better.
pub fn default_questions() -> Vec<Localized> {
    let question = |et: &str, ru: &str, en: &str| {
        Localized::new(Some(et.into()), Some(ru.into()), Some(en.into()))
    };
    vec![
        question("Mis oli kasulik?", "Что было полезным?", "What was useful?"),
        question(
            "Mida võiks paremini teha?",
            "Что можно сделать лучше?",
            "What could be better?",
        ),
    ]
}

/// What the private link's form shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackForm {
    pub event_title: Localized,
    pub when: String,
    pub questions: Vec<Localized>,
    /// Answered already: the page thanks instead of asking again.
    pub answered: bool,
}

/// The answers to an event, summed up for the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackSummary {
    pub event_id: i64,
    pub questions: Vec<Localized>,
    /// Marked present.
    pub attendees: i64,
    /// Attendees sent the form.
    pub asked: i64,
    pub answers: i64,
    /// How many gave each rating, from 1 to 5.
    pub ratings: [i64; 5],
    /// The average rating to one decimal, when anyone gave one.
    pub average: Option<String>,
    /// For each question, the answers given (not empty), newest first.
    pub written: Vec<Vec<String>>,
}
