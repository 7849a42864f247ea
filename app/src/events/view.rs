//! The public calendar's pages as they are shown: the list by month, the month grid, an
//! event's page and its schema.org description, made from the events in memory.

use crate::error::AppError;
use crate::events::model::{Calendar, CalendarEvent, EventFilter, HORIZON};
use crate::events::series::Occurrence;
use crate::events::{
    DayCell, EventPage, EventStatus, EventsQuery, EventsView, MonthGrid, MonthGroup, OccurrenceCard,
};
use crate::i18n::Lang;
use crate::platform::db::db_time;
use crate::platform::vocabulary::{Term, Vocabulary, labelled};
use crate::shared::identifiers::is_slug;
use crate::shared::time::{Month, start_of_day};
use crate::shared::time::{format_span, format_span_zoned, format_start, tallinn};
use crate::shared::{Labelled, Localized};
use jiff::{SignedDuration, Timestamp, ToSpan, civil::Date};

/// Occurrences per page of the list.
const LIST_PAGE: usize = 50;

/// How far back the past events page reaches.
const PAST: SignedDuration = SignedDuration::from_hours(2 * 366 * 24);

/// Adds the funding deadlines of what `view` shows: the grid's month, each on its day, or the
/// list's coming weeks (at most 20).
pub fn add_deadlines(
    view: &mut EventsView,
    calls: &[crate::funding::model::Call],
    lang: Lang,
    now: Timestamp,
) {
    use crate::funding::deadlines_between;
    match &mut view.grid {
        Some(grid) => {
            let Ok(month) = Month::parse(&grid.month) else {
                return;
            };
            let from = start_of_day(month.first_day());
            let to = start_of_day(month.last_day().tomorrow().unwrap_or(month.last_day()));
            let marks = deadlines_between(calls, from, to, lang, 200);
            for day in grid.weeks.iter_mut().flatten() {
                day.deadlines = marks
                    .iter()
                    .filter(|m| m.date == day.date)
                    .cloned()
                    .collect();
            }
            view.deadlines = marks;
        }
        None if !view.query.is_past() => {
            view.deadlines = deadlines_between(calls, now, now + HORIZON, lang, 20);
        }
        None => {}
    }
}

/// The calendar page `query` asks for at `now`: the list (a page of it, by month) or a month
/// grid, over the public `calendar`, with the filters' choices. A month outside the calendar's
/// years is refused before any work is done.
pub fn events_view(
    calendar: &Calendar,
    vocabulary: &Vocabulary,
    lang: Lang,
    query: EventsQuery,
    now: Timestamp,
) -> Result<EventsView, AppError> {
    let today = now.to_zoned(tallinn()).date();
    let month = query
        .is_month()
        .then(|| month_or_this(query.month.as_deref(), today))
        .transpose()?;
    let code = |value: &Option<String>| value.clone().filter(|v| is_slug(v));
    let filter = EventFilter {
        event_type: code(&query.event_type),
        municipality: code(&query.municipality),
        language: code(&query.language),
    };
    let chosen = |from, until| {
        calendar
            .between(from, until)
            .filter(|(event, _)| filter.matches(event))
    };
    // The places events are held in, in the order of their Estonian names.
    let mut municipalities: Vec<&Term> = vocabulary
        .municipalities
        .iter()
        .filter(|m| calendar.is_held_in(&m.code))
        .collect();
    municipalities.sort_by(|a, b| a.label.et.cmp(&b.label.et));
    let skip = (query.page_number() - 1) * LIST_PAGE;
    let (groups, has_more, grid) = if let Some(month) = month {
        let found = |from, until| chosen(from, until).map(|(e, o)| (e, o.clone())).collect();
        (Vec::new(), false, Some(grid(found, lang, month, today)))
    } else {
        // One more than a page: whether there is a next one.
        let shown: Vec<_> = if query.is_past() {
            chosen(now - PAST, now)
                .filter(|(_, o)| o.ends_at <= now)
                .rev()
                .skip(skip)
                .take(LIST_PAGE + 1)
                .map(|(e, o)| (e, o.clone()))
                .collect()
        } else {
            chosen(now, now + HORIZON)
                .skip(skip)
                .take(LIST_PAGE + 1)
                .map(|(e, o)| (e, o.clone()))
                .collect()
        };
        let has_more = shown.len() > LIST_PAGE;
        let shown = &shown[..shown.len().min(LIST_PAGE)];
        (group_by_month(shown, lang), has_more, None)
    };
    Ok(EventsView {
        query,
        types: labelled(&vocabulary.event_types, lang),
        municipalities: municipalities
            .into_iter()
            .map(|m| Labelled {
                code: m.code.clone(),
                label: m.label.get(lang).clone(),
            })
            .collect(),
        groups,
        has_more,
        grid,
        deadlines: Vec::new(),
    })
}

