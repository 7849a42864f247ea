//! A funding call as the server keeps it in memory: its stored fields, and every deadline it
//! has (the single ones and its rule's, for years ahead) in order, each with the instant it
//! names, so that a request finds the next one by a binary search.

use crate::funding::CallStatus;
use crate::funding::deadlines::{Rule, instant};
use crate::shared::Localized;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Call {
    pub id: i64,
    pub slug: String,
    pub status: CallStatus,
    pub funder: String,
    pub funder_id: Option<i64>,
    /// The funder's entry, when it is published.
    pub funder_slug: Option<String>,
    pub programme: Option<String>,
    pub title: Localized,
    pub summary: Localized,
    pub kinds: Vec<String>,
    pub sectors: Vec<String>,
    pub municipalities: Vec<String>,
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    pub self_financing: Option<i64>,
    pub url: Option<String>,
    pub contact: Option<String>,
    pub opens_on: Option<Date>,
    /// Single deadlines, Tallinn wall-clock, in order.
    pub deadlines: Vec<DateTime>,
    pub rule: Option<Rule>,
    pub sequence: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Every deadline with its instant, in order: see [`Call::expand`].
    pub expanded: Vec<(DateTime, Timestamp)>,
}

/// How far back a rule's deadlines are made (the past board shows the last one), and how many.
const RULE_YEARS_BACK: i16 = 1;
const RULE_DEADLINES: usize = 60;

impl Call {
    /// Fills [`Call::expanded`]: the single deadlines and the rule's from the year before
    /// `today` on (at most 60, which is 15 years of a quarterly rule).
    pub fn expand(&mut self, today: Date) {
        let mut all: Vec<DateTime> = self.deadlines.clone();
        if let Some(rule) = &self.rule {
            let from = Date::new(today.year().saturating_sub(RULE_YEARS_BACK), 1, 1)
                .unwrap_or(today)
                .to_datetime(jiff::civil::Time::midnight());
            all.extend(rule.deadlines(from, RULE_DEADLINES));
        }
        all.sort();
        all.dedup();
        self.expanded = all
            .into_iter()
            .map(|deadline| (deadline, instant(deadline)))
            .collect();
    }

    /// The deadlines still to come at `now` (a deadline is open until its minute is over).
    pub fn coming(&self, now: Timestamp) -> &[(DateTime, Timestamp)] {
        let first = self
            .expanded
            .partition_point(|(_, at)| at.as_second() + 60 <= now.as_second());
        &self.expanded[first..]
    }

    /// Over: closed, or every deadline it had has passed.
    pub fn is_past(&self, now: Timestamp) -> bool {
        self.status == CallStatus::Closed
            || (!self.expanded.is_empty() && self.coming(now).is_empty())
    }

    /// Whether an entry of `kind` in `sectors` and `municipality` may apply.
    pub fn may_apply(&self, kind: &str, sectors: &[String], municipality: &str) -> bool {
        (self.kinds.is_empty() || self.kinds.iter().any(|k| k == kind))
            && (self.sectors.is_empty() || self.sectors.iter().any(|s| sectors.contains(s)))
            && (self.municipalities.is_empty()
                || self.municipalities.iter().any(|m| m == municipality))
    }
}

/// What the board needs of a directory entry to match calls to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applicant {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub sectors: Vec<String>,
    pub municipality: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn call() -> Call {
        Call {
            rule: Some(Rule::parse("02-20 05-20 08-20 11-20 @ 23:59 next-working-day").unwrap()),
            deadlines: vec![date(2027, 1, 10).at(12, 0, 0, 0)],
            status: CallStatus::Open,
            ..Call::default()
        }
    }

    #[test]
    fn deadlines_come_in_order_and_stay_open_through_their_last_minute() {
        let mut call = call();
        call.expand(date(2026, 12, 2));
        assert_eq!(call.expanded[0].0, date(2025, 2, 20).at(23, 59, 0, 0));
        let just_before: Timestamp = "2027-01-10T10:00:30Z".parse().unwrap(); // 12:00:30 EET
        assert_eq!(
            call.coming(just_before)[0].0,
            date(2027, 1, 10).at(12, 0, 0, 0)
        );
        let after: Timestamp = "2027-01-10T10:01:00Z".parse().unwrap();
        assert_eq!(call.coming(after)[0].0, date(2027, 2, 22).at(23, 59, 0, 0));
        assert!(!call.is_past(after));
    }

    #[test]
    fn a_call_without_deadlines_left_is_past_and_one_without_any_is_not() {
        let mut single = Call {
            deadlines: vec![date(2026, 3, 1).at(23, 59, 0, 0)],
            status: CallStatus::Open,
            ..Call::default()
        };
        single.expand(date(2026, 12, 2));
        let now: Timestamp = "2026-12-02T10:00:00Z".parse().unwrap();
        assert!(single.is_past(now));
        let mut rolling = Call {
            status: CallStatus::Open,
            ..Call::default()
        };
        rolling.expand(date(2026, 12, 2));
        assert!(!rolling.is_past(now));
        rolling.status = CallStatus::Closed;
        assert!(rolling.is_past(now));
    }

    #[test]
    fn eligibility_is_any_when_a_list_is_empty_and_one_of_the_list_otherwise() {
        let mut call = call();
        let sectors = vec!["design".to_owned(), "music".to_owned()];
        assert!(call.may_apply("company", &sectors, "narva"));
        call.kinds = vec!["non-profit".into()];
        assert!(!call.may_apply("company", &sectors, "narva"));
        assert!(call.may_apply("non-profit", &sectors, "narva"));
        call.sectors = vec!["film".into(), "music".into()];
        assert!(call.may_apply("non-profit", &sectors, "narva"));
        call.municipalities = vec!["johvi".into()];
        assert!(!call.may_apply("non-profit", &sectors, "narva"));
        assert!(call.may_apply("non-profit", &sectors, "johvi"));
    }
}
