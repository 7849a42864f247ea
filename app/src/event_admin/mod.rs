//! The coordinator's calendar: every event with drafts, one form for new and edited events,
//! single dates of a series, and each event's registrations.

pub mod api;
pub mod form;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod editing;
#[cfg(feature = "ssr")]
pub mod store;
