//! Registering for an event: places, the waiting list, and each registrant's private page.

pub mod api;
pub mod facts;
pub mod page;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use mail::News;
#[cfg(feature = "ssr")]
pub use store::tell_everyone;

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

/// Where a registration stands: a place, a place on the waiting list, or cancelled. Stored as
/// its lowercase name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum RegistrationStatus {
    Confirmed,
    Waiting,
    Cancelled,
}

impl RegistrationStatus {
    /// The status as the database and files have it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Waiting => "waiting",
            Self::Cancelled => "cancelled",
        }
    }
}

/// What a registrant's private link shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub event_slug: String,
    pub event_title: Localized,
    pub when: String,
    pub name: String,
    pub status: RegistrationStatus,
    /// With a place: the QR code (inline SVG) the coordinator scans at the door.
    pub check_in_qr: Option<String>,
    /// The code of their certificate of attendance, once issued.
    pub certificate: Option<String>,
    /// Their answers to the funder's questions, if they gave any.
    pub facts: Option<facts::Facts>,
}
