//! Deadline rules: days of the year at a Tallinn wall-clock time, each moved to the next
//! working day when it falls on a day off (or kept as it is). Stored as text,
//! `02-20 05-20 08-20 11-20 @ 23:59 next-working-day`, and expanded, year by year and bounded,
//! into wall-clock times and the instants they name.

use crate::funding::holidays::next_working_day;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};

/// A deadline rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Month and day, in order, each once; at most [`MOST_DAYS`].
    pub days: Vec<(i8, i8)>,
    /// The wall-clock time in Tallinn.
    pub time: Time,
    /// Moved to the next working day when on a weekend or public holiday.
    pub next_working_day: bool,
}

/// The most days a rule names (one a month).
pub const MOST_DAYS: usize = 12;
/// The most deadlines expanded at once, and the most years looked through.
pub const MOST_DEADLINES: usize = 100;
const MOST_YEARS: i16 = 50;

/// Why a rule's text is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleProblem {
    /// Not `MM-DD … @ HH:MM [next-working-day]`.
    Shape,
    /// A month and day that no year has (02-30), or a day named twice.
    NotADay,
    /// More days than a rule may name.
    TooManyDays,
    /// Between 03:00 and 04:00, which the spring change skips and the autumn change repeats.
    ClockChange,
}

const NEXT_WORKING_DAY: &str = "next-working-day";

impl Rule {
    pub fn parse(text: &str) -> Result<Rule, RuleProblem> {
        let (days, rest) = text.split_once('@').ok_or(RuleProblem::Shape)?;
        let mut rest = rest.split_whitespace();
        let time = rest.next().ok_or(RuleProblem::Shape)?;
        let next_working_day = match rest.next() {
            None => false,
            Some(NEXT_WORKING_DAY) => true,
            Some(_) => return Err(RuleProblem::Shape),
        };
        if rest.next().is_some() {
            return Err(RuleProblem::Shape);
        }
        let (hour, minute) = time.split_once(':').ok_or(RuleProblem::Shape)?;
        let number = |text: &str| -> Result<i8, RuleProblem> {
            if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
                text.parse().map_err(|_| RuleProblem::Shape)
            } else {
                Err(RuleProblem::Shape)
            }
        };
        let time =
            Time::new(number(hour)?, number(minute)?, 0, 0).map_err(|_| RuleProblem::Shape)?;
        if time.hour() == 3 {
            return Err(RuleProblem::ClockChange);
        }
        let mut parsed = Vec::new();
        for day in days.split_whitespace() {
            if parsed.len() == MOST_DAYS {
                return Err(RuleProblem::TooManyDays);
            }
            let (month, day) = day.split_once('-').ok_or(RuleProblem::Shape)?;
            let (month, day) = (number(month)?, number(day)?);
            // A leap year has every month and day there is.
            Date::new(2028, month, day).map_err(|_| RuleProblem::NotADay)?;
            parsed.push((month, day));
        }
        if parsed.is_empty() {
            return Err(RuleProblem::Shape);
        }
        parsed.sort();
        let count = parsed.len();
        parsed.dedup();
        if parsed.len() != count {
            return Err(RuleProblem::NotADay);
        }
        Ok(Rule {
            days: parsed,
            time,
            next_working_day,
        })
    }

    /// The rule as stored.
    pub fn code(&self) -> String {
        let days: Vec<String> = self
            .days
            .iter()
            .map(|(month, day)| format!("{month:02}-{day:02}"))
            .collect();
        let shift = if self.next_working_day {
            format!(" {NEXT_WORKING_DAY}")
        } else {
            String::new()
        };
        format!(
            "{} @ {:02}:{:02}{shift}",
            days.join(" "),
            self.time.hour(),
            self.time.minute()
        )
    }

    /// The next `count` deadlines (at most [`MOST_DEADLINES`]) on or after `from`, as Tallinn
    /// wall-clock times, looking at most 50 years ahead.
    pub fn deadlines(&self, from: DateTime, count: usize) -> Vec<DateTime> {
        let count = count.min(MOST_DEADLINES);
        let mut found = Vec::with_capacity(count);
        let first = from.year();
        for year in first..first.saturating_add(MOST_YEARS) {
            for (month, day) in &self.days {
                // 29 February only in leap years.
                let Ok(date) = Date::new(year, *month, *day) else {
                    continue;
                };
                let date = if self.next_working_day {
                    next_working_day(date)
                } else {
                    date
                };
                let deadline = date.to_datetime(self.time);
                if deadline >= from && found.len() < count {
                    found.push(deadline);
                }
            }
            if found.len() == count {
                break;
            }
        }
        found
    }
}

