//! Series: the repeating rules the coordinator can choose, as RFC 5545 RRULE values, and their
//! expansion (by the `rrule` crate) into occurrences in Tallinn time, with the exceptions of
//! single occurrences applied. Expanding in Tallinn keeps a 16:00 meeting at 16:00 on both
//! sides of a daylight-saving change.

use crate::shared::time::local;
use jiff::{SignedDuration, Timestamp, civil::Date};
use rrule::RRuleSet;

/// The series the coordinator can set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    Weekly,
    EveryTwoWeeks,
    /// On the same day of the month as the first occurrence.
    MonthlyByDate,
    /// On the same weekday of the month (the first Thursday, …; the last when it is the fifth).
    MonthlyByWeekday,
}

/// How a series ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// After this date (in Tallinn), inclusive.
    Date(Date),
    /// After this many occurrences in all.
    Count(u16),
}

/// The RRULE value for a series whose first occurrence starts at `first` (a Tallinn time).
pub fn rule(repeat: Repeat, until: Until, first: Timestamp) -> String {
    let start = local(first);
    let freq = match repeat {
        Repeat::Weekly => "FREQ=WEEKLY".to_owned(),
        Repeat::EveryTwoWeeks => "FREQ=WEEKLY;INTERVAL=2".to_owned(),
        Repeat::MonthlyByDate => format!("FREQ=MONTHLY;BYMONTHDAY={}", start.day()),
        Repeat::MonthlyByWeekday => {
            let nth = (start.day() - 1) / 7 + 1;
            let nth = if nth == 5 { -1 } else { i32::from(nth) };
            format!("FREQ=MONTHLY;BYDAY={nth}{}", weekday_code(start.weekday()))
        }
    };
    match until {
        // The end of that day in Tallinn, in UTC as RFC 5545 asks when DTSTART has a TZID.
        Until::Date(date) => {
            let end = crate::shared::time::start_of_day(date.tomorrow().unwrap_or(date))
                - SignedDuration::from_secs(1);
            format!("{freq};UNTIL={}", end.strftime("%Y%m%dT%H%M%SZ"))
        }
        Until::Count(count) => format!("{freq};COUNT={count}"),
    }
}

impl Repeat {
    /// The form's name of the choice (`weekly`, …; see `domain::event_form::REPEATS`).
    pub fn code(self) -> &'static str {
        match self {
            Repeat::Weekly => "weekly",
            Repeat::EveryTwoWeeks => "every-two-weeks",
            Repeat::MonthlyByDate => "monthly-by-date",
            Repeat::MonthlyByWeekday => "monthly-by-weekday",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Repeat::Weekly,
            Repeat::EveryTwoWeeks,
            Repeat::MonthlyByDate,
            Repeat::MonthlyByWeekday,
        ]
        .into_iter()
        .find(|repeat| repeat.code() == code)
    }
}

/// The choices a rule written by [`rule`] was made from, to show it in the form again;
/// `None` for a rule the form cannot express.
pub fn parse_rule(rule: &str) -> Option<(Repeat, Until)> {
    let parts: Vec<(&str, &str)> = rule
        .split(';')
        .map(|part| part.split_once('='))
        .collect::<Option<_>>()?;
    let get = |key: &str| parts.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let repeat = match (
        get("FREQ")?,
        get("INTERVAL"),
        get("BYMONTHDAY"),
        get("BYDAY"),
    ) {
        ("WEEKLY", None | Some("1"), None, None) => Repeat::Weekly,
        ("WEEKLY", Some("2"), None, None) => Repeat::EveryTwoWeeks,
        ("MONTHLY", None | Some("1"), Some(_), None) => Repeat::MonthlyByDate,
        ("MONTHLY", None | Some("1"), None, Some(_)) => Repeat::MonthlyByWeekday,
        _ => return None,
    };
    let until = match (get("COUNT"), get("UNTIL")) {
        (Some(count), None) => Until::Count(count.parse().ok()?),
        (None, Some(until)) => {
            let instant = jiff::fmt::strtime::parse("%Y%m%dT%H%M%SZ", until)
                .ok()?
                .to_datetime()
                .ok()?
                .to_zoned(jiff::tz::TimeZone::UTC)
                .ok()?
                .timestamp();
            Until::Date(local(instant).date())
        }
        _ => return None,
    };
    Some((repeat, until))
}

