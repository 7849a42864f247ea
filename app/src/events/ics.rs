//! The iCalendar (RFC 5545) feeds, written by the `icalendar` crate: one VEVENT per event or
//! series with a UID that never changes, SEQUENCE raised by each edit, STATUS:CANCELLED kept,
//! RRULE and EXDATE for series and a RECURRENCE-ID VEVENT for each moved occurrence, times in
//! Europe/Tallinn with its VTIMEZONE. The crate folds lines and ends them with CRLF.

use crate::events::model::CalendarEvent;
use crate::i18n::Lang;
use crate::platform::feeds::utc;
use crate::shared::text::{clean_line, clean_text};
use crate::shared::time::local;
use icalendar::{
    Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, EventStatus, Property,
};
use jiff::Timestamp;

pub const TZID: &str = "Europe/Tallinn";

/// Europe/Tallinn since 1997, when Estonia joined the EU rules (last Sunday of March and of
/// October, at 01:00 UTC), which is as far back as the calendar goes. The crate has no VTIMEZONE
/// builder, and writing this text as a parsed component would give it and its DAYLIGHT and
/// STANDARD a random UID and the time of writing as DTSTAMP (properties a VTIMEZONE does not
/// have, and no two copies of the feed equal, so no ETag ever matched): it goes in as written. A
/// test checks the rules against the tz database.
const TALLINN_VTIMEZONE: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/Tallinn\r
X-LIC-LOCATION:Europe/Tallinn\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0300\r
TZNAME:EEST\r
DTSTART:19700329T030000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0300\r
TZOFFSETTO:+0200\r
TZNAME:EET\r
DTSTART:19701025T040000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// Where the feed is published: the site's origin (`https://loomeklaster.ee`), for links and for
/// the domain part of UIDs.
pub struct Site<'a> {
    pub origin: &'a str,
    pub name: &'a str,
}

impl Site<'_> {
    fn host(&self) -> &str {
        crate::platform::feeds::host(self.origin)
    }
}

/// A calendar of `events` in `lang` (each text in its fallback language when missing).
pub fn calendar<'a>(
    events: impl IntoIterator<Item = &'a CalendarEvent>,
    lang: Lang,
    site: &Site,
) -> String {
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//Ida-Viru Loomeklaster//Calendar 1.0//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        calendar.append_property(Property::new(key, value));
    }
    calendar.name(site.name);
    calendar.timezone(TZID);
    for event in events {
        for component in vevents(event, lang, site) {
            calendar.push(component);
        }
    }
    let text = refold(calendar.to_string());
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.rfind("END:VCALENDAR"))
        .unwrap_or(text.len());
    format!("{}{TALLINN_VTIMEZONE}{}", &text[..at], &text[at..])
}

/// Content lines of at most 75 octets (RFC 5545, 3.1), cut between characters. The crate folds
/// too, but lets a long value's last piece run to 76 octets with the space that continues it
/// (icalendar 0.17.17 counts the piece without it); such a line is folded once more here.
fn refold(text: String) -> String {
    const LIMIT: usize = 75;
    if text.split("\r\n").all(|line| line.len() <= LIMIT) {
        return text;
    }
    let mut folded = String::with_capacity(text.len() + text.len() / LIMIT);
    for line in text.split_terminator("\r\n") {
        let (mut rest, mut limit) = (line, LIMIT);
        while rest.len() > limit {
            let cut = rest.floor_char_boundary(limit);
            folded.push_str(&rest[..cut]);
            folded.push_str("\r\n ");
            // The next piece starts with that space.
            (rest, limit) = (&rest[cut..], LIMIT - 1);
        }
        folded.push_str(rest);
        folded.push_str("\r\n");
    }
    folded
}

