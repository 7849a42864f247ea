//! An event as the calendar knows it, and its occurrences: what the public pages, the feeds,
//! the home page and the coordinator's pages all read.

use crate::events::EventStatus;
use crate::events::series::{self as recurrence, Exception, Occurrence};
use crate::i18n::PerLang;
use crate::shared::Localized;
use jiff::Timestamp;

/// A calendar event as the seeds and the coordinator's form write it.
#[derive(Clone, Debug, Default)]
pub struct EventForCreate {
    pub slug: String,
    pub type_code: String,
    pub title: Localized,
    pub description: Localized,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub all_day: bool,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub online_url: Option<String>,
    pub status: EventStatus,
    pub organiser: Option<String>,
    pub capacity: Option<i64>,
    /// `none`, `open` or `closed`.
    pub registration: String,
    pub registration_deadline: Option<Timestamp>,
    pub languages: Vec<String>,
    /// The RRULE value of a series, and its single occurrences moved or cancelled.
    pub recurrence: Option<String>,
    pub exceptions: Vec<Exception>,
}

/// An event as the calendar shows and publishes it, with what a series needs to expand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    pub id: i64,
    pub slug: String,
    pub type_code: String,
    pub type_label: PerLang<String>,
    pub title: Localized,
    pub description: Localized,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub all_day: bool,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub municipality: Option<PerLang<String>>,
    pub online_url: Option<String>,
    /// Published or cancelled for the public; drafts too for the coordinator.
    pub status: EventStatus,
    pub organiser: Option<String>,
    /// The organiser's directory entry, when it has a published one.
    pub organiser_slug: Option<String>,
    pub capacity: Option<i64>,
    pub registration: String,
    pub registration_deadline: Option<Timestamp>,
    pub sequence: i64,
    /// The RRULE value of a series.
    pub recurrence: Option<String>,
    pub exceptions: Vec<Exception>,
    /// ISO 639 codes of the languages spoken.
    pub languages: Vec<String>,
    /// Every occurrence of a series, expanded once when loaded (parsing and expanding a rule
    /// on every request cost more than the rest of the events page); empty for single events.
    pub expanded: Vec<Occurrence>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl CalendarEvent {
    pub fn is_cancelled(&self) -> bool {
        self.status == EventStatus::Cancelled
    }

    /// Its occurrences overlapping `[from, until)`: one for a single event, the expanded ones
    /// for a series (an unreadable rule leaves just the first, and is logged).
    pub fn occurrences(&self, from: Timestamp, until: Timestamp) -> Vec<Occurrence> {
        if !self.expanded.is_empty() {
            return self
                .expanded
                .iter()
                .filter(|o| o.ends_at > from && o.starts_at < until)
                .cloned()
                .collect();
        }
        let single = || Occurrence {
            original_start: self.starts_at,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            cancelled: false,
            moved: false,
        };
        let Some(rule) = &self.recurrence else {
            return [single()]
                .into_iter()
                .filter(|o| o.ends_at > from && o.starts_at < until)
                .collect();
        };
        recurrence::occurrences(
            self.starts_at,
            self.ends_at,
            rule,
            &self.exceptions,
            from,
            until,
        )
        .unwrap_or_else(|error| {
            tracing::error!(%error, slug = self.slug, "expanding a series");
            vec![single()]
        })
    }
}

/// What the public calendar is narrowed to; `None` is everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct EventFilter {
    pub event_type: Option<String>,
    pub municipality: Option<String>,
    pub language: Option<String>,
}

impl EventFilter {
    pub fn matches(&self, event: &CalendarEvent) -> bool {
        self.event_type
            .as_ref()
            .is_none_or(|t| *t == event.type_code)
            && self
                .municipality
                .as_ref()
                .is_none_or(|m| event.municipality_code.as_ref() == Some(m))
            && self
                .language
                .as_ref()
                .is_none_or(|l| event.languages.contains(l))
    }
}

/// How far ahead "upcoming" looks: series are expanded this far.
pub const HORIZON: jiff::SignedDuration = jiff::SignedDuration::from_hours(2 * 366 * 24);

/// The occurrences of `events` overlapping `[from, until)`, soonest first, each with its event.
pub fn occurrences_between<'a>(
    events: impl IntoIterator<Item = &'a CalendarEvent>,
    from: Timestamp,
    until: Timestamp,
) -> Vec<(&'a CalendarEvent, Occurrence)> {
    let mut all: Vec<(&CalendarEvent, Occurrence)> = events
        .into_iter()
        .flat_map(|event| {
            event
                .occurrences(from, until)
                .into_iter()
                .map(move |occurrence| (event, occurrence))
        })
        .collect();
    all.sort_by_key(|(event, occurrence)| (occurrence.starts_at, event.id));
    all
}

/// Occurrences not yet over and not cancelled, of published events: the public "upcoming".
pub fn count_upcoming(events: &[CalendarEvent], now: Timestamp) -> i64 {
    let count = occurrences_between(events, now, now + HORIZON)
        .into_iter()
        .filter(|(event, occurrence)| !event.is_cancelled() && !occurrence.cancelled)
        .count();
    i64::try_from(count).unwrap_or(i64::MAX)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpcomingEvent {
    pub slug: String,
    pub title: Localized,
    pub type_label: PerLang<String>,
    pub starts_at: Timestamp,
    pub all_day: bool,
    pub venue: Option<String>,
    pub municipality: Option<PerLang<String>>,
    pub is_online: bool,
    pub is_cancelled: bool,
}

/// The next public occurrences (cancelled ones too, so nobody travels to them), soonest first.
pub fn next_occurrences(
    events: &[CalendarEvent],
    now: Timestamp,
    limit: usize,
) -> Vec<UpcomingEvent> {
    occurrences_between(events, now, now + HORIZON)
        .into_iter()
        .take(limit)
        .map(|(event, occurrence)| UpcomingEvent {
            slug: event.slug.clone(),
            title: event.title.clone(),
            type_label: event.type_label.clone(),
            starts_at: occurrence.starts_at,
            all_day: event.all_day,
            venue: event.venue.clone(),
            municipality: event.municipality.clone(),
            is_online: event.online_url.is_some(),
            is_cancelled: event.is_cancelled() || occurrence.cancelled,
        })
        .collect()
}
