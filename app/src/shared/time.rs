//! Time as people in the region read and type it: Tallinn time, whatever the server's zone.
//! Shown: event times and spans in each language, stored times to the minute. Typed: a date and
//! a wall-clock time, stored in UTC, must name one instant, so a time that the clocks skip in
//! spring (the gap) or pass twice in autumn (the fold) is refused with its own reason. Every
//! date and month read from a form or a URL is range-checked here, where it is parsed, so that
//! nothing downstream (a loop over the days of a month, a series) meets a year 9999.

use crate::error::Problem;
use crate::i18n::Lang;
use jiff::{
    Timestamp, ToSpan,
    civil::{Date, DateTime, Time},
    tz::AmbiguousOffset,
    tz::TimeZone,
};
use std::ops::RangeInclusive;

/// The years a typed date or month may have: far wider than any event, founding year or
/// deadline, narrow enough that every date has a Tallinn midnight and every loop ends at once.
pub const YEARS: RangeInclusive<i16> = 1900..=2200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTimeProblem {
    /// Not a calendar date (`2027-02-30`) or not `YYYY-MM-DD`.
    NotADate,
    /// A date, but outside [`YEARS`].
    OutOfRange,
    /// Not `HH:MM` within the day.
    NotATime,
    /// The clocks jump over this time (the last Sunday of March, 03:00–04:00).
    InGap,
    /// The clocks show this time twice (the last Sunday of October, 03:00–04:00).
    Ambiguous,
}

impl LocalTimeProblem {
    /// The form's problem, and whether it belongs to the date field (else to the time field).
    pub fn problem(self) -> (Problem, bool) {
        match self {
            LocalTimeProblem::NotADate => (Problem::NotADate, true),
            LocalTimeProblem::OutOfRange => (Problem::DateOutOfRange, true),
            LocalTimeProblem::NotATime => (Problem::NotATime, false),
            LocalTimeProblem::InGap => (Problem::InTimeGap, false),
            LocalTimeProblem::Ambiguous => (Problem::AmbiguousTime, false),
        }
    }
}

/// A `YYYY-MM-DD` date within [`YEARS`].
pub fn parse_date(text: &str) -> Result<Date, LocalTimeProblem> {
    let date = text
        .trim()
        .parse::<Date>()
        .map_err(|_| LocalTimeProblem::NotADate)?;
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(LocalTimeProblem::OutOfRange)
    }
}

/// A month of the calendar, as a URL names it (`2026-12`), within [`YEARS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month(Date);

impl Month {
    /// `YYYY-MM` (four digits, two digits), within [`YEARS`].
    pub fn parse(text: &str) -> Result<Month, LocalTimeProblem> {
        let text = text.trim();
        let shaped = text.len() == 7
            && text.as_bytes()[4] == b'-'
            && text
                .bytes()
                .enumerate()
                .all(|(i, b)| i == 4 || b.is_ascii_digit());
        if !shaped {
            return Err(LocalTimeProblem::NotADate);
        }
        parse_date(&format!("{text}-01")).map(Month)
    }

    /// The month `date` is in.
    pub fn of(date: Date) -> Month {
        Month(date.first_of_month())
    }

    pub fn first_day(self) -> Date {
        self.0
    }

    pub fn last_day(self) -> Date {
        self.0.last_of_month()
    }

    /// The month before, if it is within [`YEARS`].
    pub fn previous(self) -> Option<Month> {
        self.0
            .checked_sub(1.month())
            .ok()
            .filter(|date| YEARS.contains(&date.year()))
            .map(Month)
    }

    /// The month after, if it is within [`YEARS`].
    pub fn next(self) -> Option<Month> {
        self.0
            .checked_add(1.month())
            .ok()
            .filter(|date| YEARS.contains(&date.year()))
            .map(Month)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.0.year(), self.0.month())
    }
}