/// The instant a Tallinn wall-clock deadline names (the later of two in the autumn fold, the
/// one after a spring gap: rules never fall there, single deadlines are refused there).
pub fn instant(deadline: DateTime) -> Timestamp {
    deadline
        .to_zoned(crate::shared::time::tallinn())
        .map(|zoned| zoned.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn kulka() -> Rule {
        Rule::parse("02-20 05-20 08-20 11-20 @ 23:59 next-working-day").unwrap()
    }

    #[test]
    fn the_cultural_endowments_rule_moves_each_deadline_to_the_next_working_day() {
        let deadlines = kulka().deadlines(date(2026, 1, 1).at(0, 0, 0, 0), 20);
        let days: Vec<Date> = deadlines.iter().map(|deadline| deadline.date()).collect();
        assert_eq!(
            days,
            [
                date(2026, 2, 20),
                date(2026, 5, 20),
                date(2026, 8, 21), // 20 Aug is a holiday
                date(2026, 11, 20),
                date(2027, 2, 22), // Saturday
                date(2027, 5, 20),
                date(2027, 8, 23),  // a holiday on Friday, then the weekend
                date(2027, 11, 22), // Saturday
                date(2028, 2, 21),  // Sunday
                date(2028, 5, 22),  // Saturday
                date(2028, 8, 21),  // Sunday and a holiday
                date(2028, 11, 20),
                date(2029, 2, 20),
                date(2029, 5, 21), // Pentecost, a Sunday
                date(2029, 8, 21), // a holiday on Monday
                date(2029, 11, 20),
                date(2030, 2, 20),
                date(2030, 5, 20),
                date(2030, 8, 21), // a holiday on Tuesday
                date(2030, 11, 20),
            ]
        );
        assert!(
            deadlines
                .iter()
                .all(|deadline| deadline.time() == Time::new(23, 59, 0, 0).unwrap())
        );
    }

    #[test]
    fn a_deadline_names_its_instant_in_winter_and_in_summer_time() {
        let deadlines = kulka().deadlines(date(2027, 1, 1).at(0, 0, 0, 0), 2);
        assert_eq!(
            instant(deadlines[0]).to_string(),
            "2027-02-22T21:59:00Z",
            "EET, +02:00"
        );
        assert_eq!(
            instant(deadlines[1]).to_string(),
            "2027-05-20T20:59:00Z",
            "EEST, +03:00"
        );
    }

    #[test]
    fn the_next_deadlines_start_from_now_and_the_search_is_bounded() {
        let from = date(2027, 2, 22).at(23, 59, 0, 0);
        assert_eq!(
            kulka().deadlines(from, 1)[0].date(),
            date(2027, 2, 22),
            "until 23:59 inclusive"
        );
        let after = date(2027, 2, 23).at(0, 0, 0, 0);
        assert_eq!(kulka().deadlines(after, 1)[0].date(), date(2027, 5, 20));
        let leap = Rule::parse("02-29 @ 12:00").unwrap();
        assert_eq!(
            leap.deadlines(date(2026, 1, 1).at(0, 0, 0, 0), 2)
                .iter()
                .map(|d| d.date())
                .collect::<Vec<_>>(),
            [date(2028, 2, 29), date(2032, 2, 29)]
        );
        assert_eq!(kulka().deadlines(from, 10_000).len(), MOST_DEADLINES);
        let far = date(9999, 1, 1).at(0, 0, 0, 0);
        assert!(
            kulka().deadlines(far, 5).len() <= 4,
            "no year beyond 9999, no endless loop"
        );
    }

    #[test]
    fn rules_read_back_as_written_and_bad_ones_say_why() {
        let rule = kulka();
        assert_eq!(Rule::parse(&rule.code()), Ok(rule.clone()));
        assert_eq!(
            rule.code(),
            "02-20 05-20 08-20 11-20 @ 23:59 next-working-day"
        );
        for (text, problem) in [
            ("", RuleProblem::Shape),
            ("02-20", RuleProblem::Shape),
            ("02-20 @ 24:00", RuleProblem::Shape),
            ("02-20 @ 9:00", RuleProblem::Shape),
            ("02-30 @ 12:00", RuleProblem::NotADay),
            ("02-20 02-20 @ 12:00", RuleProblem::NotADay),
            ("13-01 @ 12:00", RuleProblem::NotADay),
            ("03-29 @ 03:30", RuleProblem::ClockChange),
            ("02-20 @ 12:00 someday", RuleProblem::Shape),
            (
                "01-01 02-01 03-01 04-01 05-01 06-01 07-01 08-01 09-01 10-01 11-01 12-01 12-02 @ 12:00",
                RuleProblem::TooManyDays,
            ),
        ] {
            assert_eq!(Rule::parse(text), Err(problem), "{text}");
        }
    }
}
