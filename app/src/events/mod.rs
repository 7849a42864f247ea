//! The public calendar: events and series, their list, month and pages, and the iCalendar and
//! Atom feeds.

pub mod api;
pub mod article;
pub mod month;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod model;
#[cfg(feature = "ssr")]
pub mod view;

#[cfg(feature = "ssr")]
pub mod atom;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod series;
#[cfg(feature = "ssr")]
pub mod store;

/// The calendar the server keeps in memory, from the request's context.
#[cfg(feature = "ssr")]
pub fn calendar() -> Result<store::CalendarCache, crate::error::AppError> {
    crate::platform::context("the calendar cache")
}

/// What other features use of the calendar on the server.
#[cfg(feature = "ssr")]
pub use store::{
    CalendarCache, all_events, confirmed_count, event_by_id, insert, public_event, set_languages,
};

use crate::i18n::Lang;
use crate::shared::{Labelled, Localized};
use serde::{Deserialize, Serialize};

/// Where an event stands: a draft only the coordinator sees, published, or cancelled (still
/// shown, marked as such). Stored as its lowercase name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum EventStatus {
    #[default]
    Draft,
    Published,
    Cancelled,
}

impl EventStatus {
    pub const ALL: [EventStatus; 3] = [Self::Draft, Self::Published, Self::Cancelled];

    /// The status as URLs, the database and the audit log have it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// The calendar as the URL carries it, unvalidated: the server keeps what it understands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventsQuery {
    /// `month` for the grid; anything else is the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// `YYYY-MM` of the grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// `past` for the events already over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Page of the list, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// `show` to list the funding calls' deadlines beside the events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<String>,
}

impl EventsQuery {
    pub fn is_month(&self) -> bool {
        self.view.as_deref() == Some("month")
    }

    pub fn is_past(&self) -> bool {
        self.when.as_deref() == Some("past")
    }

    /// Whether the funding deadlines are shown beside the events.
    pub fn shows_deadlines(&self) -> bool {
        self.deadlines.as_deref() == Some("show")
    }

    /// The list's page, from 1; anything unreadable is the first.
    pub fn page_number(&self) -> usize {
        self.page
            .as_deref()
            .and_then(|page| page.parse().ok())
            .filter(|page| (1..=10_000).contains(page))
            .unwrap_or(1)
    }

    /// This calendar's URL with `change` applied.
    pub fn href(&self, lang: Lang, change: impl FnOnce(&mut EventsQuery)) -> String {
        let mut query = self.clone();
        change(&mut query);
        match serde_urlencoded::to_string(&query).unwrap_or_default() {
            query if query.is_empty() => format!("/{lang}/events"),
            query => format!("/{lang}/events?{query}"),
        }
    }

    /// The same filters as an iCalendar subscription.
    pub fn feed_href(&self, lang: Lang) -> String {
        let mut pairs = vec![("lang", lang.code().to_owned())];
        for (key, value) in [
            ("type", &self.event_type),
            ("municipality", &self.municipality),
            ("language", &self.language),
        ] {
            if let Some(value) = value {
                pairs.push((key, value.clone()));
            }
        }
        format!(
            "/calendar.ics?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}

/// One occurrence as a line of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceCard {
    pub event_id: i64,
    pub slug: String,
    pub title: Localized,
    pub type_label: String,
    /// RFC 3339 UTC, for `<time datetime>`.
    pub starts_at: String,
    /// "3.12.2026 17:00–19:00", in Tallinn time.
    pub when: String,
    /// "17:00" (empty for all-day events), for the month grid.
    pub time: String,
    pub place: Option<String>,
    pub is_online: bool,
    pub is_cancelled: bool,
    /// Moved from its usual date in its series.
    pub is_moved: bool,
    /// Not public yet (only the coordinator's month view shows drafts).
    pub is_draft: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthGroup {
    /// "detsember 2026".
    pub label: String,
    pub occurrences: Vec<OccurrenceCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCell {
    /// `2026-12-03`.
    pub date: String,
    pub day: i8,
    /// "Thu 3 Dec 2026", for the agenda a narrow screen shows.
    pub label: String,
    pub in_month: bool,
    pub is_today: bool,
    pub occurrences: Vec<OccurrenceCard>,
    /// Funding deadlines on the day, when the calendar shows them.
    pub deadlines: Vec<crate::funding::DeadlineMark>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthGrid {
    /// `2026-12`.
    pub month: String,
    pub label: String,
    /// The months before and after, unless they are outside the calendar's years.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Monday to Sunday.
    pub weeks: Vec<Vec<DayCell>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsView {
    pub query: EventsQuery,
    pub types: Vec<Labelled>,
    pub municipalities: Vec<Labelled>,
    /// The list, by month (empty for the grid): one page of it.
    pub groups: Vec<MonthGroup>,
    /// Whether the list goes on after this page.
    pub has_more: bool,
    pub grid: Option<MonthGrid>,
    /// The funding deadlines of the list's span (or the grid's month), when asked for.
    pub deadlines: Vec<crate::funding::DeadlineMark>,
}

/// One event's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPage {
    pub slug: String,
    pub title: Localized,
    pub description: Localized,
    pub type_code: String,
    pub type_label: String,
    /// The next occurrence (or the last, when all are over), in Tallinn time with the zone.
    pub when: String,
    pub starts_at: String,
    pub ends_at: String,
    pub is_past: bool,
    /// A series: its coming dates, with moved and cancelled ones marked.
    pub upcoming_dates: Vec<OccurrenceCard>,
    pub is_series: bool,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub municipality: Option<Labelled>,
    /// An OpenStreetMap search for the address.
    pub map_url: Option<String>,
    pub online_url: Option<String>,
    pub organiser: Option<String>,
    pub organiser_slug: Option<String>,
    pub languages: Vec<String>,
    pub capacity: Option<i64>,
    pub places_left: Option<i64>,
    pub registration: String,
    pub registration_deadline: Option<String>,
    /// The form is shown: registration open, before its deadline and the start.
    pub takes_registrations: bool,
    /// The form asks the funder's questions.
    pub asks_participant_facts: bool,
    pub is_cancelled: bool,
    /// schema.org Event as JSON, safe inside `<script>`.
    pub json_ld: String,
}