/// The instant a Tallinn date and `HH:MM` name.
pub fn tallinn_instant(date: &str, time: &str) -> Result<Timestamp, LocalTimeProblem> {
    let date = parse_date(date)?;
    let time = time
        .trim()
        .parse::<Time>()
        .map_err(|_| LocalTimeProblem::NotATime)?;
    local_instant(date.to_datetime(time))
}

/// The instant of a Tallinn wall-clock time, if it names exactly one.
pub fn local_instant(local: DateTime) -> Result<Timestamp, LocalTimeProblem> {
    let ambiguous = tallinn().to_ambiguous_timestamp(local);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { .. } => {
            ambiguous.unambiguous().map_err(|_| LocalTimeProblem::InGap)
        }
        AmbiguousOffset::Gap { .. } => Err(LocalTimeProblem::InGap),
        AmbiguousOffset::Fold { .. } => Err(LocalTimeProblem::Ambiguous),
    }
}

/// The start of a Tallinn day, for all-day events and month grids. Midnight is never in
/// Tallinn's gap or fold (both are at 03:00), so this is exact; a date so far out that it has
/// no instant at all saturates rather than panics.
pub fn start_of_day(date: Date) -> Timestamp {
    date.to_zoned(tallinn())
        .map(|midnight| midnight.timestamp())
        .unwrap_or(if date.year() < 0 {
            Timestamp::MIN
        } else {
            Timestamp::MAX
        })
}

/// The Tallinn wall-clock time of an instant.
pub fn local(instant: Timestamp) -> DateTime {
    instant.to_zoned(tallinn()).datetime()
}

/// The zone of every time the platform shows or reads, named as in the tz database.
pub const TIME_ZONE: &str = "Europe/Tallinn";

/// Tallinn's zone, daylight saving included.
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

