//! Estonia's public holidays (rahvuspühad and riigipühad, the Holidays and Anniversaries Act
//! § 2): fixed dates, and Good Friday, Easter Sunday and Pentecost from Easter (`computus`,
//! the Gregorian computus). Saturdays and Sundays are days off too; every other day is a
//! working day.

use jiff::civil::{Date, Weekday};

/// A public holiday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Holiday {
    NewYear,
    IndependenceDay,
    GoodFriday,
    EasterSunday,
    SpringDay,
    Pentecost,
    VictoryDay,
    Midsummer,
    RestorationOfIndependence,
    ChristmasEve,
    ChristmasDay,
    BoxingDay,
}

impl Holiday {
    /// Its Estonian name, as the calendar prints it.
    pub fn name_et(self) -> &'static str {
        match self {
            Self::NewYear => "uusaasta",
            Self::IndependenceDay => "iseseisvuspäev",
            Self::GoodFriday => "suur reede",
            Self::EasterSunday => "ülestõusmispühade 1. püha",
            Self::SpringDay => "kevadpüha",
            Self::Pentecost => "nelipühade 1. püha",
            Self::VictoryDay => "võidupüha",
            Self::Midsummer => "jaanipäev",
            Self::RestorationOfIndependence => "taasiseseisvumispäev",
            Self::ChristmasEve => "jõululaupäev",
            Self::ChristmasDay => "esimene jõulupüha",
            Self::BoxingDay => "teine jõulupüha",
        }
    }
}

/// Easter Sunday of `year` (Gregorian), for the years the calendar covers.
pub fn easter(year: i16) -> Date {
    let easter = computus::gregorian(i32::from(year)).expect("every Gregorian year has an Easter");
    Date::new(year, easter.month as i8, easter.day as i8).expect("Easter is a date")
}

/// The public holidays of `year`, in date order.
pub fn holidays(year: i16) -> Vec<(Date, Holiday)> {
    use Holiday::*;
    let on = |month: i8, day: i8| Date::new(year, month, day).expect("a fixed holiday is a date");
    let easter = easter(year);
    let from_easter = |days: i64| {
        easter
            .checked_add(jiff::Span::new().days(days))
            .expect("near Easter is a date")
    };
    let mut all = vec![
        (on(1, 1), NewYear),
        (on(2, 24), IndependenceDay),
        (from_easter(-2), GoodFriday),
        (easter, EasterSunday),
        (on(5, 1), SpringDay),
        (from_easter(49), Pentecost),
        (on(6, 23), VictoryDay),
        (on(6, 24), Midsummer),
        (on(8, 20), RestorationOfIndependence),
        (on(12, 24), ChristmasEve),
        (on(12, 25), ChristmasDay),
        (on(12, 26), BoxingDay),
    ];
    all.sort_by_key(|(date, _)| *date);
    all
}

/// The holiday on `date`, if it is one.
pub fn holiday(date: Date) -> Option<Holiday> {
    holidays(date.year())
        .into_iter()
        .find_map(|(day, holiday)| (day == date).then_some(holiday))
}

/// Whether `date` is a working day: not a Saturday, a Sunday or a public holiday.
pub fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && holiday(date).is_none()
}

/// `date` itself when it is a working day, else the next one. Estonia never has more than
/// four days off in a row, so this looks at most a week ahead.
pub fn next_working_day(date: Date) -> Date {
    let mut day = date;
    for _ in 0..7 {
        if is_working_day(day) {
            return day;
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => return day,
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_and_the_holidays_that_follow_it_for_several_years() {
        for (year, easter_day, good_friday, pentecost) in [
            (2026, date(2026, 4, 5), date(2026, 4, 3), date(2026, 5, 24)),
            (
                2027,
                date(2027, 3, 28),
                date(2027, 3, 26),
                date(2027, 5, 16),
            ),
            (2028, date(2028, 4, 16), date(2028, 4, 14), date(2028, 6, 4)),
            (2029, date(2029, 4, 1), date(2029, 3, 30), date(2029, 5, 20)),
            (2030, date(2030, 4, 21), date(2030, 4, 19), date(2030, 6, 9)),
        ] {
            assert_eq!(easter(year), easter_day, "{year}");
            assert_eq!(holiday(good_friday), Some(Holiday::GoodFriday));
            assert_eq!(holiday(pentecost), Some(Holiday::Pentecost));
            assert_eq!(holidays(year).len(), 12);
        }
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        assert!(!is_working_day(date(2027, 2, 20)), "a Saturday");
        assert!(
            !is_working_day(date(2026, 2, 24)),
            "Independence Day, a Tuesday"
        );
        assert!(
            !is_working_day(date(2026, 8, 20)),
            "a Thursday, but a holiday"
        );
        assert!(is_working_day(date(2026, 8, 21)));
        assert!(
            is_working_day(date(2026, 4, 6)),
            "Easter Monday is no holiday in Estonia"
        );
        assert_eq!(next_working_day(date(2027, 2, 20)), date(2027, 2, 22));
        // 2027: Christmas Eve on a Friday, Christmas Day and Boxing Day on the weekend.
        assert_eq!(next_working_day(date(2027, 12, 24)), date(2027, 12, 27));
        // 2026: 23 and 24 June are Tuesday and Wednesday.
        assert_eq!(next_working_day(date(2026, 6, 23)), date(2026, 6, 25));
    }
}
