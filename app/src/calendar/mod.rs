//! The event calendar's rules: Tallinn wall-clock time, series and their exceptions, and the
//! iCalendar feeds. Server only.

pub mod atom;
pub mod ics;
pub mod recurrence;
pub mod time;
