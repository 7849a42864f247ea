//! Times as the coordinator types them: a date and a wall-clock time in Tallinn. Stored in UTC,
//! they must name one instant, so a time that the clocks skip in spring (the gap) or pass
//! twice in autumn (the fold) is refused with its own reason.

use crate::tallinn_time::tallinn;
use jiff::{
    Timestamp,
    civil::{Date, DateTime, Time},
    tz::AmbiguousOffset,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTimeProblem {
    /// Not a calendar date (`2027-02-30`) or not `YYYY-MM-DD`.
    NotADate,
    /// Not `HH:MM` within the day.
    NotATime,
    /// The clocks jump over this time (the last Sunday of March, 03:00–04:00).
    InGap,
    /// The clocks show this time twice (the last Sunday of October, 03:00–04:00).
    Ambiguous,
}

pub fn parse_date(text: &str) -> Result<Date, LocalTimeProblem> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| LocalTimeProblem::NotADate)
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

/// The start of a Tallinn day (midnight always exists there), for all-day events.
pub fn start_of_day(date: Date) -> Timestamp {
    local_instant(date.to_datetime(Time::midnight()))
        .expect("midnight exists on every day in Tallinn")
}

/// The Tallinn wall-clock time of an instant.
pub fn local(instant: Timestamp) -> DateTime {
    instant.to_zoned(tallinn()).datetime()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn instants_read_back_as_the_same_wall_clock() {
        let instant = tallinn_instant("2027-03-28", "04:15").unwrap();
        assert_eq!(local(instant).to_string(), "2027-03-28T04:15:00");
        assert_eq!(
            start_of_day(jiff::civil::date(2027, 7, 1)).to_string(),
            "2027-06-30T21:00:00Z"
        );
    }
}
