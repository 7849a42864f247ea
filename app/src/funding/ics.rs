//! The deadlines as a calendar of their own (RFC 5545, written by the `icalendar` crate): one
//! VEVENT per deadline at its instant, with a UID that names the call and the deadline (so an
//! edit updates it), the call's SEQUENCE, alarms 14 and 3 days before, TENTATIVE while the
//! call is paused and CANCELLED once it is closed.

use crate::funding::CallStatus;
use crate::funding::model::Call;
use crate::i18n::Lang;
use crate::platform::feeds::utc;
use crate::shared::text::{clean_line, clean_text};
use icalendar::{Alarm, Calendar, Component, EventLike, EventStatus, Property, Trigger};
use jiff::{Timestamp, ToSpan};

/// The deadlines a feed carries: from a month ago to two years ahead.
const BACK_DAYS: i64 = 31;
const AHEAD_DAYS: i64 = 2 * 366;
/// Days before a deadline its alarms ring.
const ALARM_DAYS: [i64; 2] = [14, 3];

/// The calendar of `calls`' deadlines in `lang`, seen at `now`; `origin` is the site's.
pub fn calendar<'a>(
    calls: impl IntoIterator<Item = &'a Call>,
    lang: Lang,
    origin: &str,
    now: Timestamp,
) -> String {
    let texts = &lang.texts().funding;
    let host = crate::platform::feeds::host(origin);
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//Ida-Viru Loomeklaster//Funding 1.0//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        calendar.append_property(Property::new(key, value));
    }
    calendar.name(texts.feed_name);
    // Whole days of 24 hours: a timestamp has no calendar days.
    let (from, to) = (
        now - (BACK_DAYS * 24).hours(),
        now + (AHEAD_DAYS * 24).hours(),
    );
    for call in calls {
        if call.status == CallStatus::Draft {
            continue;
        }
        let page = format!("{origin}/{lang}/funding/{}", call.slug);
        let title = call
            .title
            .show(lang)
            .map(|shown| clean_line(shown.text))
            .unwrap_or_default();
        let summary = texts.feed_summary.replace("{title}", &title);
        let status = match call.status {
            CallStatus::Paused => EventStatus::Tentative,
            CallStatus::Closed => EventStatus::Cancelled,
            _ => EventStatus::Confirmed,
        };
        for (wall, at) in call
            .expanded
            .iter()
            .filter(|(_, at)| (from..to).contains(at))
        {
            let until = crate::funding::view::until(*wall, *at, lang);
            let description = clean_text(&format!("{}\n{until}\n\n{page}", call.funder));
            let uid = format!(
                "funding-{}-{}@{host}",
                call.id,
                wall.strftime("%Y%m%dT%H%M")
            );
            let mut vevent = icalendar::Event::new();
            vevent
                .uid(&uid)
                .timestamp(utc(call.updated_at))
                .last_modified(utc(call.updated_at))
                .created(utc(call.created_at))
                .sequence(u32::try_from(call.sequence).unwrap_or(0))
                .summary(&summary)
                .description(&description)
                .url(&page)
                .status(status)
                .starts(utc(*at))
                .ends(utc(*at));
            if call.status != CallStatus::Closed {
                for days in ALARM_DAYS {
                    // Its own UID and DTSTAMP, else the crate writes a random one and the time of
                    // writing, and no two copies of the feed are equal.
                    let mut alarm = Alarm::display(
                        &summary,
                        Trigger::before_start(chrono::Duration::days(days)),
                    );
                    alarm
                        .uid(&format!("{days}d-{uid}"))
                        .timestamp(utc(call.updated_at));
                    vevent.alarm(alarm);
                }
            }
            calendar.push(vevent.done());
        }
    }
    calendar.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::deadlines::Rule;
    use crate::shared::Localized;
    use ical::parser::ical::component::IcalEvent;

    fn property<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a str> {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.as_deref())
    }

    #[test]
    fn each_deadline_is_an_event_with_its_alarms_and_a_stable_uid() {
        let mut call = Call {
            id: 4,
            slug: "kulka".into(),
            status: CallStatus::Open,
            funder: "Kultuurkapital".into(),
            title: Localized::new(Some("Ida-Viru ekspertgrupp".into()), None, None),
            rule: Some(Rule::parse("02-20 05-20 08-20 11-20 @ 23:59 next-working-day").unwrap()),
            sequence: 3,
            ..Call::default()
        };
        call.expand(jiff::civil::date(2026, 12, 2));
        let now: Timestamp = "2026-12-02T10:00:00Z".parse().unwrap();
        let text = calendar([&call], Lang::Et, "https://loomeklaster.example", now);
        let parsed = ical::IcalParser::new(text.as_bytes())
            .next()
            .unwrap()
            .unwrap();
        // The one of the month before (20 Nov 2026), and two years ahead of a quarterly rule.
        assert_eq!(parsed.events.len(), 9);
        let first = &parsed.events[0];
        assert_eq!(
            property(first, "UID"),
            Some("funding-4-20261120T2359@loomeklaster.example")
        );
        assert_eq!(property(first, "DTSTART"), Some("20261120T215900Z"));
        assert_eq!(property(first, "SEQUENCE"), Some("3"));
        assert_eq!(
            property(first, "SUMMARY"),
            Some("Taotlustähtaeg: Ida-Viru ekspertgrupp")
        );
        let triggers: Vec<_> = first
            .alarms
            .iter()
            .filter_map(|alarm| alarm.properties.iter().find(|p| p.name == "TRIGGER"))
            .filter_map(|p| p.value.clone())
            .collect();
        // 14 and 3 days before, in seconds as the crate writes durations.
        assert_eq!(triggers, ["-PT1209600S", "-PT259200S"]);

        call.status = CallStatus::Closed;
        let text = calendar([&call], Lang::Et, "https://loomeklaster.example", now);
        let parsed = ical::IcalParser::new(text.as_bytes())
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(property(&parsed.events[0], "STATUS"), Some("CANCELLED"));
        assert!(parsed.events[0].alarms.is_empty());
    }
}
