//! The public calendar: events and series, their list, month and pages, and the iCalendar and
//! Atom feeds.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod atom;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod series;
#[cfg(feature = "ssr")]
pub mod store;

/// The calendar the server keeps in memory, from the request's context.
#[cfg(feature = "ssr")]
pub fn calendar() -> Result<store::CalendarCache, crate::error::AppError> {
    crate::platform::context("the calendar cache")
}
