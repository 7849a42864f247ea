//! Registering for an event: places, the waiting list, and each registrant's private page.

pub mod api;
pub mod page;

#[cfg(feature = "ssr")]
pub mod store;

use crate::shared::Localized;
use serde::{Deserialize, Serialize};

/// A registration received. Whether the registrant got a place, a place on the waiting list,
/// or was registered already, is told to them by mail with their private link, never in the
/// answer, so that no one can learn from it who is registered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    /// Where the confirmation went, for the registrant to see a typo.
    pub email: String,
}

/// The query parameters that bring a plain form's answer back to the event page.
pub const REGISTER_PROBLEM: &str = "register_problem";

pub const REGISTERED: &str = "registered";

/// What a registrant's private link shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub event_slug: String,
    pub event_title: Localized,
    pub when: String,
    pub name: String,
    /// `confirmed`, `waiting` or `cancelled`.
    pub status: String,
}