fn vevents(event: &CalendarEvent, lang: Lang, site: &Site) -> Vec<Event> {
    let page = format!("{}/{lang}/events/{}", site.origin, event.slug);
    let uid = format!("event-{}@{}", event.id, site.host());
    // Stored texts are cleaned when saved; cleaned again here, so that no older row can put a
    // bare CR into the feed (a line a calendar would read as a property of its own).
    let summary = event
        .title
        .show(lang)
        .map(|shown| clean_line(shown.text))
        .unwrap_or_default();
    let description = match event.description.show(lang) {
        Some(shown) => format!("{}\n\n{page}", clean_text(shown.text)),
        None => page.clone(),
    };
    let location = [
        event.venue.clone(),
        event.address.clone(),
        event.municipality.as_ref().map(|m| m.get(lang).clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let location = clean_line(&location);
    let location = if location.is_empty() {
        event.online_url.clone().unwrap_or_default()
    } else {
        location
    };
    let status = if event.is_cancelled() {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    };
    let sequence = u32::try_from(event.sequence).unwrap_or(0);
    let base = |starts: Timestamp, ends: Timestamp| {
        let mut vevent = Event::new();
        vevent
            .uid(&uid)
            .timestamp(utc(event.updated_at))
            .last_modified(utc(event.updated_at))
            .created(utc(event.created_at))
            .sequence(sequence)
            .summary(&summary)
            .description(&description)
            .url(&page)
            .status(status)
            .categories([event.type_label.get(lang)])
            .starts(moment(starts, event.all_day, false))
            .ends(moment(ends, event.all_day, true));
        if !location.is_empty() {
            vevent.location(&location);
        }
        vevent
    };

    let mut main = base(event.starts_at, event.ends_at);
    let mut moved = Vec::new();
    if let Some(rule) = &event.recurrence {
        main.add_property("RRULE", rule);
        for exception in &event.exceptions {
            match exception.moved {
                Some((starts, ends)) if !exception.cancelled => {
                    let mut occurrence = base(starts, ends);
                    occurrence.recurrence_id(moment(
                        exception.original_start,
                        event.all_day,
                        false,
                    ));
                    moved.push(occurrence.done());
                }
                _ if exception.cancelled => {
                    main.append_multi_property(
                        moment(exception.original_start, event.all_day, false)
                            .to_property("EXDATE"),
                    );
                }
                _ => {}
            }
        }
    }
    let mut all = vec![main.done()];
    all.extend(moved);
    all
}

/// A start or end as iCalendar writes it: a Tallinn local time with its TZID, or for an all-day
/// event a date (an end date is exclusive in iCalendar, the day after the last).
fn moment(instant: Timestamp, all_day: bool, is_end: bool) -> DatePerhapsTime {
    let wall = local(instant);
    if all_day {
        let date = if is_end {
            wall.date().tomorrow().unwrap_or(wall.date())
        } else {
            wall.date()
        };
        return DatePerhapsTime::Date(naive_date(date));
    }
    DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
        date_time: naive_date(wall.date())
            .and_hms_opt(
                u32::try_from(wall.hour()).unwrap_or(0),
                u32::try_from(wall.minute()).unwrap_or(0),
                u32::try_from(wall.second()).unwrap_or(0),
            )
            .unwrap_or_default(),
        tzid: TZID.to_owned(),
    })
}