/// [`format_span`] with the zone, as an event's page and mail show it:
/// "4 Jun 2030, 10:00–12:00 (Tallinn time, EEST)".
pub fn format_span_zoned(start: Timestamp, end: Timestamp, all_day: bool, lang: Lang) -> String {
    format!(
        "{} ({} {})",
        format_span(start, end, all_day, lang),
        lang.texts().events.tallinn_time,
        start.to_zoned(tallinn()).strftime("%Z")
    )
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

    #[test]
    fn winter_and_summer_times_are_two_and_three_hours_ahead_of_utc() {
        assert_eq!(
            tallinn_instant("2026-12-03", "17:00").unwrap().to_string(),
            "2026-12-03T15:00:00Z"
        );
        assert_eq!(
            tallinn_instant("2027-06-03", "17:00").unwrap().to_string(),
            "2027-06-03T14:00:00Z"
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_is_refused() {
        assert_eq!(
            tallinn_instant("2027-03-28", "03:30"),
            Err(LocalTimeProblem::InGap)
        );
        // Either side of the gap is fine.
        assert!(tallinn_instant("2027-03-28", "02:59").is_ok());
        assert_eq!(
            tallinn_instant("2027-03-28", "04:00").unwrap().to_string(),
            "2027-03-28T01:00:00Z"
        );
    }

    #[test]
    fn a_time_in_the_autumn_overlap_is_ambiguous() {
        assert_eq!(
            tallinn_instant("2026-10-25", "03:30"),
            Err(LocalTimeProblem::Ambiguous)
        );
        assert!(tallinn_instant("2026-10-25", "04:00").is_ok());
    }

    #[test]
    fn dates_and_times_that_do_not_exist_are_told_apart() {
        assert_eq!(
            tallinn_instant("2027-02-30", "10:00"),
            Err(LocalTimeProblem::NotADate)
        );
        assert_eq!(
            tallinn_instant("30.01.2027", "10:00"),
            Err(LocalTimeProblem::NotADate)
        );
        assert_eq!(
            tallinn_instant("2027-01-30", "25:00"),
            Err(LocalTimeProblem::NotATime)
        );
        assert_eq!(
            tallinn_instant("2027-01-30", ""),
            Err(LocalTimeProblem::NotATime)
        );
    }

    #[test]
    fn dates_and_months_outside_the_calendars_years_are_refused_where_they_are_parsed() {
        assert_eq!(parse_date("9999-12-31"), Err(LocalTimeProblem::OutOfRange));
        assert_eq!(parse_date("1899-12-31"), Err(LocalTimeProblem::OutOfRange));
        assert_eq!(
            parse_date("-009999-01-01"),
            Err(LocalTimeProblem::OutOfRange)
        );
        assert!(parse_date("2200-12-31").is_ok() && parse_date("1900-01-01").is_ok());
        assert_eq!(
            tallinn_instant("9999-12-31", "10:00"),
            Err(LocalTimeProblem::OutOfRange)
        );
        assert_eq!(Month::parse("9999-12"), Err(LocalTimeProblem::OutOfRange));
        for malformed in [
            "-009999-01",
            "2026-1",
            "2026-13",
            "2026-12-01",
            "202612",
            "",
        ] {
            assert!(Month::parse(malformed).is_err(), "{malformed}");
        }
        let december = Month::parse("2026-12").unwrap();
        assert_eq!(december.to_string(), "2026-12");
        assert_eq!(december.next().unwrap().to_string(), "2027-01");
        assert_eq!(december.previous().unwrap().to_string(), "2026-11");
        // The edges of the range have no month beyond them.
        assert_eq!(Month::parse("2200-12").unwrap().next(), None);
        assert_eq!(Month::parse("1900-01").unwrap().previous(), None);
    }

    #[test]
    fn the_start_of_a_day_never_panics_however_far_out_the_date() {
        let today = start_of_day(jiff::civil::date(2026, 12, 1));
        assert!(start_of_day(Date::MAX) > today);
        assert!(start_of_day(Date::MIN) < today);
    }

    #[test]
    fn instants_read_back_as_the_same_wall_clock() {
        let instant = tallinn_instant("2027-03-28", "04:15").unwrap();
        assert_eq!(local(instant).to_string(), "2027-03-28T04:15:00");
        assert_eq!(
            start_of_day(jiff::civil::date(2027, 7, 1)).to_string(),
            "2027-06-30T21:00:00Z"
        );
    }

    proptest::proptest! {
        /// Every wall-clock minute of the allowed years is one instant that reads back as
        /// itself, or is refused as in the spring gap or the autumn fold, and (under today's
        /// rules) then only between 03:00 and 04:00 on a last Sunday of March or October.
        #[test]
        fn a_tallinn_minute_reads_back_or_is_a_gap_or_fold(
            year in YEARS, month in 1i8..=12, day in 1i8..=31, hour in 0i8..24, minute in 0i8..60,
        ) {
            let date = format!("{year:04}-{month:02}-{day:02}");
            let time = format!("{hour:02}:{minute:02}");
            match tallinn_instant(&date, &time) {
                Ok(instant) => proptest::prop_assert_eq!(
                    local(instant).to_string(),
                    format!("{date}T{time}:00")
                ),
                Err(LocalTimeProblem::NotADate) => {
                    proptest::prop_assert!(jiff::civil::Date::new(year, month, day).is_err())
                }
                Err(LocalTimeProblem::InGap | LocalTimeProblem::Ambiguous) => {
                    // Before 2002 Estonia's clocks changed by other rules (and not in 2000).
                    if year >= 2002 {
                        let sunday = jiff::civil::Date::new(year, month, day).unwrap().weekday()
                            == jiff::civil::Weekday::Sunday;
                        proptest::prop_assert!(
                            matches!(month, 3 | 10) && day > 24 && sunday && hour == 3,
                            "{date} {time}"
                        );
                    }
                }
                Err(other) => proptest::prop_assert!(false, "{date} {time}: {other:?}"),
            }
        }

        /// Whatever is typed in a date or time field: an instant or a reason, never a panic.
        #[test]
        fn any_typed_date_and_time_is_an_instant_or_a_reason(
            date in "\\PC{0,14}|[0-9+-]{1,12}",
            time in "\\PC{0,8}|[0-9:]{1,8}",
        ) {
            let _ = tallinn_instant(&date, &time);
        }
    }
}
