//! Event times as people in the region read them: in Tallinn time, whatever the server's zone.

use crate::i18n::Lang;
use jiff::{Timestamp, tz::TimeZone};

pub const TIME_ZONE: &str = "Europe/Tallinn";

pub fn tallinn() -> TimeZone {
    // The tz database is bundled into the binary (jiff's tzdb-bundle-always), so this cannot fail.
    TimeZone::get(TIME_ZONE).expect("the bundled tz database knows Europe/Tallinn")
}

/// "3.12.2026 17:00" / "3 Dec 2026, 17:00"; the date alone for all-day events.
pub fn format_start(start: Timestamp, all_day: bool, lang: Lang) -> String {
    let local = start.to_zoned(tallinn());
    let format = match (lang, all_day) {
        (Lang::Et | Lang::Ru, false) => "%-d.%m.%Y %H:%M",
        (Lang::Et | Lang::Ru, true) => "%-d.%m.%Y",
        (Lang::En, false) => "%-d %b %Y, %H:%M",
        (Lang::En, true) => "%-d %b %Y",
    };
    local.strftime(format).to_string()
}

/// "3.12.2026 17:00–19:00", "25.01.2027 – 26.01.2027", "3 Dec 2026, 17:00–19:00": an event's
/// span in Tallinn time, the date written once when it starts and ends on the same day.
pub fn format_span(start: Timestamp, end: Timestamp, all_day: bool, lang: Lang) -> String {
    let (from, to) = (start.to_zoned(tallinn()), end.to_zoned(tallinn()));
    let starts = format_start(start, all_day, lang);
    if from.date() == to.date() {
        if all_day {
            starts
        } else {
            format!("{starts}–{}", to.strftime("%H:%M"))
        }
    } else {
        format!("{starts} – {}", format_start(end, all_day, lang))
    }
}

/// A time as the database stores it (`2026-11-26T21:10:00Z`) as a Tallinn minute,
/// `2026-11-26 23:10`, for the coordinator's tables.
pub fn stored_as_local_minute(stored: &str) -> String {
    stored
        .parse::<Timestamp>()
        .map(|t| t.to_zoned(tallinn()).strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| stored.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_tallinn_across_daylight_saving() {
        let winter: Timestamp = "2026-12-03T15:00:00Z".parse().unwrap();
        let summer: Timestamp = "2026-06-03T15:00:00Z".parse().unwrap();
        assert_eq!(format_start(winter, false, Lang::Et), "3.12.2026 17:00");
        assert_eq!(format_start(summer, false, Lang::Ru), "3.06.2026 18:00");
        assert_eq!(format_start(summer, false, Lang::En), "3 Jun 2026, 18:00");
    }

    #[test]
    fn a_span_writes_one_date_for_one_day_and_two_for_more() {
        let start: Timestamp = "2026-12-03T15:00:00Z".parse().unwrap();
        let end: Timestamp = "2026-12-03T17:00:00Z".parse().unwrap();
        assert_eq!(
            format_span(start, end, false, Lang::Et),
            "3.12.2026 17:00–19:00"
        );
        assert_eq!(
            format_span(start, end, false, Lang::En),
            "3 Dec 2026, 17:00–19:00"
        );
        let fair_end: Timestamp = "2026-12-04T21:59:00Z".parse().unwrap();
        assert_eq!(
            format_span(start, fair_end, true, Lang::Ru),
            "3.12.2026 – 4.12.2026"
        );
    }

    #[test]
    fn all_day_events_show_the_tallinn_date_only() {
        // 22:30 UTC on the 4th is already the 5th in Tallinn.
        let late: Timestamp = "2026-12-04T22:30:00Z".parse().unwrap();
        assert_eq!(format_start(late, true, Lang::Et), "5.12.2026");
        assert_eq!(format_start(late, true, Lang::En), "5 Dec 2026");
    }
}