fn naive_date(date: jiff::civil::Date) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).unwrap_or(1),
        u32::try_from(date.day()).unwrap_or(1),
    )
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::series::Exception;
    use crate::i18n::PerLang;
    use crate::shared::Localized;
    use crate::shared::time::tallinn_instant;
    use ical::parser::ical::component::{IcalCalendar, IcalEvent};

    const SITE: Site = Site {
        origin: "https://loomeklaster.example",
        name: "Ida-Viru Loomeklaster",
    };

    fn at(date: &str, time: &str) -> Timestamp {
        tallinn_instant(date, time).unwrap()
    }

    fn event() -> CalendarEvent {
        CalendarEvent {
            id: 7,
            slug: "vorgustiku-kohtumine".into(),
            type_code: "network-meeting".into(),
            type_label: PerLang {
                et: "Võrgustiku kohtumine".into(),
                ru: "Встреча сети".into(),
                en: "Network meeting".into(),
            },
            title: Localized::new(
                Some("Võrgustiku kohtumine".into()),
                Some("Встреча сети; с запятой, и \\ косой".into()),
                None,
            ),
            description: Localized::new(Some("Uudised ja tutvustused. ".repeat(8)), None, None),
            starts_at: at("2027-02-04", "16:00"),
            ends_at: at("2027-02-04", "18:00"),
            all_day: false,
            venue: Some("Jõhvi Kontserdimaja".into()),
            address: Some("Pargi 40, Jõhvi".into()),
            municipality_code: Some("johvi".into()),
            municipality: Some(PerLang {
                et: "Jõhvi vald".into(),
                ru: "волость Йыхви".into(),
                en: "Jõhvi Parish".into(),
            }),
            online_url: None,
            status: crate::events::EventStatus::Published,
            organiser: None,
            organiser_slug: None,
            capacity: Some(50),
            registration: "open".into(),
            registration_deadline: None,
            asks_participant_facts: false,
            sequence: 3,
            recurrence: None,
            exceptions: Vec::new(),
            languages: vec!["et".into(), "ru".into()],
            expanded: Vec::new(),
            created_at: "2026-11-01T10:00:00Z".parse().unwrap(),
            updated_at: "2026-11-20T10:00:00Z".parse().unwrap(),
        }
    }

    /// Parses the feed with the `ical` crate, which shares no code with the writer.
    fn parse(feed: &str) -> IcalCalendar {
        let mut calendars = ical::IcalParser::new(feed.as_bytes());
        let calendar = calendars
            .next()
            .expect("one calendar")
            .expect("valid iCalendar");
        assert!(calendars.next().is_none());
        calendar
    }

    fn value<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a str> {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.as_deref())
    }

    fn param(event: &IcalEvent, name: &str, param: &str) -> Option<String> {
        let property = event.properties.iter().find(|p| p.name == name)?;
        property
            .params
            .as_ref()?
            .iter()
            .find(|(key, _)| key == param)
            .map(|(_, values)| values.join(","))
    }

    #[test]
    fn a_single_event_reads_back_with_its_zone_uid_sequence_and_language() {
        let feed = calendar(&[event()], Lang::Ru, &SITE);
        assert!(feed.contains("\r\n"), "CRLF line ends");
        assert!(!feed.replace("\r\n", "").contains('\n'), "no bare LF");
        assert!(
            feed.split("\r\n").all(|line| line.len() <= 75),
            "lines folded at 75 octets"
        );
        let parsed = parse(&feed);
        assert_eq!(parsed.timezones.len(), 1);
        // Written as it is: no UID or time of writing, so the same events make the same feed.
        let zone =
            &feed[feed.find("BEGIN:VTIMEZONE").unwrap()..feed.find("END:VTIMEZONE").unwrap()];
        assert!(
            !zone.contains("UID:") && !zone.contains("DTSTAMP:"),
            "{zone}"
        );
        assert!(feed.find("END:VTIMEZONE") < feed.find("BEGIN:VEVENT"));
        let vevent = &parsed.events[0];
        assert_eq!(value(vevent, "UID"), Some("event-7@loomeklaster.example"));
        assert_eq!(value(vevent, "SEQUENCE"), Some("3"));
        assert_eq!(value(vevent, "DTSTART"), Some("20270204T160000"));
        assert_eq!(param(vevent, "DTSTART", "TZID").as_deref(), Some(TZID));
        assert_eq!(value(vevent, "DTEND"), Some("20270204T180000"));
        assert_eq!(value(vevent, "DTSTAMP"), Some("20261120T100000Z"));
        assert_eq!(value(vevent, "STATUS"), Some("CONFIRMED"));
        // Russian title, with its comma, semicolon and backslash escaped.
        assert_eq!(
            value(vevent, "SUMMARY"),
            Some("Встреча сети\\; с запятой\\, и \\\\ косой")
        );
        // No Russian description: the Estonian one, then the page.
        let description = value(vevent, "DESCRIPTION").unwrap();
        assert!(description.starts_with("Uudised ja tutvustused."));
        assert!(
            description.ends_with("https://loomeklaster.example/ru/events/vorgustiku-kohtumine")
        );
        assert_eq!(
            value(vevent, "LOCATION"),
            Some("Jõhvi Kontserdimaja\\, Pargi 40\\, Jõhvi\\, волость Йыхви")
        );
        assert_eq!(value(vevent, "CATEGORIES"), Some("Встреча сети"));
    }

    #[test]
    fn a_carriage_return_in_a_text_cannot_start_a_property_of_its_own() {
        let mut forged = event();
        forged.title = Localized::new(
            Some("Feed test\rATTACH:https://evil.example/x".into()),
            None,
            None,
        );
        forged.description = Localized::new(Some("Rida üks\r\nrida kaks\rkolm".into()), None, None);
        forged.venue = Some("Saal\r\nURL:https://evil.example".into());
        let feed = calendar(&[forged], Lang::Et, &SITE);
        assert!(
            !feed.replace("\r\n", "").contains('\r'),
            "no bare CR in the feed"
        );
        let parsed = parse(&feed);
        let vevent = &parsed.events[0];
        assert_eq!(
            value(vevent, "SUMMARY"),
            Some("Feed test ATTACH:https://evil.example/x")
        );
        assert!(vevent.properties.iter().all(|p| p.name != "ATTACH"));
        assert!(
            value(vevent, "DESCRIPTION")
                .unwrap()
                .starts_with("Rida üks\\nrida kaks\\nkolm")
        );
        assert_eq!(
            vevent.properties.iter().filter(|p| p.name == "URL").count(),
            1,
            "only the event's own page"
        );
    }

    #[test]
    fn a_series_carries_its_rule_its_cancellation_and_its_moved_occurrence() {
        let mut series = event();
        series.recurrence = Some("FREQ=MONTHLY;BYDAY=1TH;COUNT=6".into());
        series.exceptions = vec![
            Exception {
                original_start: at("2027-03-04", "16:00"),
                moved: Some((at("2027-03-11", "17:00"), at("2027-03-11", "19:00"))),
                cancelled: false,
            },
            Exception {
                original_start: at("2027-04-01", "16:00"),
                moved: None,
                cancelled: true,
            },
        ];
        let parsed = parse(&calendar(&[series], Lang::Et, &SITE));
        assert_eq!(parsed.events.len(), 2);
        let main = &parsed.events[0];
        assert_eq!(value(main, "RRULE"), Some("FREQ=MONTHLY;BYDAY=1TH;COUNT=6"));
        assert_eq!(value(main, "EXDATE"), Some("20270401T160000"));
        assert_eq!(param(main, "EXDATE", "TZID").as_deref(), Some(TZID));
        let moved = &parsed.events[1];
        assert_eq!(value(moved, "UID"), value(main, "UID"));
        assert_eq!(value(moved, "RECURRENCE-ID"), Some("20270304T160000"));
        assert_eq!(value(moved, "DTSTART"), Some("20270311T170000"));
    }

    #[test]
    fn a_cancelled_event_stays_in_the_feed_as_cancelled() {
        let mut cancelled = event();
        cancelled.status = crate::events::EventStatus::Cancelled;
        cancelled.sequence = 4;
        let parsed = parse(&calendar(&[cancelled], Lang::En, &SITE));
        assert_eq!(value(&parsed.events[0], "STATUS"), Some("CANCELLED"));
        assert_eq!(value(&parsed.events[0], "SEQUENCE"), Some("4"));
    }

    #[test]
    fn an_all_day_event_has_dates_with_an_exclusive_end() {
        let mut fair = event();
        fair.all_day = true;
        fair.starts_at = at("2027-01-25", "00:00");
        fair.ends_at = at("2027-01-26", "23:59");
        let parsed = parse(&calendar(&[fair], Lang::Et, &SITE));
        let vevent = &parsed.events[0];
        assert_eq!(value(vevent, "DTSTART"), Some("20270125"));
        assert_eq!(param(vevent, "DTSTART", "VALUE").as_deref(), Some("DATE"));
        assert_eq!(value(vevent, "DTEND"), Some("20270127"));
    }

    #[test]
    fn the_vtimezone_rules_match_the_tz_database() {
        let tallinn = crate::shared::time::tallinn();
        for year in 2026..2040 {
            for (month, before, after) in [(3, 2, 3), (10, 3, 2)] {
                let last_sunday = jiff::civil::date(year, month, 1)
                    .last_of_month()
                    .nth_weekday_of_month(-1, jiff::civil::Weekday::Sunday)
                    .unwrap();
                // Both changes happen at 01:00 UTC.
                let change = last_sunday
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .unwrap()
                    .timestamp()
                    + jiff::SignedDuration::from_hours(1);
                let offset = |t: Timestamp| tallinn.to_offset(t).seconds() / 3600;
                assert_eq!(offset(change - jiff::SignedDuration::from_secs(1)), before);
                assert_eq!(offset(change), after, "{year}-{month}");
            }
        }
    }

    /// A property value as written, its text escapes (RFC 5545 3.3.11) undone.
    fn unescape(value: &str) -> String {
        let mut text = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            text.push(match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n' | 'N') => '\n',
                    Some(other) => other,
                    None => '\\',
                },
                (c, false) => c,
            });
        }
        text
    }

    #[test]
    fn a_continued_line_of_76_octets_is_folded_again() {
        // As the crate writes a value of 150 octets: 75, then a space and the last 75.
        let crate_folded = format!("{}\r\n {}é\r\n", "a".repeat(75), "b".repeat(73));
        let folded = refold(crate_folded.clone());
        assert!(
            folded.split("\r\n").all(|line| line.len() <= 75),
            "{folded:?}"
        );
        assert_eq!(
            folded.replace("\r\n ", ""),
            crate_folded.replace("\r\n ", "")
        );
        assert!(
            folded.ends_with("\r\n é\r\n"),
            "cut before the two-octet letter"
        );
    }

    proptest::proptest! {
        /// Any texts and times an event can have: a calendar the independent parser reads,
        /// folded at 75 octets with CRLF, whose title reads back as the cleaned title.
        #[test]
        fn any_event_writes_a_calendar_that_reads_back(
            title in proptest::prelude::any::<String>(),
            description in "(\\PC|[\r\n\t;,\\\\])*",
            venue in "(\\PC|[;,])*",
            lang in proptest::sample::select(Lang::ALL.to_vec()),
            start in 0i64..4_000_000_000,
            minutes in 0i64..10_000,
            all_day: bool,
        ) {
            let mut event = event();
            event.title = Localized::new(Some(title.clone()), None, None);
            event.description = Localized::new(Some(description), None, None);
            event.venue = Some(venue);
            event.all_day = all_day;
            event.starts_at = Timestamp::from_second(start).unwrap();
            event.ends_at = event.starts_at + jiff::SignedDuration::from_mins(minutes);
            let feed = calendar(&[event], lang, &SITE);
            proptest::prop_assert!(!feed.replace("\r\n", "").contains(['\r', '\n']));
            let long = feed.split("\r\n").find(|line| line.len() > 75);
            proptest::prop_assert!(long.is_none(), "a line of more than 75 octets: {long:?}");
            let parsed = ical::IcalParser::new(feed.as_bytes())
                .next()
                .expect("one calendar")
                .expect("valid iCalendar");
            proptest::prop_assert_eq!(parsed.events.len(), 1);
            let summary = value(&parsed.events[0], "SUMMARY").unwrap_or_default();
            // The parser drops a value's leading colons (`ical` 0.11 trims them after the
            // name); RFC 5545 leaves colons in text unescaped, so they are written as they are.
            let title = crate::shared::text::clean_line(&title);
            proptest::prop_assert_eq!(unescape(summary), title.trim_start_matches(':'));
        }
    }
}
