//! An event as the calendar knows it, and its occurrences: what the public pages, the feeds,
//! the home page and the coordinator's pages all read.

use crate::events::EventStatus;
use crate::events::series::{self as recurrence, Exception, Occurrence};
use crate::i18n::PerLang;
use crate::shared::Localized;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;

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
    /// Registrants are asked the funder's questions (`registrations::facts`).
    pub asks_participant_facts: bool,
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

/// The public calendar as its pages read it: the events, and all their occurrences in start
/// order, made once per `calendar_version`. A page finds the occurrences it shows by binary
/// search, and the home page's count by subtraction, instead of expanding and sorting every
/// event on every request.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    pub events: Vec<CalendarEvent>,
    /// Index into `events` and occurrence, by start (then event id).
    occurrences: Vec<(usize, Occurrence)>,
    /// `live[i]`: how many of the first `i` occurrences are on (neither they nor their event
    /// cancelled).
    live: Vec<u32>,
    /// The longest occurrence: one that started longer ago than this is over.
    longest: SignedDuration,
    /// Index into `events` by slug.
    by_slug: HashMap<String, usize>,
    /// The codes of the municipalities events are held in.
    places: std::collections::HashSet<String>,
}

impl Calendar {
    pub fn new(events: Vec<CalendarEvent>) -> Self {
        let mut occurrences: Vec<(usize, Occurrence)> = events
            .iter()
            .enumerate()
            .flat_map(|(index, event)| {
                event
                    .occurrences(Timestamp::MIN, Timestamp::MAX)
                    .into_iter()
                    .map(move |occurrence| (index, occurrence))
            })
            .collect();
        occurrences.sort_by_key(|(index, o)| (o.starts_at, events[*index].id));
        let live = std::iter::once(0)
            .chain(occurrences.iter().scan(0, |count, (index, o)| {
                *count += u32::from(!events[*index].is_cancelled() && !o.cancelled);
                Some(*count)
            }))
            .collect();
        let longest = occurrences
            .iter()
            .map(|(_, o)| o.ends_at.duration_since(o.starts_at))
            .max()
            .unwrap_or_default();
        let by_slug = events
            .iter()
            .enumerate()
            .map(|(index, event)| (event.slug.clone(), index))
            .collect();
        let places = events
            .iter()
            .filter_map(|event| event.municipality_code.clone())
            .collect();
        Self {
            events,
            occurrences,
            live,
            longest,
            by_slug,
            places,
        }
    }

    /// Whether any event is held in the municipality `code`.
    pub fn is_held_in(&self, code: &str) -> bool {
        self.places.contains(code)
    }

    pub fn event(&self, slug: &str) -> Option<&CalendarEvent> {
        self.by_slug.get(slug).map(|index| &self.events[*index])
    }

    /// Where the occurrences that may overlap `[from, until)` lie in `occurrences`.
    fn range(&self, from: Timestamp, until: Timestamp) -> std::ops::Range<usize> {
        let earliest = from.checked_sub(self.longest).unwrap_or(Timestamp::MIN);
        let start = self
            .occurrences
            .partition_point(|(_, o)| o.starts_at < earliest);
        let end = self
            .occurrences
            .partition_point(|(_, o)| o.starts_at < until);
        start..end.max(start)
    }

    /// The occurrences overlapping `[from, until)`, soonest first, each with its event.
    pub fn between(
        &self,
        from: Timestamp,
        until: Timestamp,
    ) -> impl DoubleEndedIterator<Item = (&CalendarEvent, &Occurrence)> {
        self.occurrences[self.range(from, until)]
            .iter()
            .filter(move |(_, o)| o.ends_at > from)
            .map(|(index, o)| (&self.events[*index], o))
    }

    /// Occurrences not yet over and not cancelled, of published events: the public "upcoming".
    /// Counted by subtraction, but for the few that started before `now` and are still on.
    pub fn count_upcoming(&self, now: Timestamp) -> i64 {
        let range = self.range(now, now + HORIZON);
        let started = self.occurrences.partition_point(|(_, o)| o.starts_at < now);
        let started = started.clamp(range.start, range.end);
        let still_on = self.occurrences[range.start..started]
            .iter()
            .filter(|(index, o)| {
                o.ends_at > now && !self.events[*index].is_cancelled() && !o.cancelled
            })
            .count();
        let coming = self.live[range.end] - self.live[started];
        i64::try_from(still_on).unwrap_or(i64::MAX) + i64::from(coming)
    }