pub fn card(event: &CalendarEvent, occurrence: &Occurrence, lang: Lang) -> OccurrenceCard {
    let local = occurrence.starts_at.to_zoned(tallinn());
    OccurrenceCard {
        event_id: event.id,
        slug: event.slug.clone(),
        title: event.title.only_shown(lang),
        type_label: event.type_label.get(lang).clone(),
        starts_at: db_time(occurrence.starts_at),
        when: format_span(
            occurrence.starts_at,
            occurrence.ends_at,
            event.all_day,
            lang,
        ),
        time: if event.all_day {
            String::new()
        } else {
            local.strftime("%H:%M").to_string()
        },
        place: place(event, lang),
        is_online: event.online_url.is_some(),
        is_cancelled: event.is_cancelled() || occurrence.cancelled,
        is_moved: occurrence.moved,
        is_draft: event.status == EventStatus::Draft,
    }
}

fn place(event: &CalendarEvent, lang: Lang) -> Option<String> {
    match (&event.venue, &event.municipality) {
        (Some(venue), Some(municipality)) => Some(format!("{venue}, {}", municipality.get(lang))),
        (venue, municipality) => venue
            .clone()
            .or_else(|| municipality.as_ref().map(|m| m.get(lang).clone())),
    }
}

fn month_label(date: Date, lang: Lang) -> String {
    let month = lang.texts().events.months[usize::from(date.month().unsigned_abs()) - 1];
    format!("{month} {}", date.year())
}

