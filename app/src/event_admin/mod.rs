//! The coordinator's calendar: every event with drafts, one form for new and edited events,
//! single dates of a series, and each event's registrations.

pub mod api;
pub mod form;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod store;

use crate::event_admin::form::EventForm;
use crate::events::{EventPage, EventStatus};
use crate::registrations::RegistrationStatus;
use crate::shared::FieldProblem;
use crate::shared::Labelled;
use crate::shared::Localized;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEventRow {
    pub id: i64,
    pub slug: String,
    pub title: Localized,
    pub type_label: String,
    /// RFC 3339 UTC, for sorting and `<time>`.
    pub starts_at: String,
    pub when: String,
    pub status: EventStatus,
    pub is_series: bool,
    pub capacity: Option<i64>,
    pub confirmed: i64,
    pub waiting: i64,
}

/// The table as the URL carries it: a search, filters and a sort, all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AdminEventsQuery {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, rename = "type")]
    pub event_type: Option<String>,
    /// `YYYY-MM`: events starting in that Tallinn month.
    #[serde(default)]
    pub month: Option<String>,
    /// `start` (default: the latest first), `title` or `status`.
    #[serde(default)]
    pub sort: Option<String>,
    /// `month` for the month grid (of `month`, else this month).
    #[serde(default)]
    pub view: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub status: RegistrationStatus,
    /// Tallinn time, to the minute.
    pub created: String,
    /// Marked present at the event.
    pub present: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRegistrations {
    pub event: AdminEventRow,
    /// Confirmed first, then the waiting list in its order.
    pub registrations: Vec<RegistrationRow>,
}

/// The form of a new event (blank, on `date`, or a copy of event `from`) or of event `id`,
/// with the choices it offers and, for a series, its dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEditor {
    /// `None` for a new event.
    pub id: Option<i64>,
    pub slug: Option<String>,
    /// `Draft` for a new event.
    pub status: EventStatus,
    /// The SEQUENCE the form was read at; a save checks nobody saved in between.
    pub sequence: Option<i64>,
    pub form: EventForm,
    pub types: Vec<Labelled>,
    pub municipalities: Vec<Labelled>,
    /// A stored series: its dates from a month ago on.
    pub dates: Vec<SeriesDate>,
}

/// One date of a stored series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesDate {
    /// RFC 3339 UTC: the start the rule gives it, which names it.
    pub original: String,
    /// Where it is now, in Tallinn time.
    pub when: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub cancelled: bool,
    pub moved: bool,
}

/// The form checked as the coordinator types: every refused field, or the public page it
/// would make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCheck {
    pub problems: Vec<FieldProblem>,
    pub preview: Option<EventPage>,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedEvent {
    pub id: i64,
    pub slug: String,
    pub status: EventStatus,
    pub sequence: i64,
}
