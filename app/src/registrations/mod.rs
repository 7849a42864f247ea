//! Registering for an event: places, the waiting list, and each registrant's private page.

pub mod page;

#[cfg(feature = "ssr")]
pub mod store;