fn group_by_month(list: &[(&CalendarEvent, Occurrence)], lang: Lang) -> Vec<MonthGroup> {
    let mut groups: Vec<MonthGroup> = Vec::new();
    let mut current: Option<Date> = None;
    for (event, occurrence) in list {
        let month = occurrence
            .starts_at
            .to_zoned(tallinn())
            .date()
            .first_of_month();
        if current != Some(month) {
            current = Some(month);
            groups.push(MonthGroup {
                label: month_label(month, lang),
                occurrences: Vec::new(),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.occurrences.push(card(event, occurrence, lang));
        }
    }
    groups
}

/// The month a `YYYY-MM` names (range-checked), else this month.
pub fn month_or_this(month: Option<&str>, today: Date) -> Result<Month, AppError> {
    match month {
        None => Ok(Month::of(today)),
        Some(text) => {
            Month::parse(text).map_err(|problem| AppError::invalid("month", problem.problem().0))
        }
    }
}

/// The weeks a month grid shows: from the Monday on or before the 1st to the Sunday on or
/// after the last day, never more than six.
const MAX_WEEKS: usize = 6;

/// `find` gives the occurrences (with their events) overlapping a span of time, soonest first.
pub fn grid<'a>(
    find: impl FnOnce(Timestamp, Timestamp) -> Vec<(&'a CalendarEvent, Occurrence)>,
    lang: Lang,
    month: Month,
    today: Date,
) -> MonthGrid {
    let (first, last) = (month.first_day(), month.last_day());
    let start = first
        .checked_sub(i64::from(first.weekday().to_monday_zero_offset()).days())
        .unwrap_or(first);
    let end = last
        .checked_add(i64::from(6 - last.weekday().to_monday_zero_offset()).days())
        .unwrap_or(last);
    let days: Vec<Date> = start
        .series(1.day())
        .take_while(|day| *day <= end)
        .take(MAX_WEEKS * 7)
        .collect();
    let from = start_of_day(start);
    let until = start_of_day(end.tomorrow().unwrap_or(end));
    let occurrences = find(from, until);
    let weeks = days
        .chunks(7)
        .map(|week| {
            week.iter()
                .map(|&day| {
                    let weekday = lang.texts().events.weekdays
                        [usize::from(day.weekday().to_monday_zero_offset().unsigned_abs())];
                    let date = format_start(start_of_day(day), true, lang);
                    DayCell {
                        date: day.to_string(),
                        day: day.day(),
                        label: format!("{weekday} {date}"),
                        in_month: day.month() == first.month(),
                        is_today: day == today,
                        occurrences: occurrences
                            .iter()
                            .filter(|(_, o)| o.starts_at.to_zoned(tallinn()).date() == day)
                            .map(|(event, o)| card(event, o, lang))
                            .collect(),
                        deadlines: Vec::new(),
                    }
                })
                .collect()
        })
        .collect();
    MonthGrid {
        month: month.to_string(),
        label: month_label(first, lang),
        previous: month.previous().map(|m| m.to_string()),
        next: month.next().map(|m| m.to_string()),
        weeks,
    }
}

/// The page of `event` with `confirmed` registrations (also the coordinator's preview).
pub fn page_of(
    event: &CalendarEvent,
    confirmed: i64,
    lang: Lang,
    origin: &str,
    now: Timestamp,
) -> EventPage {
    let coming = event.occurrences(now, now + HORIZON);
    // The next occurrence; when all are over, the last one.
    let shown = match coming.first() {
        Some(next) => next.clone(),
        None => event
            .occurrences(Timestamp::MIN, now)
            .pop()
            .unwrap_or(Occurrence {
                original_start: event.starts_at,
                starts_at: event.starts_at,
                ends_at: event.ends_at,
                cancelled: false,
                moved: false,
            }),
    };
    let address = [event.venue.clone(), event.address.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let map_url = (!address.is_empty() && event.address.is_some()).then(|| {
        format!(
            "https://www.openstreetmap.org/search?{}",
            serde_urlencoded::to_string([("query", event.address.clone().unwrap_or_default())])
                .unwrap_or_default()
        )
    });
    let when = format_span_zoned(shown.starts_at, shown.ends_at, event.all_day, lang);
    let page = format!("{origin}/{lang}/events/{}", event.slug);
    let json_ld = json_ld(event, &shown, lang, &page);
    EventPage {
        slug: event.slug.clone(),
        title: event.title.clone(),
        description: event.description.clone(),
        type_code: event.type_code.clone(),
        type_label: event.type_label.get(lang).clone(),
        when,
        starts_at: db_time(shown.starts_at),
        ends_at: db_time(shown.ends_at),
        is_past: shown.ends_at <= now,
        upcoming_dates: if event.recurrence.is_some() {
            coming
                .iter()
                .take(12)
                .map(|o| card(event, o, lang))
                .collect()
        } else {
            Vec::new()
        },
        is_series: event.recurrence.is_some(),
        venue: event.venue.clone(),
        address: event.address.clone(),
        municipality: event
            .municipality_code
            .clone()
            .zip(event.municipality.as_ref())
            .map(|(code, names)| Labelled {
                code,
                label: names.get(lang).clone(),
            }),
        map_url,
        online_url: event
            .online_url
            .clone()
            .filter(|url| url.starts_with("https://") || url.starts_with("http://")),
        organiser: event.organiser.clone(),
        organiser_slug: event.organiser_slug.clone(),
        languages: event.languages.clone(),
        capacity: event.capacity,
        places_left: event.capacity.map(|capacity| (capacity - confirmed).max(0)),
        registration: event.registration.clone(),
        registration_deadline: event
            .registration_deadline
            .map(|deadline| crate::shared::time::format_start(deadline, false, lang)),
        takes_registrations: event.registration == "open"
            && !event.is_cancelled()
            && coming.iter().any(|o| o.starts_at > now && !o.cancelled)
            && event
                .registration_deadline
                .is_none_or(|deadline| deadline > now),
        asks_participant_facts: event.asks_participant_facts,
        is_cancelled: event.is_cancelled(),
        json_ld,
    }
}

/// schema.org Event, escaped so that no text in it can end the `<script>` it sits in.
fn json_ld(event: &CalendarEvent, shown: &Occurrence, lang: Lang, page: &str) -> String {
    let status = if event.is_cancelled() || shown.cancelled {
        "https://schema.org/EventCancelled"
    } else if shown.moved {
        "https://schema.org/EventRescheduled"
    } else {
        "https://schema.org/EventScheduled"
    };
    let physical = event.venue.is_some() || event.address.is_some();
    let mode = match (physical, event.online_url.is_some()) {
        (true, true) => "https://schema.org/MixedEventAttendanceMode",
        (false, true) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let mut location = Vec::new();
    if physical {
        location.push(serde_json::json!({
            "@type": "Place",
            "name": event.venue,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.address,
                "addressRegion": event.municipality.as_ref().map(|m| m.get(lang)),
                "addressCountry": "EE",
            },
        }));
    }
    if let Some(url) = &event.online_url {
        location.push(serde_json::json!({ "@type": "VirtualLocation", "url": url }));
    }
    let text = |localized: &Localized| localized.show(lang).map(|shown| shown.text.to_owned());
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": text(&event.title),
        "description": text(&event.description),
        "startDate": shown.starts_at.to_zoned(tallinn()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        "endDate": shown.ends_at.to_zoned(tallinn()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        "eventStatus": status,
        "eventAttendanceMode": mode,
        "location": location,
        "organizer": event.organiser.as_ref().map(|name| serde_json::json!({ "@type": "Organization", "name": name })),
        "inLanguage": event.languages,
        "url": page,
    });
    crate::shared::text::script_json(&value)
}