    /// The next public occurrences (cancelled ones too, so nobody travels to them).
    pub fn next(&self, now: Timestamp, limit: usize) -> Vec<UpcomingEvent> {
        self.between(now, now + HORIZON)
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    fn days(n: i64) -> SignedDuration {
        SignedDuration::from_hours(24 * n)
    }

    fn event(id: i64, starts_at: Timestamp, hours: i64, rule: Option<&str>) -> CalendarEvent {
        let mut event = CalendarEvent {
            id,
            slug: format!("event-{id}"),
            type_code: "training".into(),
            type_label: PerLang::default(),
            title: Localized::default(),
            description: Localized::default(),
            starts_at,
            ends_at: starts_at + hours.hours(),
            all_day: false,
            venue: None,
            address: None,
            municipality_code: None,
            municipality: None,
            online_url: None,
            status: EventStatus::Published,
            organiser: None,
            organiser_slug: None,
            capacity: None,
            registration: "none".into(),
            registration_deadline: None,
            asks_participant_facts: false,
            sequence: 0,
            recurrence: rule.map(str::to_owned),
            exceptions: Vec::new(),
            languages: Vec::new(),
            expanded: Vec::new(),
            created_at: starts_at,
            updated_at: starts_at,
        };
        if event.recurrence.is_some() {
            event.expanded = event.occurrences(Timestamp::MIN, Timestamp::MAX);
        }
        event
    }

    /// Single events of an hour to a week, weekly series, a cancelled event and a series with
    /// one date cancelled, around `now`.
    fn events(now: Timestamp) -> Vec<CalendarEvent> {
        let mut events: Vec<CalendarEvent> = (0..120)
            .map(|i| {
                let hours = [1, 3, 26, 7 * 24][i % 4];
                event(i as i64, now + ((i as i64 - 40) * 7).hours(), hours, None)
            })
            .collect();
        events.push(event(200, now - days(30), 2, Some("FREQ=WEEKLY;COUNT=20")));
        events.push(event(201, now - days(3), 2, Some("FREQ=DAILY;COUNT=9")));
        events[5].status = EventStatus::Cancelled;
        let mut series = event(202, now - days(1), 2, Some("FREQ=DAILY;COUNT=5"));
        series.exceptions.push(Exception {
            original_start: now + days(1),
            moved: None,
            cancelled: true,
        });
        series.expanded = series.occurrences(Timestamp::MIN, Timestamp::MAX);
        events.push(series);
        events
    }

    #[test]
    fn the_sorted_calendar_finds_what_expanding_every_event_finds() {
        let now: Timestamp = "2026-12-02T10:30:00Z".parse().unwrap();
        let events = events(now);
        let calendar = Calendar::new(events.clone());
        let pairs = |list: Vec<(&CalendarEvent, &Occurrence)>| -> Vec<(i64, Occurrence)> {
            list.into_iter().map(|(e, o)| (e.id, o.clone())).collect()
        };
        for (from, until) in [
            (now, now + HORIZON),
            (now - days(10), now),
            (now + 2.hours(), now + days(3)),
            (now - days(100), now - days(90)),
            (now + days(5), now + days(5)),
        ] {
            let expected: Vec<(i64, Occurrence)> = occurrences_between(&events, from, until)
                .into_iter()
                .map(|(e, o)| (e.id, o))
                .collect();
            // Occurrences or none: the window before every event is empty.
            assert_eq!(
                expected.is_empty(),
                until < now - days(40),
                "{from}..{until}"
            );
            assert_eq!(pairs(calendar.between(from, until).collect()), expected);
            // And backwards, for the past page.
            let mut reversed = expected.clone();
            reversed.reverse();
            assert_eq!(
                pairs(calendar.between(from, until).rev().collect()),
                reversed
            );
        }

        for at in [
            now,
            now - days(5),
            now + days(1) + 30.minutes(),
            now + days(400),
        ] {
            let expected = occurrences_between(&events, at, at + HORIZON)
                .into_iter()
                .filter(|(event, occurrence)| !event.is_cancelled() && !occurrence.cancelled)
                .count();
            assert_eq!(calendar.count_upcoming(at), expected as i64, "{at}");
        }
        // Some still on at `now` (the week-long ones) and some cancelled: both counted right.
        assert!(calendar.count_upcoming(now) > 0);
        let next: Vec<(String, Timestamp)> = calendar
            .next(now, 4)
            .into_iter()
            .map(|e| (e.slug, e.starts_at))
            .collect();
        let expected: Vec<(String, Timestamp)> = occurrences_between(&events, now, now + HORIZON)
            .into_iter()
            .take(4)
            .map(|(e, o)| (e.slug.clone(), o.starts_at))
            .collect();
        assert_eq!(next, expected);
        assert_eq!(calendar.event("event-7").map(|e| e.id), Some(7));
        assert!(calendar.event("event-999").is_none());
    }

    #[test]
    fn an_empty_calendar_has_nothing_coming() {
        let calendar = Calendar::new(Vec::new());
        let now = Timestamp::now();
        assert_eq!(calendar.between(now, now + HORIZON).count(), 0);
        assert_eq!(calendar.count_upcoming(now), 0);
        assert!(calendar.next(now, 3).is_empty());
    }
}