fn weekday_code(weekday: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match weekday {
        Monday => "MO",
        Tuesday => "TU",
        Wednesday => "WE",
        Thursday => "TH",
        Friday => "FR",
        Saturday => "SA",
        Sunday => "SU",
    }
}

/// One occurrence of a series moved or cancelled on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    pub original_start: Timestamp,
    /// The new start and end, when it moved.
    pub moved: Option<(Timestamp, Timestamp)>,
    pub cancelled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The start the rule gives it: what identifies it (RECURRENCE-ID).
    pub original_start: Timestamp,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub cancelled: bool,
    pub moved: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("a series rule that cannot be expanded: {0}")]
pub struct BadRule(String);

/// At most this many occurrences of one series are ever expanded.
pub const MAX_OCCURRENCES: u16 = 1000;

/// The occurrences of the series that overlap `[from, until)`, in order of their start, with
/// `exceptions` applied (a moved occurrence counts where it moved to).
pub fn occurrences(
    first_start: Timestamp,
    first_end: Timestamp,
    rule: &str,
    exceptions: &[Exception],
    from: Timestamp,
    until: Timestamp,
) -> Result<Vec<Occurrence>, BadRule> {
    let duration = first_end.duration_since(first_start);
    let set: RRuleSet = format!(
        "DTSTART;TZID=Europe/Tallinn:{}\nRRULE:{rule}",
        local(first_start).strftime("%Y%m%dT%H%M%S")
    )
    .parse()
    .map_err(|e: rrule::RRuleError| BadRule(e.to_string()))?;
    let mut found: Vec<Occurrence> = set
        .all(MAX_OCCURRENCES)
        .dates
        .into_iter()
        .filter_map(|date| Timestamp::from_second(date.timestamp()).ok())
        .map(|start| {
            let exception = exceptions.iter().find(|e| e.original_start == start);
            let (starts_at, ends_at) = exception
                .and_then(|e| e.moved)
                .unwrap_or((start, start + duration));
            Occurrence {
                original_start: start,
                starts_at,
                ends_at,
                cancelled: exception.is_some_and(|e| e.cancelled),
                moved: exception.is_some_and(|e| e.moved.is_some()),
            }
        })
        .filter(|o| o.ends_at > from && o.starts_at < until)
        .collect();
    found.sort_by_key(|o| o.starts_at);
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::time::tallinn_instant;

    #[test]
    fn every_rule_the_form_writes_reads_back_as_its_choices() {
        let first = at("2027-01-28", "16:00");
        for repeat in [
            Repeat::Weekly,
            Repeat::EveryTwoWeeks,
            Repeat::MonthlyByDate,
            Repeat::MonthlyByWeekday,
        ] {
            for until in [Until::Count(12), Until::Date("2027-12-31".parse().unwrap())] {
                let written = rule(repeat, until, first);
                assert_eq!(parse_rule(&written), Some((repeat, until)), "{written}");
            }
            assert_eq!(Repeat::from_code(repeat.code()), Some(repeat));
        }
        assert_eq!(parse_rule("FREQ=DAILY;COUNT=3"), None);
        assert_eq!(parse_rule("FREQ=WEEKLY"), None);
        assert_eq!(parse_rule("nonsense"), None);
    }

    fn at(date: &str, time: &str) -> Timestamp {
        tallinn_instant(date, time).unwrap()
    }

    fn starts(list: &[Occurrence]) -> Vec<String> {
        list.iter()
            .map(|o| local(o.starts_at).strftime("%Y-%m-%d %H:%M").to_string())
            .collect()
    }

    fn all(first: Timestamp, rule: &str, exceptions: &[Exception]) -> Vec<Occurrence> {
        occurrences(
            first,
            first + SignedDuration::from_hours(2),
            rule,
            exceptions,
            Timestamp::MIN,
            Timestamp::MAX,
        )
        .unwrap()
    }

    #[test]
    fn a_monthly_meeting_on_the_first_thursday_keeps_its_hour_across_daylight_saving() {
        let first = at("2027-02-04", "16:00");
        let rule = rule(Repeat::MonthlyByWeekday, Until::Count(4), first);
        assert_eq!(rule, "FREQ=MONTHLY;BYDAY=1TH;COUNT=4");
        let list = all(first, &rule, &[]);
        assert_eq!(
            starts(&list),
            [
                "2027-02-04 16:00",
                "2027-03-04 16:00",
                "2027-04-01 16:00",
                "2027-05-06 16:00"
            ]
        );
        // 16:00 in winter is 14:00 UTC, in summer 13:00 UTC.
        assert_eq!(list[0].starts_at.to_string(), "2027-02-04T14:00:00Z");
        assert_eq!(list[2].starts_at.to_string(), "2027-04-01T13:00:00Z");
        assert_eq!(
            list[2].ends_at.duration_since(list[2].starts_at),
            SignedDuration::from_hours(2)
        );
    }

    #[test]
    fn the_fifth_weekday_becomes_the_last_of_the_month() {
        let first = at("2027-01-29", "10:00"); // the fifth Friday
        let rule = rule(Repeat::MonthlyByWeekday, Until::Count(2), first);
        assert_eq!(rule, "FREQ=MONTHLY;BYDAY=-1FR;COUNT=2");
        assert_eq!(
            starts(&all(first, &rule, &[])),
            ["2027-01-29 10:00", "2027-02-26 10:00"]
        );
    }

    #[test]
    fn weekly_every_two_weeks_and_by_date_end_on_their_until_date() {
        let first = at("2027-03-02", "18:00");
        let weekly = rule(
            Repeat::Weekly,
            Until::Date(jiff::civil::date(2027, 3, 23)),
            first,
        );
        assert_eq!(
            starts(&all(first, &weekly, &[])),
            [
                "2027-03-02 18:00",
                "2027-03-09 18:00",
                "2027-03-16 18:00",
                "2027-03-23 18:00"
            ]
        );
        let fortnightly = rule(Repeat::EveryTwoWeeks, Until::Count(3), first);
        assert_eq!(
            starts(&all(first, &fortnightly, &[])),
            ["2027-03-02 18:00", "2027-03-16 18:00", "2027-03-30 18:00"]
        );
        let by_date = rule(Repeat::MonthlyByDate, Until::Count(2), first);
        assert_eq!(by_date, "FREQ=MONTHLY;BYMONTHDAY=2;COUNT=2");
        assert_eq!(
            starts(&all(first, &by_date, &[])),
            ["2027-03-02 18:00", "2027-04-02 18:00"]
        );
    }

    #[test]
    fn one_occurrence_moves_and_another_is_cancelled_on_its_own() {
        let first = at("2027-02-04", "16:00");
        let rule = "FREQ=MONTHLY;BYDAY=1TH;COUNT=3";
        let exceptions = [
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
        let list = all(first, rule, &exceptions);
        assert_eq!(
            starts(&list),
            ["2027-02-04 16:00", "2027-03-11 17:00", "2027-04-01 16:00"]
        );
        assert!(list[1].moved && !list[1].cancelled);
        assert_eq!(list[1].original_start, at("2027-03-04", "16:00"));
        assert!(list[2].cancelled);
    }

    #[test]
    fn only_occurrences_overlapping_the_window_are_returned() {
        let first = at("2027-01-05", "10:00");
        let list = occurrences(
            first,
            first + SignedDuration::from_hours(1),
            "FREQ=WEEKLY;COUNT=10",
            &[],
            at("2027-01-19", "10:30"),
            at("2027-02-02", "10:00"),
        )
        .unwrap();
        assert_eq!(starts(&list), ["2027-01-19 10:00", "2027-01-26 10:00"]);
    }

    #[test]
    fn a_rule_that_does_not_parse_is_an_error_not_a_panic() {
        let first = at("2027-01-05", "10:00");
        assert!(occurrences(first, first, "FREQ=SOMETIMES", &[], first, first).is_err());
    }
}
