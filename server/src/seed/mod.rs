//! Data for a new database: the demo set a newcomer sees, and synthetic data in any amount.

pub mod demo;
pub mod synthetic;

use jiff::{Timestamp, Zoned, civil::Date, tz::TimeZone};

/// A Tallinn wall-clock time on `date` as an instant (right across daylight-saving changes).
fn tallinn(date: Date, hour: i8, minute: i8) -> Timestamp {
    let zone = TimeZone::get(app::shared::time::TIME_ZONE).expect("bundled tz database");
    date.at(hour, minute, 0, 0)
        .to_zoned(zone)
        .map(|zoned: Zoned| zoned.timestamp())
        .expect("a Tallinn wall-clock time")
}

pub fn today_in_tallinn() -> Date {
    let zone = TimeZone::get(app::shared::time::TIME_ZONE).expect("bundled tz database");
    Timestamp::now().to_zoned(zone).date()
}

fn text(s: &str) -> Option<String> {
    Some(s.to_owned())
}
